// The reader's way around the map (reportmap.mapparts.MapReader inlines this file and calls it with
// the map, its regions layer and the options: bounds, widths, texts in the page's language, and the
// names it shares with the page, from reportmap.mapprotocol).
// - The opening view: Ukraine fitted into the frame, again whenever the frame changes size until
//   the reader moves the map; the legend where it hides no Ukrainian region: beside Ukraine on a
//   wide map; open under it over Moldova, Romania and the sea where it fits (up to half a zoom
//   step less if need be); folded otherwise; folded in the top corner on a phone.
// - A "back to Ukraine" button restores that view.
// - Cooperative wheel: a plain wheel scrolls the page and a hint says how to zoom; Ctrl/Cmd +
//   wheel (and a trackpad's pinch) zooms the map.
// - A region selected (click, tap, Enter) whose details are out of the page's view: the page
//   scrolls to them, and a "back to the map" button returns.
(function (map, regions, o) {
  "use strict";
  var box = map.getContainer(), bounds = L.latLngBounds(o.bounds), touched = false, EDGE = 2;
  var mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
    box.addEventListener(name, function () { touched = true; }, {passive: true});
  });

  function ukraineUnder(element) {  // does any Ukrainian region's box meet the element's?
    var r = element.getBoundingClientRect(), hit = false;
    regions.eachLayer(function (layer) {
      if (hit || layer.feature.properties.role !== "ukraine" || !layer._path) { return; }
      var p = layer._path.getBoundingClientRect();
      hit = p.left < r.right && p.right > r.left && p.top < r.bottom && p.bottom > r.top;
    });
    return hit;
  }

  function atTop(zoom) {  // Ukraine centred across the frame and held at its top: the most room under it
    var ne = map.project(bounds.getNorthEast(), zoom), sw = map.project(bounds.getSouthWest(), zoom);
    map.setView(map.unproject(L.point((ne.x + sw.x) / 2, ne.y - EDGE + map.getSize().y / 2), zoom), zoom,
                {animate: false});
  }

  function fit() {
    var legend = box.querySelector(".rm-legend"), details = legend && legend.querySelector("details");
    var width = box.clientWidth, pad = 0;
    if (details && width < o.phone) {
      box.querySelector(".leaflet-top.leaflet-right").appendChild(legend);
      details.open = false;
    } else if (details) {
      var corner = box.querySelector(".leaflet-bottom.leaflet-left");  // back from the top, if a phone turned
      if (legend.parentNode !== corner) { corner.insertBefore(legend, corner.firstChild); }
      details.open = true;
      if (width >= o.beside) { pad = legend.offsetWidth + 10; }
    }
    if (details && details.open && !pad) {  // open under Ukraine, if need be up to half a zoom step smaller
      var zoom = map.getBoundsZoom(bounds, false, L.point(0, 2 * EDGE));
      for (var step = 0; step < 3; step++) {
        atTop(zoom - step * map.options.zoomSnap);
        if (!ukraineUnder(legend)) { return; }
      }
      details.open = false;  // no room: one line, over the sea
    }
    map.fitBounds(bounds, {paddingTopLeft: [pad, 0], animate: false});
  }

  fit();
  // A key that grew (what changed, drawn by maptransport.js) is fitted again, unless the reader moved the map.
  window.rmRefit = function () { if (!touched) { fit(); } };
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (!box.clientWidth || !box.clientHeight) { return; }  // hidden: nothing to fit
      map.invalidateSize();
      if (!touched) { fit(); }
    }).observe(box);
  }

  // Back to Ukraine: the opening view, which then follows the frame's size again.
  var Reset = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var bar = L.DomUtil.create("div", "leaflet-bar rm-reset");
      var button = L.DomUtil.create("button", "", bar);
      button.type = "button";
      button.title = o.reset;
      button.setAttribute("aria-label", o.reset);
      button.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        + '<path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" fill="none" stroke="currentColor"'
        + ' stroke-width="2"/><circle cx="8" cy="8" r="2" fill="currentColor"/></svg>';
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(button, "click", function () { touched = false; fit(); });
      return bar;
    }
  });
  new Reset().addTo(map);
  // The controls (zoom, back to Ukraine, legend) before the regions in the Tab order, as they are on screen.
  box.insertBefore(map._controlContainer, box.firstChild);

  // Cooperative wheel: Leaflet's own wheel zoom hears only Ctrl/Cmd + wheel (and a pinch on a
  // trackpad, which the browser sends as one); any other wheel is left to scroll the page.
  var hint = L.DomUtil.create("div", "rm-hint", box), hideHint = null;
  hint.setAttribute("aria-hidden", "true");
  hint.textContent = mac ? o.hintMac : o.hint;
  box.addEventListener("wheel", function (event) {
    if (event.ctrlKey || event.metaKey) { touched = true; return; }
    event.stopImmediatePropagation();  // before Leaflet's handler, on the container: no zoom, no preventDefault
    hint.classList.add("rm-shown");
    clearTimeout(hideHint);
    hideHint = setTimeout(function () { hint.classList.remove("rm-shown"); }, 1500);
  }, {capture: true, passive: true});

  // A selection whose details are out of view: bring them, and offer the way back.
  var page = null;
  try { page = window.parent !== window && window.frameElement && window.parent; } catch (error) { page = null; }
  if (!page) { return; }
  var doc = page.document, reduced = page.matchMedia && page.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var how = reduced ? "auto" : "smooth", waiting = null;

  function bringIntoView(element) {  // to the top of the page's view, below its header bar if it has one
    var header = doc.querySelector('header[data-testid="stHeader"]');
    var bar = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    element.style.scrollMarginTop = (bar + 8) + "px";
    element.scrollIntoView({block: "start", behavior: how});
  }

  function backButton() {
    var back = doc.getElementById(o.backId);
    if (back) { back.remove(); }
    back = doc.createElement("button");
    back.id = o.backId;
    back.type = "button";
    back.textContent = "\u2191 " + o.back;
    back.style.cssText = "position:fixed;right:16px;bottom:16px;z-index:1000;padding:10px 14px;border:0;"
      + "border-radius:20px;background:#1558d6;color:#fff;font:600 15px/1.2 system-ui,sans-serif;"
      + "box-shadow:0 2px 6px rgba(0,0,0,.35);cursor:pointer";
    var seen = null, away = false;
    function done() { if (seen) { seen.disconnect(); } back.remove(); }
    back.addEventListener("click", function () {
      bringIntoView(window.frameElement);
      done();
      box.focus({preventScroll: true});
    });
    doc.body.appendChild(back);
    if (page.IntersectionObserver) {  // gone once the reader is back at the map by any way
      seen = new page.IntersectionObserver(function (entries) {
        var visible = entries[entries.length - 1].isIntersecting;
        if (!visible) { away = true; } else if (away) { done(); }
      }, {threshold: 0.5});
      seen.observe(window.frameElement);
    }
  }

  function reveal(id) {
    clearInterval(waiting);
    var tries = 0;
    waiting = setInterval(function () {
      var details = doc.querySelector(".st-key-" + o.details + id);
      if (!details && ++tries < 80) { return; }
      clearInterval(waiting);
      if (!details) { return; }
      var top = details.getBoundingClientRect().top;
      if (top >= 0 && top < page.innerHeight * 0.75) { return; }  // already in view (beside the map)
      bringIntoView(details);
      backButton();
    }, 125);
  }

  regions.on("click", function (event) {
    var props = event.layer && event.layer.feature && event.layer.feature.properties;
    if (props && props.label) { reveal(String(props.id).replace(/[^A-Za-z0-9_-]/g, "-")); }
  });
})
