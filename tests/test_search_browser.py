"""Search in a real browser, from file:// with no network: diacritics and case do not matter,
pages with every word come first, then phrases, exact spellings and titles (docs-dev/search.md);
results show a snippet as text, readable and tappable; results link to the right page; the index
loads only when the learner starts searching, and a query loads only the shards it needs; the
field works on a 360 px phone."""

from __future__ import annotations

import json
import unicodedata

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator import search
from generator.messages import ui_strings
from site_tools import build, lesson_md, open_search, phone, write_course

QR = "2-giao-tiep/01-thanh-toan-qr.html"
POWER = "2-giao-tiep/02-tien-dien.html"
SOUND = "3-sang-tao/01-am-thanh.html"
SAFE = "5-giai-quyet-van-de/01-dung-may.html"
# for "chuyen tien" / "chuyển tiền": a title phrase, a body phrase, both words apart in the title,
# and "chuyện" (a story) with "tiền" apart
TRANSFER = "1-thong-tin/11-chuyen-tien.html"
SEND = "1-thong-tin/12-gui-tien.html"
APART = "1-thong-tin/13-tra-tien-dien.html"
STORY = "1-thong-tin/14-ke-chuyen.html"
HOSTILE = "1-thong-tin/15-lien-ket-la.html"

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
    "1-thong-tin/11-chuyen-tien.md": lesson_md(
        "Chuyển tiền qua ứng dụng ngân hàng", "## Các bước\n\nMở ứng dụng, chọn người nhận rồi xác nhận.", "1"
    ),
    "1-thong-tin/12-gui-tien.md": lesson_md(
        "Gửi cho con ở xa",
        "## Trên điện thoại\n\n"
        + "Hỏi con số tài khoản trước. " * 12
        + "Khi đã chắc chắn, bạn chuyển tiền ngay trên điện thoại, không cần ra ngân hàng. "
        + "Giữ lại tin nhắn xác nhận. " * 12,
        "1",
    ),
    "1-thong-tin/13-tra-tien-dien.md": lesson_md(
        "Chuyển sang trả tiền điện qua mạng", "## Cách làm\n\nChọn hóa đơn rồi bấm trả.", "1"
    ),
    "1-thong-tin/14-ke-chuyen.md": lesson_md(
        "Kể chuyện cho cháu nghe qua video", "## Tiết kiệm\n\nGọi video không tốn tiền khi có Wi-Fi.", "1"
    ),
    "1-thong-tin/15-lien-ket-la.md": lesson_md(
        "Liên kết lạ", "## Dấu hiệu\n\nĐừng mở tin có `<img src=x onerror=window.HVS_PWNED=1>` hay liên kết lạ.", "1"
    ),
}


@pytest.fixture(scope="module")
def search_course(tmp_path_factory):
    """The mini fixture course and LESSONS."""
    return write_course(tmp_path_factory.mktemp("search-course"), LESSONS)


@pytest.fixture(scope="module")
def search_site(search_course, tmp_path_factory):
    """Built with tiny shards, so that a query has shards to leave alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_BYTES", 400)
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
    # the page's own script is there; search.js comes once the learner opens the search
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!window.HVS_TEXT"))


def _search(driver, query: str) -> tuple[str, list[str], list[str]]:
    """Type a query in the header's field; returns (message, every result's page, partial results' pages)."""
    field = driver.find_element(By.CSS_SELECTOR, "input[type=search]")
    field.click()
    field.clear()
    field.send_keys(query)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!window.HVS_SEARCH"))
    # search.js answers on each input event; read the list once the index and the shards are there
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", field)
    _settled(driver)
    return driver.execute_script("""
        var root = document.querySelector('[data-hvs-search]'), out = [], partial = [], after = false;
        root.querySelectorAll('.md-search-result__list > li').forEach(function (li) {
          if (li.classList.contains('hvs-search-partial')) { after = true; return; }
          if (!li.querySelector('a')) return;  // the "more" button
          var href = li.querySelector('a').href;
          out.push(href); if (after) partial.push(href);
        });
        return [root.querySelector('.md-search-result__meta').textContent, out, partial];""")


