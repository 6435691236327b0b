"""Question exchange with Moodle: GIFT and Moodle XML export, GIFT and Aiken import.

The round trip runs on the shipped course: every question exported to GIFT and imported back into
quiz files loads as the same question (GIFT carries what Moodle lacks in `// hocvuso:` comments).
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from corpus_tools import make_course
from generator import exchange
from generator.cli import main
from generator.loader import Project, load
from generator.markup import md
from generator.model import plain

ROOT = Path(__file__).resolve().parent.parent
PRACTICE = ("hotspot", "scenario")  # no GIFT or Moodle shape: exported as descriptions


def _shipped_copy(dest: Path) -> Path:
    for name in ("content", "quizzes"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "framework.yml", dest / "framework.yml")
    return dest


def _same(question) -> tuple:
    return (
        question.id,
        question.type,
        question.prompt,
        question.data,
        question.explanation,
        question.hint,
        question.competency,
        question.level,
    )


def test_gift_round_trip_on_the_shipped_course(tmp_path):
    course_dir = _shipped_copy(tmp_path / "course")
    project = Project(course_dir)
    course = load(project).course
    original = exchange.bank(course)
    assert len(original) >= 50, "the shipped course should hold a real question bank"
    gift = exchange.to_gift(course)
    assert gift.count == len(original)
    imported = exchange.parse_gift(gift.text)
    # practice on a simulated phone has no GIFT shape: exported as a description, said in a note,
    # and left out on the way back
    practice = [q.id for _, q in original if q.type in PRACTICE]
    assert practice and all(any(f"`{qid}`" in note and "mô tả" in note for note in gift.notes) for qid in practice)
    assert len(imported.notes) == 1 and all(f"`{qid}`" in imported.notes[0] for qid in practice)
    original = [(lesson, q) for lesson, q in original if q.type not in PRACTICE]
    assert len(imported.questions) == len(original)

    # Import each lesson's category back into a fresh quizzes/ folder.
    shutil.rmtree(course_dir / "quizzes")
    lessons = {exchange.category(course, lesson): lesson for lesson in course.lessons}
    grouped: dict[str, list[dict]] = {}
    for question in imported.questions:
        grouped.setdefault(question["_category"], []).append(question)
    taken: set[str] = set()
    for category, questions in grouped.items():
        lesson = lessons[category]
        notes = exchange.Notes()
        ready = exchange.prepare(questions, lesson, "x", taken, notes)
        assert notes.lines() == []  # every id survives
        path = course_dir / "quizzes" / Path(lesson.page).with_suffix(".yml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(exchange.quiz_yaml(ready, lesson.quiz.title), encoding="utf-8")

    again = load(project)
    assert again.problems == []
    assert [_same(q) for _, q in exchange.bank(again.course)] == [_same(q) for _, q in original]


def test_moodle_xml_has_one_question_per_quiz_question_with_right_answers(tmp_path):
    course = load(Project(_shipped_copy(tmp_path))).course
    result = exchange.to_moodle_xml(course)
    assert result.text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    root = ET.fromstring(result.text.encode("utf-8"))
    assert root.tag == "quiz"
    exported = [q for q in root.findall("question") if q.get("type") != "category"]
    bank = exchange.bank(course)
    assert len(exported) == len(bank) == result.count
    kinds = {
        "single": "multichoice",
        "multiple": "multichoice",
        "true_false": "truefalse",
        "short_text": "shortanswer",
        "ordering": "matching",
        "matching": "matching",
        "hotspot": "description",
        "scenario": "description",
    }
    for element, (_, question) in zip(exported, bank):
        f = plain(question.data)
        assert element.get("type") == kinds[question.type]
        assert element.findtext("name/text") == question.id == element.findtext("idnumber")
        assert element.findtext("questiontext/text") == md(question.prompt)
        answers = [(a.findtext("text"), float(a.get("fraction"))) for a in element.findall("answer")]
        if question.type in ("single", "multiple"):
            assert element.findtext("single") == ("true" if question.type == "single" else "false")
            right = [md(o["text"]) for o in f["options"] if o["correct"]]
            assert [text for text, fraction in answers if fraction > 0] == right
            assert sum(fraction for _, fraction in answers if fraction > 0) == pytest.approx(100, abs=0.01)
        elif question.type == "true_false":
            assert [text for text, fraction in answers if fraction == 100] == [str(f["answer"]).lower()]
        elif question.type == "short_text":
            assert [text for text, _ in answers][: len(f["accept"])] == list(f["accept"])
            assert all(fraction == 100 for _, fraction in answers)
        elif question.type in PRACTICE:
            assert answers == [] and element.find("subquestion") is None
        else:
            pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in element.findall("subquestion")]
            expected = (
                [(md(item), str(i)) for i, item in enumerate(f["items"], start=1)]
                if question.type == "ordering"
                else [(md(left), right) for left, right in f["pairs"]]
            )
            assert pairs == expected
        tags = [t.text for t in element.findall("tags/tag/text")]
        assert f"nang-luc-{question.competency}" in tags and f"bac-{question.level}" in tags
        if question.hint:
            assert element.findtext("hint/text") == md(question.hint)


SPECIAL = """\
questions:
  - id: ky-tu-dac-biet
    type: single
    prompt: "Dấu {ngoặc} = bằng, ~ ngã, # thăng và : hai chấm.\\n\\nĐoạn thứ hai, có \\\\ gạch chéo."
    options:
      - text: "Đáp án 1: {a} = b"
        correct: true
        feedback: "Đúng # vì ~"
      - text: "Sai -> không"
        correct: false
        feedback: "Sai."
    explanation: "Giải thích: hết."
  - id: dung-sai
    type: true_false
    prompt: "Câu này đúng."
    answer: true
    feedback_true: "Chính xác."
    explanation: "Chỉ có lời nhắn khi chọn Đúng."
