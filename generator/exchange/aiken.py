"""Aiken, Moodle's simplest format: a prompt, lettered options, then `ANSWER: <letter>`; always a
single-choice question."""

from __future__ import annotations

import re

from ..messages import teacher_text
from ..questions.choice import SINGLE
from .notes import Imported, Notes, label, located

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*([A-Z])\s*$")
TYPE = SINGLE.name  # the one question type Aiken can hold


def parse_aiken(text: str) -> Imported:
    notes = Notes()
    questions: list[dict] = []
    skipped: list[tuple[int, str]] = []
    prompt: list[str] = []
    options: list[tuple[str, str]] = []
    number, start = 0, 0

    def skip(key: str, at: int | None = None, **values) -> None:
        ref = label(None, number)
        notes.add(key, located(ref, at or start), **values)  # the note names the line to fix
        skipped.append((start, ref))

    for line_number, line in enumerate(text.replace("\r\n", "\n").lstrip("\ufeff").split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if not prompt and not options:
            start = line_number
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            number += 1
            letters = [letter for letter, _ in options]
            if len(options) < 2:
                skip("import_one_option")
            elif answer.group(1) not in letters:
                skip("import_no_correct", at=line_number)
            else:
                questions.append(
                    {
                        "id": None,
                        "type": TYPE,
                        "prompt": " ".join(prompt),
                        "options": [{"text": t, "correct": letter == answer.group(1)} for letter, t in options],
                        "_meta": {},
                    }
                )
            prompt, options = [], []
        elif option and prompt:
            options.append((option.group(1), option.group(2).strip()))
        elif options:  # text after the options without ANSWER: a broken question
            number += 1
            skip("import_bad_question", detail=teacher_text("aiken_no_answer"))
            prompt, options, start = [line], [], line_number
        else:
            prompt.append(line)
    if prompt or options:
        number += 1
        skip("import_bad_question", detail=teacher_text("aiken_no_answer"))
    return Imported(questions, notes.lines(), skipped)
