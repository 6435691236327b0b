"""What the live preview keeps between two builds of one course, so that saving one lesson
re-does only what depends on it (issue 21, "instant preview").

A host that rebuilds in one process (`hocvuso serve`, `mkdocs serve`) keeps one `Cache` alive and
calls `start` before each build and `finish` after it; the core asks it through `memo` (the
active cache, a `ContextVar` as `messages` keeps its language, so plain builds and `hocvuso check`
go on without one) and `page_keys` says which planned pages may be reused. Nothing here knows
MkDocs: the adapter stores what its host made of a page (HTML, table of contents, written page)
under the page's key.

What a page depends on (`page_keys`): every page depends on the *outline* (the framework, the
glossary, the host's settings, every lesson's and area's metadata, the number of questions of each
quiz, the list of the content folder's other files); a lesson page and its worksheet also on the
lesson's Markdown and quiz file; an area's worksheet and the coverage report on the quizzes, the
glossary on the lessons' text, a learning path's pages on the outline alone; any other page (home, areas, paths, results, and any kind added
later) on every course file: those few pages are cheap and rebuilt whenever anything changes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .sources import Project

T = TypeVar("T")

_KEPT = -1  # the generation of a value `put` there: kept until replaced
RACY_NS = 3_000_000_000  # a file changed this close before it was hashed is hashed again

_active: ContextVar[Cache | None] = ContextVar("hocvuso_incremental", default=None)


class Cache:
    """Results of the last build, each under the key of what it was made from."""

    def __init__(self):
        self._memo: dict[Hashable, tuple[Hashable, object, int]] = {}
        self._pages: dict[str, tuple[str, object]] = {}
        self._generation = 0
        self.root = Path()
        self._digests: dict = {}  # this build's: path -> hash of its bytes, (folder, "listing") -> of its files
        self.rendered: list[str] = []  # the pages the last build made anew (not reused), in order
        self._stats: dict[str, tuple] = {}  # source -> (its size, time and inode, its digest, when hashed)
        self.changed: set[Path] | None = None  # the sources whose bytes changed since the last `start`
        self.same_files = False  # and no source was added or deleted
        self.outline = ""  # `page_keys`' outline of the last plan (what every page depends on)

    def start(self, root: Path, sources: list[Path] = ()) -> None:
        """A build of the course in `root` begins: this cache answers `memo` in this context.
        Every file under `sources` is hashed now, before the build reads it: a file saved again
        while the build runs then has a newer hash than the one its results are stored under,
        so the next build makes them again (never the other way round)."""
        self.root = root
        self._generation += 1
        self._digests = {}
        self.rendered = []
        _active.set(self)
        last, self._stats = self._stats, {}
        now = time.time_ns()
        for source in sources:
            found = _walk(source)
            if source.is_dir():
                self._digests[source, "listing"] = _hash(
                    [(rel, *(() if rel.endswith(".md") else stat[:2])) for rel, _, stat in found]
                )
            for _, path, stat in found:
                self._stats[path] = known = self._known(path, stat, last.get(path), now)
                self._digests[path] = known[1]
        if last or self.changed is not None:
            gone = {path for path in last if path not in self._stats}
            new = {p for p, (_, d, _) in self._stats.items() if p not in last or last[p][1] != d}
            self.changed = {Path(path) for path in gone | new}
            self.same_files = not gone and len(last) == len(self._stats)
        else:
            self.changed, self.same_files = None, False  # the first build: nothing to compare with

    def _known(self, path: str, stat: tuple, last: tuple | None, now: int) -> tuple:
        """(stat, digest, when hashed): the last digest while the file's size, time and inode are
        the same, unless its time was too close to that hashing to tell two saves apart (as git's
        "racy" files: a file system's clock ticks up to 2 s apart); else its bytes hashed anew."""
        if last is not None and last[0] == stat and stat[1] < last[2] - RACY_NS:
            return last
        return stat, _file_digest(path), now

    def finish(self, forget: bool = True) -> None:
        """The build ended: forget what it did not use (deleted lessons, old versions), unless told not to."""
        if forget:
            self._memo = {k: v for k, v in self._memo.items() if v[2] in (self._generation, _KEPT)}
        _active.set(None)

    def digest(self, path: Path | str) -> str:
        """A short hash of a file's bytes ("-" if it does not exist), read once per build; a
        relative path is the course's. Content, not mtime: two saves within the file system's
        clock tick are still two versions."""
        key = os.fspath(path)  # most callers pass the absolute path (start hashed them)
        if (found := self._digests.get(key)) is None:
            key = os.path.join(os.fspath(self.root), key)
            if (found := self._digests.get(key)) is None:
                self._digests[key] = found = _file_digest(key)
        return found

    def listing(self, folder: Path) -> str:
        """A short hash of the files under `folder`: their names, and the size and time of those
        that are not Markdown (pictures, audio, captions; a page's text is hashed on its own)."""
        if (folder, "listing") not in self._digests:
            found = []
            for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
                if path.is_file():
                    stat = path.stat()
                    mark = () if path.suffix == ".md" else (stat.st_size, stat.st_mtime_ns)
                    found.append((path.relative_to(folder).as_posix(), *mark))
            self._digests[folder, "listing"] = _hash(found)
        return self._digests[folder, "listing"]

    def memo(self, slot: Hashable, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, or what it returned last time for the same `slot` and an equal `key`."""
        found = self._memo.get(slot)
        if found is not None and found[0] == key:
            value = found[1]
            if found[2] == _KEPT:
                return value  # type: ignore[return-value]
        else:
            value = make()
        self._memo[slot] = (key, value, self._generation)
        return value  # type: ignore[return-value]

    def put(self, slot: Hashable, key: Hashable, value: T) -> T:
        """Record `value` as what `memo(slot, key, ...)` answers from now on: a result a build made
        on its way (a page's marked glossary terms), which no later build may make another way.
        It stays until replaced, even through builds that do not ask for it."""
        self._memo[slot] = (key, value, _KEPT)
        return value

    def carry(self, slot: Hashable, make: Callable[[object | None], T]) -> T:
        """`make(last)`, `last` being what it returned in the last build (None the first time): a
        result patched from the last one. `make` must not change `last`."""
        found = self._memo.get(slot)
        value = make(found[1] if found is not None else None)
        self._memo[slot] = (None, value, self._generation)
        return value

    def page(self, src: str, key: str | None):
        """What the host stored for page `src` when its key was `key`; None: build it (noted in `rendered`)."""
        found = self._pages.get(src)
        if key is not None and found is not None and found[0] == key:
            return found[1]
        self.rendered.append(src)
        return None

    def store(self, src: str, key: str | None, value) -> None:
        if key is None:
            self._pages.pop(src, None)
        else:
            self._pages[src] = (key, value)

    def forget_pages(self, keep: set[str]) -> None:
        self._pages = {src: v for src, v in self._pages.items() if src in keep}


def active() -> Cache | None:
    return _active.get()


def memo(slot: Hashable, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, reused from the previous build of a live preview when `key` is unchanged."""
    cache = _active.get()
    return make() if cache is None else cache.memo(slot, key, make)


def put(slot: Hashable, key: Hashable, value: T) -> T:
    """`Cache.put` in a live preview's build; `value` otherwise."""
    cache = _active.get()
    return value if cache is None else cache.put(slot, key, value)


def carry(slot: Hashable, make: Callable[[object | None], T]) -> T:
    """`Cache.carry` in a live preview's build; `make(None)` otherwise."""
    cache = _active.get()
    return make(None) if cache is None else cache.carry(slot, make)


def file_digest(path: Path | str) -> str | None:
    """The file's digest in a live preview's build (None otherwise), for keys of `memo`."""
    cache = _active.get()
    return None if cache is None else cache.digest(path)


def listing(folder: Path) -> str | None:
    """`Cache.listing` in a live preview's build (None otherwise), for keys of `memo`."""
    cache = _active.get()
    return None if cache is None else cache.listing(folder)


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as file:
            return hashlib.sha1(file.read()).hexdigest()[:16]
    except OSError:
        return "-"


def _walk(source: Path) -> list[tuple[str, str, tuple]]:
    """The files under `source` (or `source` itself), sorted, but hidden ones: (path relative to
    it, path, (size, time, inode)). Links to folders are not followed, as `Path.rglob`."""
    found: list[tuple[str, str, os.stat_result]] = []

    def scan(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue  # an editor's swap file, a system's notes: MkDocs publishes no hidden file
            try:
                if entry.is_dir(follow_symlinks=False):
                    scan(entry.path, prefix + entry.name + "/")
                elif entry.is_file():
                    found.append((prefix + entry.name, entry.path, entry.stat()))
            except OSError:
                continue

    if source.is_dir():
        scan(str(source), "")
    elif source.is_file():
        found.append((source.name, str(source), source.stat()))
    found.sort(key=lambda item: item[0])
    return [(rel, path, (stat.st_size, stat.st_mtime_ns, stat.st_ino)) for rel, path, stat in found]


def _hash(*parts) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fields(item, *without: str) -> tuple:
    """A dataclass's fields as plain values, but those named `without`: part of a key of `memo`."""
    return tuple((f.name, repr(getattr(item, f.name))) for f in dataclasses.fields(item) if f.name not in without)


def _metadata(item) -> tuple:
    """A dataclass's fields as plain values, without its lessons, modules and quiz (listed on their
    own: an area's modules hold its lessons, whose quizzes would put every question in every key)."""
    return fields(item, "lessons", "modules", "quiz", "glossary")


def page_keys(cache: Cache, course, project: Project, plan, setting: str) -> dict[str, str]:
    """Page source path -> the key of everything its content is made from (see the module's doc).
    `setting` stands for the host's configuration (the adapter hashes it)."""
    from . import coverage, glossary, worksheet  # imported late: the loader imports this module

    root = project.root
    quiz_file = {}
    for lesson in course.lessons if course else []:
        quiz = lesson.quiz.source if lesson.quiz else f"{project.quizzes}/{Path(lesson.page).with_suffix('.yml')}"
        quiz_file[lesson.page] = (cache.digest(root / lesson.source), cache.digest(root / quiz))
    outline = _hash(
        setting,
        cache.digest(root / project.framework),
        cache.digest(root / project.glossary) if project.glossary else "",
        [
            (_metadata(area), [_metadata(m) for m in area.modules], [_metadata(lesson) for lesson in area.lessons])
            for area in course.areas
        ]
        if course
        else (),
        [
            (lesson.page, lesson.quiz.title, lesson.quiz.pass_mark, len(lesson.quiz.questions))
            for lesson in (course.lessons if course else [])
            if lesson.quiz
        ],
        [(p.src, p.title, p.kind, p.audience, p.template) for p in plan.pages],
        cache.listing(project.root / project.content),
    )
    cache.outline = outline
    everything = _hash(outline, sorted(quiz_file.items()), _area_intros(cache, course, project))
    own = {}
    for lesson in course.lessons if course else []:
        own[lesson.page] = own[worksheet.lesson_sheet_page(lesson)] = _hash(outline, quiz_file[lesson.page])
    # Pages that read only the quizzes (an area's worksheet, the coverage report) or only the
    # lessons' text (the glossary's "used in" lists), besides the outline.
    for area in course.areas if course else []:
        own[worksheet.area_sheet_page(area)] = _hash(outline, [quiz_file[lesson.page][1] for lesson in area.lessons])
    # A learning path's pages list lessons' titles, durations and numbers of questions: the outline.
    own.update({page.src: _hash(outline, page.src) for page in plan.pages if page.kind == "path"})
    own[coverage.REPORT_PAGE] = _hash(outline, [quiz for _, quiz in quiz_file.values()])
    own[glossary.GLOSSARY_PAGE] = _hash(outline, [text for text, _ in quiz_file.values()])
    return {page.src: own.get(page.src) or everything for page in plan.pages}


def _area_intros(cache: Cache, course, project: Project) -> list:
    content = project.root / project.content
    return [cache.digest(content / area.intro_page) for area in course.areas if area.intro_page] if course else []
