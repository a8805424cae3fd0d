"""Lighthouse's reports, read: one run's summary (CLS and its top shifts, category scores, FCP,
LCP, TBT, failing audits, requests to other hosts), medians over runs, and the tables printed
by `python -m bench.lighthouse`. Pure functions of the JSON reports."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

from bench.wire import classify_url

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TOP_SHIFTS = 5


def _failed(audit: dict | None) -> bool:
    """A scored audit that did not pass (informative, manual and not-applicable ones have no score)."""
    return bool(audit) and audit.get("score") is not None and audit.get("scoreDisplayMode") in (
        "binary", "numeric", "metricSavings") and audit["score"] < 1


def layout_shift_items(audit: dict | None) -> list[dict]:
    """The elements of the `layout-shifts` audit, largest first: score, selector, label, causes."""
    items = ((audit or {}).get("details") or {}).get("items") or []
    out = []
    for item in items:
        node = item.get("node") or {}
        causes = []
        for sub in ((item.get("subItems") or {}).get("items") or []):
            extra = sub.get("extra") or {}
            where = extra.get("selector") or extra.get("url") or extra.get("value") or ""
            causes.append(f"{sub.get('cause', '?')}{': ' + str(where) if where else ''}")
        out.append({"score": item.get("score"), "selector": node.get("selector"),
                    "label": " ".join(str(node.get("nodeLabel") or "").split())[:80],
                    "snippet": node.get("snippet"), "causes": causes})
    return sorted(out, key=lambda s: -(s["score"] or 0))


def summarize_report(report: dict, origin: str | None = None) -> dict:
    """What the table needs from one Lighthouse JSON report."""
    audits, categories = report.get("audits") or {}, report.get("categories") or {}

    def numeric(audit_id: str) -> float | None:
        return (audits.get(audit_id) or {}).get("numericValue")

    failing = {cid: [ref["id"] for ref in cat.get("auditRefs", []) if _failed(audits.get(ref["id"]))]
               for cid, cat in categories.items() if cid != "performance"}
    urls = [item.get("url", "") for item in
            (((audits.get("network-requests") or {}).get("details") or {}).get("items") or [])]
    external = sorted({u for u in urls if origin and classify_url(u, origin) == "external"})
    environment = report.get("environment") or {}
    return {
        "scores": {cid: categories[cid].get("score") for cid in CATEGORIES if cid in categories},
        "cls": numeric("cumulative-layout-shift"),
        "fcp_ms": numeric("first-contentful-paint"),
        "lcp_ms": numeric("largest-contentful-paint"),
        "tbt_ms": numeric("total-blocking-time"),
        "speed_index_ms": numeric("speed-index"),
        "layout_shifts": layout_shift_items(audits.get("layout-shifts")),
        "failing": failing,
        "requests": len(urls),
        "external_requests": external,
        "run_warnings": report.get("runWarnings") or [],
        "runtime_error": (report.get("runtimeError") or {}).get("message"),
        "lighthouse": report.get("lighthouseVersion"),
        "host_user_agent": environment.get("hostUserAgent"),
        "benchmark_index": environment.get("benchmarkIndex"),
        "form_factor": (report.get("configSettings") or {}).get("formFactor"),
        "throttling_method": (report.get("configSettings") or {}).get("throttlingMethod"),
        "gather_ms": next((e["duration"] for e in (report.get("timing") or {}).get("entries", [])
                           if e.get("name") == "lh:runner:gather"), None),
    }


def _median(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def aggregate(runs: Sequence[dict]) -> dict:
    """Medians (and CLS min/max) over the successful runs of one page x preset x visit."""
    ok = [r for r in runs if r.get("ok")]
    cls = [r["cls"] for r in ok if r.get("cls") is not None]
    return {
        "n": len(ok), "failed": len(runs) - len(ok),
        "cls": _median(cls), "cls_min": min(cls) if cls else None, "cls_max": max(cls) if cls else None,
        "scores": {cid: _median(r["scores"].get(cid) for r in ok) for cid in CATEGORIES},
        **{key: _median(r.get(key) for r in ok) for key in ("fcp_ms", "lcp_ms", "tbt_ms")},
    }


def score_text(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100):d}"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _cls(agg: dict) -> str:
    if agg["cls"] is None:
        return "–"
    if agg["n"] > 1:
        return f"{agg['cls']:.3f} ({agg['cls_min']:.3f}–{agg['cls_max']:.3f})"
    return f"{agg['cls']:.3f}"


def format_table(groups: dict[tuple[str, str, str], dict]) -> str:
    """A Markdown table, one row per (page, preset, visit) with its aggregate."""
    head = ("| page | preset | visit | runs | CLS | performance | accessibility | best practices | SEO "
            "| FCP ms | LCP ms | TBT ms |")
    out = [head, "|" + " --- |" * (head.count("|") - 1)]
    for (page, preset, visit), agg in groups.items():
        runs = f"{agg['n']}" + (f" (+{agg['failed']} failed)" if agg["failed"] else "")
        label = visit if visit == "cold" or agg["n"] <= 1 else f"{visit} (median)"
        s = agg["scores"]
        out.append(f"| {page} | {preset} | {label} | {runs} | {_cls(agg)} | {score_text(s['performance'])} "
                   f"| {score_text(s['accessibility'])} | {score_text(s['best-practices'])} | {score_text(s['seo'])} "
                   f"| {_ms(agg['fcp_ms'])} | {_ms(agg['lcp_ms'])} | {_ms(agg['tbt_ms'])} |")
    return "\n".join(out)


def format_shifts(run: dict, top: int = TOP_SHIFTS) -> list[str]:
    lines = []
    for item in run.get("layout_shifts", [])[:top]:
        causes = f"; causes: {', '.join(item['causes'])}" if item["causes"] else ""
        lines.append(f"  - {item['score']:.4f}  `{item['selector']}`  \"{item['label']}\"{causes}")
    return lines or ["  - (no layout shift listed)"]


def format_failing(runs: Sequence[dict]) -> list[str]:
    """Per page x preset, the ids of the audits that failed, with in how many runs."""
    keyed: dict[tuple[str, str], list[dict]] = {}
    for r in runs:
        if r.get("ok"):
            keyed.setdefault((r["page"], r["preset"]), []).append(r)
    lines = []
    for (page, preset), group in keyed.items():
        parts = []
        for cid in CATEGORIES[1:]:
            counts: dict[str, int] = {}
            for r in group:
                for audit_id in r["failing"].get(cid, []):
                    counts[audit_id] = counts.get(audit_id, 0) + 1
            ids = ", ".join(f"{a} ({n}/{len(group)})" for a, n in sorted(counts.items(), key=lambda kv: -kv[1]))
            parts.append(f"{cid}: {ids or 'none'}")
        lines.append(f"- {page}, {preset}: " + "; ".join(parts))
    return lines
