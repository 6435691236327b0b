"""Reading comfort in a real browser, over file:// as a learner opens the course from a USB stick:
text size and high contrast (remembered, applied before the first paint, usable at 360px), reading
aloud with the browser's speech synthesis (stubbed here: a test machine has no voices), glossary
terms and the glossary page, and an axe-core audit at the largest text size in high contrast.

The real course is built once (tests/fixtures/mini has no glossary and little text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from generator.messages import set_language, ui  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSON = "4-an-toan/02-mat-khau-otp-khoa-man-hinh.html"
NEXT = "4-an-toan/03-cuoc-goi-gia-danh-cong-an.html"
GLOSSARY = "tu-dien.html"

set_language("vi")


@pytest.fixture(scope="session")
def course_site(tmp_path_factory) -> Path:
    """The real course, built once per session into a temporary folder. Treat it as read-only."""
    site = tmp_path_factory.mktemp("course-site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode:
        pytest.fail(f"mkdocs build of the course failed:\n{run.stdout}{run.stderr}", pytrace=False)
    return site


@pytest.fixture
def url(course_site):
    return lambda page="index.html": (course_site / page).as_uri()


def visit(browser, page_url: str) -> None:
    """Open a page and wait until it has loaded (chromedriver can return early between file:// pages)."""
    browser.get(page_url)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script(
            "return document.readyState === 'complete' && location.href === arguments[0]", page_url
        )
    )


def on_new_document(browser, source: str) -> None:
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})


def phone(browser) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
    )


def press(browser, selector: str) -> None:
    browser.find_element(By.CSS_SELECTOR, selector).click()


def html_state(browser) -> dict:
    return browser.execute_script(
        "var h = document.documentElement; return {size: h.getAttribute('data-hvs-size'),"
        " contrast: h.getAttribute('data-hvs-contrast')};"
    )


def colours(browser) -> dict:
    """Background of the page, colour of lesson text and of a link in it."""
    return browser.execute_script(
        "var p = document.querySelector('article.md-typeset > p');"
        "return {page: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(p).color,"
        " link: getComputedStyle(document.querySelector('article.md-typeset li a[href^=http]')).color};"
    )


def body_text_px(browser) -> float:
    """The computed size of a paragraph of lesson text."""
    return float(
        browser.execute_script(
            "return getComputedStyle(document.querySelector('article.md-typeset > p')).fontSize"
        ).rstrip("px")
    )


# --- text size and contrast ---------------------------------------------------------------------------

