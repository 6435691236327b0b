"""The content folder's lessons: areas, their optional modules, and the lesson files in them.

    content/<area>/NN-lesson.md                    a lesson of the area itself
    content/<area>/NN-module/index.md              a module's title and introduction (optional)
    content/<area>/NN-module/NN-lesson.md          a lesson of that module

Numbers have two or three digits (`07-…`, `123-…`) and order lessons numerically; an area's own
lessons and its modules share one numbering. One module level only: deeper folders are refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import media_check, safefile, schema, validate
from .errors import Problem
from .messages import msg, warning
from .model import Area, Framework, Lesson, Module
from .sources import Project, parse_yaml, read_text, split_front_matter
from .yamlread import Document

AREA_FOLDER = re.compile(r"^(?P<code>[A-Za-z0-9]+)-(?P<slug>[a-z0-9][a-z0-9-]*)$")
LESSON_FILE = re.compile(r"^(?P<number>\d{2,3})-(?P<slug>[a-z0-9][a-z0-9-]*)\.md$")
QUIZ_FILE = re.compile(r"^(?P<number>\d{2,3})-(?P<slug>[a-z0-9][a-z0-9-]*)\.ya?ml$")
MODULE_FOLDER = re.compile(r"^(?P<number>\d{2,3})-(?P<slug>[a-z0-9][a-z0-9-]*)$")
# Folders of an area or a module that hold pictures, drafts, etc., never lessons.
_NOT_LESSONS = ("img", "images", "assets")


def front_matter(path: Path, file: str, problems: list[Problem], schema_name: str) -> tuple[Document | None, bool]:
    """The lesson's front matter document; the flag says whether it is valid against the schema."""
    text = read_text(path, file, problems, safefile.MAX_LESSON_BYTES)
    if text is None:
        return None, False
    try:
        yaml_text, _, _ = split_front_matter(text)
    except ValueError:
        problems.append(Problem(file, 1, msg("front_matter_unclosed")))
        return None, False
    if yaml_text is None:
        if schema_name == "area":
            return None, True
        problems.append(Problem(file, 1, msg("no_front_matter")))
        return None, False
    doc = parse_yaml(yaml_text, file, problems, first_line=2)
    if doc is None:
        return None, False
    if not isinstance(doc.data, dict):
        problems.append(Problem(file, 2, msg("front_matter_not_mapping")))
        return None, False
    found = schema.check(doc, schema_name, file)
    problems += found
    return doc, not found


def _load_lesson(
    project: Project, path: Path, area: Area, number: int, framework: Framework, problems: list[Problem]
) -> Lesson | None:
    file = project.rel(path)
    doc, valid = front_matter(path, file, problems, "lesson")
    if doc is None:
        return None
    found = validate.check_codes(doc, file, framework, doc.data)
    page = path.relative_to(project.root / project.content).as_posix()
    if valid and "audio" in doc.data:  # recorded narration: a file of the content folder
        found += media_check.lesson_audio(
            project.root, project.content, file, page, doc.data["audio"], doc.line(("audio",))
        )
    problems += found
    if not valid or found:
        return None
    data = doc.data
    return Lesson(
        source=file,
        page=page,
        area_code=area.code,
        number=number,
        title=data["title"],
        competencies=list(data["competencies"]),
        level=data["level"],
        audiences=list(data["audiences"]),
        duration=data["duration"],
        summary=data.get("summary"),
        objectives=list(data.get("objectives") or []),
        audio=media_check.local_target(page, data["audio"]) if "audio" in data else None,
        reviewed=data.get("reviewed"),
        module=str(Path(page).parent) if "/" in page.split("/", 1)[1] else None,
    )


def readable(slug: str) -> str:
    """A module's title when it has none: its folder's slug, `hoc-ngan-hang` -> `Hoc ngan hang`."""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


def _has_markdown(folder: Path) -> bool:
    return any(p.suffix == ".md" for p in folder.rglob("*") if not p.is_symlink())


