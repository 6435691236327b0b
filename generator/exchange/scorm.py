"""SCORM 1.2 content packages: the lessons as an LMS (Moodle's "Gói SCORM") plays them.

Each lesson is one SCO: a page of its own made from the site's final HTML of that lesson by the
one-file edition's rewriter (`onefile._AreaFile`), so its text, glossary and self-assessment are
exactly the site's. Unlike the one-file edition, pictures and other files stay files at their site
paths (a video is not inflated into the page), and the site's self-assessment script and styles
are files shared by every SCO (the manifest's common resource). Links to other pages are dropped
and their text kept: in an LMS the LMS moves between SCOs, and a link followed inside one SCO's
frame would report to the wrong one. The script finds the LMS's API itself (generator/assets/lms.js,
which only the packages carry, before the site's hocvuso.js).

SCORM 1.2, not 2004: Moodle records 1.2 scores reliably, and Kolibri speaks 1.2.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .. import render
from ..messages import ui
from ..model import Course, Lesson
from ..onefile import ASSETS, _AreaFile, _read, lms_script

SCRIPT = render.SCRIPT_ASSET  # assets/hocvuso/hocvuso.js, with the plugin's prelude
STYLE = "assets/hocvuso/hocvuso.css"
PAGE_STYLE = "assets/hocvuso/page.css"  # the one-file edition's small stylesheet, in the theme's place
SHARED = (SCRIPT, STYLE, PAGE_STYLE)


_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]")
# The lesson's way to its worksheet and to the next lesson or its area: pages a SCO does not have.
_PAGE_LINKS = re.compile(r'<p class="hvs-sheet-link">.*?</p>|<nav class="hvs-lesson-nav"[^>]*>.*?</nav>', re.S)


class _LessonPage(_AreaFile):
    """One lesson's content, its links and files made to work from `at` (a path in the package)."""

    def __init__(self, course: Course, lesson: Lesson, pages: dict[str, str], site: Path, at: str):
        super().__init__(course, course.area(lesson.area_code), pages, site)
        self.order, self.renamed = [lesson.page], {lesson.page: {}}
        self.at, self.files = at, set()

    def _href(self, page: str, value: str) -> str | None:
        parts = urlsplit(unquote(value))
        if value.startswith("#") or parts.scheme or parts.netloc:
            return value
        path = self._file(page, value)
        return None if path is None or path.suffix == ".html" else self._keep(path, parts.fragment)

    def _data_uri(self, page: str, value: str) -> str:
        path = self._file(page, value)
        return value if path is None else self._keep(path, urlsplit(unquote(value)).fragment)

    def _keep(self, path: Path, fragment: str) -> str:
        rel = path.relative_to(self.site.resolve()).as_posix()
        self.files.add(rel)
        url = quote(posixpath.relpath(rel, posixpath.dirname(self.at) or "."))
        return url + (f"#{fragment}" if fragment else "")


def lesson_page(
    course: Course, lesson: Lesson, pages: dict[str, str], site: Path, site_name: str, at: str
) -> tuple[str, set[str]]:
    """The lesson's HTML document written at `at`, and the site files it uses (besides SHARED)."""
    doc = _LessonPage(course, lesson, pages, site, at)
    up = posixpath.relpath(".", posixpath.dirname(at) or ".")
    root = "" if up == "." else up + "/"
    section = _PAGE_LINKS.sub("", doc.section(lesson.page))
    html = (
        f'<!DOCTYPE html>\n<html lang="{escape(ui("site_lang"))}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(lesson.title)} – {escape(site_name)}</title>\n"
        f'<link rel="stylesheet" href="{root}{PAGE_STYLE}">\n<link rel="stylesheet" href="{root}{STYLE}">\n'
        f'</head>\n<body class="hvs-onefile">\n<main>\n{section}\n</main>\n'
        f'<script src="{root}{SCRIPT}"></script>\n</body>\n</html>\n'
    )
    return html, doc.files


def shared_files(site: Path) -> dict[str, bytes]:
    return {
        # the LMS unit first (the website's script does not carry it), then the site's script
        SCRIPT: (lms_script() + _read(site / SCRIPT)).encode("utf-8"),
        # with the simulated phone's styles, which the site links only from practice lessons
        STYLE: (_read(site / STYLE) + _read(site / render.PRACTICE_STYLE)).encode("utf-8"),
        PAGE_STYLE: (ASSETS / "onefile.css").read_bytes(),
    }


def select(course: Course, area: str | None = None, lesson: str | None = None) -> list[Lesson]:
    """The lessons asked for: one (by its file, with or without `content/` and `.md`), an area's
    (by code or folder), or the whole course."""
    if lesson is not None:
        wanted = lesson.replace("\\", "/").strip("/")
        return [
            x
            for x in course.lessons
            if wanted in (x.source, x.page, x.source.removesuffix(".md"), x.page.removesuffix(".md"))
        ]
    return course.lessons if area is None else course.select(area)


