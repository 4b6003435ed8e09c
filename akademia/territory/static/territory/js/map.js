// Maps of the registry: boundaries from our own GeoJSON endpoints, no tile server, so they
// render in a closed network. Each unit links to its page; the lists beside are the same links.
(function () {
  "use strict";

  // Leaflet reads a string as HTML: names go in as an element holding plain text.
  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  const style = { color: "#1f4e79", weight: 1, fillColor: "#4a90c2", fillOpacity: 0.18 };
  const hover = { weight: 2.5, fillOpacity: 0.35 };

  function draw(element, data) {
    const map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("PRG © GUGiK · TERC © GUS");
    const layer = L.geoJSON(data, {
      style: function () { return style; },
      onEachFeature: function (feature, shape) {
        shape.bindTooltip(text(feature.properties.name), { sticky: true });
        if (feature.properties.url) {
          shape.on("click", function () { window.location.href = feature.properties.url; });
          shape.on("mouseover", function () { shape.setStyle(hover); });
          shape.on("mouseout", function () { layer.resetStyle(shape); });
        }
      },
    }).addTo(map);
    if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    element.dataset.rendered = String(layer.getLayers().length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".map").forEach(function (element) {
      if (element.dataset.geojsonInline) {
        draw(element, JSON.parse(element.dataset.geojsonInline));
      } else if (element.dataset.geojson) {
        fetch(element.dataset.geojson, { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { draw(element, data); });
      }
    });
  });
})();
