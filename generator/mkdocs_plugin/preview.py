"""The live preview's reuse of unchanged pages (issue 21): saving one lesson of a 600-lesson course
rebuilds that lesson, not the course.

Saving a lesson or a quiz usually needs no build at all: quick.py re-makes the pages whose key
changed with the MkDocs objects this module keeps from the last whole build (`Preview.last`).
What follows is the whole build, which every other change (and any doubt) still runs.

`mkdocs serve` runs a whole build on every save, in the same process, with the same plugin
instance (a plugin with `on_startup` is kept across builds). The core's `incremental.Cache` lives
in that instance: it keeps parsed files, search words and, per page, what MkDocs and the plugin
made of it under the page's key (`incremental.page_keys`). A page whose key is unchanged skips
MkDocs' Markdown conversion (its `read_source` and `render` are replaced on that page object by
the stored results), the plugin's rendering, and the theme's template (an empty one), and its
stored output is kept as it was. The site written is always whole: the same files, byte for byte,
as a clean build of the preview (tests/test_incremental.py).

Files are not written again either (deleting and writing a 600-lesson site's 1,900 files took
2-4 s a save): MkDocs cleans the site folder before each build but leaves hidden entries alone
(`mkdocs.utils.clean_directory`), so `start` moves the last build's files into the hidden
`.hvs-kept/`, and a file this preview wrote there last time and would write again unchanged (an
unchanged page, a search index file, a picture whose source has the same size and time) is
moved back instead of written: MkDocs writes nothing for a page whose output is empty (its "Page
skipped" notice is silenced for those pages) and copies no file marked excluded. What is left in
`.hvs-kept/` (deleted pages, changed files) is removed before the build's last step. The
pages link the search index with a fixed version while previewing (the preview's server sends no
caching headers and there is no service worker: nothing can hold an older index), so that an
edit to one lesson's words does not change every page.

MkDocs' own `--dirty` mode was not used: it decides by file times (a generated page is always
"modified", an unchanged lesson whose neighbour was renamed is not), keeps deleted pages, and
`mkdocs serve` uses it only when asked on the command line.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_build_date

from .. import incremental, render, slim

# The template of a page whose written output is reused: renders nothing, at no cost.
REUSED_TEMPLATE = "hocvuso-reused.html"
SEARCH_VERSION = "preview"  # the search index's version in every build of a preview
KEPT = ".hvs-kept"  # hidden: MkDocs' cleaning of the site folder leaves it (see the module's doc)


@dataclass(eq=False)  # compared by identity: the one stored object is what a file on disk was made of
class _Page:
    """What one build made of a page: MkDocs' HTML and its by-products, and the written page."""

    meta: dict
    html: str
    toc: object
    title: str | None
    anchors: set | None
    output: list[str]  # the written page, split where the search index's version goes
    seen: slim.Seen  # what the page's stylesheet must style
    dest: Path


@dataclass
class _Whole:
    """The MkDocs objects of the last whole build, which a quick rebuild uses again (quick.py)."""

    config: object
    files: object = None
    nav: object = None
    env: object = None
    date: str = ""


