"""Search in a real browser, from file:// with no network: diacritics and case do not matter,
pages with every word come first, results link to the right page, the index loads only when the
learner starts searching, and the field works on a 360 px phone."""

from __future__ import annotations

import json
import unicodedata

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator import search
from generator.messages import ui_strings
from site_tools import build, lesson_md, phone, write_course

QR = "2-giao-tiep/01-thanh-toan-qr.html"
POWER = "2-giao-tiep/02-tien-dien.html"
SOUND = "3-sang-tao/01-am-thanh.html"
SAFE = "5-giai-quyet-van-de/01-dung-may.html"

LESSONS = {
    # "thanh" and "toán" in the title, as a phrase
    "2-giao-tiep/01-thanh-toan-qr.md": lesson_md(
        "Thanh toán bằng mã QR", "## Quét mã\n\nMở ứng dụng ngân hàng, quét mã rồi đọc tên người nhận.", "2"
    ),
    # both words in the text only
    "2-giao-tiep/02-tien-dien.md": lesson_md(
        "Trả tiền điện hằng tháng",
        "## Trên điện thoại\n\nBạn có thể thanh toán hóa đơn điện ngay trên điện thoại, không cần ra quầy.",
        "2",
    ),
    # one word of the two
    "3-sang-tao/01-am-thanh.md": lesson_md(
        "Thu âm thanh bằng điện thoại", "## Ghi âm\n\nGiữ máy gần miệng khi ghi âm.", "3"
    ),
    "5-giai-quyet-van-de/01-dung-may.md": lesson_md(
        "Dùng điện thoại cho an toàn", "## Cập nhật\n\nCập nhật phần mềm thường xuyên.", "5"
    ),
}


@pytest.fixture(scope="module")
def search_course(tmp_path_factory):
    """The mini fixture course and LESSONS."""
    return write_course(tmp_path_factory.mktemp("search-course"), LESSONS)


@pytest.fixture(scope="module")
def search_site(search_course, tmp_path_factory):
    return build(search_course, tmp_path_factory.mktemp("search-site"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for this module's tests (search keeps nothing between pages)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from conftest import CHROMEDRIVER, chrome_options

    driver = webdriver.Chrome(
        service=Service(CHROMEDRIVER), options=chrome_options(tmp_path_factory.mktemp("search-profile"))
    )
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _open(driver, site, page="index.html"):
    driver.get((site / page).as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-hvs-search=ready]"))


def _search(driver, query: str) -> tuple[str, list[str], list[str]]:
    """Type a query in the header's field; returns (message, every result's page, partial results' pages)."""
    field = driver.find_element(By.CSS_SELECTOR, "input[type=search]")
    field.click()
    field.clear()
    field.send_keys(query)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!window.HVS_SEARCH"))
    # search.js answers on each input event; read the list once the index is there
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", field)
    return driver.execute_script("""
        var root = document.querySelector('[data-hvs-search]'), out = [], partial = [], after = false;
        root.querySelectorAll('.md-search-result__list > li').forEach(function (li) {
          if (li.classList.contains('hvs-search-partial')) { after = true; return; }
          if (!li.querySelector('a')) return;  // the "more" button
          var href = li.querySelector('a').href;
          out.push(href); if (after) partial.push(href);
        });
        return [root.querySelector('.md-search-result__meta').textContent, out, partial];""")


def _pages(site, hrefs: list[str]) -> list[str]:
    root = site.as_uri() + "/"
    assert all(h.startswith(root) for h in hrefs), hrefs
    return [h[len(root) :] for h in hrefs]


@pytest.mark.parametrize(
    "query", ["thanh toan", "THANH TOÁN", "thanh toán", "  Thanh   Toán ", unicodedata.normalize("NFD", "thanh toán")]
)
def test_with_or_without_diacritics_the_same_lessons_in_the_same_order(browser, search_site, query):
    _open(browser, search_site)
    message, results, partial = _search(browser, query)

    assert message == "2 bài có đủ các chữ bạn gõ"
    pages = _pages(search_site, results)
    # every word first (the title phrase before the body), then pages with one of the words
    assert pages[:2] == [QR, POWER]
    assert {SOUND, SAFE} <= set(_pages(search_site, partial))
    assert set(pages[2:]) == set(_pages(search_site, partial))


def test_title_matches_rank_before_text_matches(browser, search_site):
    _open(browser, search_site)
    message, results, _ = _search(browser, "dien thoai")
    pages = _pages(search_site, results)
    assert message == "3 bài có đủ các chữ bạn gõ"
    assert set(pages[:2]) == {SOUND, SAFE} and pages[2] == POWER


def test_an_unfinished_last_word_finds_words_that_start_with_it(browser, search_site):
    _open(browser, search_site)
    _, results, _ = _search(browser, "thanh to")
    assert _pages(search_site, results)[:2] == [QR, POWER]


def test_no_result_says_so(browser, search_site):
    _open(browser, search_site)
    message, results, _ = _search(browser, "xyzw")
    assert results == [] and message.startswith("Không tìm thấy bài nào có “xyzw”")


@pytest.mark.parametrize("start", ["index.html", "4-an-toan/01-mat-khau.html", "lo-trinh/nguoi-dan.html"])
def test_a_result_opens_its_lesson_from_any_folder(browser, search_site, start):
    _open(browser, search_site, start)
    _search(browser, "thanh toan")
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item a")
    assert first.find_element(By.CSS_SELECTOR, "h1").get_attribute("textContent") == "Thanh toán bằng mã QR"
    assert (
        first.find_element(By.CSS_SELECTOR, ".hvs-search-area").get_attribute("textContent")
        == "Giao tiếp và hợp tác trong môi trường số"
    )
    WebDriverWait(browser, 5).until(lambda d: first.is_displayed())  # the list fades in
    first.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith(QR))
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == "Thanh toán bằng mã QR"


def test_the_query_words_are_marked_in_the_titles(browser, search_site):
    _open(browser, search_site)
    _search(browser, "thanh toan")
    marks = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item:first-child h1 mark")
    assert [m.get_attribute("textContent") for m in marks] == ["Thanh", "toán"]


def test_the_index_loads_only_when_the_learner_starts_searching(browser, search_site):
    _open(browser, search_site, "4-an-toan/01-mat-khau.html")
    loaded = "return [!!window.HVS_SEARCH, document.querySelectorAll('script[src*=\"search-index\"]').length]"
    assert browser.execute_script(loaded) == [False, 0]
    browser.find_element(By.CSS_SELECTOR, "input[type=search]").click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(loaded) == [True, 1])


