"""`hocvuso new`: a new lesson and its self-assessment, from the catalogue's templates.

The files are named `<NN>-<slug>` with the area's next free number and an ASCII slug of the title,
and pass `hocvuso check` without a warning as soon as they are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import textfold
from .errors import Problem
from .exchange.yamlwrite import yaml_str
from .loader import AREA_FOLDER, LESSON_FILE, QUIZ_FILE, Project, load
from .messages import catalogue_section, teacher_text, warning
from .model import Framework

MAX_SLUG = 60


class ScaffoldError(Exception):
    """The lesson cannot be created; the message is for the teacher."""


def slugify(title: str, max_length: int = MAX_SLUG) -> str:
    """ASCII slug of a Vietnamese title: 'Đặt mật khẩu mạnh!' -> 'dat-mat-khau-manh'."""
    slug = textfold.slug(title)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug


@dataclass
class NewLesson:
    lesson: Path
    quiz: Path
    area_folder: str
    number: int
    slug: str


def _area_folder(project: Project, framework: Framework, area: str) -> str:
    """The folder of an area given as its code (`4`) or its folder name (`4-an-toan`)."""
    content = project.root / project.content
    folders = {}
    if content.is_dir():
        for entry in sorted(content.iterdir()):
            match = AREA_FOLDER.match(entry.name)
            if entry.is_dir() and match and match["code"] in framework.area_names:
                folders.setdefault(match["code"], entry.name)
    area = area.strip().rstrip("/")
    for code, folder in folders.items():
        if area in (code, folder):
            return folder
    if area in framework.area_names:
        return f"{area}-{slugify(framework.area_names[area], 30)}"
    choices = ", ".join(f"`{code}` ({name})" for code, name in framework.area_names.items())
    raise ScaffoldError(teacher_text("new_unknown_area", area=area, allowed=choices))


def next_number(project: Project, folder: str) -> int:
    """One more than the highest lesson or quiz number in the area (01 for an empty area)."""
    used = [0]
    for base, pattern in ((project.content, LESSON_FILE), (project.quizzes, QUIZ_FILE)):
        directory = project.root / base / folder
        if directory.is_dir():
            used += [int(m["number"]) for m in map(pattern.match, (p.name for p in directory.iterdir())) if m]
    return max(used) + 1


def _check_choice(value: str | None, allowed: list[str], key: str) -> None:
    if value is not None and value not in allowed:
        raise ScaffoldError(teacher_text(key, value=value, allowed=", ".join(f"`{a}`" for a in allowed)))


def create_lesson(
    project: Project,
    area: str,
    title: str,
    *,
    competency: str | None = None,
    level: str | None = None,
    audiences: list[str] | None = None,
    duration: int = 10,
) -> NewLesson:
    """Write `content/<area>/<NN>-<slug>.md` and `quizzes/<area>/<NN>-<slug>.yml`; never overwrite."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(teacher_text("new_empty_title"))
    report = load(project)
    if report.course is None:
        raise ScaffoldError(teacher_text("new_broken_framework"))
    framework = report.course.framework
    folder = _area_folder(project, framework, area)
    code = AREA_FOLDER.match(folder)["code"]
    area_competencies = framework.area_competencies(code)
    _check_choice(competency, [c.code for c in area_competencies], "new_unknown_competency")
    _check_choice(level, framework.level_codes, "new_unknown_level")
    for audience in audiences or []:
        _check_choice(audience, [a.id for a in framework.audiences], "new_unknown_audience")
    if not 1 <= duration <= 600:
        raise ScaffoldError(teacher_text("new_bad_duration", value=duration))
    slug = slugify(title) or "bai-hoc"
    number = next_number(project, folder)
    if number > 99:
        raise ScaffoldError(teacher_text("new_area_full", folder=folder))
    name = f"{number:02d}-{slug}"
    lesson_path = project.root / project.content / folder / f"{name}.md"
    quiz_path = project.root / project.quizzes / folder / f"{name}.yml"
    for path in (lesson_path, quiz_path):
        if path.exists():
            raise ScaffoldError(teacher_text("new_exists", path=project.rel(path)))

    ids = {q.id for lesson in report.course.lessons if lesson.quiz for q in lesson.quiz.questions}
    ids |= question_ids_in_files(project)
    first_id, second_id = _free_id(f"{slug}-1", ids), None
    ids.add(first_id)
    second_id = _free_id(f"{slug}-2", ids)

    templates = catalogue_section("teacher", "templates")
    values = dict(
        title=yaml_str(title),
        quiz_title=yaml_str(teacher_text("new_quiz_title", title=title)),
        competency=yaml_str(competency or area_competencies[0].code),
        competency_list="; ".join(f"{c.code} {c.name}" for c in area_competencies),
        level=level or framework.level_codes[0],
        level_list=", ".join(f"{lv.code} ({lv.name})" for lv in framework.levels),
        audiences="[" + ", ".join(audiences or [a.id for a in framework.audiences]) + "]",
        audience_list=", ".join(f"{a.id} ({a.name})" for a in framework.audiences),
        duration=duration,
        first_id=first_id,
        second_id=second_id,
    )
    lesson_path.parent.mkdir(parents=True, exist_ok=True)
    quiz_path.parent.mkdir(parents=True, exist_ok=True)
    lesson_path.write_text(templates["lesson"].format(**values), encoding="utf-8")
    quiz_path.write_text(templates["quiz"].format(**values), encoding="utf-8")
    return NewLesson(lesson_path, quiz_path, folder, number, slug)


def question_ids_in_files(project: Project) -> set[str]:
    """Question ids written in quiz files, even in files that do not load (so a new id never clashes)."""
    ids = set()
    quizzes = project.root / project.quizzes
    if quizzes.is_dir():
        for path in quizzes.rglob("*.y*ml"):
            try:
                ids |= set(re.findall(r"^\s*-?\s*id:\s*[\"']?([A-Za-z0-9._-]+)", path.read_text("utf-8"), re.M))
            except (OSError, UnicodeDecodeError):
                continue
    return ids


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


def template_leftovers(course, project: Project) -> list[Problem]:
    """Lessons and questions that still hold the example text `hocvuso new` wrote: an untouched
    template is a lesson that teaches nothing and a quiz that tests nothing."""
    templates = catalogue_section("teacher", "templates")
    quiz = yaml.safe_load(_PLACEHOLDER.sub("x", templates["quiz"]))
    texts = set()
    for q in quiz.get("questions") or ():
        texts |= {q.get(k) for k in ("prompt", "hint", "explanation", "feedback_true", "feedback_false")}
        texts |= {o.get(k) for o in q.get("options") or () for k in ("text", "feedback")}
    texts.discard(None)
    lines = {
        line.strip()
        for line in templates["lesson"].splitlines()
        if len(line.strip()) > 30 and "{" not in line and not line.strip().startswith(("#", "---"))
    }
    found = []
    for lesson in course.lessons:
        for q in lesson.quiz.questions if lesson.quiz else ():
            left = [
                t
                for t in (q.prompt, q.hint, q.explanation, *(o.text for o in getattr(q.data, "options", ()) or ()))
                if t in texts
            ]
            if left:
                found.append(Problem(lesson.quiz.source, q.line, warning("template_text", text=left[0])))
        try:
            body = (project.root / lesson.source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(body.splitlines(), start=1):
            if line.strip() in lines:
                found.append(Problem(lesson.source, number, warning("template_text", text=line.strip())))
                break
    return found


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
