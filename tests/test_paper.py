"""Paper: worksheets and lessons printed to PDF by headless Chromium, then read back as text.

A worksheet must hold every question numbered for pen and paper, with the teacher's answer key on
pages of its own after the questions; a printed lesson must carry no navigation or buttons, keep
its answers hidden, and print web addresses after their links.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tools import make_course
from generator.loader import Project, load

CHROMIUM = os.environ.get("HVS_CHROMIUM", "/usr/bin/chromium")
LINK = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"


@pytest.fixture(scope="module")
def paper_site(tmp_path_factory) -> Path:
    """The mini course (in `course/` beside the site), one lesson with a web link, built once for this module."""
    course = make_course(None, tmp_path_factory.mktemp("paper") / "course")
    lesson = course / "content/4-an-toan/01-mat-khau.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + f"\nNộp hồ sơ trên [Cổng Dịch vụ công quốc gia]({LINK}).\n",
        encoding="utf-8",
    )
    site = course.parent / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(course / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return site


def print_pdf(page: Path, pdf: Path) -> list[str]:
    """Print `page` to A4 PDF with headless Chromium; return the text of each PDF page, whitespace removed
    (PDF text extraction splits Vietnamese words at stacked diacritics)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium", pytrace=False)
    run = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={pdf.parent / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pdf.is_file() and pdf.stat().st_size > 0, run.stderr
    if shutil.which("pdftotext") and not os.environ.get("HVS_PDF_WITH_PYPDF"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    else:
        from pypdf import PdfReader

        pages = [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]
    return [re.sub(r"\s+", "", page) for page in pages]  # pdftotext (poppler-utils) if present, else pypdf


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_of(pages: list[str], text: str) -> int:
    """The index of the first PDF page holding `text` (whitespace ignored), or -1."""
    return next((i for i, page in enumerate(pages) if squeeze(text) in page), -1)


def test_lesson_worksheet_prints_questions_then_the_answer_key_on_its_own_page(paper_site, tmp_path):
    pages = print_pdf(paper_site / "phieu/4-an-toan/01-mat-khau.html", tmp_path / "phieu.pdf")
    quiz = load(Project(paper_site.parent / "course")).course.lesson_by_page("4-an-toan/01-mat-khau.md").quiz
    key = page_of(pages, "Đáp án cho giáo viên — Mật khẩu và mã OTP")
    assert key >= 1, "the answer key must start on a page after the questions"
    assert pages[0].startswith(squeeze("Phiếu bài tập: Mật khẩu và mã OTP"))
    assert squeeze("Họ và tên:") in pages[0]
    for number, question in enumerate(quiz.questions, start=1):
        asked = page_of(pages, f"Câu {number}. ")
        assert 0 <= asked < key, f"question {number} must be on the questions' pages"
        assert squeeze(question.prompt.replace('"', '"')) in "".join(pages[:key])
        assert squeeze(question.explanation) in "".join(pages[key:]), f"explanation {number} belongs to the key"
        assert squeeze(question.explanation) not in "".join(pages[:key]), f"explanation {number} leaks to learners"
        assert squeeze(f"Câu {number}.") not in "".join(pages[key:]), "the key's pages hold no question"
    questions = "".join(pages[:key])
    # Pen-and-paper layout: lettered options, both sides of the matching question, every ordering step.
    for text in ("A.Nhânviênngânhàng", "B.Khôngaicả", "ĐúngSai", "Kếtnốiđượcmãhóa", "Gọilạisốchínhthức"):
        assert text in questions
    assert squeeze("Câu 1: B. Không ai cả") in "".join(pages[key:])
    assert squeeze("Câu 2: A. Đặt khóa màn hình") in "".join(pages[key:])
    # No screen-only parts on paper.
    everything = "".join(pages)
    for screen_only in ("Inphiếu", "Kếtquảcủatôi", "Trangchủ", "Vềbàihọc"):
        assert screen_only not in everything


def test_area_worksheet_numbers_questions_across_lessons(paper_site, tmp_path):
    pages = print_pdf(paper_site / "phieu/4-an-toan/index.html", tmp_path / "mien.pdf")
    key = page_of(pages, "Đáp án cho giáo viên — Phiếu ôn tập miền 4: An toàn")
    assert key >= 1
    assert squeeze("Bài 01: Mật khẩu và mã OTP") in "".join(pages[:key])
    # A review sheet: three of the lesson's six questions, of three different types.
    assert squeeze("3 câu ôn tập") in pages[0]
    assert 0 <= page_of(pages, "Câu 3.") < key
    assert page_of(pages, "Câu 4.") == -1
    assert squeeze("Câu 3:") in "".join(pages[key:])


def _lesson(number: int, types: list[str]):
    from generator.model import Question

    class Quiz:
        questions = [
            Question(id=f"l{number}-{i}", type=t, prompt="?", competency="4.1", level="CB1")
            for i, t in enumerate(types)
        ]

    class Lesson:
        pass

    lesson = Lesson()
    lesson.number, lesson.quiz = number, Quiz()
    return lesson


def test_review_takes_each_type_first_then_fills_in_lesson_order():
    from generator.worksheet import review_questions

    questions = _lesson(1, ["single", "single", "multiple", "single", "ordering", "matching"]).quiz.questions
    assert [q.id for q in review_questions(questions)] == ["l1-0", "l1-2", "l1-4"]
    assert [q.id for q in review_questions(questions[:2])] == ["l1-0", "l1-1"]
    assert [q.id for q in review_questions(questions[:4], limit=3)] == ["l1-0", "l1-1", "l1-2"]


def test_area_review_is_capped_and_spread_evenly_over_the_lessons():
    from generator.worksheet import AREA_MAX, AREA_PER_LESSON, area_review

    few = area_review([_lesson(n, ["single"] * 5) for n in range(4)])
    assert [len(chosen) for _, chosen in few] == [AREA_PER_LESSON] * 4
    many = area_review([_lesson(n, ["single"] * 5) for n in range(100)])
    counts = [len(chosen) for _, chosen in many]
    assert sum(counts) == AREA_MAX
    assert counts[:AREA_MAX] == [1] * AREA_MAX and set(counts[AREA_MAX:]) == {0}
    some = area_review([_lesson(n, ["single"] * 5) for n in range(15)])
    assert sorted({len(chosen) for _, chosen in some}) == [2, 3] and sum(len(c) for _, c in some) == AREA_MAX


def test_lesson_prints_without_navigation_buttons_or_answers(paper_site, tmp_path):
    pages = print_pdf(paper_site / "4-an-toan/01-mat-khau.html", tmp_path / "bai.pdf")
    text = "".join(pages)
    assert text.startswith(squeeze("Mật khẩu và mã OTP"))
    assert squeeze("Mã OTP là mã dùng một lần.") in text
    assert squeeze("Ai được hỏi mã OTP của bạn?") in text  # the self-assessment prints as questions
    for hidden in (
        "Xem đáp án và giải thích",
        "Mã OTP là chìa khóa một lần.",  # answers and explanations
        "Kết quả của tôi",
        "Bài tiếp theo",
        "Phiếu bài tập để in",
    ):  # navigation and screen links
        assert squeeze(hidden) not in text, hidden
    assert squeeze(f"Cổng Dịch vụ công quốc gia ({LINK})") in text  # web links print their address


def test_a_large_areas_review_sheet_stops_at_the_cap_and_says_what_is_left_out(tmp_path):
    from benchmarks.synth import write_course
    from generator import worksheet
    from generator.messages import set_language

    set_language("vi")
    write_course(tmp_path, lessons=360, flavor="hocvuso", seed=3)  # 60 lessons per area
    course = load(Project(root=tmp_path)).course
    area = course.areas[0]
    html = worksheet.render_area_sheet(course, area)
    assert html.count('class="hvs-ws-q"') == worksheet.AREA_MAX
    assert html.count("hvs-ws-lesson") == worksheet.AREA_MAX  # one question from each of 40 lessons
    assert "20 bài còn lại không có câu nào ở đây" in html
    assert len(html) < 2_500 * worksheet.AREA_MAX  # ~1.5 KB a question with its key, whatever the area's size
