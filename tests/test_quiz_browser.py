"""The self-assessment in a real browser, over file:// as a learner opens the course from a USB stick.

Each test names the behaviour it protects: checking every question type right and wrong, the
feedback and the score, progress kept across reloads and forgotten per changed question, storage
that is corrupt, full or missing, export/reset/import, the progress pages, and accessibility.
The contract these tests read (`data-question-id`, `data-result`, the storage key) is documented in
docs-dev/self-assessment.md.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from generator.messages import script_strings, set_language  # noqa: E402
from site_tools import course_structure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUIZ = yaml.safe_load((ROOT / "tests/fixtures/mini/quizzes/4-an-toan/01-mat-khau.yml").read_text(encoding="utf-8"))
QUESTIONS = {q["id"]: q for q in QUIZ["questions"]}
LESSON = "4-an-toan/01-mat-khau.html"
AREA = "4-an-toan/index.html"
RESULTS = "ket-qua.html"
KEY = "hocvuso:v1:khoa-thu"  # the mini course's site_name "Khóa thử", without diacritics
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

set_language("vi")
T = script_strings()


def fmt(key: str, **values) -> str:
    return T[key].format(**values)


# --- helpers: what a learner does -----------------------------------------------------------------


def q(browser, qid: str):
    found = browser.find_elements(By.CSS_SELECTOR, f'.hvs-q[data-question-id="{qid}"]')
    assert found, f"no question {qid} on {browser.current_url} ({browser.title}): {page_text(browser)}"
    return found[0]


def page_text(browser) -> str:
    return browser.execute_script("return document.body ? document.body.innerText.slice(0, 300) : ''")


def visit(browser, url: str | None = None):
    """Open `url` (or reload) and wait for the complete document: under load, `get` may return early."""
    if url is None:
        browser.refresh()
    else:
        browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script(
            "return document.readyState === 'complete' && location.href === arguments[0]", url or b.current_url
        )
    )


def click(element):
    """Click as a finger would: the element first scrolled to mid-screen, clear of the sticky header."""
    element.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def press(root, label: str):
    """Click the visible button with this label inside `root`."""
    click(root.find_element(By.XPATH, f'.//button[normalize-space()="{label}"]'))


def check(browser, qid: str):
    press(q(browser, qid), T["check"])


def pick(browser, qid: str, *indexes: int):
    options = q(browser, qid).find_elements(By.CSS_SELECTOR, "label.hvs-option")
    for i in indexes:
        click(options[i])


def order(browser, qid: str) -> list[int]:
    return [
        int(li.get_attribute("data-item")) for li in q(browser, qid).find_elements(By.CSS_SELECTOR, ".hvs-order-item")
    ]


def sort_by_buttons(browser, qid: str):
    """Put the ordering question in the right order with its move-up buttons only."""
    for target in range(len(QUESTIONS[qid]["items"])):
        while order(browser, qid).index(target) != target:
            item = q(browser, qid).find_element(By.CSS_SELECTOR, f'.hvs-order-item[data-item="{target}"]')
            press(item, "↑\u00a0" + T["up"])


def answer_all(browser, right: bool):
    """Answer the six questions of the mini quiz, all right or all wrong."""
    pick(browser, "mk-single", 1 if right else 0)
    check(browser, "mk-single")
    pick(browser, "mk-multiple", *([0, 2] if right else [0, 1]))
    check(browser, "mk-multiple")
    pick(browser, "mk-tf", 1 if right else 0)
    check(browser, "mk-tf")
    q(browser, "mk-text").find_element(By.TAG_NAME, "input").send_keys("mat khau mot lan" if right else "mat ma")
    check(browser, "mk-text")
    if right:
        sort_by_buttons(browser, "mk-order")
    check(browser, "mk-order")  # the shuffled order is never the right one
    for select in q(browser, "mk-match").find_elements(By.TAG_NAME, "select"):
        left = int(select.get_attribute("data-left"))
        Select(select).select_by_value(str(left if right else (left + 1) % 3))
    check(browser, "mk-match")


def results(browser) -> dict[str, str | None]:
    """`data-result` of each question on the page: the contract themes and tests read."""
    assert browser.find_elements(By.CSS_SELECTOR, ".hvs-q"), (
        f"no question on {browser.current_url}: {page_text(browser)}"
    )
    return browser.execute_script(
        "var r = {}; document.querySelectorAll('.hvs-q').forEach(function (q) {"
        " r[q.getAttribute('data-question-id')] = q.getAttribute('data-result'); }); return r;"
    )


def feedback(browser, qid: str) -> str:
    return q(browser, qid).find_element(By.CSS_SELECTOR, ".hvs-result").text


def score(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, ".hvs-score").text


def stored(browser) -> dict:
    return json.loads(browser.execute_script("return localStorage.getItem(arguments[0])", KEY) or "null")


def on_new_document(browser, source: str):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})


def wait_for(browser, condition, timeout=5):
    return WebDriverWait(browser, timeout).until(lambda _: condition())


def finished_downloads(folder: Path, pattern: str) -> list[Path]:
    """Downloads matching `pattern` that Chromium has finished writing (it may show a file's name
    before its bytes, and renames from .crdownload when done)."""
    if list(folder.glob("*.crdownload")):
        return []
    done = []
    for path in folder.glob(pattern):
        try:
            if path.stat().st_size > 0:
                done.append(path)
        except OSError:  # renamed between glob and stat
            return []
    return done


ALL_RIGHT = {qid: "correct" for qid in QUESTIONS}
ALL_WRONG = {qid: "incorrect" for qid in QUESTIONS}


# --- answering -------------------------------------------------------------------------------------


def test_every_type_answered_right_is_marked_correct_with_score_and_completion(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)

    assert results(browser) == ALL_RIGHT
    assert feedback(browser, "mk-single").splitlines()[:3] == [
        T["correct"],
        QUESTIONS["mk-single"]["options"][1]["feedback"],
        "Giải thích",
    ]
    assert QUESTIONS["mk-single"]["explanation"] in feedback(browser, "mk-single")
    assert feedback(browser, "mk-tf").splitlines()[:2] == [T["correct"], QUESTIONS["mk-tf"]["feedback_false"]]
    assert score(browser).splitlines() == [fmt("score", correct=6, total=6, percent=100, pass_mark=80), T["passed"]]
    quiz = browser.find_element(By.CSS_SELECTOR, ".hvs-quiz")
    assert (quiz.get_attribute("data-score"), quiz.get_attribute("data-passed")) == ("100", "true")
    # Passing completes the lesson: its link in the site navigation gets the tick.
    nav_link = browser.find_element(By.CSS_SELECTOR, 'nav:not(.hvs-lesson-nav) a[href="01-mat-khau.html"]')
    assert nav_link.find_element(By.CSS_SELECTOR, ".hvs-done-mark").get_attribute("textContent") == "✓ " + T["done"]


def test_every_type_answered_wrong_is_marked_incorrect_with_the_chosen_options_feedback(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=False)

    assert results(browser) == ALL_WRONG
    single = feedback(browser, "mk-single").splitlines()
    assert single[:3] == [T["incorrect"], T["try_again"], QUESTIONS["mk-single"]["options"][0]["feedback"]]
    assert q(browser, "mk-single").find_element(By.CSS_SELECTOR, ".hvs-option .hvs-mark").text == T["chose_wrong"]
    assert feedback(browser, "mk-tf").splitlines()[2] == QUESTIONS["mk-tf"]["feedback_true"]
    # `multiple` shows which choices were right, also the one the learner missed.
    marks = [
        label.find_elements(By.CSS_SELECTOR, ".hvs-mark")
        for label in q(browser, "mk-multiple").find_elements(By.CSS_SELECTOR, "label.hvs-option")
    ]
    assert [m[0].text if m else None for m in marks] == [T["chose_right"], T["chose_wrong"], T["missed"]]
    assert "Link lạ có thể cài ứng dụng giả." in feedback(browser, "mk-multiple")
    assert {m.text for m in q(browser, "mk-match").find_elements(By.CSS_SELECTOR, ".hvs-mark")} == {T["pair_wrong"]}
    assert score(browser).splitlines() == [fmt("score", correct=0, total=6, percent=0, pass_mark=80), T["not_passed"]]
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-quiz").get_attribute("data-passed") == "false"
    assert not browser.find_elements(By.CSS_SELECTOR, ".hvs-done-mark")


def test_nothing_chosen_asks_for_an_answer_and_records_nothing(browser, site_url):
    visit(browser, site_url(LESSON))
    check(browser, "mk-single")
    assert feedback(browser, "mk-single") == T["need_answer"]
    assert results(browser)["mk-single"] is None
    assert stored(browser)["q"] == {}


def test_retry_clears_the_result_keeps_the_answer_and_moves_focus_sensibly(browser, site_url):
    visit(browser, site_url(LESSON))
    pick(browser, "mk-single", 0)
    check(browser, "mk-single")
    retry = q(browser, "mk-single").find_element(By.XPATH, f'.//button[normalize-space()="{T["retry"]}"]')
    assert browser.switch_to.active_element == retry
    retry.click()
    first_option = q(browser, "mk-single").find_element(By.CSS_SELECTOR, "input")
    assert browser.switch_to.active_element == first_option
    assert results(browser)["mk-single"] is None and first_option.is_selected()
    pick(browser, "mk-single", 1)
    check(browser, "mk-single")
    assert results(browser)["mk-single"] == "correct"


@pytest.mark.parametrize(
    "typed, diacritics, expected",
    [
        ("mật khẩu một lần", False, "correct"),
        ("mat khau mot lan", False, "correct"),  # typed without diacritics
        ("  MẬT   KHẨU một LẦN ", False, "correct"),  # case and spaces
        (unicodedata.normalize("NFD", "Mật khẩu một lần"), False, "correct"),  # decomposed input (NFD)
        ("otp", False, "correct"),
        ("mật khẩu", False, "incorrect"),
        ("mat khau mot lan", True, "incorrect"),  # the question says diacritics matter
        ("MẬT KHẨU MỘT LẦN", True, "correct"),
    ],
)
def test_short_text_compares_as_vietnamese_learners_type(browser, site_url, typed, diacritics, expected):
    visit(browser, site_url(LESSON))
    if diacritics:  # the check reads the contract attribute, as rendered for `diacritics: true`
        browser.execute_script(
            "arguments[0].setAttribute('data-answer', arguments[1])",
            q(browser, "mk-text"),
            json.dumps({"accept": ["mật khẩu một lần", "OTP"], "diacritics": True}),
        )
    q(browser, "mk-text").find_element(By.TAG_NAME, "input").send_keys(typed)
    check(browser, "mk-text")
    assert results(browser)["mk-text"] == expected


def test_d_with_stroke_folds_to_d_unless_diacritics_matter(browser, site_url):
    visit(browser, site_url(LESSON))
    browser.execute_script(
        "arguments[0].setAttribute('data-answer', arguments[1])",
        q(browser, "mk-text"),
        json.dumps({"accept": ["Định danh điện tử"], "diacritics": False}),
    )
    q(browser, "mk-text").find_element(By.TAG_NAME, "input").send_keys("dinh danh dien tu")
    check(browser, "mk-text")
    assert results(browser)["mk-text"] == "correct"


def test_ordering_works_by_keyboard_and_keeps_focus_on_the_moved_item(browser, site_url):
    visit(browser, site_url(LESSON))
    before = order(browser, "mk-order")
    first = q(browser, "mk-order").find_elements(By.CSS_SELECTOR, ".hvs-order-item")[0]
    down = first.find_element(By.XPATH, f'.//button[normalize-space()="↓\u00a0{T["down"]}"]')
    up = first.find_element(By.XPATH, f'.//button[normalize-space()="↑\u00a0{T["up"]}"]')
    assert not up.is_enabled()  # already at the top
    assert down.get_attribute("aria-label") == fmt(
        "down_label", item=first.find_element(By.CSS_SELECTOR, ".hvs-order-text").text
    )
    down.send_keys(Keys.ENTER)
    assert order(browser, "mk-order") == [before[1], before[0]] + before[2:]
    assert browser.switch_to.active_element == down
    text = first.find_element(By.CSS_SELECTOR, ".hvs-order-text").text
    assert feedback(browser, "mk-order") == fmt("moved", item=text, n=2, count=4)
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    assert order(browser, "mk-order")[2] == before[0]


# --- progress kept -----------------------------------------------------------------------------------


def test_answers_results_and_score_are_kept_after_reload(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    texts = {qid: feedback(browser, qid) for qid in QUESTIONS}
    visit(browser)

    assert results(browser) == ALL_RIGHT
    assert {qid: feedback(browser, qid) for qid in QUESTIONS} == texts
    assert q(browser, "mk-single").find_elements(By.CSS_SELECTOR, "input")[1].is_selected()
    assert q(browser, "mk-text").find_element(By.TAG_NAME, "input").get_attribute("value") == "mat khau mot lan"
    assert order(browser, "mk-order") == [0, 1, 2, 3]
    assert score(browser).splitlines()[1] == T["passed"]
    data = stored(browser)
    assert set(data["q"]) == set(QUESTIONS) and list(data["done"]) == ["4-an-toan/01-mat-khau.md"]


def test_a_changed_question_forgets_only_its_own_answer(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    browser.execute_script(
        "var d = JSON.parse(localStorage.getItem(arguments[0])); d.q['mk-tf'].v = 'old00000';"
        "localStorage.setItem(arguments[0], JSON.stringify(d));",
        KEY,
    )
    visit(browser)
    assert results(browser) == dict(ALL_RIGHT, **{"mk-tf": None})
    assert score(browser).splitlines()[0] == fmt("score", correct=5, total=6, percent=83, pass_mark=80)


@pytest.mark.parametrize(
    "corrupt",
    ["{not json", "[]", '"text"', '{"q": 5, "done": {}}', '{"q": {"mk-single": {"v": 1}}, "done": []}', "null"],
)
def test_corrupt_stored_data_never_breaks_the_page(browser, site_url, corrupt):
    visit(browser, site_url(LESSON))
    browser.execute_script("localStorage.setItem(arguments[0], arguments[1])", KEY, corrupt)
    visit(browser)
    note = browser.find_element(By.CSS_SELECTOR, ".hvs-quiz .hvs-storage-note")
    assert note.text == T["corrupt"]
    answer_all(browser, right=True)
    assert results(browser) == ALL_RIGHT
    assert set(stored(browser)["q"]) == set(QUESTIONS)  # and saving works again


def test_a_corrupt_record_in_valid_data_is_dropped_alone(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    browser.execute_script(
        "var d = JSON.parse(localStorage.getItem(arguments[0])); d.q['mk-order'].a = 'nonsense';"
        "d.q['mk-match'] = 7; localStorage.setItem(arguments[0], JSON.stringify(d));",
        KEY,
    )
    visit(browser)
    got = results(browser)
    assert got["mk-single"] == "correct" and got["mk-match"] is None
    assert got["mk-order"] is None  # an answer that no longer fits the question: started afresh
    check_again = q(browser, "mk-match")
    assert check_again.find_element(By.XPATH, f'.//button[normalize-space()="{T["check"]}"]').is_displayed()


STORAGE_THROWS = """
Object.defineProperty(window, 'localStorage', {configurable: true, get: function () {
  throw new DOMException('The user denied storage', 'SecurityError'); }});
