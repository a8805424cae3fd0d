"""Fixtures shared by every tier, and the tier markers (tests/tiers.py)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from tiers import tier_of

from reportmap.join import join_figures
from reportmap.loading import load_areas, load_boundaries, load_report
from reportmap.pipeline import Loaded, load
from reportmap.records import OfficialAreas, Report
from reportmap.scenarios import Scenario, ScenarioView

ROOT = Path(__file__).resolve().parent.parent


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test gets the marker of its file's tier (tests/tiers.py): unit, app or browser."""
    tiers: dict[Path, str] = {}
    for item in items:
        path = Path(str(item.path))
        item.add_marker(getattr(pytest.mark, tiers.setdefault(path, tier_of(path))))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def areas() -> OfficialAreas:
    return load_areas()


@pytest.fixture(scope="session")
def report(areas: OfficialAreas) -> Report:
    return load_report(areas=areas)


@pytest.fixture(scope="session")
def boundaries() -> gpd.GeoDataFrame:
    return load_boundaries()


@pytest.fixture(scope="session")
def loaded() -> Loaded:
    """Files -> records -> measurement -> checks -> joined, as the page has it (as reported)."""
    return load()


@pytest.fixture(scope="session")
def join(loaded: Loaded, boundaries: gpd.GeoDataFrame):
    """Join any report, under a scenario, with the boundaries and the report date's measurement."""

    def joined(report: Report, regions: gpd.GeoDataFrame = boundaries,
               scenario: Scenario = Scenario.AS_REPORTED) -> gpd.GeoDataFrame:
        return join_figures(regions, ScenarioView(report, scenario), loaded.areas, loaded.measurement, loaded.check)

    return joined
