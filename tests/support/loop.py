"""Async code run from a test: in a thread of its own, with its own event loop.

Playwright's sync API leaves an event loop running in the test thread after a browser test, so a
bare `asyncio.run` in a later test of the same session fails ("cannot be called from a running
event loop"); the whole suite runs browser tests first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(coroutine)` in a fresh thread; its result, or its exception raised here."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="own-loop") as pool:
        return pool.submit(asyncio.run, coroutine).result()
