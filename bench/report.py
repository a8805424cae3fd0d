"""The benchmark's results: the budgets, the summary of the raw measurements, the table, the
plot and the breakdown printed after a run. Pure functions of the raw records (the plot needs
matplotlib), so a test may check them without a browser or a server."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

KIB, MIB = 1024, 1024 * 1024

# The budgets. Times and reruns are judged on medians.
BUDGET_MAP_VS_FLOOR = 1.10  # ours' time to map <= 1.10 x the floor page's time to the same map
BUDGET_MAP_VS_PEER = 0.90  # ... and <= 0.90 x the peer's time to map
BUDGET_FIRST_SCREEN_KIB = 220.0
BUDGET_RERUN_MS = 50.0
# A new day under the map: the day's part, panels, verdicts (issue 13), and what changed since the report
# (issue 23: its layer is on by default on the later days bench/reruns.py steps through).
BUDGET_DATE_CHANGE_MS = 150.0

APPS = ("blank", "peer", "floor", "ours")
# Milestones of drawing the map, ms from navigation start (see bench/README.md).
PHASES = ("ws_open", "first_ws_message", "map_args_received", "iframe_start", "component_js_loaded", "leaflet_loaded",
          "first_polygon")


def summarize(values: Sequence[float]) -> dict[str, float | int | None]:
    """Median, min, max and count; Nones when there is no value."""
    vals = [float(v) for v in values if v is not None]
    if not vals:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "n": len(vals)}


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


@dataclass(frozen=True)
class Budget:
    name: str
    value: float | None
    limit: float | None
    unit: str

    @property
    def verdict(self) -> str:
        if self.value is None or self.limit is None:
            return "N/A"
        return "PASS" if self.value <= self.limit else "FAIL"


def check_budgets(summary: dict) -> list[Budget]:
    """The budgets from a summary (see `build_summary`). Missing data gives N/A."""
    t = summary.get("time_to_screen_ms", {})
    peer, floor, ours = (t.get(app, {}).get("median") for app in ("peer", "floor", "ours"))
    first_screen = summary.get("first_screen_bytes", {}).get("ours", {}).get("median")
    rerun = summary.get("rerun_ms", {}).get("ours", {}).get("median")
    date_change = summary.get("date_change_ms", {}).get("median")
    return [
        Budget(f"time to map <= {BUDGET_MAP_VS_FLOOR:.2f} x floor's time to map", ours,
               None if floor is None else BUDGET_MAP_VS_FLOOR * floor, "ms"),
        Budget(f"time to map <= {BUDGET_MAP_VS_PEER:.2f} x peer's time to map", ours,
               None if peer is None else BUDGET_MAP_VS_PEER * peer, "ms"),
        Budget(f"first screen <= {BUDGET_FIRST_SCREEN_KIB:g} KiB sent",
               None if first_screen is None else first_screen / KIB, BUDGET_FIRST_SCREEN_KIB, "KiB"),
        Budget(f"rerun <= {BUDGET_RERUN_MS:g} ms server time (median)", rerun, BUDGET_RERUN_MS, "ms"),
        Budget(f"date change <= {BUDGET_DATE_CHANGE_MS:g} ms server time (median)", date_change,
               BUDGET_DATE_CHANGE_MS, "ms"),
    ]


def build_summary(visits: list[dict], reruns: dict) -> dict:
    """Medians, minima and maxima per app from the raw measurements."""
    ok = {app: [v for v in visits if v["app"] == app and v["ok"] and not v["warmup"]] for app in APPS}

    def per_app(key: str) -> dict:
        return {app: summarize([v[key] for v in ok[app]]) for app in APPS}

    summary = {
        "time_to_screen_ms": per_app("time_to_screen_ms"),
        "ws_bytes_at_screen": per_app("ws_bytes_at_screen"),
        "ws_bytes_settled": per_app("ws_bytes_settled"),
        "ws_wire_at_screen": per_app("ws_wire_at_screen"),
        "asset_bytes_wire": per_app("asset_bytes_wire"),
        "media_bytes_wire": per_app("media_bytes_wire"),
        "asset_bytes_decoded": per_app("asset_bytes_decoded"),
        "streamlit_bytes_wire": per_app("streamlit_bytes_wire"),
        "first_screen_bytes": per_app("first_screen_bytes"),
        "phases_ms": {app: {phase: summarize([v["phases_ms"].get(phase) for v in ok[app]])
                            for phase in PHASES}
                      for app in APPS},
        "rerun_ms": {app: (summarize(r["all_ms"]) if r.get("ok") else {"error": r.get("error")})
                     for app, r in reruns.items()},
        "date_change_ms": summarize(reruns.get("ours", {}).get("date_ms") or []),
        "failed_visits": {app: sum(1 for v in visits if v["app"] == app and not v["ok"]) for app in APPS},
    }
    t = summary["time_to_screen_ms"]
    b = summary["first_screen_bytes"]
    summary["ratios"] = {
        "time_ours_over_floor": ratio(t["ours"]["median"], t["floor"]["median"]),
        "time_ours_over_peer": ratio(t["ours"]["median"], t["peer"]["median"]),
        "time_ours_over_blank": ratio(t["ours"]["median"], t["blank"]["median"]),
        "time_floor_over_blank": ratio(t["floor"]["median"], t["blank"]["median"]),
        "bytes_ours_over_peer": ratio(b["ours"]["median"], b["peer"]["median"]),
        "rerun_ours_over_peer": ratio(summary["rerun_ms"].get("ours", {}).get("median"),
                                      summary["rerun_ms"].get("peer", {}).get("median")),
    }
    return summary


def _fmt(value: float | None, scale: float = 1.0, digits: int = 0) -> str:
    return "–" if value is None else f"{value / scale:,.{digits}f}"


def _mmm(s: dict, scale: float = 1.0, digits: int = 0) -> str:
    if not s or s.get("median") is None:
        return "–" if not s or "error" not in s else "error"
    return f"{_fmt(s['median'], scale, digits)} ({_fmt(s['min'], scale, digits)}–{_fmt(s['max'], scale, digits)})"


def format_table(summary: dict) -> str:
    """A Markdown table: median (min–max) per app, ratios, then the budgets."""
    t, ws, wsw = summary["time_to_screen_ms"], summary["ws_bytes_at_screen"], summary["ws_wire_at_screen"]
    wss, aw = summary["ws_bytes_settled"], summary["asset_bytes_wire"]
    ad, fs = summary["asset_bytes_decoded"], summary["first_screen_bytes"]
    sb, mb = summary["streamlit_bytes_wire"], summary["media_bytes_wire"]
    rr, r = summary["rerun_ms"], summary["ratios"]

    def each(stats: dict, scale: float = 1.0, digits: int = 0) -> tuple[str, ...]:
        return tuple(_mmm(stats[app], scale, digits) for app in APPS)

    rows = [
        ("time to first screen, ms (blank: text; the others: all polygons)", *each(t)),
        ("websocket until then, on the wire, KiB", *each(wsw, KIB, 1)),
        ("websocket until then, payload (uncompressed), KiB", *each(ws, KIB, 1)),
        ("map assets on the wire, KiB", *each(aw, KIB, 1)),
        ("app's /media/ files on the wire, KiB (e.g. download data)", *each(mb, KIB, 1)),
        ("**first screen sent, KiB** (ws wire + map assets + media)", *each(fs, KIB, 1)),
        ("map assets decoded, KiB", *each(ad, KIB, 1)),
        ("websocket payload once settled, KiB", *each(wss, KIB, 1)),
        ("Streamlit's own files on the wire, KiB (not counted above)", *each(sb, KIB, 1)),
        ("rerun server time, ms (AppTest)", "–", _mmm(rr.get("peer", {}), 1, 1), "–",
         _mmm(rr.get("ours", {}), 1, 1)),
        ("date change server time, ms (AppTest; a region selected)", "–", "–", "–",
         _mmm(summary.get("date_change_ms", {}), 1, 1)),
    ]
    out = ["| measure: median (min–max) | " + " | ".join(APPS) + " |", "| --- " * (len(APPS) + 1) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    out.append("")
    out.append(f"Ratios (medians): time ours/floor {_fmt(r['time_ours_over_floor'], 1, 2)}, "
               f"ours/peer {_fmt(r['time_ours_over_peer'], 1, 2)}, ours/blank {_fmt(r['time_ours_over_blank'], 1, 2)}, "
               f"floor/blank {_fmt(r['time_floor_over_blank'], 1, 2)}; first-screen bytes ours/peer "
               f"{_fmt(r['bytes_ours_over_peer'], 1, 2)}; rerun ours/peer {_fmt(r['rerun_ours_over_peer'], 1, 2)}.")
    out.append("")
    out.append("| budget | ours | limit | verdict |")
    out.append("| --- | --- | --- | --- |")
    for b in check_budgets(summary):
        out.append(f"| {b.name} | {_fmt(b.value, 1, 1)} {b.unit} | {_fmt(b.limit, 1, 1)} {b.unit} | {b.verdict} |")
    return "\n".join(out)


def plot(summary: dict, path: Path) -> str | None:
    """One figure, three panels; returns a reason when it could not be drawn."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no plot (pip install matplotlib)"

    def bars(ax, labels, stats, scale, colour, title, unit, limits=()):
        med = [(s.get("median") or 0) / scale for s in stats]
        have = [s.get("median") is not None for s in stats]
        low = [m - (s.get("min") or 0) / scale if h else 0 for m, s, h in zip(med, stats, have, strict=True)]
        high = [(s.get("max") or 0) / scale - m if h else 0 for m, s, h in zip(med, stats, have, strict=True)]
        ax.bar(labels, med, yerr=[low, high], capsize=6, color=colour)
        for value, text, style in limits:
            if value is not None:
                ax.axhline(value, color="#c0392b", linestyle=style, linewidth=1)
                ax.annotate(text, (0.01, value), xycoords=("axes fraction", "data"), fontsize=8,
                            color="#c0392b", va="bottom")
        for x, m, s in zip(range(len(labels)), med, stats, strict=True):
            ax.annotate("n/a" if s.get("median") is None else f"{m:,.0f}", (x, m), ha="center",
                        va="bottom", fontsize=8, xytext=(12, 2), textcoords="offset points")
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(unit)
        tops = [m + h for m, h in zip(med, high, strict=True)] + [v for v, _, _ in limits if v is not None]
        ax.set_ylim(0, max([*tops, 1]) * 1.12)

    t = summary["time_to_screen_ms"]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    floor_med, peer_med = t["floor"]["median"], t["peer"]["median"]
    bars(axes[0][0], list(APPS), [t[a] for a in APPS], 1, ["#999999", "#6baed6", "#fdae6b", "#e34a33"],
         "Time to first screen (median, min–max)", "ms",
         [(None if floor_med is None else BUDGET_MAP_VS_FLOOR * floor_med, f"{BUDGET_MAP_VS_FLOOR:.2f}× floor", "--"),
          (None if peer_med is None else BUDGET_MAP_VS_PEER * peer_med, f"{BUDGET_MAP_VS_PEER:.2f}× peer", ":")])
    ax = axes[0][1]
    ws = [(summary["ws_wire_at_screen"][a].get("median") or 0) / KIB for a in APPS]
    assets = [(summary["asset_bytes_wire"][a].get("median") or 0) / KIB for a in APPS]
    ax.bar(APPS, ws, label="websocket (wire)", color="#6baed6")
    ax.bar(APPS, assets, bottom=ws, label="map assets (wire)", color="#fd8d3c")
    media = [(summary["media_bytes_wire"][a].get("median") or 0) / KIB for a in APPS]
    under = [w + a for w, a in zip(ws, assets, strict=True)]
    ax.bar(APPS, media, bottom=under, label="/media/ files (wire)", color="#9e9ac8")
    ax.axhline(BUDGET_FIRST_SCREEN_KIB, color="#c0392b", linestyle="--", linewidth=1)
    ax.annotate(f"budget {BUDGET_FIRST_SCREEN_KIB:g} KiB", (0.01, BUDGET_FIRST_SCREEN_KIB),
                xycoords=("axes fraction", "data"), fontsize=8, color="#c0392b", va="bottom")
    for x, (u, m) in enumerate(zip(under, media, strict=True)):
        ax.annotate(f"{u + m:,.0f}", (x, u + m), ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max([u + m for u, m in zip(under, media, strict=True)] + [BUDGET_FIRST_SCREEN_KIB]) * 1.12)
    ax.set_title("Bytes sent for the first screen (median)", fontsize=10)
    ax.set_ylabel("KiB")
    ax.legend(fontsize=8)
    rr = summary["rerun_ms"]
    bars(axes[1][0], ["peer", "ours"], [rr.get("peer", {}), rr.get("ours", {})], 1, ["#6baed6", "#e34a33"],
         "Rerun server time, AppTest (median, min–max)", "ms", [(BUDGET_RERUN_MS, "budget", "--")])
    axes[1][1].axis("off")  # a server's memory with many readers: the load check's (bench/README.md)
    fig.suptitle("Map page benchmark: blank page, tutorial-style peer, floor (the map alone), ours", fontsize=11)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


