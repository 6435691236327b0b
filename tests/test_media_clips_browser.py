"""Recorded clips and the audio-first quiz mode in headless Chromium, and long media kept by the
service worker once played (issue 18).

From file:// (a USB stick): a question's clip plays in place (its <audio> reaches `canplay`), the
buttons are at least 48 px; with the phone's Vietnamese voice (reader.js's check, stubbed here)
the audio-first switch adds a spoken button to every prompt and option without a recording, and is
remembered; without one it stays hidden and a quiz without clips loads no media script. Over HTTP
with the service worker: a long narration, not precached, is kept once played and plays again, in
slices, with the server gone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from dist_tools import sw_files, sw_version  # noqa: E402
from generator import media  # noqa: E402
from generator.messages import ui  # noqa: E402
from inprocess import build  # noqa: E402
from site_tools import lesson_md, write_course  # noqa: E402
from test_dist_browser import cache_state, serve  # noqa: E402, F401 (fixture)
from test_media import tone  # noqa: E402
from test_media_clips import clip_course  # noqa: E402
from test_reader_browser import NO_VI, VI, on_new_document, speech_stub, visit  # noqa: E402

CLIP_PLAYER = "document.querySelector('audio[data-hvs-clip-player]')"


@pytest.fixture(scope="module")
def clip_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("clips-browser")
    build(clip_course(root / "course") / "mkdocs.yml", root / "site")
    return root / "site"


def wait(browser, script: str, timeout: float = 20):
    return WebDriverWait(browser, timeout).until(lambda b: b.execute_script(script))


def sizes(browser, selector: str) -> list[tuple[str, int, int]]:
    return [
        (e.get_attribute("aria-label"), e.size["width"], e.size["height"])
        for e in browser.find_elements(By.CSS_SELECTOR, selector)
        if e.is_displayed()
    ]


def test_a_question_clip_plays_in_place_from_file(browser, clip_site):
    url = (clip_site / "2-giao-tiep" / "01-nghe.html").as_uri()
    visit(browser, url)
    wait(browser, "return !!document.querySelector('a[data-hvs-clip][role=button]')")  # media.js ran
    buttons = sizes(browser, "a.hvs-clip")
    assert len(buttons) == 7
    assert all(w >= 48 and h >= 48 for _, w, h in buttons), buttons
    prompt = browser.find_element(By.CSS_SELECTOR, "#q-nghe-1 > a.hvs-clip")
    assert prompt.get_attribute("aria-label") == ui("media.clip_prompt")
    prompt.click()
    assert browser.current_url == url  # played here, not opened as a file
    wait(browser, f"return !!{CLIP_PLAYER} && {CLIP_PLAYER}.readyState >= 3")  # `canplay` was reached
    assert browser.execute_script(f"return {CLIP_PLAYER}.src").endswith("/2-giao-tiep/am-thanh/cau-1.wav")
    assert prompt.get_attribute("aria-pressed") == "true"
    option = browser.find_element(By.CSS_SELECTOR, "#q-nghe-1 .hvs-option-row:nth-child(2) a.hvs-clip")
    option.click()  # another clip stops the first
    wait(browser, f"return {CLIP_PLAYER}.src.endsWith('cau-1-b.wav') && {CLIP_PLAYER}.readyState >= 3")
    assert prompt.get_attribute("aria-pressed") == "false"
    # A tap on the option's button does not pick the option.
    assert not browser.execute_script("return document.querySelector('#q-nghe-1 input[value=\"1\"]').checked")
    # The question is answered and checked as any other.
    question = browser.find_element(By.ID, "q-nghe-1")
    question.find_element(By.CSS_SELECTOR, 'input[value="1"]').click()
    question.find_element(By.CSS_SELECTOR, ".hvs-actions button").click()
    WebDriverWait(browser, 5).until(lambda b: question.get_attribute("data-result") == "correct")


def test_audio_first_mode_speaks_what_has_no_recording(browser, clip_site):
    on_new_document(browser, speech_stub(VI))
    visit(browser, (clip_site / "2-giao-tiep" / "01-nghe.html").as_uri())
    toggle = browser.find_element(By.CSS_SELECTOR, "[data-hvs-listen-mode]")
    WebDriverWait(browser, 10).until(lambda b: toggle.is_displayed())
    assert toggle.text == ui("media.listen_mode") and toggle.get_attribute("aria-pressed") == "false"
    assert toggle.size["height"] >= 48
    assert sizes(browser, ".hvs-say") == []  # off: only the teacher's recordings
    toggle.click()
    said = sizes(browser, ".hvs-say")
    # Question 3 has no recording: its prompt and both options are spoken; 1 and 2 keep their clips.
    assert [label for label, _, _ in said] == [
        ui("media.clip_prompt"),
        ui("media.clip_option", letter="A"),
        ui("media.clip_option", letter="B"),
    ]
    assert all(w >= 48 and h >= 48 for _, w, h in said), said
    assert browser.find_elements(By.CSS_SELECTOR, "#q-nghe-1 .hvs-say, #q-nghe-2 .hvs-say") == []
    browser.find_element(By.CSS_SELECTOR, "#q-nghe-3 .hvs-option-row:nth-child(2) .hvs-say").click()
    assert browser.execute_script("return window.__spoken") == [
        {"text": "Không", "lang": "vi-VN", "voice": "Giọng Việt"}
    ]
    assert not browser.execute_script("return document.querySelector('#q-nghe-3 input[value=\"1\"]').checked")
    browser.refresh()  # the choice is remembered on this phone
    WebDriverWait(browser, 10).until(lambda b: len(sizes(b, ".hvs-say")) == 3)
    assert browser.find_element(By.CSS_SELECTOR, "[data-hvs-listen-mode]").get_attribute("aria-pressed") == "true"


def test_a_clip_plays_from_the_one_file_edition(browser, tmp_path):
    from generator.cli import main

    course = clip_course(tmp_path / "course")
    assert main(["--root", str(course), "dist"]) == 0
    visit(browser, (course / "dist" / "mot-tep" / "hocvuso-2-giao-tiep.html").as_uri())
    wait(browser, "return !!document.querySelector('a[data-hvs-clip][role=button]')")
    browser.execute_script("document.querySelector('a[data-hvs-clip]').click()")
    wait(browser, f"return !!{CLIP_PLAYER} && {CLIP_PLAYER}.readyState >= 3")
    assert browser.execute_script(f"return {CLIP_PLAYER}.src").startswith("data:audio/wav;base64,")


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_axe_finds_nothing_serious_in_clips_and_spoken_buttons(browser, clip_site, contrast):
    from test_reader_browser import AXE, axe_serious, phone, press, text_below_aaa

    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` at the repository root first", pytrace=False)
    phone(browser)
    on_new_document(browser, speech_stub(VI))
    visit(browser, (clip_site / "2-giao-tiep" / "01-nghe.html").as_uri())
    press(browser, '[data-hvs-set-size="2"]')
    if contrast:
        press(browser, "[data-hvs-set-contrast]")
    toggle = browser.find_element(By.CSS_SELECTOR, "[data-hvs-listen-mode]")
    WebDriverWait(browser, 10).until(lambda b: toggle.is_displayed())
    toggle.click()
    browser.find_element(By.CSS_SELECTOR, "#q-nghe-1 > a.hvs-clip").click()  # a pressed button too
    assert axe_serious(browser, AXE.read_text(encoding="utf-8")) == []
    assert text_below_aaa(browser) == []


def test_a_quiz_without_clips_loads_the_player_only_for_a_vietnamese_voice(browser, mini_site):
    page = (mini_site / "4-an-toan" / "01-mat-khau.html").as_uri()
    loaded = "return !!document.querySelector('script[src$=\"media.js\"]')"
    on_new_document(browser, speech_stub(NO_VI))
    visit(browser, page)
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.CSS_SELECTOR, "[data-hvs-no-voice]").is_displayed())
    assert not browser.execute_script(loaded)
    assert not browser.find_element(By.CSS_SELECTOR, "[data-hvs-listen-mode]").is_displayed()


def test_reader_voice_brings_the_audio_first_switch_to_a_quiz_without_clips(browser, mini_site):
    on_new_document(browser, speech_stub(VI))
    visit(browser, (mini_site / "4-an-toan" / "01-mat-khau.html").as_uri())
    toggle = browser.find_element(By.CSS_SELECTOR, "[data-hvs-listen-mode]")
    WebDriverWait(browser, 10).until(lambda b: toggle.is_displayed())
    toggle.click()
    said = sizes(browser, ".hvs-say")
    assert len(said) > 5 and all(w >= 48 and h >= 48 for _, w, h in said), said
    browser.find_element(By.CSS_SELECTOR, "#q-mk-single > .hvs-say").click()
    assert browser.execute_script("return window.__spoken")[-1]["text"].endswith("Ai được hỏi mã OTP của bạn?")


def test_sw_media_list_matches_the_generator():
    text = (Path(media.__file__).parent / "assets" / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"var PLAYABLE = /\\\.\(([a-z0-9|]+)\)\$/i;", text).group(1).split("|")
    assert sorted("." + kind for kind in found) == sorted(media.AUDIO | media.VIDEO)


# --- the service worker keeps a long recording once it is played -------------------------------------

PAGE = "2-giao-tiep/01-dai.md"
NARRATION = "document.querySelector('[data-hvs-narration] audio')"
RANGE = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {headers: {Range: 'bytes=100-199'}})
  .then(r => r.arrayBuffer().then(b => done([r.status, r.headers.get('Content-Range'), b.byteLength])))
  .catch(e => done(String(e)));
"""
KEPT = """
const done = arguments[arguments.length - 1];
caches.open(arguments[0]).then(c => c.match(arguments[1])).then(r => done(!!r), e => done(String(e)));
"""


