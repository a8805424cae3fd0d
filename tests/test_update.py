"""`python -m reportmap update` against a server of our own on loopback, never the internet.

The measurement held is a small copy built by geodata/build_measured.py from the pinned archive's
own files around the report's date (so the pipeline and the page can load it); the server's days
are later files of the same archive, re-dated to follow the newest day held.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from reportmap import update as update_module
from reportmap.__main__ import main
from reportmap.deepstate import archive_files, member_name, pack
from reportmap.measured import load_series, read_manifest
from reportmap.sources import Pinned

ROOT = Path(__file__).resolve().parent.parent
PINNED_ARCHIVE = ROOT / "geodata" / "sources" / "deepstate" / "deepstate-occupied-daily-2024-07-08_2026-08-22.tar.xz"
HELD = ["2024-11-20", "2024-11-21", "2024-11-22", "2024-11-23", "2024-11-24"]  # the report's date among them
LATER = ["2024-11-25", "2024-11-26", "2024-11-27", "2024-11-28", "2024-11-29", "2024-11-30"]
FAR = "2026-01-01"  # a real day whose area is several percent above late November 2024's


def load_build() -> ModuleType:
    """The build script, imported as the module `python -m geodata.build_measured` runs."""
    from geodata import build_measured

    return build_measured


def redate(data: bytes, old: str, new: str) -> bytes:
    """A file of `old` as the file of `new`: it names itself, so its name changes too."""
    stamp = lambda day: dt.date.fromisoformat(day).strftime("%Y%m%d")  # noqa: E731
    return data.replace(f"deepstatemap_data_{stamp(old)}".encode(), f"deepstatemap_data_{stamp(new)}".encode(), 1)


@pytest.fixture(scope="module")
def real_files() -> dict[str, bytes]:
    return dict(archive_files(PINNED_ARCHIVE, {*HELD, *LATER, FAR}))


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_build()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, real_files: dict[str, bytes], build: ModuleType) -> Path:
    """sources/ (a small pinned archive of the HELD days) and measured/ (its full build)."""
    root = tmp_path_factory.mktemp("held")
    (root / "sources").mkdir()
    archive = root / "sources" / "small.tar.xz"
    archive.write_bytes(pack({member_name(d): real_files[d] for d in HELD}, 8 << 20))
    build.build(None, root / "measured", pinned=small_pinned(archive))
    return root


def small_pinned(archive: Path) -> Pinned:
    import hashlib
    return Pinned(archive, hashlib.sha256(archive.read_bytes()).hexdigest(), "test", (), (HELD[1], HELD[2]))


@pytest.fixture
def held(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(template, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class Source(http.server.ThreadingHTTPServer):
    """The published layout on loopback: path -> bytes, or a behaviour ("truncate", ("slow", s))."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, object] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/main"

    def put(self, day: str, body: object) -> None:
        self.routes[f"/main/{member_name(day)}"] = body


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.server.routes.get(self.path)  # type: ignore[attr-defined]
        if isinstance(body, tuple) and body[0] == "slow":
            time.sleep(body[1])
            body = body[2]
        if body is None:
            self.send_error(404)
            return
        if body == "truncate":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"type": "FeatureCollection", "features": [')
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))  # type: ignore[arg-type]
        self.end_headers()
        self.wfile.write(body)  # type: ignore[arg-type]

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def source(real_files: dict[str, bytes]) -> Iterator[Source]:
    server = Source()
    for day in LATER:
        server.put(day, real_files[day])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def run(held: Path, *extra: str, base: str | None = None, until: str = LATER[-1]) -> int:
    args = ["update", "--measured", str(held / "measured" / "daily-km2.csv"), "--sources", str(held / "sources"),
            "--until", until, *extra]
    if base is not None:
        args += ["--source", base]
    return main(args)


