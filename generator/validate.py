"""Rules a schema cannot express: known codes; each question type's own rules (its `check`).

Each function takes a parsed document (for line numbers) and returns the problems it finds; none
raises, so one run reports every mistake in the course.
"""

from __future__ import annotations

from . import questions
from .errors import Problem
from .messages import msg, warning
from .model import Framework
from .schema import suggest, where
from .yamlread import Document


def _codes(values) -> str:
    return ", ".join(f"`{v}`" for v in values)


def check_codes(doc: Document, file: str, framework: Framework, data: dict, prefix: tuple = ()) -> list[Problem]:
    """Competency, level and audience codes of a lesson's front matter or a question."""
    problems = []

    def unknown_competency(path: tuple, code: str) -> Problem:
        text = msg(
            "unknown_competency",
            where=where(path),
            code=code,
            framework=framework.name,
            allowed=_codes(framework.competencies),
        )
        return Problem(file, doc.line(path), text + suggest(code, framework.competencies))

    competencies = data.get("competencies")
    if isinstance(competencies, list):
        split = _comma_codes(competencies, framework)
        for i, code in enumerate(competencies):
            path = prefix + ("competencies", i)
            if i in split:  # `[2,1]`: YAML split `2.1` written with a decimal comma into two codes
                problems.append(
                    Problem(
                        file,
                        doc.line(path),
                        msg(
                            "competency_comma",
                            where=where(prefix + ("",)),
                            first=code,
                            second=competencies[i + 1],
                            code=f"{code}.{competencies[i + 1]}",
                        ),
                    )
                )
            elif isinstance(code, str) and code not in framework.competencies and i - 1 not in split:
                problems.append(unknown_competency(path, code))
    competency = data.get("competency")
    if isinstance(competency, str) and competency not in framework.competencies:
        problems.append(unknown_competency(prefix + ("competency",), competency))
    level = data.get("level")
    if isinstance(level, str) and level not in framework.level_codes:
        path = prefix + ("level",)
        problems.append(
            Problem(
                file,
                doc.line(path),
                msg("unknown_level", where=where(path), code=level, allowed=_codes(framework.level_codes))
                + suggest(level, framework.level_codes),
            )
        )
    audiences = data.get("audiences")
    if isinstance(audiences, list):
        known = [a.id for a in framework.audiences]
        for i, code in enumerate(audiences):
            if isinstance(code, str) and code not in known:
                path = prefix + ("audiences", i)
                problems.append(
                    Problem(
                        file,
                        doc.line(path),
                        msg("unknown_audience", where=where(path), code=code, allowed=_codes(known))
                        + suggest(code, known),
                    )
                )
    return problems


def _comma_codes(codes: list, framework: Framework) -> set[int]:
    """Indexes i where codes[i], codes[i+1] are the two halves of a known code written `2,1`."""
    found: set[int] = set()
    for i in range(len(codes) - 1):
        first, second = codes[i], codes[i + 1]
        if (
            i - 1 not in found
            and isinstance(first, str)
            and isinstance(second, str)
            and first.isdigit()
            and second.isdigit()
            and first not in framework.competencies
            and f"{first}.{second}" in framework.competencies
        ):
            found.add(i)
    return found


def question_kind(question: dict):
    """The question's registered type, or None when the schema has rejected its `type`."""
    kind = question.get("type")
    return questions.get(kind) if isinstance(kind, str) and kind in questions.names() else None


def check_question(doc: Document, file: str, index: int, question: dict) -> list[Problem]:
    """Answer rules of one question (its type's `check`); parts the schema already rejected are
    skipped, not crashed on."""
    kind = question_kind(question)
    return kind.check(doc, file, ("questions", index), question) if kind else []


def question_warnings(doc: Document, file: str, index: int, question: dict) -> list[Problem]:
    """What a reviewer wants to know, without stopping the build."""
    base = ("questions", index)
    found = []
    if not question.get("explanation"):
        found.append(Problem(file, doc.line(base), warning("question_without_explanation", where=where(base + ("",)))))
    kind = question_kind(question)
    return found + (kind.warnings(doc, file, base, question) if kind else [])
