"""The learner's way through a lesson (issue 14), on a 360×740 phone as an elderly first-time learner
holds it: nothing jumps after "Kiểm tra", nothing shifts while the page loads, every tap target is
at least 48×48 CSS px, nothing is cut off or in English, and the way onward is plain.

The mini fixture course carries one question of each type; the starter course (built once for this
module) is the full-size course the layout and tap-target measures are taken on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from generator.messages import script_strings, set_language, ui  # noqa: E402
from site_tools import course_structure, phone  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LESSON = "4-an-toan/01-mat-khau.html"
set_language("vi")
T = script_strings()


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("starter-site-ux")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return site


@pytest.fixture(scope="module")
def onefile_dir(tmp_path_factory) -> Path:
    """The mini course's one-file edition (`hocvuso onefile`)."""
    from corpus_tools import make_course
    from generator.cli import main

    course = make_course(None, tmp_path_factory.mktemp("onefile") / "course")
    out = course / "mot-tep"
    assert main(["--root", str(course), "onefile", "--out", str(out)]) == 0
    return out


def visit(browser, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.readyState") == "complete")


def set_size(browser, url: str, size: str | None) -> None:
    """The learner's saved text size (reader.js's key), applied from the next page load."""
    visit(browser, url)
    if size:
        browser.execute_script("localStorage.setItem('hvs.size', arguments[0])", size)
    else:
        browser.execute_script("localStorage.removeItem('hvs.size')")


# --- 1. no jump after "Kiểm tra" ------------------------------------------------------------------


def question(browser, qid: str):
    return browser.find_element(By.CSS_SELECTOR, f'.hvs-q[data-question-id="{qid}"]')


def tap_near_bottom(browser, element) -> None:
    """Tap as a learner does: scrolled only until the button shows at the bottom of the screen."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'end'}); window.scrollBy(0, 24);", element)
    element.click()


def button(root, label: str):
    return root.find_element(By.XPATH, f'.//button[normalize-space()="{label}"]')


def answer(browser, qid: str, right: bool) -> None:
    """Answer one question of the mini quiz (see tests/fixtures/mini/quizzes), right or wrong."""
    root = question(browser, qid)
    kind = root.get_attribute("data-type")

    def pick(i):
        label = root.find_elements(By.CSS_SELECTOR, "label.hvs-option")[i]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        label.click()

    if kind == "single":
        pick(1 if right else 0)
    elif kind == "multiple":
        for i in [0, 2] if right else [1]:
            pick(i)
    elif kind == "true_false":
        pick(1 if right else 0)
    elif kind == "short_text":
        field = root.find_element(By.TAG_NAME, "input")
        field.clear()
        field.send_keys("OTP" if right else "mat ma")
    elif kind == "ordering" and right:
        while True:
            items = [
                int(li.get_attribute("data-item")) for li in root.find_elements(By.CSS_SELECTOR, ".hvs-order-item")
            ]
            wrong = [n for i, n in enumerate(items) if n != i]
            if not wrong:
                break
            target = min(wrong)
            item = root.find_element(By.CSS_SELECTOR, f'.hvs-order-item[data-item="{target}"]')
            up = item.find_element(By.XPATH, f'.//button[normalize-space()="↑\u00a0{T["up"]}"]')
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", up)
            up.click()
    elif kind == "matching":
        for select in root.find_elements(By.TAG_NAME, "select"):
            left = int(select.get_attribute("data-left"))
            Select(select).select_by_value(str(left if right else (left + 1) % 3))


VERDICT_IN_VIEW = """
var q = arguments[0], v = q.querySelector('.hvs-result .hvs-verdict'), h = document.querySelector('.md-header');
if (!v) return 'no verdict';
var r = v.getBoundingClientRect(), top = h ? Math.max(0, h.getBoundingClientRect().bottom) : 0;
var live = v.closest('[role=status], [aria-live]');
var focus = document.activeElement;
return {top: r.top, bottom: r.bottom, header: top, height: innerHeight, live: !!live,
        focusInQuestion: q.contains(focus) && focus !== document.body};
"""


def check_and_measure(browser, qid: str, right: bool) -> dict:
    answer(browser, qid, right)
    tap_near_bottom(browser, button(question(browser, qid), T["check"]))
    return browser.execute_script(VERDICT_IN_VIEW, question(browser, qid))


def assert_verdict_in_view(m, what: str) -> None:
    assert isinstance(m, dict), f"{what}: {m}"
    assert m["top"] >= m["header"] - 1 and m["bottom"] <= m["height"] + 1, f"{what}: verdict out of view {m}"
    assert m["live"], f"{what}: the verdict is not in a live region"
    assert m["focusInQuestion"], f"{what}: focus left the question"


def every_question_wrong_then_right(browser) -> None:
    for root in browser.find_elements(By.CSS_SELECTOR, ".hvs-q"):
        qid = root.get_attribute("data-question-id")
        assert_verdict_in_view(check_and_measure(browser, qid, right=False), f"{qid} wrong")
        retry = button(question(browser, qid), T["retry"])
        retry.click()
        assert_verdict_in_view(check_and_measure(browser, qid, right=True), f"{qid} right")


@pytest.mark.parametrize("size", [None, "2"], ids=["default-text", "largest-text"])
def test_after_checking_the_verdict_is_in_view_and_announced_on_every_type(browser, site_url, size):
    phone(browser)
    set_size(browser, site_url(LESSON), size)
    visit(browser, site_url(LESSON))
    every_question_wrong_then_right(browser)


def test_after_checking_the_verdict_is_in_view_in_the_one_file_edition(browser, onefile_dir):
    phone(browser)
    page = (onefile_dir / "hocvuso-4-an-toan.html").as_uri()
    visit(browser, page)
    every_question_wrong_then_right(browser)


# --- 2. nothing shifts while the page loads ---------------------------------------------------------

STARTER_LESSON = "4-an-toan/03-cuoc-goi-gia-danh-cong-an.html"
SHIFTS = (
    "window.__shift = 0; new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) {"
    " if (!e.hadRecentInput) window.__shift += e.value; }); }).observe({type: 'layout-shift', buffered: true});"
)


@pytest.mark.parametrize("page", ["index.html", STARTER_LESSON, "4-an-toan/index.html", "ket-qua.html"])
@pytest.mark.parametrize("size", [None, "2"], ids=["default-text", "largest-text"])
def test_the_page_does_not_shift_in_its_first_five_seconds(browser, starter_site, page, size):
    """The home dashboard is in the HTML before it is filled in; the row for "Nghe bài học" or the
    guide to a Vietnamese voice (headless Chromium has no voice: the guide shows) is kept from the start;
    the results summary holds a screen's height until filled, so the results code box starts off screen."""
    phone(browser)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SHIFTS})
    set_size(browser, (starter_site / page).as_uri(), size)
    visit(browser, (starter_site / page).as_uri())
    settled = (
        "return performance.now() > 5000 && (!document.querySelector('[data-hvs-listen]')"
        " || !document.querySelector('[data-hvs-listen]').hidden"
        " || !document.querySelector('[data-hvs-no-voice]').hidden)"
    )
    WebDriverWait(browser, 20, poll_frequency=0.5).until(lambda b: b.execute_script(settled))
    assert browser.execute_script("return window.__shift") < 0.02