# Records <html>'s size and contrast the moment <body> first exists: after the head, before the page
# can paint, and before any deferred script (reader.js marks its bar ready when it runs).
FIRST_PAINT_PROBE = """
window.__hvsAtBody = null;
new MutationObserver(function (records, observer) {
  if (!document.body || window.__hvsAtBody) return;
  var h = document.documentElement;
  window.__hvsAtBody = {size: h.getAttribute('data-hvs-size'), contrast: h.getAttribute('data-hvs-contrast'),
                        readerRan: !!document.querySelector('[data-hvs-ready]')};
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def at_body(browser) -> dict:
    return browser.execute_script("return window.__hvsAtBody;")


def test_text_size_and_contrast_persist_across_pages_and_reloads_before_first_paint(browser, url):
    on_new_document(browser, FIRST_PAINT_PROBE)
    visit(browser, url(LESSON))
    assert at_body(browser) == {"size": None, "contrast": None, "readerRan": False}
    normal = body_text_px(browser)
    press(browser, '[data-hvs-set-size="2"]')
    press(browser, "[data-hvs-set-contrast]")
    assert html_state(browser) == {"size": "2", "contrast": "high"}
    assert body_text_px(browser) == pytest.approx(normal * 1.5)
    high = {"page": "rgb(0, 0, 0)", "text": "rgb(255, 255, 255)", "link": "rgb(255, 235, 59)"}
    WebDriverWait(browser, 3).until(lambda b: colours(b) == high)  # after Material's colour transition

    browser.find_element(By.CSS_SELECTOR, "a.hvs-next").click()  # another page, by a learner's tap
    WebDriverWait(browser, 10).until(
        lambda b: b.current_url.endswith(NEXT) and b.execute_script("return document.readyState === 'complete'")
    )
    assert at_body(browser) == {"size": "2", "contrast": "high", "readerRan": False}
    assert body_text_px(browser) == pytest.approx(normal * 1.5)
    assert browser.find_element(By.CSS_SELECTOR, '[data-hvs-set-size="2"]').get_attribute("aria-pressed") == "true"
    assert browser.find_element(By.CSS_SELECTOR, "[data-hvs-set-contrast]").get_attribute("aria-pressed") == "true"

    browser.refresh()
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState === 'complete'"))
    assert at_body(browser) == {"size": "2", "contrast": "high", "readerRan": False}
    assert colours(browser)["page"] == "rgb(0, 0, 0)"
    press(browser, '[data-hvs-set-size="0"]')
    press(browser, "[data-hvs-set-contrast]")
    visit(browser, url(LESSON))
    assert at_body(browser) == {"size": None, "contrast": None, "readerRan": False}
    assert colours(browser) == {"page": "rgb(255, 255, 255)", "text": "rgb(27, 27, 27)", "link": "rgb(26, 35, 126)"}


def test_three_sizes_up_to_150_percent_with_readable_defaults(browser, url):
    phone(browser)
    visit(browser, url(LESSON))
    style = browser.execute_script(
        "var p = document.querySelector('article.md-typeset > p'), s = getComputedStyle(p),"
        " a = getComputedStyle(document.querySelector('article.md-typeset > ul a, article.md-typeset > p a'));"
        "return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight) / parseFloat(s.fontSize),"
        " underline: a.textDecorationLine};"
    )
    assert style["size"] >= 18 and style["line"] >= 1.6 and style["underline"] == "underline"
    sizes = []
    for step in "012":
        press(browser, f'[data-hvs-set-size="{step}"]')
        sizes.append(body_text_px(browser))
    assert sizes == [
        pytest.approx(style["size"]),
        pytest.approx(style["size"] * 1.25),
        pytest.approx(style["size"] * 1.5),
    ]


STORAGE_THROWS = """
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(e.message); });
Object.defineProperty(window, 'localStorage', {configurable: true, get: function () {
  throw new DOMException('The user denied storage', 'SecurityError'); }});
"""


def test_choices_work_for_the_page_when_storage_throws(browser, url):
    on_new_document(browser, STORAGE_THROWS)
    visit(browser, url(LESSON))
    press(browser, '[data-hvs-set-size="1"]')
    press(browser, "[data-hvs-set-contrast]")
    assert html_state(browser) == {"size": "1", "contrast": "high"}
    assert browser.find_element(By.CSS_SELECTOR, '[data-hvs-set-size="1"]').get_attribute("aria-pressed") == "true"
    assert browser.execute_script("return window.__errors") == []


# What is wider than the phone's screen: the page itself (a phone would zoom the whole page out),
# and elements outside scrolling boxes and the closed drawer whose right edge is past the screen.
OVERFLOW = """
var width = screen.width, found = [];
if (document.documentElement.scrollWidth > width) found.push('page: ' + document.documentElement.scrollWidth);
function scrolls(e) {
  for (; e && e !== document.body; e = e.parentElement) {
    var o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; }
  return false; }
Array.prototype.forEach.call(document.querySelectorAll('.md-main *, .md-header *'), function (e) {
  var r = e.getBoundingClientRect();
  if (r.width && r.right > width + 1 && !scrolls(e.parentElement) && !e.closest('.md-sidebar'))
    found.push(e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40));
});
return found;
"""


def learner_pages() -> list[str]:
    """Every page of the learners' navigation: home, areas, lessons, paths, glossary, results."""
    from generator import render
    from generator.glossary import GLOSSARY_PAGE
    from generator.loader import Project, load

    course = load(Project(ROOT)).course
    pages = [render.HOME_PAGE, render.RESULTS_PAGE, GLOSSARY_PAGE]
    pages += [page for area in course.areas for page in [area.page] + [lesson.page for lesson in area.lessons]]
    pages += [render.path_page(a.id) for a in course.framework.audiences if course.path_lessons(a.id)]
    return [render.page_url(page) for page in pages]


