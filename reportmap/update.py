"""`python -m reportmap update`: bring the measurement up to date from the published daily files.

Every day after the newest one held is fetched (`reportmap.fetch`), checked (`reportmap.deepstate`
and an occupied area within MAX_DAILY_CHANGE of the day before), measured (`reportmap.measuring`,
as the full build does) and then written in one go: the fetched files and their provenance
beside the pinned archive, the new rows of the daily table, the daily maps' archive and the
manifest. The result is byte for byte what `geodata/build_measured.py` writes from the same
sources. Any failure (no network, a broken or implausible file) changes nothing.

The files are replaced at the end, in a few milliseconds, the daily table last: a running page
keys its caches on the table's (and the manifest's) modification time, so it keeps serving the
old days until the table is replaced and then serves the new ones, without a restart; the
archive of maps it reads is a superset of the old one by then. An exception while replacing
puts the previous files back.
"""

from __future__ import annotations

import datetime as dt
import os
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import shapely

from reportmap.deepstate import missing_days, pack, read_day, read_days, sha256_bytes
from reportmap.errors import DataError, SourceError
from reportmap.fetch import DEFAULT_SOURCE, MAX_FILE_BYTES, TIMEOUT_S, FetchError, fetch
from reportmap.measured import read_manifest, sha256, verify
from reportmap.measuring import (
    DAILY_CSV,
    DAILY_MAPS,
    DAILY_MAPS_WINDOW,
    MANIFEST,
    DayMeasured,
    Measurer,
    daily_header,
    manifest_text,
    maps_section,
    web_name,
)
from reportmap.sources import Fetched, fetched_section, read_fetched, verify_fetched

# The largest change of the occupied area from one archived day to the next is 0.099% (116 km²,
# 13 Aug 2026); ten times that is still far below a layer gone missing (Crimea alone is 23%).
MAX_DAILY_CHANGE = 0.01
# A source without a single file for this many days in a row is more likely a wrong address than
# a pause in publishing (the longest gap in the archive is 2 days).
SILENT_DAYS = 7


class UpdateError(Exception):
    """Why nothing was changed, in one line."""


@dataclass(frozen=True)
class Paths:
    measured: Path  # the folder of daily-km2.csv, its manifest and the daily maps
    sources: Path  # the pinned archive and the fetched days
    regions: Path  # the boundaries the measurement was built with


@dataclass(frozen=True)
class Options:
    source: str = DEFAULT_SOURCE
    until: dt.date | None = None  # None: today (UTC)
    accept: frozenset[str] = frozenset()  # days taken even beyond MAX_DAILY_CHANGE
    dry_run: bool = False
    timeout: float = TIMEOUT_S
    limit: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class Taken:
    measured: DayMeasured
    data: bytes
    record: dict  # address, sha256, bytes, fetched_at [, accepted, same_map_as]


@dataclass
class Plan:
    newest: str  # the newest day held before the update
    taken: list[Taken] = field(default_factory=list)
    gaps: dict[str, dict] = field(default_factory=dict)  # no file, with a later day that has one
    pending: list[str] = field(default_factory=list)  # no file yet after the last one taken


@dataclass(frozen=True)
class State:
    """What is held now, checked against its manifest before anything is added to it."""

    manifest: dict
    table: str  # daily-km2.csv as it is
    rows: list[list[str]]
    maps: dict[str, bytes]  # the daily maps' archive members
    fetched: Fetched


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_state(paths: Paths) -> State:
    manifest_path = paths.measured / MANIFEST
    try:
        verify(manifest_path, paths.sources)
        verify_fetched(manifest_path, paths.sources)
    except (DataError, SourceError) as error:
        raise UpdateError(f"the measurement held is not intact, so nothing is added to it: {error}") from None
    manifest = read_manifest(manifest_path)
    if (manifest.get("parameters") or {}).get("days") is not None:
        raise UpdateError(f"{MANIFEST}: built for chosen days only; "
                          "run python -m geodata.build_measured for every day first")
    if (manifest.get("boundaries") or {}).get("sha256") != sha256(paths.regions):
        raise UpdateError(f"{paths.regions.name} changed since the build: run python -m geodata.build_measured first")
    table = (paths.measured / DAILY_CSV).read_text(encoding="utf-8")
    rows = [line.split(",") for line in table.splitlines()[1:]]
    with tarfile.open(paths.measured / DAILY_MAPS, "r:xz") as tar:
        maps = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    return State(manifest, table, rows, maps, read_fetched(paths.sources, after=""))


def held_geometry(state: State, paths: Paths, day: str) -> shapely.Geometry:
    """The source polygon of a day already held (to tell an unchanged map from a new one)."""
    if day in state.fetched.files:
        return read_day(day, state.fetched.files[day], day)
    archive = paths.sources / state.manifest["source"]["archive"]
    return next(geom for _, geom in read_days(archive, {day}))


def same_map(a: shapely.Geometry, b: shapely.Geometry) -> bool:
    """The same polygon, whatever the bytes (every file names its own day, so no two are equal)."""
    return bool(shapely.equals_exact(shapely.normalize(a), shapely.normalize(b), tolerance=0))


def days_after(newest: str, until: dt.date) -> list[str]:
    start = dt.date.fromisoformat(newest) + dt.timedelta(1)
    return [(start + dt.timedelta(n)).isoformat() for n in range((until - start).days + 1)]


