"""Silent authoring mistakes of issue 15 that are warnings (curly quotes around a text, an empty
"Ghi nhớ" box) and the missing image that stops a plain `mkdocs build`; the errors are in tests/corpus/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from corpus_tools import CORPUS, make_course
from generator import review
from generator.loader import Project

QUIZ = "quizzes/4-an-toan/01-mat-khau.yml"
LESSON = "content/4-an-toan/01-mat-khau.md"


def _warnings(course: Path) -> list[str]:
    report = review.check(Project(course))
    assert report.problems == []
    return [str(w) for w in report.warnings]


def test_text_wrapped_in_curly_quotes_is_a_warning_quoted_speech_inside_is_not(tmp_path):
    course = make_course(None, tmp_path)
    (course / QUIZ).write_text(
        "title: T\nquestions:\n  - id: q1\n    type: true_false\n    prompt: “Công an gọi video để yêu cầu chuyển tiền.”\n"
        "    answer: false\n    explanation: Người gọi nói “chuyển tiền ngay” là dấu hiệu lừa đảo.\n"
        "    feedback_true: ‘Sai rồi.’\n",
        encoding="utf-8",
    )
    found = [w for w in _warnings(course) if "ngoặc kép cong" in w]
    assert found == [
        f"{QUIZ}:5: câu hỏi 1: `prompt` nằm trọn trong dấu ngoặc kép cong “ ” (do Word hoặc bàn phím điện thoại gõ "
        "ra), nên người học sẽ thấy cả hai dấu ngoặc. Nếu không định trích lời nói, hãy bỏ chúng, hoặc dùng dấu "
        'ngoặc kép thẳng "…".',
        f"{QUIZ}:8: câu hỏi 1: `feedback_true` nằm trọn trong dấu ngoặc kép cong “ ” (do Word hoặc bàn phím điện "
        "thoại gõ ra), nên người học sẽ thấy cả hai dấu ngoặc. Nếu không định trích lời nói, hãy bỏ chúng, hoặc "
        'dùng dấu ngoặc kép thẳng "…".',
    ]


def test_admonition_with_unindented_lines_is_flagged_an_indented_one_is_not(tmp_path):
    course = make_course(None, tmp_path)
    lesson = course / LESSON
    text = lesson.read_text(encoding="utf-8")
    lines = text.count("\n")
    lesson.write_text(
        text + '\n!!! note "Ghi nhớ"\nKhông ai được hỏi mã OTP.\n\n!!! tip "Mẹo"\n\n    Gọi lại số chính thức.\n'
        '\n```\n!!! note "trong khối mã"\nkhông phải một khung\n```\n',
        encoding="utf-8",
    )
    found = [w for w in _warnings(course) if "khung" in w]
    assert found == [
        f'{LESSON}:{lines + 2}: khung `!!! note "Ghi nhớ"` không có nội dung: các dòng bên dưới không thụt vào, '
        "nên khung hiện ra trống và chữ nằm bên ngoài khung. Hãy thụt mỗi dòng của khung vào 4 dấu cách.",
    ]


def test_plain_mkdocs_build_fails_on_a_missing_image_in_vietnamese(tmp_path):
    case = CORPUS / "58-missing-image"
    course = make_course(case, tmp_path / "course")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(course / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "4-an-toan" / "01-mat-khau.html").exists()


def _run(capsys, course: Path, *args: str) -> tuple[int, str, str]:
    from generator.cli import main

    code = main(["--root", str(course), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_export_and_onefile_end_with_a_line_saying_what_they_did(capsys, tmp_path):
    course = make_course(None, tmp_path / "course")
    code, out, err = _run(capsys, course, "report")
    assert code == 0 and out.strip()
    assert err.splitlines()[-1] == "Đã lập báo cáo độ phủ khung năng lực: 3 bài học, 6 câu hỏi."
    code, out, err = _run(capsys, course, "export", "--format", "gift", "-o", "-")
    assert code == 0 and "::mk-single::" in out
    assert err.splitlines()[-1] == "Đã in 6 câu hỏi (GIFT) ra màn hình."
    out_dir = tmp_path / "mot-tep"
    code, out, err = _run(capsys, course, "onefile", "--out", str(out_dir))
    assert code == 0, err
    assert out.splitlines()[-1] == f"Đã viết 2 bản một tệp (mỗi miền một tệp) vào `{out_dir}`."
    assert len(list(out_dir.iterdir())) == 2


def test_notes_and_warnings_print_at_body_size(browser, site_url):
    browser.get(site_url("4-an-toan/01-mat-khau.html"))
    browser.execute_script(
        "document.querySelector('.md-content .md-typeset').insertAdjacentHTML('beforeend',"
        '\'<p id="body">Chữ bài.</p><div class="admonition tip"><p class="admonition-title">Ghi nhớ</p>'
        '<p id="note">Không đọc mã OTP cho ai.</p></div>\')'
    )

    def size(element_id: str) -> float:
        return browser.execute_script(
            f"return parseFloat(getComputedStyle(document.getElementById('{element_id}')).fontSize)"
        )

    assert size("note") < size("body")  # on screen the box is a little smaller, as in Material
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert size("note") == size("body")  # the guide (§5) promises this to teachers
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
