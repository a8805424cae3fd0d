"""The pure part of bench/burst.py: summaries, budgets and tables of its raw results (no server)."""

from __future__ import annotations

import math
from collections.abc import Sequence

P95_LIMIT_S = 5.0  # the arrival rate search: the highest rate whose p95 stays within this
# (name, what): issue 24's budgets for a burst, ours against the blank page of the same burst.
BUDGETS = {
    "errors": "0 errors, ours and blank",
    "p95": "ours' p95 time to map <= 1.5 x the blank page's p95 time to text",
    "cpu": "server CPU per session, ours <= 2.0 x the blank page's",
    "rss": "server RSS, peak while the burst runs, ours <= 500 MiB",
    "per_session": "server memory per open session, ours <= 0.5 MiB",
}


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0..100), linear between the closest ranks; None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def burst_summary(raw: dict) -> dict:
    """One burst's figures: times to the target (s), errors, CPU per session, memory."""
    results = raw["results"]
    times = [r["time_to_target"] for r in results if r["time_to_target"] is not None and not r["error"]]
    errors = [r for r in results if r["error"] or r["error_elements"]]
    n = raw["sessions"]
    p95 = percentile(times, 95)
    return {
        "app": raw["app"], "sessions": n, "over_s": raw["over_s"],
        "p50_s": percentile(times, 50), "p95_s": p95, "max_s": max(times, default=None),
        "errors": len(errors), "first_errors": sorted({r["error"] or "an error element" for r in errors})[:3],
        "cpu_ms_per_session": None if raw.get("cpu_s") is None else raw["cpu_s"] * 1000 / n,
        "rss_peak": raw["rss_peak"], "rss_open": raw["rss_open"],
        "mib_per_session": (raw["rss_open"] - raw["rss_before"]) / n,
        "within": not errors and p95 is not None and p95 <= P95_LIMIT_S,
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def check_budgets(summaries: Sequence[dict]) -> list[tuple[str, str, str]]:
    """(budget, figures, PASS/FAIL/N/A) for each burst size where ours and blank both ran."""
    verdicts = []
    by_burst: dict[tuple, dict] = {}
    for s in summaries:
        by_burst.setdefault((s["sessions"], s["over_s"]), {})[s["app"]] = s
    for (n, over), apps in by_burst.items():
        ours, blank = apps.get("ours"), apps.get("blank")
        if ours is None:
            continue
        tag = f"{n} over {over:g} s"

        def verdict(ok: bool | None) -> str:
            return "N/A" if ok is None else ("PASS" if ok else "FAIL")

        errors = ours["errors"] + (blank["errors"] if blank else 0)
        verdicts.append((f"{tag}: {BUDGETS['errors']}", f"{errors}", verdict(errors == 0)))
        p95 = _ratio(ours["p95_s"], blank and blank["p95_s"])
        verdicts.append((f"{tag}: {BUDGETS['p95']}", _fmt(p95, "x"), verdict(None if p95 is None else p95 <= 1.5)))
        cpu = _ratio(ours["cpu_ms_per_session"], blank and blank["cpu_ms_per_session"])
        verdicts.append((f"{tag}: {BUDGETS['cpu']}", _fmt(cpu, "x"), verdict(None if cpu is None else cpu <= 2.0)))
        verdicts.append((f"{tag}: {BUDGETS['rss']}", _fmt(ours["rss_peak"], " MiB"), verdict(ours["rss_peak"] <= 500)))
        per = ours["mib_per_session"]
        verdicts.append((f"{tag}: {BUDGETS['per_session']}", _fmt(per, " MiB"), verdict(per <= 0.5)))
    return verdicts


def highest_rate(steps: Sequence[dict]) -> float | None:
    """The highest arrival rate of the rising steps before the first that failed (None: none held)."""
    best = None
    for step in steps:
        if not step["within"]:
            break
        best = step["rate"]
    return best


def _fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}{unit}"


def format_bursts(summaries: Sequence[dict], verdicts: Sequence[tuple[str, str, str]]) -> str:
    head = ("| burst | app | p50 / p95 / max, s | errors | server CPU per session, ms | peak RSS, MiB "
            "| MiB per open session |\n| --- | --- | --- | --- | --- | --- | --- |")
    rows = [f"| {s['sessions']} over {s['over_s']:g} s | {s['app']} | {_fmt(s['p50_s'])} / {_fmt(s['p95_s'])} / "
            f"{_fmt(s['max_s'])} | {s['errors']} | {_fmt(s['cpu_ms_per_session'], digits=0)} | "
            f"{_fmt(s['rss_peak'], digits=0)} | {_fmt(s['mib_per_session'])} |" for s in summaries]
    errors = [f"  {s['app']}, {s['sessions']} sessions: {e}" for s in summaries for e in s["first_errors"]]
    checks = [f"{verdict:4}  {name}: {figure}" for name, figure, verdict in verdicts]
    return "\n".join([head, *rows, *(["errors (first kinds):", *errors] if errors else []), "", *checks])


def format_rates(found: dict) -> str:
    lines = ["| app | rate, sessions/s | sessions | p95, s | errors | within 5 s |",
             "| --- | --- | --- | --- | --- | --- |"]
    for app, result in found.items():
        lines += [f"| {app} | {s['rate']:g} | {s['sessions']} | {_fmt(s['p95_s'])} | {s['errors']} | "
                  f"{'yes' if s['within'] else 'no'} |" for s in result["steps"]]
    highest = {app: result["highest"] for app, result in found.items()}

    def told(app: str, rate: float | None) -> str:
        if rate is None:
            return f"{app} none tried held"
        steps = found[app]["steps"]
        return f"{app} {'at least ' if steps and steps[-1]['within'] else ''}{rate:g}/s"

    lines.append("highest rate with p95 <= 5 s and no error: "
                 + ", ".join(told(app, rate) for app, rate in highest.items()))
    ratio = _ratio(highest.get("ours"), highest.get("blank"))
    if ratio is not None:
        lines.append(f"ours / blank: {ratio:.2f} (budget >= 0.6): {'PASS' if ratio >= 0.6 else 'FAIL'}")
    return "\n".join(lines)


def soak_verdict(waves: Sequence[dict]) -> tuple[float | None, str]:
    """The settled RSS after the last wave over after the first, and PASS when within 10%."""
    if len(waves) < 2:
        return None, "N/A"
    ratio = waves[-1]["rss_settled"] / waves[0]["rss_settled"]
    return ratio, "PASS" if ratio <= 1.10 and not any(w["errors"] for w in waves) else "FAIL"


def format_soak(soak: dict) -> str:
    waves = soak["waves"]
    lines = ["| wave | errors | p95, s | server CPU per session, ms | RSS open, MiB | RSS settled, MiB |",
             "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {w['wave']} | {w['errors']} | {_fmt(w['p95_s'])} | {_fmt(w.get('cpu_ms'), digits=0)} "
              f"| {w['rss_open']:.0f} | {w['rss_settled']:.0f} |" for w in waves]
    ratio, verdict = soak_verdict(waves)
    lines.append(f"settled RSS, last wave / first: {_fmt(ratio)} (budget <= 1.10, no error): {verdict}")
    return "\n".join(lines)
