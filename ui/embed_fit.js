// In an article's frame (ui/embed.py): fit Ukraine above the attribution line, which on a narrow
// frame is two or three lines high and would otherwise lie over Crimea. Runs after the map's own
// fit (reportmap.mapparts.FitWhileUntouched) and, like it, again whenever the frame changes size,
// until the reader pans or zooms. `map` and `bounds` are given by the Python that ships this file.
(function (map, bounds) {
  var box = map.getContainer(), touched = false;
  ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (name) {
    box.addEventListener(name, function () { touched = true; }, {passive: true});
  });
  function fit() {
    var foot = box.querySelector(".leaflet-control-attribution");
    map.fitBounds(bounds, {paddingTopLeft: [0, 4], paddingBottomRight: [0, (foot ? foot.offsetHeight : 0) + 4],
                           animate: false});
  }
  // A frame later: after the map's own fit, whichever of the two observers runs first; and again
  // when a zoom ends that was not the reader's (ours, at the same zoom, ends none: it stops there).
  function later() {
    window.requestAnimationFrame(function () {
      if (box.clientWidth && box.clientHeight && !touched) { fit(); }
    });
  }
  later();
  map.on("zoomend", later);
  if (window.ResizeObserver) { new ResizeObserver(later).observe(box); }
})
