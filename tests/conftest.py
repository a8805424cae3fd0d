from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from reportmap.geo import load_boundaries
from reportmap.loading import load_areas, load_report
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
