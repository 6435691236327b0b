"""The course glossary page (`tu-dien.html`): every term, its explanation, and the lessons using it."""

from __future__ import annotations

from html import escape

from . import incremental
from .glossary import Glossary, lesson_blocks
from .loader import Project
from .messages import ui
from .model import Course, Lesson
from .textfold import sort_key


def usage(glossary: Glossary, course: Course, project: Project) -> dict[str, list[Lesson]]:
    """Term id -> the lessons that use the term, in course order."""
    used: dict[str, list[Lesson]] = {t.id: [] for t in glossary.terms}
    terms = repr([(t.term, t.aliases) for t in glossary.terms])
    for lesson in course.lessons:
        # The live preview (generator/incremental.py) scans only the lessons that changed.
        key = (incremental.file_digest(project.root / lesson.source), lesson.summary, lesson.objectives, terms)
        seen = incremental.memo(
            ("glossary-usage", lesson.source), key, lambda lesson=lesson: _terms_in(glossary, project, lesson)
        )
        for term_id in seen:
            used[term_id].append(lesson)
    return used


def _terms_in(glossary: Glossary, project: Project, lesson: Lesson) -> set[str]:
    return {term.id for block in lesson_blocks(project, lesson) for _, _, term in glossary.matcher.finditer(block.text)}


# --- the glossary page ---------------------------------------------------------------------------


def render_page(glossary: Glossary, course: Course, project: Project, link) -> str:
    """The glossary page; `link(page)` gives the relative URL of a lesson from this page."""
    used = usage(glossary, course, project)
    entries = []
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
        lessons = used[term.id]
        if lessons:
            where = (
                f'<p class="hvs-gl-lessons-label">{ui("glossary.used_in", count=len(lessons))}</p>'
                '<ul class="hvs-gl-lessons">'
                + "".join(
                    f'<li><a href="{escape(link(lesson.page))}">{escape(lesson.title)}</a></li>' for lesson in lessons
                )
                + "</ul>"
            )
        else:
            where = f'<p class="hvs-gl-lessons-label">{ui("glossary.unused")}</p>'
        entries.append(
            f'<div class="hvs-gl-entry" id="{term.id}" data-term="{term.id}"><dt>{escape(term.term)}</dt>'
            f"<dd><p>{escape(term.explanation)}</p>{aliases}{where}</dd></div>"
        )
    return (
        f'<h1>{ui("glossary.page_title")}</h1><p class="hvs-lead">{ui("glossary.page_intro")}</p>'
        f'<dl class="hvs-dictionary">{"".join(entries)}</dl>'
    )


# --- warnings for `hocvuso check` ----------------------------------------------------------------
