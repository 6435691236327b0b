"""Paper worksheets for in-person classes: one per lesson and one per area.

Each worksheet lists the self-assessment's questions numbered for pen and paper — tick boxes for
choices, boxes to number the steps of an ordering question, blanks to pair the columns of a matching
question, lines to write a short answer — then, on a page of its own (CSS page break), the answer
key with explanations for the teacher. Items are laid out in the same stable order as on the site.

An area's worksheet is a review sheet a class can do in one sitting: at most AREA_PER_LESSON
questions from each lesson (different question types first) and AREA_MAX in all, taken evenly across
the lessons; the complete sets are on the lessons' own sheets. So a province's 100-lesson area does not
print 500 questions, and the page does not grow with the course.

Plain functions over the course model; the plugin publishes them as `phieu/<area>/<NN>-<slug>.html`
and `phieu/<area>/index.html`, outside the learners' navigation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from .markup import link, md, md_inline
from .messages import ui
from .model import Area, Course, Lesson, Question
from .questions import get as question_type

SHEETS = "phieu"
AREA_PER_LESSON = 3
AREA_MAX = 40


def lesson_sheet_page(lesson: Lesson) -> str:
    """`4-an-toan/02-otp.md` -> `phieu/4-an-toan/02-otp.md`."""
    return f"{SHEETS}/{lesson.page}"


def area_sheet_page(area: Area) -> str:
    return f"{SHEETS}/{area.folder}/index.md"


def has_questions(lesson: Lesson) -> bool:
    return bool(lesson.quiz and lesson.quiz.questions)


def pages(course: Course) -> dict[str, tuple[str, Callable[[], str]]]:
    """Every worksheet page: source path -> (title, function rendering its HTML)."""
    found: dict[str, tuple[str, Callable[[], str]]] = {}
    for area in course.areas:
        lessons = [lesson for lesson in area.lessons if has_questions(lesson)]
        if not lessons:
            continue
        found[area_sheet_page(area)] = (
            ui("sheet_area_title", code=area.code, name=area.name),
            lambda area=area: render_area_sheet(course, area),
        )
        for lesson in lessons:
            found[lesson_sheet_page(lesson)] = (
                ui("sheet_title", title=lesson.title),
                lambda lesson=lesson: render_lesson_sheet(course, lesson),
            )
    return found


# --- the learner's side ------------------------------------------------------------------------
# Tick boxes, numbering boxes, blanks and the lines to fill in the head are drawn by print.css
# (::before/::after), the key's items styled as its list's: 600 lessons' worksheets are four of the
# site's twenty-odd megabytes (issue 21).


def render_sheet_question(question: Question, number: int) -> str:
    """One question for pen and paper: the common frame here, what to answer from its type."""
    kind = question_type(question.type)
    how = f' <span class="hvs-ws-how">{escape(ui(kind.sheet_how))}</span>'
    hint = (
        f'<div class="hvs-ws-hint"><em>{escape(ui("hint"))}:</em> {md_inline(question.hint)}</div>'
        if question.hint
        else ""
    )
    return (
        '<section class="hvs-ws-q">'
        f'<p class="hvs-ws-num"><strong>{escape(ui("question_n", n=number))}.</strong>'
        f"{how}</p>{md(question.prompt)}{hint}{kind.sheet(question)}</section>"
    )


# --- the teacher's answer key ------------------------------------------------------------------


def render_key_item(question: Question, number: int) -> str:
    explanation = (
        f'<div class="hvs-ws-expl"><em>{escape(ui("explanation"))}:</em> {md(question.explanation)}</div>'
        if question.explanation
        else ""
    )
    return (
        "<li>"
        f"<p><strong>{escape(ui('question_n', n=number))}:</strong> {question_type(question.type).sheet_key(question)}</p>{explanation}</li>"
    )


# --- pages -------------------------------------------------------------------------------------


def _head(page: str, title: str, subtitle: str, back_page: str, back_label: str) -> str:
    fill = "".join(
        f'<span class="hvs-ws-field">{escape(ui(key))}:</span>' for key in ("sheet_name", "sheet_class", "sheet_date")
    )
    return (
        f'<header class="hvs-ws-head"><h1>{escape(title)}</h1><p class="hvs-ws-sub">{escape(subtitle)}</p>'
        f'<p class="hvs-ws-tools"><button type="button" class="hvs-ws-print" data-hvs-print>'
        f"{escape(ui('sheet_print'))}</button> <span>{escape(ui('sheet_print_hint'))}</span> "
        f'<a href="{link(page, back_page)}">{escape(back_label)}</a></p>'
        f'<p class="hvs-ws-fill">{fill}</p><p class="hvs-ws-instructions">{escape(ui("sheet_how"))}</p></header>'
    )


def _key(title: str, body: str) -> str:
    return (
        f'<section class="hvs-ws-key"><h2>{escape(ui("sheet_key_title", title=title))}</h2>'
        f'<p class="hvs-ws-note">{escape(ui("sheet_key_note"))}</p>{body}</section>'
    )


def render_lesson_sheet(course: Course, lesson: Lesson) -> str:
    page = lesson_sheet_page(lesson)
    area = course.area(lesson.area_code)
    questions = lesson.quiz.questions if lesson.quiz else []
    subtitle = ui("sheet_subtitle", code=area.code, area=area.name, number=lesson.label, count=len(questions))
    sheet = "".join(render_sheet_question(q, n) for n, q in enumerate(questions, start=1))
    key = (
        '<ol class="hvs-ws-key-list">'
        + "".join(render_key_item(q, n) for n, q in enumerate(questions, start=1))
        + "</ol>"
    )
    return (
        f'<div class="hvs-ws" data-lesson="{escape(lesson.page)}">'
        + _head(page, ui("sheet_title", title=lesson.title), subtitle, lesson.page, ui("sheet_back"))
        + f'<div class="hvs-ws-questions">{sheet}</div>'
        + _key(lesson.title, key)
        + "</div>"
    )


def review_questions(question_list: list[Question], limit: int = AREA_PER_LESSON) -> list[Question]:
    """Up to `limit` questions for the area sheet, one of each type first, in the lesson's order."""
    seen: set[str] = set()
    firsts = []
    for i, question in enumerate(question_list):
        if question.type not in seen:
            seen.add(question.type)
            firsts.append(i)
    picked = set(firsts[:limit])
    picked.update([i for i in range(len(question_list)) if i not in picked][: limit - len(picked)])
    return [question for i, question in enumerate(question_list) if i in picked]