def test_largest_text_in_high_contrast_fits_a_360px_screen_on_every_page(browser, url, course_site):
    phone(browser)
    visit(browser, url(LESSON))
    press(browser, '[data-hvs-set-size="2"]')
    press(browser, "[data-hvs-set-contrast]")
    bar = browser.find_element(By.CSS_SELECTOR, "[data-hvs-reader]").rect
    assert bar["height"] < 200  # the bar leaves the screen to the lesson
    pages = learner_pages()
    assert len(pages) > 35
    wide = {}
    for page in pages:
        visit(browser, url(page))
        WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")
        assert html_state(browser) == {"size": "2", "contrast": "high"}, page
        found = browser.execute_script(OVERFLOW)
        if found:
            wide[page] = found[:3]
    assert wide == {}, json.dumps(wide, ensure_ascii=False, indent=1)


GLYPHS = """
return Array.from(document.querySelectorAll('[data-hvs-reader] .hvs-reader-size .hvs-rbtn, [data-hvs-set-contrast]'))
  .map(function (b) {
    var glyph = b.querySelector('span[aria-hidden], svg');
    return [b.getAttribute('title'), b.getAttribute('aria-pressed'),
            getComputedStyle(glyph).color, getComputedStyle(b).backgroundColor];
  });
"""


@pytest.mark.parametrize("size", ["0", "2"])
@pytest.mark.parametrize("contrast", [False, True])
def test_reader_buttons_show_their_glyph_pressed_or_not(browser, url, size, contrast):
    """The size buttons are a growing "A" and the contrast button an icon: each must stay visible
    against its own background, chosen or not, in both colour schemes (a glyph coloured like its
    button would leave a blank square)."""
    visit(browser, url(LESSON))
    press(browser, f'[data-hvs-set-size="{size}"]')
    if contrast:
        press(browser, "[data-hvs-set-contrast]")
    WebDriverWait(browser, 3).until(
        lambda b: colours(b)["page"] == ("rgb(0, 0, 0)" if contrast else "rgb(255, 255, 255)")
    )
    buttons = browser.execute_script(GLYPHS)
    assert len(buttons) == 4
    assert sum(pressed == "true" for _, pressed, _, _ in buttons) == 1 + contrast
    for title, pressed, glyph, background in buttons:
        assert glyph != background, (title, pressed)
    for step in range(3):
        button = browser.find_element(By.CSS_SELECTOR, f'[data-hvs-set-size="{step}"]')
        assert button.accessible_name == ui(f"reader.size_{step}")
    assert browser.find_element(By.CSS_SELECTOR, "[data-hvs-set-contrast]").accessible_name == ui("reader.contrast")


BESIDE = """
return Array.from(document.querySelectorAll('.hvs-option')).map(function (o) {
  var box = o.querySelector('input').getBoundingClientRect(), text = o.querySelector('.hvs-option-text').getBoundingClientRect();
  var middle = box.top + box.height / 2;
  return [o.textContent, box.right <= text.left && middle >= text.top && middle <= text.bottom, box.height];
});
"""


def test_choices_keep_their_box_beside_the_text_at_the_largest_size(browser, url):
    """At 150% on a 360px phone a long option wraps beside its radio or checkbox, not under it,
    and the box grows with the text."""
    phone(browser)
    visit(browser, url(LESSON))
    press(browser, '[data-hvs-set-size="2"]')
    options = browser.execute_script(BESIDE)
    assert len(options) >= 4
    assert [text for text, beside, _ in options if not beside] == []
    assert min(height for _, _, height in options) >= 24


def test_without_javascript_the_bar_is_hidden_and_the_defaults_stay_readable(browser_without_js, url):
    visit(browser_without_js, url(LESSON))
    assert not browser_without_js.find_element(By.CSS_SELECTOR, "[data-hvs-reader]").is_displayed()
    assert body_text_px(browser_without_js) >= 18


# --- read aloud ---------------------------------------------------------------------------------------


