"""The MkDocs plugin: hands the core's site plan (`generator.plan`) to MkDocs, event by event."""

from __future__ import annotations

from html import unescape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import csp, dist, markup, messages, plan, render, search, slim
from ..loader import Project, load
from . import quick, templates_cache
from .options import HocVuSoConfig, project_of
from .preview import Preview, add_to_search
from .structure import drop_unused_theme_files, mkdocs_nav

log = get_plugin_logger(__name__)


class HocVuSoPlugin(BasePlugin[HocVuSoConfig]):
    def __init__(self):
        super().__init__()
        self.project: Project | None = None
        self.course = None
        self.plan: plan.SitePlan | None = None
        self.pages: dict[str, str] = {}  # page src -> final HTML content, for the one-file edition
        self.keep_pages = False  # set by `hocvuso dist`/`onefile`: a plain build need not hold every page
        self.serving = False
        self.preview: Preview | None = None  # `mkdocs serve`: what is kept between its builds
        self.search = search.SearchIndex()
        self.slimmer = slim.Slimmer()

    def on_startup(self, *, command, dirty):
        """`mkdocs serve`: no cached course in the author's browser; rebuilds reuse (mkdocs_plugin/preview.py)."""
        self.serving = command == "serve"
        self.preview = Preview() if self.serving else None

    def on_shutdown(self):
        if self.preview:
            self.preview.close()
        self.serving, self.preview = False, None

    def on_config(self, config, **kwargs):
        """Load and validate the whole course, and plan the site; stop the build listing every problem."""
        if not self.config.enabled:
            return
        messages.activate(self.config.language)
        markup.use_extensions(config.markdown_extensions, config.mdx_configs)  # quiz text: the lessons' Markdown
        self.project = project_of(config, self.config)
        if self.preview:
            self.preview.start(self.project, config)
        report = load(self.project)
        failed = f"{messages.msg('build_failed', count=len(report.problems))}\n" + "\n".join(map(str, report.problems))
        if report.problems and not self.serving:
            raise PluginError(failed)
        if report.problems:  # the preview shows the problems in the browser and waits for a fix
            log.warning(failed)
            self.plan = plan.problems_plan(report.problems, config.site_name, self.config.course_id)
        else:
            self.course = report.course
            self.plan = plan.build_plan(self.course, self.project, config.site_name, self.config.course_id)
        if self.preview:
            self.preview.plan(self.course, self.project, self.plan)
        self.pages, self.search, self.slimmer = {}, search.SearchIndex(), slim.Slimmer()
        config.use_directory_urls = False  # relative .html links are what make the site work from file://
        config.nav = [mkdocs_nav(item) for item in self.plan.nav]
        return config

    def on_serve(self, server, *, config, builder):
        """Rebuild when a quiz, the framework or the glossary changes too; quickly when it can (quick.py)."""
        if self.config.enabled:  # on_config ran before: `self.project` is known
            quick.serve(self, server)
        return server

    def on_files(self, files: Files, *, config):
        """Add the planned pages that have no source file, and the generated assets."""
        if not self.config.enabled:
            return files
        docs = Path(config.docs_dir)
        for file in [f for f in files if f.src_dir and Path(f.src_dir) == docs]:
            if not self.plan.publishes(docs, file.src_uri):
                files.remove(file)
        for page in self.plan.pages:
            if files.get_file_from_path(page.src) is None:
                inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, page.src, content=page.front_matter(), inclusion=inclusion))
        for path, text in self.plan.assets.items():
            files.append(File.generated(config, path, content=text))
        for file in [f for f in files if self.plan.media and not f.is_documentation_page()]:
            # images prepared for phones ship instead of the originals; the plan rewrites links to them
            shipped = self.plan.media.site_files(file.src_uri, file.abs_src_path) or []
            if shipped and file.src_uri in dict(shipped):
                files.remove(file)
            elif shipped:
                file.inclusion = InclusionLevel.EXCLUDED
            for path, prepared in shipped:
                files.append(File.generated(config, path, abs_src_path=str(prepared)))
        for path in self.plan.theme_assets:
            if (asset := files.get_file_from_path(path)) is None:  # a theme without the Học vụ số overrides
                log.warning("%s is missing from the theme: self-assessments will not be interactive", path)
                continue
            files.remove(asset)
            files.append(File.generated(config, path, content=self.plan.theme_asset(path, asset.content_string)))
        drop_unused_theme_files(files, config)
        return files

    def on_env(self, env, *, config, files):
        """Let templates speak the course's language (`{{ ui("reader.listen") }}`); add the search index,
        linked with its version from every page so that a browser never mixes two builds' indexes."""
        if not self.config.enabled:
            return env
        env.globals["ui"] = messages.ui
        templates_cache.use(env)  # compiled templates kept between builds (the user's cache)
        env.globals["hvs_csp"] = None if self.serving else csp.policy  # pages' CSP; none in preview (inline reload)
        index = self.search.files(messages=messages.ui_strings()["search"]["results"])
        self.search = search.SearchIndex()  # its words and texts go before the pages are written
        version = self.preview.env(env, index, files) if self.preview else search.version(index)
        for path, script in index.items():  # the preview's unchanged ones are on disk already
            files.append(File.generated(config, path, content=script))
        env.globals["hvs_search"] = {"index": search.SEARCH_ASSET, "version": version}
        return env

    def on_nav(self, nav, *, config, files):
        """Mark the areas' sections: the theme lists the current area's lessons only (theme/partials/nav.html)."""
        if not self.config.enabled:
            return nav
        if self.preview:
            self.preview.navigation(nav)
        for item in nav.items:
            first = item.children[0] if item.is_section and item.children else None
            planned = self.plan.page(first.file.src_uri) if first and first.is_page else None
            item.hvs_area = bool(planned and planned.kind == "area")
        return nav

    def on_pre_page(self, page, *, config, files):
        return self.preview.pre_page(page) if self.config.enabled and self.preview else page

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled or (planned := self.plan.page(page.file.src_uri)) is None:
            return html
        if planned.search:
            add_to_search(self.search, planned, html)
        # MkDocs keeps every page's source until the end of the build; 600 lessons' text weighs megabytes.
        page.markdown = ""  # not None: MkDocs reads that as "not read yet" (no title)
        # A title MkDocs took from a heading is HTML text; every template escapes titles: make it plain.
        if "title" not in page.meta and page.title:
            page.meta["title"] = unescape(page.title)
        if self.preview and self.preview.reused(page, html):
            return html
        return planned.body(html, page.title or "")

    # Last, so other plugins see the page whole before its content is let go.
    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        """Fill what the plan renders late; keep each page's final content for the one-file edition."""
        if not self.config.enabled:
            return output
        if self.preview and (reused := self.preview.output(page, self.slimmer)) is not None:
            return reused
        planned = self.plan.page(page.file.src_uri)
        if planned and planned.late:
            late = planned.late()
            output = output.replace(plan.LATE, late, 1)
            if self.keep_pages and planned.in_nav:
                self.pages[planned.src] = page.content.replace(plan.LATE, late, 1)
        elif self.keep_pages and (planned is None or planned.in_nav):
            self.pages[page.file.src_uri] = page.content
        page.content = None  # written now, never read again by MkDocs: let it go
        if self.preview:
            return self.preview.written(page, output, self.slimmer)
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
        if self.preview:
            self.preview.written_all()
        self.slimmer.finish(Path(config.site_dir))  # before the service worker records each file's content
        dist.write_service_worker(
            Path(config.site_dir),
            serving=self.serving,
            teacher_only=[render.page_url(p.src) for p in self.plan.pages if not p.offline],
        )
        if self.preview:
            self.preview.finish()
