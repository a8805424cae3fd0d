"""The project's promises about itself: dependency files in step, README and CI in step."""

from __future__ import annotations

import ast
import io
import re
import tokenize
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from sources import source_files

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins() -> dict[str, Requirement]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pin = Requirement(line)
            assert len(pin.specifier) == 1 and next(iter(pin.specifier)).operator == "==", line
            pins[pin.name.lower()] = pin
    return pins


def test_requirements_txt_pins_exactly_the_runtime_dependencies() -> None:
    """Community Cloud reads requirements.txt; it must install what pyproject declares, on the same
    platforms."""
    declared = [Requirement(r) for r in _pyproject()["project"]["dependencies"]]
    pins = _pins()
    assert sorted(pins) == sorted(r.name.lower() for r in declared)
    for requirement in declared:
        pin = pins[requirement.name.lower()]
        assert requirement.specifier.contains(next(iter(pin.specifier)).version), requirement
        assert str(pin.marker) == str(requirement.marker), requirement


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block and readme.index("```sh") < readme.index("## ")
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake test\n" in ci


def test_domain_package_never_imports_streamlit() -> None:
    for path in (ROOT / "reportmap").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("streamlit", "streamlit_folium") for n in names), path


def test_config_keeps_public_deployment_defaults() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is False  # Leaflet comes in the map's message
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"


def test_no_source_file_grows_past_400_lines() -> None:
    """A file past 400 lines is a sign that it holds more than one room (issue 11)."""
    long = {str(p.relative_to(ROOT)): n for p in source_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, f"split these: {long}"


def test_no_ukrainian_text_in_python_outside_tests() -> None:
    """Ukrainian lives in the catalogs and the data files, never in code (issue 11)."""
    cyrillic = re.compile("[\u0400-\u04ff]")
    found = {str(p.relative_to(ROOT)) for p in source_files() if cyrillic.search(p.read_text(encoding="utf-8"))}
    assert not found, f"move these texts to reportmap/locales/ or data/: {sorted(found)}"
    assert len(source_files()) > 40  # the walk found the project


# A line of browser code: a function, a declaration, an arrow, the page's globals, a listener, a return;.
_JS_LINE = re.compile(r"\bfunction\s*\w*\s*\(|\b(?:var|let|const)\s+\w+\s*=|=>|\b(?:document|window)\.\w"
                      r"|\.addEventListener\(|\breturn\b[^.]*;\s*$")


def javascript_in_strings(source: str) -> list[int]:
    """The lines of `source` where a string holds JavaScript longer than a line (a heuristic: two of
    its lines read as browser code)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and sum(bool(_JS_LINE.search(line)) for line in node.value.splitlines()) >= 2]


def test_no_javascript_longer_than_a_line_in_python_outside_tests() -> None:
    """Browser code lives in .js files, loaded by the Python that ships them (issue 25)."""
    found = {str(p.relative_to(ROOT)): lines for p in source_files()
             if (lines := javascript_in_strings(p.read_text(encoding="utf-8")))}
    assert not found, f"move this JavaScript into .js files: {found}"


def test_the_javascript_scan_finds_what_it_looks_for() -> None:
    inline = 'X = """\n(function (map) {\n    var box = map.getContainer();\n})(map);\n"""\n'
    assert javascript_in_strings(inline) == [1]
    assert javascript_in_strings('X = "(function (map) { map.remove(); })(m);"\n') == []  # one line
    assert javascript_in_strings('"""A docstring naming window.rmApplyFromPage,\nand nothing else."""\n') == []


def test_every_test_file_has_its_tier() -> None:
    """tests/conftest.py marks each test with its file's tier, so `make check` (-m "not browser and not
    slow") runs the unit and AppTest tiers without a server or a browser; `make test` runs everything."""
    from tiers import tier_of

    tiers = {p.name: tier_of(p) for p in (ROOT / "tests").rglob("test_*.py") if "node_modules" not in p.parts}
    assert {name for name, tier in tiers.items() if tier == "browser"} == {
        p.name for p in (ROOT / "tests" / "browser").glob("test_*.py")}
    assert {"test_app.py", "test_app_dates.py", "test_broken_data.py", "test_hostile_links.py"} <= {
        name for name, tier in tiers.items() if tier == "app"}
    assert tiers["test_mapview.py"] == tiers["test_cli.py"] == tiers["test_project.py"] == "unit"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-m pytest -n auto -m "not browser and not slow"' in makefile  # make check, one process per core
    assert "\n\t$(BIN)/python -m pytest\n" in makefile  # make test: all


def test_browser_tests_share_helpers_through_a_support_module_not_a_test_file() -> None:
    imports = re.compile(r"^\s*from (test_\w+_browser) import", re.M)
    found = {p.name: imports.findall(p.read_text(encoding="utf-8")) for p in (ROOT / "tests" / "browser").glob("*.py")}
    assert not {name: modules for name, modules in found.items() if modules}, "import from browser_support.py"


# A figure of time or size: what a measurement looks like in a comment or a docstring.
_MEASURED = re.compile(r"\b\d[\d.,]*\s?(?:ms|KB|KiB|MB|MiB)\b")


def test_comments_cite_the_benchmark_or_the_test_rather_than_hold_a_measurement() -> None:
    """A measured figure in a comment goes stale; the benchmark or the test that holds it does not
    (issue 25). A comment or docstring outside bench/ (the benchmark itself) that names one names
    where it is held."""
    found = {}
    for p in source_files():
        if p.relative_to(ROOT).parts[0] == "bench":
            continue
        source = p.read_text(encoding="utf-8")
        notes = [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline)
                 if token.type == tokenize.COMMENT]
        notes += [node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)
                  and isinstance(node.value, str) and "\n" in node.value]  # docstrings
        stale = [note for note in notes if _MEASURED.search(note) and not re.search(r"\btests?/|bench", note)]
        if stale:
            found[str(p.relative_to(ROOT))] = stale
    assert not found, f"cite the benchmark or the test instead: {found}"


