"""Rules a schema cannot express: correct answers, known codes, unique ids.

Each function takes a parsed document (for line numbers) and returns the problems it finds; none
raises, so one run reports every mistake in the course.
"""

from __future__ import annotations

from .errors import Problem
from .messages import msg, warning
from .model import Framework
from .schema import where
from .yamlread import Document


def _codes(values) -> str:
    return ", ".join(f"`{v}`" for v in values)


def check_codes(doc: Document, file: str, framework: Framework, data: dict, prefix: tuple = ()) -> list[Problem]:
    """Competency, level and audience codes of a lesson's front matter or a question."""
    problems = []
    competencies = data.get("competencies")
    if isinstance(competencies, list):
        for i, code in enumerate(competencies):
            if isinstance(code, str) and code not in framework.competencies:
                path = prefix + ("competencies", i)
                problems.append(Problem(file, doc.line(path), msg(
                    "unknown_competency", where=where(path), code=code, framework=framework.name,
                    allowed=_codes(framework.competencies))))
    competency = data.get("competency")
    if isinstance(competency, str) and competency not in framework.competencies:
        path = prefix + ("competency",)
        problems.append(Problem(file, doc.line(path), msg(
            "unknown_competency", where=where(path), code=competency, framework=framework.name,
            allowed=_codes(framework.competencies))))
    level = data.get("level")
    if isinstance(level, str) and level not in framework.level_codes:
        path = prefix + ("level",)
        problems.append(Problem(file, doc.line(path), msg(
            "unknown_level", where=where(path), code=level, allowed=_codes(framework.level_codes))))
    audiences = data.get("audiences")
    if isinstance(audiences, list):
        known = [a.id for a in framework.audiences]
        for i, code in enumerate(audiences):
            if isinstance(code, str) and code not in known:
                path = prefix + ("audiences", i)
                problems.append(Problem(file, doc.line(path), msg(
                    "unknown_audience", where=where(path), code=code, allowed=_codes(known))))
    return problems


def _duplicates(values: list) -> list[tuple[int, object]]:
    seen, repeated = set(), []
    for i, value in enumerate(values):
        key = value.strip().casefold() if isinstance(value, str) else repr(value)
        if key in seen:
            repeated.append((i, value))
        seen.add(key)
    return repeated


def _list(value) -> list:
    return value if isinstance(value, list) else []


def check_question(doc: Document, file: str, index: int, question: dict) -> list[Problem]:
    """Answer rules of one question; parts the schema already rejected are skipped, not crashed on."""
    base = ("questions", index)
    kind = question.get("type")
    problems = []
    if kind in ("single", "multiple") and isinstance(question.get("options"), list):
        options = [o for o in question["options"] if isinstance(o, dict)]
        flags = [option.get("correct") for option in options]
        correct = flags.count(True)
        if not all(isinstance(flag, bool) for flag in flags):
            pass  # a flag that is not true/false is reported by the schema; counting it would mislead
        elif correct == 0:
            problems.append(Problem(file, doc.line(base + ("options",)), msg("no_correct_option", where=where(base + ("",)))))
        elif kind == "single" and correct > 1:
            problems.append(Problem(file, doc.line(base + ("options",)),
                                    msg("single_needs_one_correct", where=where(base + ("",)), count=correct)))
        texts = [option.get("text") for option in options]
        problems += [Problem(file, doc.line(base + ("options", i)), msg(
            "duplicate_in_list", where=where(base + ("",)), field="options", value=value))
            for i, value in _duplicates(texts) if value is not None]
    elif kind == "ordering":
        problems += [Problem(file, doc.line(base + ("items", i)), msg(
            "duplicate_in_list", where=where(base + ("",)), field="items", value=value))
            for i, value in _duplicates(_list(question.get("items")))]
    elif kind == "matching":
        for side in (0, 1):
            column = [pair[side] for pair in _list(question.get("pairs")) if isinstance(pair, list) and len(pair) == 2]
            problems += [Problem(file, doc.line(base + ("pairs", i)), msg(
                "duplicate_in_list", where=where(base + ("",)), field="pairs", value=value))
                for i, value in _duplicates(column)]
    return problems


def question_warnings(doc: Document, file: str, index: int, question: dict) -> list[Problem]:
    """What a reviewer wants to know, without stopping the build."""
    base = ("questions", index)
    found = []
    if not question.get("explanation"):
        found.append(Problem(file, doc.line(base), warning("question_without_explanation", where=where(base + ("",)))))
    for i, option in enumerate(question.get("options") or []):
        if option.get("correct") is False and not option.get("feedback"):
            path = base + ("options", i)
            found.append(Problem(file, doc.line(path), warning("option_without_feedback", where=where(path + ("",)))))
    return found
