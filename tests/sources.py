"""The project's own Python files outside tests/, found and parsed once per test process.

A walk of the whole tree with `Path.rglob` enters the virtual environment (tens of thousands of
files) before a filter can drop it; this walk prunes the folders it skips, so the tests that read
the sources (tests/test_project.py, tests/test_texts.py) cost milliseconds, not seconds.
"""

from __future__ import annotations

import ast
import functools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = frozenset({".venv", "venv", "tests", "node_modules", "__pycache__", ".git"})


@functools.cache
def source_files() -> tuple[Path, ...]:
    """Every .py file of the project outside tests/ and the skipped folders, sorted."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED]
        found += [Path(folder) / name for name in files if name.endswith(".py")]
    return tuple(sorted(found))


@functools.cache
def parsed() -> dict[str, ast.Module]:
    """Each source file's syntax tree, by its path relative to the project (`ui/view.py`)."""
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in source_files()}
