"""Distribution in a real browser: the service worker keeps the course offline after one visit over
HTTP and swaps in a new build cleanly; it is never registered from file://; the one-file edition
works from a lone file in a Downloads folder."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import threading
import urllib.request
from pathlib import Path

import pytest

from dist_tools import mini_course, sw_files, sw_version
from generator import dist
from generator.cli import main
from generator.messages import ui

pytest.importorskip("selenium")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class Server:
    """A static HTTP server on a free port of 127.0.0.1, in a thread, that the test can stop."""

    def __init__(self, folder: Path):
        server = self

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("Sec-Fetch-Dest", "")))
                super().do_GET()

            def end_headers(self):
                # Nothing in the browser's HTTP cache: offline, only the service worker can answer.
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

        class Tracked(http.server.ThreadingHTTPServer):
            def get_request(inner):
                conn, addr = super().get_request()
                self.connections.append(conn)
                return conn, addr

        self.connections: list[socket.socket] = []
        self.requests: list[tuple[str, str]] = []  # (path, Sec-Fetch-Dest) of every GET
        self.httpd = Tracked(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def worker_downloads(self) -> list[str]:
        """The files the service worker fetched (its requests have no destination), in order."""
        return [path.lstrip("/") for path, dest in self.requests if dest == "empty"]

    def stop(self):
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join()
        # Chrome opens connections ahead of need; one left open would still answer the next request.
        for conn in self.connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        with pytest.raises(OSError):  # really gone: nothing answers on that port any more
            urllib.request.urlopen(self.url, timeout=2)


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> Server:
        servers.append(Server(folder))
        return servers[-1]

    yield start
    for server in servers:
        if server.thread.is_alive():
            server.stop()


# Resolves with the worker's scope and every cache of this origin with its number of entries,
# once the worker is active (its install step has filled its cache by then).
CACHE_STATE = """
const done = arguments[arguments.length - 1];
navigator.serviceWorker.ready.then(reg => caches.keys().then(names => Promise.all(
  names.map(name => caches.open(name).then(c => c.keys()).then(keys => [name, keys.length]))
)).then(list => done({scope: reg.scope, caches: list, controlled: !!navigator.serviceWorker.controller})))
  .catch(e => done({error: String(e)}));
