"""Load a course from its folders: framework file, lessons (`content/`) and quizzes (`quizzes/`).

Loading never writes anything and never stops at the first mistake: every problem in the course is
collected, and `load_course` raises one CourseError listing them all.
"""

from __future__ import annotations

from pathlib import Path

from . import curly, incremental, media_check, messages, safefile, schema, validate
from .errors import CourseError, Problem
from .glossary import load_glossary
from .lessons import AREA_FOLDER, LESSON_FILE, MODULE_FOLDER, QUIZ_FILE, load_areas  # noqa: F401 (re-exported)
from .messages import msg, warning
from .model import Audience, Competency, Course, Framework, Lesson, Level, Question, Quiz
from .questions import get as question_type
from .sources import Project, Report, parse_yaml, read_text, split_front_matter, unsafe_files  # noqa: F401 (re-exported)
from .yamlread import Document

DEFAULT_PASS_MARK = 80


# --- framework ---------------------------------------------------------------------------------


def load_framework(project: Project, problems: list[Problem]) -> Framework | None:
    path = project.root / project.framework
    file = project.rel(path)
    if not path.is_file():
        problems.append(Problem(file, 1, msg("missing_framework", path=file)))
        return None
    text = read_text(path, file, problems, safefile.MAX_FRAMEWORK_BYTES)
    doc = parse_yaml(text, file, problems) if text is not None else None
    if doc is None:
        return None
    found = schema.check(doc, "framework", file)
    if not found:
        codes = (
            [("levels", i, "code", lv["code"]) for i, lv in enumerate(doc.data["levels"])]
            + [("areas", i, "code", a["code"]) for i, a in enumerate(doc.data["areas"])]
            + [
                ("areas", i, "competencies", j, "code", c["code"])
                for i, a in enumerate(doc.data["areas"])
                for j, c in enumerate(a["competencies"])
            ]
            + [("audiences", i, "id", a["id"]) for i, a in enumerate(doc.data["audiences"])]
        )
        seen = set()
        for *path, code in codes:
            kind = path[0] if path[0] != "areas" or len(path) == 3 else "competencies"
            if (kind, code) in seen:
                found.append(Problem(file, doc.line(tuple(path)), msg("duplicate_code", code=code)))
            seen.add((kind, code))
    if found:
        problems += found
        return None
    data = doc.data
    return Framework(
        id=data["id"],
        name=data["name"],
        legal_basis=data.get("legal_basis", ""),
        levels=[Level(lv["code"], lv["name"]) for lv in data["levels"]],
        area_names={a["code"]: a["name"] for a in data["areas"]},
        competencies={
            c["code"]: Competency(c["code"], c["name"], a["code"], c.get("description", ""))
            for a in data["areas"]
            for c in a["competencies"]
        },
        audiences=[Audience(a["id"], a["name"]) for a in data["audiences"]],
    )


# --- quizzes -----------------------------------------------------------------------------------


def _load_quiz(
    project: Project,
    path: Path,
    lesson: Lesson,
    framework: Framework,
    problems: list[Problem],
    warnings: list[Problem],
    ids: dict[str, str],
) -> Quiz | None:
    """The quiz of `lesson`, or None if it has problems (added to `problems`); `ids` has every
    question id seen so far, with where it is: an id twice in the course is a problem."""
    file = project.rel(path)
    if incremental.active() is None:
        quiz, found, warned, question_ids = _check_quiz(project, path, lesson, framework)
    else:  # the live preview checks again only a quiz whose file, lesson, framework or content folder changed
        key = (
            incremental.file_digest(path),
            incremental.fields(lesson, "quiz"),
            incremental.file_digest(project.root / project.framework),
            incremental.listing(project.root / project.content),
            messages.active().language,
        )
        quiz, found, warned, question_ids = incremental.memo(
            ("quiz", file), key, lambda: _check_quiz(project, path, lesson, framework)
        )
    found = list(found)
    for qid, line in question_ids:
        if qid in ids:
            found.append(Problem(file, line, msg("duplicate_question_id", id=qid, other=ids[qid])))
        else:
            ids[qid] = f"{file}:{line}"
    problems += found
    warnings += warned
    return None if found else quiz


