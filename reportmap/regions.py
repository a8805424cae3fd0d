"""The joined map's records: one `RegionFigure` per boundary unit, its `Role`, and what was
measured there (`Occupied`), never merged with what the report says of it (`reportmap.join` makes them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from reportmap.checks import StatementCheck
from reportmap.records import ControlClass, KurskClaim, Range, Statement, Text


class Role(StrEnum):
    """How a boundary unit takes part in the map."""

    UKRAINE = "ukraine"
    KURSK = "kursk"
    NEIGHBOUR = "neighbour"


@dataclass(frozen=True)
class Occupied:
    """The area DeepStateMap measured as occupied in one Ukrainian unit on one day (one unit's part
    of a day's `reportmap.measured.Measurement`)."""

    date: dt.date
    km2: float
    share: float  # percent of the unit's boundary area
    boundary_km2: float


@dataclass(frozen=True)
class RegionFigure:
    """One boundary unit as the join makes it: its names, what the report says of it and, beside
    it, never merged with it, what was measured there.

    Ukraine's units carry `official_km2`, `share` (our reading of the statement naming the unit,
    as the scenario has it: 0 when none does or the scenario shows its area `returned`) and
    `measured`; a unit named by a statement also its `statement` (as published: a scenario never
    rewrites it), the km² the scenario's share gives its regions together, and `check` (the
    statement against the measurement). Kursk carries the report's foothold. Neighbours carry
    their names only.
    """

    id: str
    names: Text
    country: str
    kind: str
    role: Role
    wording: str = ""  # the report's words for it (Kursk's too), "" when the report names none
    official_km2: float | None = None
    statement: Statement | None = None
    returned: bool = False  # the scenario shows the statement's area returned to Ukraine
    share: Range | None = None
    demanded: bool = False
    statement_official_km2: float | None = None
    statement_km2: Range | None = None
    measured: Occupied | None = None
    check: StatementCheck | None = None
    held_km2: float | None = None  # Kursk: the area the report says Ukraine holds
    held_pct: float | None = None  # ... as a share of the oblast's official area
    day: dt.date | None = None  # Kursk: the day shown (the measurement's), which `claims` are for
    claims: tuple[KurskClaim, ...] = ()  # Kursk: each party's newest published claim by `day`

    def name(self, lang: str) -> str:
        return self.names(lang)

    @property
    def control_class(self) -> ControlClass | None:
        """The legend's class of a Ukrainian unit (NONE where the report names none); None otherwise."""
        if self.role != Role.UKRAINE:
            return None
        if self.statement is None:
            return ControlClass.NONE
        return ControlClass.RETURNED if self.returned else self.statement.control_class

    @property
    def colour(self) -> float:
        """Where a Ukrainian unit sits on the ramp by the report's wording (0 where none or returned)."""
        return self.statement.colour if self.statement and not self.returned else 0.0

    @property
    def together(self) -> tuple[str, ...]:
        """The regions the statement names together (its figure belongs to them, never to one alone)."""
        return self.statement.regions if self.statement else ()

    @property
    def in_pair(self) -> bool:
        return len(self.together) > 1


FIGURE = "figure"  # the joined frame's column of RegionFigure records


def figures(joined: pd.DataFrame) -> dict[str, RegionFigure]:
    """The joined frame's records by unit id, in the frame's order."""
    return dict(zip(joined["id"], joined[FIGURE], strict=True))


def names(joined: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every unit's name in `lang`, by id."""
    return {region_id: figure.name(lang) for region_id, figure in figures(joined).items()}
