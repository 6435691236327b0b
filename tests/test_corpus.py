"""Every broken input in tests/corpus/ stops the course with exactly the teacher-facing lines it must."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tools import cases, make_course, problem_lines


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_broken_input_gives_exact_messages(case: Path, tmp_path: Path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    actual = problem_lines(make_course(case, tmp_path))
    diff = "\n".join(difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""))
    assert actual == expected, diff


def test_corpus_is_large_enough():
    assert len(cases()) >= 25


def test_clean_mini_course_has_no_problems(tmp_path: Path):
    assert problem_lines(make_course(None, tmp_path)) == []


def _mkdocs_build(course: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(course / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_plain_mkdocs_build_fails_listing_every_problem(tmp_path: Path):
    case = next(c for c in cases() if c.name.endswith("many-problems-at-once"))
    course = make_course(case, tmp_path / "course")
    result = _mkdocs_build(course, tmp_path / "site")
    assert result.returncode != 0
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def _snapshot(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_never_writes_into_content_or_quizzes(tmp_path: Path):
    course = make_course(None, tmp_path / "course")
    before = {d: _snapshot(course / d) for d in ("content", "quizzes")}
    result = _mkdocs_build(course, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert {d: _snapshot(course / d) for d in ("content", "quizzes")} == before
    assert (tmp_path / "site" / "4-an-toan" / "01-mat-khau.html").is_file()
