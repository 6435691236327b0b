"""A module's progress in a real browser (file://): on its page (sentence and bar) and on its area's
page (a count per module), from the saved progress of its lessons."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from site_tools import build  # noqa: E402
from test_modules import modules_course  # noqa: E402

KEY = "hocvuso:v1:khoa-thu"  # the mini course's site name, "Khóa thử"


def _open(browser, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.readyState === 'complete'"))


def test_module_progress_counts_its_own_lessons(browser, tmp_path):
    site = build(modules_course(tmp_path / "course"), tmp_path / "site")
    module_page = (site / "4-an-toan/03-ngan-hang/index.html").as_uri()
    _open(browser, module_page)
    box = browser.find_element(By.CSS_SELECTOR, "div[data-hvs-module]")
    assert box.text == "Bạn đã hoàn thành 0/1 bài tự kiểm tra trong chủ đề này."
    state = {"q": {}, "done": {"4-an-toan/03-ngan-hang/01-ma-otp.md": 1, "4-an-toan/01-mat-khau.md": 1}}
    browser.execute_script("localStorage.setItem(arguments[0], arguments[1])", KEY, json.dumps(state))
    _open(browser, module_page)
    box = browser.find_element(By.CSS_SELECTOR, "div[data-hvs-module]")
    assert box.text == "Bạn đã hoàn thành 1/1 bài tự kiểm tra trong chủ đề này."
    assert box.find_element(By.CSS_SELECTOR, ".hvs-bar span").get_attribute("style") == "width: 100%;"
    _open(browser, (site / "4-an-toan/index.html").as_uri())
    counts = browser.find_elements(By.CSS_SELECTOR, "span[data-hvs-module]")
    assert [(c.get_attribute("data-hvs-module"), c.text) for c in counts] == [("4-an-toan/03-ngan-hang", "1/1 bài")]
    assert "2/2" in browser.find_element(By.CSS_SELECTOR, "[data-hvs-area]").text  # the area's count is unchanged
