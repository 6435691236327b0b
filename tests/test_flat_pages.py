"""Every page flat in the size of the course (issue 21), checked by structure on a synthetic course
big enough to need it: the home page lists areas, not lessons; the glossary a few lessons per term;
a path page a few lessons per area and a page per crowded area; a lesson's drawer its own area only;
the results page where to start in each area."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from benchmarks.synth import write_course
from generator import glossary_page, paths
from generator.loader import Project, load
from generator.messages import ui
from tests.inprocess import build

LESSONS = 120  # 20 lessons per area: more than a path page or a glossary entry shows
BUILT: dict = {}  # the build's site plan


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("flat")
    write_course(root / "course", LESSONS, "hocvuso", seed=7)
    site = root / "site"
    built = build(root / "course" / "mkdocs.yml", site)
    BUILT["plan"] = built.plan
    course = load(Project(root / "course")).course
    return course, site


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_home_lists_areas_with_counts_not_lessons(synthetic):
    course, site = synthetic
    home = _article(_html(site, "index.html"))
    assert "hvs-lessons" not in home and "data-lesson=" not in home
    for area in course.areas:
        assert f'href="{area.page[: -len(".md")]}.html"' in home
        assert ui("lesson_count", count=len(area.lessons)) in home
    # the progress script's data comes only for a learner with saved progress
    assert "course.js" in home and '<script src="assets/hocvuso/course.js"' not in home


def test_results_page_names_the_first_lesson_of_each_area_and_loads_no_course_at_first(synthetic):
    """As a new learner sees it (generator/results_page.py): where to start in each area, the tables by
    area and competency; the course's structure (course.js) and the QR code maker come only later."""
    course, site = synthetic
    html = _html(site, "ket-qua.html")
    lessons = {x.page[: -len(".md")] + ".html" for x in course.lessons}
    linked = {href for href in re.findall(r'href="([^"]+)"', _article(html)) if href in lessons}
    assert linked == {area.lessons[0].page[: -len(".md")] + ".html" for area in course.areas}
    assert '<script src="assets/hocvuso/course.js"' not in html and 'vendor/qrcode.js" defer' not in html
    assert 'data-hvs-course="assets/hocvuso/course.js"' in html
    script = (site / "assets/hocvuso/results.js").read_text(encoding="utf-8")
    assert not any(x.page in script for x in course.lessons) and "Kazuhiko Arase" not in script
    assert "window.HVS_PROGRESS" in script  # the progress views, which draw the page for a returning learner


def test_glossary_lists_a_few_lessons_per_term_and_counts_the_rest(synthetic):
    course, site = synthetic
    page = _html(site, "tu-dien.html")
    lists = re.findall(r'<ul class="hvs-gl-lessons">(.*?)</ul>', page)
    assert lists and all(item.count("<li>") <= glossary_page.SHOWN for item in lists)
    # a lesson uses a term where its page marks it (and explains it at the end)
    marked = {x.page: glossary_page.marked_terms(_html(site, x.page[: -len(".md")] + ".html")) for x in course.lessons}
    used = glossary_page.usage(course.glossary, course, Project(site.parent / "course"), marked)
    crowded = [term for term, lessons in used.items() if len(lessons) > glossary_page.SHOWN]
    assert crowded, "the synthetic course should use some term in many lessons"
    for term in crowded:
        entry = page[page.index(f'id="{term}"') :]
        entry = entry[: entry.index("</dd>")]
        more = ui("glossary.more_lessons", count=len(used[term]) - glossary_page.SHOWN)
        assert f'<p class="hvs-gl-others">{more}</p>' in entry


def test_a_path_page_shows_a_few_lessons_per_area_and_links_the_rest(synthetic):
    course, site = synthetic
    for audience in course.framework.audiences:
        groups = paths.by_area(course, audience.id)
        if not groups:
            continue
        page = _html(site, f"lo-trinh/{audience.id}.html")
        sections = re.findall(r'<section class="hvs-path-area"[^>]*>(.*?)</section>', page)
        assert len(sections) == len(groups)
        for (area, lessons), section in zip(groups, sections):
            assert section.count('class="hvs-row"') == min(len(lessons), paths.SHOWN)
            whole = paths.area_page(audience.id, area)[: -len(".md")] + ".html"
            if len(lessons) > paths.SHOWN:
                assert Path(whole).name in section
                assert _article(_html(site, whole)).count('class="hvs-row"') == len(lessons)
            else:
                assert not (site / whole).exists()
    assert any(paths.split_areas(course, a.id) for a in course.framework.audiences)


def _nav(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start : html.index('<div class="md-content"', start)]


def test_a_lesson_drawer_lists_its_own_area_only_and_one_line_for_paths(synthetic):
    course, site = synthetic
    lesson = course.areas[3].lessons[10]
    nav = _nav(_html(site, lesson.page[: -len(".md")] + ".html"))
    others = [x for x in course.lessons if x.area_code != lesson.area_code]
    assert not [x.page for x in others if Path(x.page).stem + ".html" in nav]
    own = [x for x in course.area(lesson.area_code).lessons if f'href="{Path(x.page).stem}.html"' in nav]
    assert lesson in own and len(own) <= 5
    assert "lo-trinh/" not in nav and 'index.html#hvs-paths"' in nav
    # on a path page, the paths section is open and lists every path
    path_nav = _nav(_html(site, f"lo-trinh/{course.framework.audiences[0].id}.html"))
    assert path_nav.count('href="') > len(course.areas) and "nguoi-dan.html" in path_nav


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_every_link_of_every_page_leads_somewhere(synthetic):
    _, site = synthetic
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served for any address: its links start at the site root
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or not parts.path:
                continue
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                broken.append((page.relative_to(site).as_posix(), href))
    assert broken == []


