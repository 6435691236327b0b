"""Practice on a simulated phone screen (issue 17): `hotspot` and `scenario` in a real browser at
360 px, from file:// and in the one-file edition: tapping inside a right region, a wrong one and
outside every region; a scenario played to a right and a wrong ending with "Quay lại" and
"Làm lại"; answers kept after a reload; keyboard only; no serious axe violation.
Screenshots for a human look go to /tmp/shots-practice/ (HVS_SHOTS=1)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

import inprocess  # noqa: E402
from corpus_tools import make_course  # noqa: E402
from generator.messages import script_strings, set_language, ui  # noqa: E402
from test_quiz_browser import AXE, axe_violations, click, q, stored, visit  # noqa: E402

LESSON = "4-an-toan/02-cuoc-goi-lua-dao.html"
QUIZ = """title: Luyện tập
questions:
  - id: p-hotspot
    type: hotspot
    prompt: Chạm vào tên người nhận.
    image: img/man-hinh.svg
    alt: Màn hình xác nhận chuyển tiền mô phỏng
    regions:
      - {x: 8, y: 38, w: 84, h: 9, label: Tên người nhận, correct: true, feedback: Đúng vùng tên.}
      - {x: 8, y: 80, w: 84, h: 10, label: Nút Xác nhận, feedback: Chưa đọc tên đã bấm.}
    miss_feedback: Chỗ này không có gì.
    explanation: Đọc tên trước.
  - id: p-scenario
    type: scenario
    prompt: Bà Lan nhận được tin nhắn. Bà làm gì?
    start: tin-nhan
    steps:
      tin-nhan:
        screen: {kind: message, from: NH-LUA-VANG, text: "Tài khoản bị khóa. Mở lại tại luavang-hotro.vip"}
        choices:
          - {text: Bấm vào đường link, next: trang-gia}
          - {text: Gọi tổng đài in sau thẻ, next: an-toan}
      trang-gia:
        screen: {kind: web, address: luavang-hotro.vip, text: Nhập mã OTP}
        choices:
          - {text: Nhập mã OTP, next: mat-tien}
      mat-tien:
        screen: {kind: app, title: Ngân hàng Lúa Vàng, text: Số dư 0 đ}
        end: incorrect
        feedback: Trang giả đã lấy mã OTP.
      an-toan:
        screen: {kind: call, name: Tổng đài Lúa Vàng, number: Số in sau thẻ}
        end: correct
        feedback: Tin nhắn là giả.
"""

set_language("vi")
T = script_strings()
SHOTS = Path("/tmp/shots-practice")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def practice(tmp_path_factory):
    """The mini course with a practice quiz on its second lesson: its site and its one-file edition."""
    from generator.cli import main

    course = make_course(None, tmp_path_factory.mktemp("practice") / "course")
    (course / "quizzes/4-an-toan/02-cuoc-goi-lua-dao.yml").write_text(QUIZ, encoding="utf-8")
    (course / "content/4-an-toan/img").mkdir()
    shutil.copy(ROOT / "tests/golden/man-hinh.svg", course / "content/4-an-toan/img")
    site = course / "site"
    inprocess.build(course / "mkdocs.yml", site)
    assert main(["--root", str(course), "onefile", "--out", str(course / "mot-tep")]) == 0
    (onefile,) = (course / "mot-tep").glob("*-4-*.html")
    return site, onefile


@pytest.fixture
def phone(browser):
    """The browser at a cheap phone's width."""
    browser.set_window_size(360, 760)
    return browser


def shot(browser, name: str, element=None):
    if os.environ.get("HVS_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        if element is not None:
            browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)
        browser.save_screenshot(str(SHOTS / f"{name}.png"))


def tap(browser, x: float, y: float):
    """A tap on the hotspot picture at (x %, y %) of its size."""
    img = q(browser, "p-hotspot").find_element(By.CSS_SELECTOR, ".hvs-hs-pic img")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", img)
    from selenium.webdriver.common.action_chains import ActionChains

    size = img.size
    ActionChains(browser).move_to_element_with_offset(
        img, size["width"] * (x / 100 - 0.5), size["height"] * (y / 100 - 0.5)
    ).click().perform()


def result(browser, qid: str):
    return q(browser, qid).get_attribute("data-result")


def check(browser, qid: str):
    click(q(browser, qid).find_element(By.XPATH, f'.//button[normalize-space()="{T["check"]}"]'))


def retry(browser, qid: str):
    click(q(browser, qid).find_element(By.XPATH, f'.//button[normalize-space()="{T["retry"]}"]'))


def choose(browser, text: str):
    root = q(browser, "p-scenario")
    click(root.find_element(By.XPATH, f'.//section[not(@hidden)]//button[normalize-space()="{text}"]'))


def screen(browser) -> str:
    (shown,) = [s for s in q(browser, "p-scenario").find_elements(By.CSS_SELECTOR, ".hvs-sc-step") if s.is_displayed()]
    return shown.get_attribute("data-step")


