"""Which tier a test file belongs to, from where it is and what it drives (tests/conftest.py marks
every collected test so; a new test file is tiered without anyone remembering to).

- `browser`: under tests/browser/: a real Chromium against a running Streamlit server.
- `app`: drives the pages through Streamlit's AppTest (it imports `streamlit.testing`, the
  helpers of tests/test_app.py, or tests/support/apptest.py).
- `unit`: everything else: pure functions, the map builder's HTML, the data, the project's files.

The fast loop is `make check` (`pytest -n auto -m "not browser and not slow"`: without the load and deploy
tests, which start real servers); `make test` runs all three tiers and the slow tests.
"""

from __future__ import annotations

import re
from pathlib import Path

TIERS = ("unit", "app", "browser")
BROWSER_DIR = Path(__file__).resolve().parent / "browser"
_DRIVES_PAGES = re.compile(
    r"^\s*(?:from|import) streamlit\.testing\b|^from (?:tests\.)?(?:test_app\w*|support\.apptest) import", re.M)


def tier_of(path: Path) -> str:
    """The tier of the test file at `path`."""
    if BROWSER_DIR in Path(path).resolve().parents:
        return "browser"
    if _DRIVES_PAGES.search(Path(path).read_text(encoding="utf-8")):
        return "app"
    return "unit"
