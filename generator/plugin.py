"""The MkDocs plugin: a thin adapter that puts the core's course model and HTML into MkDocs pages."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import render
from .config import HocVuSoConfig
from .loader import Project, load
from .messages import msg, set_language, ui
from .model import Course

log = get_plugin_logger(__name__)


class HocVuSoPlugin(BasePlugin[HocVuSoConfig]):
    def __init__(self):
        super().__init__()
        self.course: Course | None = None
        self.project: Project | None = None

    def on_config(self, config, **kwargs):
        """Load and validate the whole course; stop the build listing every problem."""
        if not self.config.enabled:
            return
        set_language(self.config.language)
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        self.project = Project(root=root, content=Project(root).rel(docs),
                               quizzes=self.config.quizzes, framework=self.config.framework)
        report = load(self.project)
        if report.problems:
            lines = "\n".join(str(p) for p in report.problems)
            raise PluginError(f"{msg('build_failed', count=len(report.problems))}\n{lines}")
        self.course = report.course
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
        nav.append({ui("results_title"): render.RESULTS_PAGE})
        return nav

    def on_serve(self, server, *, config, builder):
        """Rebuild when a quiz or the framework changes, not only lessons."""
        if not self.config.enabled:
            return server
        for path in (self.project.root / self.config.quizzes, self.project.root / self.config.framework):
            if path.exists():
                server.watch(str(path))
        return server

    def on_files(self, files: Files, *, config):
        """Add the generated pages: home, missing area overviews, learning paths, results."""
        if not self.config.enabled:
            return files
        course = self.course
        pages = {render.HOME_PAGE: ui("home_title"), render.RESULTS_PAGE: ui("results_title")}
        pages.update({area.page: area.name for area in course.areas})
        pages.update({render.path_page(a.id): ui("path_title", audience=a.name)
                      for a in course.framework.audiences if course.path_lessons(a.id)})
        for src, title in pages.items():
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=f"---\ntitle: {_yaml_str(title)}\n---\n"))
        return files

    def on_page_content(self, html, *, page, config, files):
        """Wrap lessons with their header and self-assessment; fill generated pages."""
        if not self.config.enabled:
            return html
        course, src = self.course, page.file.src_uri
        lesson = course.lesson_by_page(src)
        if lesson:
            return render.render_lesson_head(course, lesson) + html + render.render_lesson_foot(course, lesson)
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


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
