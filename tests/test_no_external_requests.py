"""No other host, small pages: every page of the built site, opened from file:// and over HTTP,
asks for nothing outside the site; a lesson page does not grow with the course; the drawer works
without Material's script, which is neither loaded nor shipped."""

from __future__ import annotations

import re
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from benchmarks.page_weight import Site
from site_tools import AREA_FOLDER, build, lesson_md, open_search, phone, requests_made, serve, write_course

LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _is_local(url: str, base: str) -> bool:
    """Same origin over HTTP; from file://, any file of this computer (404.html, made for a server,
    asks for /assets/… at the disk's root: wrong there, but no other host)."""
    if url.startswith(base) or url.startswith(LOCAL_SCHEMES):
        return True
    return base.startswith("file:///") and url.startswith("file:///")


def _visit_every_page(driver, site: Path, base: str) -> dict[str, list[str]]:
    """Open each page (and start a search on it); returns {page: requests to another host}."""
    outside = {}
    requests_made(driver)  # drop what came before
    for page in _pages(site):
        driver.get(base + page)
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        fields = driver.find_elements(By.CSS_SELECTOR, "[data-hvs-search] input[type=search]")
        # where the page's script runs (not 404.html from file://: its addresses start at the host's root)
        if fields and driver.execute_script("return !!window.HVS_TEXT"):
            open_search(driver, 10)  # search.js comes only when the search opens
            fields[0].send_keys("an toan")
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!window.HVS_SEARCH"))
        urls = requests_made(driver)
        assert any(u.startswith(base + page) for u in urls), f"no request logged for {page}: {urls}"
        bad = [u for u in urls if not _is_local(u, base)]
        if bad:
            outside[page] = bad
    return outside


def test_no_page_asks_another_host_from_file(network_browser, mini_site):
    assert len(_pages(mini_site)) >= 10
    assert _visit_every_page(network_browser, mini_site, mini_site.as_uri() + "/") == {}


def test_no_page_asks_another_host_over_http(network_browser, mini_site):
    with serve(mini_site) as base:
        assert _visit_every_page(network_browser, mini_site, base) == {}


# --- few requests (issue 21) ------------------------------------------------------------------------

FIRST_LOAD_REQUESTS = 8


def test_a_first_lesson_load_makes_at_most_eight_requests(network_browser, mini_site):
    """Counted in a real browser over HTTP with an empty cache: the page, its one stylesheet, its
    script, search's script, the icon and the lesson's pictures."""
    network_browser.execute_cdp_cmd("Network.enable", {})
    network_browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    with serve(mini_site) as base:
        requests_made(network_browser)  # drop what came before
        network_browser.get(base + "4-an-toan/01-mat-khau.html")
        WebDriverWait(network_browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        urls = [u for u in requests_made(network_browser) if not u.startswith(LOCAL_SCHEMES)]
    assert 0 < len(urls) <= FIRST_LOAD_REQUESTS, urls
    assert [u for u in urls if u.endswith(".css")] == [base + "assets/hocvuso/bundle.css"]


def test_every_learner_page_links_one_stylesheet_and_one_deferred_script_of_the_theme(mini_site):
    """Material's stylesheet and palette and the theme's own come as one file; the self-assessment
    and reader scripts as one (search's script, the media player's files and the simulated phone's
    styles are on their own, the last two only on pages that need them)."""
    from generator import media, render

    learner = [p for p in _pages(mini_site) if "md-header" in (mini_site / p).read_text(encoding="utf-8")]
    assert len(learner) >= 10
    for page in learner:
        html = (mini_site / page).read_text(encoding="utf-8")
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        theirs = [s for s in sheets if not s.endswith((media.STYLE, render.PRACTICE_STYLE))]
        assert len(theirs) == 1 and theirs[0].endswith("assets/hocvuso/bundle.css"), (page, sheets)
        scripts = re.findall(r'<script src="[^"]*assets/hocvuso/(hocvuso|reader|bundle)\.js"', html)
        assert scripts == ["bundle"], page
    shipped = {p.relative_to(mini_site).as_posix() for p in mini_site.rglob("*") if p.is_file()}
    assert not {"assets/hocvuso/site.css", "assets/hocvuso/reader.css", "assets/hocvuso/reader.js"} & shipped
    assert not [f for f in shipped if f.startswith("assets/stylesheets/")]


def test_the_request_log_would_see_another_host(network_browser, tmp_path):
    """The two tests above can fail: a page that loads a web font is caught."""
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><input type="search">',
        encoding="utf-8",
    )
    outside = _visit_every_page(network_browser, tmp_path, tmp_path.as_uri() + "/")
    assert list(outside) == ["index.html"]
    assert outside["index.html"][0].startswith("https://fonts.googleapis.com/")


