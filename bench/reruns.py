"""Rerun server time, measured with Streamlit's AppTest in a subprocess per app (so that one
app's imports and caches do not warm the other's): reruns with a new region or basemap and,
for the dashboard, a new day with a region selected.

    python -m bench.reruns ours|peer|blank APP_DIR RERUNS    # prints one JSON line
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def answered(at) -> None:
    """Give the session the answer the map's frame sends once drawn (tests/support/apptest.py), when
    the checkout measured has one (older ones send the whole page at once)."""
    try:
        from reportmap.mapprotocol import DAY, DRAWN
        from ui import state
    except ImportError:
        return
    if hasattr(state, "on_map"):
        at.session_state[state.on_map(DAY)] = DRAWN


def rerun_worker(app: str, app_dir: Path, reruns: int) -> dict:
    """Server time of reruns, in this process (run as a subprocess by `measure_reruns`)."""
    os.chdir(app_dir)
    sys.path.insert(0, str(app_dir))
    from streamlit.testing.v1 import AppTest

    script = app_dir / ("dashboard.py" if app == "ours" else f"{app}_app.py")
    at = AppTest.from_file(str(script), default_timeout=60)
    if app == "ours":  # the page once its map has drawn (pages/map.py): AppTest runs no frame to answer
        answered(at)

    def timed(step) -> float:
        start = time.perf_counter()
        step()
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].message} {at.exception[0].stack_trace[-3:]}")
        return elapsed

    first = timed(at.run)
    result: dict = {"ok": True, "first_run_ms": first, "steps": []}
    if app != "ours":
        for _ in range(2):
            timed(at.run)
        for _ in range(reruns):
            result["steps"].append({"kind": "rerun", "ms": timed(at.run)})
    else:
        options = list(at.selectbox(key="region").options)  # format_func'ed labels
        for _ in range(2):
            timed(at.run)
        for i in range(reruns):
            if i % 3 == 2:
                value = not at.toggle(key="basemap").value
                ms = timed(lambda v=value: at.toggle(key="basemap").set_value(v).run())
                result["steps"].append({"kind": f"basemap={value}", "ms": ms})
            else:
                index = (i * 7) % len(options)
                ms = timed(lambda k=index: at.selectbox(key="region").select_index(k).run())
                result["steps"].append({"kind": f"region={options[index]}", "ms": ms})
        # A new day, a week apart each, with a region selected (its chart follows the day too). The
        # first day other than the report's reads the archive of every day's map: timed apart.
        at.selectbox(key="region").set_value("UA-14").run()
        days = [dt.date(2025, 1, 1) + dt.timedelta(weeks=n) for n in range(reruns + 1)]
        result["date_first_ms"] = timed(lambda: at.slider(key="date").set_value(days[0]).run())
        result["date_ms"] = [timed(lambda d=day: at.slider(key="date").set_value(d).run()) for day in days[1:]]
        result["change_layer_on"] = bool(at.toggle(key="change_layer").value)  # issue 23's budget is with it on
    result["all_ms"] = [s["ms"] for s in result["steps"]]
    return result


def measure_reruns(app: str, app_dir: Path, reruns: int, env: dict[str, str], log_dir: Path) -> dict:
    log = log_dir / f"rerun-{app}.log"
    command = [sys.executable, "-m", "bench.reruns", app, str(app_dir), str(reruns)]
    try:
        with log.open("wb") as sink:
            done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=sink, timeout=300,
                                  env={**os.environ, **env}, check=False)
        lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
        return json.loads(lines[-1]) if lines else {"ok": False, "error": f"no output; log: {log}"}
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        return {"ok": False, "error": f"{type(error).__name__}; log: {log}"}


# =========================================================================== plot


if __name__ == "__main__":
    app, where, count = sys.argv[1], Path(sys.argv[2]).resolve(), int(sys.argv[3])
    try:
        out = rerun_worker(app, where, count)
    except Exception as error:  # reported, not raised
        out = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    sys.stdout.write("\n" + json.dumps(out) + "\n")