def speech_stub(voices: list[dict], late: bool = False) -> str:
    """A stand-in for speechSynthesis that records each utterance; `__finish()` ends the current one.
    With `late`, the voices arrive only when the test calls `__voicesArrive()` (as in Chrome, later,
    with `voiceschanged`): a test that waited on a timer raced the page's own timers under load."""
    return """
(function () {
  var voices = %s, late = %s, listeners = [], current = null;
  window.__spoken = [];
  function Utterance(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; }
  window.__fail = function (error) { var u = current; current = null; if (u && u.onerror) u.onerror({error: error}); };
  var synth = {
    speaking: false, pending: false, paused: false,
    getVoices: function () { return late === null ? voices : []; },
    speak: function (u) { current = u; this.speaking = true;
      window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}); },
    cancel: function () { var u = current; current = null; this.speaking = false;
      if (u && u.onerror) u.onerror({error: 'interrupted'}); },
    pause: function () {}, resume: function () {},
    addEventListener: function (type, f) { if (type === 'voiceschanged') listeners.push(f); },
    removeEventListener: function () {}
  };
  window.__finish = function () { var u = current; current = null; if (u && u.onend) u.onend({}); };
  Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: synth});
  window.SpeechSynthesisUtterance = Utterance;
  window.__voicesArrive = function () {
    late = null; listeners.forEach(function (f) { f({type: 'voiceschanged'}); });
  };
})();
""" % (json.dumps(voices), "true" if late else "null")  # noqa: UP031 - JS braces read better unescaped


VI = [
    {"name": "Tiếng Anh", "lang": "en-US"},
    {"name": "Giọng Việt qua mạng", "lang": "vi-VN", "localService": False},
    {"name": "Giọng Việt", "lang": "vi_VN", "localService": True},
]
NO_VI = [{"name": "English", "lang": "en-US"}, {"name": "Français", "lang": "fr-FR"}]


def listen_button(browser):
    return browser.find_element(By.CSS_SELECTOR, '[data-hvs-act="start"]')


def spoken(browser) -> list[dict]:
    return browser.execute_script("return window.__spoken")


def reading(browser) -> str:
    """The text of the highlighted sentence, as one string."""
    return browser.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('.is-reading'), function (e) {"
        " return e.textContent; }).join('').replace(/\\s+/g, ' ').trim();"
    )


def test_listen_reads_the_lesson_sentence_by_sentence_in_a_vietnamese_voice(browser, url):
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(LESSON))
    WebDriverWait(browser, 5).until(lambda b: listen_button(b).is_displayed())
    assert listen_button(browser).text == ui("reader.listen")
    assert not browser.find_element(By.CSS_SELECTOR, "[data-hvs-no-voice]").is_displayed()
    listen_button(browser).click()
    first = spoken(browser)
    assert first == [{"text": "Mật khẩu, mã OTP và khóa màn hình", "lang": "vi-VN", "voice": "Giọng Việt"}]
    assert reading(browser) == first[0]["text"]
    for _ in range(2):
        browser.execute_script("__finish()")
    said = [s["text"] for s in spoken(browser)]
    assert said[1:] == [
        "Giữ kín mã OTP và mật khẩu, đặt khóa màn hình để người khác không mở được điện thoại và tài khoản của bạn.",
        "Mục tiêu bài học",
    ]
    assert reading(browser) == said[-1]
    # Pause keeps the place; resume says the sentence again; stop clears the highlight.
    press(browser, '[data-hvs-act="pause"]')
    assert reading(browser) == said[-1]
    assert browser.find_element(By.CSS_SELECTOR, '[data-hvs-act="resume"]').is_displayed()
    press(browser, '[data-hvs-act="resume"]')
    assert [s["text"] for s in spoken(browser)] == said + said[-1:]
    press(browser, '[data-hvs-act="stop"]')
    assert reading(browser) == "" and listen_button(browser).is_displayed()


def test_a_voice_that_fails_stops_reading_and_says_why(browser, url):
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(LESSON))
    WebDriverWait(browser, 5).until(lambda b: listen_button(b).is_displayed())
    listen_button(browser).click()
    browser.execute_script("__fail('network')")  # e.g. a voice that needs the internet, offline
    assert reading(browser) == "" and listen_button(browser).is_displayed()
    note = browser.find_element(By.CSS_SELECTOR, "[data-hvs-no-voice]")
    assert note.is_displayed() and browser.switch_to.active_element == note


