"""Text by its kind (issue 25): `Markdown` is text that is already Markdown; any other `str` is plain
text (a report's words, a name, a number, a catalog text used as a sentence), escaped where it
enters Markdown. Escaping follows the type, not the habit of each call.

- `md(value)`: plain text escaped, Markdown passed through (so escaping twice cannot happen);
- `fill(template, **values)`: a Markdown template (a catalog text with its `**bold**`) with its
  values escaped by the same rule (`texts.t_md` fills a catalog text so);
- `Markdown + Markdown` is Markdown; `Markdown + str` is a plain `str`, so that text of unknown kind
  is escaped, never trusted, when it reaches `md` again.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

# Markdown's and Streamlit's own syntax (`:red[...]`, `$math$`), and HTML's brackets.
MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


class Markdown(str):
    """Text that is already Markdown: written by us, or built from escaped parts."""

    __slots__ = ()

    def __add__(self, other: str) -> str:
        joined = str.__add__(self, other)
        return Markdown(joined) if isinstance(other, Markdown) else joined

    def join(self, parts: Iterable[object]) -> Markdown:
        """The parts joined by this Markdown, each escaped unless it is Markdown."""
        return Markdown(str.join(self, (md(part) for part in parts)))


def md(value: object) -> Markdown:
    """`value` as Markdown: plain text escaped so that it shows as typed (no markup, no HTML);
    Markdown as it is."""
    if isinstance(value, Markdown):
        return value
    return Markdown("".join(f"\\{c}" if c in MD_SPECIAL else c for c in str(value)))


def fill(template: str, **values: object) -> Markdown:
    """A Markdown template with its placeholders filled, each value escaped unless it is Markdown."""
    return Markdown(template.format(**{name: md(value) for name, value in values.items()}))


class Html(str):
    """Text that is already HTML (the map's legend and tooltips): `html` passes it through, and its
    `format` and `join` escape every plain `str` they are given, as `html.escape` does."""

    __slots__ = ()

    def __add__(self, other: str) -> str:
        joined = str.__add__(self, other)
        return Html(joined) if isinstance(other, Html) else joined

    def format(self, *args: object, **kwargs: object) -> Html:  # type: ignore[override]
        return Html(str.format(self, *map(html, args), **{name: html(value) for name, value in kwargs.items()}))

    def join(self, parts: Iterable[object]) -> Html:
        return Html(str.join(self, (html(part) for part in parts)))


def html(value: object) -> Html:
    """`value` as HTML: plain text escaped (quotes too, for attributes), HTML as it is."""
    return value if isinstance(value, Html) else Html(escape(str(value)))
