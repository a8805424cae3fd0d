"""Enums whose members name their own texts.

Each member is written with its value and then its text keys (reportmap/locales) in full,
`OVER = "over", "stated_over"`, so that a search for a key finds the member that uses it and no
key is built at run time (issue 25). The member's value is its first item alone: `Bound("over")`
is `Bound.OVER`, and `str(Bound.OVER) == "over"`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Keyed(StrEnum):
    """A StrEnum whose members carry their text keys: `key` is the first, subclasses name the others."""

    text_keys: tuple[str | None, ...]

    def __new__(cls, value: str, *text_keys: str | None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.text_keys = text_keys
        return member

    @property
    def key(self) -> str:
        """Its name's text key."""
        return self.text_keys[0]