def test_reading_skips_the_quiz_and_the_explanations_and_highlights_what_is_said(browser, url):
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(LESSON))
    WebDriverWait(browser, 5).until(lambda b: listen_button(b).is_displayed())
    listen_button(browser).click()
    texts = []
    for _ in range(300):
        if not browser.execute_script("return !!document.querySelector('.is-reading')"):
            break  # the end: the highlight is gone
        texts.append(reading(browser))
        assert texts[-1] == spoken(browser)[-1]["text"]
        browser.execute_script("__finish()")
    assert listen_button(browser).is_displayed() and len(texts) > 40
    said = " ".join(s["text"] for s in spoken(browser))
    assert "Mã OTP giống chìa khóa két sắt." in [s["text"] for s in spoken(browser)]
    assert "Chữ và số bí mật chỉ mình bạn biết" not in said  # the explanations list is not read
    assert ui("glossary.notes_title") not in said
    assert "Câu 1" not in said  # questions have their own buttons
    assert "https://" not in said


def test_the_sentence_being_read_is_scrolled_into_view(browser, url):
    phone(browser)
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(LESSON))
    WebDriverWait(browser, 5).until(lambda b: listen_button(b).is_displayed())
    listen_button(browser).click()
    while "Nhập mã hai lần" not in spoken(browser)[-1]["text"]:
        browser.execute_script("__finish()")

    def in_view(b):
        box = b.execute_script(
            "var r = document.querySelector('.is-reading').getBoundingClientRect();"
            "var bar = document.querySelector('[data-hvs-listen]').getBoundingClientRect();"
            "var head = document.querySelector('.md-header').getBoundingClientRect();"
            "return {top: r.top, bottom: r.bottom, barTop: bar.top, headBottom: head.bottom, scrolled: window.scrollY};"
        )
        # below the header, above the reading controls, which stay on the screen while reading
        return box["scrolled"] > 1000 and box["headBottom"] <= box["top"] and box["bottom"] <= box["barTop"] < 740

    WebDriverWait(browser, 5).until(in_view)


def test_questions_and_their_options_can_be_read_aloud(browser, url):
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(LESSON))
    buttons = WebDriverWait(browser, 5).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".hvs-q .hvs-q-listen"))
    assert len(buttons) == len(browser.find_elements(By.CSS_SELECTOR, ".hvs-q"))
    assert buttons[0].text == ui("reader.listen_question")
    question = browser.find_element(By.CSS_SELECTOR, ".hvs-q")
    options = [o.text for o in question.find_elements(By.CSS_SELECTOR, ".hvs-option-text")]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", buttons[0])
    buttons[0].click()
    prompt = [p.text for p in question.find_elements(By.CSS_SELECTOR, ".hvs-prompt > *")]
    assert prompt[0] == "Câu 1" and len(prompt) >= 2
    for _ in range(len(prompt) + len(options) - 1):
        browser.execute_script("__finish()")
    assert [s["text"] for s in spoken(browser)] == prompt + options
    assert reading(browser) == options[-1]


def test_voices_that_load_late_still_show_the_button(browser, url):
    on_new_document(browser, speech_stub(VI, late=True))
    visit(browser, url(LESSON))
    assert not listen_button(browser).is_displayed()
    note = browser.find_element(By.CSS_SELECTOR, "[data-hvs-no-voice]")
    WebDriverWait(browser, 10).until(lambda b: note.is_displayed())  # none after a few seconds: say why
    browser.execute_script("__voicesArrive()")
    WebDriverWait(browser, 5).until(lambda b: listen_button(b).is_displayed())
    assert not note.is_displayed()


# Chrome on Android lists Vietnamese when its voice pack is missing, then reads with an English voice;
# a server voice fails offline. Only a vi-VN voice on the device is trusted.
ONLY_REMOTE_VI = [
    {"name": "English", "lang": "en-US", "localService": True},
    {"name": "Giọng Việt qua mạng", "lang": "vi-VN", "localService": False},
]
LISTED_NOT_LOCAL = [{"name": "vi-vn-x-gft-network", "lang": "vi-VN"}]


