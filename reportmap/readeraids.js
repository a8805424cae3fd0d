// What makes the map usable for every reader, in Leaflet's own terms (reportmap.mapparts.ReaderAids
// inlines this file and calls it with the map and its regions layer):
// - Tooltips stay wholly inside the map (Leaflet would let them run off its edges).
// - Leaflet focuses its container on the first press; the page must not scroll then, or the
//   press ends somewhere else and the first click is lost.
// - On a touch screen one finger scrolls the page; two fingers pan and zoom the map.
// - Keyboard: each Ukrainian region and Kursk is a named tab stop that Enter or Space selects;
//   neighbouring countries are not tab stops.
(function (map, regions) {
    if (!L.Tooltip.prototype._rmInside) {
        var place = L.Tooltip.prototype._setPosition;
        L.Tooltip.prototype._setPosition = function (pos) {
            place.call(this, pos);
            var box = this._container, m = this._map;
            if (!m || !box) { return; }
            var at = m.layerPointToContainerPoint(L.DomUtil.getPosition(box)), size = m.getSize();
            var x = Math.max(4, Math.min(at.x, size.x - box.offsetWidth - 4));
            var y = Math.max(4, Math.min(at.y, size.y - box.offsetHeight - 4));
            if (x !== at.x || y !== at.y) {
                L.DomUtil.setPosition(box, m.containerPointToLayerPoint(L.point(x, y)));
            }
        };
        L.Tooltip.prototype._rmInside = true;
    }
    var container = map.getContainer(), focus = container.focus;
    container.focus = function (options) {
        return focus.call(container, Object.assign({}, options || {}, {preventScroll: true}));
    };
    if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
        map.dragging.disable();
    }
    regions.eachLayer(function (layer) {
        var path = layer.getElement && layer.getElement(), props = layer.feature.properties;
        if (!path) { return; }
        if (!props.label) {
            path.setAttribute("tabindex", "-1");
            path.setAttribute("aria-hidden", "true");
            return;
        }
        path.setAttribute("tabindex", "0");
        path.setAttribute("role", "button");
        path.setAttribute("aria-label", props.label);
        path.addEventListener("keydown", function (event) {
            if (event.key !== "Enter" && event.key !== " ") { return; }
            event.preventDefault();
            layer.fire("click", {latlng: layer.getBounds().getCenter(), originalEvent: event}, true);
        });
    });
    // Any other path Leaflet made focusable (the Kursk circle) is no tab stop of its own.
    container.querySelectorAll("path.leaflet-interactive:not([aria-label])").forEach(function (path) {
        path.setAttribute("tabindex", "-1");
    });
})
