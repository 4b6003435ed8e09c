// Small-screen layout without inline script (CSP): the header menu folds behind a button, and
// every wide table scrolls inside its own focusable box instead of the whole page (WCAG 1.4.10).
(function () {
  "use strict";

  function foldMenu() {
    var nav = document.querySelector(".main-nav");
    var button = document.querySelector(".menu-toggle");
    if (!nav || !button) return;
    button.hidden = false;
    document.documentElement.classList.add("menu-folds");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("open", !open);
    });
  }

  function boxTables(root) {
    (root || document).querySelectorAll("table").forEach(function (table) {
      if (table.parentElement.classList.contains("table-scroll")) return;
      var box = document.createElement("div");
      box.className = "table-scroll";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      table.parentElement.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  // After a refused form, focus moves to its error summary, wherever the form is on the page.
  function focusErrors(root) {
    var summary = (root || document).querySelector(".error-summary");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldMenu();
    boxTables(document);
    focusErrors(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    boxTables(event.target);
    focusErrors(event.target);
  });
})();
