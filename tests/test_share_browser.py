"""Results that travel without a server (issue 19), in a real browser over file://: the results
page's QR code read back by an independent decoder (zxing-cpp), the text code merged into another
browser profile, the class roster's totals and CSV, a corrupted code refused; and the browser's
results code agreeing with generator/results_code.py on shared vectors."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402

from generator import render, results_code, roster  # noqa: E402
from generator.messages import set_language, ui  # noqa: E402
from site_tools import course_structure, show_share_box  # noqa: E402
from test_quiz_browser import KEY, LESSON, RESULTS, answer_all, click, visit, wait_for  # noqa: E402

ROSTER = "lop-hoc.html"
COURSE_ID = KEY.split(":")[-1]
set_language("vi")


def course_data(browser) -> dict:
    return course_structure(browser)


def share_code(browser) -> str:
    return show_share_box(browser)


def qr_text(browser) -> tuple[str, int]:
    """The QR code on the page, as a camera would see it: a screenshot of the element, decoded by
    zxing-cpp (not the page's own code). Returns the text and the QR version."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    show_share_box(browser)  # drawn only as the box nears the screen
    svg = browser.find_element(By.CSS_SELECTOR, "svg.hvs-qr")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(svg.screenshot_as_png)))
    assert found, "zxing-cpp found no QR code in the screenshot of the results page"
    return found[0].text, int(svg.get_attribute("data-qr-version"))


def test_results_page_qr_decodes_to_the_learners_results(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    visit(browser, site_url(RESULTS))
    name = browser.find_element(By.ID, "hvs-name")
    name.send_keys("Nguyễn Thị Lan")
    text, version = qr_text(browser)
    assert text == share_code(browser)
    data = course_data(browser)
    got = results_code.decode(text, COURSE_ID, data)
    assert got.name == "Nguyễn Thị Lan"
    assert got.done == ["4-an-toan/01-mat-khau.md"]
    assert abs((got.day - dt.date.today()).days) <= 1  # today, in UTC
    expected = {}
    for _qid, _version, code in data["lessons"]["4-an-toan/01-mat-khau.md"]["questions"]:
        expected[code] = expected.get(code, 0) + 1
    assert {k: v for k, v in got.scores.items() if v} == expected
    assert version <= 10  # a small QR: large modules, read from arm's length


def test_text_code_moves_progress_to_another_profile_and_merges(browser, site_url, tmp_path):
    from conftest import _start_browser

    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    visit(browser, site_url(RESULTS))
    show_share_box(browser)
    code = browser.find_element(By.ID, "hvs-share-code").text
    (tmp_path / "other").mkdir()
    other = _start_browser(tmp_path / "other")
    try:
        # The other phone has its own answer and name: they stay, the code's lessons are added.
        visit(other, site_url(RESULTS))
        qid, version, _ = course_data(other)["lessons"]["4-an-toan/01-mat-khau.md"]["questions"][0]
        own = {"q": {qid: {"v": version, "ok": False, "a": [0]}}, "done": {}, "name": "Bà Lan"}
        other.execute_script("localStorage.setItem(arguments[0], arguments[1])", KEY, json.dumps(own))
        visit(other, site_url(RESULTS))
        field = other.find_element(By.ID, "hvs-share-input")
        field.send_keys(code.lower())
        click(other.find_element(By.XPATH, f'//button[normalize-space()="{ui("share.import_button")}"]'))
        wait_for(
            other, lambda: ui("share.imported", added=1) in other.find_element(By.CSS_SELECTOR, "[data-hvs-share]").text
        )
        saved = json.loads(other.execute_script("return localStorage.getItem(arguments[0])", KEY))
        assert list(saved["done"]) == ["4-an-toan/01-mat-khau.md"]
        assert saved["q"] == own["q"] and saved["name"] == "Bà Lan"
        # the results summary (hocvuso.js) counts the merged lesson
        assert "1/1" in other.find_element(By.CSS_SELECTOR, "[data-hvs-results]").text
    finally:
        other.quit()


def test_a_corrupted_code_is_refused_with_a_clear_message(browser, site_url):
    visit(browser, site_url(RESULTS))
    code = share_code(browser)
    broken = code[:8] + ("Z" if code[8] != "Z" else "Y") + code[9:]
    browser.find_element(By.ID, "hvs-share-input").send_keys(broken)
    before = browser.execute_script("return localStorage.getItem(arguments[0])", KEY)
    click(browser.find_element(By.XPATH, f'//button[normalize-space()="{ui("share.import_button")}"]'))
    wait_for(
        browser, lambda: ui("share.err_checksum") in browser.find_element(By.CSS_SELECTOR, "[data-hvs-share]").text
    )
    assert browser.execute_script("return localStorage.getItem(arguments[0])", KEY) == before


def _three_codes(data: dict) -> tuple[list[str], list[str]]:
    pages, codes = results_code.structure(data)
    day = dt.date(2026, 12, 1)
    learners = [
        results_code.Results("Trần Văn An", day, pages[:2], {codes[0]: 3}),
        results_code.Results("Lê Thị Bình", day, pages[:1], {codes[0]: 1, codes[-1]: 2}),
        results_code.Results("Phạm Cúc", day, [], {}),
    ]
    return [results_code.grouped(results_code.encode(COURSE_ID, data, r)) for r in learners], pages


def test_roster_tallies_pasted_codes_and_exports_csv_for_excel(browser, site_url):
    visit(browser, site_url(RESULTS))
    data = course_data(browser)
    codes, pages = _three_codes(data)
    visit(browser, site_url(ROSTER))
    bad = codes[0][:-1] + ("0" if codes[0][-1] != "0" else "1")
    # a duplicate (the first learner again) and a mistyped code among them
    browser.find_element(By.ID, "hvs-roster-input").send_keys("\n".join(codes + [codes[0], bad]))
    click(browser.find_element(By.XPATH, f'//button[normalize-space()="{ui("share.add")}"]'))
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-roster]")
    wait_for(browser, lambda: ui("share.line_error", line=5, error=ui("share.err_checksum")) in box.text)
    rows = browser.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('.hvs-roster table tr'), function (tr) {"
        " return Array.prototype.map.call(tr.cells, function (c) { return c.textContent; }); })"
    )
    expected = roster.table(roster.tally(codes + [codes[0]], COURSE_ID, data), data)
    assert rows == [[str(c) for c in row] for row in expected]
    total = rows[-2]
    assert total[0] == ui("share.total", count=3) and total[2] == str(len(pages[:2]) + len(pages[:1]))
    # The CSV as the page makes it: captured from the Blob it downloads.
    browser.execute_script(
        "window.__csv = null; var make = URL.createObjectURL; URL.createObjectURL = function (blob) {"
        " var r = new FileReader(); r.onload = function () { window.__csv = Array.from(new Uint8Array(r.result)); };"
        " r.readAsArrayBuffer(blob); return make.call(URL, blob); };"
    )
    click(browser.find_element(By.XPATH, f'//button[normalize-space()="{ui("share.csv")}"]'))
    raw = bytes(wait_for(browser, lambda: browser.execute_script("return window.__csv")))
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw == roster.csv_bytes(expected)
    assert "Lê Thị Bình" in raw.decode("utf-8-sig")
    # on paper: A4 across, the table without the buttons
    import base64
    import re

    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", pdf).group(1).split()]
    assert round(box[2]) == 842 and round(box[3]) == 595  # A4 landscape, in points
    # kept on the teacher's device
    visit(browser, site_url(ROSTER))
    assert "Trần Văn An" in browser.find_element(By.CSS_SELECTOR, "[data-hvs-roster]").text


