"""Kolibri HTML5 app zips: `index.html` at the root, every other file beside it, nothing from
another host.

- one lesson: its page as the SCORM package makes it (`scorm.lesson_page`), written as `index.html`,
  with its pictures and the shared script and styles;
- one area: the one-file edition of the area (`onefile.area_document`) as `index.html`;
- the whole course: every area's one-file edition and an `index.html` listing them (the area files
  link to each other by file name, which works inside the zip).

Kolibri plays the zip in a frame and gives it a SCORM 1.2 `API` (its `hashi` bridge) and a
localStorage kept per learner; the self-assessment script finds the API itself and reports score
and status there (Kolibri's API has no `cmi.suspend_data`, so answers stay in that localStorage).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .. import onefile
from ..messages import dist_text, ui
from ..model import Course, Lesson
from .scorm import Package, lesson_page, shared_files, write_zip


def write_kolibri(
    course: Course,
    lessons: list[Lesson],
    pages: dict[str, str],
    site: Path,
    site_name: str,
    date: str,
    out: Path,
    area: str | None = None,
    lesson: str | None = None,
) -> Package:
    if lesson is not None:
        (only,) = lessons
        html, used = lesson_page(course, only, pages, site, site_name, "index.html")
        files = shared_files(site) | {name: (site / name).read_bytes() for name in used}
        files["index.html"] = html.encode("utf-8")
        return write_zip(out, files, 1)
    areas = [a for a in course.areas if any(x.area_code == a.code for x in lessons)]
    docs = {
        onefile.file_name(a): onefile.area_document(course, a, pages, site, site_name, date, lms=True).encode("utf-8")
        for a in areas
    }
    if area is not None:
        return write_zip(out, {"index.html": next(iter(docs.values()))}, len(lessons))
    items = "".join(
        f'<li><a href="{escape(onefile.file_name(a))}">{escape(f"{a.code}. {a.name}")}</a></li>' for a in areas
    )
    index = (
        f'<!DOCTYPE html>\n<html lang="{escape(ui("site_lang"))}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n<title>{escape(site_name)}</title>\n'
        f"<style>{(onefile.ASSETS / 'onefile.css').read_text(encoding='utf-8')}</style>\n</head>\n"
        f'<body class="hvs-onefile">\n<main>\n<h1>{escape(site_name)}</h1>\n'
        f"<h2>{escape(dist_text('onefile_contents'))}</h2>\n<ol>{items}</ol>\n</main>\n</body>\n</html>\n"
    )
    return write_zip(out, docs | {"index.html": index.encode("utf-8")}, len(lessons))