"""
STORAGE_FULL = """
Storage.prototype.setItem = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };
"""


@pytest.mark.parametrize("script", [STORAGE_THROWS, STORAGE_FULL], ids=["unavailable", "full"])
def test_quiz_works_for_the_visit_when_storage_cannot_save(browser, site_url, script):
    on_new_document(browser, script)
    visit(browser, site_url(LESSON))
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-quiz .hvs-storage-note").text == T["no_storage"]
    answer_all(browser, right=True)
    assert results(browser) == ALL_RIGHT
    assert score(browser).splitlines()[1] == T["passed"]
    visit(browser, site_url(RESULTS))  # the progress pages work too, and say why nothing shows
    assert browser.find_element(By.CSS_SELECTOR, "[data-hvs-results] .hvs-storage-note").text == T["no_storage"]


# --- progress shown ---------------------------------------------------------------------------------


def test_home_dashboard_area_page_and_lists_show_progress(browser, site_url):
    visit(browser, site_url("index.html"))
    dashboard = browser.find_element(By.CSS_SELECTOR, "[data-hvs-dashboard]")
    assert fmt("summary", done=0, total=1, reached=0, competencies=2) in dashboard.text
    assert T["none_reached"] in dashboard.text

    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)

    visit(browser, site_url("index.html"))
    dashboard = browser.find_element(By.CSS_SELECTOR, "[data-hvs-dashboard]")
    assert fmt("summary", done=1, total=1, reached=2, competencies=2) in dashboard.text
    assert not browser.find_elements(By.CSS_SELECTOR, ".hvs-lessons")  # the home lists areas, not lessons
    area = dashboard.find_element(By.CSS_SELECTOR, ".hvs-dash-areas li")
    assert area.find_element(By.TAG_NAME, "a").text == "4. An toàn"
    assert fmt("lessons_done", done=1, total=1) in area.text
    assert [li.text for li in dashboard.find_elements(By.CSS_SELECTOR, ".hvs-dash-reached li")] == [
        "✓ 4.1 Bảo vệ thiết bị",
        "✓ 4.2 Bảo vệ dữ liệu cá nhân và quyền riêng tư",
    ]

    visit(browser, site_url(AREA))
    assert browser.find_element(By.CSS_SELECTOR, "[data-hvs-area]").text == fmt("area_progress", done=1, total=1)
    numbering = browser.execute_script(
        "return [...document.querySelectorAll('ol.hvs-lessons')].map(o => getComputedStyle(o).listStyleType)"
    )
    assert numbering and set(numbering) == {"decimal"}  # lessons 1, 2, 3 — not a, b, c
    lesson = browser.find_element(By.CSS_SELECTOR, 'li[data-lesson="4-an-toan/01-mat-khau.md"]')
    assert lesson.find_element(By.CSS_SELECTOR, ".hvs-done-mark").get_attribute("textContent") == "✓ " + T["done"]
    assert not browser.find_elements(
        By.CSS_SELECTOR, 'li[data-lesson="4-an-toan/02-cuoc-goi-lua-dao.md"] .hvs-done-mark'
    )
    reached = browser.find_element(By.CSS_SELECTOR, 'li[data-competency="4.2"] .hvs-mark')
    assert reached.text == T["reached"]

    visit(browser, site_url("lo-trinh/nguoi-dan.html"))
    done = browser.find_elements(By.CSS_SELECTOR, "li[data-lesson] .hvs-done-mark")
    assert len(done) == 1


def test_lesson_pages_do_not_load_the_course_structure(mini_site):
    lesson = (mini_site / LESSON).read_text(encoding="utf-8")
    assert "course.js" not in lesson
    script = r'<script src="[./]*assets/hocvuso/course\.js" defer>'
    # home, area and results pages: written as a new learner sees them; the structure only once there
    # is progress (or, on the results page, for an import or the results code)
    for page in ("index.html", AREA, RESULTS):
        html = (mini_site / page).read_text(encoding="utf-8")
        assert not re.findall(script, html), page
        assert len(re.findall(r'<div hidden data-hvs-course="[./]*assets/hocvuso/course\.js">', html)) == 1, page


def test_results_page_summarises_and_keeps_the_typed_name(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    visit(browser, site_url(RESULTS))
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")
    assert "tự đánh giá" in browser.find_element(By.CSS_SELECTOR, ".hvs-self-note").text
    rows = [
        [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in box.find_elements(By.CSS_SELECTOR, "table tbody tr")
    ]
    assert rows == [
        ["4. An toàn", "1/1", "6/6"],
        ["4.1 Bảo vệ thiết bị", "–", T["reached"]],  # taught by the lesson, no question of its own
        ["4.2 Bảo vệ dữ liệu cá nhân và quyền riêng tư", "6/6", T["reached"]],
    ]
    name = box.find_element(By.ID, "hvs-name")
    name.send_keys("Nguyễn Thị Lan")
    visit(browser)
    assert browser.find_element(By.ID, "hvs-name").get_attribute("value") == "Nguyễn Thị Lan"


def test_results_page_prints_on_one_a4_page_without_the_tools(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=False)
    visit(browser, site_url(RESULTS))
    browser.find_element(By.ID, "hvs-name").send_keys("Nguyễn Văn An")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, ".hvs-tools").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-self-note").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(
        browser.execute_cdp_cmd(
            "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False}
        )["data"]
    )
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory) -> Path:
    """The repository's own starter course, built once: a full-size course for the print test."""
    import os
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("starter-site")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return site


