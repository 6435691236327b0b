"""Render the course model to HTML fragments: lesson header, self-assessment, generated pages.

Plain functions over the model, independent of MkDocs; the plugin places their output into pages.
Every page is addressed by its path relative to the content folder (`4-an-toan/02-otp.md`) and
linked with a relative URL, so the site works from `file://`.

The self-assessment markup is a documented contract (docs-dev/self-assessment.md):
semantic HTML that reads well and reveals its answers with `<details>` when JavaScript is off.
"""

from __future__ import annotations

import json
import re
from html import escape

from . import incremental, textfold
from .markup import asset_link, link, md, md_inline, page_url  # noqa: F401  (re-exported)
from .markup import attrs as _attrs
from .messages import script_strings, ui
from .model import Course, Lesson, Question, Quiz
from .questions import get as question_type
from .questions.common import clip_button
from .questions.hotspot import FROM_LESSON
from .worksheet import lesson_link


def _dom_id(question: Question) -> str:
    return "q-" + question.id.replace(".", "-")


# --- the self-assessment -----------------------------------------------------------------------


def _key(question: Question, kind) -> str:
    """The answer and explanations, inside <details> so they read well without JavaScript."""
    explanation = ""
    if question.explanation:
        label = f'<p class="hvs-explanation-label">{ui("explanation")}</p>'
        explanation = f'<div class="hvs-explanation">{label}{md(question.explanation)}</div>'
    return f'<details class="hvs-key"><summary>{ui("show_answer")}</summary>{kind.key(question)}{explanation}</details>'


def render_question(question: Question, number: int) -> str:
    """One question: the common frame here, its inputs and answer key from its type."""
    kind = question_type(question.type)
    qid = _dom_id(question)
    hint = (
        f'<details class="hvs-hint"><summary>{ui("hint")}</summary>{md(question.hint)}</details>'
        if question.hint
        else ""
    )
    attrs = _attrs(
        id=qid,
        data_question_id=question.id,
        data_type=question.type,
        data_version=question.version,
        # no competency or level here: no script reads them (course.js has each question's competency)
        data_answer=json.dumps(kind.answer_data(question), ensure_ascii=False, separators=(",", ":")),
    )
    return (
        f'<div class="hvs-q"{attrs}>'
        f'<div class="hvs-prompt" id="{qid}-prompt"><p class="hvs-num">{ui("question_n", n=number)}</p>'
        f"{md(question.prompt)}</div>{clip_button(question.audio, ui('media.clip_prompt'), FROM_LESSON, text=True)}"
        f"{hint}{kind.choices(question, qid)}{_key(question, kind)}</div>"
    )


# The quiz's audio-first switch's row, hidden until media.js has something to play; reader.js makes
# the switch, its words in that cached file, not in every lesson (issue 21).
LISTEN_ROW = '<p class="hvs-listen-row" hidden></p>'


def render_quiz(quiz: Quiz, lesson: Lesson) -> str:
    title = escape(quiz.title) if quiz.title else ui("quiz_heading")
    questions = "".join(render_question(q, n) for n, q in enumerate(quiz.questions, start=1))
    intro = ui("quiz_intro", count=len(quiz.questions), pass_mark=quiz.pass_mark)
    return (
        f'<section class="hvs-quiz"{_attrs(data_lesson=lesson.page, data_pass_mark=quiz.pass_mark)} '
        f'aria-labelledby="hvs-quiz-title"><h2 id="hvs-quiz-title">{title}</h2>'
        f'<p class="hvs-quiz-intro">{intro}</p>{LISTEN_ROW}{questions}</section>'
    )


# --- lesson pages ------------------------------------------------------------------------------


def _competency_names(course: Course, codes: list[str]) -> str:
    """Plain words for learners; the framework's code stays for teachers in a tooltip."""
    fw = course.framework
    return "; ".join(f'<span title="{escape(code)}">{escape(fw.competencies[code].name)}</span>' for code in codes)


