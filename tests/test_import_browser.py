"""Importing progress on the results page tells the truth (issue 13): when the browser's storage
refuses the import it says so and changes nothing; records for questions or lessons the course does
not have are dropped; a file too big to be a results file is refused before it is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from generator.messages import script_strings, set_language  # noqa: E402
from site_tools import course_structure  # noqa: E402

RESULTS = "ket-qua.html"
KEY = "hocvuso:v1:khoa-thu"
LESSON = "4-an-toan/01-mat-khau.md"
set_language("vi")
T = script_strings()

# Fills this origin's localStorage to the last character, in keys of its own.
FILL_STORAGE = """
var size = 1 << 20, i = 0;
while (size >= 1) {
  try { localStorage.setItem('fill-' + i, 'x'.repeat(size)); i++; } catch (e) { size = size >> 1; }
}
return i;
"""


def open_results(browser, site_url) -> None:
    browser.get(site_url(RESULTS))
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script(
            "return document.readyState === 'complete' && !!document.querySelector('[data-hvs-results] input[type=file]')"
        )
    )


def known_records(browser) -> dict:
    """A right answer to every question of the course, as the course's own script stores it."""
    course_structure(browser)
    return browser.execute_script(
        "var out = {}; Object.keys(HVS_COURSE.lessons).forEach(function (p) {"
        "  HVS_COURSE.lessons[p].questions.forEach(function (q) { out[q[0]] = {v: q[1], ok: true}; }); });"
        "return out;"
    )


def results_file(folder: Path, q: dict, done: dict, name: str = "Lan") -> Path:
    path = folder / f"ket-qua-{len(list(folder.iterdir()))}.json"
    path.write_text(
        json.dumps({"format": "hocvuso-progress", "course": "khoa-thu", "data": {"q": q, "done": done, "name": name}}),
        encoding="utf-8",
    )
    return path


def choose(browser, path: Path) -> str:
    """Import `path` with the file button; return the message the page then shows."""
    browser.execute_script("var m = document.querySelector('.hvs-tools-msg'); if (m) m.textContent = '';")
    browser.find_element(By.CSS_SELECTOR, "[data-hvs-results] input[type=file]").send_keys(str(path))
    return WebDriverWait(browser, 10).until(lambda b: shown_text(b, ".hvs-tools-msg"))


def shown_text(browser, selector: str) -> str:
    """The text of the element now matching `selector`, read in one step: an import redraws the
    results box, so an element found a moment before may be gone (a stale element under load)."""
    return browser.execute_script(
        "var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", selector
    )


def stored(browser) -> dict:
    return json.loads(browser.execute_script("return localStorage.getItem(arguments[0])", KEY) or "null")


def test_only_the_course_s_own_questions_and_lessons_are_imported(browser, site_url, tmp_path):
    open_results(browser, site_url)
    known = known_records(browser)
    assert len(known) >= 6
    strangers = {f"la-{i}": {"v": "x", "ok": True} for i in range(3000)}
    path = results_file(tmp_path, {**known, **strangers}, {LESSON: 1, "khac/99-bai-la.md": 1})
    assert choose(browser, path) == T["imported_ok"]
    data = stored(browser)
    assert set(data["q"]) == set(known) and set(data["done"]) == {LESSON}

    # A file holding nothing of this course is not "imported".
    browser.execute_script("localStorage.clear()")
    open_results(browser, site_url)
    assert choose(browser, results_file(tmp_path, strangers, {"khac/99-bai-la.md": 1})) == T["bad_file"]
    assert stored(browser)["q"] == {}


def test_an_import_the_storage_refuses_is_reported_and_changes_nothing(browser, site_url, tmp_path):
    open_results(browser, site_url)
    before = stored(browser)
    path = results_file(tmp_path, known_records(browser), {LESSON: 1})
    assert browser.execute_script(FILL_STORAGE) > 0
    assert choose(browser, path) == T["import_full"]
    assert stored(browser) == before
    open_results(browser, site_url)  # and the page, opened again, shows no imported result
    assert stored(browser) == before

    # Space freed, the same file imports.
    browser.execute_script(
        "Object.keys(localStorage).forEach(function (k) { if (/^fill-/.test(k)) localStorage.removeItem(k); })"
    )
    assert choose(browser, path) == T["imported_ok"]
    assert set(stored(browser)["q"]) == set(known_records(browser))


def test_a_file_too_big_to_be_results_is_not_read(browser, site_url, tmp_path):
    open_results(browser, site_url)
    before = stored(browser)
    path = results_file(tmp_path, known_records(browser), {LESSON: 1}, name="x" * 2_100_000)
    browser.execute_script(
        "window.parses = 0; var parse = JSON.parse;"
        "JSON.parse = function () { window.parses++; return parse.apply(JSON, arguments); };"
    )
    assert choose(browser, path) == T["import_too_big"]
    assert browser.execute_script("return window.parses") == 0
    assert stored(browser) == before


def test_a_new_learner_s_import_fetches_the_course_it_needs(browser, site_url, tmp_path):
    """The results page as written has no course structure (course.js): an import brings it, then
    keeps the course's records and draws the filled summary."""
    open_results(browser, site_url)
    path = results_file(tmp_path, known_records(browser), {LESSON: 1})
    browser.execute_script("localStorage.clear()")
    open_results(browser, site_url)
    assert browser.execute_script("return typeof HVS_COURSE") == "undefined"
    assert choose(browser, path) == T["imported_ok"]
    assert set(stored(browser)["done"]) == {LESSON}
    verdict = T["you_did"].format(done=1, reached=2)
    WebDriverWait(browser, 10).until(lambda b: shown_text(b, "[data-hvs-results] .hvs-verdict") == verdict)