def test_no_page_or_stylesheet_refers_to_another_host(mini_site):
    """Also what a browser fetches only later or elsewhere (a lazy image, a print stylesheet)."""
    site = Site(mini_site)
    problems = {}
    for page in _pages(mini_site):
        _, missing, external = site.references(page)
        if missing or external:
            problems[page] = {"missing": missing, "external": external}
    assert problems == {}


def test_materials_script_is_neither_loaded_nor_shipped(mini_site):
    shipped = {p.relative_to(mini_site).as_posix() for p in mini_site.rglob("*") if p.is_file()}
    assert not [f for f in shipped if f.startswith("assets/javascripts/") or f.endswith(".map")]
    assert "sitemap.xml" not in shipped and "sitemap.xml.gz" not in shipped
    for page in _pages(mini_site):
        html = (mini_site / page).read_text(encoding="utf-8")
        scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
        if 'class="hvs-owner-page"' in html:  # worksheets and the report: a bare page, its one small script
            assert [s.rsplit("/", 1)[-1] for s in scripts] == ["page.js"], (page, scripts)
            continue
        assert scripts and all("/assets/hocvuso/" in "/" + s.lstrip("./") for s in scripts), (page, scripts)
        assert "__md_scope" not in html and 'id="__config"' not in html


# --- the drawer, without any script --------------------------------------------------------------


def _tap(driver, element) -> None:
    """Click once the element is on top at its centre (the drawer's panels slide in)."""
    on_top = """var r = arguments[0].getBoundingClientRect(), e = document.elementFromPoint(r.left + r.width / 2,
                r.top + r.height / 2); return !!e && (e === arguments[0] || arguments[0].contains(e));"""
    WebDriverWait(driver, 5).until(lambda d: element.is_displayed() and d.execute_script(on_top, element))
    element.click()


def test_on_a_phone_the_drawer_opens_and_its_links_work_without_javascript(browser_without_js, mini_site):
    driver = browser_without_js
    phone(driver)
    driver.get((mini_site / "4-an-toan/01-mat-khau.html").as_uri())
    drawer = driver.find_element(By.CSS_SELECTOR, ".md-sidebar--primary")
    assert drawer.rect["x"] + drawer.rect["width"] <= 0  # off screen
    _tap(driver, driver.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__drawer]"))
    WebDriverWait(driver, 5).until(lambda d: drawer.rect["x"] >= 0)
    # it opens on the page's own area, whose lessons are listed
    link = driver.find_element(By.XPATH, "//nav[@data-md-level='1']//a[normalize-space()='Cuộc gọi lừa đảo']")
    WebDriverWait(driver, 5).until(lambda d: link.is_displayed())
    # back to the list of areas, then into another area
    _tap(driver, driver.find_element(By.CSS_SELECTOR, "nav[data-md-level='1'] > label.md-nav__title"))
    _tap(driver, driver.find_element(By.XPATH, "//a[normalize-space()='1. Khai thác dữ liệu và thông tin']"))
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("1-thong-tin/index.html"))
    _tap(driver, driver.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__drawer]"))
    _tap(driver, driver.find_element(By.XPATH, "//nav[@data-md-level='1']//a[normalize-space()='Tìm kiếm thông tin']"))
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("1-thong-tin/01-tim-kiem.html"))


