// The map of a call's applications: a marker at each JST's inner point over the voivodeship
// boundaries from our own GeoJSON endpoint, so it renders offline (no tile server).
(function () {
  "use strict";

  const outline = { color: "#1f4e79", weight: 1, fillColor: "#4a90c2", fillOpacity: 0.08 };
  const marker = { radius: 6, color: "#12365a", weight: 1, fillColor: "#e07b00", fillOpacity: 0.9 };

  function draw(element) {
    const points = JSON.parse(element.dataset.points || "[]");
    const map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("PRG © GUGiK · TERC © GUS");
    const markers = L.featureGroup(
      points.map(function (point) {
        const dot = L.circleMarker([point.lat, point.lon], marker);
        dot.bindTooltip(point.name + " (" + point.status + ")");
        dot.on("click", function () { window.location.href = point.url; });
        return dot;
      })
    );
    map.setView([52.0, 19.4], 5.5);
    if (element.dataset.background) {
      fetch(element.dataset.background, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          L.geoJSON(data, { style: function () { return outline; }, interactive: false }).addTo(map);
          markers.bringToFront();
        });
    }
    markers.addTo(map);
    if (points.length) map.fitBounds(markers.getBounds(), { padding: [16, 16], maxZoom: 9 });
    element.dataset.rendered = String(points.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".recruitment-map").forEach(draw);
  });
})();