def print_breakdown(summary: dict, visits: list[dict], reruns: dict) -> None:
    """Where the time and the bytes go: reruns by kind, phases, assets, websocket contents."""
    for app, r in reruns.items():
        if r.get("ok"):
            groups: dict[str, list[float]] = {}
            for step in r["steps"]:
                groups.setdefault(step["kind"].split("=")[0], []).append(step["ms"])
            print(f"{app} reruns, ms: first run {r['first_run_ms']:.0f}; "
                  + "; ".join(f"{k} median {statistics.median(v):.1f} (max {max(v):.1f}, n={len(v)})"
                              for k, v in groups.items()))
    phases = summary["phases_ms"]
    for app in APPS:
        p = phases[app]
        parts = [f"{name} {p[name]['median']:.0f}" for name in p if p[name].get("median") is not None]
        if parts:
            print(f"{app} phases, ms from navigation (medians): " + ", ".join(parts))
    for app in ("peer", "floor", "ours"):
        last = next((v for v in reversed(visits) if v["app"] == app and v["ok"]), None)
        if not last:
            continue
        assets = ", ".join(f"{Path(p).name} {n / KIB:.1f}" for p, n in sorted(last["assets_wire"].items()))
        print(f"{app} map assets on the wire, KiB: {assets or 'none'}")
        content = last.get("ws_content") or {}
        kinds = ", ".join(f"{k} {n / KIB:.1f}" for k, n in list(content.get("bytes_by_kind", {}).items())[:6])
        if kinds:
            print(f"{app} websocket until drawn, KiB by message: {kinds}")
        for component in content.get("components", [])[:1]:
            args = ", ".join(f"{k} {n / KIB:.1f}" for k, n in list(component["arg_bytes"].items())[:5])
            print(f"{app} {component['name']} args, KiB: {args}")
            script = component.get("script")
            if script:
                props = ", ".join(f"{k} {n / KIB:.1f}" for k, n in list(script["property_bytes"].items())[:5])
                layers = " + ".join(f"{layer['bytes'] / KIB:.1f}" for layer in script.get("layers", []))
                print(f"{app} map script {script['script_bytes'] / KIB:.1f} KiB: GeoJSON "
                      f"{script['geojson_bytes'] / KIB:.1f} (layers {layers or 'none'}; "
                      f"{script['features']} features; geometry "
                      f"{script['geometry_bytes'] / KIB:.1f}; properties: {props or 'none'}), "
                      f"other code {script['other_script_bytes'] / KIB:.1f}")
    blank = next((v for v in reversed(visits) if v["app"] == "blank" and v["ok"]), None)
    ours = next((v for v in reversed(visits) if v["app"] == "ours" and v["ok"]), None)
    if blank and ours:
        extra = {p: n for p, n in ours.get("streamlit_files_wire", {}).items()
                 if p not in blank.get("streamlit_files_wire", {})}
        top = sorted(extra.items(), key=lambda kv: -kv[1])[:5]
        print(f"Streamlit files ours loads and blank does not: {len(extra)}, "
              f"{sum(extra.values()) / KIB:.0f} KiB on the wire; largest: "
              + ", ".join(f"{Path(p).name} {n / KIB:.0f}" for p, n in top))
    external = sorted({u for v in visits for u in v.get("external_requests", [])})
    if external:
        print(f"WARNING: requests to other hosts (blocked): {external[:5]}")
