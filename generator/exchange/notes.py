"""What every exchange format shares: the notes on what a format cannot express, the question bank
in course order, Moodle categories, and the shapes of an export's and an import's result."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..messages import catalogue_section, teacher_text
from ..model import Course, Lesson, Question
from ..questions import get

CATEGORY_ROOT = "$course$/top/Học vụ số"


@dataclass
class Notes:
    """Notes keyed by catalogue key; the same note for several questions is said once.

    A question is referred to by its id, or by `#<n>` (its position in the file) when it has none.
    """

    items: list[tuple[str, str, dict]] = field(default_factory=list)  # (key, question ref, values)

    def add(self, key: str, question: str, **values) -> None:
        self.items.append((key, question, values))

    @staticmethod
    def _label(refs: list[str], total: int | None) -> str:
        if total and len(refs) == total > 1:
            return teacher_text("all_questions", count=total)
        numbers = [r[1:] for r in refs if r.startswith("#")]
        ids = [f"`{r}`" for r in refs if not r.startswith("#")]
        parts = []
        if ids:
            parts.append(teacher_text("question_label" if len(ids) == 1 else "question_labels", id=", ".join(ids)))
        plain = [n for n in numbers if "@" not in n]
        if plain:
            parts.append(teacher_text("question_number", n=", ".join(plain)))
        parts += [
            teacher_text("question_number_at", n=n, line=line)
            for n, line in (n.split("@", 1) for n in numbers if "@" in n)
        ]
        return "; ".join(parts)

    def lines(self, total: int | None = None) -> list[str]:
        grouped: dict[tuple, list[str]] = {}
        for key, question, values in self.items:
            grouped.setdefault((key, tuple(sorted(values.items()))), []).append(question)
        return [
            str(catalogue_section("teacher", "notes")[key]).format(q=self._label(refs, total), **dict(values))
            for (key, values), refs in grouped.items()
        ]


@dataclass
class Export:
    text: str
    count: int
    notes: list[str]


@dataclass
class Imported:
    questions: list[dict]  # quiz YAML questions; "_meta" holds hocvuso metadata, "_category" the GIFT category
    notes: list[str]
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line in the file, question label)


def label(name: str | None, number: int) -> str:
    """How a note or a skipped line names a question: its name, else its position in the file."""
    return name if name else f"#{number}"


def located(ref: str, line: int) -> str:
    """A `#<n>` reference that also names its line in the source file (`#3@17`)."""
    return f"{ref}@{line}" if ref.startswith("#") else ref


def said(ref: str) -> str:
    """A question reference as the teacher reads it: "câu `x`" or "câu thứ 3 trong tệp"."""
    return Notes._label([ref], None)


def bank(course: Course, area: str | None = None, page: str | None = None) -> list[tuple[Lesson, Question]]:
    """Every question of the course (or of one area, by code or folder, or of one lesson, by its
    page), in course order."""
    found = []
    chosen = None if area is None else {x.page for x in course.select(area)}
    for lesson in course.lessons:
        if chosen is not None and lesson.page not in chosen:
            continue
        if page is not None and page != lesson.page:
            continue
        for question in lesson.quiz.questions if lesson.quiz else []:
            found.append((lesson, question))
    return found


def category(course: Course, lesson: Lesson) -> str:
    area, module = course.area(lesson.area_code), course.module_of(lesson)
    parts = [f"{area.code}. {area.name}", f"{lesson.label}. {lesson.title}"]
    if module is not None:  # Moodle's category tree gets the module's level too
        parts.insert(1, f"{module.number:02d}. {module.title}")
    return CATEGORY_ROOT + "/" + "/".join(p.replace("/", "//") for p in parts)


def export_notes(questions: list[Question], notes: Notes, *, gift: bool) -> None:
    for q in questions:
        if gift:
            notes.add("competency_kept", q.id)
            if q.hint:
                notes.add("hint_dropped", q.id)
        get(q.type).export_notes(q, notes)
