"""Where the measurement's days come from, and each day's provenance.

Two sources, side by side in `geodata/sources/deepstate/`: the pinned archive (its name, sha256
and commit are constants of `geodata/build_measured.py`) and the days `python -m reportmap update`
fetched since, kept byte for byte in `fetched.tar.xz` with `fetched.json` saying, per day, the
address, the sha256 and when it was fetched (and, per gap, which address answered that it has no
file). The manifest repeats that record, and `python -m reportmap validate` checks it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportmap.deepstate import archive_files, member_name, missing_days, pack, sha256_bytes
from reportmap.errors import SourceError
from reportmap.measured import CREDIT, MEASURED_BY, read_manifest, sha256
from reportmap.measuring import FETCHED_ARCHIVE, FETCHED_LOG, FETCHED_WINDOW

HAND_ADDED_NOTE = ("added to {repository} by its maintainer by hand on 2025-11-26 (commits 45b2410 to 95884d1), "
                   "not by its daily workflow: not the download of that day's morning").format(**MEASURED_BY)
DAY_NOTE = ("a file's day is the day cyterat's workflow downloaded it (about 03:00 UTC), "
            "not the time of DeepState's own last change")


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with "\\n" line endings whatever the platform."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Pinned:
    """The archive the measurement starts from, as PROVENANCE.md describes it."""

    archive: Path
    sha256: str
    commit: str
    missing: tuple[str, ...]  # the days without a file
    hand_added: tuple[str, str]  # first and last day a maintainer added by hand

    def moved(self, archive: Path) -> Pinned:
        return replace(self, archive=archive)

    def check(self) -> None:
        """Refuse to build from anything but the pinned archive: the outputs claim its provenance."""
        if not self.archive.is_file():
            raise SourceError(f"{self.archive}: archive not found")
        digest = sha256(self.archive)
        if digest != self.sha256:
            raise SourceError(f"{self.archive.name}: sha256 {digest} differs from the pinned {self.sha256}; "
                              "refusing to build from unverified data")

    def hand_added_days(self) -> list[str]:
        first, last = self.hand_added
        return _span(first, last)

    def check_days(self, days: list[str]) -> None:
        missing = missing_days(days)
        if missing != list(self.missing):
            raise SourceError(f"missing days {missing} differ from PROVENANCE.md's {list(self.missing)}")
        absent = sorted(set(self.hand_added_days()) - set(days))
        if absent:
            raise SourceError(f"{self.archive.name}: no file for the hand-added days {', '.join(absent)}")

    def section(self) -> dict:
        return {"archive": self.archive.name, "sha256": self.sha256, "repository": MEASURED_BY["repository"],
                "commit": self.commit, "licence": MEASURED_BY["licence"], "credit": CREDIT,
                "day": DAY_NOTE, "hand_added": {"days": self.hand_added_days(), "note": HAND_ADDED_NOTE}}


def _span(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(n)).isoformat() for n in range((end - start).days + 1)]


@dataclass(frozen=True)
class Fetched:
    """The days fetched since the pinned archive: their files and provenance."""

    folder: Path
    days: dict[str, dict] = field(default_factory=dict)  # day -> address, sha256, bytes, fetched_at [, accepted]
    gaps: dict[str, dict] = field(default_factory=dict)  # day -> address, checked_at: no file there
    files: dict[str, bytes] = field(default_factory=dict)  # day -> the file, byte for byte as fetched

    @property
    def archive(self) -> Path:
        return self.folder / FETCHED_ARCHIVE

    @property
    def log(self) -> Path:
        return self.folder / FETCHED_LOG

    def log_text(self) -> str:
        return json_text({"days": self.days, "gaps": self.gaps})

    def archive_bytes(self) -> bytes:
        return pack({member_name(day): data for day, data in self.files.items()}, FETCHED_WINDOW)


def read_fetched(folder: Path, after: str) -> Fetched:
    """The fetched days beside the pinned archive (none yet is an empty record), each file checked
    against its recorded sha256; every one must come after the pinned archive's last day."""
    archive, log = folder / FETCHED_ARCHIVE, folder / FETCHED_LOG
    if not archive.exists() and not log.exists():
        return Fetched(folder)
    if not archive.is_file() or not log.is_file():
        raise SourceError(f"{FETCHED_ARCHIVE} and {FETCHED_LOG} go together: one of them is missing")
    try:
        record = json.loads(log.read_text(encoding="utf-8"))
        days, gaps = dict(record["days"]), dict(record["gaps"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SourceError(f"{FETCHED_LOG}: not a record of fetched days ({error})") from None
    files = dict(archive_files(archive))
    if set(files) != set(days):
        raise SourceError(f"{FETCHED_ARCHIVE}: its days differ from those {FETCHED_LOG} records")
    for day, data in files.items():
        if sha256_bytes(data) != (days[day] or {}).get("sha256"):
            raise SourceError(f"{FETCHED_ARCHIVE}: the file of {day} differs from the sha256 {FETCHED_LOG} records")
    early = sorted(day for day in [*days, *gaps] if day <= after)
    if early:
        raise SourceError(f"{FETCHED_LOG}: {early[0]} is not after the pinned archive's last day {after}")
    return Fetched(folder, days, gaps, files)


def fetched_section(fetched: Fetched, archive_sha256: str | None = None) -> dict | None:
    """The manifest's record of the fetched days (None while there are none); the archive's hash
    is read from its file unless given (the update knows it before the file is written)."""
    if not fetched.days:
        return None
    digest = archive_sha256 if archive_sha256 is not None else sha256(fetched.archive)
    return {"archive": FETCHED_ARCHIVE, "sha256": digest, "log": FETCHED_LOG,
            "days": fetched.days, "gaps": fetched.gaps, "day": DAY_NOTE}


def built_section(rows: list[list[str]], made_valid: list[str]) -> dict:
    return {"first": rows[0][0], "last": rows[-1][0], "count": len(rows), "made_valid": sorted(set(made_valid))}


def verify_fetched(manifest: Path, folder: Path) -> list[str]:
    """Check the fetched days against the manifest's record of them: the archive's hash, each
    file's hash and the log. Returns one line per check; a mismatch is a SourceError."""
    section = read_manifest(manifest).get("fetched")
    if section is None:
        if (folder / FETCHED_ARCHIVE).exists() or (folder / FETCHED_LOG).exists():
            raise SourceError(f"{manifest.name}: records no fetched days, but {FETCHED_ARCHIVE} is there")
        return []
    fetched = read_fetched(folder, after="")
    if sha256(fetched.archive) != section.get("sha256"):
        raise SourceError(f"{FETCHED_ARCHIVE}: its sha256 differs from the manifest's")
    if fetched.days != section.get("days") or fetched.gaps != section.get("gaps"):
        raise SourceError(f"{FETCHED_LOG}: its days or gaps differ from the manifest's")
    return [f"{FETCHED_ARCHIVE}: sha256 matches the manifest; {len(fetched.days)} fetched days "
            f"({min(fetched.days)} to {max(fetched.days)}), each file's sha256 as {FETCHED_LOG} and the "
            f"manifest record; {len(fetched.gaps)} without a file"]