def test_results_of_a_whole_course_print_on_one_a4_page(browser, starter_site):
    visit(browser, (starter_site / "ket-qua.html").as_uri())
    key = browser.execute_script("return 'hocvuso:v1:' + HVS_SITE.id")
    course_structure(browser)
    # Every lesson complete, every question answered: the longest results page there can be.
    browser.execute_script(
        "var c = HVS_COURSE, s = {q: {}, done: {}, name: 'Nguyễn Thị Lan'};"
        "Object.keys(c.lessons).forEach(function (p) { s.done[p] = 1; c.lessons[p].questions.forEach(function (q) {"
        " s.q[q[0]] = {v: q[1], ok: true}; }); });"
        "localStorage.setItem(arguments[0], JSON.stringify(s));",
        key,
    )
    visit(browser, (starter_site / RESULTS).as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "[data-hvs-results] tbody tr")
    assert len(rows) >= 20
    pdf = base64.b64decode(
        browser.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"]
    )
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_home_offers_one_tap_to_start_then_to_continue_and_nothing_once_all_is_done(browser, starter_site):
    home = (starter_site / "index.html").as_uri()
    visit(browser, (starter_site / "ket-qua.html").as_uri())
    key = browser.execute_script("return 'hocvuso:v1:' + HVS_SITE.id")
    course_structure(browser)
    pages = browser.execute_script(
        "return HVS_COURSE.areas.reduce(function (a, x) { return a.concat(x.lessons); }, [])"
    )
    titles = browser.execute_script(
        "var c = HVS_COURSE; return arguments[0].map(function (p) { return c.lessons[p].title; })", pages
    )
    visit(browser, home)  # a new learner: the dashboard as written, without course.js
    assert browser.execute_script("return typeof HVS_COURSE") == "undefined"

    def button():
        found = browser.find_elements(By.CSS_SELECTOR, "[data-hvs-dashboard] a.hvs-next-lesson")
        return (found[0].text, found[0].get_attribute("href")) if found else None

    def finish(done):
        browser.execute_script(
            "var s = {q: {}, done: {}, name: ''}; arguments[1].forEach(function (p) { s.done[p] = 1; });"
            "localStorage.setItem(arguments[0], JSON.stringify(s));",
            key,
            done,
        )
        visit(browser, home)

    text, href = button()
    assert text == fmt("start", title=titles[0]) and href.endswith(pages[0].replace(".md", ".html"))
    finish(pages[:1] + pages[2:4])  # the learner skipped the second lesson: back to it first
    text, href = button()
    assert text == fmt("continue", title=titles[1]) and href.endswith(pages[1].replace(".md", ".html"))
    finish(pages)
    assert button() is None