@dataclass
class Package:
    path: Path
    files: int
    lessons: int
    size: int = 0
    names: list[str] = field(default_factory=list)


def write_zip(path: Path, files: dict[str, bytes], lessons: int) -> Package:
    """The files into a zip (written beside, then moved into place: no half zip is left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in sorted(files, key=lambda n: (n not in ("imsmanifest.xml", "index.html"), n)):
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), files[name], zipfile.ZIP_DEFLATED)
    part.replace(path)
    return Package(path, len(files), lessons, path.stat().st_size, sorted(files))


def manifest(
    course: Course, lessons: list[Lesson], used: dict[str, set[str]], common: list[str], site_name: str, course_id: str
) -> str:
    """imsmanifest.xml: one organisation, an item per area holding an item per lesson (a SCO,
    its mastery score the quiz's pass mark), each SCO's own files, the shared ones in `common`."""
    ids = {
        lesson.page: f"sco-{n}-{_NOT_ID.sub('_', lesson.page.removesuffix('.md'))}"
        for n, lesson in enumerate(lessons, 1)
    }
    items, resources = [], []
    for area in course.areas:
        mine = [x for x in lessons if x.area_code == area.code]
        if not mine:
            continue
        inner: list[tuple[str | None, str]] = []  # (module folder or None, item)
        for lesson in mine:
            mastery = (
                f"<adlcp:masteryscore>{lesson.quiz.pass_mark}</adlcp:masteryscore>"
                if lesson.quiz and lesson.quiz.questions
                else ""
            )
            inner.append(
                (
                    lesson.module,
                    f'<item identifier="item-{ids[lesson.page]}" identifierref="{ids[lesson.page]}">'
                    f"<title>{escape(lesson.title)}</title>{mastery}</item>",
                )
            )
            href = render.page_url(lesson.page)
            files = "".join(f'<file href="{escape(quote(f))}"/>' for f in [href] + sorted(used[lesson.page]))
            resources.append(
                f'<resource identifier="{ids[lesson.page]}" type="webcontent" adlcp:scormtype="sco" '
                f'href="{escape(quote(href))}">{files}<dependency identifierref="common"/></resource>'
            )
        items.append(
            f'<item identifier="area-{_NOT_ID.sub("_", area.folder)}"><title>'
            f"{escape(f'{area.code}. {area.name}')}</title>{_grouped(course, inner)}</item>"
        )
    common_files = "".join(f'<file href="{escape(quote(f))}"/>' for f in common)
    resources.append(
        f'<resource identifier="common" type="webcontent" adlcp:scormtype="asset">{common_files}</resource>'
    )
    nl = "\n  "
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="hocvuso-{_NOT_ID.sub("_", course_id)}" version="1.0"\n'
        '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
        '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
        '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
        '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
        'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">\n'
        "  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
        f'  <organizations default="org"><organization identifier="org"><title>{escape(site_name)}</title>'
        f"{nl}{nl.join(items)}\n  </organization></organizations>\n"
        f"  <resources>{nl}{nl.join(resources)}\n  </resources>\n</manifest>\n"
    )


def _grouped(course: Course, inner: list[tuple[str | None, str]]) -> str:
    """An area's lesson items, those of a module inside an item of that module (an organisation's
    items nest in SCORM 1.2; an LMS shows them as a folder)."""
    out = []
    for folder, items in itertools.groupby(inner, key=lambda pair: pair[0]):
        text = "".join(item for _, item in items)
        if folder is None:
            out.append(text)
            continue
        module = next(m for m in course.modules if m.folder == folder)
        out.append(
            f'<item identifier="module-{_NOT_ID.sub("_", folder)}"><title>{escape(module.title)}</title>{text}</item>'
        )
    return "".join(out)


def write_scorm(
    course: Course, lessons: list[Lesson], pages: dict[str, str], site: Path, site_name: str, course_id: str, out: Path
) -> Package:
    files, used = shared_files(site), {}
    for lesson in lessons:
        at = render.page_url(lesson.page)
        html, used[lesson.page] = lesson_page(course, lesson, pages, site, site_name, at)
        files[at] = html.encode("utf-8")
    # a file of more than one lesson goes to the common resource, listed once
    counts: dict[str, int] = {}
    for names in used.values():
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    common = sorted(set(SHARED) | {name for name, n in counts.items() if n > 1})
    used = {page: {name for name in names if name not in common} for page, names in used.items()}
    for name in counts:
        files[name] = (site / name).read_bytes()
    files["imsmanifest.xml"] = manifest(course, lessons, used, common, site_name, course_id).encode("utf-8")
    return write_zip(out, files, len(lessons))
