"""What a run records about itself: the app's fingerprint (did its files change meanwhile?),
its git commit and the versions of the packages that matter."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
from pathlib import Path

FINGERPRINT_SKIP = {".git", ".venv", "venv", "bench", "tests", "static", "__pycache__", ".cache",
                    "build", "test-artifacts", ".pytest_cache", ".ruff_cache", "node_modules"}


def app_fingerprint(app_dir: Path, limit: int = 5000) -> str:
    """A hash of the app's code, data and settings, to tell whether it changed during a run."""
    digest = hashlib.sha256()
    count = 0
    for path in sorted(app_dir.rglob("*")):
        rel = path.relative_to(app_dir)
        if any(part in FINGERPRINT_SKIP for part in rel.parts) or not path.is_file():
            continue
        if path.suffix not in (".py", ".toml", ".geojson", ".json", ".txt", ".css", ".js", ".html"):
            continue
        count += 1
        if count > limit:
            break
        digest.update(str(rel).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def git_describe(path: Path) -> str | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=path, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=path,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return (head + ("+dirty" if dirty else "")) or None
    return None


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("streamlit", "streamlit-folium", "folium", "geopandas", "playwright"):
        with contextlib.suppress(PackageNotFoundError):
            out[name] = version(name)
    return out
