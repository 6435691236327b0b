"""Curly quotes (“ ” ‘ ’) typed by Word and phone keyboards around a quiz text.

YAML knows only straight quotes, so `accept: [“Tìm kiếm”]` keeps the curly ones as part of the
answer: a learner who types *Tìm kiếm* is marked wrong, an error. Around a prompt, a hint, an
explanation or a feedback the learner sees stray quotes, a warning. Quotes inside a text, and a whole
option, pair side or ordering item in quotes, are quoted speech (the starter course quotes what a
scammer says in its options) and are left alone: the learner picks them, never types them.
"""

from __future__ import annotations

from .errors import Problem
from .messages import msg, warning
from .schema import where
from .yamlread import Document

OPENING = "“‘„«"
CLOSING = "”’“»"


def wrapped(text: object) -> bool:
    """True when the whole text sits between a curly opening and a curly closing quote."""
    return (
        isinstance(text, str) and len(text.strip()) >= 2 and text.strip()[0] in OPENING and text.strip()[-1] in CLOSING
    )


def _typed_answer(path: tuple) -> bool:
    """A value a learner's typed answer is compared with."""
    return len(path) >= 2 and path[-2] == "accept" and isinstance(path[-1], int)


def _chosen(path: tuple) -> bool:
    """A text the learner picks (an option, a pair side, an ordering item): quoted speech is fine."""
    return (
        path[-1] == "text"
        and len(path) >= 3
        and path[-3] == "options"
        or len(path) >= 2
        and path[-2] == "items"
        or len(path) >= 3
        and path[-3] == "pairs"
    )


def _strings(value, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def question_quotes(doc: Document, file: str, base: tuple, question: dict) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for texts of one question wholly wrapped in curly quotes."""
    errors, warnings = [], []
    for path, text in _strings(question, base):
        if not wrapped(text) or path[-1] == "id" or _chosen(path):
            continue
        field = next(p for p in reversed(path) if isinstance(p, str))
        shown = text.strip()
        if _typed_answer(path):
            errors.append(
                Problem(
                    file,
                    doc.line(path),
                    msg(
                        "curly_quotes_answer",
                        where=where(path),
                        field=field,
                        value=shown[:60],
                        bare=shown[1:-1].strip()[:60],
                    ),
                )
            )
        else:
            warnings.append(
                Problem(file, doc.line(path), warning("curly_quotes_text", where=where(path + ("",)), field=field))
            )
    return errors, warnings