@pytest.mark.parametrize(
    "stub",
    [
        speech_stub(NO_VI),
        speech_stub(ONLY_REMOTE_VI),
        speech_stub(LISTED_NOT_LOCAL),
        "delete window.speechSynthesis;Object.defineProperty(window, 'speechSynthesis', {value: undefined});",
    ],
    ids=["no-vietnamese-voice", "only-a-server-voice", "not-said-local", "no-speech-synthesis"],
)
def test_without_a_vietnamese_voice_there_is_no_button_but_a_guide_to_install_one(browser, url, stub):
    phone(browser)
    on_new_document(browser, stub)
    visit(browser, url(LESSON))
    note = browser.find_element(By.CSS_SELECTOR, "[data-hvs-no-voice]")
    WebDriverWait(browser, 6).until(lambda b: note.is_displayed())
    assert note.text == ui("reader.voice_help")  # one short line, folded
    summary = note.find_element(By.TAG_NAME, "summary")
    assert summary.size["height"] >= 48
    summary.click()
    steps = [li.text for li in note.find_elements(By.CSS_SELECTOR, "ol li")]
    assert steps == ui("reader.voice_steps").split("\n")
    assert not listen_button(browser).is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, ".hvs-q-listen") == []


def test_pages_other_than_lessons_offer_no_reading(browser, url):
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(GLOSSARY))
    browser.implicitly_wait(0)
    WebDriverWait(browser, 1).until(lambda b: b.execute_script("return !!document.querySelector('[data-hvs-ready]')"))
    assert browser.find_elements(By.CSS_SELECTOR, '[data-hvs-act="start"], [data-hvs-no-voice]') == []


# --- glossary ------------------------------------------------------------------------------------------


def term(browser, term_id: str):
    return browser.find_element(By.CSS_SELECTOR, f'.hvs-term[data-hvs-term="{term_id}"]')


def popup(browser, term_id: str):
    return browser.find_element(By.ID, f"hvs-term-{term_id}-pop")


OTP_TEXT = (
    "Mã số dùng một lần, thường có 6 chữ số, do ngân hàng hoặc ứng dụng gửi để xác nhận đúng là bạn "
    "đang làm. Mã chỉ dùng được trong vài phút. Không bao giờ đọc mã này cho ai."
)


def test_a_term_shows_its_explanation_on_tap(browser, url):
    phone(browser)
    visit(browser, url(LESSON))
    otp = term(browser, "otp")
    assert otp.tag_name == "button" and otp.get_attribute("aria-expanded") == "false"
    assert otp.get_attribute("aria-controls") == "hvs-term-otp-pop"
    assert not popup(browser, "otp").is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", otp)
    otp.click()
    assert otp.get_attribute("aria-expanded") == "true"
    assert popup(browser, "otp").is_displayed()
    assert popup(browser, "otp").text.startswith(OTP_TEXT)
    term(browser, "mat-khau").click()  # one explanation open at a time
    assert otp.get_attribute("aria-expanded") == "false" and not popup(browser, "otp").is_displayed()
    popup(browser, "mat-khau").find_element(By.CSS_SELECTOR, ".hvs-term-close").click()
    assert not popup(browser, "mat-khau").is_displayed()
    assert browser.switch_to.active_element == term(browser, "mat-khau")


def test_a_term_opens_and_closes_with_the_keyboard(browser, url):
    visit(browser, url(LESSON))
    otp = term(browser, "otp")
    browser.execute_script("arguments[0].focus()", otp)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert otp.get_attribute("aria-expanded") == "true" and popup(browser, "otp").is_displayed()
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert otp.get_attribute("aria-expanded") == "false" and not popup(browser, "otp").is_displayed()
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    assert popup(browser, "otp").is_displayed()
    # Tab reaches the close button inside the explanation, right after the term.
    browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "hvs-term-close"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert not popup(browser, "otp").is_displayed() and browser.switch_to.active_element == otp