def render_lesson_head(course: Course, lesson: Lesson) -> str:
    fw = course.framework
    level = fw.level(lesson.level)
    # A lesson for every audience says so in two words rather than a phone screen of names.
    if len(fw.audiences) > 2 and set(lesson.audiences) >= {a.id for a in fw.audiences}:
        audiences = ui("audiences_all")
    else:
        audiences = ", ".join(escape(fw.audience(a).name) for a in lesson.audiences)
    rows = [
        ("duration", ui("minutes", n=lesson.duration)),
        ("level", f'<span title="{escape(level.code)}">{escape(level.name)}</span>'),
        ("competencies", _competency_names(course, lesson.competencies)),
        ("audiences", audiences),
    ]
    if lesson.reviewed:  # when the facts were last checked: a learner can judge how fresh the advice is
        year, month, day = lesson.reviewed.split("-")
        rows.append(("reviewed", f'<time datetime="{escape(lesson.reviewed)}">{day}/{month}/{year}</time>'))
    meta = "".join(f'<div class="hvs-meta-{key}"><dt>{ui(key)}</dt><dd>{value}</dd></div>' for key, value in rows)
    summary = f'<p class="hvs-summary">{escape(lesson.summary)}</p>' if lesson.summary else ""
    objectives = ""
    if lesson.objectives:
        items = "".join(f"<li>{md_inline(o)}</li>" for o in lesson.objectives)
        objectives = f'<section class="hvs-objectives"><h2>{ui("objectives")}</h2><ul>{items}</ul></section>'
    # The quiz can be far down a long lesson: one tap to it from the top.
    jump = (
        f'<p class="hvs-to-quiz"><a class="hvs-btn hvs-btn-2" href="#hvs-quiz-title">'
        f'<span aria-hidden="true">↓&nbsp;</span>{ui("to_quiz")}</a></p>'
        if lesson.quiz and lesson.quiz.questions
        else ""
    )
    return (
        f'<header class="hvs-lesson-head"{_attrs(data_lesson=lesson.page)}><h1>{escape(lesson.title)}</h1>'
        f'{summary}<dl class="hvs-meta">{meta}</dl>{jump}</header>{objectives}'
    )


def fold_sources(html: str) -> str:
    """A lesson's sources section (`## Nguồn tham khảo` up to the next heading of that rank) folded in
    a <details>, which keeps the heading's id: raw web addresses are for the curious, not the way."""
    heading = re.escape(ui("sources_heading"))
    found = re.search(rf"<h2(?P<attrs>[^>]*)>\s*{heading}\s*</h2>", html, re.IGNORECASE)
    if not found:
        return html
    end = re.compile(r"<h[12][\s>]").search(html, found.end())
    stop = end.start() if end else len(html)
    anchor = re.search(r'\sid="([^"]*)"', found.group("attrs"))
    ident = f' id="{anchor.group(1)}"' if anchor else ""
    return (
        f'{html[: found.start()]}<details class="hvs-sources"{ident}><summary>{ui("sources_heading")}</summary>'
        f"{html[found.end() : stop]}</details>{html[stop:]}"
    )


def render_lesson_foot(course: Course, lesson: Lesson) -> str:
    quiz = render_quiz(lesson.quiz, lesson) if lesson.quiz and lesson.quiz.questions else ""
    if quiz and any(q.type in PRACTICE_TYPES for q in lesson.quiz.questions):
        # the simulated phone's styles, only where there is one (most lessons have none)
        quiz = f'<link rel="stylesheet" href="{asset_link(lesson.page, PRACTICE_STYLE)}">{quiz}'

    area = course.area(lesson.area_code)
    # Two large link-buttons, one above the other; "Bài tiếp theo" turns into the main button once
    # the lesson's quiz is passed (hocvuso.css, from the quiz's data-passed), at once if it has none.
    links = []
    following = course.next_lesson(lesson)
    if following:
        wait = " hvs-next-wait" if quiz else ""
        links.append(
            f'<a class="hvs-next{wait}" rel="next" href="{link(lesson.page, following.page)}">'
            f"<span>{ui('next_lesson')}: {escape(following.title)}</span>"
            f'<span class="hvs-arrow" aria-hidden="true">→</span></a>'
        )
    module = course.module_of(lesson)
    up, back, name = (module.page, "back_to_module", module.title) if module else (area.page, "back_to_area", area.name)
    links.append(
        f'<a class="hvs-up" href="{link(lesson.page, up)}"><span class="hvs-arrow" aria-hidden="true">'
        f"←</span><span>{ui(back)}: {escape(name)}</span></a>"
    )

    return (
        f"{quiz}{lesson_link(lesson)}"
        f'<nav class="hvs-lesson-nav" aria-label="{ui("next_lesson")}">{"".join(links)}</nav>'
    )


# --- generated pages ---------------------------------------------------------------------------


def _lesson_list(course: Course, from_page: str, lessons: list[Lesson]) -> str:
    items = []
    for lesson in lessons:
        count = len(lesson.quiz.questions) if lesson.quiz else 0
        # The whole row is the link: one large target, not a line of small text.
        items.append(
            f"<li{_attrs(data_lesson=lesson.page, data_questions=count)}>"
            f'<a class="hvs-row" href="{link(from_page, lesson.page)}"><span class="hvs-row-title">'
            f'{escape(lesson.title)}</span> <span class="hvs-duration">{ui("minutes", n=lesson.duration)}</span>'
            f"</a></li>"
        )
    return f'<ol class="hvs-lessons">{"".join(items)}</ol>'


HOME_PAGE = "index.md"
RESULTS_PAGE = "ket-qua.md"


def path_page(audience_id: str) -> str:
    return f"lo-trinh/{audience_id}.md"


