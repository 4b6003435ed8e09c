// The JST picker: a keyboard-usable combobox (WAI-ARIA pattern) over territory:jst-search.
// The server renders the options (htmx); this file only moves the highlight and picks one.
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    const input = root.querySelector("[data-jst-search]");
    const hidden = root.querySelector("[data-jst-value]");
    const status = root.querySelector("[data-jst-status]");
    const listboxId = input.getAttribute("aria-controls");
    let active = -1;
    let timer = null;

    const listbox = () => document.getElementById(listboxId);
    const options = () =>
      Array.from(listbox().querySelectorAll('[role="option"][data-code]'));

    function open(show) {
      listbox().hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      const all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach((option, i) => option.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function choose(option) {
      hidden.value = option.dataset.code;
      input.value = option.dataset.label;
      open(false);
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function search() {
      const query = input.value.trim();
      if (query.length < 2) {
        open(false);
        return;
      }
      htmx
        .ajax("GET", input.dataset.searchUrl, {
          target: "#" + listboxId,
          swap: "outerHTML",
          values: { q: query, listbox: listboxId },
        })
        .then(function () {
          active = -1;
          open(true);
          status.textContent = listbox().dataset.status || "";
        });
    }

    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });

    input.addEventListener("keydown", function (event) {
      const expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) search();
        else highlight(active + 1);
      } else if (event.key === "ArrowUp" && expanded) {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && expanded) {
        event.preventDefault();
        const all = options();
        if (all.length) choose(all[Math.max(active, 0)]);
      } else if (event.key === "Escape" && expanded) {
        event.preventDefault();
        open(false);
      }
    });

    root.addEventListener("mousedown", function (event) {
      // mousedown, not click: it comes before the input's blur closes the list.
      const option = event.target.closest('[role="option"][data-code]');
      if (option) {
        event.preventDefault();
        choose(option);
      }
    });

    input.addEventListener("blur", function () {
      setTimeout(function () { open(false); }, 100);
    });

    // Text typed before this script ran (a slow connection) is searched now, not lost.
    if (document.activeElement === input && !hidden.value) search();
  }

  function setupAll(scope) {
    scope.querySelectorAll("[data-jst-picker]").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupAll(document);
    document.body.addEventListener("htmx:load", function (event) { setupAll(event.target); });
  });
})();
