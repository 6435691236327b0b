"""The benchmark's synthetic courses are valid courses, and the same seed writes the same bytes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synth import QUESTION_TYPES, write_course
from generator.loader import Project, load


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_course_loads_without_problems_or_warnings(tmp_path):
    written = write_course(tmp_path, lessons=12, flavor="hocvuso", seed=3)

    report = load(Project(root=tmp_path))

    assert report.problems == []
    assert report.warnings == []
    lessons = report.course.lessons
    assert [x.page for x in lessons] == sorted(x.page for x in written.lessons)
    assert {area.folder for area in report.course.areas} == {
        "1-thong-tin",
        "2-giao-tiep",
        "3-sang-tao",
        "4-an-toan",
        "5-giai-quyet-van-de",
        "6-tri-tue-nhan-tao",
    }
    assert all(len(x.quiz.questions) == 5 for x in lessons)
    questions = [q for x in lessons for q in x.quiz.questions]
    assert Counter(q.type for q in questions) == {kind: 10 for kind in QUESTION_TYPES}
    assert len({q.id for q in questions}) == len(questions)
    for lesson in lessons:
        area_competencies = {c.code for c in report.course.framework.area_competencies(lesson.area_code)}
        assert set(lesson.competencies) <= area_competencies


def test_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path):
    write_course(tmp_path / "a", lessons=12, seed=5)
    write_course(tmp_path / "b", lessons=12, seed=5)
    write_course(tmp_path / "c", lessons=12, seed=6)

    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_a_lesson_is_the_same_page_whatever_the_course_size(tmp_path):
    small = write_course(tmp_path / "small", lessons=12, seed=5)
    large = write_course(tmp_path / "large", lessons=30, seed=5)

    assert small.lessons[3].page == large.lessons[3].page
    assert (tmp_path / "small/content" / small.lessons[3].page).read_bytes() == (
        tmp_path / "large/content" / large.lessons[3].page
    ).read_bytes()


@pytest.mark.parametrize("flavor, marker", [("plain", '??? note "Đáp án"'), ("quiz", "<quiz>")])
def test_comparison_flavors_carry_every_question(tmp_path, flavor, marker):
    course = write_course(tmp_path, lessons=6, flavor=flavor, seed=5)

    texts = [(tmp_path / "content" / x.page).read_text(encoding="utf-8") for x in course.lessons]
    assert all(text.count(marker) == 5 for text in texts)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- search" in config and ("- mkdocs_quiz" in config) == (flavor == "quiz")
    assert not (tmp_path / "quizzes").exists()


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")

    with pytest.raises(FileExistsError):
        write_course(tmp_path, lessons=6)

    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_modules_and_three_digit_numbers_load_without_problems(tmp_path):
    written = write_course(tmp_path / "m", lessons=6 * 7, seed=3, module_size=3)
    report = load(Project(root=tmp_path / "m"))
    assert report.problems == [] and report.warnings == []
    area = report.course.area("4")
    assert [m.folder for m in area.modules] == [
        "4-an-toan/01-chu-de-1",
        "4-an-toan/02-chu-de-2",
        "4-an-toan/03-chu-de-3",
    ]
    assert [len(m.lessons) for m in area.modules] == [3, 3, 1]
    assert area.modules[0].title == "An toàn – chủ đề 1"
    assert [x.page for x in report.course.lessons] == [x.page for x in sorted(written.lessons, key=_course_order)]
    assert written.lessons[6 * 4].page.startswith("1-thong-tin/02-chu-de-2/02-")

    flat = write_course(tmp_path / "f", lessons=6 * 101, seed=3, glossary=False)
    names = [x.page for x in load(Project(root=tmp_path / "f")).course.area("2").lessons]
    assert len(names) == 101 and names[98].startswith("2-giao-tiep/99-") and names[100].startswith("2-giao-tiep/101-")
    assert flat.lessons[0].page.startswith("1-thong-tin/01-")


def _course_order(lesson):
    return (lesson.area.code, lesson.module, lesson.number)


def test_a_module_lesson_is_the_same_page_whatever_the_course_size(tmp_path):
    small = write_course(tmp_path / "small", lessons=12, seed=5, module_size=2)
    large = write_course(tmp_path / "large", lessons=60, seed=5, module_size=2)
    assert small.lessons[7].page == large.lessons[7].page
    assert (tmp_path / "small/content" / small.lessons[7].page).read_bytes() == (
        tmp_path / "large/content" / large.lessons[7].page
    ).read_bytes()