def _bar() -> str:
    """An empty progress bar; hocvuso.js sets the width of its inner span."""
    return '<span class="hvs-bar" aria-hidden="true"><span></span></span>'


def _dashboard(course: Course) -> str:
    """The dashboard as it stands before any progress: the markup hocvuso.js writes for a new learner
    (dashboard() there), so filling it in after the first paint moves nothing."""
    data = course_data(course)
    areas = [a for a in data["areas"] if a["lessons"]]
    pages = [page for a in areas for page in a["lessons"]]
    summary = ui("script.summary", done=0, total=len(pages), reached=0, competencies=len(data["competencies"]))
    start = (
        (
            f'<a class="hvs-btn hvs-next-lesson" href="{link(HOME_PAGE, pages[0])}">'
            f"{escape(ui('script.start', title=data['lessons'][pages[0]]['title']))}</a>"
        )
        if pages
        else ""
    )
    rows = "".join(
        f'<li><a href="{link(HOME_PAGE, a["page"])}">{escape(a["code"])}. {escape(a["name"])}</a>'
        f"<span> {escape(ui('script.lessons_done', done=0, total=len(a['lessons'])))}</span>{_bar()}</li>"
        for a in areas
    )
    return (
        f"<h2>{ui('script.progress_title')}</h2><p>{escape(summary)}</p>{start}"
        f'<ul class="hvs-dash-areas">{rows}</ul><h3>{ui("script.reached_title")}</h3>'
        f"<p>{ui('script.none_reached')}</p>"
        f'<a class="hvs-btn hvs-btn-2" href="{link(HOME_PAGE, RESULTS_PAGE)}">{ui("script.see_results")}</a>'
    )


def render_home(course: Course) -> str:
    fw = course.framework
    areas = "".join(
        f'<li class="hvs-area-card"{_attrs(data_area=area.code)}><h3><a href="{link(HOME_PAGE, area.page)}">'
        f"{escape(area.code)}. {escape(area.name)}</a></h3>"
        f"<p>{ui('lesson_count', count=len(area.lessons))}</p></li>"
        for area in course.areas
    )
    paths = "".join(
        f'<li><a class="hvs-row" href="{link(HOME_PAGE, path_page(a.id))}"><span class="hvs-row-title">{escape(a.name)}'
        f'</span> <span class="hvs-duration">{ui("lesson_count", count=len(course.path_lessons(a.id)))}</span></a></li>'
        for a in fw.audiences
        if course.path_lessons(a.id)
    )
    note = ui("framework_note", framework=escape(fw.name), legal_basis=escape(fw.legal_basis)) if fw.legal_basis else ""
    return (
        f'<h1>{ui("home_title")}</h1><p class="hvs-lead">{ui("home_intro")}</p>'
        f'<p class="hvs-reading-tip">{ui("home_reading_tip")}</p>'
        f'<div class="hvs-dashboard" data-hvs-dashboard>{_dashboard(course)}</div>'
        f'<h2 id="hvs-paths">{ui("paths_heading")}</h2><ul class="hvs-paths">{paths}</ul>'
        f'<h2>{ui("areas_heading")}</h2><ul class="hvs-areas">{areas}</ul>'
        f'<p class="hvs-note">{note}</p>' + _course_data_on_demand(HOME_PAGE)
    )


# --- data for the browser script ----------------------------------------------------------------

SCRIPT_ASSET = "assets/hocvuso/hocvuso.js"
STYLE_ASSET = "assets/hocvuso/hocvuso.css"
COURSE_DATA_ASSET = "assets/hocvuso/course.js"
PRACTICE_STYLE = "assets/hocvuso/practice.css"
PRACTICE_TYPES = ("hotspot", "scenario")


def _course_data_on_demand(from_page: str) -> str:
    """Where hocvuso.js finds the course structure when the learner has saved progress: the page is
    written as a new learner sees it, so a first visit does not fetch the whole course (issue 21)."""
    return f'<div hidden data-hvs-course="{asset_link(from_page, COURSE_DATA_ASSET)}"></div>'


def course_id(site_name: str) -> str:
    """A stable id for the progress key, from the site name: `Bình dân học vụ số` -> `binh-dan-hoc-vu-so`."""
    return textfold.slug(site_name, fallback="khoa-hoc")


def _question_data(lesson: Lesson) -> list:
    """[id, version, competency] of each question; the live preview hashes again only changed quizzes."""
    key = (incremental.file_digest(lesson.quiz.source), lesson.page, lesson.competencies, lesson.level)
    return incremental.memo(
        ("course-data", lesson.page), key, lambda: [[q.id, q.version, q.competency] for q in lesson.quiz.questions]
    )