class Preview:
    def __init__(self):
        self.cache = incremental.Cache()
        self.keys: dict[str, str] = {}
        self.complete = False  # the plan is a whole course (not the problems of a broken one)
        self.version = ""  # the search index's version in this build's pages
        self._made: dict[str, tuple] = {}  # src -> MkDocs' results, until the page is written
        self._templates = _Compiled()
        self.setting = ""
        self.last: _Whole | None = None  # the last whole build, if a quick rebuild may follow it
        self._whole: _Whole | None = None  # the build under way
        self.index_paths: set[str] = set()  # the search index's files on disk
        self.site = Path()
        self.disk: dict[str, object] = {}  # site path -> what this preview's last build wrote there
        self._written: dict[str, object] = {}  # the same, for the build under way
        self._dirs: set[str] = set()  # folders of the site made again in this build
        log = logging.getLogger("mkdocs.commands.build")
        if not any(isinstance(f, _Quiet) for f in log.filters):
            log.addFilter(_Quiet())

    def start(self, project, config) -> None:
        """Before the course is loaded: the core's memos answer from here during this build."""
        gc.unfreeze()  # what the last whole build kept may be garbage now (see `finish`)
        self.setting = setting(config)
        self.cache.start(project.root, self.sources(project))
        self.last, self._whole = None, _Whole(config, date=get_build_date())
        self._made = {}
        self.site, self._written, self._dirs = Path(config.site_dir), {}, set()
        kept = self.site / KEPT
        if kept.exists():  # the last build stopped halfway: what it left is not known
            shutil.rmtree(kept, ignore_errors=True)
            self.disk = {}
        entries = [e for e in os.listdir(self.site) if not e.startswith(".")] if self.site.is_dir() else []
        if self.disk and entries:
            kept.mkdir()
            for entry in entries:
                os.replace(self.site / entry, kept / entry)

    def sources(self, project) -> list[Path]:
        names = (project.content, project.quizzes, project.framework, project.glossary)
        return [project.root / name for name in names if name]

    def _restore(self, path: str, made: object) -> bool:
        """Move back the file at `path` (site-relative) if the last build wrote `made` there."""
        if path not in self.disk or self.disk[path] != made:
            return False
        site = str(self.site)  # os.path, not pathlib: this runs for every file of the site
        target = os.path.join(site, path)
        try:
            if (folder := os.path.dirname(target)) not in self._dirs:
                os.makedirs(folder, exist_ok=True)
                self._dirs.add(folder)
            os.replace(os.path.join(site, KEPT, path), target)
        except OSError:
            return False
        self._written[path] = made
        return True

    def plan(self, course, project, plan) -> None:
        """The key of every planned page, once the course is loaded and planned."""
        self.complete = plan.fallback is None
        self.keys = incremental.page_keys(self.cache, course, project, plan, self.setting) if self.complete else {}

    def env(self, env, index: dict[str, str], files) -> str:
        """The build's templates; the search index's files that are on disk already are moved back
        and taken out of `index`, as are the copies of unchanged files (pictures, sounds), which
        MkDocs is then told not to copy. Returns the index's version."""
        for file in files:
            if file.is_documentation_page() or not file.abs_src_path or not file.inclusion.is_in_serve():
                continue
            if file.dest_uri.endswith((".html", ".css", ".js")):
                continue  # the slimmer may change those after they are copied
            try:
                stat = os.stat(file.abs_src_path)
            except OSError:
                continue
            made = (file.abs_src_path, stat.st_size, stat.st_mtime_ns)  # as MkDocs' --dirty, and `Cache.listing`
            if self._restore(file.dest_uri, made):
                file.inclusion = InclusionLevel.EXCLUDED  # MkDocs copies no excluded file
            else:
                self._written[file.dest_uri] = made
        env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])
        env.bytecode_cache = self._templates  # MkDocs makes a new Jinja environment for every build
        if self._whole is not None:
            self._whole.files, self._whole.env = files, env
        self.index_paths = set(index)
        for path, script in list(index.items()):
            if self._restore(path, script):
                del index[path]
            else:
                self._written[path] = script
        self.version = SEARCH_VERSION
        return self.version

    def pre_page(self, page):
        """An unchanged page: MkDocs' reading and rendering give back the stored results."""
        stored: _Page | None = self.cache.page(page.file.src_uri, self.keys.get(page.file.src_uri))
        page.hvs_reused = stored
        if stored is None:
            return page

        def read_source(config):
            page.markdown, page.meta = "", {**stored.meta, "template": REUSED_TEMPLATE}

        def render(config, files):
            page.content, page.toc, page._title_from_render = stored.html, stored.toc, stored.title
            page.present_anchor_ids, page.links_to_anchors = stored.anchors, None

        page.read_source, page.render = read_source, render
        return page

    def reused(self, page, html: str) -> bool:
        """Whether the page is unchanged; if not, MkDocs' results (`html`: its Markdown as HTML)
        are kept until it is written."""
        if getattr(page, "hvs_reused", None) is not None:
            return True
        self._made[page.file.src_uri] = (
            dict(page.meta),
            html,
            page.toc,
            page._title_from_render,
            page.present_anchor_ids,
        )
        return False

    def output(self, page, slimmer: slim.Slimmer) -> str | None:
        """The stored written page, if the page is unchanged."""
        stored: _Page | None = getattr(page, "hvs_reused", None)
        if stored is None:
            return None
        slimmer.seen.merge(stored.seen)
        slimmer.done.add(stored.dest)
        if self._restore(page.file.dest_uri, (stored, self.version)):
            _QUIET.add(_skipped(page))
            return ""  # written already: MkDocs writes nothing for an empty page
        self._written[page.file.dest_uri] = (stored, self.version)
        return f"?v={self.version}".join(stored.output)

    def written(self, page, output: str, slimmer: slim.Slimmer) -> str:
        """A page built anew, slimmed as the build does, and kept for the next build."""
        one = slim.Slimmer()
        output = one.page(output, page.file.abs_dest_path)
        slimmer.seen.merge(one.seen)
        slimmer.done |= one.done
        src = page.file.src_uri
        made = self._made.pop(src, None)
        if made is not None and self.version and self.complete:
            parts = output.split(f"?v={self.version}")
            self.cache.store(src, self.keys.get(src), stored := _Page(*made, parts, one.seen, *one.done))
            if self.keys.get(src) is not None:
                self._written[page.file.dest_uri] = (stored, self.version)
        return output

    def written_all(self) -> None:
        """Every file is written: what is left of the last build goes (before the site is slimmed)."""
        shutil.rmtree(self.site / KEPT, ignore_errors=True)
        self.disk, self._written = self._written, {}
        _QUIET.clear()

    def finish(self) -> None:
        """After the build; a broken course's preview forgets nothing, so the fix is quick."""
        if self.complete:
            self.cache.forget_pages(set(self.keys))
        self.cache.finish(forget=self.complete)
        whole, self._whole = self._whole, None
        if self.complete and whole and whole.env is not None and whole.nav is not None:
            self.last = whole
        # What this build keeps (the pages' stored results, MkDocs' objects) is out of the garbage
        # collector's sight until the next whole build: its full collections walked them all,
        # a third of a quick rebuild's time (quick.py).
        gc.freeze()

    def close(self) -> None:
        """The preview ends: what the last build kept goes back to the garbage collector."""
        gc.unfreeze()
        self.last = None

    def navigation(self, nav) -> None:
        if self._whole is not None:
            self._whole.nav = nav

    def begin(self) -> None:
        """A quick rebuild (quick.py) begins: what it writes is noted from here."""
        self._made, self._written, self._dirs = {}, {}, set()

    def taken(self) -> dict[str, object]:
        """What the quick rebuild wrote, as `disk` notes it."""
        written, self._written = self._written, {}
        return written

    def wrote_index(self, index: dict[str, str]) -> None:
        """A quick rebuild's search index: its changed files written, the ones it no longer has deleted."""
        for path, script in index.items():
            if self.disk.get(path) != script:
                target = self.site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(script, encoding="utf-8")
                self.disk[path] = script
        for path in self.index_paths - set(index):
            (self.site / path).unlink(missing_ok=True)
            self.disk.pop(path, None)
        self.index_paths = set(index)


