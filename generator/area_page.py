"""An area's page and its modules' pages: the teacher's introduction, the lessons, the progress.

An area without modules lists its lessons as it always did. An area with modules lists its own
lessons and its modules in the order of their numbers, each module with its lessons and its own
progress (filled in by hocvuso.js from `data-hvs-module`); in a long area (more than FOLD_AFTER
lessons) a module is one row linking to its page, so the area's page does not grow with its modules
(500 lessons listed would weigh 170 kB on a phone). A module's page is made
like an area's: its introduction (index.md) or a default one, its progress and its lessons.
"""

from __future__ import annotations

from html import escape

from .markup import attrs, link
from .messages import ui
from .model import Area, Course, Lesson, Module
from .render import _bar, _course_data_on_demand, _lesson_list
from .worksheet import area_link

FOLD_AFTER = 30


def _competencies(course: Course, lessons: list[Lesson]) -> str:
    taught = {code for lesson in lessons for code in lesson.competencies}
    return "".join(
        f"<li{attrs(data_competency=c.code)}><strong>{escape(c.code)}</strong> {escape(c.name)}</li>"
        for c in course.framework.competencies.values()
        if c.code in taught
    )


def _progress(lessons: list[Lesson], key: str) -> str:
    quizzes = sum(1 for lesson in lessons if lesson.quiz and lesson.quiz.questions)
    return f"<p>{ui(key, done=0, total=quizzes)}</p>{_bar()}" if quizzes else ""


def _module_block(course: Course, area: Area, module: Module, folded: bool) -> str:
    """A module on its area's page: its title (a link to its page), its progress, its lessons."""
    quizzes = sum(1 for lesson in module.lessons if lesson.quiz and lesson.quiz.questions)
    progress = (
        f'<span class="hvs-module-progress" data-hvs-module="{escape(module.folder)}">'
        f"{ui('script.lessons_done', done=0, total=quizzes)}</span>"
        if quizzes
        else ""
    )
    title = escape(ui("module_heading", title=module.title))
    lessons = _lesson_list(course, area.page, module.lessons) if module.lessons else f"<p>{ui('module_empty')}</p>"
    count = ui("lesson_count", count=len(module.lessons))
    head = f'<a href="{link(area.page, module.page)}">{title}</a>'
    if folded:  # a long area: the module's row only; its lessons are one tap away, on its page
        return (
            f"<li{attrs(data_module=module.folder)}>"
            f'<a class="hvs-row" href="{link(area.page, module.page)}"><span class="hvs-row-title">{title}</span> '
            f'<span class="hvs-duration">{count}</span> {progress}</a></li>'
        )
    return (
        f'<section class="hvs-module"{attrs(data_module=module.folder)}><h3>{head}</h3>'
        f'<p><span class="hvs-duration">{count}</span> {progress}</p>{lessons}</section>'
    )


def _parts(course: Course, area: Area) -> str:
    """The area's own lessons (in runs between modules) and its modules, in number order."""
    folded = len(area.lessons) > FOLD_AFTER
    out, run, rows = [], [], []  # a run of the area's own lessons, a run of folded modules' rows

    def flush():
        if run:
            out.append(_lesson_list(course, area.page, run))
        if rows:
            out.append(f'<ol class="hvs-lessons hvs-modules">{"".join(rows)}</ol>')
        run.clear()
        rows.clear()

    for part in area.parts():
        if isinstance(part, Lesson):
            if rows:
                flush()
            run.append(part)
        elif folded:
            if run:
                flush()
            rows.append(_module_block(course, area, part, folded))
        else:
            flush()
            out.append(_module_block(course, area, part, folded))
    flush()
    return "".join(out)


def render_area(course: Course, area: Area, intro_html: str | None) -> str:
    """An area's overview. `intro_html` is the teacher's index.md, already rendered, if any."""
    head = intro_html or (
        f"<h1>{escape(area.name)}</h1><p>{ui('area_intro_default', code=escape(area.code), name=escape(area.name))}</p>"
    )
    if not area.lessons:
        lessons = f"<p>{ui('no_lessons')}</p>"
    elif area.modules:
        lessons = _parts(course, area)
    else:
        lessons = _lesson_list(course, area.page, area.lessons)
    return (
        f'{head}<div class="hvs-area-progress" data-hvs-area="{escape(area.code)}">'
        f"{_progress(area.lessons, 'script.area_progress')}</div>"
        f"<h2>{ui('area_lessons')}</h2>{lessons}{area_link(area)}"
        f'<h2>{ui("area_competencies")}</h2><ul class="hvs-competencies">{_competencies(course, area.lessons)}</ul>'
        + _course_data_on_demand(area.page)
    )


def render_module(course: Course, module: Module, intro_html: str | None) -> str:
    """A module's page. `intro_html` is the teacher's index.md of the module, already rendered, if any."""
    area = course.area(module.area_code)
    head = intro_html or (f"<h1>{escape(module.title)}</h1><p>{ui('module_intro_default', area=escape(area.name))}</p>")
    quizzes = sum(1 for lesson in module.lessons if lesson.quiz and lesson.quiz.questions)
    progress = f"<p>{ui('module_progress', done=0, total=quizzes)}</p>{_bar()}" if quizzes else ""
    lessons = _lesson_list(course, module.page, module.lessons) if module.lessons else f"<p>{ui('module_empty')}</p>"
    return (
        f'{head}<div class="hvs-area-progress"'
        f"{attrs(data_hvs_module=module.folder, data_hvs_text=ui('module_progress', done='{done}', total='{total}'))}>"
        f"{progress}</div><h2>{ui('area_lessons')}</h2>{lessons}"
        f'<p><a class="hvs-up" href="{link(module.page, area.page)}"><span class="hvs-arrow" aria-hidden="true">'
        f"←</span><span>{ui('back_to_area')}: {escape(area.name)}</span></a></p>"
        f'<h2>{ui("module_competencies")}</h2><ul class="hvs-competencies">{_competencies(course, module.lessons)}</ul>'
        + _course_data_on_demand(module.page)
    )
