"""The results page, `ket-qua.html` (issues 14 and 21), as a new learner sees it.

The page is written as the progress views (theme/assets/hocvuso/course.js, `results()`) draw it for
a learner with no saved progress: what was done (nothing yet, and the first lesson), the way on in
each area, the tables at zero, the tools. So the first paint is the page itself (no script draws
it, nothing shifts) and it does not need the course's structure, which grows with the course:
`course.js` comes only for a learner with saved progress, or for what needs the whole course (an
import, the results code). Its size grows with the areas and competencies, not the lessons.
With JavaScript off, only the note that results need it shows (share.css).
"""

from __future__ import annotations

from html import escape

from . import render
from .messages import ui
from .model import Course

PAGE = render.RESULTS_PAGE


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    """As `table()` in course.js: a caption, column headers, the first cell of a row its header."""
    ths = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + "".join(f'<th scope="row">{escape(c)}</th>' if i == 0 else f"<td>{escape(c)}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f'<table class="hvs-table"><caption>{escape(caption)}</caption><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>'


def _button(key: str, cls: str = "") -> str:
    return f'<button class="hvs-btn{" " + cls if cls else ""}" type="button">{escape(ui("script." + key))}</button>'


def _tools() -> str:
    """The tools as `tools()` draws them; the script puts its own, working, in their place."""
    return (
        f'<section class="hvs-tools"><h2>{escape(ui("script.tools"))}</h2>'
        f'<div class="hvs-actions">{_button("print")}{_button("export_file", "hvs-btn-2")}'
        f'<input type="file" accept=".json,application/json" hidden>{_button("import_file", "hvs-btn-2")}</div>'
        f'<div class="hvs-actions">{_button("reset", "hvs-btn-2")}</div>'
        f'<p class="hvs-tools-msg" role="status" tabindex="-1"></p></section>'
    )


def _line(key: str, **values) -> str:
    return escape(ui("script." + key, **values))


def new_learner(course: Course, site_name: str) -> str:
    """The results box's content before any progress (results() in course.js for an empty record)."""
    data = render.course_data(course, render.counted_questions)
    areas = [a for a in data["areas"] if a["lessons"]]
    pages = [page for a in areas for page in a["lessons"]]
    lessons = data["lessons"]

    def questions(pages: list[str], code: str | None = None) -> int:
        return sum(1 for page in pages for q in lessons[page]["questions"] if code is None or q[2] == code)

    def row_link(page: str) -> str:
        title = f'<span class="hvs-row-title">{escape(lessons[page]["title"])}</span>'
        return f'<a class="hvs-row" href="{render.link(PAGE, page)}">{title}</a>'

    start = (
        f'<a class="hvs-btn hvs-next-lesson" href="{render.link(PAGE, pages[0])}">'
        f"{_line('start', title=lessons[pages[0]]['title'])}</a>"
        if pages
        else ""
    )
    way = "".join(
        f'<li><p class="hvs-res-area">{escape(a["code"])}. {escape(a["name"])}: '
        f"{_line('lessons_done', done=0, total=len(a['lessons']))}</p>{row_link(a['lessons'][0])}</li>"
        for a in areas
    )
    summary = _line("summary", done=0, total=len(lessons), reached=0, competencies=len(data["competencies"]))
    by_area = [[f"{a['code']}. {a['name']}", f"0/{len(a['lessons'])}", f"0/{questions(a['lessons'])}"] for a in areas]
    by_competency = []
    for c in data["competencies"]:
        n = questions(c["lessons"], c["code"])
        by_competency.append([f"{c['code']} {c['name']}", f"0/{n}" if n else "–", ui("script.not_started")])
    return (
        f'<section class="hvs-res-done"><h2>{_line("you_did_title")}</h2>'
        f'<p class="hvs-verdict">{_line("you_did_none")}</p>{start}</section>'
        f'<div class="hvs-res-head"><label class="hvs-text" for="hvs-name">{_line("name")}</label>'
        f'<input class="hvs-text-input" id="hvs-name" autocomplete="name">'
        # the date is the day the page is seen: the script writes it in this line
        f"<p data-hvs-date>{_line('date', date='')}</p>"
        f"<p>{escape(site_name)}. {_line('framework', framework=data['framework'])}.</p></div>"
        f'<section class="hvs-res-way"><h2>{_line("next_by_area")}</h2><ul class="hvs-res-next">{way}</ul></section>'
        f'<p class="hvs-res-summary">{summary}</p>'
        + _table(
            ui("script.by_area"), [ui("script.col_area"), ui("script.col_lessons"), ui("script.col_answers")], by_area
        )
        + _table(
            ui("script.by_competency"),
            [ui("script.col_competency"), ui("script.col_answers"), ui("script.col_result")],
            by_competency,
        )
        + _tools()
    )


def render_results(course: Course, site_name: str) -> str:
    """The page's content: the title, the self-assessment note, the box the progress views fill (the
    new learner's state, and the note for a browser without JavaScript), where to find course.js."""
    return (
        f'<h1>{ui("results_title")}</h1><p class="hvs-self-note">{ui("results_self_assessment")}</p>'
        f'<div class="hvs-results" data-hvs-results><p class="hvs-need-js">{ui("results_need_js")}</p>'
        f"{new_learner(course, site_name)}</div>" + render._course_data_on_demand(PAGE)
    )
