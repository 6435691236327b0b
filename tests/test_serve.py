"""The live preview: a course with an error still starts, shows the problems in the browser in
Vietnamese, shows the lesson again once the file is fixed (without restarting), and every later save."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from corpus_tools import make_course

LESSON = "content/4-an-toan/01-mat-khau.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 90) -> str:
    """Poll until the page contains `text` (not a timing assertion: a generous limit on a hang)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        page = _get(url)
        if text in page:
            return page
        time.sleep(0.3)
    pytest.fail(f"{url} never contained {text!r}; last page:\n{page[:2000]}")


def test_serve_shows_errors_in_the_browser_and_recovers(tmp_path):
    course = make_course(None, tmp_path / "course")
    lesson = course / LESSON
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("level: CB1", "level: CB9"), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(course), "serve", "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        page = _wait_for(base + "4-an-toan/01-mat-khau.html", "Khóa học đang có 1 lỗi")
        assert f"{LESSON}:" in page and "CB9" in page
        assert "Khóa học đang có 1 lỗi" in _get(base)  # the home page too
        lesson.write_text(good, encoding="utf-8")
        page = _wait_for(base + "4-an-toan/01-mat-khau.html", 'class="hvs-lesson-head"')
        assert "Khóa học đang có" not in page
        # The next save is shown too (the rebuild reuses what did not change: tests/test_incremental.py).
        lesson.write_text(good + "\nĐoạn mới để thử xem trước.\n", encoding="utf-8")
        _wait_for(base + "4-an-toan/01-mat-khau.html", "Đoạn mới để thử xem trước.")
        assert 'class="hvs-lesson-head"' in _get(base + "4-an-toan/02-cuoc-goi-lua-dao.html")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "Xem trước khóa học tại" in output
    assert "MkDocs 2.0" not in output and "Traceback" not in output, output
