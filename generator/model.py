"""The course model: the framework, areas, lessons, quizzes and questions, as plain data."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


@dataclass
class Question:
    id: str
    type: str
    prompt: str
    competency: str
    level: str
    explanation: str | None = None
    hint: str | None = None
    fields: dict = field(default_factory=dict)  # the type's own fields: options, answer, accept, items, pairs...
    line: int = 0

    @property
    def version(self) -> str:
        """Changes when the question's content changes, so a stale saved answer is forgotten."""
        content = json.dumps([self.type, self.prompt, self.fields], ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]


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


@dataclass
class Area:
    code: str
    name: str
    folder: str  # e.g. 4-an-toan
    intro_page: str | None = None  # the teacher's index.md, relative to content/, if any
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{self.folder}/index.md"


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

    def path_lessons(self, audience_id: str) -> list[Lesson]:
        """The learning path of an audience: its lessons in course order."""
        return [lesson for lesson in self.lessons if audience_id in lesson.audiences]

    def lesson_by_page(self, page: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.page == page), None)

    def next_lesson(self, lesson: Lesson) -> Lesson | None:
        lessons = self.lessons
        index = lessons.index(lesson)
        return lessons[index + 1] if index + 1 < len(lessons) else None