def visit_results(browser, url: str):
    """The results page of a learner with progress, once course.js has drawn it (until then the
    box is unseen, `hvs-wait`): typing into it earlier, the redraw would take the typing away."""
    visit(browser, url)
    wait_for(browser, lambda: not browser.find_elements(By.CSS_SELECTOR, "[data-hvs-results].hvs-wait"), timeout=20)


def test_export_to_file_reset_and_import_bring_progress_back(browser, site_url, downloads):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    visit_results(browser, site_url(RESULTS))
    browser.find_element(By.ID, "hvs-name").send_keys("Lan")
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")

    press(box, T["export_file"])
    files = wait_for(browser, lambda: finished_downloads(downloads, "*.json"))
    exported = json.loads(files[0].read_text(encoding="utf-8"))
    assert files[0].name.startswith("ket-qua-khoa-thu-")
    assert (exported["format"], exported["course"], exported["data"]["name"]) == ("hocvuso-progress", "khoa-thu", "Lan")
    assert set(exported["data"]["q"]) == set(QUESTIONS)

    press(box, T["reset"])
    press(browser.find_element(By.CSS_SELECTOR, ".hvs-confirm"), T["reset_yes"])
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-tools-msg").text == T["reset_ok"]
    assert browser.find_element(By.ID, "hvs-name").get_attribute("value") == ""
    visit(browser, site_url(LESSON))
    assert set(results(browser).values()) == {None}

    visit(browser, site_url(RESULTS))
    browser.find_element(By.CSS_SELECTOR, "[data-hvs-results] input[type=file]").send_keys(str(files[0]))
    wait_for(browser, lambda: browser.find_element(By.CSS_SELECTOR, ".hvs-tools-msg").text == T["imported_ok"])
    assert browser.find_element(By.ID, "hvs-name").get_attribute("value") == "Lan"
    visit(browser, site_url(LESSON))
    assert results(browser) == ALL_RIGHT
    assert q(browser, "mk-text").find_element(By.TAG_NAME, "input").get_attribute("value") == "mat khau mot lan"


