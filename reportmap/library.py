"""The library of reports: the seed report (`data/report.toml`, the default) and every report file
in `data/reports/<id>.toml`. A report is opened by its id (`?report=<id>`, `--report <id>`); an id is
only ever looked up among the files found, never joined into a path as given."""

from __future__ import annotations

import re
from pathlib import Path

from reportmap.loading import DATA_DIR

DEFAULT_REPORT = "v7n-2024-11-23"  # the seed: data/report.toml
LIBRARY_FOLDER = "reports"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


def report_files(data_dir: Path = DATA_DIR) -> dict[str, Path]:
    """Every report of the library by id, the default first, then by id."""
    files = {DEFAULT_REPORT: data_dir / "report.toml"}
    folder = data_dir / LIBRARY_FOLDER
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            if ID_PATTERN.fullmatch(path.stem) and path.stem != DEFAULT_REPORT:
                files[path.stem] = path
    return files


def report_file(report_id: str, data_dir: Path = DATA_DIR) -> Path | None:
    """The file of a report id, or None for an id the library does not hold."""
    if not ID_PATTERN.fullmatch(report_id or ""):
        return None
    return report_files(data_dir).get(report_id)
