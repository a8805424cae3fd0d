"""Reading DeepStateMap's pinned archive (a .tar.xz of one GeoJSON per day) without extracting it:
its hash, the days it holds, the days it lacks, and each day's polygon, streamed."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import shapely

from reportmap.measured import sha256

MEMBER = re.compile(r"data/deepstatemap_data_(\d{8})\.geojson")


def check_archive(path: Path, expected: str) -> None:
    """Refuse to build from anything but the pinned archive: the outputs claim its provenance."""
    if not path.is_file():
        sys.exit(f"{path}: archive not found")
    digest = sha256(path)
    if digest != expected:
        sys.exit(f"{path.name}: sha256 {digest} differs from the pinned {expected}; "
                 "refusing to build from unverified data")


def iso_day(stamp: str) -> str:
    """YYYYMMDD (file name) to YYYY-MM-DD."""
    return dt.datetime.strptime(stamp, "%Y%m%d").date().isoformat()


def archive_days(path: Path) -> list[str]:
    """The days that have a file, from the archive's member names (no data is decompressed twice)."""
    with tarfile.open(path, "r:xz") as tar:
        names = [m.name for m in tar.getmembers() if m.isfile()]
    days = []
    for name in names:
        match = MEMBER.fullmatch(name)
        if not match:
            sys.exit(f"unexpected member {name!r} in the archive")
        days.append(iso_day(match.group(1)))
    if len(set(days)) != len(days):
        sys.exit("the archive holds a day twice")
    return sorted(days)


def missing_days(days: list[str]) -> list[str]:
    """Calendar days between the first and the last file that have no file."""
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    have = set(days)
    every = (first + dt.timedelta(n) for n in range((last - first).days + 1))
    return [d.isoformat() for d in every if d.isoformat() not in have]


def read_days(path: Path, wanted: set[str] | None) -> Iterator[tuple[str, shapely.Geometry]]:
    """Yield (day, EPSG:4326 geometry) in archive order, streaming (xz cannot seek cheaply)."""
    with tarfile.open(path, "r:xz") as tar:
        for member in tar:
            match = MEMBER.fullmatch(member.name) if member.isfile() else None
            if not match:
                continue
            day = iso_day(match.group(1))
            if wanted is not None and day not in wanted:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                sys.exit(f"{member.name}: cannot be read")
            collection = json.load(handle)
            features = collection.get("features", [])
            if len(features) != 1:
                sys.exit(f"{member.name}: {len(features)} features, expected one")
            yield day, shapely.geometry.shape(features[0]["geometry"])