"""


def cache_state(browser) -> dict:
    browser.set_script_timeout(30)
    return browser.execute_async_script(CACHE_STATE)


def heading(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, "h1").text


def answer_first_question_right(browser) -> None:
    """Pick "Không ai cả" in the first question of the password lesson and press the check button."""
    question = browser.find_element(By.ID, "q-mk-single")
    question.find_element(By.CSS_SELECTOR, 'input[value="1"]').click()
    question.find_element(By.CSS_SELECTOR, ".hvs-actions button").click()
    WebDriverWait(browser, 5).until(lambda b: question.get_attribute("data-result") == "correct")


def test_course_keeps_working_offline_after_one_visit(browser, serve, packed):
    server = serve(packed.site)
    browser.get(server.url + "4-an-toan/01-mat-khau.html")  # a page in a subfolder registers the root worker
    state = cache_state(browser)
    name = f"hocvuso {server.url} {sw_version(packed.site)}"
    assert state["scope"] == server.url
    assert state["caches"] == [[name, len(sw_files(packed.site))]]

    server.stop()
    browser.get(server.url + "1-thong-tin/01-tim-kiem.html")  # never visited, from another folder
    assert heading(browser) == "Tìm kiếm thông tin"
    browser.get(server.url)  # the site's root address is its index.html
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-areas a").is_displayed()
    browser.find_element(By.CSS_SELECTOR, '.hvs-areas a[href="4-an-toan/index.html"]').click()
    browser.find_element(By.CSS_SELECTOR, 'a[href="01-mat-khau.html"]').click()
    assert heading(browser) == "Mật khẩu và mã OTP"
    browser.refresh()
    answer_first_question_right(browser)  # the quiz script came from the cache too
    browser.find_element(By.CSS_SELECTOR, "a.hvs-next").click()
    img = browser.find_element(By.CSS_SELECTOR, 'img[alt="Ổ khóa"]')
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) == 40


def test_new_build_replaces_the_cached_course(browser, serve, tmp_path):
    course = mini_course(tmp_path / "course")
    assert main(["--root", str(course), "dist"]) == 0
    site = course / "site"
    server = serve(site)  # serves whatever folder is at `site`, as a Wi-Fi box would
    browser.get(server.url + "index.html")
    old = sw_version(site)
    assert [n for n, _ in cache_state(browser)["caches"]] == [f"hocvuso {server.url} {old}"]

    lesson = course / "content" / "1-thong-tin" / "01-tim-kiem.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("Gõ từ khóa ngắn.", "Bản mới: gõ ít chữ."), encoding="utf-8"
    )
    assert main(["--root", str(course), "dist"]) == 0
    new = sw_version(site)
    assert new != old
    browser.get(server.url + "index.html")  # a visit checks sw.js; the new worker installs and takes over
    WebDriverWait(browser, 30).until(
        lambda b: [n for n, _ in cache_state(b)["caches"]] == [f"hocvuso {server.url} {new}"]
    )

    server.stop()
    browser.get(server.url + "1-thong-tin/01-tim-kiem.html")
    assert "Bản mới: gõ ít chữ." in browser.find_element(By.CSS_SELECTOR, "article").text


def test_preview_server_removes_a_course_cached_from_the_same_address(browser, serve, packed, tmp_path):
    site = shutil.copytree(packed.site, tmp_path / "site")
    server = serve(site)
    browser.get(server.url + "index.html")
    assert len(cache_state(browser)["caches"]) == 1
    browser.execute_async_script(  # the note a failed download leaves (see the back-off test) goes too
        "const done = arguments[1]; caches.open('hocvuso-install ' + arguments[0])"
        ".then(c => c.put(arguments[0] + 'hocvuso-install-failed', new Response('{}'))).then(() => done())",
        server.url,
    )
    (site / "sw.js").write_text(dist.service_worker(site, serving=True), encoding="utf-8")  # as `mkdocs serve`
    browser.get(server.url + "index.html")
    browser.set_script_timeout(30)
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_async_script(
            "const done = arguments[arguments.length - 1]; caches.keys().then(k => done(k.length === 0))"
        )
    )
    server.stop()
    with pytest.raises(WebDriverException, match="ERR_CONNECTION_REFUSED"):  # no copy answers any more
        browser.get(server.url + "index.html")


RECORD_REGISTER = """
window.__registered = [];
Object.defineProperty(Navigator.prototype, 'serviceWorker', {configurable: true, get: function () {
  return {register: function (url) { window.__registered.push(String(url)); return Promise.resolve(); }};
}});
"""


def test_worker_is_never_registered_from_file(browser, serve, packed):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_REGISTER})
    page = "4-an-toan/01-mat-khau.html"
    browser.get((packed.site / page).as_uri())
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return document.readyState") == "complete")
    assert browser.execute_script("return window.__registered") == []
    server = serve(packed.site)
    browser.get(server.url + page)
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return window.__registered.length") == 1)
    # from the site's root (page.js, in bundle.js, finds it from its own address)
    assert browser.execute_script("return window.__registered") == [server.url + "sw.js"]


def test_a_worksheet_prints_from_its_button_and_registers_the_worker_at_the_root(browser, serve, packed):
    """A worksheet's one script is a file (page.js), not inline code in each of 600 sheets."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_REGISTER})
    page = "phieu/4-an-toan/01-mat-khau.html"
    browser.get((packed.site / page).as_uri())
    browser.execute_script("window.print = function () { window.__printed = true; }")
    browser.find_element(By.CSS_SELECTOR, ".hvs-ws-print").click()
    assert browser.execute_script("return window.__printed") is True
    assert browser.execute_script("return window.__registered") == []  # never from file://
    server = serve(packed.site)
    browser.get(server.url + page)
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return window.__registered.length") == 1)
    assert browser.execute_script("return window.__registered") == [server.url + "sw.js"]


def test_one_file_edition_works_alone_from_a_downloads_folder(browser, packed, tmp_path):
    downloads = tmp_path / "Download"
    downloads.mkdir()
    file = Path(shutil.copy(packed.onefiles / "hocvuso-4-an-toan.html", downloads))
    browser.get(file.as_uri())
    assert browser.title.startswith("4. An toàn")
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:'))"
    )
    assert loaded == []
    # The reading defaults of the site (issue 8) hold here too: body text 18 px, line height 1.6.
    text = browser.execute_script(
        "var s = getComputedStyle(document.querySelector('main p'));"
        "return [parseFloat(s.fontSize), parseFloat(s.lineHeight)];"
    )
    assert text[0] >= 18 and text[1] >= 1.6 * text[0] - 0.5, text
    images = browser.find_elements(By.CSS_SELECTOR, "img")
    assert images and all(
        browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", i) for i in images
    )

    browser.find_element(By.CSS_SELECTOR, '.hvs-onefile-toc a[href="#hvs-4-an-toan-01-mat-khau"]').click()
    answer_first_question_right(browser)
    score = browser.find_element(By.CSS_SELECTOR, "#hvs-4-an-toan-01-mat-khau .hvs-score")
    assert "1" in score.text
    browser.find_element(By.CSS_SELECTOR, "#hvs-4-an-toan-01-mat-khau a.hvs-next").click()
    assert browser.execute_script("return location.hash") == "#hvs-4-an-toan-02-cuoc-goi-lua-dao"
    assert browser.execute_script("return location.pathname").endswith("/Download/hocvuso-4-an-toan.html")

    browser.refresh()  # the answer is kept in this browser
    assert browser.find_element(By.ID, "q-mk-single").get_attribute("data-result") == "correct"


