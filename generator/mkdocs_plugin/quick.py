"""The live preview's quick rebuild (issue 21): saving a lesson or a quiz re-makes the pages that
depend on it, without MkDocs' whole build.

`mkdocs serve` runs a whole build after every change: a new configuration, plugins and theme,
the theme's 14,000 files listed, the navigation and a page object and template context for
every page — about a second for a 600-lesson course even when every page is reused
(mkdocs_plugin/preview.py). `serve` wraps the server's builder (`LiveReloadServer.builder`,
which its build loop calls after a change) with `rebuild`, which keeps the last whole build's
MkDocs objects (configuration, files, navigation, Jinja environment, page objects) and, when all
of this holds, re-makes only the pages whose key changed (`incremental.page_keys`):

- the last build was whole and of a course without errors, with this plugin alone (another
  plugin may need the whole build), not in strict mode, on the same day (pages carry its date),
  and nothing but the course and mkdocs.yml is watched (no `--watch`: a change there is unseen);
- the files that changed since (`incremental.Cache.changed`: size, time and inode, then their
  bytes) are lessons (`.md` pages of the plan) or quizzes that were there before; `mkdocs.yml`
  and the theme's own templates did not change (`preview._setting`);
- the course loads without errors, and its outline (what every page depends on: titles, order,
  ids, competencies, the quizzes' number of questions, the content folder's other files), its
  pages, navigation and generated assets are what they were; few pages (`MOST`) changed key;
- what the pages use of the stylesheet is the same (else the stylesheet is pruned again).

Those pages are read, converted and templated by MkDocs' own steps (`_populate_page`, and
`_build_page` less the writing: private, MkDocs 1.x, pinned in pyproject.toml), with the plugin's
events as in a whole build; the search index is made again from every page's stored text (the
unchanged pages' words are memos) and its changed files written. Anything else — a new or
deleted lesson, a title, a teacher's error (its message comes from the whole build), an
exception — falls back to MkDocs' whole build. The site is then the same, file for file, as a
clean build's (tests/test_incremental.py).
"""

from __future__ import annotations

import logging
import time
from fnmatch import fnmatch

from mkdocs.commands.build import _populate_page, get_context
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_build_date, write_file

from .. import cssprune, incremental, messages, plan, render, search, slim
from ..loader import load
from .preview import add_to_search, setting

log = logging.getLogger("mkdocs.commands.build")
MOST = 200  # pages whose key changed; more, and the whole build costs about the same


def serve(plugin, server) -> None:
    """`on_serve`: watch the course's other folders and files too, and rebuild quickly if possible."""
    root = plugin.project.root
    for name in (plugin.config.quizzes, plugin.config.framework, plugin.config.glossary):
        if (root / name).exists():
            server.watch(str(root / name))
    if (whole := getattr(server, "builder", None)) is None or plugin.preview is None:
        return  # `mkdocs serve --clean` builds as `mkdocs build` does: no preview to be quick with

    def builder(config=None):
        if config is None and rebuild(plugin):
            return
        whole(config)

    server.builder = builder


def rebuild(plugin) -> bool:
    """Re-make the pages the last changes touched; False: nothing was written, a whole build is needed."""
    preview = plugin.preview
    if preview is None or preview.last is None:
        return False
    start = time.monotonic()
    config = preview.last.config
    if list(config.plugins) != ["hocvuso"] or config.strict or config.watch or get_build_date() != preview.last.date:
        return False
    if setting(config) != preview.setting:
        return False
    messages.activate(plugin.config.language)
    preview.cache.start(plugin.project.root, preview.sources(plugin.project))
    try:
        made = _rebuild(plugin, preview, config)
    except Exception as error:  # the whole build shows it, as MkDocs does
        log.debug("Quick rebuild failed: %r", error)
        made = None
    finally:
        preview.cache.finish(forget=False)
    if made is None:
        return False
    # formatted here: MkDocs' log drops a message whose format it has seen (`DuplicateFilter`)
    log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds ({made} pages made again)")
    return True


def _lessons_and_quizzes_only(cache: incremental.Cache, project) -> bool:
    content, quizzes = project.root / project.content, project.root / project.quizzes
    if not cache.changed or not cache.same_files:
        return False
    for path in cache.changed:
        if not (
            (path.suffix == ".md" and content in path.parents)
            or (path.suffix in (".yml", ".yaml") and quizzes in path.parents)
        ):
            return False
    return True


