// A question shown only when an earlier answer equals a value (data-show-if: the earlier
// question's field name, data-show-value: the option's number). Without JavaScript every
// question is shown and the note says when to answer; the server ignores hidden answers.
(function () {
  "use strict";
  function chosen(form, name) {
    return Array.prototype.map.call(
      form.querySelectorAll('[name="' + name + '"]:checked'), function (input) { return input.value; }
    );
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (item) {
      var values = chosen(form, item.getAttribute("data-show-if"));
      var shown = values.indexOf(item.getAttribute("data-show-value")) !== -1;
      item.hidden = !shown;
      var note = item.querySelector(".show-if-note");
      if (note) { note.hidden = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".survey-form");
    if (!form) { return; }
    update(form);
    form.addEventListener("change", function () { update(form); });
  });
})();
