"""The load check's verdicts: its checks read from the raw results of the sessions (maps drawn,
no exception box, addresses kept, a clean server log, RSS within budget) and the table it
prints. Pure functions of the raw results and the server log."""

from __future__ import annotations

import math
import os
import re
import statistics
from collections.abc import Sequence
from pathlib import Path

REGION_PICKED = re.compile(r"^Region: (.+)$", re.M)  # the region picker's label in English, the default
# The server's RSS with every session of the check open (issue 5's 20-reader budget; the benchmark's
# own memory test, which held the same figure, is gone: commit 86d7107).
RSS_LIMIT_MIB = 300.0
LOG_PATTERN = re.compile(r"Traceback|Error|Exception")  # case-sensitive: also ValueError, ...


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): a value that was measured, no interpolation."""
    vals = sorted(values)
    if not vals:
        return None
    rank = max(1, math.ceil(q / 100 * len(vals)))
    return vals[min(rank, len(vals)) - 1]


def log_problems(path: Path) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """(line number, line) of the server log lines naming a traceback, an error or an
    exception; and context lines by number: the line before a traceback (Streamlit's
    timestamped message) and the last `File ...` line of each traceback (where it was raised)."""
    try:
        lines = [line.rstrip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError as error:
        return [(0, f"cannot read the server log {path}: {error}")], {}
    hits = [(n, line) for n, line in enumerate(lines, 1) if LOG_PATTERN.search(line)]
    context: dict[int, str] = {}
    last_file = None
    for n, line in enumerate(lines, 1):
        if line.startswith("Traceback") and n > 1:
            context[n - 1] = lines[n - 2]
        if line.lstrip().startswith('File "'):
            last_file = n
        elif last_file is not None and line and not line.startswith(" "):  # the traceback's last line
            context[last_file] = lines[last_file - 1]
            last_file = None
    return hits, {n: text for n, text in context.items() if n not in dict(hits)}


def evaluate(raw: dict, n: int, expected: int, names: dict[str, str], log: Path | None,
             server_alive: bool) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The checks as (name, shown value, passed), and the details of what failed."""
    sessions = raw.get("sessions", [])
    details: list[str] = []
    checks: list[tuple[str, str, bool]] = []

    drawn = [s for s in sessions if s["time_to_map_ms"] is not None
             and (s.get("final") or {}).get("paths") is not None and s["final"]["paths"] >= expected]
    undrawn: dict[str, list[str]] = {}
    for s in sessions:
        if s not in drawn:
            paths = (s.get("final") or {}).get("paths")
            why = s["error"] or ("no map iframe found" if paths is None else f"{paths} of {expected} polygons")
            why += " (the page crashed)" if s.get("crashed") else ""
            undrawn.setdefault(f"map not drawn: {why}", []).append(_label(s))
    details += [f"{_sessions(indices)}: {why}" for why, indices in undrawn.items()]
    checks.append((f"every session draws the map ({expected} polygons)", f"{len(drawn)}/{n}", len(drawn) == n))

    boxed, boxes = [], {}
    for s in sessions:
        final = s.get("final") or {}
        shown = list(final.get("exceptions") or [])
        for text in (s["error"], final.get("benchError")):
            if text and text.startswith("exception on the page") and not shown:
                shown.append(text)
        if shown or s.get("final") is None:
            boxed.append(s)
            why = f"exception box: {shown[0]!r}" if shown else "page state could not be read"
            boxes.setdefault(why, []).append(_label(s))
    details += [f"{_sessions(indices)}: {why}" for why, indices in boxes.items()]
    checks.append(("no session shows an exception box", f"{len(boxed)} with one", not boxed and bool(sessions)))

    asked = [s for s in sessions if s["region"]]
    kept, lost = 0, {}
    for s in asked:
        final = s.get("final") or {}
        href = final.get("href") or ""
        query = dict(part.partition("=")[::2] for part in href.partition("?")[2].split("&") if part)
        label = [m.group(1).strip() for text in final.get("pickers") or [] if (m := REGION_PICKED.search(text))]
        value = label[0] if label else None
        want = names.get(s["region"])
        if query.get("region") == s["region"] and value is not None and value == want:
            kept += 1
        else:
            address = "keeps region=" if query.get("region") == s["region"] else f"is {href or '?'}"
            shown = (f"shows {value!r}" if label else
                     f"not found (popovers: {final.get('pickers')})" if final else "not read")
            lost.setdefault(f"asked {s['region']} ({want}): the address {address}; the region picker {shown}",
                            []).append(_label(s))
    details += [f"{_sessions(indices)}: {why}" for why, indices in lost.items()]
    checks.append(("region links keep region= and show its name", f"{kept}/{len(asked)}",
                   kept == len(asked) and bool(sessions)))

    dated = [s for s in sessions if s.get("date")]
    held = [s for s in dated if f"date={s['date']}" in ((s.get("final") or {}).get("href") or "")]
    details += [f"{_label(s)}: the address lost date={s['date']}" for s in dated if s not in held]
    checks.append(("date links keep date=", f"{len(held)}/{len(dated)}", len(held) == len(dated) and bool(sessions)))

    problems, context = log_problems(log) if log else ([(0, "no server log")], {})
    shown_lines = sorted([(n, line, "") for n, line in problems[:40]]
                         + [(n, line, " (context)") for n, line in context.items() if n <= problems[:40][-1][0]]
                         if problems else [])
    for number, line, note in shown_lines:
        details.append(f"server log line {number}{note}: {line}")
    if len(problems) > 40:
        details.append(f"... and {len(problems) - 40} more lines in {log}")
    checks.append(("server log: no Traceback / Error / Exception", f"{len(problems)} lines", not problems))

    peak, settled = raw.get("rss_peak"), raw.get("rss_open")
    worst = max([v for v in (peak, settled) if v is not None], default=None)
    if raw.get("rss_error"):
        details.append(f"RSS: {raw['rss_error']}")
    shown = "–" if worst is None else f"{worst:.0f} MiB (peak of {raw.get('rss_samples', 0)} samples)"
    checks.append((f"server RSS with {n} sessions <= {RSS_LIMIT_MIB:g} MiB", shown,
                   worst is not None and worst <= RSS_LIMIT_MIB and server_alive))
    if not server_alive:
        details.append("the server exited before the sessions were closed")
    return checks, details


