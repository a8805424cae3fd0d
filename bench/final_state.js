(cfg) => {
  const B = window.__bench || {};
  const boxes = [...document.querySelectorAll('[data-testid="stException"]')];
  const iframe = document.querySelector('iframe[src*="' + cfg.frameMarker + '"]');
  let paths = null;
  try { paths = iframe.contentDocument.querySelectorAll(cfg.selector).length; } catch (e) { paths = null; }
  const pickers = [...document.querySelectorAll('[data-testid="stPopover"] button')]
    .map((b) => (b.innerText || b.textContent || "").trim());
  return {href: location.href, paths, pickers, benchError: B.error || null,
          exceptions: boxes.map((b) => (b.innerText || b.textContent || "").trim().slice(0, 300))};
}
