"""Command line: `python -m reportmap validate [FILE]`, `export ...`, `check ...` (reportmap.checkcli)
and `update ...`.

`validate` prints the same message the page shows for a bad file, and exits 1. `update` is the
only command that goes online (`reportmap.update`); it says in one line why it changed nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from reportmap import checkcli
from reportmap.errors import DataError, SourceError
from reportmap.fetch import DEFAULT_SOURCE, TIMEOUT_S
from reportmap.library import DEFAULT_REPORT, report_file, report_files
from reportmap.loading import AREAS_FILE, BOUNDARIES_FILE, REPORT_FILE
from reportmap.mapview import MapOptions
from reportmap.measured import DAILY_FILE, SOURCE_ARCHIVE_DIR, load_series, verify
from reportmap.pipeline import Files, load
from reportmap.scenarios import ColourBy, Scenario
from reportmap.sources import verify_fetched
from reportmap.standalone import export_map
from reportmap.texts import LANGUAGES, t
from reportmap.update import Options, Paths, UpdateError, update


def _files(args: argparse.Namespace) -> Files:
    report = args.file
    if getattr(args, "report", None) is not None:  # a report of the library, by its id
        report = report_file(args.report, args.areas.parent)
        if report is None:
            known = ", ".join(report_files(args.areas.parent))
            raise UsageError(f"--report {args.report[:80]!r}: no such report (the library holds: {known})")
    return Files(report=report, areas=args.areas, boundaries=args.boundaries, measured=args.measured)


def _validate(args: argparse.Namespace) -> int:
    loaded = load(_files(args))  # every figure lands on a region, every region has a measurement
    report = loaded.published
    named = {region for statement in report.statements for region in statement.regions}
    print(f"{_files(args).report}: OK: {len(report.statements)} statements naming {len(named)} regions, "
          f"{len(report.conditions)} conditions, {len(report.events)} events")
    manifest = _files(args).measured_files[2]
    try:
        checked = [*verify(manifest, args.sources), *verify_fetched(manifest, args.sources)]
    except SourceError as error:
        raise DataError(manifest, "fetched days", str(error)) from None
    for line in checked:
        print(f"  {line}")
    series = loaded.series
    print(f"{args.measured}: OK: {len(series.days)} days, {series.first} to {series.last}; "
          f"report's date measured on {loaded.measurement.date}")
    return 0


class UsageError(Exception):
    """A command's input the data cannot serve: one line on stderr, exit 1, no traceback."""


def _export(args: argparse.Namespace) -> int:
    options = MapOptions(lang=args.lang, scenario=Scenario(args.scenario), colour_by=ColourBy(args.reading),
                         occupied_overlay=not args.no_overlay)
    files = _files(args)
    if args.date is not None:  # named as the reader's input, not as broken data
        series = load_series(*files.measured_files)
        if not series.first <= args.date <= series.last:
            raise UsageError(f"--date {args.date}: outside the measured days, {series.first} to {series.last}")
    html = export_map(options, files, args.date)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)  # a new folder is made, as `--out` asks
        args.out.write_text(html, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"--out {args.out}: cannot write it ({error.strerror or error})") from None
    print(f"wrote {args.out} ({len(html.encode()) / 1024:.0f} KiB); it opens offline")
    return 0


