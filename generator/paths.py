"""The learning path of each audience (`lo-trinh/<audience>.html`), flat in the size of the course.

A path lists its lessons area by area. Each area shows its first `SHOWN` lessons of the path; an
area with more gets a page of its own (`lo-trinh/<audience>/<area folder>.html`) with all of them,
linked as "Xem cả N bài". So a path page weighs the same for 60 lessons or 3,000, an area's path
page at most an area's lessons, and every page works without JavaScript, from file://.
"""

from __future__ import annotations

import posixpath
from html import escape

from .markup import attrs, link
from .messages import ui
from .model import Area, Course, Lesson
from .render import path_page

SHOWN = 8  # lessons of an area listed on the path page itself


def area_page(audience_id: str, area: Area) -> str:
    """`lo-trinh/nguoi-dan/4-an-toan.md`: one area's lessons of a path."""
    return f"{path_page(audience_id)[: -len('.md')]}/{posixpath.dirname(area.page)}.md"


def by_area(course: Course, audience_id: str) -> list[tuple[Area, list[Lesson]]]:
    """The path's lessons grouped by area, in course order; areas without any left out."""
    lessons = course.path_lessons(audience_id)
    groups = [(area, [x for x in lessons if x.area_code == area.code]) for area in course.areas]
    return [(area, found) for area, found in groups if found]


def split_areas(course: Course, audience_id: str) -> list[Area]:
    """The areas that get a page of their own in this path (more than `SHOWN` lessons)."""
    return [area for area, lessons in by_area(course, audience_id) if len(lessons) > SHOWN]


def _rows(from_page: str, lessons: list[Lesson]) -> str:
    """Lesson rows as on an area page (hocvuso.js ticks `li[data-lesson]` once done)."""
    items = "".join(
        f"<li{attrs(data_lesson=x.page, data_questions=len(x.quiz.questions) if x.quiz else 0)}>"
        f'<a class="hvs-row" href="{link(from_page, x.page)}"><span class="hvs-row-title">{escape(x.title)}</span>'
        f' <span class="hvs-duration">{ui("minutes", n=x.duration)}</span></a></li>'
        for x in lessons
    )
    return f'<ol class="hvs-lessons">{items}</ol>'


def _minutes(lessons: list[Lesson]) -> int:
    return sum(x.duration for x in lessons)


def render_path(course: Course, audience_id: str) -> str:
    """The path page: per area, its first lessons of the path and a link to the rest."""
    page = path_page(audience_id)
    audience = course.framework.audience(audience_id)
    lessons = course.path_lessons(audience_id)
    sections = []
    for area, found in by_area(course, audience_id):
        more = ""
        if len(found) > SHOWN:
            more = (
                f'<p class="hvs-more"><a class="hvs-btn hvs-btn-2" href="{link(page, area_page(audience_id, area))}">'
                f"{ui('path_all_in_area', count=len(found))}</a></p>"
            )
        sections.append(
            f'<section class="hvs-path-area"{attrs(data_area=area.code)}>'
            f"<h2>{escape(area.code)}. {escape(area.name)}</h2>"
            f"<p>{ui('path_intro', count=len(found), minutes=_minutes(found))}</p>"
            f"{_rows(page, found[:SHOWN])}{more}</section>"
        )
    return (
        f"<h1>{ui('path_title', audience=escape(audience.name))}</h1>"
        f'<p class="hvs-lead">{ui("path_intro", count=len(lessons), minutes=_minutes(lessons))}</p>' + "".join(sections)
    )


def area_title(course: Course, audience_id: str, area: Area) -> str:
    return ui("path_area_title", audience=course.framework.audience(audience_id).name, area=area.name)


def render_area(course: Course, audience_id: str, area: Area) -> str:
    """All of one area's lessons of a path, and the way back to the path."""
    page = area_page(audience_id, area)
    found = next(lessons for each, lessons in by_area(course, audience_id) if each.code == area.code)
    back = (
        f'<p class="hvs-more"><a class="hvs-btn hvs-btn-2" href="{link(page, path_page(audience_id))}">'
        f"{ui('path_back', audience=escape(course.framework.audience(audience_id).name))}</a></p>"
    )
    return (
        f"<h1>{escape(area_title(course, audience_id, area))}</h1>"
        f'<p class="hvs-lead">{ui("path_intro", count=len(found), minutes=_minutes(found))}</p>'
        f"{_rows(page, found)}{back}"
    )
