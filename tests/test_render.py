"""Rendering shortcuts must give exactly what the full path gives (Python-Markdown, raw HTML shown
as text, then the sanitiser: generator/safehtml.py)."""

from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator import markup, render, safehtml

ROOT = Path(__file__).resolve().parent.parent


def full(text: str) -> str:
    return safehtml.markdown_text(text, markup._md)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_plain_text_shortcut_matches_markdown_on_the_starter_course():
    texts = {
        t
        for f in sorted((ROOT / "quizzes").rglob("*.yml"))
        for t in _strings(yaml.safe_load(f.read_text(encoding="utf-8")))
    }
    shortcut = [t for t in texts if markup._PLAIN.fullmatch(t)]
    assert len(shortcut) > len(texts) / 2  # the shortcut is actually taken
    assert [t for t in texts if markup.md(t) != full(t)] == []


EDGE = [
    "Xin chào  ",
    "x\ty",
    "Mở *ứng dụng*",
    "Bấm [Tiếp](a.md)",
    "A & B",
    "a<b",
    "Đúng vậy.",
    "Hỏi: có?",
    "Số 1. hai",
    "Ví dụ # một",
    "xem http://a.b",
    'Tôi "đồng ý"',
    "a_b_c",
    "Dòng\nhai",
]


def test_plain_text_shortcut_leaves_markdown_to_markdown():
    assert [t for t in EDGE if markup.md(t) != full(t)] == []


@given(st.text(alphabet="aăâđeêoôơuưyAĐ áàảãạ.,:;!?-'\"#*_[]()<>&|{}\\\t\n1", max_size=30))
def test_plain_text_shortcut_is_exact_on_random_text(text):
    assert markup.md(text) == (full(text) if text else "")


def test_lesson_facts_name_the_audiences_unless_the_lesson_is_for_everyone():
    from generator.loader import Project, load

    course = load(Project(ROOT)).course
    everyone = {a.id for a in course.framework.audiences}
    lessons = [lesson for area in course.areas for lesson in area.lessons]
    for_all = next(lesson for lesson in lessons if set(lesson.audiences) == everyone)
    for_some = next(lesson for lesson in lessons if set(lesson.audiences) < everyone)
    assert "<dd>Mọi người</dd>" in render.render_lesson_head(course, for_all)
    some = render.render_lesson_head(course, for_some)
    assert "Mọi người" not in some
    for audience_id in for_some.audiences:
        assert course.framework.audience(audience_id).name in some


def test_a_questions_version_is_kept_only_while_its_content_is_the_same():
    from generator.model import Question

    question = Question("q1", "true_false", "Mã OTP có được đọc cho người lạ không?", "4.1", "co-ban")
    first = question.version
    assert question.version == first
    question.prompt = "Mã OTP có được gửi qua tin nhắn không?"
    assert question.version != first
    question.prompt = "Mã OTP có được đọc cho người lạ không?"
    assert question.version == first


def test_relative_links_are_posixpath_relpath():
    import posixpath

    for path in ["a.html", "x/a.html", "x/y/a.html", "y/b.html", "./a.html", "x/"]:
        for start in ["", ".", "x", "x/y", "y", "z/w"]:
            assert markup._relpath(path, start) == posixpath.relpath(path, start or "."), (path, start)
