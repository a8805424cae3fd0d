// The region list's aids, loaded by the selection's part of ui/on_map/index.html once the page names
// the list (args.closeList: its popover's key and the list's, from ui.controls.REGION_LIST). A
// selection that changes while the list is open closes it and gives the keyboard's focus to the
// list's button: a choice taken from the list leaves the reader on the button that opened it, with
// the map and the region's details in view (ui.controls.region_picker). Opened from the keyboard, the
// list gets the focus at once (Streamlit draws it at the end of the page, out of the Tab order's reach
// from its button); opened by a tap, it does not, so that a phone's keyboard does not cover the map.
window.rmRegionList = (function () {
  "use strict";
  var lastSelection;  // undefined until the first part arrives
  function focusListFromKeyboard(doc, keys) {  // one listener on the page, this frame's (the last one's)
    var page = window.parent, mark = "__rmRegionListKeys";
    if (page[mark]) { doc.removeEventListener("keydown", page[mark], true); }
    page[mark] = function (event) {
      var button = event.target && event.target.closest &&
        event.target.closest(".st-key-" + keys.picker + " [data-testid='stPopoverButton']");
      if (!button || (event.key !== "Enter" && event.key !== " ") ||
          button.getAttribute("aria-expanded") === "true") { return; }  // only when it opens the list
      var tries = 0;
      (function focusList() {
        var input = doc.querySelector("[data-testid='stPopoverBody'] .st-key-" + keys.list + " input");
        if (input) { input.focus(); } else if (++tries < 40) { setTimeout(focusList, 25); }
      })();
    };
    doc.addEventListener("keydown", page[mark], true);
  }
  function closeList(keys, part) {
    var id = part ? part.id : null, first = lastSelection === undefined, changed = !first && id !== lastSelection;
    lastSelection = id;
    var doc = window.parent.document;
    if (first) { focusListFromKeyboard(doc, keys); }
    if (!changed) { return; }
    var button = doc.querySelector(".st-key-" + keys.picker + " [data-testid='stPopoverButton']");
    var open = doc.querySelector("[data-testid='stPopoverBody'] .st-key-" + keys.list);
    if (!button || !open || button.getAttribute("aria-expanded") !== "true") { return; }
    button.click();
    button.focus();
  }
  return closeList;
})();
