"""Escaping by type (issue 25): Markdown passes, plain text is escaped where it enters Markdown."""

from __future__ import annotations

import ast
from pathlib import Path

from reportmap.markup import Markdown, fill, md
from reportmap.texts import t_md

HOSTILE = "**bold** [link](https://example.org) <script>x</script> :red[red] $x$ # 1. - a_b"


def test_plain_text_is_escaped_and_markdown_passes() -> None:
    escaped = md(HOSTILE)
    assert isinstance(escaped, Markdown)
    assert escaped == ("\\*\\*bold\\*\\* \\[link\\]\\(https\\:"
                       "//example\\.org\\) \\<script\\>x\\</script\\> \\:red\\[red\\] \\$x\\$ \\# 1\\. \\- a\\_b")
    assert md(escaped) is escaped  # never escaped twice
    assert md(Markdown("**ours**")) == "**ours**"
    assert md(12.5) == "12\\.5"


def test_a_template_escapes_its_plain_values_only() -> None:
    filled = fill("**{a}** and {b}", a="x*y", b=Markdown("*z*"))
    assert filled == "**x\\*y** and *z*" and isinstance(filled, Markdown)
    # A catalog text keeps its own Markdown; a report's words in it are escaped.
    text = t_md("details_report_plain", "en", wording="[x](javascript:alert(1))")
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in text and isinstance(text, Markdown)


def test_joining_keeps_the_kind_only_when_both_sides_are_markdown() -> None:
    assert isinstance(Markdown("**a**") + Markdown("b"), Markdown)
    plain = Markdown("**a**") + "*b*"
    assert not isinstance(plain, Markdown)  # text of unknown kind: escaped if it reaches md again
    assert md(plain) == "\\*\\*a\\*\\*\\*b\\*"
    assert Markdown("  \n").join([Markdown("**a**"), "b_c"]) == "**a**  \nb\\_c"


def test_no_page_escapes_a_catalog_texts_values_by_hand() -> None:
    """A catalog text filled with values for Markdown is `t_md`, which escapes them by type:
    `t(key, lang, value=md(...))` is the old habit, and a value left out of it was unescaped."""
    root = Path(__file__).resolve().parent.parent
    def name(call: ast.Call) -> str:
        return getattr(call.func, "id", getattr(call.func, "attr", ""))

    found = []
    for path in sorted([*(root / "ui").glob("*.py"), *(root / "pages").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and name(node) == "t":
                for keyword in node.keywords:
                    value = keyword.value
                    if isinstance(value, ast.Call) and name(value) == "md":
                        found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not found, found


def test_html_escapes_plain_text_where_it_enters_and_passes_html() -> None:
    from html import escape

    from reportmap.markup import Html, html

    hostile = '<img src=x onerror="alert(1)"> & \'quoted\''
    assert html(hostile) == escape(hostile) and isinstance(html(hostile), Html)
    assert html(html(hostile)) == escape(hostile)  # never escaped twice
    bold = Html("<b>{}</b>").format(hostile)
    assert bold == f"<b>{escape(hostile)}</b>" and isinstance(bold, Html)
    assert Html("<br>").join([bold, "a<b"]) == f"{bold}<br>a&lt;b"
    assert not isinstance(Html("<b>") + "</b>", Html) and isinstance(Html("<b>") + Html("</b>"), Html)


def test_the_maps_tooltip_and_legend_are_html_by_type(loaded) -> None:
    from reportmap.mapstyle import MapOptions
    from reportmap.maptext import legend_body, tooltip_html
    from reportmap.markup import Html
    from reportmap.regions import figures

    regions = figures(loaded.joined)
    tip = tooltip_html(regions["UA-14"], loaded.published, loaded.areas, MapOptions(), {r: "<x>" for r in regions})
    assert isinstance(tip, Html) and "<b>" in tip and "<x>" not in tip
    assert isinstance(legend_body(loaded.published, MapOptions(), {"all"}, "2024-11-23"), Html)
