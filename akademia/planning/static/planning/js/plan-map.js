// The map of a plan: the project's outline from our own GeoJSON (no tile server), a marker
// per venue (used: large and white; unused: small and grey), and a line from each JST to its
// group's venue, one colour per group. The legend is HTML in the page (plan_detail.html).
(function () {
  "use strict";

  // Leaflet reads a string as HTML: names go in as an element holding plain text.
  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  // Each team comes with its group's colour (planning/summary.py PALETTE), the same the
  // legend beside the map shows, so the page and the map never disagree.
  const outline = { color: "#1f4e79", weight: 1, fillColor: "#4a90c2", fillOpacity: 0.06 };

  function draw(element, data) {
    const map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("PRG © GUGiK · TERC © GUS");
    const layers = [];
    data.teams.forEach(function (team) {
      const c = team.colour;
      const line = L.polyline([[team.lat, team.lon], team.venue], { color: c, weight: 2, opacity: 0.8 });
      line.bindTooltip(text(team.name + " → " + team.group));
      layers.push(line);
      const dot = L.circleMarker([team.lat, team.lon], { radius: 4, color: c, weight: 1, fillColor: c, fillOpacity: 0.9 });
      dot.bindTooltip(text(team.name + " (" + team.group + ")"));
      layers.push(dot);
    });
    data.venues.forEach(function (venue) {
      const used = venue.groups.length > 0;
      const marker = L.circleMarker([venue.lat, venue.lon], {
        radius: used ? 8 : 4, color: "#12365a", weight: 2,
        fillColor: used ? "#ffffff" : "#9aa7b3", fillOpacity: used ? 1 : 0.6,
      });
      marker.bindTooltip(text(venue.name + (used ? ": " + venue.groups.join(", ") : "")));
      layers.push(marker);
    });
    const group = L.featureGroup(layers).addTo(map);
    map.setView([52.0, 19.4], 5.5);
    if (layers.length) map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 10 });
    if (element.dataset.outline) {
      fetch(element.dataset.outline, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (geojson) {
          L.geoJSON(geojson, { style: function () { return outline; }, interactive: false }).addTo(map);
          group.bringToFront();
        });
    }
    element.dataset.rendered = String(data.teams.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".plan-map").forEach(function (element) {
      fetch(element.dataset.url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(element, data); });
    });
  });
})();
