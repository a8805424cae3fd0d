"""The page's data: `pipeline.Loaded` plus the named version of the files it was read from (issue 25)."""

from __future__ import annotations

import dataclasses

import pytest

from reportmap.mapstyle import MapOptions
from reportmap.pipeline import Files, Loaded
from reportmap.scenarios import Scenario
from ui import data as ui_data
from ui.data import Data, DataVersion, load_data, report_map


def test_data_is_loaded_plus_its_version(loaded: Loaded) -> None:
    version = DataVersion(Files(), (1, 2, 3))
    data = Data.of(loaded, version)
    assert isinstance(data, Loaded) and data.version == version
    assert all(getattr(data, field.name) is getattr(loaded, field.name) for field in dataclasses.fields(Loaded))
    assert [field.name for field in dataclasses.fields(Data)] == [
        *(field.name for field in dataclasses.fields(Loaded)), "version"]
    assert data.scenario is Scenario.AS_REPORTED


def test_the_page_reads_the_files_version_by_name() -> None:
    data = load_data()
    assert isinstance(data.version, DataVersion)
    assert data.version.files == ui_data._files() and len(data.version.mtimes) == len(data.version.files.all)
    assert not hasattr(data, "stamp")


def test_the_map_is_built_from_the_version_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """report_map takes the version the page read a moment ago; it does not look at the files again."""
    version = load_data().version

    def no_second_look(paths: object) -> tuple[int, ...]:
        raise AssertionError("report_map read the files' versions again")

    monkeypatch.setattr(ui_data, "_stamp", no_second_look)
    m = report_map(MapOptions(), version)
    assert "L.geoJson(" in m.get_root().render()


def test_the_files_read_for_a_version_are_out_of_the_collectors_reach() -> None:
    """They live as long as the process (ui.data._inputs): frozen, a full collection during a reader's
    run does not walk them (the date change's slowest runs in `python -m bench.reruns`)."""
    import gc

    gc.unfreeze()
    ui_data._load_data.clear()
    ui_data._inputs.clear()
    load_data()
    assert gc.get_freeze_count() > 0