def test_reset_asks_first_and_can_be_cancelled(browser, site_url):
    visit(browser, site_url(LESSON))
    answer_all(browser, right=True)
    visit_results(browser, site_url(RESULTS))
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")
    press(box, T["reset"])
    confirm = browser.find_element(By.CSS_SELECTOR, ".hvs-confirm")
    assert confirm.text.startswith(T["reset_confirm"])
    press(confirm, T["reset_no"])
    assert not confirm.is_displayed()
    assert set(stored(browser)["q"]) == set(QUESTIONS)


def test_a_file_from_another_course_is_refused(browser, site_url, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "hocvuso-progress", "course": "khac", "data": {"q": {}, "done": {}}}))
    visit(browser, site_url(RESULTS))
    browser.find_element(By.CSS_SELECTOR, "[data-hvs-results] input[type=file]").send_keys(str(other))
    wait_for(browser, lambda: browser.find_element(By.CSS_SELECTOR, ".hvs-tools-msg").text == T["bad_file"])


# --- without JavaScript, and accessibility --------------------------------------------------------


def test_without_javascript_the_answer_can_be_revealed(browser_without_js, site_url):
    browser = browser_without_js
    visit(browser, site_url(LESSON))
    assert not browser.find_elements(By.XPATH, f'//button[normalize-space()="{T["check"]}"]')
    key = q(browser, "mk-tf").find_element(By.CSS_SELECTOR, "details.hvs-key")
    assert not key.find_element(By.CSS_SELECTOR, ".hvs-key-answer").is_displayed()
    key.find_element(By.TAG_NAME, "summary").click()
    assert key.find_element(By.CSS_SELECTOR, ".hvs-key-answer").text == "Đáp án đúng: Sai"
    assert "Hãy cúp máy và đến công an xã." in key.text