# --- 3. every tap target at least 48×48 CSS px --------------------------------------------------------

# Buttons, fields, selects, the labels that act as buttons, and every link except one inside running
# text (an inline link in a block with other words). Laid-out elements only: the closed drawer's
# links count (they are laid out off screen), what is display:none does not.
SMALL_TARGETS = """
function shown(e) {
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0' && !e.closest('[hidden]');
}
function runningText(a) {
  if (getComputedStyle(a).display !== 'inline') return false;
  var block = a.parentElement;
  while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
  var words = function (x) { return x.textContent.replace(/\\s+/g, '').length; };
  var linked = Array.prototype.reduce.call(block.querySelectorAll('a'), function (n, x) { return n + words(x); }, 0);
  return words(block) - linked > 3;
}
var selector = 'button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), a[href],' +
  ' summary, label.md-header__button, label.md-nav__link, label.md-search__icon, label.hvs-option';
return Array.prototype.filter.call(document.querySelectorAll(selector), function (e) {
  if (!shown(e) || (e.tagName === 'A' && runningText(e))) return false;
  var r = e.getBoundingClientRect();
  return r.width < 47.5 || r.height < 47.5;
}).map(function (e) {
  var r = e.getBoundingClientRect();
  return e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '') + ' "' + e.textContent.trim().slice(0, 30) + '" '
    + Math.round(r.width) + 'x' + Math.round(r.height);
});
"""

LEARNER_PAGES = [
    "index.html",
    "4-an-toan/index.html",
    STARTER_LESSON,
    "lo-trinh/nguoi-dan.html",
    "tu-dien.html",
    "ket-qua.html",
]


def open_everything(browser) -> None:
    """The quiz answered (its buttons and marks show), every term explained, every fold opened."""
    browser.execute_script(
        "document.querySelectorAll('details').forEach(function (d) { d.open = true; });"
        "document.querySelectorAll('button.hvs-term').forEach(function (b) { b.click(); });"
    )


