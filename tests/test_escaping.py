"""Course text is text wherever it lands (issue 13): titles in <title>, navigation and headings,
quiz Markdown without raw HTML or script URLs, lesson bodies without script links, `check`'s
warnings, and the pages' Content-Security-Policy. The browser side is tests/test_hostile_browser.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import csp, render, safehtml
from generator.messages import set_language, warning
from generator.review import script_warnings
from site_tools import lesson_md, write_course

ROOT = Path(__file__).resolve().parent.parent
set_language("vi")

ZALO = 'Dùng <Zalo> & "bạn"'


class _Text(HTMLParser):
    """The text of the elements matching a tag (and a class), as a browser shows it."""

    def __init__(self, tag: str, cls: str | None = None):
        super().__init__(convert_charrefs=True)
        self.tag, self.cls, self.depth, self.parts = tag, cls, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == self.tag
        elif tag == self.tag and (self.cls is None or self.cls in (dict(attrs).get("class") or "").split()):
            self.depth = 1
            self.parts.append("")

    def handle_endtag(self, tag):
        if self.depth and tag == self.tag:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts[-1] += data


def texts(html: str, tag: str, cls: str | None = None) -> list[str]:
    parser = _Text(tag, cls)
    parser.feed(html)
    return [" ".join(t.split()) for t in parser.parts]


@pytest.fixture(scope="module")
def zalo(tmp_path_factory):
    """A course whose site, area page and lesson are all called `Dùng <Zalo>`, packed by `dist`."""
    from generator.cli import main

    course = write_course(
        tmp_path_factory.mktemp("zalo") / "course",
        {
            "2-giao-tiep/01-zalo.md": lesson_md(ZALO, "## Mở <Zalo>\n\nMở ứng dụng.", "2", summary=ZALO),
            "2-giao-tiep/index.md": '---\ntitle: "Miền <Zalo>"\n---\nGiới thiệu.\n',
            # A title taken from a heading (no `title:`), which MkDocs hands over as HTML text.
            "1-thong-tin/index.md": "# Tin & ảnh\n\nGiới thiệu.\n",
        },
    )
    config = course / "mkdocs.yml"
    config.write_text(
        re.sub(r"(?m)^site_name:.*$", "site_name: Học <Zalo>", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert main(["--root", str(course), "dist"]) == 0
    return course


def page(course: Path, path: str) -> str:
    return (course / path).read_text(encoding="utf-8")


def test_a_lesson_called_dung_zalo_keeps_its_word_in_title_nav_and_heading(zalo):
    html = page(zalo, "site/2-giao-tiep/01-zalo.html")
    assert texts(html, "title") == [f"{ZALO} - Học <Zalo>"]
    assert texts(html, "h1")[0] == ZALO
    assert ZALO in texts(html, "nav", "md-nav--primary")[0]
    assert texts(html, "span", "md-ellipsis")[0] == "Học <Zalo>"  # the header's site name
    assert texts(html, "p", "hvs-summary") == [ZALO]
    # the heading inside the lesson, and so its entry in the table of contents, is Markdown:
    # `<Zalo>` there is raw HTML, as in any lesson body, and shows as nothing
    assert "Mở" in texts(html, "nav", "md-nav--secondary")[0]


def test_area_titles_from_front_matter_and_from_a_heading_are_text(zalo):
    area = page(zalo, "site/2-giao-tiep/index.html")
    assert texts(area, "title") == ["Miền <Zalo> - Học <Zalo>"]
    assert texts(area, "h1")[0] == "Miền <Zalo>"
    heading = page(zalo, "site/1-thong-tin/index.html")
    assert texts(heading, "title") == ["Tin & ảnh - Học <Zalo>"]  # not "Tin &amp; ảnh"
    assert "Tin & ảnh" in texts(heading, "nav", "md-nav--primary")[0]


def test_worksheet_and_one_file_titles_are_text(zalo):
    sheet = page(zalo, "site/phieu/4-an-toan/01-mat-khau.html")
    assert texts(sheet, "title")[0].endswith("– Học <Zalo>")
    onefile = page(zalo, "dist/mot-tep/hocvuso-2-giao-tiep.html")
    assert texts(onefile, "title")[0].endswith("– Học <Zalo>")
    assert ZALO in texts(onefile, "nav", "hvs-onefile-toc")[0]


# --- quiz Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dùng <Zalo>", "<p>Dùng &lt;Zalo&gt;</p>"),
        ("<b>đậm</b>", "<p>&lt;b&gt;đậm&lt;/b&gt;</p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("<div>\nkhối\n</div>", "<p>&lt;div&gt;\nkhối\n&lt;/div&gt;</p>"),
        ("</script><script>x()</script>", "<p>&lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;</p>"),
        ("<!-- chú thích -->", "<p>&lt;!-- chú thích --&gt;</p>"),
    ],
)
def test_raw_html_in_quiz_text_shows_as_text(text, expected):
    assert render.md(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mở **Cài đặt** rồi *Bảo mật*", "<p>Mở <strong>Cài đặt</strong> rồi <em>Bảo mật</em></p>"),
        ("Xem [bài trước](01-mat-khau.md)", '<p>Xem <a href="01-mat-khau.md">bài trước</a></p>'),
        (
            "Trang <https://dichvucong.gov.vn>",
            '<p>Trang <a href="https://dichvucong.gov.vn">https://dichvucong.gov.vn</a></p>',
        ),
        ("- một\n- hai", "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>"),
        ("Gõ `*#06#`", "<p>Gõ <code>*#06#</code></p>"),
        ("![Màn hình](img/a.png)", '<p><img alt="Màn hình" src="img/a.png"></p>'),
        ("A & B", "<p>A &amp; B</p>"),
    ],
)
def test_quiz_text_keeps_its_markdown(text, expected):
    assert render.md(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[bấm](javascript:alert(1))",
        "[bấm](JaVaScRiPt:alert(1))",
        "[bấm](  javascript:alert(1))",
        "[bấm](vbscript:msgbox(1))",
        "[bấm](data:text/html,<script>alert(1)</script>)",
        "[bấm][r]\n\n[r]: javascript:alert(1)",
        "![ảnh](javascript:alert(1))",
    ],
)
def test_script_urls_leave_quiz_links(text):
    html = render.md(text)
    assert "script:" not in html.lower() and "data:" not in html, html
    assert "bấm" in html or "ảnh" in html


def test_attr_list_cannot_add_handlers_or_ids():
    html = render.md('Bấm *đây*{: onclick="alert(1)" #HVS_SITE .nut style="x" }')
    assert html == '<p>Bấm <em class="nut">đây</em></p>'


def test_option_labels_stay_inline():
    assert render.md_inline("Dùng <Zalo> **ngay**") == "Dùng &lt;Zalo&gt; <strong>ngay</strong>"


def test_the_rendered_self_assessment_carries_no_markup_from_quiz_text():
    from generator.model import Question
    from generator.questions.choice import Choices, Option

    question = Question(
        id="q1",
        type="single",
        prompt='<img src=x onerror=alert(1)> "Hỏi"',
        competency="4.1",
        level="CB1",
        line=1,
        data=Choices(
            options=[
                Option(text="<b>a</b>", correct=True, feedback="<svg onload=x()>"),
                Option(text="b", correct=False),
            ]
        ),
        explanation="[x](javascript:alert(1))",
        hint="</details><script>x()</script>",
    )
    html = render.render_question(question, 1)
    assert not re.search(r"<(img|svg|script|b)\b|javascript:", html), html


# --- lesson bodies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" java&#x09;script&colon;alert(1)" title="t">x</a>', '<a title="t">x</a>'),
        ("<a href='JAVASCRIPT:alert(1)' class=c>x</a>", '<a class="c">x</a>'),
        ('<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe></iframe>"),
        (
            '<form action="javascript:alert(1)"><button formaction="vbscript:x">b</button></form>',
            "<form><button>b</button></form>",
        ),
        ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "<svg><a><text>x</text></a></svg>"),
        # a script file the course ships would pass the policy's 'self': the element loses its source
        ('<p>x</p>\n<SCRIPT type="module" src="img/anh.txt"></SCRIPT>', '<p>x</p>\n<script type="module"></SCRIPT>'),
    ],
)
def test_script_links_in_a_lesson_body_are_taken_out(html, expected):
    assert safehtml.neutralise_script_urls(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<p>Mở <a href="https://vneid.gov.vn">VNeID</a></p>',
        '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="ảnh"></p>',  # a picture, not a page
        '<p>Gõ <code>javascript:</code> là sai.</p><pre><code>&lt;a href="javascript:x"&gt;</code></pre>',
        '<p>Trang <a href="../4-an-toan/01-mat-khau.html#ma-otp">OTP</a> &amp; <b>dữ liệu</b></p>\n<hr/>',
    ],
)
def test_the_rest_of_a_lesson_body_is_left_byte_for_byte(html):
    assert safehtml.neutralise_script_urls(html) == html


# --- hocvuso check ---------------------------------------------------------------------------------


def _warnings(body: str) -> list[str]:
    lines = list(enumerate(body.split("\n"), start=10))
    return [f"{p.line}: {p.message}" for p in script_warnings("content/x.md", lines)]


def test_check_warns_on_script_handlers_and_script_links_with_their_line():
    body = (
        'Chữ.\n<script>alert(1)</script>\n<img alt="a" src="a.png"\n     onerror="alert(1)">\n'
        '[bấm](javascript:alert(1)) và <a href="jav&#x61;script:x">x</a>\n[r]: JavaScript:alert(1)'
    )
    assert _warnings(body) == [
        f"11: {warning('script_in_lesson')}",
        f"13: {warning('event_handler_in_lesson', name='onerror')}",
        f"14: {warning('script_link_in_lesson')}",
        f"15: {warning('script_link_in_lesson')}",
    ]


def test_check_is_quiet_on_ordinary_text():
    assert (
        _warnings(
            "Bấm nút *Gửi*. Trang online: onboarding = bắt đầu. [Tiếp](02-x.md)\n"
            '<a href="https://x.vn" title="on=1">x</a> JavaScript: một ngôn ngữ.'
        )
        == []
    )


def test_check_warns_from_the_lesson_file_and_skips_code(tmp_path):
    from generator.loader import Project
    from generator.review import check

    body = "```html\n<script>ví dụ</script>\n```\n\nGõ `<img onerror=x>` thôi.\n\n<script>thật</script>\n"
    course = write_course(tmp_path / "course", {"2-giao-tiep/01-ma.md": lesson_md("Mã", body, "2")})
    found = [str(p) for p in check(Project(course)).warnings if "script" in p.message]
    assert found == [f"content/2-giao-tiep/01-ma.md:14: {warning('script_in_lesson')}"]


def test_the_scan_is_linear_on_long_runs():
    """Issue 13: runs of `<` or `[` made `check` quadratic; these finish at once (pytest's timeout)."""
    for text in ("<" * 200_000, "<a " * 70_000, "](" * 100_000, "<a on" * 40_000, '="' * 100_000):
        script_warnings("content/x.md", [(1, text)])


# --- the pages' Content-Security-Policy -------------------------------------------------------------

_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.mark.parametrize(
    "path",
    [
        "site/index.html",
        "site/2-giao-tiep/01-zalo.html",
        "site/404.html",
    ],
)
def test_the_policy_allows_exactly_the_inline_scripts_of_the_theme(zalo, path):
    html = page(zalo, path)
    (policy,) = _POLICY.findall(html)
    assert html.index(policy) < html.index("<script")  # set before any script
    scripts = _INLINE.findall(html)
    assert scripts  # first paint, service worker: at least one per page
    allowed = re.findall(r"'sha256-[^']+'", policy)
    assert sorted(allowed) == sorted({csp.script_hash(s) for s in scripts})
    assert policy.startswith("script-src 'self' 'sha256-") and "object-src 'none'" in policy
    assert "base-uri 'none'" in policy and "unsafe" not in policy


@pytest.mark.parametrize("path", ["site/phieu/4-an-toan/01-mat-khau.html", "site/bao-cao.html"])
def test_the_owners_pages_allow_the_site_s_script_files_only(zalo, path):
    """Worksheets and the report have no inline script (their one script is page.js, a file)."""
    html = page(zalo, path)
    (policy,) = _POLICY.findall(html)
    assert policy == "script-src 'self'; object-src 'none'; base-uri 'none'"
    assert _INLINE.findall(html) == [] and 'assets/hocvuso/page.js" data-hvs-owner></script>' in html


def test_the_one_file_edition_allows_its_one_script_only(zalo):
    html = page(zalo, "dist/mot-tep/hocvuso-2-giao-tiep.html")
    (policy,) = _POLICY.findall(html)
    (script,) = _INLINE.findall(html)
    assert policy == f"script-src {csp.script_hash(script)}; object-src 'none'; base-uri 'none'"


def test_the_worksheet_print_button_has_no_inline_handler(zalo):
    html = page(zalo, "site/phieu/4-an-toan/01-mat-khau.html")
    assert 'class="hvs-ws-print"' in html and "onclick" not in html


# --- the templates and the scripts ---------------------------------------------------------------

# Values that come from the course (mkdocs.yml, front matter, framework); MkDocs' Jinja does not escape.
_COURSE_VALUE = re.compile(r"\.title\b|site_name|site_description|site_author|\bmeta\.|repo_name|repo_url")


def test_every_template_escapes_course_values():
    raw = []
    for path in sorted((ROOT / "theme").rglob("*.html")):
        for expr in re.findall(r"{{(.*?)}}", path.read_text(encoding="utf-8"), re.S):
            # toc_item.title is Python-Markdown's table of contents: already escaped text
            if _COURSE_VALUE.search(expr) and "toc_item" not in expr and not re.search(r"\|\s*e\s*$", expr.strip()):
                raw.append(f"{path.relative_to(ROOT)}: {{{{{expr}}}}}")
    assert raw == []


def test_the_scripts_never_parse_strings_as_html():
    sinks = re.compile(r"insertAdjacentHTML|outerHTML|document\.write|innerHTML\s*=(?!\s*[\"']{2})")
    found = [
        f"{p.name}: {m.group(0)}"
        for p in sorted((ROOT / "theme" / "assets").rglob("*.js"))
        for m in sinks.finditer(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_mkdocs_serve_previews_without_the_policy_so_live_reload_works(tmp_path):
    """`mkdocs serve` adds an inline live-reload script that differs on every request: no hash can
    allow it, so the preview carries no policy (the built site always does)."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from corpus_tools import make_course

    course = make_course(None, tmp_path / "course")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(course / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
            "--livereload",
        ],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        html = None
        for _ in range(600):  # until the first build is served (or the server gives up)
            if server.poll() is not None:
                pytest.fail(f"mkdocs serve stopped: {server.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/4-an-toan/01-mat-khau.html") as reply:
                    html = reply.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.2)
        assert html is not None
        assert "livereload(" in html and "Content-Security-Policy" not in html
    finally:
        server.terminate()
        server.wait(30)