def test_without_javascript_a_term_links_to_its_explanation_at_the_end(browser_without_js, url):
    browser = browser_without_js
    visit(browser, url(LESSON))
    otp = term(browser, "otp")
    assert otp.tag_name == "a" and otp.get_attribute("href").endswith("#hvs-gl-otp")
    notes = browser.find_element(By.CSS_SELECTOR, ".hvs-glossary-notes")
    assert notes.find_element(By.TAG_NAME, "h2").text == ui("glossary.notes_title")
    entry = notes.find_element(By.ID, "hvs-gl-otp")
    assert not entry.is_displayed()  # the list is folded (issue 14) ...
    otp.click()
    assert browser.current_url.endswith("#hvs-gl-otp")  # ... and opens at a tap on the word
    assert entry.find_element(By.TAG_NAME, "dt").text == "OTP"
    assert entry.find_element(By.CSS_SELECTOR, ".hvs-gl-text").text == OTP_TEXT
    entry.find_element(By.CSS_SELECTOR, ".hvs-gl-back").click()
    assert browser.current_url.endswith("#hvs-term-otp")
    # every marked term has its explanation on the page
    marked = {t.get_attribute("data-hvs-term") for t in browser.find_elements(By.CSS_SELECTOR, "a.hvs-term")}
    listed = {e.get_attribute("id")[len("hvs-gl-") :] for e in notes.find_elements(By.CSS_SELECTOR, ".hvs-gl-item")}
    assert marked == listed and len(marked) >= 5


def test_the_glossary_page_lists_every_term_with_the_lessons_that_use_it(browser, url):
    from generator.loader import Project, load
    from generator.textfold import sort_key

    terms = load(Project(ROOT)).course.glossary.terms
    visit(browser, url(GLOSSARY))
    assert browser.find_element(By.TAG_NAME, "h1").text == ui("glossary.page_title")
    names = [dt.text for dt in browser.find_elements(By.CSS_SELECTOR, ".hvs-dictionary dt")]
    assert names == sorted((t.term for t in terms), key=sort_key)
    otp = browser.find_element(By.ID, "otp")
    lessons = {a.text: a.get_attribute("href") for a in otp.find_elements(By.CSS_SELECTOR, ".hvs-gl-lessons a")}
    assert lessons["Mật khẩu, mã OTP và khóa màn hình"].endswith("/" + LESSON)
    assert len(lessons) >= 5
    otp.find_element(By.LINK_TEXT, "Mật khẩu, mã OTP và khóa màn hình").click()
    assert browser.current_url.endswith(LESSON)
    nav = browser.find_element(By.CSS_SELECTOR, f'.md-nav--primary a[href$="{GLOSSARY}"]')
    assert nav.get_attribute("textContent").strip() == ui("glossary.nav")


# --- axe-core -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` at the repository root first", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def axe_serious(browser, source: str) -> list[str]:
    browser.set_script_timeout(60)
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
    "page, contrast",
    [(LESSON, True), (GLOSSARY, True), ("index.html", True), (LESSON, False)],
    ids=["lesson-high-contrast", "glossary-high-contrast", "home-high-contrast", "lesson"],
)
def test_axe_finds_nothing_serious_at_the_largest_text(browser, url, axe_source, page, contrast):
    phone(browser)
    on_new_document(browser, speech_stub(VI))
    visit(browser, url(page))
    press(browser, '[data-hvs-set-size="2"]')
    if contrast:
        press(browser, "[data-hvs-set-contrast]")
    if page == LESSON:  # with an explanation open and a sentence being read
        WebDriverWait(browser, 5).until(lambda b: listen_button(b).is_displayed())
        browser.execute_script("arguments[0].click()", term(browser, "otp"))
        listen_button(browser).click()
        browser.execute_script("__finish(); __finish(); __finish()")
    assert axe_serious(browser, axe_source) == []
    assert text_below_aaa(browser) == []


def text_below_aaa(browser) -> list[str]:
    """Text in the page body under WCAG AAA contrast (7:1, 4.5:1 when large), by axe's own rule."""
    found = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run({include: [['article.md-typeset']]}, {runOnly: ['color-contrast-enhanced']})"
        ".then(function (r) { done(r.violations.map(function (v) { return v.nodes.map(function (n) {"
        " return n.target.join(' ') + ': ' + n.failureSummary; }); })); });"
    )
    return [node for nodes in found for node in nodes]
