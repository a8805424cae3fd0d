// A Leaflet control holding prepared (escaped) HTML, so it travels with the map
// (reportmap.mapparts.HtmlControl inlines this file and calls it with the map, the HTML, the
// control's corner and an attribution for Leaflet's attribution line, empty for none).
(function (map, html, position, attribution) {
    var control = L.control({position: position});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", "rm-legend");
        div.innerHTML = html;
        return div;
    };
    control.addTo(map);
    if (attribution) {
        map.attributionControl.addAttribution(attribution);
    }
})
