// The benchmark's probe (bench/probe.py adds it to every page before the page's own scripts).
// Runs in the top frame (Playwright does not re-run init scripts when the component iframe
// navigates from about:blank, so the top frame watches
// the same-origin iframe itself). It counts websocket bytes (a WebSocket subclass) and
// watches for the blank text, for an exception box, or for the polygons inside the
// streamlit-folium iframe. Times are absolute (timeOrigin + now); "painted" is the first
// animation frame after the DOM change was seen.
(() => {
  if (window !== window.top) return;
  const cfg = __CONFIG__;
  const now = () => performance.timeOrigin + performance.now();
  const B = window.__bench = {navStart: performance.timeOrigin, wsBytes: 0, wsFrames: 0,
                              wsFirstAt: null, wsOpenAt: null, wsExtensions: null, error: null, done: null,
                              map: null, msgAt: []};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => {
        if (B.wsOpenAt === null) { B.wsOpenAt = now(); B.wsExtensions = this.extensions; }
      });
      this.addEventListener("message", (event) => {
        const d = event.data;
        B.wsFrames += 1;
        B.wsBytes += typeof d === "string" ? new Blob([d]).size : (d.byteLength ?? d.size ?? 0);
        if (B.wsFirstAt === null) B.wsFirstAt = now();
        if (B.msgAt.length < 5000) B.msgAt.push(now());
      });
    }
  };
  const finish = (extra) => {
    const detected = now(), wsBytes = B.wsBytes, wsFrames = B.wsFrames;
    requestAnimationFrame(() => { B.done = {detected, painted: now(), wsBytes, wsFrames, ...extra()}; });
  };
  const watch = (root, test, hit, characterData) => {
    let fired = false;
    const run = () => {
      if (fired) return;
      const found = test();
      if (found) { fired = true; observer.disconnect(); hit(found); }
    };
    const observer = new MutationObserver(run);
    observer.observe(root, {childList: true, subtree: true, characterData});
    run();
    return observer;
  };
  watch(document, () => document.querySelector('[data-testid="stException"]'),
        (el) => { B.error = "exception on the page: " + (el.textContent || "").slice(0, 300); }, false);
  if (cfg.text !== null) {
    watch(document, () => document.body && document.body.textContent.includes(cfg.text),
          () => finish(() => ({})), true);
    return;
  }
  const M = B.map = {start: null, paths: 0, firstAt: null, seen: false};
  let doc = null, observer = null, win = null;
  const tick = () => {
    if (M.seen) return;
    const iframe = document.querySelector('iframe[src*="' + cfg.frameMarker + '"]');
    let d = null;
    try { d = iframe && iframe.contentDocument; } catch (e) { d = null; }
    if (d && d !== doc && String(d.location.href).includes(cfg.frameMarker)) {
      if (observer) observer.disconnect();
      doc = d; win = iframe.contentWindow; M.start = win.performance.timeOrigin;
      observer = watch(doc, () => {
        const n = doc.querySelectorAll(cfg.selector).length;
        M.paths = n;
        if (n > 0 && M.firstAt === null) M.firstAt = now();
        return n >= cfg.expected;
      }, () => {
        M.seen = true;
        finish(() => {
          const loaded = (test) => {  // when a file the iframe fetched had arrived, if it fetched one
            const e = win.performance.getEntriesByType("resource").find((r) => test(new URL(r.name).pathname));
            return e ? win.performance.timeOrigin + e.responseEnd : null;
          };
          return {componentJsLoadedAt: loaded((p) => /\/main\.[^/]*\.js$/.test(p)),
                  leafletLoadedAt: loaded((p) => p.endsWith("/leaflet.js"))};
        });
      }, false);
    }
    if (!M.seen) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
