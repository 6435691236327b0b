"""The MkDocs plugin: a thin adapter that puts the core's course model and HTML into MkDocs pages."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import dist, glossary, render, search, slim
from .config import HocVuSoConfig
from .loader import Project, load
from .messages import msg, set_language, ui, ui_strings
from .model import Course
from . import coverage, worksheet

log = get_plugin_logger(__name__)


class HocVuSoPlugin(BasePlugin[HocVuSoConfig]):
    def __init__(self):
        super().__init__()
        self.course: Course | None = None
        self.project: Project | None = None
        self.pages: dict[str, str] = {}  # page src -> final HTML content, for the one-file edition
        self.keep_pages = False  # set by `hocvuso dist`/`onefile`: a plain build need not hold every page
        self.serving = False
        self.owner_pages: dict = {}  # worksheets and the coverage report: src -> (title, render)
        self.search = search.SearchIndex()
        self.slimmer = slim.Slimmer()

    def on_startup(self, *, command, dirty):
        """Note `mkdocs serve`: its preview must not leave a cached course in the author's browser."""
        self.serving = command == "serve"

    def on_config(self, config, **kwargs):
        """Load and validate the whole course; stop the build listing every problem."""
        if not self.config.enabled:
            return
        set_language(self.config.language)
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.project = Project(root=root, content=Project(root).rel(docs),
                               quizzes=self.config.quizzes, framework=self.config.framework,
                               glossary=self.config.glossary)
        report = load(self.project)
        if report.problems:
            lines = "\n".join(str(p) for p in report.problems)
            raise PluginError(f"{msg('build_failed', count=len(report.problems))}\n{lines}")
        self.course = report.course
        self.pages = {}
        self.search = search.SearchIndex()
        self.slimmer = slim.Slimmer()
        # Relative .html links are what make the site work from file://.
        config.use_directory_urls = False
        config.nav = self._nav()
        return config

    def _nav(self) -> list:
        course = self.course
        nav: list = [{ui("home_nav"): render.HOME_PAGE}]
        for area in course.areas:
            nav.append({f"{area.code}. {area.name}": [area.page] + [lesson.page for lesson in area.lessons]})
        paths = [{a.name: render.path_page(a.id)} for a in course.framework.audiences if course.path_lessons(a.id)]
        if paths:
            nav.append({ui("paths_nav"): paths})
        if course.glossary:
            nav.append({ui("glossary.nav"): glossary.GLOSSARY_PAGE})
        nav.append({ui("results_title"): render.RESULTS_PAGE})
        return nav

    def on_serve(self, server, *, config, builder):
        """Rebuild when a quiz or the framework changes, not only lessons."""
        if not self.config.enabled:
            return server
        for path in (self.project.root / self.config.quizzes, self.project.root / self.config.framework,
                     self.project.root / self.config.glossary):
            if path.exists():
                server.watch(str(path))
        return server

    def on_files(self, files: Files, *, config):
        """Add the generated pages (home, missing area overviews, learning paths, results) and the
        browser script's data: the course structure and the site's id and strings."""
        if not self.config.enabled:
            return files
        course = self.course
        pages = {render.HOME_PAGE: ui("home_title"), render.RESULTS_PAGE: ui("results_title")}
        pages.update({area.page: area.name for area in course.areas})
        pages.update({render.path_page(a.id): ui("path_title", audience=a.name)
                      for a in course.framework.audiences if course.path_lessons(a.id)})
        if course.glossary:
            pages[glossary.GLOSSARY_PAGE] = ui("glossary.page_title")
        for src, title in pages.items():
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=f"---\ntitle: {_yaml_str(title)}\n---\n"))
        self._add_owner_pages(files, config)
        files.append(File.generated(config, render.COURSE_DATA_ASSET, content=render.course_data_script(course)))
        self._generate_assets(files, config)
        _drop_unused_theme_files(files, config)
        return files

    def _add_owner_pages(self, files: Files, config) -> None:
        """Pages for teachers and course owners, outside the learners' navigation and search:
        a printable worksheet per lesson and per area, and the coverage report."""
        course = self.course
        self.owner_pages = dict(worksheet.pages(course))
        self.owner_pages[coverage.REPORT_PAGE] = (coverage.page_title(),
                                                  lambda: coverage.render_html(coverage.coverage(course)))
        for src, (title, _) in self.owner_pages.items():
            if files.get_file_from_path(src) is None:
                meta = f"---\ntitle: {_yaml_str(title)}\ntemplate: hvs-sheet.html\nsearch:\n  exclude: true\n---\n"
                files.append(File.generated(config, src, content=meta, inclusion=InclusionLevel.NOT_IN_NAV))

    def _generate_assets(self, files: Files, config) -> None:
        """Ship the theme's script and styles compacted, the script prefixed with the course id and
        the learner-facing strings, so each arrives as one cached file."""
        site_id = self.config.course_id or render.course_id(config.site_name)
        prelude = {render.SCRIPT_ASSET: render.script_prelude(site_id, config.site_name), render.STYLE_ASSET: ""}
        for path, head in prelude.items():
            asset = files.get_file_from_path(path)
            if asset is None:  # a theme without the Học vụ số overrides
                log.warning("%s is missing from the theme: self-assessments will not be interactive", path)
                continue
            files.remove(asset)
            files.append(File.generated(config, path, content=head + render.compact_asset(asset.content_string)))

    def on_env(self, env, *, config, files):
        """Let templates say things in the course's language: `{{ ui("reader.listen") }}`."""
        if not self.config.enabled:
            return env
        env.globals["ui"] = ui
        # Every page's text is known now: add the search index, linked with its version from every
        # page so that a browser never answers a search from an older build's index.
        script = self.search.script(messages=ui_strings()["search"]["results"])
        files.append(File.generated(config, search.SEARCH_ASSET, content=script))
        env.globals["hvs_search"] = {"index": search.SEARCH_ASSET, "version": search.version(script)}
        return env

    def on_nav(self, nav, *, config, files):
        """Mark the areas' sections: the theme lists the current area's lessons only (theme/partials/nav.html)."""
        if not self.config.enabled:
            return nav
        overviews = {area.page for area in self.course.areas}
        for item in nav.items:
            first = item.children[0] if item.is_section and item.children else None
            item.hvs_area = bool(first and first.is_page and first.file.src_uri in overviews)
        return nav

    def on_page_content(self, html, *, page, config, files):
        """Wrap lessons with their header and self-assessment; fill generated pages."""
        if not self.config.enabled:
            return html
        course, src = self.course, page.file.src_uri
        self._add_to_search(src, html)
        # MkDocs keeps every page's source and HTML until the end of the build; the source is not
        # needed any more, and 600 lessons' Vietnamese text weighs megabytes (issue 7's memory goal).
        page.markdown = ""  # not None: MkDocs reads that as "not read yet" (no title)
        lesson = course.lesson_by_page(src)
        if lesson:
            html = glossary.mark_lesson(course.glossary, render.render_lesson_head(course, lesson) + render.fold_sources(html),
                                        render.link(lesson.page, glossary.GLOSSARY_PAGE))
            return html + _LESSON_FOOT  # the self-assessment, rendered as the page is written
        if src == glossary.GLOSSARY_PAGE and course.glossary:
            return glossary.render_page(course.glossary, course, self.project,
                                        lambda page: render.link(src, page))
        if src in self.owner_pages:
            return _OWNER_CONTENT  # rendered as the page is written (on_post_page)
        if src == render.HOME_PAGE:
            return render.render_home(course)
        if src == render.RESULTS_PAGE:
            return render.render_results(course)
        for area in course.areas:
            if src == area.page:
                intro = f"<h1>{page.title}</h1>{html}" if area.intro_page else None
                return render.render_area(course, area, intro)
        for audience in course.framework.audiences:
            if src == render.path_page(audience.id):
                return render.render_path(course, audience.id)
        return html

    def _add_to_search(self, src: str, html: str) -> None:
        """Index what a learner looks for: lessons (without their self-assessment) and area overviews."""
        course = self.course
        lesson = course.lesson_by_page(src)
        if lesson:
            self.search.add_page(render.page_url(src), lesson.title, course.area(lesson.area_code).name, html,
                                 lead=[lesson.summary or "", *lesson.objectives])
            return
        for area in course.areas:
            if src == area.page:
                self.search.add_page(render.page_url(src), area.name, ui("search.area_page"),
                                     html if area.intro_page else "")

    # Last, so other plugins see the page whole before its content is let go.
    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        """Fill the owner pages; keep each page's final content for the one-file edition (`hocvuso onefile`)."""
        if not self.config.enabled:
            return output
        src = page.file.src_uri
        if src in self.owner_pages:
            output = output.replace(_OWNER_CONTENT, self.owner_pages[src][1](), 1)
        elif lesson := self.course.lesson_by_page(src):
            foot = render.render_lesson_foot(self.course, lesson)
            output = output.replace(_LESSON_FOOT, foot, 1)
            if self.keep_pages:
                self.pages[src] = page.content.replace(_LESSON_FOOT, foot, 1)
        elif self.keep_pages:
            self.pages[src] = page.content
        # Written now, never read again by MkDocs: let it go, as the source was (on_page_content).
        page.content = None
        return self.slimmer.page(output, page.file.abs_dest_path)

    def on_post_template(self, output_content, *, template_name, config):
        """404.html and the like: compacted too."""
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return self.slimmer.page(output_content, Path(config.site_dir) / template_name)

    # Last, so the list of files to keep offline includes what other plugins wrote.
    @event_priority(-100)
    def on_post_build(self, *, config):
        """Write sw.js, which keeps the whole course on a phone that visited it over HTTP."""
        if not self.config.enabled:
            return
        # Before the service worker's list of files: it records each file's content.
        self.slimmer.finish(Path(config.site_dir))
        dist.write_service_worker(Path(config.site_dir), serving=self.serving)


# Material's scripts (bundle, search worker, lunr languages) and source maps: theme/main.html does
# not load them, so they are not shipped either (≈ 1.3 MB less on a USB stick); nor is the colour
# palette's stylesheet unless `theme.palette` asks for one.
def _drop_unused_theme_files(files: Files, config) -> None:
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    theirs = [d for d in (Path(d).resolve() for d in config.theme.dirs) if d != custom]
    for file in list(files):
        src = file.src_uri
        unused = (src.startswith("assets/javascripts/") or src.endswith(".map")
                  or (src.startswith("assets/stylesheets/palette.") and not config.theme.get("palette")))
        if unused and file.abs_src_path and any(Path(file.abs_src_path).resolve().is_relative_to(d) for d in theirs):
            files.remove(file)


# Worksheets, the report and each lesson's self-assessment are rendered only as the page is written:
# MkDocs holds every page's content until the end of the build, and for 600 lessons these would
# cost 20 MB of memory (issue 7's goal: no more than plain mkdocs-material).
_OWNER_CONTENT = "<!-- hocvuso: owner page -->"
_LESSON_FOOT = "<!-- hocvuso: self-assessment -->"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