def _label(session: dict) -> str:
    asked = [f"{k}={session[k]}" for k in ("region", "date") if session.get(k)]
    return f"{session['index']}" + (f" (?{'&'.join(asked)})" if asked else "")


def _sessions(labels: list[str]) -> str:
    """'session 3 (?region=UA-65)' or 'sessions 0, 2, 4 (3 of them)': whom a detail is about."""
    if len(labels) == 1:
        return f"session {labels[0]}"
    shown = ", ".join(labels[:10]) + (", ..." if len(labels) > 10 else "")
    return f"sessions {shown} ({len(labels)} of them)"


def _fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def report(raw: dict, checks: list[tuple[str, str, bool]], details: list[str], n: int, log: Path | None,
           seconds: float) -> None:
    times = [s["time_to_map_ms"] for s in raw.get("sessions", []) if s["time_to_map_ms"] is not None]
    med = statistics.median(times) if times else None
    p95 = percentile(times, 95)
    print()
    print(f"| {n} sessions at once | value |")
    print("| --- | --- |")
    print(f"| time to map, median, ms | {_fmt_ms(med)} |")
    print(f"| time to map, p95 (nearest rank), ms | {_fmt_ms(p95)} |")
    print(f"| time to map, min–max, ms | {_fmt_ms(min(times, default=None))}–{_fmt_ms(max(times, default=None))} |")
    for phase, label in (("ws_open", "websocket open (page and bundle loaded)"),
                         ("first_ws_message", "first websocket message (script run started)"),
                         ("iframe_start", "map iframe starts loading"), ("first_polygon", "first polygon")):
        values = [s["phases_ms"][phase] for s in raw.get("sessions", [])
                  if s.get("phases_ms") and s["phases_ms"].get(phase) is not None]
        if values:
            print(f"| &nbsp;&nbsp;of which: {label}, median ms | {_fmt_ms(statistics.median(values))} |")
    print(f"| all navigations committed / all maps drawn, s after start | "
          f"{raw.get('commit_s', float('nan')):.1f} / {raw.get('all_drawn_s', float('nan')):.1f} |")
    if raw.get("server_cpu_s") is not None:
        print(f"| server CPU time until all maps drawn, s | {raw['server_cpu_s']:.1f} |")

    def mib(key: str) -> str:
        return "–" if raw.get(key) is None else f"{raw[key]:.0f}"

    print(f"| server RSS idle / peak open / settled open (VmHWM), MiB | {mib('rss_idle')} / {mib('rss_peak')} / "
          f"{mib('rss_open')} ({mib('rss_hwm')}) |")
    print()
    print("| check | result | verdict |")
    print("| --- | --- | --- |")
    for name, shown, passed in checks:
        print(f"| {name} | {shown} | {'PASS' if passed else 'FAIL'} |")
    errors = sorted({e for s in raw.get("sessions", []) for e in s.get("page_errors", [])})
    if errors:
        details.append(f"JavaScript errors in the pages (not a check): {errors[:5]}")
    if details:
        print()
        for line in details:
            print(f"- {line}")
    print()
    for name, _, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}: {name}")
    print(f"took {seconds:.0f} s; Chromium {raw.get('chromium', '?')}; server log: {log}")
    busiest = os.getloadavg()[0]
    if busiest > (os.cpu_count() or 1):
        print(f"NOTE: 1-min load average {busiest:.1f} on {os.cpu_count()} cores: times are inflated.")