def _settled(driver) -> None:
    """Wait until the result list answers the query in the field (its files loaded)."""
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "var root = document.querySelector('[data-hvs-search]');"
            "return root.getAttribute('data-hvs-answered') === root.querySelector('input').value;"
        )
    )


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
    assert message == "4 bài có đủ các chữ bạn gõ"
    assert set(pages[:2]) == {SOUND, SAFE} and set(pages[2:4]) == {POWER, SEND}


def test_an_unfinished_last_word_finds_words_that_start_with_it(browser, search_site):
    _open(browser, search_site)
    _, results, _ = _search(browser, "thanh to")
    assert _pages(search_site, results)[:2] == [QR, POWER]
    # one letter is a whole word, not the start of every word (which would load a fifth of the index)
    message, _, _ = _search(browser, "thanh t")
    assert message == ui_strings()["search"]["results"]["some"]


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
    assert [m.get_attribute("textContent") for m in marks] == ["Thanh toán"]  # adjacent words: one mark


def test_the_index_loads_only_when_the_learner_starts_searching(browser, search_site):
    _open(browser, search_site, "4-an-toan/01-mat-khau.html")
    loaded = "return [!!window.HVS_SEARCH, document.querySelectorAll('script[src*=\"search-index\"]').length]"
    assert browser.execute_script(loaded) == [False, 0]
    assert not browser.execute_script("return !!window.hvsSearch")  # nor search.js itself
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
    # and no wider, once the header's transitions are over: every result line wraps, none is cut
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.getAnimations().length === 0"))
    wider = browser.execute_script(
        "var out = [];"
        "document.querySelectorAll('.md-search, .md-search *').forEach(function (e) {"
        "  var r = e.getBoundingClientRect(); if (r.width && r.right > 361) out.push(e.className); });"
        "return out;"
    )
    assert browser.execute_script("return window.innerWidth") == 360 and not wider, wider
    first.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith(QR))


def test_without_javascript_the_search_is_not_shown(browser_without_js, search_site):
    phone(browser_without_js)
    browser_without_js.get((search_site / "index.html").as_uri())
    assert not browser_without_js.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__search]").is_displayed()
    browser_without_js.set_window_size(1280, 900)
    browser_without_js.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # the panel's form is built by hocvuso.js: without it, there is no field at all, nor a shown one
    assert not [f for f in browser_without_js.find_elements(By.CSS_SELECTOR, "input[type=search]") if f.is_displayed()]


def test_the_browser_folds_exactly_as_the_build(browser, search_site):
    _open(browser, search_site)
    open_search(browser)
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


def _index_files(site) -> dict[str, object]:
    """The built index: file name (`head`, `w0`, `p3`, `d12`) -> its data."""
    out = {}
    for path in [site / search.SEARCH_ASSET, *sorted((site / search.SHARD_FOLDER).glob("*.js"))]:
        text = path.read_text(encoding="utf-8")
        name, _, data = text[len(search.CALLBACK) + 1 : -3].partition(",")
        out[json.loads(name)] = json.loads(data)
    return out


