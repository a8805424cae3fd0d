"""The errors the readers of files share, each a sentence a reader can act on.

`DataError` is every problem with a data file the page and the CLI read (the report, the
official areas, the boundaries, the measurement); `SourceError` one with a source file or archive
that an update or a rebuild takes from DeepState. Both name the file as a reader may see it.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def shown_path(path: Path | str) -> str:
    """A file as a reader may see it: relative to the project (`data/report.toml`), or, for a file
    elsewhere, its name alone; never the server's folders."""
    path = Path(path)
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except (ValueError, OSError):
        return path.name


class DataError(ValueError):
    """A data file is missing, malformed, or says something impossible.

    `file` is the path as given (for code and tests); the message names it by `shown_path`, and
    any full path a library put into `problem` (an OSError's, say) is cut to the same."""

    def __init__(self, file: Path | str, entry: str, problem: str) -> None:
        self.file = str(file)
        self.entry = entry
        shown = shown_path(file)
        for full in sorted({self.file, str(Path(self.file).resolve()), str(PROJECT_DIR)}, key=len, reverse=True):
            problem = problem.replace(full, shown if full != str(PROJECT_DIR) else ".")
        self.problem = problem
        super().__init__(f"{shown}: {entry}: {problem}")


class SourceError(ValueError):
    """A source file or archive that cannot be taken; the message names it and the problem."""