def test_browser_and_python_codes_agree_on_shared_vectors(browser, site_url):
    visit(browser, site_url(RESULTS))
    data = course_data(browser)
    pages, codes = results_code.structure(data)
    vectors = [
        results_code.Results("", dt.date(2020, 1, 1), [], {}),
        results_code.Results("Nguyễn Thị Lan", dt.date(2026, 12, 3), pages, {c: i for i, c in enumerate(codes)}),
        results_code.Results("Đỗ  Văn   Ơn " + "ư" * 40, dt.date(2030, 6, 30), pages[1:2], {codes[0]: 300}),
    ]
    for r in vectors:
        expected = results_code.encode(COURSE_ID, data, r)
        ms = int(dt.datetime(r.day.year, r.day.month, r.day.day, 12, tzinfo=dt.timezone.utc).timestamp() * 1000)
        got = browser.execute_script(
            "var C = window.HVS_RESULTS_CODE, done = {}; arguments[2].forEach(function (p) { done[p] = 1; });"
            "var code = C.encode(arguments[0], window.HVS_COURSE, {name: arguments[1], day: arguments[3], done: done, scores: arguments[4]});"
            "return [code, C.decode(C.grouped(code), arguments[0], window.HVS_COURSE)];",
            COURSE_ID,
            r.name,
            r.done,
            ms,
            r.scores,
        )
        assert got[0] == expected
        back = results_code.decode(expected, COURSE_ID, data)
        assert got[1]["name"] == back.name and got[1]["done"] == back.done and got[1]["scores"] == back.scores
    # every kind of refusal, the same in both
    good = results_code.encode(COURSE_ID, data, vectors[1])
    for text, kind in (
        (good[:-1] + ("0" if good[-1] != "0" else "1"), "checksum"),
        ("HELLO", "format"),
        (results_code.encode("khac", data, vectors[1]), "course"),
    ):
        with pytest.raises(results_code.CodeError) as caught:
            results_code.decode(text, COURSE_ID, data)
        assert caught.value.kind == kind
        assert (
            browser.execute_script(
                "try { window.HVS_RESULTS_CODE.decode(arguments[0], arguments[1], window.HVS_COURSE); return 'none'; }"
                " catch (kind) { return kind; }",
                text,
                COURSE_ID,
            )
            == kind
        )


def test_the_share_scripts_load_only_on_the_results_and_roster_pages(mini_site):
    for page in mini_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(mini_site).as_posix()
        assert ("results-code.js" in html) == (rel == ROSTER), rel
        # the results code, the QR code maker and the share box: one file
        assert ("results.js" in html) == (rel == RESULTS), rel
    assert render.RESULTS_PAGE == "ket-qua.md"