def test_compiled_templates_are_kept_for_the_next_build_outside_the_course(synthetic):
    """Kept in the user's cache, never in the course folder: a course travels between people, and a
    compiled template planted in it would run at the next build."""
    from generator.mkdocs_plugin import templates_cache

    _, site = synthetic
    kept = list(templates_cache.folder().glob("*.cache"))
    assert len(kept) > 10  # main.html, Material's base.html and partials, …
    assert not list((site.parent / "course").rglob("*.cache"))


def test_the_template_cache_folder_is_the_user_s(monkeypatch, tmp_path):
    from generator.mkdocs_plugin import templates_cache

    monkeypatch.delenv("HOCVUSO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert templates_cache.folder() == tmp_path / "xdg" / "hocvuso" / "templates"
    monkeypatch.setenv("HOCVUSO_CACHE", str(tmp_path / "mine"))
    assert templates_cache.folder() == tmp_path / "mine" / "templates"


def test_each_generated_page_has_one_heading(synthetic):
    """The theme adds the page title as a heading when the content has none: a page rendered late
    (the glossary) must carry its own from the start."""
    course, site = synthetic
    audience = course.framework.audiences[0].id
    area = paths.split_areas(course, audience)[0]
    for page in (
        "index.html",
        "tu-dien.html",
        f"lo-trinh/{audience}.html",
        paths.area_page(audience, area)[:-3] + ".html",
    ):
        assert _html(site, page).count("<h1") == 1, page


def test_an_area_page_of_a_path_is_kept_offline_but_not_in_the_menu(synthetic):
    """Linked from its path page only: not in the drawer, not in search, not reported by MkDocs as
    a page missing from the navigation; kept on the phone like every learner page."""
    pages = [p for p in BUILT["plan"].pages if p.kind == "path" and p.src.count("/") == 2]
    assert pages and all(not p.in_nav and p.offline for p in pages)
    assert all("exclude: true" in p.front_matter() for p in pages)


# Bytes of a lesson page besides its own lesson (the head, the header, the drawer, the reader bar,
# the footer): every lesson pays them again, 600 lessons 600 times (issue 21). 6.2-6.8 KB a lesson
# at 600 synthetic lessons (16.2 KB before the JavaScript-only parts were left to the script, 10.8 KB
# before the reader bar's buttons, the header's icons and Material's script hooks left the pages).
CHROME_BUDGET = 7_500
# Markup (the bytes of the tags, not the words) of a self-assessment question and of a worksheet's
# question (with its share of the sheet's head and key): 1.0-1.2 KB and 0.55-0.63 KB at 600
# synthetic lessons of five questions of every type.
QUESTION_TAGS_BUDGET = 1_300
SHEET_TAGS_BUDGET = 660
_TAG = re.compile(r"<[^>]*>")


def _tag_bytes(html: str) -> int:
    return sum(len(tag.encode()) for tag in _TAG.findall(html))


def test_a_lesson_page_repeats_little_besides_its_lesson(synthetic):
    course, site = synthetic
    for lesson in course.lessons[::9]:
        html = _html(site, lesson.page[: -len(".md")] + ".html")
        own = html[html.index('<header class="hvs-lesson-head"') : html.index("</article>")]
        chrome = len(html.encode()) - len(own.encode())
        assert chrome <= CHROME_BUDGET, f"{lesson.page}: {chrome} bytes around the lesson"
        # the parts only the script shows are built by it, their words in the cached bundle.js
        assert "<form" not in html and 'placeholder="' not in html  # the search panel
        assert '<div class="hvs-listen-slot"></div>' in html and "data-hvs-act" not in html  # read aloud
        assert "hvs-size-pop" not in html and "data-hvs-set-size" not in html  # text sizes, bar and header
        assert "<svg" not in html[: html.index("<article")]  # the header's icons are the stylesheet's
        assert "data-md-component" not in html and "md-dialog" not in html  # Material's script is not shipped
        # one inline script (the first paint), the table of contents once (in the drawer)
        assert html.count("<script>") == 1 and "md-sidebar--secondary" not in html


def test_a_self_assessment_and_a_worksheet_carry_little_markup_per_question(synthetic):
    course, site = synthetic
    for lesson in [lesson for lesson in course.lessons if lesson.quiz and lesson.quiz.questions][::7]:
        count = len(lesson.quiz.questions)
        html = _html(site, lesson.page[: -len(".md")] + ".html")
        quiz = html[html.index('<section class="hvs-quiz') : html.index('<p class="hvs-sheet-link')]
        assert _tag_bytes(quiz) / count <= QUESTION_TAGS_BUDGET, lesson.page
        # what only the script shows is made by it (reader.js: the audio-first switch)
        assert '<p class="hvs-listen-row" hidden></p>' in quiz and "data-correct" not in quiz
        sheet = _html(site, "phieu/" + lesson.page[: -len(".md")] + ".html")
        assert _tag_bytes(sheet) / count <= SHEET_TAGS_BUDGET, lesson.page


def test_the_size_breakdown_accounts_for_every_byte(synthetic):
    from benchmarks.site_size import measure

    _, site = synthetic
    result = measure(site)
    on_disk = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert sum(row["bytes"] for row in result["kinds"].values()) == result["site_bytes"] == on_disk
    assert result["kinds"]["lesson pages"]["files"] == result["lessons"] == LESSONS
    parts = result["lesson_parts_mean"]
    assert all(parts[name] > 0 for name in ("head", "header and search", "drawer", "lesson text", "self-assessment"))
