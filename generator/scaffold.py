"""`hocvuso new`: a new lesson and its self-assessment, from the catalogue's templates.

The files are named `<NN>-<slug>` with the area's next free number and an ASCII slug of the title,
and pass `hocvuso check` without a warning as soon as they are written. Numbers get three digits
past 99. The area may name a module, `4/02-ngan-hang` (or `4/02`, its number): the lesson goes into
that module folder, which is created, with an `index.md` for its title, if it does not exist yet
(`4/ngan-hang` creates it with the area's next free number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import textfold
from .errors import Problem
from .exchange.yamlwrite import yaml_str
from .lessons import readable
from .loader import AREA_FOLDER, LESSON_FILE, MODULE_FOLDER, QUIZ_FILE, Project, load
from .messages import catalogue_section, teacher_text, warning
from .model import Framework

MAX_SLUG = 60
MAX_NUMBER = 999  # three digits


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
    module_index: Path | None = None  # the index.md of a module folder this call created


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
    """One more than the highest number in the folder (an area's or a module's): its lessons and
    quizzes, and in an area its module folders too (01 for an empty folder)."""
    used = [0]
    for base, pattern in (
        (project.content, LESSON_FILE),
        (project.quizzes, QUIZ_FILE),
        (project.content, MODULE_FOLDER),
    ):
        directory = project.root / base / folder
        if directory.is_dir():
            names = (p.name for p in directory.iterdir() if p.is_dir() == (pattern is MODULE_FOLDER))
            used += [int(m["number"]) for m in map(pattern.match, names) if m]
    return max(used) + 1


def _module_folder(project: Project, area_folder: str, module: str) -> tuple[str, bool]:
    """The module folder (`02-ngan-hang`) named by `module`: an existing folder's name or number,
    a new `NN-slug`, or a name to slug and number; the flag says whether it exists already."""
    directory = project.root / project.content / area_folder
    existing = [p.name for p in sorted(directory.iterdir()) if p.is_dir()] if directory.is_dir() else []
    for name in existing:
        match = MODULE_FOLDER.match(name)
        if match and (module == name or (module.isdigit() and int(module) == int(match["number"]))):
            return name, True
    if MODULE_FOLDER.match(module):
        return module, False
    slug = slugify(module)
    if not slug or module.isdigit():
        raise ScaffoldError(teacher_text("new_bad_module", module=module, area=area_folder))
    number = next_number(project, area_folder)
    if number > MAX_NUMBER:
        raise ScaffoldError(teacher_text("new_area_full", folder=area_folder))
    return f"{number:02d}-{slug}", False


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
    area, _, module = area.strip().strip("/").partition("/")
    folder = area_folder = _area_folder(project, framework, area)
    code = AREA_FOLDER.match(folder)["code"]
    module_exists = True
    if module.strip("/"):
        module_name, module_exists = _module_folder(project, area_folder, module.strip("/"))
        folder = f"{area_folder}/{module_name}"
    area_competencies = framework.area_competencies(code)
    _check_choice(competency, [c.code for c in area_competencies], "new_unknown_competency")
    _check_choice(level, framework.level_codes, "new_unknown_level")
    for audience in audiences or []:
        _check_choice(audience, [a.id for a in framework.audiences], "new_unknown_audience")
    if not 1 <= duration <= 600:
        raise ScaffoldError(teacher_text("new_bad_duration", value=duration))
    slug = slugify(title) or "bai-hoc"
    number = next_number(project, folder)
    if number > MAX_NUMBER:
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
    index = None
    if not module_exists:  # a new module: its index.md gives it a title the teacher then corrects
        index = lesson_path.parent / "index.md"
        slug_title = readable(MODULE_FOLDER.match(lesson_path.parent.name)["slug"])
        index.write_text(templates["module"].format(title=yaml_str(slug_title)), encoding="utf-8")
    return NewLesson(lesson_path, quiz_path, folder, number, slug, index)


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
    intro = {line.strip() for line in templates["module"].splitlines() if len(line.strip()) > 30 and "{" not in line}
    for module in course.modules if course.modules else ():
        path = project.root / project.content / (module.intro_page or "")
        text = path.read_text(encoding="utf-8") if module.intro_page and path.is_file() else ""
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() in intro and not line.strip().startswith("#"):
                found.append(Problem(project.rel(path), number, warning("template_text", text=line.strip())))
                break
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