def test_the_course_is_installable_over_http_and_asks_nothing_from_file(browser, mini_site, site_url):
    from PIL import Image

    from site_tools import serve

    with serve(mini_site) as base:
        visit(browser, base + "index.html")
        link = wait_for(
            browser,
            lambda: browser.execute_script("var l = document.querySelector('link[rel=manifest]'); return l && l.href"),
        )
        assert link == base + "manifest.webmanifest"
        # What Chrome's install prompt reads: the manifest, parsed without errors, its icons.
        manifest = wait_for(
            browser,
            lambda: (
                browser.execute_cdp_cmd("Page.getAppManifest", {}).get("data")
                and browser.execute_cdp_cmd("Page.getAppManifest", {})
            ),
        )
        assert manifest["errors"] == [], manifest["errors"]
        data = json.loads(manifest["data"])
        assert data["display"] == "standalone" and data["start_url"] == "index.html" and data["name"] == "Khóa thử"
        sizes = {icon["sizes"] for icon in data["icons"]}
        assert {"192x192", "512x512"} <= sizes
        for icon in data["icons"]:
            assert (mini_site / icon["src"]).is_file(), icon["src"]
            if icon["type"] == "image/png":
                assert Image.open(mini_site / icon["src"]).size == tuple(map(int, icon["sizes"].split("x")))
    visit(browser, site_url("index.html"))
    assert browser.execute_script("return document.querySelector('link[rel=manifest]')") is None


FAKE_CAMERA = """
window.__cameraAsked = 0;
window.BarcodeDetector = function () {};
window.BarcodeDetector.prototype.detect = function () { return Promise.resolve(window.__qr ? [{rawValue: window.__qr}] : []); };
navigator.mediaDevices.getUserMedia = function () { window.__cameraAsked++; return Promise.resolve(new MediaStream()); };
"""


def test_roster_scans_with_the_camera_only_after_the_tap(browser, site_url):
    """Headless Chromium on Linux has no BarcodeDetector: a stand-in for the camera and the detector
    (as Android Chrome has them) shows the page's side of it."""
    visit(browser, site_url(RESULTS))
    code = results_code.encode(
        COURSE_ID, course_data(browser), results_code.Results("Võ Thị Hoa", dt.date(2026, 12, 2), [], {})
    )
    visit(browser, site_url(ROSTER))
    scan = browser.find_element(By.XPATH, f'//button[normalize-space()="{ui("share.scan")}"]')
    click(scan)  # no BarcodeDetector here: the page says so and offers pasting
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-roster]")
    assert ui("share.scan_none") in box.text
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_CAMERA})
    visit(browser, site_url(ROSTER))
    assert browser.execute_script("return window.__cameraAsked") == 0  # never before the tap
    browser.execute_script("window.__qr = arguments[0]", code)
    click(browser.find_element(By.XPATH, f'//button[normalize-space()="{ui("share.scan")}"]'))
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-roster]")
    wait_for(browser, lambda: ui("share.scanned", name="Võ Thị Hoa") in box.text)
    assert browser.execute_script("return window.__cameraAsked") == 1
    assert "Võ Thị Hoa" in browser.find_element(By.CSS_SELECTOR, ".hvs-roster table").text


def test_a_first_visit_draws_the_page_without_course_js_or_the_qr_maker(browser, site_url):
    """Issues 14 and 21: the results page as written is the new learner's (generator/results_page.py),
    the same the progress views draw; course.js and the QR code maker come as the code box nears the
    screen; with JavaScript off only the note that results need it shows."""
    visit(browser, site_url(RESULTS))
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")
    written = browser.execute_script("return arguments[0].innerText", box)
    assert browser.execute_script("return [typeof HVS_COURSE, typeof qrcode]") == ["undefined", "undefined"]
    assert browser.find_element(By.CSS_SELECTOR, "[data-hvs-date]").text.endswith(str(dt.date.today().year))
    show_share_box(browser)
    assert browser.execute_script("return [typeof HVS_COURSE, typeof qrcode]") == ["object", "function"]
    # a record with nothing done: the views draw the page with the course's structure, alike
    browser.execute_script("localStorage.setItem(arguments[0], JSON.stringify({q: {}, done: {}, last: 'x.md'}))", KEY)
    visit(browser, site_url(RESULTS))
    wait_for(browser, lambda: browser.execute_script("return typeof HVS_COURSE") == "object")
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")
    wait_for(browser, lambda: "hvs-wait" not in box.get_attribute("class"))
    assert browser.execute_script("return arguments[0].innerText", box) == written
    # without JavaScript (no `hvs-js` on the page), only the note
    browser.execute_script("localStorage.clear()")
    visit(browser, site_url(RESULTS))
    browser.execute_script("document.documentElement.classList.remove('hvs-js')")
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")
    shown = [e.get_attribute("class") for e in box.find_elements(By.XPATH, "./*") if e.is_displayed()]
    assert shown == ["hvs-need-js"]