def plan(paths: Paths, options: Options, state: State, say: Callable[[str], None]) -> Plan:
    """Fetch, check and measure every day after the newest held; UpdateError on the first doubt."""
    newest = state.rows[-1][0]
    result = Plan(newest)
    until = options.until or dt.datetime.now(dt.UTC).date()
    wanted = days_after(newest, until)
    if not wanted:
        return result
    measurer = Measurer(paths.regions)
    if daily_header(measurer.units.ua_ids) != state.table.split("\n", 1)[0].split(","):
        raise UpdateError(f"{DAILY_CSV}: its columns are not the units of {paths.regions.name}")
    previous_day, previous_km2 = newest, float(state.rows[-1][1])
    previous_geometry = held_geometry(state, paths, newest)
    unanswered: list[tuple[str, str, str]] = []
    for day in wanted:
        try:
            answer = fetch(options.source, day, options.timeout, options.limit)
        except FetchError as error:
            raise UpdateError(str(error)) from None
        fetched_at = now_utc()
        if answer.data is None:
            unanswered.append((day, answer.address, fetched_at))
            continue
        try:
            geometry = read_day(day, answer.data, answer.address)
            measured = measurer.day(day, geometry)
        except (SourceError, ValueError) as error:
            raise UpdateError(str(error)) from None
        km2 = float(measured.row[1])
        change = km2 / previous_km2 - 1
        record = {"address": answer.address, "sha256": sha256_bytes(answer.data), "bytes": len(answer.data),
                  "fetched_at": fetched_at}
        if abs(change) > MAX_DAILY_CHANGE:
            if day not in options.accept:
                raise UpdateError(f"{answer.address}: occupied area {km2:,.1f} km², {change:+.2%} against "
                                  f"{previous_day} ({previous_km2:,.1f} km²), beyond the ±{MAX_DAILY_CHANGE:.0%} "
                                  f"a day this update takes; refused (check the file, then --accept {day})")
            record["accepted"] = (f"{change:+.2%} against {previous_day}, beyond ±{MAX_DAILY_CHANGE:.0%}: "
                                  "taken with --accept")
        if same_map(geometry, previous_geometry):
            record["same_map_as"] = previous_day
        for gap, where, checked_at in unanswered:
            result.gaps[gap] = {"address": where, "checked_at": checked_at}
        unanswered = []
        result.taken.append(Taken(measured, answer.data, record))
        say(f"{'would take' if options.dry_run else 'takes'} {day}: {km2:,.1f} km² "
            f"({km2 - previous_km2:+,.1f} against {previous_day}"
            f"{', the same map' if 'same_map_as' in record else ''}) from {answer.address}")
        previous_day, previous_km2, previous_geometry = day, km2, geometry
    result.pending = [day for day, _, _ in unanswered]
    if not result.taken and len(result.pending) >= SILENT_DAYS:
        raise UpdateError(f"{options.source}: no file for any of the {len(result.pending)} days after {newest}; "
                          "is the address right?")
    for gap in result.gaps:
        say(f"{gap}: no file at the source (a gap, as in the archive)")
    return result


def new_files(paths: Paths, state: State, result: Plan) -> list[tuple[Path, bytes]]:
    """Every file the update changes, in the order they are replaced (the daily table last)."""
    taken = result.taken
    days = [t.measured.day for t in taken]
    table = state.table + "".join(",".join(t.measured.row) + "\n" for t in taken)
    maps = {**state.maps, **{web_name(t.measured.day): t.measured.map_text.encode() for t in taken}}
    maps_archive = pack(maps, DAILY_MAPS_WINDOW)
    old = state.fetched
    fetched = Fetched(paths.sources, {**old.days, **{t.measured.day: t.record for t in taken}},
                      {**old.gaps, **result.gaps}, {**old.files, **{t.measured.day: t.data for t in taken}})
    fetched_archive = fetched.archive_bytes()
    manifest = dict(state.manifest)
    held, built = manifest["archive_days"], manifest["built_days"]
    manifest["archive_days"] = {"first": held["first"], "last": days[-1], "count": held["count"] + len(days),
                                "missing": [*held["missing"], *missing_days([held["last"], *days])]}
    manifest["built_days"] = {"first": built["first"], "last": days[-1], "count": built["count"] + len(days),
                              "made_valid": sorted({*built["made_valid"],
                                                    *(t.measured.day for t in taken if t.measured.made_valid)})}
    manifest["daily_maps"] = maps_section({name: len(data) for name, data in maps.items()})
    manifest["fetched"] = fetched_section(fetched, sha256_bytes(fetched_archive))
    manifest["outputs"] = {**manifest["outputs"], DAILY_CSV: sha256_bytes(table.encode()),
                           DAILY_MAPS: sha256_bytes(maps_archive)}
    return [(fetched.archive, fetched_archive), (fetched.log, fetched.log_text().encode()),
            (paths.measured / DAILY_MAPS, maps_archive),
            (paths.measured / MANIFEST, manifest_text(manifest).encode()),
            (paths.measured / DAILY_CSV, table.encode())]


def commit(files: list[tuple[Path, bytes]]) -> None:
    """Write every file beside its target, then replace the targets in order; on any exception
    (an interrupt included) the targets replaced so far get their previous bytes back."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            temporary = path.with_name(f".{path.name}.update")
            with temporary.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((path, temporary))
        previous = {path: (path.read_bytes() if path.exists() else None) for path, _ in staged}
        done: list[Path] = []
        try:
            for path, temporary in staged:
                os.replace(temporary, path)
                done.append(path)
        except BaseException:
            for path in reversed(done):
                _restore(path, previous[path])
            raise
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)


def _restore(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
        return
    temporary = path.with_name(f".{path.name}.restore")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def update(paths: Paths, options: Options, say: Callable[[str], None] = print) -> Plan:
    """Fetch, check, measure and (unless a dry run) write the new days. UpdateError: nothing changed."""
    state = read_state(paths)
    result = plan(paths, options, state, say)
    if result.taken and not options.dry_run:
        commit(new_files(paths, state, result))
    return result