def add_to_search(index, planned, html: str) -> None:
    """A planned page's words and texts in the site search (`html`: its Markdown as HTML)."""
    found = planned.search
    index.add_page(
        render.page_url(planned.src), planned.title, found.section, html if found.body else "", lead=found.lead
    )


def _skipped(page) -> str:
    return f"Page skipped: '{page.file.src_uri}'. Generated empty output."  # mkdocs.commands.build._build_page


class _Quiet(logging.Filter):
    """Drops MkDocs' notice for the pages the preview moved back (listed in `_QUIET`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _QUIET or record.getMessage() not in _QUIET


_QUIET: set[str] = set()


def setting(config) -> str:
    """What of MkDocs' configuration a page depends on: `mkdocs.yml`, the served URL, the theme's
    own templates (Material's cannot change while serving)."""
    parts = [config.config_file_path and Path(config.config_file_path).read_bytes(), config.site_url]
    custom = config.theme.custom_dir
    for path in sorted(Path(custom).rglob("*")) if custom else []:
        if path.is_file():
            stat = path.stat()
            parts.append((str(path), stat.st_size, stat.st_mtime_ns))
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class _Compiled(BytecodeCache):
    """The theme's templates compiled once per preview (Jinja checks each template's source
    against its checksum, so an edited template is compiled again)."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