def play_hotspot(browser):
    tap(browser, 50, 60)  # between the regions
    assert T["tapped"] in q(browser, "p-hotspot").text
    check(browser, "p-hotspot")
    assert result(browser, "p-hotspot") == "incorrect"
    assert "Chỗ này không có gì." in q(browser, "p-hotspot").find_element(By.CSS_SELECTOR, ".hvs-result").text
    shot(browser, "hotspot-miss", q(browser, "p-hotspot"))
    retry(browser, "p-hotspot")
    tap(browser, 50, 85)  # the button
    check(browser, "p-hotspot")
    assert result(browser, "p-hotspot") == "incorrect"
    assert "Chưa đọc tên đã bấm." in q(browser, "p-hotspot").text
    retry(browser, "p-hotspot")
    shot(browser, "hotspot-start", q(browser, "p-hotspot"))
    tap(browser, 30, 42)  # the name
    check(browser, "p-hotspot")
    assert result(browser, "p-hotspot") == "correct"
    assert "Đúng vùng tên." in q(browser, "p-hotspot").text
    shot(browser, "hotspot-right", q(browser, "p-hotspot"))


def play_scenario(browser):
    assert screen(browser) == "tin-nhan"
    shot(browser, "scenario-start", q(browser, "p-scenario"))
    choose(browser, "Bấm vào đường link")
    assert screen(browser) == "trang-gia"
    click(q(browser, "p-scenario").find_element(By.CSS_SELECTOR, ".hvs-sc-back"))  # back, then the link again
    assert screen(browser) == "tin-nhan"
    choose(browser, "Bấm vào đường link")
    choose(browser, "Nhập mã OTP")
    assert screen(browser) == "mat-tien" and result(browser, "p-scenario") == "incorrect"
    assert "Trang giả đã lấy mã OTP." in q(browser, "p-scenario").text
    shot(browser, "scenario-wrong", q(browser, "p-scenario"))
    retry(browser, "p-scenario")
    assert screen(browser) == "tin-nhan" and result(browser, "p-scenario") is None
    choose(browser, "Gọi tổng đài in sau thẻ")
    assert screen(browser) == "an-toan" and result(browser, "p-scenario") == "correct"
    assert "Tin nhắn là giả." in q(browser, "p-scenario").text
    shot(browser, "scenario-right", q(browser, "p-scenario"))


@pytest.mark.parametrize("edition", ["site", "onefile"])
def test_hotspot_and_scenario_by_touch_are_graded_and_kept(phone, practice, edition):
    site, onefile = practice
    url = (site / LESSON).as_uri() if edition == "site" else onefile.as_uri()
    visit(phone, url)
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 360
    play_hotspot(phone)
    play_scenario(phone)
    saved = stored(phone)["q"] if edition == "site" else None
    if saved is not None:
        assert saved["p-hotspot"]["a"] == 0 and saved["p-scenario"]["a"] == ["tin-nhan", "an-toan"]
    visit(phone)
    assert (result(phone, "p-hotspot"), result(phone, "p-scenario")) == ("correct", "correct")
    assert screen(phone) == "an-toan"
    # every simulated screen says so
    for pic in q(phone, "p-scenario").find_elements(By.CSS_SELECTOR, ".hvs-phone"):
        assert pic.find_element(By.CSS_SELECTOR, ".hvs-sim").get_attribute("textContent") == ui("simulated")


def test_a_wrong_scenario_ending_is_kept_after_reload(phone, practice):
    visit(phone, (practice[0] / LESSON).as_uri())
    choose(phone, "Bấm vào đường link")
    choose(phone, "Nhập mã OTP")
    visit(phone)
    assert result(phone, "p-scenario") == "incorrect" and screen(phone) == "mat-tien"
    retry(phone, "p-scenario")
    assert screen(phone) == "tin-nhan"


def focused(browser):
    return browser.switch_to.active_element


def test_keyboard_only(phone, practice):
    visit(phone, (practice[0] / LESSON).as_uri())
    # hotspot: the list of places, opened and chosen with keys
    summary = q(phone, "p-hotspot").find_element(By.CSS_SELECTOR, ".hvs-hs-list summary")
    phone.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    focused(phone).send_keys(Keys.TAB)
    focused(phone).send_keys(Keys.SPACE)  # the first place: the name
    assert focused(phone).get_attribute("value") == "0"
    focused(phone).send_keys(Keys.TAB)
    assert focused(phone).text == T["check"]
    focused(phone).send_keys(Keys.ENTER)
    assert result(phone, "p-hotspot") == "correct"
    # scenario: Tab to a choice, Enter; focus follows to the new screen
    first = q(phone, "p-scenario").find_element(By.CSS_SELECTOR, ".hvs-sc-choice")
    phone.execute_script("arguments[0].focus()", first)
    focused(phone).send_keys(Keys.ENTER)
    assert screen(phone) == "trang-gia"
    assert focused(phone).text == ui("screen_n", n=2)
    focused(phone).send_keys(Keys.TAB)
    assert focused(phone).text == "Nhập mã OTP"
    focused(phone).send_keys(Keys.ENTER)
    assert result(phone, "p-scenario") == "incorrect"
    assert focused(phone).text == T["retry"]
    focused(phone).send_keys(Keys.ENTER)
    assert screen(phone) == "tin-nhan" and focused(phone).text == "Bấm vào đường link"


@pytest.mark.parametrize("answered", [False, True], ids=["fresh", "answered"])
def test_axe_finds_no_serious_violation(phone, practice, answered):
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` first", pytrace=False)
    phone.set_script_timeout(30)
    visit(phone, (practice[0] / LESSON).as_uri())
    if answered:
        tap(phone, 50, 85)
        check(phone, "p-hotspot")
        choose(phone, "Bấm vào đường link")
    assert axe_violations(phone, AXE.read_text(encoding="utf-8")) == []
