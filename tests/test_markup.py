"""Quiz text speaks the lessons' Markdown: the site's `markdown_extensions` reach the question text."""

from __future__ import annotations

from corpus_tools import make_course
from inprocess import build


def test_quiz_text_uses_the_sites_markdown_extensions(tmp_path):
    course = make_course(None, tmp_path / "course")
    quiz = course / "quizzes" / "4-an-toan" / "01-mat-khau.yml"
    text = quiz.read_text(encoding="utf-8")
    first_prompt = text.index("prompt:")
    line_end = text.index("\n", first_prompt)
    # A definition list: Markdown's `def_list` extension, not among the defaults; the course turns it on.
    prompt = 'prompt: "Mã OTP\\n: mật khẩu dùng một lần\\n\\nBạn làm gì?"'
    quiz.write_text(text[:first_prompt] + prompt + text[line_end:], encoding="utf-8")
    config = course / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n  - def_list\n"),
        encoding="utf-8",
    )
    build(config, tmp_path / "site")
    page = (tmp_path / "site" / "4-an-toan" / "01-mat-khau.html").read_text(encoding="utf-8")
    assert "<dt>Mã OTP</dt>" in page and "<dd>mật khẩu dùng một lần</dd>" in page


def test_plain_and_bold_text_skip_markdown_and_read_the_same(monkeypatch):
    """Most quiz strings are words, or words with `**bold**`: they are written without Python-Markdown
    (issue 21), exactly as it would write them; anything else still goes through it."""
    from generator import markup, safehtml

    texts = ["Bấm nút **Gửi**", "**Gửi** ngay.", "Nút **Gửi** và **Hủy 2**", "Mở ứng dụng Zalo"]
    other = ["1. **Gửi**", "** Gửi**", "**Gửi **", "Bấm\u00a0**Gửi**", "***Gửi***", "Bấm *nút*", "**Gửi**:  "]
    monkeypatch.setattr(markup, "_md", safehtml.markdown_without_html(["admonition", "attr_list", "tables"], {}))
    expected = {text: safehtml.markdown_text(text, markup._md) for text in texts + other}
    markup.md.cache_clear()
    calls = []
    real = safehtml.markdown_text
    monkeypatch.setattr(safehtml, "markdown_text", lambda text, md=None: calls.append(text) or real(text, md))
    try:
        for text, html in expected.items():
            assert markup.md(text) == html
        assert calls == other
    finally:
        markup.md.cache_clear()  # nothing made with this test's converter outlives it
