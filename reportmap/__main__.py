"""Command line: `python -m reportmap validate [FILE]` and `python -m reportmap export ...`.

`validate` prints the same message the page shows for a bad file, and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportmap.geo import BOUNDARIES_FILE, join_figures, load_boundaries
from reportmap.loading import AREAS_FILE, REPORT_FILE, DataError, load_areas, load_report
from reportmap.mapview import MapOptions
from reportmap.scenarios import Reading, Scenario
from reportmap.standalone import export_map
from reportmap.texts import LANGUAGES, t


def _validate(args: argparse.Namespace) -> int:
    areas = load_areas(args.areas)
    report = load_report(args.file, areas=areas)
    join_figures(load_boundaries(args.boundaries), report, areas)  # every figure lands on a region
    named = {region for statement in report.statements for region in statement.regions}
    print(f"{args.file}: OK: {len(report.statements)} statements naming {len(named)} regions, "
          f"{len(report.conditions)} conditions, {len(report.events)} events")
    return 0


def _export(args: argparse.Namespace) -> int:
    options = MapOptions(lang=args.lang, scenario=Scenario(args.scenario),
                         colour_by=None if args.reading == "wording" else Reading(args.reading))
    html = export_map(options, args.file, args.areas, args.boundaries)
    args.out.write_text(html, encoding="utf-8")
    print(f"wrote {args.out} ({len(html.encode()) / 1024:.0f} KiB); it opens offline")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m reportmap", description=t("app_title"))
    commands = root.add_subparsers(dest="command", required=True)

    def with_files(command: argparse.ArgumentParser) -> None:
        command.add_argument("--areas", type=Path, default=AREAS_FILE, help="official areas file")
        command.add_argument("--boundaries", type=Path, default=BOUNDARIES_FILE, help="boundary GeoJSON")

    validate = commands.add_parser("validate", help="check a figures file, as the app would")
    validate.add_argument("file", type=Path, nargs="?", default=REPORT_FILE)
    with_files(validate)
    validate.set_defaults(run=_validate)

    export = commands.add_parser("export", help="write the map as one standalone HTML file")
    export.add_argument("--scenario", choices=[s.value for s in Scenario], default=Scenario.AS_REPORTED.value)
    export.add_argument("--lang", choices=list(LANGUAGES), default="en")
    export.add_argument("--reading", choices=["wording", *(r.value for r in Reading)], default="wording")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--file", type=Path, default=REPORT_FILE, help="figures file")
    with_files(export)
    export.set_defaults(run=_export)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as error:
        print(t("data_error", "en", error=error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
