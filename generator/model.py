"""The course model: the framework, areas, lessons, quizzes and questions, as plain data."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .glossary import Glossary


@dataclass
class Competency:
    code: str
    name: str
    area_code: str
    description: str = ""


@dataclass
class Level:
    code: str
    name: str


@dataclass
class Audience:
    id: str
    name: str


@dataclass
class Framework:
    id: str
    name: str
    legal_basis: str
    levels: list[Level]
    area_names: dict[str, str]  # area code -> name, in framework order
    competencies: dict[str, Competency]  # code -> competency, in framework order
    audiences: list[Audience]

    @property
    def level_codes(self) -> list[str]:
        return [level.code for level in self.levels]

    def level(self, code: str) -> Level:
        return next(level for level in self.levels if level.code == code)

    def audience(self, audience_id: str) -> Audience:
        return next(a for a in self.audiences if a.id == audience_id)

    def area_competencies(self, area_code: str) -> list[Competency]:
        return [c for c in self.competencies.values() if c.area_code == area_code]


def plain(value) -> Any:
    """Typed fields back as the plain data of the quiz file, leaving out unset (None) values: what
    `Question.version` hashes, so a question keeps the version it had before its fields were typed."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None
        }
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


@dataclass
class Question:
    """The fields every question has; its type's own fields are `data`, a dataclass of the type's
    module in generator/questions/ (`Choices`, `TrueFalse`, `ShortText`, `Ordering`, `Matching`)."""

    id: str
    type: str  # a registered type's name: generator.questions.get(type) renders, checks and exports it
    prompt: str
    competency: str
    level: str
    explanation: str | None = None
    hint: str | None = None
    data: Any = None
    line: int = 0
    audio: str | None = None  # a clip reading the prompt, relative to the content folder (media_check)
    skip_review: tuple[str, ...] = ()  # quality-review rules this question is exempt from (generator/quality.py)

    @property
    def version(self) -> str:
        """Changes when the question's content changes, so a stale saved answer is forgotten."""
        # Asked three times a question in a build (its page, the course data, the results code):
        # kept while its type, prompt and data are the same objects.
        kept = self.__dict__.get("_version")
        if kept and kept[0] is self.type and kept[1] is self.prompt and kept[2] is self.data:
            return kept[3]
        content = json.dumps(
            [self.type, self.prompt, plain(self.data) if self.data is not None else {}],
            ensure_ascii=False,
            sort_keys=True,
        )
        version = hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]
        self.__dict__["_version"] = (self.type, self.prompt, self.data, version)
        return version


@dataclass
class Quiz:
    source: str  # path of the YAML file, relative to the project root
    title: str | None
    pass_mark: int
    questions: list[Question]


@dataclass
class Lesson:
    source: str  # path relative to the project root, e.g. content/4-an-toan/02-otp.md
    page: str  # path relative to the content folder, e.g. 4-an-toan/02-otp.md
    area_code: str
    number: int
    title: str
    competencies: list[str]
    level: str
    audiences: list[str]
    duration: int
    summary: str | None = None
    objectives: list[str] = field(default_factory=list)
    quiz: Quiz | None = None
    audio: str | None = None  # recorded narration, relative to the content folder (generator/media.py)
    reviewed: str | None = None  # YYYY-MM-DD: when the lesson's facts were last checked
    module: str | None = None  # the folder of its module (`Module.folder`), None for a lesson of the area itself

    @property
    def label(self) -> str:
        """Its number as a teacher reads it: `02`, `123`, or `03.01` for lesson 01 of module 03."""
        own = f"{self.number:02d}"
        return f"{self.module.rsplit('/', 1)[-1].split('-', 1)[0]}.{own}" if self.module else own


@dataclass
class Module:
    """A numbered folder of lessons inside an area: `content/4-an-toan/02-ngan-hang/01-otp.md`."""

    number: int
    slug: str
    title: str  # from its index.md's `title:`, else its folder's slug made readable
    folder: str  # relative to the content folder, e.g. 4-an-toan/02-ngan-hang
    area_code: str
    intro_page: str | None = None  # the teacher's index.md, relative to content/, if any
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{self.folder}/index.md"


@dataclass
class Area:
    code: str
    name: str
    folder: str  # e.g. 4-an-toan
    intro_page: str | None = None  # the teacher's index.md, relative to content/, if any
    lessons: list[Lesson] = field(default_factory=list)  # every lesson of the area, modules' too, in course order
    modules: list[Module] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{self.folder}/index.md"

    def parts(self) -> list[Lesson | Module]:
        """The area's own lessons and its modules, in the order of their numbers (one numbering)."""
        own = [lesson for lesson in self.lessons if lesson.module is None]
        return sorted([*own, *self.modules], key=lambda part: part.number)

    def module(self, folder: str) -> Module:
        return next(m for m in self.modules if m.folder == folder)

    def pages(self) -> list[tuple[str, str]]:
        """(page, title) of the area's overview, its lessons and its modules' pages, in reading order."""
        found = [(self.page, self.name)]
        for part in self.parts():
            found.append((part.page, part.title))
            found += [(lesson.page, lesson.title) for lesson in getattr(part, "lessons", ())]
        return found

    def holds(self, spec: str) -> list[Lesson] | None:
        """The area's lessons named by `spec`: its code or folder (all of them), or one of its
        modules by folder (`4-an-toan/03-ngan-hang`) or as `<code>/<module folder or number>`."""
        if spec in (self.code, self.folder):
            return self.lessons
        head, _, tail = spec.strip("/").partition("/")
        for module in self.modules if head in (self.code, self.folder) else ():
            name = module.folder.rsplit("/", 1)[-1]
            if tail == name or (tail.isdigit() and int(tail) == module.number):
                return module.lessons
        return None


@dataclass
class Course:
    framework: Framework
    areas: list[Area]  # areas that have a folder, in framework order
    glossary: Glossary | None = None  # the course glossary (generator/glossary.py), if it has one

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for area in self.areas for lesson in area.lessons]

    def area(self, code: str) -> Area:
        return next(a for a in self.areas if a.code == code)

    @property
    def modules(self) -> list[Module]:
        return [module for area in self.areas for module in area.modules]

    def select(self, spec: str) -> list[Lesson]:
        """The lessons of an area or of a module (`Area.holds`), none if nothing has that name."""
        return next((found for area in self.areas if (found := area.holds(spec)) is not None), [])

    def module_of(self, lesson: Lesson) -> Module | None:
        return self.area(lesson.area_code).module(lesson.module) if lesson.module else None

    def path_lessons(self, audience_id: str) -> list[Lesson]:
        """The learning path of an audience: its lessons in course order."""
        return [lesson for lesson in self.lessons if audience_id in lesson.audiences]

    def lesson_by_page(self, page: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.page == page), None)

    def next_lesson(self, lesson: Lesson) -> Lesson | None:
        lessons = self.lessons
        # by identity: `list.index` compares lessons field by field, quizzes included (3,000
        # lessons: 17 s of a build)
        index = next(i for i, other in enumerate(lessons) if other is lesson)
        return lessons[index + 1] if index + 1 < len(lessons) else None
