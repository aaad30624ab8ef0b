// The map: a vendored Natural Earth basemap (no tiles), each place drawn by its precision, claims in popups.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var places = JSON.parse(document.getElementById(el.dataset.places).textContent);
  var map = L.map(el, { worldCopyJump: true, attributionControl: true }).setView([48, 30], 3);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");

  function popup(props) {
    // Built from DOM nodes with textContent: no ingested string is ever read as HTML.
    var box = document.createElement("div");
    box.className = "popup";
    var title = document.createElement("strong");
    title.textContent = props.name + " (" + props.precision + ")";
    box.appendChild(title);
    var list = document.createElement("ul");
    props.claims.slice(0, 20).forEach(function (c) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/documents/" + encodeURIComponent(c.document_id) + "#claim-" + encodeURIComponent(c.claim_id);
      link.textContent = (c.source || "narration") + (c.date ? ", " + c.date : "");
      item.appendChild(link);
      item.appendChild(document.createTextNode(" [" + c.modality + "] " + c.content.slice(0, 160)));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (props.claims.length > 20) {
      box.appendChild(document.createTextNode("… and " + (props.claims.length - 20) + " more"));
    }
    return box;
  }

  // Natural Earth rings that cross the antimeridian (Russia's far east, Fiji, the Aleutians) would be drawn
  // straight across a flat map: carry their western half past 180°. Antarctica (010) is left out.
  function unwrap(countries) {
    countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
    countries.features.forEach(function (f) {
      if (!f.geometry) { return; }
      var polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      polygons.forEach(function (rings) {
        rings.forEach(function (ring) {
          var crosses = ring.some(function (p, i) { return i && Math.abs(p[0] - ring[i - 1][0]) > 180; });
          if (crosses) { ring.forEach(function (p) { if (p[0] < 0) { p[0] += 360; } }); }
        });
      });
    });
    return countries;
  }

  function draw(countries) {
    var byNumber = {};
    places.features.forEach(function (f) {
      if (f.properties.precision === "country" && f.properties.country_number) {
        byNumber[f.properties.country_number] = f;
      }
    });
    L.geoJSON(countries, {
      style: function (shape) {
        var hit = byNumber[shape.id];
        return hit ? { color: "#b05", weight: 1, fillColor: "#d36", fillOpacity: 0.12, className: "claim-mark precision-country" }
                   : { color: "#9aa", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1, interactive: false };
      },
      onEachFeature: function (shape, layer) {
        var hit = byNumber[shape.id];
        if (hit) { layer.bindPopup(popup(hit.properties)); }
      }
    }).addTo(map);
    var bounds = [];
    places.features.forEach(function (f) {
      var p = f.properties;
      if (!f.geometry || p.precision === "country") { return; }
      var at = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var layer;
      if (p.precision === "point") {
        layer = L.circleMarker(at, { radius: 6, color: "#036", fillColor: "#07c", fillOpacity: 0.9, weight: 1, className: "claim-mark precision-point" });
      } else {
        layer = L.circle(at, { radius: p.radius_m, color: p.precision === "city" ? "#07c" : "#a60", weight: 1.5,
                               fillOpacity: 0.15, className: "claim-mark precision-" + p.precision });
      }
      layer.bindPopup(popup(p)).addTo(map);
      bounds.push(at);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7 }); }
    el.dataset.drawn = String(document.querySelectorAll("#map .claim-mark").length);
  }

  fetch(el.dataset.basemap, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (atlas) { draw(unwrap(topojson.feature(atlas, atlas.objects.countries))); });
})();