class _Walk:
    """One area folder: its lessons, its modules and their lessons, every problem collected."""

    def __init__(self, project: Project, framework: Framework, problems: list, warnings: list, area: Area):
        self.project, self.framework, self.problems, self.warnings = project, framework, problems, warnings
        self.area = area

    def rel(self, path: Path) -> str:
        return self.project.rel(path)

    def folder(self, folder: Path, module: Module | None) -> list[tuple[int, Path]]:
        """The numbered lessons (and, in an area, module folders) of a folder, after their checks."""
        numbers: dict[int, str] = {}
        found: list[tuple[int, Path]] = []
        for entry in sorted(folder.iterdir()):
            file = self.rel(entry)
            if entry.is_symlink():
                continue  # refused by `unsafe_files`; never followed
            if entry.is_dir():
                number = self._subfolder(entry, module)
            elif entry.suffix != ".md":
                continue
            elif entry.name == "index.md":
                self._intro(entry, module)
                continue
            elif (name := LESSON_FILE.match(entry.name)) is None:
                self.problems.append(Problem(file, 1, msg("bad_lesson_name")))
                continue
            else:
                number = int(name["number"])
            if number is None:
                continue
            if number in numbers:
                self.problems.append(self._duplicate(entry, numbers[number], module))
                continue
            numbers[number] = file
            found.append((number, entry))
        return sorted(found)

    def _duplicate(self, entry: Path, other: str, module: Module | None) -> Problem:
        number = re.match(r"\d+", entry.name)[0]
        two_lessons = entry.is_file() and other.endswith(".md")
        key = "duplicate_lesson_number" if module is None and two_lessons else "duplicate_number"
        return Problem(self.rel(entry), 1, msg(key, number=number, other=other))

    def _subfolder(self, entry: Path, module: Module | None) -> int | None:
        """The number of a module folder, or None for a folder that holds no lessons (pictures…)."""
        file = self.rel(entry)
        ignored = entry.name.startswith((".", "_")) or entry.name in _NOT_LESSONS
        if ignored or module is not None:
            # Old rule kept: any Markdown below is a lesson in the wrong place. In a module, a
            # folder of lessons is one level too deep.
            for path in sorted(p for p in entry.rglob("*.md") if not p.is_symlink()):
                found = msg("lesson_wrong_place") if ignored else msg("module_too_deep", module=self.rel(entry.parent))
                self.problems.append(Problem(self.rel(path), 1, found))
            return None
        if not _has_markdown(entry):
            return None  # a folder of pictures or sounds
        if (name := MODULE_FOLDER.match(entry.name)) is None:
            self.problems.append(Problem(file, 1, msg("bad_module_folder", area=self.area.folder)))
            return None
        return int(name["number"])

    def _intro(self, path: Path, module: Module | None) -> None:
        doc, valid = front_matter(path, self.rel(path), self.problems, "area")
        page = path.relative_to(self.project.root / self.project.content).as_posix()
        if module is None:
            self.area.intro_page = page
            return
        module.intro_page = page
        if valid and doc is not None and doc.data.get("title"):
            module.title = doc.data["title"]

    def run(self, folder: Path) -> None:
        for number, entry in self.folder(folder, None):
            if not entry.is_dir():  # a lesson (or a special file, which reading refuses)
                self._lesson(entry, number, None)
                continue
            slug = MODULE_FOLDER.match(entry.name)["slug"]
            module = Module(number, slug, readable(slug), f"{self.area.folder}/{entry.name}", self.area.code)
            self.area.modules.append(module)
            for lesson_number, path in self.folder(entry, module):
                self._lesson(path, lesson_number, module)
            if module.title == readable(slug) and module.intro_page is None:
                self.warnings.append(
                    Problem(self.rel(entry), 1, warning("module_without_title", index=f"{self.rel(entry)}/index.md"))
                )

    def _lesson(self, path: Path, number: int, module: Module | None) -> None:
        lesson = _load_lesson(self.project, path, self.area, number, self.framework, self.problems)
        if lesson:
            self.area.lessons.append(lesson)
            if module is not None:
                module.lessons.append(lesson)


def load_areas(project: Project, framework: Framework, problems: list[Problem], warnings: list[Problem]) -> list[Area]:
    content = project.root / project.content
    if content.is_symlink():
        return []  # refused by `unsafe_files`
    if not content.is_dir():
        problems.append(Problem(project.content, 1, msg("missing_dir", dir=project.content)))
        return []
    allowed_areas = ", ".join(f"`{c}`" for c in framework.area_names)
    areas: dict[str, Area] = {}
    for entry in sorted(content.iterdir()):
        file = project.rel(entry)
        if entry.is_symlink():
            continue  # refused by `unsafe_files`; never followed
        if entry.is_file():
            if entry.suffix == ".md":
                problems.append(Problem(file, 1, msg("lesson_wrong_place")))
            continue
        if entry.name.startswith((".", "_")) or entry.name in _NOT_LESSONS:
            continue
        match = AREA_FOLDER.match(entry.name)
        if not match:
            problems.append(Problem(file, 1, msg("bad_area_folder", allowed=allowed_areas)))
            continue
        code = match["code"]
        if code not in framework.area_names:
            problems.append(Problem(file, 1, msg("unknown_area", code=code, allowed=allowed_areas)))
            continue
        if code in areas:
            problems.append(Problem(file, 1, msg("duplicate_area_folder", code=code, other=areas[code].folder)))
            continue
        area = Area(code=code, name=framework.area_names[code], folder=entry.name)
        areas[code] = area
        _Walk(project, framework, problems, warnings, area).run(entry)
    return [areas[code] for code in framework.area_names if code in areas]