@pytest.mark.parametrize("size", [None, "2"], ids=["default-text", "largest-text"])
def test_every_tap_target_on_every_learner_page_is_at_least_48px(browser, starter_site, size):
    phone(browser)
    set_size(browser, (starter_site / "index.html").as_uri(), size)
    small = {}
    for page in LEARNER_PAGES:
        visit(browser, (starter_site / page).as_uri())
        open_everything(browser)
        small[page] = browser.execute_script(SMALL_TARGETS)
    # search: the open search box and its results
    browser.find_element(By.CSS_SELECTOR, 'label.md-header__button[for="__search"]').click()
    field = browser.find_element(By.ID, "hvs-search-input")
    field.send_keys("mật khẩu")
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".md-search-result__list a"))
    small["search"] = browser.execute_script(SMALL_TARGETS)
    bad = [f"{page}: {found}" for page, items in small.items() for found in items]
    assert not bad, "\n".join(bad)


# --- 4. matching: the chosen answer is never cut off ---------------------------------------------------

MATCHING_LESSON = "6-tri-tue-nhan-tao/03-video-gia-giong-noi-gia.html"
CHOICE_SHOWN = """
return Array.prototype.map.call(document.querySelectorAll('.hvs-pair select'), function (s) {
  var box = s.parentNode.querySelector('.hvs-select-text'), chosen = s.options[s.selectedIndex].text;
  if (!box) return 'no box for ' + chosen;
  var b = box.getBoundingClientRect(), r = s.getBoundingClientRect();
  var ok = box.textContent === chosen && box.scrollWidth <= box.clientWidth && getComputedStyle(s).color === 'rgba(0, 0, 0, 0)'
    && b.top >= r.top - 1 && b.bottom <= r.bottom + 1 && r.right <= innerWidth;
  return ok ? '' : chosen + ' ' + JSON.stringify([box.textContent, box.scrollWidth, box.clientWidth, b.top, b.bottom, r.top, r.bottom]);
}).filter(Boolean);
"""


@pytest.mark.parametrize("size", [None, "2"], ids=["default-text", "largest-text"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_chosen_matching_answer_is_shown_whole(browser, starter_site, size, contrast):
    phone(browser)
    url = (starter_site / MATCHING_LESSON).as_uri()
    set_size(browser, url, size)
    if contrast:
        browser.execute_script("localStorage.setItem('hvs.contrast', 'high')")
    visit(browser, url)
    selects = browser.find_elements(By.CSS_SELECTOR, ".hvs-pair select")
    assert selects
    for select in selects:  # the longest answer in every select
        options = select.find_elements(By.TAG_NAME, "option")
        longest = max(options, key=lambda o: len(o.text))
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", select)
        Select(select).select_by_value(longest.get_attribute("value"))
        assert len(longest.text) > 20
    assert browser.execute_script(CHOICE_SHOWN) == []


# --- 5. the long road to the quiz --------------------------------------------------------------------


def test_a_long_lesson_offers_the_quiz_from_the_top_and_folds_sources_and_word_list(browser, starter_site):
    phone(browser)
    url = (starter_site / STARTER_LESSON).as_uri()
    set_size(browser, url, None)
    visit(browser, url)
    jump = browser.find_element(By.CSS_SELECTOR, ".hvs-lesson-head a[href='#hvs-quiz-title']")
    assert jump.text.endswith(ui("to_quiz")) and jump.location["y"] < 740  # on the first screen
    for fold in (".hvs-sources", ".hvs-glossary-notes details"):
        details = browser.find_element(By.CSS_SELECTOR, fold)
        assert details.tag_name == "details" and details.get_attribute("open") is None, fold
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-sources").get_attribute("id") == "nguon-tham-khao"
    assert not browser.find_element(By.CSS_SELECTOR, ".hvs-sources a[href^='http']").is_displayed()
    before = browser.execute_script("return document.querySelector('.hvs-quiz').getBoundingClientRect().top + scrollY")
    jump.click()
    title = browser.find_element(By.ID, "hvs-quiz-title")
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", title)
    assert 40 <= top < 200 and before > 3000


def test_text_size_can_be_changed_from_anywhere_on_a_long_page(browser, starter_site):
    phone(browser)
    url = (starter_site / STARTER_LESSON).as_uri()
    set_size(browser, url, None)
    visit(browser, url)
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight / 2)")
    toggle = browser.find_element(By.CSS_SELECTOR, ".md-header .hvs-size-toggle")
    assert toggle.is_displayed() and toggle.size["height"] >= 48 and toggle.size["width"] >= 48
    toggle.click()
    largest = browser.find_element(By.CSS_SELECTOR, '#hvs-size-pop [data-hvs-pick-size="2"]')
    assert largest.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    largest.click()
    assert browser.execute_script("return document.documentElement.getAttribute('data-hvs-size')") == "2"
    assert largest.get_attribute("aria-pressed") == "true"
    # a tap on the text closes it: nothing stays over the lesson
    text = browser.execute_script("var e = document.elementFromPoint(60, 600); return e.closest('p, li') || e;")
    text.click()
    assert not largest.is_displayed() and toggle.get_attribute("aria-expanded") == "false"


# --- 6. no English a learner can reach ------------------------------------------------------------------


def test_no_page_carries_the_tools_branding(starter_site):
    found = {}
    for path in starter_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        hits = re.findall(r"Material for MkDocs|MkDocs|Made with", text)
        if hits:
            found[str(path.relative_to(starter_site))] = hits
    assert found == {}


# --- 7. encouraging results, "Học tiếp" from where the learner was, words instead of codes -------------


def course_pages(browser) -> list[str]:
    return [page for area in course_structure(browser)["areas"] for page in area["lessons"]]


def html_page(page: str) -> str:
    return page.replace(".md", ".html")


def test_continue_goes_on_from_the_lesson_the_learner_was_last_on(browser, starter_site):
    home = (starter_site / "index.html").as_uri()
    visit(browser, (starter_site / "ket-qua.html").as_uri())
    key = browser.execute_script("return 'hocvuso:v1:' + HVS_SITE.id")
    pages = course_pages(browser)
    passed = STARTER_LESSON.replace(".html", ".md")
    after = pages[pages.index(passed) + 1]
    assert after.startswith("4-an-toan/04")
    # 4/03 passed, nothing else: then the learner is on 4/03 and goes home
    browser.execute_script(
        "localStorage.setItem(arguments[0], JSON.stringify({q: {}, done: {[arguments[1]]: 5}, name: ''}))", key, passed
    )
    visit(browser, (starter_site / STARTER_LESSON).as_uri())
    visit(browser, home)
    go = browser.find_element(By.CSS_SELECTOR, "[data-hvs-dashboard] a.hvs-next-lesson")
    assert go.get_attribute("href").endswith(html_page(after)), go.get_attribute("href")
    visit(browser, (starter_site / "ket-qua.html").as_uri())
    go = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results] a.hvs-next-lesson")
    assert go.get_attribute("href").endswith(html_page(after))