def test_played_media_is_kept_by_the_service_worker_and_plays_offline(browser, serve, tmp_path):  # noqa: F811
    text = lesson_md("Bài nghe dài", "Nội dung.\n", "2").replace("duration: 5\n", "duration: 5\naudio: 01-dai.wav\n")
    course = write_course(tmp_path / "course", {PAGE: text})
    wav = course / "content" / "2-giao-tiep" / "01-dai.wav"
    tone(wav, 70)  # 1.1 MB: above LARGE_MEDIA, so not downloaded before it is played
    size = wav.stat().st_size
    assert media.precache_excluded("2-giao-tiep/01-dai.wav", size)
    site = tmp_path / "site"
    build(course / "mkdocs.yml", site)
    assert "2-giao-tiep/01-dai.wav" not in sw_files(site)

    server = serve(site)
    browser.get(server.url + "2-giao-tiep/01-dai.html")
    cache_state(browser)  # the worker is active
    # The page opened before the worker took over, with the recording's first bytes: open it again.
    browser.refresh()
    wait(browser, "return !!navigator.serviceWorker.controller && document.readyState === 'complete'")
    browser.find_element(By.CSS_SELECTOR, ".hvs-player .hvs-mplay").click()
    wait(browser, f"return {NARRATION}.readyState >= 3 && {NARRATION}.currentTime > 0")
    cache = f"hocvuso {server.url} {sw_version(site)} media"
    audio_url = server.url + "2-giao-tiep/01-dai.wav"
    browser.set_script_timeout(30)
    WebDriverWait(browser, 30).until(lambda b: b.execute_async_script(KEPT, cache, audio_url) is True)

    server.stop()
    browser.refresh()  # the page from the worker's copy, the recording from the kept one
    wait(browser, f"return document.readyState === 'complete' && !!{NARRATION}")
    assert browser.execute_async_script(RANGE, audio_url) == [206, f"bytes 100-199/{size}", 100]
    browser.execute_script(f"{NARRATION}.muted = true")
    browser.find_element(By.CSS_SELECTOR, ".hvs-player .hvs-mplay").click()
    wait(browser, f"return {NARRATION}.readyState >= 3 && {NARRATION}.currentTime > 0")
    browser.execute_script(f"{NARRATION}.currentTime = 60")  # a jump: a slice from the kept file
    wait(browser, f"return {NARRATION}.currentTime > 60 && !{NARRATION}.paused && !{NARRATION}.error")
