"""The course glossary page (`tu-dien.html`): every term, its explanation, and the lessons using it.

Each term lists at most `SHOWN` lessons (those whose title names the term first, then in course
order) and says how many more there are, so the page grows with
the glossary, not with the course (issue 21: a 600-lesson course made it 830 KB); search finds
every lesson that uses a word.
"""

from __future__ import annotations

import re
from html import escape
from unicodedata import normalize

from . import incremental
from .glossary import Glossary, lesson_blocks
from .loader import Project
from .messages import ui
from .model import Course, Lesson
from .textfold import sort_key

SHOWN = 5  # lessons listed under a term
_MARKED = re.compile(r'<a class="hvs-term" [^>]*data-hvs-term="([^"]+)"')


def usage(
    glossary: Glossary, course: Course, project: Project, marked: dict[str, set[str]] | None = None
) -> dict[str, list[Lesson]]:
    """Term id -> the lessons that use the term, in course order. `marked` (lesson page -> the term
    ids its page marked, from this build) spares reading a lesson's file again; a lesson not in it
    (not written in this build) is read."""
    used: dict[str, list[Lesson]] = {t.id: [] for t in glossary.terms}
    terms = repr([(t.term, t.aliases) for t in glossary.terms])
    for lesson in course.lessons:
        # The live preview (generator/incremental.py) keeps what each lesson's page marked when it
        # was last made (scanning its text again finds a few more terms than the marking does).
        key = (incremental.file_digest(project.root / lesson.source), lesson.summary, lesson.objectives, terms)
        if marked is not None and lesson.page in marked:
            seen = incremental.put(("glossary-usage", lesson.source), key, marked[lesson.page])
        else:
            seen = incremental.memo(
                ("glossary-usage", lesson.source), key, lambda lesson=lesson: _terms_in(glossary, project, lesson)
            )
        for term_id in seen:
            if term_id in used:
                used[term_id].append(lesson)
    return used


def _first_about(glossary: Glossary, term_id: str, lessons: list[Lesson], named: dict[str, set[str]]) -> list[Lesson]:
    """The lessons whose title names the term first (the lesson about it), then course order.
    `named`: title -> the term ids it names, filled here (a title is read once for every term)."""
    for title in {x.title for x in lessons} - named.keys():
        named[title] = {t.id for _, _, t in glossary.matcher.finditer(normalize("NFC", title))}
    about = [x for x in lessons if term_id in named[x.title]]
    return about + [x for x in lessons if x not in about]


def marked_terms(html: str) -> set[str]:
    """The term ids a lesson page marked (glossary.mark_lesson), for `usage`."""
    return set(_MARKED.findall(html))


def _terms_in(glossary: Glossary, project: Project, lesson: Lesson) -> set[str]:
    return {term.id for block in lesson_blocks(project, lesson) for _, _, term in glossary.matcher.finditer(block.text)}


# --- the glossary page ---------------------------------------------------------------------------


def page_head() -> str:
    """The page's heading and lead (in the page from the start: the theme adds no heading of its own)."""
    return f'<h1>{ui("glossary.page_title")}</h1><p class="hvs-lead">{ui("glossary.page_intro")}</p>'


def render_page(glossary: Glossary, course: Course, project: Project, link, marked=None) -> str:
    """The glossary page; `link(page)` gives the relative URL of a lesson from this page; `marked`
    as for `usage`."""
    return page_head() + render_entries(glossary, course, project, link, marked)


def render_entries(glossary: Glossary, course: Course, project: Project, link, marked=None) -> str:
    """Every term, its explanation, and the lessons using it (see `render_page`)."""
    used = usage(glossary, course, project, marked)
    entries, named = [], {}
    for term in sorted(glossary.terms, key=lambda t: sort_key(t.term)):
        aliases = (
            (
                f'<p class="hvs-gl-aliases">{ui("glossary.aliases")}: '
                + ", ".join(escape(a) for a in term.aliases)
                + "</p>"
            )
            if term.aliases
            else ""
        )
        lessons = _first_about(glossary, term.id, used[term.id], named)
        if lessons:
            where = (
                f'<p class="hvs-gl-lessons-label">{ui("glossary.used_in", count=len(lessons))}</p>'
                '<ul class="hvs-gl-lessons">'
                + "".join(
                    f'<li><a href="{escape(link(lesson.page))}">{escape(lesson.title)}</a></li>'
                    for lesson in lessons[:SHOWN]
                )
                + "</ul>"
                + (
                    f'<p class="hvs-gl-others">{ui("glossary.more_lessons", count=len(lessons) - SHOWN)}</p>'
                    if len(lessons) > SHOWN
                    else ""
                )
            )
        else:
            where = f'<p class="hvs-gl-lessons-label">{ui("glossary.unused")}</p>'
        entries.append(
            f'<div class="hvs-gl-entry" id="{term.id}" data-term="{term.id}"><dt>{escape(term.term)}</dt>'
            f"<dd><p>{escape(term.explanation)}</p>{aliases}{where}</dd></div>"
        )
    return f'<dl class="hvs-dictionary">{"".join(entries)}</dl>'


# --- warnings for `hocvuso check` ----------------------------------------------------------------