def _check_quiz(
    project: Project, path: Path, lesson: Lesson, framework: Framework
) -> tuple[Quiz | None, list[Problem], list[Problem], list[tuple[str, int]]]:
    """The quiz, its problems and warnings, and its questions' ids with their lines."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    question_ids: list[tuple[str, int]] = []
    file = project.rel(path)
    text = read_text(path, file, problems, safefile.MAX_QUIZ_BYTES)
    doc = parse_yaml(text, file, problems) if text is not None else None
    if doc is None:
        return None, problems, warnings, question_ids
    if not isinstance(doc.data, dict):
        problems.append(Problem(file, 1, msg("quiz_not_mapping")))
        return None, problems, warnings, question_ids
    found = schema.check(doc, "quiz", file)
    questions_data = doc.data.get("questions") if isinstance(doc.data.get("questions"), list) else []
    invalid = schema.failing_items(doc.data, "quiz", "questions")
    questions: list[Question] = []
    for i, q in enumerate(questions_data):
        if not isinstance(q, dict):
            continue
        if isinstance(q.get("id"), str):
            question_ids.append((q["id"], doc.line(("questions", i, "id"))))
        found += validate.check_codes(doc, file, framework, q, ("questions", i))
        found += validate.check_question(doc, file, i, q)
        found += _check_files(project, doc, file, lesson, i, q)
        kind = validate.question_kind(q)  # recorded clips: like a lesson's narration (media_check)
        clip_errors, clip_warnings = media_check.question_clips(
            project.root, project.content, doc, file, lesson.page, ("questions", i), kind.clips(q) if kind else []
        )
        found += clip_errors
        warnings += clip_warnings
        quote_errors, quote_warnings = curly.question_quotes(doc, file, ("questions", i), q)
        found += quote_errors
        warnings += quote_warnings
        if i not in invalid:
            warnings += validate.question_warnings(doc, file, i, q)
            questions.append(
                Question(
                    id=q["id"],
                    type=q["type"],
                    prompt=q["prompt"],
                    competency=q.get("competency") or lesson.competencies[0],
                    level=q.get("level") or lesson.level,
                    explanation=q.get("explanation"),
                    hint=q.get("hint"),
                    audio=media_check.local_target(lesson.page, q["audio"]) if q.get("audio") else None,
                    data=_typed(q, lesson),
                    skip_review=tuple(q.get("skip_review") or ()),
                    line=doc.line(("questions", i)),
                )
            )
    problems += found
    if found:
        return None, problems, warnings, question_ids
    data = doc.data
    quiz = Quiz(
        source=file, title=data.get("title"), pass_mark=data.get("pass_mark", DEFAULT_PASS_MARK), questions=questions
    )
    return quiz, problems, warnings, question_ids


def _typed(q: dict, lesson: Lesson):
    kind = question_type(q["type"])
    return kind.place(kind.parse(q), lesson.page)


def _check_files(project: Project, doc: Document, file: str, lesson: Lesson, index: int, q: dict) -> list[Problem]:
    """Each file a question shows (`QuestionType.files`) must be a file inside the content folder,
    which the site copies as it copies a lesson's Markdown images."""
    kind = validate.question_kind(q)
    files = list(kind.files(q)) if kind else []
    if not files:  # most questions show none: no resolving of the content folder (3,000 at 600 lessons)
        return []
    content = (project.root / project.content).resolve()
    found = []
    for place, written in files:
        target = (content / Path(lesson.page).parent / written).resolve()
        if not target.is_relative_to(content) or not target.is_file() or "\\" in written:
            found.append(
                Problem(
                    file,
                    doc.line(("questions", index) + place),
                    msg(
                        "question_file_missing",
                        where=schema.where(("questions", index, "")),
                        path=written,
                        folder=f"{project.content}/{Path(lesson.page).parent.as_posix()}",
                    ),
                )
            )
    return found


def _attach_quizzes(
    project: Project, course: Course, framework: Framework, problems: list[Problem], warnings: list[Problem]
) -> None:
    quizzes = project.root / project.quizzes
    if quizzes.is_symlink() or not quizzes.is_dir():  # a link is refused by `unsafe_files`
        return  # a course without self-assessments is allowed; `check` warns per lesson
    lessons = {lesson.page: lesson for lesson in course.lessons}
    ids: dict[str, str] = {}
    for path in sorted(quizzes.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        file = project.rel(path)
        rel = path.relative_to(quizzes)
        if path.suffix not in (".yml", ".yaml"):
            problems.append(Problem(file, 1, msg("not_a_quiz_file")))
            continue
        if len(rel.parts) not in (2, 3):  # an area's folder, or one of its modules
            problems.append(Problem(file, 1, msg("quiz_wrong_place")))
            continue
        if not QUIZ_FILE.match(path.name):
            problems.append(Problem(file, 1, msg("bad_quiz_name")))
            continue
        page = rel.with_suffix(".md").as_posix()
        lesson = lessons.get(page)
        if lesson is None:
            lesson_file = f"{project.content}/{page}"
            if not (project.root / lesson_file).is_file():
                problems.append(Problem(file, 1, msg("quiz_without_lesson", lesson=lesson_file)))
                continue
            # The lesson is broken and reported on its own; still check its quiz, so one run
            # shows every problem, against a stand-in lesson that is then thrown away.
            stand_in = Lesson(
                source=lesson_file,
                page=page,
                area_code="",
                number=0,
                title="",
                competencies=[""],
                level="",
                audiences=[],
                duration=0,
            )
            _load_quiz(project, path, stand_in, framework, problems, warnings, ids)
            continue
        lesson.quiz = _load_quiz(project, path, lesson, framework, problems, warnings, ids)
    for lesson in course.lessons:
        if lesson.quiz is None and not (quizzes / Path(lesson.page).with_suffix(".yml")).exists():
            warnings.append(
                Problem(
                    lesson.source,
                    1,
                    warning(
                        "lesson_without_quiz",
                        quiz=f"{project.quizzes}/{Path(lesson.page).with_suffix('.yml').as_posix()}",
                    ),
                )
            )


def load(project: Project) -> Report:
    """Load and validate the whole course, collecting every problem."""
    problems: list[Problem] = unsafe_files(project)
    warnings: list[Problem] = []
    framework = load_framework(project, problems)
    if framework is None:
        return Report(None, sorted(set(problems)), warnings)
    course = Course(framework=framework, areas=load_areas(project, framework, problems, warnings))
    _attach_quizzes(project, course, framework, problems, warnings)
    course.glossary = load_glossary(project, problems)
    media_check.check_course(project.root, project.content, course, problems, warnings)
    from .review import missing_images  # review reads the loaded course: imported here, not at the top

    problems += missing_images(project)
    return Report(course, sorted(set(problems)), sorted(set(warnings)))


def load_course(project: Project) -> Course:
    """The course, or a CourseError listing every problem in it."""
    report = load(project)
    if report.problems:
        raise CourseError(report.problems)
    return report.course
