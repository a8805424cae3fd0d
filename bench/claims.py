"""The claim budgets (issues 20 and 21), measured, not asserted in a test:

- a check (measure + verdict) of a structured claim: median <= 10 ms server time;
- parse + measure + verdict over the published corpus (tests/data/claims_corpus.toml): median <= 30 ms;
- a 10,000-character paste answered within 100 ms;
- the Check a claim page's rerun (AppTest, a new sentence, then a rerun): median <= 50 ms.

    python -m bench.claims [--rounds N]      # prints one JSON object; `make bench-claims`
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGETS_MS = {"check": 10, "corpus": 30, "paste_10k": 100, "page_rerun": 50}


def _median_ms(step, rounds: int) -> dict:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2), "n": rounds}


def measure(rounds: int) -> dict:
    from reportmap.checks import check_claim_on
    from reportmap.claimparse import MAX_CHARS, read
    from reportmap.measured import load_series
    from reportmap.records import Claim, Qualifier, Quantity

    series = load_series()
    claim = Claim("", ("UA-14", "UA-09"), Quantity.SHARE, Qualifier.MORE_THAN, 80.0, dt.date(2025, 8, 17))
    corpus = tomllib.loads((ROOT / "tests" / "data" / "claims_corpus.toml").read_text(encoding="utf-8"))
    sentences = [(s["text"], s["date"]) for s in corpus["sentence"]]

    def corpus_item(i=[0]) -> None:  # noqa: B006 - a counter across calls
        text, day = sentences[i[0] % len(sentences)]
        i[0] += 1
        for found in read(text, day).claims:
            check_claim_on(found, series)

    paste = ("Russia controls about 19% of Ukraine, including more than 99% of Luhansk region. " * 200)[:MAX_CHARS]
    read("warm-up", dt.date(2025, 1, 1))
    return {
        "check": _median_ms(lambda: check_claim_on(claim, series), rounds * 10),
        "corpus": _median_ms(corpus_item, len(sentences) * 3),
        "paste_10k": _median_ms(lambda: read(paste, dt.date(2025, 1, 1)), rounds),
        "page_rerun": page_reruns(rounds),
    }


def page_reruns(rounds: int) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["text"] = "Russia now holds nearly a fifth of Ukraine, including more than 99% of the LNR"
    at.query_params["date"] = "2025-08-17"
    at.switch_page("pages/check.py").run()
    for _ in range(2):
        at.run()
    result = _median_ms(at.run, rounds)
    if at.exception:
        raise RuntimeError(f"the check page raised: {at.exception[0].message}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.claims", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    results = measure(args.rounds)
    for name, budget in BUDGETS_MS.items():
        results[name]["budget_ms"] = budget
        results[name]["pass"] = results[name]["median_ms"] <= budget
    results["measured_at"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(json.dumps(results, indent=1))
    return 0 if all(results[name]["pass"] for name in BUDGETS_MS) else 1


if __name__ == "__main__":
    sys.exit(main())
