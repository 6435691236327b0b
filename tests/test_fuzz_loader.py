"""Property: no input, however broken, makes the loader fail with anything but the project's error."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import make_course
from generator.errors import CourseError
from generator.loader import Project, load_course

QUIZ = "quizzes/4-an-toan/01-mat-khau.yml"
LESSON = "content/4-an-toan/01-mat-khau.md"

keys = st.sampled_from(
    [
        "id",
        "type",
        "prompt",
        "options",
        "text",
        "correct",
        "feedback",
        "answer",
        "accept",
        "items",
        "pairs",
        "questions",
        "pass_mark",
        "title",
        "explanation",
        "hint",
        "competency",
        "level",
        "diacritics",
        "competencies",
        "audiences",
        "duration",
        "objectives",
        "summary",
    ]
) | st.text(max_size=8)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(
        ["single", "multiple", "true_false", "short_text", "ordering", "matching", "4.2", "CB1", "nguoi-dan", "q1"]
    )
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=25
)
# Structured documents, and raw text that is often not YAML at all.
documents = values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)) | st.text(
    alphabet=string.printable + "ạđ:-[]{}&*!|>'\"\t", max_size=200
)

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("ci")


def _course(tmp_path_factory) -> Path:
    return make_course(None, tmp_path_factory.mktemp("fuzz"))


def _only_course_errors(course: Path) -> None:
    try:
        load_course(Project(course))
    except CourseError as error:
        assert error.problems, "a CourseError always lists at least one problem"
        for problem in error.problems:
            assert problem.line >= 1 and problem.path and problem.message


@given(text=documents)
def test_random_quiz_yaml_only_raises_course_error(tmp_path_factory, text):
    course = _course(tmp_path_factory)
    (course / QUIZ).write_text(text, encoding="utf-8")
    _only_course_errors(course)


@given(text=documents, body=st.text(max_size=50))
def test_random_front_matter_only_raises_course_error(tmp_path_factory, text, body):
    course = _course(tmp_path_factory)
    (course / LESSON).write_text(f"---\n{text}\n---\n{body}", encoding="utf-8")
    _only_course_errors(course)


def test_alias_bomb_is_a_course_error(tmp_path):
    course = make_course(None, tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    (course / QUIZ).write_text(bomb, encoding="utf-8")
    try:
        load_course(Project(course))
    except CourseError as error:
        assert any("quá lớn" in p.message for p in error.problems)
    else:
        raise AssertionError("an alias bomb must be rejected")
