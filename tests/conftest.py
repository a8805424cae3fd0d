from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from reportmap.geo import join_figures, load_boundaries
from reportmap.loading import load_areas, load_report
from reportmap.pipeline import Loaded, load
from reportmap.records import OfficialAreas, Report

ROOT = Path(__file__).resolve().parent.parent


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
    """Join any (scenario's) report with the boundaries and the report date's measurement."""

    def joined(report: Report, regions: gpd.GeoDataFrame = boundaries) -> gpd.GeoDataFrame:
        return join_figures(regions, report, loaded.areas, loaded.measurement, loaded.check)

    return joined
