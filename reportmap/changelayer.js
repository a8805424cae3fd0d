// What changed between two days, drawn on the map already there (reportmap.changemap.change_script
// appends this function to the day's script, called with the map and the change: the area taken,
// the area lost, their styles, the legend's rows). Not interactive: hovering still reaches the
// region beneath. The layers join window.rmAdded, so the next day's script removes them.
(function (map, change) {
  "use strict";
  var svg = map.getPanes().overlayPane.querySelector("svg");
  if (svg && !document.getElementById(change.dots.id)) {  // the lost area's dots, defined once
    var ns = svg.namespaceURI, defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern"), dot = document.createElementNS(ns, "circle");
    pattern.setAttribute("id", change.dots.id);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "5");
    pattern.setAttribute("height", "5");
    dot.setAttribute("cx", "2.5"); dot.setAttribute("cy", "2.5"); dot.setAttribute("r", "1.2");
    dot.setAttribute("fill", change.dots.colour);
    pattern.appendChild(dot);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }
  ["lost", "taken"].forEach(function (kind) {
    var layer = L.geoJSON(change[kind], {interactive: false, style: change.styles[kind]});
    window.rmAdded.push(layer.addTo(map));
  });
  var legend = map.getContainer().querySelector(".rm-legend details");  // set again by each day's script
  if (legend) { legend.insertAdjacentHTML("beforeend", change.legend); }
  // The key is longer now: placed again so that it hides no Ukrainian region (reportmap/mapreader.js).
  if (window.rmRefit) { window.rmRefit(); }
})