def newest(held: Path) -> dt.date:
    return load_series(held / "measured" / "daily-km2.csv", held / "measured" / "unit-areas.csv",
                       held / "measured" / "manifest.json").last


def validate(held: Path) -> int:
    return main(["validate", "--measured", str(held / "measured" / "daily-km2.csv"),
                 "--sources", str(held / "sources")])


def test_new_days_are_taken_with_their_provenance_and_validate_checks_it(
        held: Path, source: Source, capsys: pytest.CaptureFixture[str]) -> None:
    last_held = newest(held)
    assert run(held, base=source.base) == 0
    assert newest(held) == dt.date.fromisoformat(LATER[-1]) > last_held
    manifest = read_manifest(held / "measured" / "manifest.json")
    fetched = manifest["fetched"]["days"]
    assert sorted(fetched) == LATER
    for day, record in fetched.items():
        assert record["address"] == f"{source.base}/{member_name(day)}"
        assert re.fullmatch(r"[0-9a-f]{64}", record["sha256"])
        assert dt.datetime.fromisoformat(record["fetched_at"]).tzinfo is not None
    assert manifest["archive_days"]["last"] == manifest["built_days"]["last"] == LATER[-1]
    assert "took 6 days" in capsys.readouterr().out
    assert validate(held) == 0
    assert "6 fetched days" in capsys.readouterr().out
    log = json.loads((held / "sources" / "fetched.json").read_text(encoding="utf-8"))
    log["days"][LATER[0]]["fetched_at"] = "2000-01-01T00:00:00Z"  # a record edited after the fact
    (held / "sources" / "fetched.json").write_text(json.dumps(log), encoding="utf-8")
    assert validate(held) == 1
    assert "differ from the manifest" in capsys.readouterr().err


def test_a_missing_file_is_a_gap_and_the_last_unpublished_days_are_not(held: Path, source: Source) -> None:
    source.put(LATER[1], None)
    source.put(LATER[-1], None)  # not yet published: asked again next time
    assert run(held, base=source.base) == 0
    manifest = read_manifest(held / "measured" / "manifest.json")
    assert list(manifest["fetched"]["gaps"]) == [LATER[1]]
    assert LATER[1] in manifest["archive_days"]["missing"]
    assert manifest["built_days"]["last"] == LATER[-2]
    series = load_series(held / "measured" / "daily-km2.csv", held / "measured" / "unit-areas.csv",
                         held / "measured" / "manifest.json")
    assert series.missing == (dt.date.fromisoformat(LATER[1]),)
    assert validate(held) == 0


@pytest.mark.parametrize(("body", "words"), [
    (b"<html>Rate limited</html>", "not valid JSON"),
    (b'{"type": "FeatureCollection", "features": []}', "0 features"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
     b'"geometry": {"type": "Point", "coordinates": [30, 50]}}]}', "not a non-empty (Multi)Polygon"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": '
     b'{"type": "Polygon", "coordinates": [[[2, 48], [3, 48], [3, 49], [2, 48]]]}}]}', "bounding box"),
    ("truncate", "broke off"),
])
def test_a_bad_answer_changes_nothing(held: Path, source: Source, capsys: pytest.CaptureFixture[str],
                                      body: object, words: str) -> None:
    source.put(LATER[2], body)
    before = snapshot(held)
    assert run(held, base=source.base) == 1
    error = capsys.readouterr().err
    assert words in error and member_name(LATER[2]) in error and error.count("\n") == 1
    assert snapshot(held) == before