def test_the_geodata_scripts_run_as_modules_without_editing_sys_path() -> None:
    """geodata is a package: `python -m geodata.build` and `python -m geodata.build_measured` import
    reportmap from the same tree, and every place that names a script names it so (issue 25)."""
    import subprocess
    import sys

    import geodata.build
    import geodata.build_measured

    for module in (geodata.build, geodata.build_measured):
        assert "sys.path" not in Path(module.__file__).read_text(encoding="utf-8"), module.__name__
    run = subprocess.run([sys.executable, "-m", "geodata.build_measured", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0 and "--days" in run.stdout, run.stderr
    named = [ROOT / "README.md", ROOT / "Makefile", *(ROOT / "geodata").rglob("*.md"),
             *(ROOT / ".github").rglob("*.yml"), *source_files()]
    old = re.compile(r"python3? geodata/build(?:_measured)?\.py")
    assert not [str(p.relative_to(ROOT)) for p in named if old.search(p.read_text(encoding="utf-8"))]


def test_every_browser_file_parses() -> None:
    """The .js files the Python ships (inlined or loaded) are JavaScript that parses: `node --check`,
    where Node is installed (it is for `make axe`)."""
    import shutil
    import subprocess

    import pytest

    node = shutil.which("node")
    if node is None:
        pytest.skip("NO NODE: the .js files are not parsed (install Node.js)")
    files = [p for folder in ("reportmap", "ui", "bench") for p in (ROOT / folder).rglob("*.js")
             if "node_modules" not in p.parts]
    assert len(files) >= 7
    for path in files:
        run = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 0, f"{path.relative_to(ROOT)}: {run.stderr.strip()}"


def test_every_session_state_key_is_named_in_one_module() -> None:
    """ui/state.py owns the session's keys (issue 25): nowhere else is one written out, in a
    `st.session_state` access or as a widget key the code reads back."""
    literal = re.compile(r"""session_state(?:\[|\.(?:get|setdefault|pop)\()\s*f?["']|_view_|_asked_""")
    found = {str(p.relative_to(ROOT)): [line.strip() for line in p.read_text(encoding="utf-8").splitlines()
                                        if literal.search(line)]
             for p in [*(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]
             if p.name != "state.py"}
    assert not {path: lines for path, lines in found.items() if lines}
    assert literal.search('st.session_state.get("_last_click")') and literal.search("st.session_state['x'] = 1")


SHARED_ERRORS = ("DataError", "SourceError")


def test_the_errors_the_readers_share_are_defined_and_imported_in_one_module() -> None:
    """`reportmap.errors` owns them: no other module defines one or hands one on (issue 25)."""
    found = []
    for path in sorted(ROOT.glob("*.py")) + sorted(p for d in ("reportmap", "ui", "pages", "tests", "geodata", "bench")
                                                for p in (ROOT / d).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name in SHARED_ERRORS:
                found.append((path.relative_to(ROOT).as_posix(), "defines", node.name))
            elif isinstance(node, ast.ImportFrom) and node.module != "reportmap.errors":
                found += [(path.relative_to(ROOT).as_posix(), "imports from " + str(node.module), alias.name)
                          for alias in node.names if alias.name in SHARED_ERRORS]
    assert found == [("reportmap/errors.py", "defines", "DataError"), ("reportmap/errors.py", "defines", "SourceError")]


def test_the_readme_layout_names_every_module_of_the_domain_package() -> None:
    """The README's layout table is where a newcomer looks for a module (issue 25): each has its room there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `reportmap/` |"))
    modules = sorted(p.stem for p in (ROOT / "reportmap").glob("*.py") if not p.stem.startswith("__"))
    assert len(modules) > 30 and [m for m in modules if f"`{m}`" not in row] == []