def test_the_self_assessment_is_not_searchable(search_course, search_site):
    """Its answers and feedback would turn search into an answer key."""
    files = _index_files(search_site)
    terms = {search.fold(e.split("|")[0]) for name, data in files.items() if name[0] == "w" for e in data}
    texts = " ".join(data[3] for name, data in files.items() if name[0] == "d")
    course = search_course
    quiz = yaml.safe_load((course / "quizzes/4-an-toan/01-mat-khau.yml").read_text(encoding="utf-8"))
    quiz_words = set(search.tokens(" ".join(_texts(quiz["questions"]))))
    page_words = set()
    for path in (course / "content").rglob("*.md"):
        page_words |= set(search.tokens(path.read_text(encoding="utf-8")))
    titles = " ".join(data[1] for name, data in files.items() if name[0] == "d")
    only_in_quiz = quiz_words - page_words - set(search.tokens(titles))
    assert len(only_in_quiz) > 10
    assert only_in_quiz.isdisjoint(terms), sorted(only_in_quiz & terms)
    assert only_in_quiz.isdisjoint(search.tokens(texts)), sorted(only_in_quiz & set(search.tokens(texts)))
    assert {"otp", "mat", "khau"} <= terms


def test_more_results_than_fit_are_one_tap_away(browser, search_site):
    _open(browser, search_site)
    _, results, _ = _search(browser, "tiền điện thoại không qua tin mở số và khi")
    assert len(results) == 10
    more = browser.find_element(By.CSS_SELECTOR, ".hvs-search-more button")
    label = more.get_attribute("textContent")
    rest = int(label.split()[2])
    assert 0 < rest <= 10 and label == f"Xem thêm {rest} bài"
    WebDriverWait(browser, 5).until(lambda d: more.is_displayed())
    more.click()
    WebDriverWait(browser, 10).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")) == 10 + rest
    )
    assert not browser.find_elements(By.CSS_SELECTOR, ".hvs-search-more")
    assert browser.switch_to.active_element.get_attribute("href") == browser.find_elements(
        By.CSS_SELECTOR, ".md-search-result__item a"
    )[10].get_attribute("href")  # the first new result has the focus


# --- ranking: phrases, diacritics, titles (docs-dev/search.md) ------------------------------------


def test_without_diacritics_the_phrase_ranks_above_chuyen_and_scattered_words(browser, search_site):
    _open(browser, search_site)
    message, results, _ = _search(browser, "chuyen tien")
    pages = _pages(search_site, results)
    # the phrase in a title, then in a body; then both words apart (even in a title), and "chuyện"
    assert pages[:2] == [TRANSFER, SEND]
    assert set(pages[2:4]) == {APART, STORY}


def test_with_diacritics_the_exact_spelling_ranks_above_the_folded_one(browser, search_site):
    _open(browser, search_site)
    _, results, _ = _search(browser, "chuyển tiền")
    assert _pages(search_site, results)[:4] == [TRANSFER, SEND, APART, STORY]
    _, results, _ = _search(browser, "chuyện")
    pages = _pages(search_site, results)
    assert pages[0] == STORY and set(pages[1:]) >= {TRANSFER, APART}


def test_a_snippet_shows_the_match_in_its_sentence(browser, search_site):
    _open(browser, search_site)
    _search(browser, "chuyen tien")
    send = browser.find_element(By.CSS_SELECTOR, f'.md-search-result__item a[href$="{SEND}"]')
    snippet = send.find_element(By.CSS_SELECTOR, ".hvs-search-snippet")
    text = snippet.get_attribute("textContent")
    assert "bạn chuyển tiền ngay trên điện thoại" in text
    assert text.startswith("…") and text.endswith("…") and len(text) < 250
    marks = [m.get_attribute("textContent") for m in snippet.find_elements(By.CSS_SELECTOR, "mark")]
    assert marks == ["chuyển tiền"]


def test_hostile_lesson_text_shows_as_text_in_the_snippet(browser, search_site):
    _open(browser, search_site)
    _search(browser, "onerror")
    hit = browser.find_element(By.CSS_SELECTOR, f'.md-search-result__item a[href$="{HOSTILE}"]')
    snippet = hit.find_element(By.CSS_SELECTOR, ".hvs-search-snippet")
    assert "<img src=x onerror=window.HVS_PWNED=1>" in snippet.get_attribute("textContent")
    assert not browser.find_elements(By.CSS_SELECTOR, ".md-search-result img")
    assert browser.execute_script("return window.HVS_PWNED") is None


