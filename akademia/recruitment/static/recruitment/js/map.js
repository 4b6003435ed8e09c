// The map of a call's applications: a marker at each JST's inner point over the voivodeship
// boundaries from our own GeoJSON endpoint, so it renders offline (no tile server).
// The markers come with the list beside the map: `data-points-from` names the element whose
// `data-map-points` holds them. When the htmx filter swaps that list, the markers follow it,
// so the map always shows the applications the table lists (the same query, the same scope).
(function () {
  "use strict";

  // Leaflet reads a string as HTML: names go in as an element holding plain text.
  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  const outline = { color: "#1f4e79", weight: 1, fillColor: "#4a90c2", fillOpacity: 0.08 };
  const marker = { radius: 6, color: "#12365a", weight: 1, fillColor: "#e07b00", fillOpacity: 0.9 };
  const POLAND = [52.0, 19.4];
  const maps = [];

  function pointsOf(element) {
    const source = document.getElementById(element.dataset.pointsFrom || "");
    const data = source ? source.dataset.mapPoints : element.dataset.points;
    return JSON.parse(data || "[]");
  }

  function showPoints(state) {
    const points = pointsOf(state.element);
    state.markers.clearLayers();
    points.forEach(function (point) {
      const dot = L.circleMarker([point.lat, point.lon], marker);
      dot.bindTooltip(text(point.name + " (" + point.status + ")"));
      dot.on("click", function () { window.location.href = point.url; });
      state.markers.addLayer(dot);
    });
    if (points.length) {
      state.map.fitBounds(state.markers.getBounds(), { padding: [16, 16], maxZoom: 9 });
    } else {
      state.map.setView(POLAND, 5.5);
    }
    state.element.dataset.rendered = String(points.length);
  }

  function draw(element) {
    // After htmx restores a page from its history cache, the element holds a lifeless copy of
    // the previous map: start afresh.
    element.replaceChildren();
    const map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("PRG © GUGiK · TERC © GUS");
    map.setView(POLAND, 5.5);
    const state = { element: element, map: map, markers: L.featureGroup().addTo(map) };
    if (element.dataset.background) {
      fetch(element.dataset.background, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          L.geoJSON(data, { style: function () { return outline; }, interactive: false }).addTo(map);
          state.markers.bringToFront();
        });
    }
    showPoints(state);
    return state;
  }

  function drawAll() {
    maps.length = 0;
    document.querySelectorAll(".recruitment-map").forEach(function (element) {
      maps.push(draw(element));
    });
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSwap", function () {
    maps.forEach(function (state) {
      if (state.element.isConnected) showPoints(state);
    });
  });
  document.addEventListener("htmx:historyRestore", drawAll);
})();