def test_controls_are_touch_sized_and_nothing_overflows_at_360px_and_200_percent_text(browser, site_url):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
    )
    visit(browser, site_url(LESSON))
    answer_all(browser, right=False)
    press(q(browser, "mk-order"), T["retry"])  # show the move buttons again
    small = browser.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll("
        "'.hvs-quiz button, .hvs-quiz label.hvs-option, .hvs-quiz select, .hvs-quiz input[type=text], .hvs-q summary'),"
        " function (e) { var r = e.getBoundingClientRect(); return r.width && (r.height < 47.5 || r.width < 47.5); })"
        ".map(function (e) { return e.outerHTML.slice(0, 80); });"
    )
    assert small == []
    browser.execute_script("document.documentElement.style.fontSize = '250%'")  # Material's 125% doubled
    overflow = browser.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('.hvs-q'),"
        " function (q) { return q.scrollWidth > q.clientWidth + 1; }).length"
        " + (document.querySelector('.hvs-quiz').getBoundingClientRect().right > window.innerWidth + 1 ? 1 : 0);"
    )
    assert overflow == 0


def test_reduced_motion_turns_the_result_animation_off(browser, site_url):
    def animation():
        pick(browser, "mk-single", 1)
        check(browser, "mk-single")
        return browser.execute_script(
            "return getComputedStyle(document.querySelector('[data-question-id=mk-single] .hvs-result')).animationName"
        )

    visit(browser, site_url(LESSON))
    assert animation() != "none"
    browser.execute_script("localStorage.clear()")
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}
    )
    visit(browser)
    assert animation() == "none"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` at the repository root first", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def axe_violations(browser, source: str) -> list[str]:
    browser.execute_script(source)
    found = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
        " return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {"
        " return n.target.join(' '); }).slice(0, 5)}; })); });"
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "page, answered",
    [(LESSON, False), (LESSON, True), (AREA, True), ("index.html", True), (RESULTS, True)],
    ids=["lesson", "lesson-answered", "area", "home", "results"],
)
def test_axe_finds_no_serious_or_critical_violation(browser, site_url, axe_source, page, answered):
    browser.set_script_timeout(30)
    if answered:
        visit(browser, site_url(LESSON))
        answer_all(browser, right=False)
    visit(browser, site_url(page))
    if page == RESULTS:
        press(browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]"), T["reset"])
    assert axe_violations(browser, axe_source) == []