def test_a_file_naming_another_day_is_refused(held: Path, source: Source, real_files: dict[str, bytes],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source.put(LATER[0], real_files[LATER[1]])  # the right polygon could be anything: it says it is another day's
    before = snapshot(held)
    assert run(held, base=source.base) == 1
    assert "names itself" in capsys.readouterr().err
    assert snapshot(held) == before


def test_a_source_that_does_not_answer_in_time(held: Path, source: Source, real_files: dict[str, bytes],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source.put(LATER[0], ("slow", 2.0, real_files[LATER[0]]))
    before = snapshot(held)
    started = time.perf_counter()
    assert run(held, "--timeout", "0.3", base=source.base) == 1
    assert time.perf_counter() - started < 2.0
    assert "no answer within 0.3 s" in capsys.readouterr().err
    assert snapshot(held) == before


def test_no_network_changes_nothing(held: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a free port with nobody listening: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = snapshot(held)
    assert run(held, base=f"http://127.0.0.1:{port}/main") == 1
    error = capsys.readouterr().err
    assert error.startswith("update: nothing changed:") and "cannot reach the source" in error
    assert error.count("\n") == 1
    assert snapshot(held) == before


def test_a_jump_beyond_the_tolerance_is_refused_then_taken_with_accept(
        held: Path, source: Source, real_files: dict[str, bytes], capsys: pytest.CaptureFixture[str]) -> None:
    source.put(LATER[1], redate(real_files[FAR], FAR, LATER[1]))
    before = snapshot(held)
    assert run(held, base=source.base) == 1
    error = capsys.readouterr().err
    assert f"--accept {LATER[1]}" in error and "beyond the ±1%" in error
    assert snapshot(held) == before
    # the day after jumps back: it needs accepting too
    assert run(held, "--accept", LATER[1], "--accept", LATER[2], base=source.base) == 0
    record = read_manifest(held / "measured" / "manifest.json")["fetched"]["days"][LATER[1]]
    assert "taken with --accept" in record["accepted"]
    assert validate(held) == 0


def test_days_are_compared_by_geometry_not_bytes(held: Path, source: Source, real_files: dict[str, bytes]) -> None:
    """A file that repeats the day before's map is taken and marked so (it names its own day, so
    its bytes differ)."""
    source.put(LATER[1], redate(real_files[LATER[0]], LATER[0], LATER[1]))
    assert run(held, base=source.base, until=LATER[2]) == 0
    days = read_manifest(held / "measured" / "manifest.json")["fetched"]["days"]
    assert days[LATER[1]]["same_map_as"] == LATER[0] and days[LATER[1]]["sha256"] != days[LATER[0]]["sha256"]
    assert "same_map_as" not in days[LATER[0]] and "same_map_as" not in days[LATER[2]]


def test_dry_run_lists_and_writes_nothing(held: Path, source: Source, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(held)
    assert run(held, "--dry-run", base=source.base) == 0
    out = capsys.readouterr().out
    assert all(f"would take {day}" in out for day in LATER) and "would take 6 days" in out
    assert snapshot(held) == before


def test_a_local_mirror_and_until(held: Path, real_files: dict[str, bytes], tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    for day in LATER:
        (mirror / member_name(day)).parent.mkdir(parents=True, exist_ok=True)
        (mirror / member_name(day)).write_bytes(real_files[day])
    assert run(held, base=str(mirror), until=LATER[2]) == 0
    assert newest(held) == dt.date.fromisoformat(LATER[2])
    assert run(held, base=str(mirror), until=LATER[2]) == 0  # nothing new: nothing changes
    assert newest(held) == dt.date.fromisoformat(LATER[2])


def test_incremental_update_is_byte_for_byte_the_full_build(held: Path, source: Source, build: ModuleType,
                                                            tmp_path: Path) -> None:
    source.put(LATER[1], None)  # a gap too
    assert run(held, base=source.base, until=LATER[3]) == 0
    assert run(held, base=source.base) == 0  # and a second update on top of the first
    full = tmp_path / "full"
    build.build(None, full, pinned=small_pinned(held / "sources" / "small.tar.xz"))
    updated = snapshot(held / "measured")
    assert updated == snapshot(full)
    assert {"daily-km2.csv", "manifest.json", "occupied-daily.tar.xz"} <= set(updated)


def test_an_interrupted_update_leaves_the_previous_state(held: Path, source: Source,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(held)
    real_fetch, calls = update_module.fetch, []

    def interrupted_fetch(*args: object, **kwargs: object) -> object:
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(update_module, "fetch", interrupted_fetch)
    with pytest.raises(KeyboardInterrupt):
        run(held, base=source.base)
    assert snapshot(held) == before
    monkeypatch.setattr(update_module, "fetch", real_fetch)

    real_replace, replaced = os.replace, []

    def interrupted_replace(src: object, dst: object) -> None:
        replaced.append(dst)
        if len(replaced) == 3:  # after the fetched files, before the measurement's
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(update_module.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        run(held, base=source.base)
    monkeypatch.setattr(update_module.os, "replace", real_replace)
    assert snapshot(held) == before  # the two files replaced are back, no temporary file is left
    assert validate(held) == 0


def test_a_running_page_serves_the_old_days_until_the_update_is_complete(
        held: Path, source: Source, monkeypatch: pytest.MonkeyPatch) -> None:
    """No restart: the page's caches are keyed on the files' modification times (ui.data._stamp)."""
    from ui import data as page_data

    monkeypatch.setenv(page_data.MEASURED_VARIABLE, str(held / "measured" / "daily-km2.csv"))
    source.put(LATER[1], None)  # a gap: the new manifest lists it before the table has its days
    old = page_data.load_data().series
    seen: list[tuple[dt.date, int]] = []
    real_replace = os.replace

    def watching_replace(src: object, dst: object) -> None:
        series = page_data.load_data().series  # what a reader gets before each file is replaced
        seen.append((series.last, len(series.missing)))
        real_replace(src, dst)

    monkeypatch.setattr(update_module.os, "replace", watching_replace)
    assert run(held, base=source.base) == 0
    monkeypatch.setattr(update_module.os, "replace", real_replace)
    assert seen == [(old.last, len(old.missing))] * 5
    data = page_data.load_data(day=dt.date.fromisoformat(LATER[-1]))
    assert data.series.missing == (*old.missing, dt.date.fromisoformat(LATER[1]))
    assert data.series.last == data.measurement.date == dt.date.fromisoformat(LATER[-1])
    assert data.overlay()["features"][0]["properties"]["date"] == LATER[-1]  # its map came with it


def test_no_code_or_test_names_the_last_day() -> None:
    """The newest day comes from the data; only the pinned archive's own file name carries a date of its span."""
    last = read_manifest(ROOT / "geodata" / "measured" / "manifest.json")["built_days"]["last"]
    stamp = last.replace("-", "")
    y, m, d = (int(part) for part in last.split("-"))
    patterns = [last, stamp, f"{y}, {m}, {d}", dt.date.fromisoformat(last).strftime("%-d %B %Y")]
    offenders = []
    for folder in ("reportmap", "ui", "pages", "tests", "geodata", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8").replace(PINNED_ARCHIVE.name, "")
            offenders += [f"{path.relative_to(ROOT)}: {p}" for p in patterns if p in text]
    assert offenders == []


def test_the_update_code_does_not_edit_sys_path() -> None:
    for path in [*(ROOT / "reportmap").glob("*.py"), ROOT / "geodata" / "build_measured.py"]:
        assert "sys.path" not in path.read_text(encoding="utf-8"), path.name


def test_the_optional_daily_workflow_runs_the_update_and_commits_it() -> None:
    workflow = (ROOT / ".github" / "workflows" / "update-measurement.yml").read_text(encoding="utf-8")
    assert re.search(r"schedule:\s*\n\s*- cron: \"\d+ \d+ \* \* \*\"", workflow)  # daily
    assert "vars.REPORTMAP_DAILY_UPDATE == 'true'" in workflow  # optional: off until a publisher turns it on
    steps = [line.strip() for line in workflow.splitlines() if line.strip().startswith("run:")]
    assert "run: python -m reportmap update" in steps and "run: python -m reportmap validate" in steps
    assert "git add geodata/measured geodata/sources/deepstate" in workflow and "git push" in workflow
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    publishing = readme[readme.index("## Publishing"):]
    assert "python -m reportmap update" in publishing and "update-measurement.yml" in publishing
    assert "REPORTMAP_DAILY_UPDATE" in publishing and "needs no restart" in " ".join(publishing.split())


def test_the_method_page_says_what_the_source_leaves_out_in_both_languages() -> None:
    en = (ROOT / "geodata" / "PROVENANCE.md").read_text(encoding="utf-8")
    uk = (ROOT / "geodata" / "PROVENANCE.uk.md").read_text(encoding="utf-8")
    assert "Grey zones are left out" in en and "Сірих зон немає" in uk
    assert "A day is the day of the download" in en and "День — це день завантаження" in uk
    manifest = read_manifest(ROOT / "geodata" / "measured" / "manifest.json")
    hand = manifest["source"]["hand_added"]["days"]
    assert (hand[0], hand[-1], len(hand)) == ("2025-11-04", "2025-11-25", 22)
    for text in (en, uk):
        assert "45b2410" in text and "95884d1" in text and "source.hand_added" in text


def test_days_not_yet_published_are_waited_for_but_a_silent_source_is_an_error(
        held: Path, source: Source, capsys: pytest.CaptureFixture[str]) -> None:
    source.routes.clear()
    before = snapshot(held)
    assert run(held, base=source.base, until=LATER[1]) == 0  # the morning's file is not there yet
    assert f"nothing new after {HELD[-1]}; no file yet for {LATER[0]}, {LATER[1]}" in capsys.readouterr().out
    ten_days = (dt.date.fromisoformat(HELD[-1]) + dt.timedelta(10)).isoformat()
    assert run(held, base=source.base, until=ten_days) == 1  # ten days without a single file: a wrong address
    assert "is the address right?" in capsys.readouterr().err
    assert snapshot(held) == before


def test_only_the_update_goes_online() -> None:
    # urllib.parse only reads an address; it asks nothing of the network.
    online = re.compile(r"^\s*(?:import|from)\s+(?:urllib(?!\.parse\b)|http\.client|socket|requests|httpx)\b", re.M)
    users = [path.relative_to(ROOT).as_posix() for folder in ("reportmap", "ui", "pages")
             for path in sorted((ROOT / folder).rglob("*.py")) if online.search(path.read_text(encoding="utf-8"))]
    assert users == ["reportmap/fetch.py"]


@pytest.mark.parametrize(("body", "words"), [
    (b"\xff\xfe", "not valid JSON"),
    (b"[1]", "not a GeoJSON FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": [5]}', "1 features, expected one"),
    (b'{"type": "FeatureCollection", "name": 7, "features": []}', "names itself 7"),
    (b'{"type": "FeatureCollection", "crs": 5, "features": []}', "not lon/lat"),
    (b'{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}}, "features": []}',
     "not lon/lat"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", '
     b'"coordinates": "x"}}]}', "no readable geometry"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null}]}',
     "no readable geometry"),
    (b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "MultiPolygon", '
     b'"coordinates": []}}]}', "not a non-empty (Multi)Polygon"),
])
def test_a_hostile_file_is_refused_with_its_reason(body: bytes, words: str) -> None:
    from reportmap.deepstate import read_day
    from reportmap.errors import SourceError

    with pytest.raises(SourceError, match=re.escape(words)):
        read_day(LATER[0], body, "the file")


def test_nothing_is_added_to_a_measurement_that_is_not_intact(held: Path, source: Source,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    table = held / "measured" / "daily-km2.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",0.0,", ",1.0,", 1), encoding="utf-8")
    before = snapshot(held)
    assert run(held, base=source.base) == 1
    assert "not intact" in capsys.readouterr().err
    assert snapshot(held) == before
