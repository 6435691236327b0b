"""The layers stay apart: the core never imports MkDocs (the host that will one day be replaced),
only the adapter package does; modules stay small enough to read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
ADAPTER = GENERATOR / "mkdocs_plugin"
MAX_LINES = 400


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _core_modules() -> list[Path]:
    return [p for p in sorted(GENERATOR.rglob("*.py")) if ADAPTER not in p.parents]


def test_no_core_module_imports_mkdocs():
    offenders = [p.relative_to(GENERATOR).as_posix() for p in _core_modules() if {"mkdocs", "material"} & _imports(p)]
    assert offenders == [], f"core modules importing the host: {offenders}"


def test_the_adapter_does_import_mkdocs():
    """The check above looks at the right files: the adapter is where MkDocs is imported."""
    assert "mkdocs" in _imports(ADAPTER / "plugin.py")


def test_modules_stay_small():
    long = {
        p.relative_to(GENERATOR).as_posix(): n
        for p in sorted(GENERATOR.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"


def test_the_plugin_is_glue():
    lines = len((ADAPTER / "plugin.py").read_text(encoding="utf-8").splitlines())
    assert lines <= 200, lines
