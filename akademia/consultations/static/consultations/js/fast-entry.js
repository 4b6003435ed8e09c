// Fast entry of comments during a meeting (consultations:meeting-type).
// Ctrl+Enter (Cmd+Enter on a Mac) sends the form from any of its fields; htmx posts it and the
// server answers with a fresh form whose textarea has autofocus. Text typed while the request
// was on its way is carried over into the new textarea instead of being lost.
(function () {
  "use strict";

  const FORM = "[data-fast-entry]";
  let sent = null;
  let typed = null;

  function textOf(form) {
    const area = form && form.querySelector("textarea");
    return area ? area.value : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const form = event.target.closest && event.target.closest(FORM);
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.matches(FORM)) sent = textOf(event.detail.elt);
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.elt.matches(FORM)) typed = textOf(event.detail.elt);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    const form = document.querySelector(FORM);
    if (!form || sent === null || typed === null) return;
    const extra = typed.startsWith(sent) ? typed.slice(sent.length) : "";
    sent = typed = null;
    const area = form.querySelector("textarea");
    if (!area) return;
    if (extra) area.value += extra;
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  });
})();