"""


def test_gift_escapes_moodle_reserved_characters(tmp_path):
    course_dir = make_course(None, tmp_path)
    (course_dir / "quizzes/4-an-toan/01-mat-khau.yml").write_text(SPECIAL, encoding="utf-8")
    course = load(Project(course_dir)).course
    text = exchange.to_gift(course).text
    assert (
        "::ky-tu-dac-biet::[markdown]Dấu \\{ngoặc\\} \\= bằng, \\~ ngã, \\# thăng và \\: hai chấm.\\n\\n"
        "Đoạn thứ hai, có \\\\ gạch chéo.{"
    ) in text
    assert "\t=Đáp án 1\\: \\{a\\} \\= b#Đúng \\# vì \\~\n" in text
    assert "{TRUE##Chính xác.####Chỉ có lời nhắn khi chọn Đúng.}" in text
    back = exchange.parse_gift(text).questions
    assert back[0]["prompt"] == "Dấu {ngoặc} = bằng, ~ ngã, # thăng và : hai chấm.\n\nĐoạn thứ hai, có \\ gạch chéo."
    assert back[0]["options"][0] == {"text": "Đáp án 1: {a} = b", "correct": True, "feedback": "Đúng # vì ~"}
    assert {k: v for k, v in back[1].items() if not k.startswith("_")} == {
        "id": "dung-sai",
        "type": "true_false",
        "prompt": "Câu này đúng.",
        "answer": True,
        "feedback_true": "Chính xác.",
        "explanation": "Chỉ có lời nhắn khi chọn Đúng.",
    }


def run(capsys, course: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(course), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export_then_import_gives_back_the_lessons_questions(capsys, tmp_path):
    course = make_course(None, tmp_path / "course")
    quiz = course / "quizzes/4-an-toan/01-mat-khau.yml"
    before = [_same(q) for q in load(Project(course)).course.lesson_by_page("4-an-toan/01-mat-khau.md").quiz.questions]
    gift = tmp_path / "ngan-hang.gift"
    code, out, err = run(capsys, course, "export", "--format", "gift", "-o", str(gift))
    assert code == 0
    assert out == f"Đã xuất 6 câu hỏi (GIFT) vào `{gift}`.\n"
    assert err.splitlines()[0] == "Những điều định dạng GIFT không thể hiện được (đã xử lý như sau):"
    assert (
        "  - câu `mk-order`: Moodle không có sẵn câu sắp xếp; đã chuyển thành câu nối: mỗi bước nối với số "
        "thứ tự của nó."
    ) in err.splitlines()
    assert (
        "  - câu `mk-text`: Moodle chấm đúng từng dấu; đã thêm đáp án không dấu (“mat khau mot lan”) để người "
        "gõ không dấu vẫn được tính đúng."
    ) in err.splitlines()

    quiz.unlink()
    code, out, err = run(capsys, course, "import", str(gift), "--lesson", "content/4-an-toan/01-mat-khau.md")
    assert (code, out, err) == (0, "Đã thêm 6 câu hỏi vào `quizzes/4-an-toan/01-mat-khau.yml`.\n", "")
    report = load(Project(course))
    assert report.problems == []
    after = report.course.lesson_by_page("4-an-toan/01-mat-khau.md").quiz.questions
    assert [_same(q) for q in after] == before

    # Importing the same file again appends the questions under new ids, and says so.
    code, out, err = run(capsys, course, "import", str(gift), "--lesson", "content/4-an-toan/01-mat-khau.md")
    assert code == 0
    assert "  - câu `mk-single`: tên câu hỏi không dùng được làm mã (`id`) hoặc đã có; đặt mã mới `mat-khau-1`." in err
    assert len(load(Project(course)).course.lesson_by_page("4-an-toan/01-mat-khau.md").quiz.questions) == 12


def test_cli_export_one_area_and_moodle_xml(capsys, tmp_path):
    course = make_course(None, tmp_path / "course")
    xml_file = tmp_path / "out" / "moodle.xml"
    code, out, _ = run(capsys, course, "export", "--format", "moodle-xml", "--area", "4", "-o", str(xml_file))
    assert code == 0 and out == f"Đã xuất 6 câu hỏi (Moodle XML) vào `{xml_file}`.\n"
    ET.parse(xml_file)
    code, _, err = run(capsys, course, "export", "--area", "1", "-o", str(tmp_path / "x.gift"))
    assert code == 1 and err == "lỗi: không có câu hỏi nào để xuất trong miền 1.\n"
    code, _, err = run(capsys, course, "export", "--area", "9", "-o", str(tmp_path / "x.gift"))
    assert code == 1 and err.startswith("lỗi: không có miền `9`.")


MOODLE_GIFT = """\
// Câu hỏi soạn trên Moodle, không có dòng // hocvuso:
$CATEGORY: $course$/top/An toàn