def test_results_are_readable_and_easy_to_tap(on_a_phone, search_site):
    browser = on_a_phone
    _open(browser, search_site)
    browser.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__search]").click()
    _search(browser, "chuyen tien")
    sizes = browser.execute_script("""
        var out = {};
        ['.md-search-result__meta', '.md-search-result__item h1', '.hvs-search-area', '.hvs-search-snippet',
         '.hvs-search-snippet mark'].forEach(function (s) {
          out[s] = parseFloat(getComputedStyle(document.querySelector(s)).fontSize); });
        out.links = [].map.call(document.querySelectorAll('.md-search-result__link'),
          function (a) { return a.getBoundingClientRect().height; });
        return out;""")
    links = sizes.pop("links")
    assert all(size >= 16 for size in sizes.values()), sizes
    assert links and min(links) >= 48


def test_axe_finds_nothing_serious_in_the_results(on_a_phone, search_site):
    from test_reader_browser import AXE, axe_serious

    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` at the repository root first", pytrace=False)
    browser = on_a_phone
    _open(browser, search_site)
    browser.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__search]").click()
    _search(browser, "chuyen tien")
    WebDriverWait(browser, 5).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".md-search-result__item a").is_displayed()
    )
    assert axe_serious(browser, AXE.read_text(encoding="utf-8")) == []


def _expected_shards(files: dict, query: str) -> set[str]:
    """The shards search.js should load for `query` (its words; the last one unfinished; its pairs)."""
    asked = search.tokens(query)
    keys = [("w", w, w + "\uffff" if i == len(asked) - 1 else w) for i, w in enumerate(asked)]
    keys += [
        ("p", f"{a} {b}", f"{a} {b}\uffff" if i == len(asked) - 2 else f"{a} {b}")
        for i, (a, b) in enumerate(zip(asked, asked[1:]))
    ]
    out = set()
    for kind, lo, hi in keys:
        firsts = files["head"][kind]
        for i, first in enumerate(firsts):
            if first <= hi and (i + 1 == len(firsts) or firsts[i + 1] >= lo):
                out.add(f"{kind}{i}")
    return out


def test_the_first_query_loads_only_its_shards_and_the_pages_it_shows(browser, search_site):
    files = _index_files(search_site)
    shards = {name for name in files if name[0] in "wp"}
    _open(browser, search_site)
    _search(browser, "chuyen tien")
    loaded = browser.execute_script(
        "return [].map.call(document.querySelectorAll('script[src*=\"search/\"]'), function (s) {"
        " return s.getAttribute('src').split('/').pop().split('.')[0]; })"
    )
    shown = browser.execute_script("return document.querySelectorAll('.md-search-result__item a').length")
    expected = _expected_shards(files, "chuyen tien")
    assert sorted(n for n in loaded if n[0] in "wp") == sorted(expected)
    assert len(expected) < len(shards) / 3  # the fixture's index is cut in many small shards
    assert len([n for n in loaded if n[0] == "d"]) == shown == len(set(loaded) - expected)
    # the benchmark counts the same files
    from benchmarks.search_bytes import measure

    measured = [f["path"].split("/")[-1][:-3] for f in measure(search_site, "chuyen tien")["files"]]
    assert measured[0] == "search-index" and sorted(n for n in measured if n[0] in "wp") == sorted(expected)
    assert len([n for n in measured if n[0] == "d"]) == shown


def test_the_service_worker_keeps_every_file_of_the_index(search_site):
    files = json.loads((search_site / "sw.js").read_text(encoding="utf-8").split("var FILES = ", 1)[1].split(";", 1)[0])
    index = [search.SEARCH_ASSET] + [
        search.SHARD_FOLDER + p.name for p in (search_site / search.SHARD_FOLDER).glob("*.js")
    ]
    assert len(index) > 20 and set(index) <= set(files)
