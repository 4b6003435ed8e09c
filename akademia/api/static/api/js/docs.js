// The API documentation page: Swagger UI over the published schema (no inline script: the CSP).
// "Authorize" takes a token (Bearer); without one, "Try it out" reads as the signed-in person.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: false, // its links inside the buttons would nest interactive controls (WCAG)
    syntaxHighlight: false, // the highlighter's colours fall short of contrast
    persistAuthorization: false,
    supportedSubmitMethods: ["get", "head"],
  });
  // Examples of answers scroll sideways: each can take the keyboard's focus to be scrolled.
  var focusable = function () {
    root.querySelectorAll("pre:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  };
  new MutationObserver(focusable).observe(root, { childList: true, subtree: true });
})();
