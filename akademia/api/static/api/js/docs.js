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
    deepLinking: true,
    persistAuthorization: false,
    supportedSubmitMethods: ["get", "head"],
  });
})();