def _rebuild(plugin, preview, config) -> int | None:
    cache, project, last = preview.cache, plugin.project, preview.last
    if not _lessons_and_quizzes_only(cache, project):
        return None
    report = load(project)
    if report.problems:
        return None
    old, outline = plugin.plan, cache.outline
    new = plan.build_plan(report.course, project, config.site_name, plugin.config.course_id)
    keys = incremental.page_keys(cache, report.course, project, new, preview.setting)
    same = (new.pages, new.nav, new.assets) == (old.pages, old.nav, old.assets)
    if not same or cache.outline != outline or new.fallback is not None or set(keys) != set(preview.keys):
        return None
    if (scripts := _course_data(old, new, last.files)) is None:
        return None
    dirty = {src for src, key in keys.items() if key != preview.keys[src]}
    content = project.root / project.content
    if len(dirty) > MOST or any(
        p.suffix == ".md" and p.relative_to(content).as_posix() not in dirty for p in cache.changed
    ):
        return None
    doc_files = last.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    pages = [f.page for f in doc_files if f.src_uri in dirty]
    if len(pages) != len(dirty) or any(f.inclusion.is_excluded() for f in doc_files if f.src_uri in dirty):
        return None
    before = {src: cache.page(src, preview.keys[src]) for src in dirty}
    plugin.course, plugin.plan = report.course, new
    preview.keys, preview.complete = keys, True
    preview.begin()
    plugin.search = search.SearchIndex()  # the dirty pages' words; the whole index is made below
    for page in pages:
        for name in ("read_source", "render"):  # the stored results a reused page was given
            page.__dict__.pop(name, None)
        _populate_page(page, config, last.files)
    outputs = [(page, _output(page, config, doc_files, last)) for page in pages]
    after = {src: cache.page(src, keys[src]) for src in dirty}
    if None in after.values() or None in before.values() or not _same_style(preview, before, after, keys):
        return None
    index = search.SearchIndex()
    for file in doc_files:
        if (planned := new.page(file.src_uri)) is not None and planned.search:
            stored = after.get(file.src_uri) or cache.page(file.src_uri, keys[file.src_uri])
            if stored is None:
                return None
            add_to_search(index, planned, stored.html)
    index_scripts = index.files(messages=messages.ui_strings()["search"]["results"])
    for path, text in scripts.items():  # as MkDocs writes a generated file
        last.files.get_file_from_path(path).content_string = text
        (preview.site / path).write_text(text, encoding="utf-8")
    for page, output in outputs:
        write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
        page.validate_anchor_links(files=last.files, log_level=config.validation.links.anchors)
    preview.wrote_index(index_scripts)
    preview.disk.update(preview.taken())
    return len(pages)


def _course_data(old, new, files) -> dict[str, str] | None:
    """The theme's scripts whose preamble changed (course.js: the questions' versions, after a
    quiz's edit) -> their new text; None if that may change more than that file: the results
    page's joined script (which leaves the course's line out), or the stylesheet's pruning (which
    keeps what any word of a script's strings names, and the custom properties scripts read)."""
    if old.theme_assets.keys() != new.theme_assets.keys():
        return None
    changed = {}
    for path, prefix in new.theme_assets.items():
        if prefix == (before := old.theme_assets[path]):
            continue
        file = files.get_file_from_path(path)
        if path != render.COURSE_DATA_ASSET or file is None or not file.content_string.startswith(before):
            return None
        text = file.content_string
        changed[path] = made = prefix + text[len(before) :]
        if _without_course(text) != _without_course(made) or _properties(text) != _properties(made):
            return None
        if (cssprune.classes_in_script(text) ^ cssprune.classes_in_script(made)) & _style_words(files):
            return None
    return changed


def _without_course(script: str) -> list[str]:
    return [line for line in script.split("\n") if not line.startswith(slim._COURSE_LINE)]


def _properties(script: str) -> set[str]:
    return set(cssprune._PROPERTY.findall(script))


def _style_words(files) -> set[str]:
    """Every name the stylesheet's pruning may look up (`cssprune.selector_words` of its sources)."""
    words: set[str] = set()
    for file in files:
        if any(fnmatch(file.src_uri, pattern) for pattern, _ in slim._STYLES):
            text = file.content_string
            words |= incremental.memo(
                ("quick-style-words", file.src_uri), text, lambda t=text: cssprune.selector_words(t)
            )
    return words


def _output(page, config, doc_files, last) -> str:
    """The written page, as `mkdocs.commands.build._build_page` makes it (without writing it)."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(last.nav, doc_files, config, page)
        template = last.env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=last.nav)
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def _same_style(preview, before: dict, after: dict, keys: dict) -> bool:
    """Whether the pages use the same of the stylesheet as before (then it need not be pruned again)."""
    if all(vars(before[src].seen) == vars(after[src].seen) for src in before):
        return True
    old, new = {}, {}
    for src, key in keys.items():
        stored = after.get(src) or preview.cache.page(src, key)
        if stored is None:
            return False
        for name, values in vars(stored.seen).items():
            new.setdefault(name, set()).update(values)
            source = before.get(src, stored)
            old.setdefault(name, set()).update(vars(source.seen)[name])
    return old == new
