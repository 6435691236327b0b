"""The site plan: every page and generated asset of a course site, decided once, in the core.

The MkDocs adapter, `hocvuso check`, the one-file edition, the service worker's precache list and
any exporter read this plan instead of keeping lists of their own. A page is addressed by its path
relative to the content folder (`4-an-toan/02-otp.md`), as MkDocs and `render.link` address it.

Adding a page kind: give it a `Page` in `build_plan` (title, navigation place, who it is for,
how its content is made); nothing else needs to know about it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import (
    area_page,
    coverage,
    glossary,
    glossary_page,
    images,
    media,
    render,
    results_page,
    roster,
    safefile,
    safehtml,
    slim,
    webapp,
    worksheet,
)
from . import paths as learning_paths
from .loader import Project
from .messages import ui
from .model import Area, Course, Module

# Content rendered only as the page is written (`Page.late`): MkDocs holds every page's content
# until the end of the build, and 600 lessons' self-assessments and worksheets would cost 20 MB.
LATE = "<!-- hocvuso: rendered as the page is written -->"

_NARRATION = "<!-- hocvuso: narration -->"

LEARNERS = "learners"
OWNERS = "owners"  # teachers and course owners: worksheets, the coverage report


@dataclass(frozen=True)
class Search:
    """How a page enters the site search: the section it is listed under and its lead text."""

    section: str
    lead: tuple[str, ...] = ()
    body: bool = True  # index the page's own text, not only its title and lead


@dataclass(frozen=True)
class Page:
    src: str  # path relative to the content folder
    title: str
    kind: str  # home, area, module, lesson, path, glossary, results, worksheet, report
    audience: str = LEARNERS
    template: str | None = None  # a theme template other than the default
    needs_source: bool = False  # a teacher's Markdown file (lessons); other pages may be generated
    search: Search | None = None
    # (the host's HTML of the page's Markdown, "" for a generated page; the title the host read from
    # the page's source, unescaped) -> the page's content.
    body: Callable[[str, str], str] = field(default=lambda html, title: html, compare=False, repr=False)
    # Replaces `LATE` in the written page, when the page has content rendered late.
    late: Callable[[], str] | None = field(default=None, compare=False, repr=False)
    listed: bool = True  # False: a learner page reached from another page only, not from the menu

    @property
    def in_nav(self) -> bool:
        return self.audience == LEARNERS and self.listed

    def front_matter(self) -> str:
        """The Markdown source of a generated page: its title, template, and for pages outside the
        learners' navigation, out of search too. (JSON strings are valid YAML and escape everything.)"""
        meta = {
            "title": json.dumps(self.title, ensure_ascii=False),
            "template": self.template,
            "search": None if self.in_nav else "\n  exclude: true",
        }
        return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items() if v) + "---\n"

    @property
    def offline(self) -> bool:
        """Kept on a learner's phone by the service worker."""
        return self.audience == LEARNERS


@dataclass(frozen=True)
class NavItem:
    """A place in the learners' navigation: a page, or a section of items."""

    title: str | None  # None: the page's own title
    page: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass
class SitePlan:
    pages: list[Page]
    nav: list[NavItem]
    # Generated assets: site path -> text. (The search index is made once every page is known.)
    assets: dict[str, str]
    # The theme's own script and styles: site path -> what goes before their compacted text.
    theme_assets: dict[str, str] = field(default_factory=dict)
    # The page that stands for any page the plan does not list (the preview of a broken course).
    fallback: Page | None = None
    # The course's images, audio and video: what the site ships instead of the teacher's files.
    media: media.Media | None = None
    _by_src: dict[str, Page] = field(default_factory=dict, repr=False)
    _validated: set[str] = field(default_factory=set, repr=False)  # `publishes` is asked once a file

    def __post_init__(self):
        self._by_src = {page.src: page for page in self.pages}
        self._validated = {page.src for page in self.pages if page.needs_source}

    def page(self, src: str) -> Page | None:
        return self._by_src.get(src, self.fallback)

    def sources(self) -> set[str]:
        """Every page a lesson may link to, relative to the content folder."""
        return set(self._by_src)

    def publishes(self, docs_dir: Path, src_uri: str) -> bool:
        """Whether a file of the docs folder goes into the site: Markdown only if it is a page the
        loader validated (no stray drafts in `_…/`, `img/`, `assets/`), and never a symbolic link or
        a special file (safefile; issue 13). The preview of a broken course publishes what it has."""
        if self.fallback is not None:
            return not safefile.is_unsafe(docs_dir, src_uri)
        return not safefile.excluded(docs_dir, src_uri, self._validated)

    def owner_pages(self) -> list[Page]:
        return [page for page in self.pages if page.audience == OWNERS]

    def theme_asset(self, path: str, text: str) -> str:
        """A theme asset as shipped: compacted and prefixed, so each arrives as one cached file."""
        return self.theme_assets[path] + slim.compact_asset(text)


