"""Import a GIFT or Aiken file into a lesson's quiz file (`hocvuso import`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import teacher_text
from ..model import Lesson
from .aiken import parse_aiken
from .gift import parse_gift
from .notes import Imported, Notes, said
from .yamlwrite import question_yaml, quiz_yaml

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # used with fullmatch: no trailing new line


def detect_format(path: Path, text: str) -> str | None:
    if path.suffix.lower() == ".gift":
        return "gift"
    if re.search(r"^\s*ANSWER:\s*[A-Z]\s*$", text, re.MULTILINE) and "{" not in text:
        return "aiken"
    if "{" in text and "}" in text:
        return "gift"
    return None


def parse(text: str, fmt: str) -> Imported:
    return parse_gift(text) if fmt == "gift" else parse_aiken(text)


def prepare(imported: list[dict], lesson: Lesson | None, slug: str, taken: set[str], notes: Notes) -> list[dict]:
    """Give every imported question a free id (`<slug>-<n>` when its own is unusable or taken), and
    keep competency and level only where they differ from the lesson's."""
    ready = []
    for n, original in enumerate(imported, start=1):
        question = {k: v for k, v in original.items() if not k.startswith("_")}
        meta = original.get("_meta") or {}
        wanted = question.get("id")
        if not isinstance(wanted, str) or not ID_PATTERN.fullmatch(wanted) or wanted in taken:
            number = n
            while f"{slug}-{number}" in taken:
                number += 1
            if wanted:
                notes.add("import_new_id", wanted, id=f"{slug}-{number}")
            question["id"] = f"{slug}-{number}"
        taken.add(question["id"])
        if meta.get("competency") and (lesson is None or meta["competency"] != lesson.competencies[0]):
            question["competency"] = meta["competency"]
        if meta.get("level") and (lesson is None or meta["level"] != lesson.level):
            question["level"] = meta["level"]
        ready.append(question)
    return ready


class ExchangeError(Exception):
    """The import cannot go on; the message is for the teacher."""


@dataclass
class ImportResult:
    path: Path | None  # the file written (None for a dry run)
    count: int
    notes: list[str]
    problems: list  # problems `hocvuso check` finds in the written file
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line in the source, question label)


def import_into(
    project,
    source: Path,
    lesson_file: Path,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Read `source` (GIFT or Aiken) and add its questions to the quiz file of `lesson_file`.

    The quiz file is created when the lesson has none; otherwise the questions are appended to its
    `questions:` list, and the result is checked to hold the old questions followed by the new.
    """
    # Imported when used: scaffold quotes its YAML with this package's yamlwrite.
    from ..loader import load
    from ..review import check
    from ..scaffold import question_ids_in_files
    from ..yamlread import YamlSyntaxError, read_yaml

    if not source.is_file():
        raise ExchangeError(teacher_text("file_not_found", path=source))
    lesson_path = lesson_file if lesson_file.is_absolute() else (Path.cwd() / lesson_file)
    if not lesson_path.is_file():
        lesson_path = project.root / lesson_file
    if not lesson_path.is_file() or lesson_path.suffix != ".md":
        raise ExchangeError(teacher_text("import_no_lesson", path=lesson_file))
    text = source.read_bytes().decode("utf-8-sig", errors="replace")
    fmt = fmt or detect_format(source, text)
    if fmt is None:
        raise ExchangeError(teacher_text("import_unknown_format", path=source))
    imported = parse(text, fmt)
    notes = Notes()
    if not imported.questions:
        raise ExchangeError(
            teacher_text("import_none", path=source)
            + "".join("\n  - " + n for n in imported.notes)
            + "".join(
                "\n  " + teacher_text("import_skipped_line", path=source, line=line, q=said(ref))
                for line, ref in imported.skipped
            )
        )
    lesson_path = lesson_path.resolve()
    content = (project.root / project.content).resolve()
    try:
        page = lesson_path.relative_to(content).as_posix()
    except ValueError:
        raise ExchangeError(teacher_text("import_no_lesson", path=lesson_file)) from None
    report = load(project)
    lesson = report.course.lesson_by_page(page) if report.course else None
    slug = re.sub(r"^\d+-", "", lesson_path.stem)
    questions = prepare(imported.questions, lesson, slug, question_ids_in_files(project), notes)
    quiz_path = project.root / project.quizzes / Path(page).with_suffix(".yml")
    target = output or quiz_path
    all_notes = imported.notes + notes.lines()
    if dry_run:
        return ImportResult(None, len(questions), all_notes, [], imported.skipped)
    if target.exists() and output is None:
        old_text = target.read_bytes().decode("utf-8-sig")
        match = re.search(r"^(\s*)- id:", old_text, re.MULTILINE)
        indent = match.group(1) if match else "  "
        new_text = old_text.rstrip("\n") + "\n\n" + "\n".join(question_yaml(q, indent) for q in questions)
        try:
            old_doc, _ = read_yaml(old_text, "old")
            new_doc, _ = read_yaml(new_text, "new")
            items_doc, _ = read_yaml("questions:\n" + "\n".join(question_yaml(q) for q in questions), "items")
            ok = (
                isinstance(old_doc.data, dict)
                and isinstance(new_doc.data, dict)
                and list(new_doc.data) == list(old_doc.data)
                and list(old_doc.data)[-1] == "questions"
                and new_doc.data["questions"] == old_doc.data["questions"] + items_doc.data["questions"]
            )
        except YamlSyntaxError:
            ok = False
        if not ok:
            raise ExchangeError(teacher_text("import_cannot_append", path=project.rel(target)))
    else:
        title = teacher_text("new_quiz_title", title=lesson.title) if lesson else None
        new_text = quiz_yaml(questions, title)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(new_text, encoding="utf-8")
    written = project.rel(target.resolve()) if target.resolve().is_relative_to(project.root) else str(target)
    problems = []
    if output is None:
        after = check(project)
        problems = [p for p in after.problems if p.path == written]
    return ImportResult(target, len(questions), all_notes, problems, imported.skipped)