def counted_questions(lesson) -> list:
    """A lesson's questions for pages that only count them: no version (hashing every question of a
    600-lesson course costs 0.4 s)."""
    return [(q.id, "", q.competency) for q in lesson.quiz.questions]


def course_data(course: Course, questions=None) -> dict:
    """What the dashboard and the results page need to know of the course, as plain data
    (`questions(lesson)`: a lesson's [id, version, competency] list; the versions, hashes of every
    question, are left out by callers that only count).

    Only lessons with a self-assessment count: a lesson is complete once its quiz is passed. A
    competency is reached when every such lesson that teaches it (by its front matter or by the
    competency of one of its questions) is complete.
    """
    quiz_lessons = [lesson for lesson in course.lessons if lesson.quiz and lesson.quiz.questions]
    taught: dict[str, list[str]] = {}
    for lesson in quiz_lessons:
        codes = list(lesson.competencies) + [q.competency for q in lesson.quiz.questions]
        for code in dict.fromkeys(codes):
            taught.setdefault(code, []).append(lesson.page)
    quiz_pages = {lesson.page for lesson in quiz_lessons}
    fw = course.framework
    return {
        "framework": fw.name,
        "results": RESULTS_PAGE,
        "areas": [
            {
                "code": area.code,
                "name": area.name,
                "page": area.page,
                "lessons": [lesson.page for lesson in area.lessons if lesson.page in quiz_pages],
            }
            for area in course.areas
        ],
        "lessons": {
            lesson.page: {
                "title": lesson.title,
                "questions": (questions or _question_data)(lesson),
            }
            for lesson in quiz_lessons
        },
        "competencies": [
            {"code": c.code, "name": c.name, "lessons": taught[c.code]}
            for c in fw.competencies.values()
            if c.code in taught
        ],
    }


def _js_value(value: object) -> str:
    # U+2028/2029 are valid in JSON but ended a JS string literal before ES2019.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# `ui.script` strings only the progress views show (home, area, results): course.js carries them,
# not every lesson's script.
# fmt: off
PROGRESS_STRINGS = (
    "progress_title", "lessons_done", "area_progress", "reached_title", "none_reached", "see_results",
    "continue", "reached", "you_did_title", "you_did", "you_did_none", "next_by_area", "area_all_done",
    "in_progress", "not_started", "date", "framework", "by_area", "by_competency", "col_area",
    "col_competency", "col_lessons", "col_answers", "col_result", "tools", "print", "export_file",
    "import_file", "imported_ok", "bad_file", "import_full", "import_unsaved", "import_too_big",
    "reset_confirm", "reset_yes", "reset_no", "reset_ok",
)
# fmt: on


def script_prelude(site_id: str, site_name: str) -> str:
    """Prefixed to the theme's script, so the course id and the strings arrive in that one cached file."""
    msg = {k: v for k, v in script_strings().items() if k not in PROGRESS_STRINGS}
    site = {"id": site_id, "name": site_name, "msg": msg}
    return f"var HVS_SITE = {_js_value(site)};\n"


# The words of the page parts the scripts build, not every page's HTML (issue 21; shown only with
# JavaScript), in front of each script file: hocvuso.js's size budget is the self-assessment's.
# fmt: off
READER_PART_STRINGS = ("label", "size", "size_0", "size_1", "size_2", "contrast", "listen_question", "listen",
                       "pause", "resume", "stop", "voice_help", "no_voice")
# fmt: on
SEARCH_PART_STRINGS = ("label", "placeholder", "close", "clear", "hint", "loading", "failed")


def reader_prelude() -> str:
    """In front of reader.js: the words of the parts it makes (reader bar, read aloud, text sizes…)."""
    words = {k: ui("reader." + k) for k in (*READER_PART_STRINGS, "voice_steps")} | {"close": ui("glossary.close")}
    words |= {k: ui("media." + k, letter="{letter}") for k in ("clip_prompt", "clip_option", "listen_mode")}
    return f"var HVS_READER_MSG = {_js_value(words)};\n"


def page_prelude() -> str:
    """In front of page.js: the search panel's words."""
    return f"var HVS_PAGE_MSG = {_js_value({k: ui('search.' + k) for k in SEARCH_PART_STRINGS})};\n"


def course_data_script(course: Course) -> str:
    """Two lines: the course's structure and the progress views' strings, as course.js starts (the
    progress views' code follows)."""
    strings = {key: script_strings()[key] for key in PROGRESS_STRINGS}
    return f"var HVS_COURSE = {_js_value(course_data(course))};\nvar HVS_PROGRESS_MSG = {_js_value(strings)};\n"


def progress_views(course_js: str) -> str:
    """The progress views' code of a built course.js, without its two lines of data."""
    lines = course_js.split("\n")
    while lines and lines[0].startswith(("var HVS_COURSE = ", "var HVS_PROGRESS_MSG = ")):
        lines.pop(0)
    return "\n".join(lines)
