"""Shared fixtures: the small fixture course built once, and a headless Chromium to open it over file://."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

import inprocess

# Property tests check what is computed, never how fast: on a shared 2-core machine a first example
# can take 0.5 s, and Hypothesis' default 200 ms deadline would fail a correct run.
settings.register_profile("hocvuso", deadline=None)
settings.load_profile("hocvuso")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = os.environ.get("HVS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("HVS_CHROMEDRIVER", "/usr/bin/chromedriver")


def pytest_configure(config):
    """The builds of a test run keep their compiled templates in a folder of the run's own (inherited
    by the builds run in subprocesses), not in the user's cache folder."""
    if "HOCVUSO_CACHE" not in os.environ:
        import tempfile

        os.environ["HOCVUSO_CACHE"] = folder = tempfile.mkdtemp(prefix="hocvuso-test-cache-")
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_addoption(parser):
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.html from the current code instead of comparing",
    )


def build_site(name: str, site_dir: Path) -> Path:
    """Build `tests/fixtures/<name>/` with MkDocs into `site_dir`, failing with MkDocs' own output."""
    config = FIXTURES / name / "mkdocs.yml"
    try:
        inprocess.build(config, site_dir)
    except inprocess.BuildFailed as exc:
        pytest.fail(f"mkdocs build of {config} failed:\n{exc}", pytrace=False)
    return site_dir


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Vietnamese: a build or command of another language (language: en) must
    not leave its catalogue active for the next test."""
    from generator import messages

    token = messages._active.set(messages.catalogue(messages.DEFAULT_LANGUAGE))
    yield
    messages._active.reset(token)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The fixture course `tests/fixtures/mini/`, built once per test session. Treat it as read-only."""
    return build_site("mini", tmp_path_factory.mktemp("mini-site"))


@pytest.fixture
def site_url(mini_site):
    """`site_url("4-an-toan/01-mat-khau.html")` -> its file:// URL in the built fixture course."""
    return lambda page="index.html": (mini_site / page).as_uri()


def chrome_options(user_data_dir: Path, download_dir: Path | None = None, javascript: bool = True):
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1280,900",
        f"--user-data-dir={user_data_dir}",
    ):
        options.add_argument(arg)
    prefs = {}
    if download_dir:
        prefs.update({"download.default_directory": str(download_dir), "download.prompt_for_download": False})
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if prefs:
        options.add_experimental_option("prefs", prefs)
    return options


def _start_browser(tmp_path: Path, **kwargs):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(path):
            pytest.fail(f"{path} is missing: install Debian's chromium and chromium-driver", pytrace=False)
    profile = tmp_path / "chrome-profile"
    profile.mkdir(exist_ok=True)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=chrome_options(profile, **kwargs))
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def downloads(tmp_path) -> Path:
    """The folder the `browser` saves downloads into."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(tmp_path, downloads):
    """A fresh headless Chromium (empty profile, so empty localStorage) for one test."""
    driver = _start_browser(tmp_path, download_dir=downloads)
    # Downloads from file:// pages in headless mode need an explicit allow.
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_js(tmp_path):
    """A fresh headless Chromium with JavaScript turned off."""
    driver = _start_browser(tmp_path, javascript=False)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def packed(tmp_path_factory):
    """The mini course (with an image and cross-links, see dist_tools) packed once by `hocvuso dist`:
    `.course`, `.site`, `.zip`, `.top` (the zip's top folder), `.onefiles`. Treat it as read-only."""
    from types import SimpleNamespace

    from dist_tools import mini_course
    from generator.cli import main

    course = mini_course(tmp_path_factory.mktemp("packed") / "course")
    assert main(["--root", str(course), "dist"]) == 0
    (zip_path,) = (course / "dist").glob("hocvuso-*.zip")
    return SimpleNamespace(
        course=course, site=course / "site", zip=zip_path, top=zip_path.stem, onefiles=course / "dist" / "mot-tep"
    )


@pytest.fixture
def network_browser(tmp_path):
    """A fresh headless Chromium that logs its pages' requests: read them with
    `site_tools.requests_made(driver)`."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(path):
            pytest.fail(f"{path} is missing: install Debian's chromium and chromium-driver", pytrace=False)
    profile = tmp_path / "chrome-profile-network"
    profile.mkdir(exist_ok=True)
    options = chrome_options(profile)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
