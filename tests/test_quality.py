"""The quiz-quality review: each rule fires on the pattern it is for, stays quiet on a good quiz,
and is silenced for one question by `skip_review`."""

from __future__ import annotations

import pytest

from corpus_tools import make_course
from generator import cli, quality, scaffold
from generator.loader import Project, load

QUIZ = "quizzes/4-an-toan/01-mat-khau.yml"


def _review(course) -> list[str]:
    report = load(Project(course))
    assert not report.problems, report.problems
    return [str(p) for p in quality.review(report.course, Project(course))]


def _quiz(tmp_path, questions: str):
    course = make_course(None, tmp_path / "course")
    (course / QUIZ).write_text(f"title: Thử\npass_mark: 80\nquestions:\n{questions}", encoding="utf-8")
    return course


def _tf(n: int, answer: str, prompt: str = "Người lạ gọi điện xin mã số {n} thì bạn đọc cho họ.") -> str:
    return "".join(
        f'  - id: tf-{i}\n    type: true_false\n    prompt: "{prompt.format(n=i)}"\n    answer: {answer}\n'
        for i in range(n)
    )


def _single(i: int, options: list[tuple[str, bool]], skip: str = "") -> str:
    opts = "".join(f'      - {{text: "{t}", correct: {str(c).lower()}}}\n' for t, c in options)
    return (
        f'  - id: s-{i}\n    type: single\n    prompt: "Bà Lan gặp tình huống số {i} khi đi chợ, bà nên làm gì?"\n'
        f"{skip}    options:\n{opts}"
    )


def test_a_good_quiz_has_no_warning(tmp_path):
    assert _review(make_course(None, tmp_path / "course")) == []


def test_all_true_false_answers_alike_in_a_lesson(tmp_path):
    found = _review(_quiz(tmp_path, _tf(3, "false")))
    assert any(QUIZ in f and "cả 3 câu Đúng/Sai của bài đều có đáp án Sai" in f for f in found), found


def test_cue_words_in_true_false_are_named_and_can_be_silenced(tmp_path):
    text = '  - id: cue\n    type: true_false\n    prompt: "Ngân hàng luôn gọi điện hỏi mã OTP."\n    answer: false\n'
    found = _review(_quiz(tmp_path, text))
    assert any(f.startswith(f"{QUIZ}:4:") and "“luôn”" in f for f in found), found
    silenced = text + "    skip_review: [cue-words]\n"
    assert not any("“luôn”" in f for f in _review(_quiz(tmp_path / "b", silenced)))


def test_the_right_option_always_longest_or_in_one_place(tmp_path):
    questions = "".join(
        _single(i, [("Có", False), ("Gọi lại số in sau thẻ ngân hàng", True), ("Không", False)]) for i in range(3)
    )
    found = _review(_quiz(tmp_path, questions))
    assert any("đáp án đúng luôn là lựa chọn dài nhất" in f for f in found), found
    assert any("đáp án đúng luôn ở vị trí B" in f for f in found), found


def test_course_wide_shares(tmp_path):
    found = _review(
        _quiz(
            tmp_path,
            _tf(4, "false")
            + _tf(5, "false", "Có người lạ nhắn tin số {n} bảo bấm link.").replace("id: tf-", "id: tf2-"),
        )
    )
    assert any(f.startswith("quizzes:1:") and "9/9 câu Đúng/Sai (100%) có đáp án Sai" in f for f in found), found


def test_near_duplicates_across_lessons_and_options_that_repeat_the_prompt(tmp_path):
    course = _quiz(tmp_path, _single(1, [("Bà Lan gặp tình huống số 1 khi đi chợ", True), ("Gọi con", False)]))
    found = _review(course)
    assert any("lặp lại nguyên văn lời câu hỏi" in f for f in found), found
    other = course / "quizzes" / "1-thong-tin" / "01-tim-kiem.yml"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text((course / QUIZ).read_text(encoding="utf-8").replace("id: s-1", "id: s-copy"), encoding="utf-8")
    found = _review(course)
    assert any("gần như trùng với câu ở" in f for f in found), found


def test_ordering_needs_a_reason_and_multiple_needs_a_wrong_option(tmp_path):
    found = _review(
        _quiz(
            tmp_path,
            "  - id: o\n    type: ordering\n    prompt: Sắp xếp các bước.\n"
            "    items: [Một, Hai, Ba]\n"
            "  - id: m\n    type: multiple\n    prompt: Việc nào tốt?\n"
            "    options: [{text: A, correct: true}, {text: B, correct: true}]\n",
        )
    )
    assert any("câu `o`" in f and "explanation" in f for f in found), found
    assert any("câu `m`" in f and "mọi lựa chọn đều đúng" in f for f in found), found


def test_an_untouched_new_lesson_fails_check_strict(tmp_path, capsys):
    course = make_course(None, tmp_path / "course")
    assert cli.main(["--root", str(course), "new", "4", "Bài", "mới"]) == 0
    report = load(Project(course))
    leftovers = [str(p) for p in scaffold.template_leftovers(report.course, Project(course))]
    assert any(p.startswith("quizzes/4-an-toan/") and "chữ mẫu" in p for p in leftovers), leftovers
    assert any(p.startswith("content/4-an-toan/") and "chữ mẫu" in p for p in leftovers), leftovers
    capsys.readouterr()
    assert cli.main(["--root", str(course), "check", "--strict"]) == 1
    assert "chữ mẫu" in capsys.readouterr().out


@pytest.mark.parametrize("rule", quality.RULES)
def test_every_rule_can_be_silenced_in_the_schema(rule):
    import json
    from pathlib import Path

    schema = json.loads((Path(quality.__file__).parent / "schema" / "quiz.schema.json").read_text(encoding="utf-8"))
    assert rule in schema["$defs"]["skipReview"]["items"]["enum"]


def test_report_prints_the_figures(tmp_path, capsys):
    course = _quiz(tmp_path, _tf(3, "false"))
    assert cli.main(["--root", str(course), "report"]) == 0
    out = capsys.readouterr().out
    assert "Câu Đúng/Sai: 0/3 câu có đáp án Đúng." in out


def test_cue_words_inside_a_quotation_are_the_scenario_not_a_cue(tmp_path):
    text = (
        "  - id: q\n    type: true_false\n    prompt: 'Tin nhắn: “Chỉ cần nộp 4 triệu phí là được vay.” Nộp phí trước là an toàn.'\n"
        "    answer: false\n"
    )
    assert not any("cue" in f or "“chỉ cần”" in f for f in _review(_quiz(tmp_path, text)))
