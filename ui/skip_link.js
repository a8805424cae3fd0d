// Streamlit's "Skip to main content" link, in the page's language: its words are fixed in
// Streamlit's own bundle. Run by ui/page.py's skip_link() with the label in __LABEL__; React
// draws the link once with the app and leaves its text alone afterwards.
(function (label) {
    var link = document.querySelector('[data-testid="stSkipToContent"]');
    if (link && link.textContent !== label) { link.textContent = label; }
})(__LABEL__);
