// Hatching for the measured occupied area, defined once in the map's SVG (reportmap.mapparts.
// HatchedOverlay inlines this file and calls it with the map, the pattern's id and its colour).
// Leaflet writes a path's fillColor into its SVG fill attribute, so a fill of url(#id) draws it.
(function (map, id, colour) {
    var svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg || document.getElementById(id)) { return; }
    var ns = svg.namespaceURI;
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", id);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "6");
    pattern.setAttribute("height", "6");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
    line.setAttribute("x2", "0"); line.setAttribute("y2", "6");
    line.setAttribute("stroke", colour);
    line.setAttribute("stroke-width", "1.4");
    line.setAttribute("stroke-opacity", "0.6");
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
})
