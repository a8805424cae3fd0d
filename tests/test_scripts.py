"""The page scripts write to the page only through calls: Streamlit's "magic" is off
(.streamlit/config.toml, `runner.magicEnabled`), so a bare expression would show nothing."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]


def magic_writes(source: str) -> list[int]:
    """Lines of the expressions magic would write to the page (streamlit.runtime.scriptrunner.magic:
    a statement that is an expression, not a call, a docstring, a yield or an await)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for index, statement in enumerate(body):
            if not isinstance(statement, ast.Expr):
                continue
            value = statement.value
            if isinstance(value, ast.Call | ast.Yield | ast.YieldFrom | ast.Await):
                continue
            if index == 0 and isinstance(value, ast.Constant) and isinstance(value.value, str):
                continue  # a docstring
            lines.append(statement.lineno)
    return lines


def test_magic_is_off_and_no_page_script_relies_on_it() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    assert len(SCRIPTS) > 2
    found = {script.name: lines for script in SCRIPTS
             if (lines := magic_writes(script.read_text(encoding="utf-8")))}
    assert found == {}, f"bare expressions that magic would have written to the page: {found}"


def test_the_check_finds_what_magic_would_write() -> None:
    assert magic_writes('"""doc"""\nimport streamlit as st\nx = 1\nx\nst.write(x)\n"text"\n') == [4, 6]
