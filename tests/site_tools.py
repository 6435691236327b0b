"""Helpers for the search, page-size and no-other-host tests: small courses written on the fly,
built with MkDocs, served over HTTP on 127.0.0.1, and the requests a browser made."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

import inprocess
from corpus_tools import make_course

ROOT = Path(__file__).resolve().parent.parent

# The first competency of each area of the fixture framework, for lessons written here.
COMPETENCY = {"1": "1.1", "2": "2.1", "3": "3.1", "4": "4.1", "5": "5.1", "6": "6.1"}
AREA_FOLDER = {
    "1": "1-thong-tin",
    "2": "2-giao-tiep",
    "3": "3-sang-tao",
    "4": "4-an-toan",
    "5": "5-giai-quyet-van-de",
    "6": "6-tri-tue-nhan-tao",
}


def lesson_md(title: str, body: str, area: str, summary: str | None = None) -> str:
    summary_line = f"summary: {json.dumps(summary, ensure_ascii=False)}\n" if summary else ""
    return (
        f'---\ntitle: {json.dumps(title, ensure_ascii=False)}\ncompetencies: ["{COMPETENCY[area]}"]\n'
        f"level: CB1\naudiences: [nguoi-dan]\nduration: 5\n{summary_line}---\n{body}\n"
    )


def write_course(dest: Path, lessons: dict[str, str], keep_mini: bool = True) -> Path:
    """The mini fixture course (or only its framework and config) plus `lessons`:
    {"2-giao-tiep/01-qr.md": markdown}."""
    make_course(None, dest)
    if not keep_mini:
        for folder in ("content", "quizzes"):
            for path in sorted((dest / folder).rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
    for page, text in lessons.items():
        path = dest / "content" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def build(course: Path, site_dir: Path) -> Path:
    """`mkdocs build` of a course into `site_dir`, failing the test with MkDocs' output."""
    try:
        inprocess.build(course / "mkdocs.yml", site_dir)
    except inprocess.BuildFailed as exc:
        pytest.fail(f"mkdocs build of {course} failed:\n{exc}", pytrace=False)
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site_dir: Path):
    """Serve a folder on http://127.0.0.1:<free port>/ for the duration of the block; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


BROWSER_PAGES = ("chrome://", "chrome-untrusted://", "devtools://")


def requests_made(driver) -> list[str]:
    """Every URL the pages asked for since the last call (Chrome's performance log, which the
    `network_browser` fixture turns on): Network.requestWillBeSent, redirects included. Requests
    of the browser's own pages (its new-tab page at start) are left out."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            params = message["params"]
            if not params.get("documentURL", "").startswith(BROWSER_PAGES):
                urls.append(params["request"]["url"])
    return urls


def open_search(driver, timeout: int = 20) -> None:
    """Open the header's search as a learner's tap does, and wait for search.js, which the page
    loads only then (hocvuso.js: searchOnDemand)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script(
        "var t = document.getElementById('__search'); t.checked = true; t.dispatchEvent(new Event('change'));"
    )
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return !!document.querySelector('[data-hvs-search=ready]')")
    )


def show_share_box(driver, timeout: int = 20) -> str:
    """Scroll the results page to its results code, as a learner does, and wait for the code, drawn
    only then with course.js and the QR code maker (results-share.js); returns the code."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("document.querySelector('[data-hvs-share]').scrollIntoView()")
    return WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script(
            "var c = document.getElementById('hvs-share-code'); return c && c.getAttribute('data-code')"
        )
    )


def course_structure(driver) -> dict:
    """`HVS_COURSE` from the results page, which has it once its results code is drawn."""
    show_share_box(driver)
    return driver.execute_script("return window.HVS_COURSE")


def phone(driver, width: int = 360, height: int = 740) -> None:
    """Make the page think it is on a phone `width` CSS pixels wide."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True}
    )
