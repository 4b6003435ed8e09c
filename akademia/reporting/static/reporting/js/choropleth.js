// Choropleth maps of the monitoring: our own GeoJSON (no tile server, so they render offline),
// each unit coloured by the share of its JST reached; optional points of the JST by status.
// Names reach Leaflet as text elements, never as HTML strings.
(function () {
  "use strict";

  const BANDS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  const STATUS = { applied: "#9ca3af", enrolled: "#f59e0b", training: "#2563eb", certified: "#15803d" };

  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function style(feature) {
    const band = feature.properties.band;
    return {
      color: "#374151",
      weight: 0.8,
      fillColor: band >= 0 ? BANDS[band] : "#f3f4f6",
      fillOpacity: 0.9,
    };
  }

  function label(p) {
    return p.name + ": " + p.reached + " / " + p.jst + " JST (" + p.share + "%), " + p.people;
  }

  function points(map, url) {
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, {
              radius: 4, weight: 1, color: "#1b1f24",
              fillColor: STATUS[feature.properties.status] || "#9ca3af", fillOpacity: 1,
            });
          },
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(text(feature.properties.name));
          },
        }).addTo(map);
      });
  }

  function draw(element, data) {
    const map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("PRG © GUGiK · TERC © GUS");
    const layer = L.geoJSON(data, {
      style: style,
      onEachFeature: function (feature, shape) {
        shape.bindTooltip(text(label(feature.properties)), { sticky: true });
      },
    }).addTo(map);
    if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    if (element.dataset.points) points(map, element.dataset.points);
    element.dataset.rendered = String(layer.getLayers().length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".map-choropleth").forEach(function (element) {
      fetch(element.dataset.geojson, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(element, data); });
    });
  });
})();
