"""Shared helpers for the broken-input corpus: tests/corpus/<case>/files is laid over the mini course."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).parent
MINI = TESTS / "fixtures" / "mini"
CORPUS = TESTS / "corpus"


def cases() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_dir())


def make_course(case: Path | None, dest: Path) -> Path:
    """A copy of the mini course with the case's files written over it."""
    shutil.copytree(MINI, dest, dirs_exist_ok=True)
    if case is not None:
        shutil.copytree(case / "files", dest, dirs_exist_ok=True)
    # The mini course points at the repository's theme with a relative path; keep it valid here.
    config = dest / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../theme", str(TESTS.parent / "theme")), encoding="utf-8"
    )
    return dest


def problem_lines(course: Path) -> list[str]:
    from generator.loader import Project, load

    return [str(p) for p in load(Project(course)).problems]