def unused_theme_file(src: str, palette: bool) -> bool:
    """Files of the host theme (Material) the site does not load, so does not ship either: its
    scripts (bundle, search worker, lunr languages; theme/main.html loads ours), source maps, and
    the colour palette's stylesheet unless the course asks for a palette (≈ 1.3 MB on a USB stick)."""
    return (
        src.startswith("assets/javascripts/")
        or src.endswith(".map")
        or (src.startswith("assets/stylesheets/palette.") and not palette)
    )


def build_plan(course: Course, project: Project, site_name: str = "", course_id: str | None = None) -> SitePlan:
    """The plan of a course's site. `course_id` names the learner's saved progress (default: from
    the site name)."""
    pages: list[Page] = []
    nav: list[NavItem] = [NavItem(ui("home_nav"), render.HOME_PAGE)]
    course_media = media.Media(project.root / project.content, project.root / images.CACHE_FOLDER)
    marked: dict[str, set[str]] = {}  # lesson page -> the glossary terms its page marked, in this build
    pages.append(Page(render.HOME_PAGE, ui("home_title"), "home", body=lambda html, title: render.render_home(course)))
    for area in course.areas:
        area_pages, area_nav = _area_pages(course, area, course_media, marked)
        pages += area_pages
        nav.append(area_nav)
    paths = [a for a in course.framework.audiences if course.path_lessons(a.id)]
    for audience in paths:
        pages.append(
            Page(
                render.path_page(audience.id),
                ui("path_title", audience=audience.name),
                "path",
                body=lambda html, title, a=audience.id: learning_paths.render_path(course, a),
            )
        )
        # an area with many lessons in the path: a page of its own, linked from the path page
        pages += [
            Page(
                learning_paths.area_page(audience.id, area),
                learning_paths.area_title(course, audience.id, area),
                "path",
                body=lambda html, title, a=audience.id, area=area: learning_paths.render_area(course, a, area),
                listed=False,
            )
            for area in learning_paths.split_areas(course, audience.id)
        ]
    if paths:
        nav.append(NavItem(ui("paths_nav"), children=tuple(NavItem(a.name, render.path_page(a.id)) for a in paths)))
    if course.glossary:
        pages.append(
            Page(
                glossary.GLOSSARY_PAGE,
                ui("glossary.page_title"),
                "glossary",
                # late: written after every lesson page was marked, it reads their terms from `marked`
                body=lambda html, title: glossary_page.page_head() + LATE,
                late=lambda: glossary_page.render_entries(
                    course.glossary, course, project, lambda to: render.link(glossary.GLOSSARY_PAGE, to), marked
                ),
            )
        )
        nav.append(NavItem(ui("glossary.nav"), glossary.GLOSSARY_PAGE))
    pages.append(
        Page(
            render.RESULTS_PAGE,
            ui("results_title"),
            "results",
            body=lambda html, title: results_page.render_results(course, site_name) + roster.share_section(),
        )
    )
    nav.append(NavItem(ui("results_title"), render.RESULTS_PAGE))
    pages += _owner_pages(course)
    site_id = course_id or render.course_id(site_name)
    theme_assets = {
        render.SCRIPT_ASSET: render.script_prelude(site_id, site_name),
        render.STYLE_ASSET: "",
        render.PRACTICE_STYLE: "",
        # compacted too: reader.js and page.js (with the words of what they build) go into every
        # page's bundle.js, search.js to every search
        "assets/hocvuso/reader.js": render.reader_prelude(),
        "assets/hocvuso/page.js": render.page_prelude(),
        "assets/hocvuso/search.js": "",
        roster.CODE_ASSET: roster.script_prelude(site_id),
        # the course's structure in front of the progress views: one file for the pages that show progress
        render.COURSE_DATA_ASSET: render.course_data_script(course),
    }
    assets = {webapp.MANIFEST: webapp.manifest(site_name, ui("site_lang"))}
    return SitePlan(pages, nav, assets, theme_assets, media=course_media)