def area_review(lessons: list[Lesson], limit: int = AREA_MAX) -> list[tuple[Lesson, list[Question]]]:
    """Each lesson with its review questions, taken in rounds (every lesson's first, then every
    lesson's second...) until `limit`, so a large area is covered evenly; lessons left out get []."""
    pools = [review_questions(lesson.quiz.questions) for lesson in lessons]
    rounds = sorted((n, i) for i, pool in enumerate(pools) for n in range(len(pool)))[:limit]
    taken = Counter(i for _, i in rounds)
    return [(lesson, pool[: taken[i]]) for i, (lesson, pool) in enumerate(zip(lessons, pools))]


def render_area_sheet(course: Course, area: Area) -> str:
    page = area_sheet_page(area)
    review = area_review([lesson for lesson in area.lessons if has_questions(lesson)])
    count = sum(len(questions) for _, questions in review)
    subtitle = ui("sheet_area_subtitle", lessons=len(review), count=count, per_lesson=AREA_PER_LESSON)
    sheet, key, n, left_out = [], [], 0, 0
    for lesson, chosen in review:
        if not chosen:
            left_out += 1
            continue
        heading = escape(ui("sheet_lesson_heading", number=lesson.label, title=lesson.title))
        first = n + 1
        questions = "".join(render_sheet_question(q, n + i) for i, q in enumerate(chosen, start=1))
        items = "".join(render_key_item(q, n + i) for i, q in enumerate(chosen, start=1))
        n += len(chosen)
        sheet.append(
            f'<section class="hvs-ws-lesson" data-lesson="{escape(lesson.page)}">'
            f"<h2>{heading}</h2>{questions}</section>"
        )
        key.append(f'<h3>{heading}</h3><ol class="hvs-ws-key-list" start="{first}">{items}</ol>')
    if left_out:
        sheet.append(f'<p class="hvs-ws-note">{escape(ui("sheet_area_left_out", count=left_out))}</p>')
    title = ui("sheet_area_title", code=area.code, name=area.name)
    return (
        f'<div class="hvs-ws" data-area="{escape(area.code)}">'
        + _head(page, title, subtitle, area.page, ui("sheet_back_area"))
        + f'<div class="hvs-ws-questions">{"".join(sheet)}</div>'
        + _key(title, "".join(key))
        + "</div>"
    )


def lesson_link(lesson: Lesson) -> str:
    """The link a lesson page shows to its worksheet ('' when the lesson has no questions)."""
    if not has_questions(lesson):
        return ""
    return (
        f'<p class="hvs-sheet-link"><a href="{link(lesson.page, lesson_sheet_page(lesson))}">'
        f"{escape(ui('sheet_link'))}</a></p>"
    )


def area_link(area: Area) -> str:
    """The link an area page shows to its worksheet ('' when no lesson of the area has questions)."""
    if not any(has_questions(lesson) for lesson in area.lessons):
        return ""
    return (
        f'<p class="hvs-sheet-link"><a href="{link(area.page, area_sheet_page(area))}">'
        f"{escape(ui('sheet_area_link'))}</a></p>"
    )
