"""The recorded narration and a captioned video in headless Chromium, from file:// as from a USB
stick: the narration reaches `canplay`, plays, and its position is remembered across a reload; the
buttons are large; the device-voice bar stays hidden; a video's Vietnamese captions are loaded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from inprocess import build  # noqa: E402
from site_tools import lesson_md, write_course  # noqa: E402
from test_media import tone  # noqa: E402

PAGE = "2-giao-tiep/01-nghe.md"
AUDIO = "document.querySelector('[data-hvs-narration] audio')"


@pytest.fixture(scope="module")
def media_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("media-browser")
    text = lesson_md("Bài có giọng đọc", 'Nội dung bài.\n\n<video src="phim.webm"></video>\n', "2")
    course = write_course(root / "course", {PAGE: text.replace("duration: 5\n", "duration: 5\naudio: 01-nghe.wav\n")})
    folder = course / "content" / "2-giao-tiep"
    tone(folder / "01-nghe.wav", 8)
    (folder / "phim.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào bà con\n", encoding="utf-8")
    if shutil.which("ffmpeg"):  # a real two-second WebM; without it only the captions test is skipped
        subprocess.run(
            [
                "ffmpeg",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=160x120:rate=10",
                "-t",
                "2",
                "-c:v",
                "libvpx",
                "-b:v",
                "50k",
                str(folder / "phim.webm"),
            ],
            check=True,
        )
    build(course / "mkdocs.yml", root / "site")
    return root / "site"


def wait(browser, script: str, timeout: float = 20):
    return WebDriverWait(browser, timeout).until(lambda b: b.execute_script(script))


def test_narration_plays_from_file_and_remembers_where_the_learner_stopped(browser, media_site):
    url = (media_site / "2-giao-tiep" / "01-nghe.html").as_uri()
    browser.get(url)
    wait(browser, f"return document.readyState === 'complete' && !!{AUDIO} && {AUDIO}.hidden")
    play = browser.find_element(By.CSS_SELECTOR, ".hvs-player .hvs-mplay")
    for button in browser.find_elements(By.CSS_SELECTOR, ".hvs-player button"):
        assert button.size["height"] >= 48 and button.size["width"] >= 48, button.text
    # The device's synthetic voice is not offered where the teacher's recording is.
    assert browser.execute_script("var b = document.querySelector('[data-hvs-listen]'); return !b || b.hidden")
    browser.find_element(By.CSS_SELECTOR, ".hvs-mspeed[data-rate='1.25']").click()
    assert browser.execute_script(f"return {AUDIO}.playbackRate") == 1.25
    play.click()
    wait(browser, f"return {AUDIO}.readyState >= 3")  # HAVE_FUTURE_DATA: `canplay` was reached
    wait(browser, f"return {AUDIO}.currentTime >= 2")
    play.click()  # pause
    wait(browser, f"return {AUDIO}.paused")
    stopped = browser.execute_script(f"return {AUDIO}.currentTime")
    browser.refresh()
    wait(browser, f"return document.readyState === 'complete' && !!{AUDIO} && {AUDIO}.readyState >= 1")
    restored = wait(browser, f"var t = {AUDIO}.currentTime; return t > 0 && t")
    assert abs(restored - stopped) < 1.5
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-mtime").text.startswith("0:0")
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-mtime").text != "0:00 / 0:08"


def test_video_captions_are_loaded_and_shown(browser, media_site):
    browser.get((media_site / "2-giao-tiep" / "01-nghe.html").as_uri())
    video = "document.querySelector('video')"
    wait(browser, f"return document.readyState === 'complete' && !!{video}")
    assert browser.execute_script(f"return {video}.preload") == "none"
    wait(browser, f"var t = {video}.textTracks[0]; return t && t.mode === 'showing' && t.cues && t.cues.length > 0")
    assert browser.execute_script(f"return {video}.querySelector('track').readyState") == 2  # LOADED
    assert browser.execute_script(f"return {video}.textTracks[0].cues[0].text") == "Xin chào bà con"
    if not (media_site / "2-giao-tiep" / "phim.webm").is_file():
        pytest.skip("ffmpeg is not installed: no test video to play (apt-get install ffmpeg); captions checked")
    browser.execute_script(f"{video}.muted = true; {video}.play()")  # muted: allowed without a tap
    wait(browser, f"return {video}.readyState >= 3 && {video}.currentTime > 0")


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_axe_finds_nothing_serious_in_the_player_at_the_largest_text(browser, media_site, contrast):
    from test_reader_browser import AXE, axe_serious, phone, press, text_below_aaa

    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` at the repository root first", pytrace=False)
    phone(browser)
    browser.get((media_site / "2-giao-tiep" / "01-nghe.html").as_uri())
    wait(browser, f"return document.readyState === 'complete' && !!{AUDIO} && {AUDIO}.hidden")
    press(browser, '[data-hvs-set-size="2"]')
    if contrast:
        press(browser, "[data-hvs-set-contrast]")
    assert axe_serious(browser, AXE.read_text(encoding="utf-8")) == []
    assert text_below_aaa(browser) == []
