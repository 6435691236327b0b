"""The course glossary: loading with located errors, marking the first use of each term in lesson
HTML, the glossary page, and the reading warnings of `hocvuso check`."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

from corpus_tools import make_course
from generator import htmlscan
from generator.cli import main
from generator.glossary import Glossary, Term, mark_lesson, mark_terms
from generator.glossary_check import glossary_warnings
from generator.loader import Project, load
from generator.plaintext import blocks, sentences, word_count
from generator.textfold import sort_key

ROOT = Path(__file__).resolve().parent.parent


def glossary(*terms: tuple) -> Glossary:
    return Glossary(source="glossary.yml", terms=[Term(t[0], t[1], list(t[2:])) for t in terms])


G = glossary(
    ("AI", "Trí tuệ nhân tạo."),
    ("OTP", "Mã dùng một lần.", "mã OTP"),
    ("mã QR", "Ô vuông chấm đen trắng.", "QR"),
    ("tài khoản", "Phần riêng của bạn."),
    ("định danh điện tử", "Chứng minh bạn là ai.", "tài khoản định danh điện tử"),
    ("Wi-Fi", "Mạng không dây."),
    ("ứng dụng", "Chương trình trên điện thoại.", "app"),
)


def marked(html: str) -> list[tuple[str, str]]:
    """(term id, marked text) for each marked term, in document order."""
    found = []

    class Terms(HTMLParser):
        def __init__(self):
            super().__init__()
            self.current = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "hvs-term" in (attrs.get("class") or "").split():
                self.current = [attrs["data-hvs-term"], ""]

        def handle_data(self, data):
            if self.current is not None:
                self.current[1] += data

        def handle_endtag(self, tag):
            if self.current is not None and tag == "a":
                found.append(tuple(self.current))
                self.current = None

    Terms().feed(html)
    return found


# --- marking -------------------------------------------------------------------------------------


def test_only_the_first_use_of_each_term_is_marked():
    html, used = mark_terms("<p>Mã OTP gửi qua tin nhắn.</p><p>Không đọc OTP cho ai. OTP chỉ dùng một lần.</p>", G)
    assert marked(html) == [("otp", "Mã OTP")]
    assert [t.term for t in used] == ["OTP"]


def test_terms_in_headings_links_code_and_quiz_markup_are_left_alone():
    html = (
        '<h2>Mã OTP là gì?</h2><p><a href="x.html">mã OTP</a> và <code>OTP</code></p>'
        '<p class="admonition-title">Ứng dụng</p><pre>OTP</pre>'
        '<section class="hvs-quiz"><p>ứng dụng</p></section>'
        '<header class="hvs-lesson-head"><h1>OTP</h1><p class="hvs-summary">ứng dụng</p></header>'
        "<p>Đây là mã OTP và ứng dụng.</p>"
    )
    result, _ = mark_terms(html, G)
    assert marked(result) == [("otp", "mã OTP"), ("ung-dung", "ứng dụng")]
    assert result.startswith('<h2>Mã OTP là gì?</h2><p><a href="x.html">mã OTP</a> và <code>OTP</code></p>')
    assert '<section class="hvs-quiz"><p>ứng dụng</p></section>' in result


def test_raw_html_is_read_as_a_browser_reads_it():
    """Teachers' raw HTML: an unquoted address ending in `/` does not close the link, a script's
    text is not prose, an entity ends a word and nothing else is changed."""
    html = (
        "<p><a href=https://vd.vn/>mã OTP</a></p><script>var s = '<p>ứng dụng</p>';</script>"
        '<p title="a > b">Mở&nbsp;ứng dụng &amp; nhập mã OTP.</p><!-- OTP -->'
    )
    result, _ = mark_terms(html, G)
    assert marked(result) == [("ung-dung", "ứng dụng"), ("otp", "mã OTP")]
    assert result.startswith("<p><a href=https://vd.vn/>mã OTP</a></p><script>var s = '<p>ứng dụng</p>';</script>")
    assert result.endswith("</p><!-- OTP -->")


def test_a_tag_never_closed_leaves_the_rest_of_the_page_as_it_is():
    """A quote or `>` missing to the end of a hostile page: the scan takes the rest as it is, once
    (trying again at every later `<` made a 1 MB page take an hour), and marks nothing in it."""
    tail = '<a "mã OTP ' + '<a "ứng dụng ' * 2_000 + "<p>OTP</p>"
    for bad in (tail, "</a mã OTP" * 3, "<!-- ứng dụng " * 3):
        html = "<p>Mã OTP.</p>" + bad
        assert [kind for kind, _, _ in htmlscan.scan(html)] == [
            htmlscan.START,
            htmlscan.DATA,
            htmlscan.END,
            htmlscan.OTHER,
        ]
        result, _ = mark_terms(html, G)
        assert result.endswith(bad) and marked(result) == [("otp", "Mã OTP")]


def test_acronyms_match_whole_words_in_capitals_only():
    text = "<p>Hỏi ai cũng được, tại nhà, Ai đó gọi. Trợ lý AInet. Dùng AI.</p>"
    result, _ = mark_terms(text, G)
    assert marked(result) == [("ai", "AI")]
    assert result.endswith('Dùng <a class="hvs-term" href="#hvs-gl-ai" id="hvs-term-ai" data-hvs-term="ai">AI</a>.</p>')


def test_ai_does_not_match_inside_vietnamese_words_even_when_decomposed():
    nfd = "<p>Ở TẠI nhà, TAI nghe, HAI người, tại\u0323 chỗ, ta\u0323i nơi.</p>"
    result, used = mark_terms(nfd, G)
    assert used == [] and marked(result) == []


def test_other_terms_match_in_any_case_and_with_any_hyphen():
    result, _ = mark_terms("<p>MÃ QR ở quán. Bật Wi\u2011Fi hoặc WIFI. Cài App ngân hàng.</p>", G)
    assert marked(result) == [("ma-qr", "MÃ QR"), ("wi-fi", "Wi\u2011Fi"), ("ung-dung", "App")]


def test_the_longest_form_wins_and_a_shorter_term_is_marked_later():
    result, _ = mark_terms("<p>Làm tài khoản định danh điện tử. Mở tài khoản ngân hàng.</p>", G)
    assert marked(result) == [("dinh-danh-dien-tu", "tài khoản định danh điện tử"), ("tai-khoan", "tài khoản")]


def test_marking_keeps_the_rest_of_the_html_byte_for_byte():
    html = (
        '<p class="x">A &amp; B &#8212; <!-- note --><img alt="OTP" src="a.svg"><br><strong>OTP</strong> &lt;ok&gt;</p>'
    )
    result, _ = mark_terms(html, G)
    assert result == html.replace(
        "<strong>OTP</strong>",
        '<strong><a class="hvs-term" href="#hvs-gl-otp" id="hvs-term-otp" data-hvs-term="otp">OTP</a></strong>',
    )


def test_a_lesson_ends_with_its_explanations_linked_both_ways():
    html = mark_lesson(G, "<p>Quét mã QR rồi nhập OTP.</p>", "../tu-dien.html")
    assert '<a class="hvs-term" href="#hvs-gl-ma-qr" id="hvs-term-ma-qr" data-hvs-term="ma-qr">mã QR</a>' in html
    notes = html[html.index('<section class="hvs-glossary-notes"') :]
    assert '<h2 id="hvs-gl-title">Giải thích từ ngữ</h2>' in notes
    assert notes.index('id="hvs-gl-ma-qr"') < notes.index('id="hvs-gl-otp"')  # in order of use
    assert '<span class="hvs-gl-text">Ô vuông chấm đen trắng.</span>' in notes
    assert '<a class="hvs-gl-back" href="#hvs-term-otp">' in notes
    assert '<a href="../tu-dien.html">Xem cả từ điển</a>' in notes
    assert mark_lesson(G, "<p>Không có từ nào.</p>") == "<p>Không có từ nào.</p>"
    assert mark_lesson(None, "<p>OTP</p>") == "<p>OTP</p>"


def test_dictionary_order_is_vietnamese():
    words = ["đường link", "ứng dụng", "dữ liệu", "AI", "ảnh", "âm thanh", "OTP", "ô tô", "cập nhật"]
    assert sorted(words, key=sort_key) == [
        "AI",
        "ảnh",
        "âm thanh",
        "cập nhật",
        "dữ liệu",
        "đường link",
        "OTP",
        "ô tô",
        "ứng dụng",
    ]


# --- loading -------------------------------------------------------------------------------------


def course_with(tmp_path: Path, glossary_text: str | None, lessons: dict[str, str] | None = None) -> Path:
    course = make_course(None, tmp_path / "course")
    if glossary_text is not None:
        (course / "glossary.yml").write_text(textwrap.dedent(glossary_text), encoding="utf-8")
    for path, text in (lessons or {}).items():
        (course / "content" / path).write_text(textwrap.dedent(text), encoding="utf-8")
    return course


def problems(course: Path) -> list[str]:
    return [str(p) for p in load(Project(course)).problems]


def test_the_shipped_glossary_is_valid_and_large_enough():
    report = load(Project(ROOT))
    assert report.problems == []
    terms = report.course.glossary.terms
    assert len(terms) >= 30
    names = {t.term for t in terms}
    for needed in (
        "OTP",
        "VNeID",
        "mã QR",
        "ứng dụng",
        "đường link",
        "Wi-Fi",
        "dữ liệu di động",
        "tài khoản",
        "mật khẩu",
        "sao lưu",
        "AI",
        "deepfake",
        "tin giả",
        "dịch vụ công trực tuyến",
        "định danh điện tử",
        "sinh trắc học",
    ):
        assert needed in names


def test_a_course_without_a_glossary_file_has_none(tmp_path):
    course = course_with(tmp_path, None)
    report = load(Project(course))
    assert report.problems == [] and report.course.glossary is None


def test_glossary_mistakes_are_located_and_worded_for_a_teacher(tmp_path):
    course = course_with(
        tmp_path,
        """\
        terms:
          - term: OTP
            explanation: Mã dùng một lần.
          - term: mã QR
            aliases: [otp]
          - term: Ứng dụng
            explanation: Chương trình.
            note: thêm
        """,
    )
    assert problems(course) == [
        "glossary.yml:4: từ 2: thiếu trường bắt buộc `explanation`.",
        "glossary.yml:8: từ 3: trường `note` không có trong định dạng. "
        "Các trường được dùng ở đây: `aliases`, `explanation`, `term`.",
    ]


def test_a_term_written_twice_is_reported_where_it_repeats(tmp_path):
    course = course_with(
        tmp_path,
        """\
        terms:
          - term: OTP
            explanation: Mã dùng một lần.
          - term: mã QR
            aliases: [otp, QR]
            explanation: Ô vuông.
          - term: Ma QR
            explanation: Khác.
          - term: qr
            explanation: Lặp.
        """,
    )
    assert problems(course) == [
        "glossary.yml:5: từ 2: `otp` đã có trong từ điển (ở từ `OTP`). "
        "Mỗi từ hoặc cách gọi chỉ được viết một lần; hãy xóa chỗ lặp.",
        "glossary.yml:7: từ 3: từ `Ma QR` và từ `mã QR` viết khác nhau nhưng bỏ dấu thì giống nhau, "
        "nên trùng chỗ trên trang. Hãy gộp hai từ làm một (dùng `aliases:`).",
        "glossary.yml:9: từ 4: `qr` đã có trong từ điển (ở từ `mã QR`). "
        "Mỗi từ hoặc cách gọi chỉ được viết một lần; hãy xóa chỗ lặp.",
    ]


def test_a_broken_glossary_stops_the_build_with_its_line(tmp_path):
    course = course_with(tmp_path, 'terms:\n  - term: OTP\n    explanation: "Mã dùng\n')
    assert problems(course) == [
        "glossary.yml:4: tệp YAML viết sai cú pháp (dấu ngoặc kép chưa được đóng). Hãy kiểm tra dấu hai chấm, "
        "dấu gạch đầu dòng và thụt lề (dùng dấu cách, không dùng Tab) ở dòng này hoặc dòng ngay trên."
    ]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(course / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode != 0
    assert "glossary.yml:4: tệp YAML viết sai cú pháp" in run.stderr and "Traceback" not in run.stderr


# --- the build -------------------------------------------------------------------------------------

MINI_GLOSSARY = """\
    terms:
      - term: OTP
        aliases: [mã OTP]
        explanation: Mã số dùng một lần.
      - term: công an
        explanation: Lực lượng giữ an ninh.
      - term: ứng dụng
        explanation: Chương trình trên điện thoại.
    jargon: [OTP, công an, ứng dụng, VNeID, deepfake]
    """


def test_the_build_marks_lessons_and_makes_a_glossary_page_in_the_nav(tmp_path):
    course = course_with(tmp_path, MINI_GLOSSARY)
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(course / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    lesson = (site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert marked(lesson) == [("otp", "mã OTP")]  # in the objectives, before the body's "Mã OTP"
    assert '<a href="../tu-dien.html">Xem cả từ điển</a>' in lesson
    page = (site / "tu-dien.html").read_text(encoding="utf-8")
    entries = page[page.index('<dl class="hvs-dictionary">') :]
    assert entries.index('id="cong-an"') < entries.index('id="otp"') < entries.index('id="ung-dung"')
    otp = entries[entries.index('id="otp"') : entries.index('id="ung-dung"')]
    assert '<a href="4-an-toan/01-mat-khau.html">Mật khẩu và mã OTP</a>' in otp
    police = entries[entries.index('id="cong-an"') : entries.index('id="otp"')]
    assert '<a href="4-an-toan/02-cuoc-goi-lua-dao.html">Cuộc gọi lừa đảo</a>' in police
    assert "Chưa có bài nào dùng từ này." in entries[entries.index('id="ung-dung"') :]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="tu-dien.html"' in home  # the nav lists the glossary page


# --- warnings of `hocvuso check` -----------------------------------------------------------------

LONG = (
    "Khi có người lạ gọi điện xưng là cán bộ ngân hàng và nói rằng tài khoản của bác đang bị khóa "
    "thì bác hãy bình tĩnh cúp máy rồi tự gọi lại tổng đài."
)


def test_word_count_counts_space_separated_words_with_letters():
    assert word_count(LONG) == 35
    assert word_count("Bấm — rồi chờ 5 giây.") == 5


def test_blocks_and_sentences_keep_source_lines():
    body = "## Tiêu đề\n\nCâu một. Câu hai\ntiếp dòng sau! Câu ba?\n\n- Mục [có link](x.md).\n```\nmã. lệnh.\n```\n"
    found = blocks(body, first_line=10)
    assert [(b.kind, b.text) for b in found] == [
        ("heading", "Tiêu đề"),
        ("paragraph", "Câu một. Câu hai tiếp dòng sau! Câu ba?"),
        ("item", "Mục có link."),
    ]
    paragraph = found[1]
    assert [(paragraph.line_at(offset), s) for offset, s in sentences(paragraph.text)] == [
        (12, "Câu một."),
        (12, "Câu hai tiếp dòng sau!"),
        (13, "Câu ba?"),
    ]


def lessons_for_warnings(level_first: str = "CB1") -> dict[str, str]:
    return {
        "4-an-toan/01-mat-khau.md": f"""\
            ---
            title: Mật khẩu và mã OTP
            competencies: ["4.2"]
            level: {level_first}
            audiences: [nguoi-dan]
            duration: 10
            ---
            ## Mã OTP

            Mã OTP là mã dùng một lần. Đừng cài ứng dụng VNeID giả.
            {LONG}

            - Câu ngắn.
            - Tin tặc, deepfake và VNeID: xem nguồn https://example.org/mot-tieu-de-rat-dai-cua-mot-bai-bao-duoc-trich-dan-o-day-va-khong-phai-loi-cua-giao-vien-nen-khong-can-canh-bao-gi-ca-ca-ca-ca-ca-ca
            """,
    }


def test_check_warns_about_unexplained_jargon_and_long_sentences_for_beginners(tmp_path):
    course = course_with(tmp_path, MINI_GLOSSARY, lessons_for_warnings("CB1"))
    report = load(Project(course))
    assert report.problems == []
    assert [str(p) for p in glossary_warnings(report.course, Project(course))] == [
        "content/4-an-toan/01-mat-khau.md:10: bài dùng từ chuyên môn “VNeID” nhưng từ điển (glossary.yml) chưa giải "
        "thích từ này. Hãy thêm từ vào từ điển, hoặc nói bằng lời dễ hiểu hơn.",
        "content/4-an-toan/01-mat-khau.md:11: câu dài 35 chữ, bài bậc CB1 nên viết câu không quá 25 chữ: "
        "“Khi có người lạ gọi điện xưng là…”. Hãy tách thành hai câu ngắn.",
    ]


def test_long_sentences_are_fine_above_the_beginner_levels(tmp_path):
    course = course_with(tmp_path, MINI_GLOSSARY, lessons_for_warnings("TC1"))
    report = load(Project(course))
    messages = [p.message for p in glossary_warnings(report.course, Project(course))]
    assert len(messages) == 1 and "VNeID" in messages[0]


def test_the_check_command_prints_the_reading_warnings(tmp_path, capsys):
    course = course_with(tmp_path, MINI_GLOSSARY, lessons_for_warnings("CB2"))
    assert main(["--root", str(course), "check"]) == 0
    out = capsys.readouterr().out
    assert "content/4-an-toan/01-mat-khau.md:10: cảnh báo: bài dùng từ chuyên môn “VNeID”" in out
    assert "content/4-an-toan/01-mat-khau.md:11: cảnh báo: câu dài 35 chữ, bài bậc CB2" in out
    assert main(["--root", str(course), "check", "--strict"]) == 1