def test_results_open_on_what_the_learner_did_and_the_way_on_in_each_area(browser, starter_site):
    phone(browser)
    visit(browser, (starter_site / "ket-qua.html").as_uri())
    key = browser.execute_script("return 'hocvuso:v1:' + HVS_SITE.id")
    pages = course_pages(browser)
    areas = [a for a in course_structure(browser)["areas"] if a["lessons"]]
    browser.execute_script(
        "localStorage.setItem(arguments[0], JSON.stringify({q: {}, done: {[arguments[1]]: 5}, name: ''}))",
        key,
        pages[0],
    )
    visit(browser, (starter_site / "ket-qua.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, "[data-hvs-results]")
    first = box.find_element(By.CSS_SELECTOR, "h2")
    assert first.text == T["you_did_title"]
    reached = browser.execute_script("return document.querySelectorAll('.hvs-res-done li').length")
    assert box.find_element(By.CSS_SELECTOR, ".hvs-res-done .hvs-verdict").text == T["you_did"].format(
        done=1, reached=reached
    )
    links = box.find_elements(By.CSS_SELECTOR, ".hvs-res-next a")
    assert len(links) == len(areas)
    assert links[0].get_attribute("href").endswith(html_page(areas[0]["lessons"][1]))  # the first is done
    assert [a.get_attribute("href").split("/")[-2] for a in links[1:]] == [a["page"].split("/")[0] for a in areas[1:]]
    assert T["not_reached"] not in box.text  # no wall of "Chưa đạt"
    assert T["you_did_title"] in box.text.split(T["by_area"])[0]


def test_the_lesson_header_says_level_and_competency_in_words(browser, starter_site):
    import yaml as _yaml

    framework = _yaml.safe_load((ROOT / "framework.yml").read_text(encoding="utf-8"))
    visit(browser, (starter_site / STARTER_LESSON).as_uri())
    level = browser.find_element(By.CSS_SELECTOR, ".hvs-meta-level dd span")
    names = {lv["code"]: lv["name"] for lv in framework["levels"]}
    assert level.text in names.values() and level.get_attribute("title") in names
    assert names[level.get_attribute("title")] == level.text
    competencies = browser.find_elements(By.CSS_SELECTOR, ".hvs-meta-competencies dd span")
    assert competencies
    for c in competencies:
        assert not re.match(r"\d", c.text) and re.fullmatch(r"\d+\.\d+", c.get_attribute("title"))