# Registers the site's worker and resolves with how its installation ended: "activated", or
# "redundant" when it failed (then the browser keeps no worker for the site).
INSTALL_OUTCOME = """
const done = arguments[arguments.length - 1];
navigator.serviceWorker.register(arguments[0]).then(reg => {
  const w = reg.installing || reg.waiting || reg.active;
  if (!w) return done("redundant");
  const end = () => (w.state === "activated" || w.state === "redundant") && done(w.state);
  w.addEventListener("statechange", end);
  end();
}, e => done("error " + e));
"""

AGE_FAILURE = """
const [scope, done] = [arguments[0], arguments[arguments.length - 1]];
caches.open("hocvuso-install " + scope).then(c => c.match(scope + "hocvuso-install-failed")
  .then(r => r.json()).then(f => c.put(scope + "hocvuso-install-failed", new Response(JSON.stringify(
    Object.assign(f, {time: f.time - 7 * 3600 * 1000}))))).then(() => done(true)), e => done(String(e)));
"""


def install_outcome(browser, server) -> str:
    browser.set_script_timeout(60)
    return browser.execute_async_script(INSTALL_OUTCOME, server.url + "sw.js")


def test_a_failed_download_is_not_repeated_at_every_visit(browser, serve, packed, tmp_path):
    site = shutil.copytree(packed.site, tmp_path / "site")
    missing = "1-thong-tin/01-tim-kiem.html"  # a page the visits below do not open themselves
    shutil.move(site / missing, tmp_path / "set-aside.html")
    server = serve(site)
    browser.get(server.url + "index.html")
    assert install_outcome(browser, server) == "redundant"
    assert sorted(server.worker_downloads()) == sorted(sw_files(site))  # the whole list, tried once

    server.requests.clear()
    browser.get(server.url + "4-an-toan/index.html")  # the next visit, the same build on the server
    assert install_outcome(browser, server) == "redundant"
    assert ("/sw.js", "serviceworker") in server.requests  # the browser did try to install again...
    assert server.worker_downloads() == []  # ...and the worker downloaded nothing

    # Hours later the same build is tried again, and only what is still missing is downloaded.
    shutil.move(tmp_path / "set-aside.html", site / missing)
    browser.set_script_timeout(30)
    assert browser.execute_async_script(AGE_FAILURE, server.url) is True
    server.requests.clear()
    browser.get(server.url + "index.html")
    assert install_outcome(browser, server) == "activated"
    assert server.worker_downloads() == [missing]
    name = f"hocvuso {server.url} {sw_version(site)}"
    assert cache_state(browser)["caches"] == [[name, len(sw_files(site))]]  # and the failure is forgotten


def test_a_page_not_kept_offline_shows_the_course_404_page(browser, serve, packed):
    server = serve(packed.site)
    browser.get(server.url + "index.html")
    assert cache_state(browser)["controlled"] is not None
    # Online, a wrong address: the course's page instead of the test server's English one.
    browser.get(server.url + "khong-co-trang-nay.html")
    assert heading(browser) == ui("not_found_title")

    server.stop()
    # Offline: a worksheet (teachers' pages are not kept on phones) and a wrong address deep down.
    for path in ("phieu/4-an-toan/01-mat-khau.html", "4-an-toan/sai/dia-chi.html"):
        browser.get(server.url + path)
        assert heading(browser) == ui("not_found_title"), path
        assert ui("not_found_text") in browser.find_element(By.CSS_SELECTOR, "article").text
        sheet = browser.execute_script(
            "return [...document.styleSheets].some(s => /bundle\\.css$/.test(s.href) && s.cssRules.length > 0)"
        )
        assert sheet, path  # its styles came from the copy too, whatever the depth
    browser.find_element(By.LINK_TEXT, ui("not_found_home")).click()
    assert browser.current_url == server.url + "index.html"
    assert browser.find_element(By.CSS_SELECTOR, ".hvs-areas a").is_displayed()