::otp::Ai được hỏi mã OTP?{=Không ai cả#Đúng. ~%50%Người thân ~Ngân hàng#Ngân hàng không hỏi.####OTP là bí mật.}

::nam::Năm nào Luật An ninh mạng có hiệu lực?{#2019}

::tu-luan::Kể lại một lần bạn gặp tin nhắn lừa đảo.{}

Chào mừng bạn đến với bài kiểm tra.

::dien-tu::Mã dùng một lần gọi là mã {=OTP =otp#Đúng rồi} gửi qua tin nhắn.

::noi::Nối dấu hiệu.{=Tên miền sai -> Trang giả =Hối thúc -> Lừa đảo = -> Nhiễu}

Câu không tên, nhiều đáp án.{~%50%Khóa màn hình ~%50%Cập nhật ~%-100%Bấm link lạ}

::tf::Công an gọi video để làm việc.{F#Sai rồi.#Đúng, không có chuyện đó.}
"""


def test_gift_import_reports_what_the_course_cannot_express(capsys, tmp_path):
    course = make_course(None, tmp_path / "course")
    source = tmp_path / "moodle.txt"
    source.write_text(MOODLE_GIFT, encoding="utf-8")
    code, out, err = run(
        capsys, course, "import", str(source), "--lesson", str(course / "content/4-an-toan/02-cuoc-goi-lua-dao.md")
    )
    assert code == 1  # questions were skipped: said with their lines, and in the exit code (issue 15)
    assert out == "Đã thêm 5 câu hỏi vào `quizzes/4-an-toan/02-cuoc-goi-lua-dao.yml`.\n"
    notes = err.splitlines()
    assert notes[0] == "Những điều không chuyển được sang định dạng câu hỏi của khóa học:"
    assert notes[1:] == [
        "  - câu `otp`: khóa học không chấm điểm từng phần; lựa chọn có điểm 50% được coi là sai.",
        "  - câu `nam`: câu trả lời bằng số (numerical) chưa có trong khóa học; câu này bị bỏ qua.",
        "  - câu `tu-luan`: câu tự luận (essay) không tự chấm được; câu này bị bỏ qua.",
        "  - câu thứ 4 trong tệp: đoạn mô tả không có câu trả lời; bị bỏ qua.",
        "  - câu `dien-tu`: câu điền từ vào chỗ trống được chuyển thành câu hỏi với chỗ trống `_____` trong đề.",
        "  - câu `dien-tu`: câu trả lời ngắn không có lời nhắn riêng cho từng đáp án; lời nhắn “Đúng rồi” bị bỏ.",
        "  - câu `noi`: câu nối có đáp án nhiễu (vế phải không có vế trái: “Nhiễu”); khóa học chưa hỗ trợ nên đáp án "
        "này bị bỏ.",
        "3 câu không nhập được và đã bị bỏ qua (lý do ở trên); sửa tệp nguồn ở các dòng sau rồi nhập lại những câu đó:",
        f"  {source}:6: câu `nam`",
        f"  {source}:8: câu `tu-luan`",
        f"  {source}:10: câu thứ 4 trong tệp",
    ]
    report = load(Project(course))
    assert report.problems == []
    questions = {q.id: q for q in report.course.lesson_by_page("4-an-toan/02-cuoc-goi-lua-dao.md").quiz.questions}
    assert list(questions) == ["otp", "dien-tu", "noi", "cuoc-goi-lua-dao-4", "tf"]
    first = questions["otp"].data.options[0]
    assert (first.text, first.correct, first.feedback) == ("Không ai cả", True, "Đúng.")
    assert questions["otp"].explanation == "OTP là bí mật."
    assert questions["dien-tu"].prompt == "Mã dùng một lần gọi là mã _____ gửi qua tin nhắn."
    assert questions["dien-tu"].data.accept == ["OTP", "otp"]
    assert questions["noi"].data.pairs == [("Tên miền sai", "Trang giả"), ("Hối thúc", "Lừa đảo")]
    assert questions["cuoc-goi-lua-dao-4"].type == "multiple"
    assert [o.correct for o in questions["cuoc-goi-lua-dao-4"].data.options] == [True, True, False]
    tf = questions["tf"].data
    assert (tf.answer, tf.feedback_true, tf.feedback_false) == (False, "Sai rồi.", "Đúng, không có chuyện đó.")


AIKEN = """\
Ai được hỏi mã OTP của bạn?
A. Nhân viên ngân hàng
B. Công an
C. Không ai cả
ANSWER: C

Khi bị lừa, việc đầu tiên là gì?
A) Gọi ngay ngân hàng để khóa tài khoản
B) Im lặng cho qua
ANSWER: A

Câu thiếu đáp án
A. Một
B. Hai
"""


def test_aiken_import_creates_the_quiz_file_and_reports_broken_questions(capsys, tmp_path):
    course = make_course(None, tmp_path / "course")
    source = tmp_path / "aiken.txt"
    source.write_text(AIKEN, encoding="utf-8")
    code, out, err = run(capsys, course, "import", str(source), "--lesson", "content/1-thong-tin/01-tim-kiem.md")
    assert code == 1
    assert out == "Đã thêm 2 câu hỏi vào `quizzes/1-thong-tin/01-tim-kiem.yml`.\n"
    assert err.splitlines()[1:] == [
        f"  - câu thứ 3 trong tệp (dòng {AIKEN.splitlines().index('Câu thiếu đáp án') + 1}): viết sai cú pháp "
        "(thiếu dòng `ANSWER: <chữ cái>` sau các lựa chọn); câu này bị bỏ qua.",
        "1 câu không nhập được và đã bị bỏ qua (lý do ở trên); sửa tệp nguồn ở các dòng sau rồi nhập lại những câu đó:",
        f"  {source}:{AIKEN.splitlines().index('Câu thiếu đáp án') + 1}: câu thứ 3 trong tệp",
    ]
    text = (course / "quizzes/1-thong-tin/01-tim-kiem.yml").read_text(encoding="utf-8")
    assert text.startswith(
        'title: "Tự kiểm tra – Tìm kiếm thông tin"\nquestions:\n  - id: tim-kiem-1\n    type: single\n'
    )
    quiz = load(Project(course)).course.lesson_by_page("1-thong-tin/01-tim-kiem.md").quiz
    assert [(q.id, [o.correct for o in q.data.options]) for q in quiz.questions] == [
        ("tim-kiem-1", [False, False, True]),
        ("tim-kiem-2", [True, False]),
    ]


def test_import_refuses_a_missing_lesson_and_an_unknown_format(capsys, tmp_path):
    course = make_course(None, tmp_path / "course")
    source = tmp_path / "ghi-chu.txt"
    source.write_text("Chỉ là ghi chú, không có câu hỏi.\n", encoding="utf-8")
    code, _, err = run(capsys, course, "import", str(source), "--lesson", "content/4-an-toan/09-khong-co.md")
    assert code == 1 and err.startswith("lỗi: không tìm thấy bài học `content/4-an-toan/09-khong-co.md`.")
    code, _, err = run(capsys, course, "import", str(source), "--lesson", "content/4-an-toan/01-mat-khau.md")
    assert code == 1 and err.startswith(f"lỗi: không nhận ra định dạng của `{source}`.")
    assert re.search(r"Mật khẩu", (course / "quizzes/4-an-toan/01-mat-khau.yml").read_text(encoding="utf-8"))


def test_aiken_notes_name_the_line_to_fix():
    from generator.exchange.aiken import parse_aiken
    from generator.messages import activate

    activate("vi")
    text = (
        "Câu một\nA. Có\nB. Không\nANSWER: A\n\nCâu hai\nA. Có\nB. Không\nANSWER: D\n\nCâu ba\nA. Chỉ một\nANSWER: A\n"
    )
    imported = parse_aiken(text)
    assert imported.notes == [
        "câu thứ 2 trong tệp (dòng 9): không có lựa chọn nào đúng; câu này bị bỏ qua.",
        "câu thứ 3 trong tệp (dòng 11): câu nhiều lựa chọn cần ít nhất 2 lựa chọn; câu này bị bỏ qua.",
    ]
    assert imported.skipped == [(6, "#2"), (11, "#3")]
