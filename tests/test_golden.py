"""Golden HTML per question type: the site's markup (a documented contract, docs-dev/self-assessment.md)
and the worksheet with its answer key, compared with files under tests/golden/.

The questions are `tests/golden/questions.yml`, loaded into the mini course. After an intended markup
change, regenerate with `pytest tests/test_golden.py --regen-golden` and read the diff before committing.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from corpus_tools import make_course
from generator import render, worksheet
from generator.loader import Project, load

GOLDEN = Path(__file__).parent / "golden"
TYPES = ["single", "multiple", "true_false", "short_text", "ordering", "matching", "hotspot", "scenario"]

# One element a line, so a failure's diff points at the element that changed. Deterministic and
# reversible (a newline is added before each of these tags), so equal layouts mean equal HTML.
_BREAK = re.compile(r"(<(?:div|fieldset|label|li|ul|ol|details|summary|p|select|option|tr|table|section|input)\b)")


def layout(html: str) -> str:
    return _BREAK.sub(r"\n\1", html).lstrip("\n") + "\n"


@pytest.fixture(scope="module")
def questions(tmp_path_factory):
    course = make_course(None, tmp_path_factory.mktemp("golden") / "course")
    shutil.copy(GOLDEN / "questions.yml", course / "quizzes/4-an-toan/01-mat-khau.yml")
    (course / "content/4-an-toan/img").mkdir()
    shutil.copy(GOLDEN / "man-hinh.svg", course / "content/4-an-toan/img")  # the hotspot's picture
    report = load(Project(course))
    assert not report.problems, [str(p) for p in report.problems]
    return report.course.lesson_by_page("4-an-toan/01-mat-khau.md").quiz.questions


def _outputs(questions, kind: str) -> dict[str, str]:
    numbered = [(n, q) for n, q in enumerate(questions, start=1) if q.type == kind]
    site = "\n".join(layout(render.render_question(q, n)) for n, q in numbered)
    sheet = "\n".join(
        layout(worksheet.render_sheet_question(q, n)) + layout(worksheet.render_key_item(q, n)) for n, q in numbered
    )
    return {f"{kind}.site.html": site, f"{kind}.sheet.html": sheet}


@pytest.mark.parametrize("kind", TYPES)
def test_markup_matches_golden(questions, kind, request):
    assert any(q.type == kind for q in questions), f"tests/golden/questions.yml has no {kind} question"
    for name, actual in _outputs(questions, kind).items():
        path = GOLDEN / name
        if request.config.getoption("--regen-golden"):
            path.write_text(actual, encoding="utf-8")
            continue
        assert path.is_file(), f"{path} is missing: run pytest --regen-golden"
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(True), actual.splitlines(True), f"tests/golden/{name}", "now", n=2
                )
            )
            pytest.fail(f"{name} changed (pytest --regen-golden to accept):\n{diff}", pytrace=False)