# --- a lesson page does not grow with the course --------------------------------------------------


def _nav_links(html: str) -> list[str]:
    nav = html[html.index('class="md-nav md-nav--primary') : html.index('class="md-content"')]
    return re.findall(r'<a href="([^"#]+)" class="md-nav__link', nav)


def test_the_drawer_lists_the_areas_and_only_this_areas_lessons(mini_site):
    links = _nav_links((mini_site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8"))
    assert "../1-thong-tin/index.html" in links  # another area: its page
    assert "../1-thong-tin/01-tim-kiem.html" not in links  # not its lessons
    assert {"index.html", "01-mat-khau.html", "02-cuoc-goi-lua-dao.html"} <= set(links)
    home = _nav_links((mini_site / "index.html").read_text(encoding="utf-8"))
    assert "4-an-toan/index.html" in home and not [h for h in home if re.search(r"/\d\d-", h)]


def _course(tmp_path: Path, per_area: int) -> Path:
    """A course of `per_area` lessons in each of the six areas, every title the same length."""
    lessons = {
        f"{folder}/{n:02d}-bai-{n:02d}.md": lesson_md(
            f"Bài số {n:02d} của miền {code}", f"## Phần một\n\nNội dung bài {n:02d}.", code
        )
        for code, folder in AREA_FOLDER.items()
        for n in range(1, per_area + 1)
    }
    course = write_course(tmp_path / f"course-{per_area}", lessons, keep_mini=False)
    return build(course, tmp_path / f"site-{per_area}")


def test_a_lesson_page_does_not_grow_with_the_course(tmp_path):
    page = "4-an-toan/10-bai-10.html"
    small, large = _course(tmp_path, 20), _course(tmp_path, 80)  # 120 and 480 lessons
    small_html = (small / page).read_text(encoding="utf-8")
    large_html = (large / page).read_text(encoding="utf-8")

    assert abs(len(large_html.encode()) - len(small_html.encode())) <= 100, (len(small_html), len(large_html))
    # the drawer shows a window of this area's lessons and links to the area's full list
    links = _nav_links(large_html)
    assert (
        len([h for h in links if re.fullmatch(r"\d\d-bai-\d\d\.html", h)]) == 3
    )  # NAV_LESSONS, theme/partials/nav.html
    assert "10-bai-10.html" in links and "80-bai-80.html" not in links
    assert "Tất cả 80 bài của miền này" in large_html


# --- the page-weight benchmark measures what a browser loads ---------------------------------------


def test_page_weight_counts_a_lessons_files_once_and_leaves_search_out(mini_site):
    from benchmarks.page_weight import BUDGETS, measure

    out = measure(mini_site, "4-an-toan/01-mat-khau.html", "4-an-toan/02-cuoc-goi-lua-dao.html")
    first = [f["path"] for f in out["first_load"]["files"]]
    assert first[0] == "4-an-toan/01-mat-khau.html"
    assert "assets/hocvuso/search.js" not in first  # loaded once the learner opens the search
    assert {
        "assets/hocvuso/bundle.js",
        "assets/hocvuso/bundle.css",
        "assets/hocvuso/icons/icon.svg",
    } <= set(first)
    assert "assets/hocvuso/search-index.js" not in first and out["search_index"]["gzip"] > 0
    assert [f["path"] for f in out["warm"]["files"]] == ["4-an-toan/02-cuoc-goi-lua-dao.html"]
    assert out["first_load"]["gzip"] == sum(f["gzip"] for f in out["first_load"]["files"])
    assert out["ok"] and out["first_load"]["gzip"] <= BUDGETS["first_load_gzip"]


def test_the_not_found_page_speaks_the_courses_language(mini_site):
    html = (mini_site / "404.html").read_text(encoding="utf-8")
    assert "Không tìm thấy trang này" in html and "Về trang chủ" in html
    assert "Not found" not in html