def test_the_field_is_a_labelled_search_input(browser, search_site):
    _open(browser, search_site)
    field = browser.find_element(By.CSS_SELECTOR, "input[type=search]")
    label = browser.find_element(By.CSS_SELECTOR, f"label[for={field.get_attribute('id')}]")
    assert label.get_attribute("textContent") == "Tìm bài học"
    assert field.get_attribute("placeholder")


@pytest.fixture
def on_a_phone(browser):
    phone(browser)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_on_a_phone_the_magnifier_opens_the_field_and_the_results(on_a_phone, search_site):
    browser = on_a_phone
    _open(browser, search_site, "4-an-toan/01-mat-khau.html")
    field = browser.find_element(By.CSS_SELECTOR, "input[type=search]")
    assert not field.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__search]").click()
    WebDriverWait(browser, 5).until(lambda d: field.is_displayed())
    assert browser.switch_to.active_element == field  # the keyboard opens at once
    field.send_keys("thanh toan")
    first = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".md-search-result__item a"))
    WebDriverWait(browser, 5).until(lambda d: first.is_displayed())
    width = browser.execute_script("return arguments[0].getBoundingClientRect().width", first)
    assert width >= 300  # the results use the whole width of the phone
    first.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith(QR))


def test_without_javascript_the_search_is_not_shown(browser_without_js, search_site):
    phone(browser_without_js)
    browser_without_js.get((search_site / "index.html").as_uri())
    assert not browser_without_js.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__search]").is_displayed()
    browser_without_js.set_window_size(1280, 900)
    browser_without_js.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not browser_without_js.find_element(By.CSS_SELECTOR, "input[type=search]").is_displayed()


def test_the_browser_folds_exactly_as_the_build(browser, search_site):
    _open(browser, search_site)
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđ"
    samples = [letters, letters.upper(), unicodedata.normalize("NFD", letters), "Đường ĐI", "Ô-tô 2025"]
    folded = browser.execute_script("return arguments[0].map(window.hvsSearch.fold)", samples)
    assert folded == [search.fold(s) for s in samples]
    # and without String.prototype.normalize (old Android WebViews), precomposed letters still fold
    folded = browser.execute_script(
        "var n = String.prototype.normalize; String.prototype.normalize = undefined;"
        "try { return arguments[0].map(window.hvsSearch.fold); } finally { String.prototype.normalize = n; }",
        samples[:2],
    )
    assert folded == [search.fold(s) for s in samples[:2]]


def _texts(node) -> list[str]:
    """The words a learner reads in quiz data: every string but ids and types."""
    if isinstance(node, dict):
        return [t for key, value in node.items() if key not in ("id", "type") for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return [node] if isinstance(node, str) else []


def test_the_self_assessment_is_not_searchable(search_course, search_site):
    """Its answers and feedback would turn search into an answer key."""
    script = (search_site / search.SEARCH_ASSET).read_text(encoding="utf-8")
    data = json.loads(script[len(f"var {search.GLOBAL_NAME}=") : -2])
    course = search_course
    quiz = yaml.safe_load((course / "quizzes/4-an-toan/01-mat-khau.yml").read_text(encoding="utf-8"))
    quiz_words = set(search.tokens(" ".join(_texts(quiz["questions"]))))
    page_words = set()
    for path in (course / "content").rglob("*.md"):
        page_words |= set(search.tokens(path.read_text(encoding="utf-8")))
    only_in_quiz = quiz_words - page_words - set(search.tokens(" ".join(d[1] for d in data["docs"])))
    assert len(only_in_quiz) > 10
    assert only_in_quiz.isdisjoint(data["terms"]), sorted(only_in_quiz & set(data["terms"]))
    assert {"otp", "mat", "khau"} <= set(data["terms"])


def test_more_results_than_fit_are_one_tap_away(browser, search_site):
    index = search.SearchIndex()
    for n in range(60):
        index.add_page(f"4-an-toan/{n:02d}.html", f"Bài số {n}", "An toàn", "")
    _open(browser, search_site)
    script = index.script(messages=ui_strings()["search"]["results"])
    browser.execute_script(script + "window.HVS_SEARCH = HVS_SEARCH;")  # instead of the site's index
    message, results, _ = _search(browser, "bai")
    assert message == "60 bài có đủ các chữ bạn gõ" and len(results) == 50
    more = browser.find_element(By.CSS_SELECTOR, ".hvs-search-more button")
    assert more.get_attribute("textContent") == "Xem thêm 10 bài"
    WebDriverWait(browser, 5).until(lambda d: more.is_displayed())
    more.click()
    assert len(browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")) == 60
    assert not browser.find_elements(By.CSS_SELECTOR, ".hvs-search-more")
