// The page's day and selection on the drawn map (reportmap.mapprotocol.MapTransport inlines this
// file and calls it with the map, its regions layer and the protocol's names, mapprotocol.names()).
// The page (ui/on_map/index.html) keeps the latest part of each kind as data in the page's window
// (names.state) and calls names.apply in the map's frame when one changes; the map also asks for
// them itself once drawn, whichever comes first. Each call removes the layers the last one added
// and shows the parts again, in the order of names.parts (the day's overlay, then the outline).
(function (map, regions, names) {
    "use strict";
    var container = map.getContainer(), added = [], applied = null;
    // Another day's measurement: each region's text and fill, and the legend's date, change in
    // place; a null patch brings back what the map was built with.
    var styler = regions.options.style;
    regions.options.style = function (feature) {
        return Object.assign({}, styler(feature), {fillColor: feature.properties.fill});
    };
    function setDay(patch) {
        regions.eachLayer(function (layer) {
            var props = layer.feature.properties, path = layer.getElement && layer.getElement();
            if (!props._base) { props._base = {tip: props.tip, label: props.label, fill: props.fill}; }
            var next = (patch && patch.regions[props.id]) || props._base;
            props.tip = next.tip; props.label = next.label; props.fill = next.fill;
            regions.resetStyle(layer);
            if (path && props.label) { path.setAttribute("aria-label", props.label); }
        });
        var legend = container.querySelector(".rm-legend details");  // keeps its open or folded state
        if (legend) {
            if (legend._base === undefined) { legend._base = legend.innerHTML; }
            legend.innerHTML = patch ? patch.legend : legend._base;
        }
    }
    // What changed between two days (reportmap.changemap.change_part): the area lost, then the area
    // taken, not interactive (hovering still reaches the region beneath); the legend's two rows; and the
    // key placed again, as it grew (reportmap/mapreader.js), so that it hides no Ukrainian region.
    function showChange(change) {
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
            added.push(L.geoJSON(change[kind], {interactive: false, style: change.styles[kind]}).addTo(map));
        });
        var legend = container.querySelector(".rm-legend details");  // set again by each day
        if (legend) { legend.insertAdjacentHTML("beforeend", change.legend); }
        if (window.rmRefit) { window.rmRefit(); }
    }
    var show = {
        day: function (part) {  // {patch, overlay, style, change}: mapprotocol.day_part, pages/map.py's change
            setDay(part.patch);
            if (part.overlay) {
                added.push(L.geoJSON(part.overlay, {interactive: false, style: part.style}).addTo(map));
            }
            if (part.change) { showChange(part.change); }
        },
        selection: function (part) {  // {id, style}: mapprotocol.selection_part
            map.eachLayer(function (layer) {
                var props = layer.feature && layer.feature.properties;
                if (!props || props.id !== part.id || !layer.toGeoJSON) { return; }
                added.push(L.geoJSON(layer.toGeoJSON(), {interactive: false, style: part.style}).addTo(map));
            });
        }
    };
    window[names.apply] = function () {
        var state = null;
        try { state = window.parent[names.state]; } catch (error) { return; }  // no page around
        if (!state) { return; }
        var next = JSON.stringify(names.parts.map(function (name) { return state[name] || null; }));
        if (next === applied) { return; }
        applied = next;
        added.forEach(function (layer) { map.removeLayer(layer); });
        added = [];
        JSON.parse(next).forEach(function (part, index) {  // a copy of the page's data, in this frame
            if (part) { show[names.parts[index]](part); }
        });
    };
    window[names.apply]();
})