def _area_pages(
    course: Course, area: Area, course_media: media.Media, marked: dict[str, set[str]]
) -> tuple[list[Page], NavItem]:
    """An area's page, its modules' pages and its lessons, in course order, and its navigation
    section: area -> its own lessons and its modules (each a section: module page -> lessons)."""
    pages = [_area_page(course, area, course_media)]
    children = [NavItem(None, area.page)]
    for part in area.parts():
        if isinstance(part, Module):
            pages.append(_area_page(course, part, course_media))
            pages += [_lesson_page(course, lesson, course_media, marked) for lesson in part.lessons]
            lessons = tuple(NavItem(None, lesson.page) for lesson in part.lessons)
            children.append(NavItem(part.title, children=(NavItem(None, part.page), *lessons)))
        else:
            pages.append(_lesson_page(course, part, course_media, marked))
            children.append(NavItem(None, part.page))
    return pages, NavItem(f"{area.code}. {area.name}", children=tuple(children))


def _area_page(course: Course, area: Area | Module, course_media: media.Media) -> Page:
    """An area's page, or a module's (made the same way, from its own index.md if it has one)."""
    module = isinstance(area, Module)

    def body(html: str, title: str) -> str:
        html = course_media.rewrite(safehtml.neutralise_script_urls(html), area.page)
        intro = f"<h1>{escape(title)}</h1>{html}" if area.intro_page else None
        made = area_page.render_module(course, area, intro) if module else area_page.render_area(course, area, intro)
        return media.with_assets(made, area.page)

    return Page(
        area.page,
        area.title if module else area.name,
        "module" if module else "area",
        needs_source=bool(area.intro_page),
        body=body,
        search=Search(ui("search.module_page" if module else "search.area_page"), body=bool(area.intro_page)),
    )


def _lesson_page(course: Course, lesson, course_media: media.Media, marked: dict[str, set[str]]) -> Page:
    def body(html: str, title: str) -> str:
        head = render.render_lesson_head(course, lesson)
        html = safehtml.neutralise_script_urls(html)  # lesson bodies keep raw HTML, not script URLs (issue 13)
        html = render.fold_sources(html)  # the sources section folded: the way to the quiz is short
        marked_html = glossary.mark_lesson(
            course.glossary,
            head + _NARRATION + course_media.rewrite(html, lesson.page),
            render.link(lesson.page, glossary.GLOSSARY_PAGE),
        )
        marked[lesson.page] = glossary_page.marked_terms(marked_html)
        # The recorded narration, at the top, after the glossary's marking (its labels are not lesson text).
        narrated = marked_html.replace(_NARRATION, course_media.narration(lesson.page, lesson.audio), 1)
        return media.with_assets(narrated, lesson.page, bool(media.quiz_clips(lesson.quiz))) + LATE

    return Page(
        lesson.page,
        lesson.title,
        "lesson",
        needs_source=True,
        body=body,
        late=lambda: render.render_lesson_foot(course, lesson),
        search=Search(course.area(lesson.area_code).name, (lesson.summary or "", *lesson.objectives)),
    )


def _owner_pages(course: Course) -> list[Page]:
    """Printable worksheets per lesson and per area, and the coverage report."""
    found = [
        Page(src, title, "worksheet", OWNERS, "hvs-sheet.html", body=lambda html, title: LATE, late=make)
        for src, (title, make) in worksheet.pages(course).items()
    ]
    found.append(
        Page(
            coverage.REPORT_PAGE,
            coverage.page_title(),
            "report",
            OWNERS,
            "hvs-sheet.html",
            body=lambda html, title: LATE,
            late=lambda: coverage.render_html(coverage.coverage(course)),
        )
    )
    # The class roster: learners' results codes scanned or pasted, tallied on the teacher's device.
    found.append(
        Page(roster.ROSTER_PAGE, ui("roster_title"), "roster", OWNERS, body=lambda html, title: roster.render_page())
    )
    return found


def problems_plan(problems: list, site_name: str = "", course_id: str | None = None) -> SitePlan:
    """The preview (`hocvuso serve`) of a course that has errors: every page lists them, in the
    teacher's language, and reloads by itself once the files are fixed."""
    title = ui("preview.title", count=len(problems))
    items = "".join(f"<li><code>{escape(p.path)}:{p.line}</code> {escape(p.message)}</li>" for p in problems)
    html = (
        f"<h1>{escape(title)}</h1><p>{escape(ui('preview.intro'))}</p>"
        f'<ol class="hvs-problems">{items}</ol><p>{escape(ui("preview.fix"))}</p>'
    )
    page = Page(render.HOME_PAGE, title, "problems", body=lambda _html, _title: html)
    site_id = course_id or render.course_id(site_name)
    theme_assets = {render.SCRIPT_ASSET: render.script_prelude(site_id, site_name), render.STYLE_ASSET: ""}
    return SitePlan([page], [NavItem(title, render.HOME_PAGE)], {}, theme_assets, fallback=page)