def _update(args: argparse.Namespace) -> int:
    paths = Paths(measured=args.measured.parent, sources=args.sources, regions=args.boundaries)
    options = Options(source=args.source, until=args.until, accept=frozenset(d.isoformat() for d in args.accept),
                      dry_run=args.dry_run, timeout=args.timeout)
    try:
        result = update(paths, options)
    except UpdateError as error:
        print(f"update: nothing changed: {error}", file=sys.stderr)
        return 1
    waiting = f"; no file yet for {', '.join(result.pending)}" if result.pending else ""
    if not result.taken:
        print(f"update: nothing new after {result.newest}{waiting}")
    elif args.dry_run:
        print(f"update: would take {len(result.taken)} days after {result.newest} (dry run: nothing written){waiting}")
    else:
        print(f"update: took {len(result.taken)} days, {result.taken[0].measured.day} to "
              f"{result.taken[-1].measured.day}{waiting}; the measurement now ends on {result.taken[-1].measured.day}")
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m reportmap", description=t("app_title"))
    commands = root.add_subparsers(dest="command", required=True)

    def with_files(command: argparse.ArgumentParser) -> None:
        command.add_argument("--areas", type=Path, default=AREAS_FILE, help="official areas file")
        command.add_argument("--boundaries", type=Path, default=BOUNDARIES_FILE, help="boundary GeoJSON")
        command.add_argument("--measured", type=Path, default=DAILY_FILE,
                             help="DeepStateMap's daily km² per region (manifest and unit areas beside it)")

    validate = commands.add_parser("validate", help="check a figures file, as the app would")
    validate.add_argument("file", type=Path, nargs="?", default=REPORT_FILE)
    validate.add_argument("--report", default=None, metavar="ID", help="a report of the library (data/reports/)")
    with_files(validate)
    validate.add_argument("--sources", type=Path, default=SOURCE_ARCHIVE_DIR,
                          help="DeepStateMap's pinned archive and the fetched days")
    validate.set_defaults(run=_validate)

    export = commands.add_parser("export", help="write the map as one standalone HTML file")
    export.add_argument("--scenario", choices=[s.value for s in Scenario], default=Scenario.AS_REPORTED.value)
    export.add_argument("--lang", choices=list(LANGUAGES), default="en")
    export.add_argument("--reading", choices=[c.value for c in ColourBy], default=ColourBy.WORDING.value)
    export.add_argument("--no-overlay", action="store_true", help="leave out the measured occupied area")
    export.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the day of DeepStateMap's measurement (default: the report's date; a day without a "
                             "file takes the nearest earlier day)")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--file", type=Path, default=REPORT_FILE, help="figures file")
    export.add_argument("--report", default=None, metavar="ID",
                        help=f"a report of the library by its id (default: {DEFAULT_REPORT}, data/report.toml)")
    with_files(export)
    export.set_defaults(run=_export)
    checkcli.add_parser(commands, _day)

    refresh = commands.add_parser("update", help="fetch DeepStateMap's days after the newest held, check, measure, "
                                  "write (the only command that goes online)")
    refresh.add_argument("--source", default=DEFAULT_SOURCE, metavar="BASE",
                         help="an http(s):// base or a local folder with data/deepstatemap_data_YYYYMMDD.geojson "
                              f"under it (default: {DEFAULT_SOURCE})")
    refresh.add_argument("--until", type=_day, default=None, metavar="YYYY-MM-DD",
                         help="the last day to fetch (default: today, UTC)")
    refresh.add_argument("--accept", type=_day, action="append", default=[], metavar="YYYY-MM-DD",
                         help="take this day even if its occupied area jumps beyond the daily tolerance "
                              "(repeatable)")
    refresh.add_argument("--dry-run", action="store_true", help="fetch and check, list what would be taken, "
                         "write nothing")
    refresh.add_argument("--timeout", type=float, default=TIMEOUT_S, metavar="SECONDS",
                         help=f"per connection and read (default: {TIMEOUT_S:g})")
    refresh.add_argument("--measured", type=Path, default=DAILY_FILE,
                         help="the daily table to extend (its manifest and maps beside it)")
    refresh.add_argument("--sources", type=Path, default=SOURCE_ARCHIVE_DIR,
                         help="where the pinned archive is and the fetched days are kept")
    refresh.add_argument("--boundaries", type=Path, default=BOUNDARIES_FILE, help="boundary GeoJSON")
    refresh.set_defaults(run=_update)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as error:
        print(t("data_error", "en", error=error), file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"{parser().prog} {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
