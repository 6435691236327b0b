"""GIFT, Moodle's text format: export the question bank, import a GIFT file into quiz questions.

GIFT has no hints, competencies or levels: they ride along in a `// hocvuso: {...}` comment line
(Moodle ignores comments) so a GIFT file exported here imports back without loss. A comment of the
wrong shape (someone else's file, a hand edit) is read defensively: what is not the expected text
is left out with a note, never passed on into the quiz file.
"""

from __future__ import annotations

import json

import nh3

from ..messages import teacher_text
from ..model import Course, Question
from ..questions import get, names
from . import syntax as g
from .notes import Export, Imported, Notes, bank, category, export_notes, label

META_PREFIX = "// hocvuso:"
_META_TEXT = ("competency", "level", "hint", "type")  # the comment's keys holding one string


def _question(question: Question) -> str:
    meta = {"competency": question.competency, "level": question.level}
    if question.hint:
        meta["hint"] = question.hint
    head = f"::{g.escape(question.id)}::[markdown]{g.escape(question.prompt)}"
    general = f"\t####{g.escape(question.explanation)}\n" if question.explanation else ""
    body = get(question.type).gift(question, meta, general, g)
    return f"{META_PREFIX} {json.dumps(meta, ensure_ascii=False)}\n{head}{body}\n"


def to_gift(course: Course, area: str | None = None, page: str | None = None) -> Export:
    questions = bank(course, area, page)
    notes = Notes()
    export_notes([q for _, q in questions], notes, gift=True)
    blocks, current = [f"// {course.framework.name} — GIFT (Moodle)"], None
    for lesson, question in questions:
        wanted = category(course, lesson)
        if wanted != current:
            blocks.append(f"$CATEGORY: {wanted}")
            current = wanted
        blocks.append(_question(question))
    return Export("\n\n".join(b.rstrip("\n") for b in blocks) + "\n", len(questions), notes.lines(len(questions)))


# --- import ------------------------------------------------------------------------------------


def _blocks(text: str) -> list[tuple[int, list[str], list[str]]]:
    """GIFT text as blocks separated by blank lines: (first line number, comment lines, other lines)."""
    blocks, comments, lines, start = [], [], [], 0
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n"), start=1):
        if not line.strip():
            if lines or comments:
                blocks.append((start, comments, lines))
            comments, lines = [], []
            continue
        if not lines and not comments:
            start = number
        if line.strip().startswith("//"):
            comments.append(line.strip())
        else:
            lines.append(line)
    if lines or comments:
        blocks.append((start, comments, lines))
    return blocks


def _meta(comments: list[str], ref, notes: Notes) -> dict:
    """The `// hocvuso:` comment's values that have the expected shape; a note for the rest."""
    meta, bad = {}, False
    for comment in comments:
        if not comment.startswith(META_PREFIX):
            continue
        try:
            found = json.loads(comment[len(META_PREFIX) :])
        except ValueError:
            found = None
        if not isinstance(found, dict):
            bad = True
            continue
        for key, value in found.items():
            ok = (
                isinstance(value, str) and value.strip()
                if key in _META_TEXT
                else isinstance(value, bool)
                if key == "diacritics"
                else isinstance(value, list) and all(isinstance(v, str) for v in value)
                if key == "added"
                else False
            )
            if ok:
                meta[key] = value
            else:
                bad = True
    if bad:
        notes.add("import_bad_meta", ref, prefix=META_PREFIX)
    return meta


def parse_gift(text: str) -> Imported:
    notes = Notes()
    questions: list[dict] = []
    skipped: list[tuple[int, str]] = []
    current = None
    number = 0
    for line, comments, lines in _blocks(text):
        if not lines:
            continue
        body = "\n".join(lines).strip()
        if body.startswith("$CATEGORY:"):
            current = body[len("$CATEGORY:") :].strip()
            continue
        number += 1
        question = _question_from(g.protect(body), comments, number, notes)
        if isinstance(question, str):
            skipped.append((line, question))
            continue
        if current:
            question["_category"] = current
        questions.append(question)
    return Imported(questions, notes.lines(), skipped)


def _clean(value):
    """A question marked `[html]` holds someone else's HTML: in every text of it, scripts, event
    handlers and `javascript:` links are removed (nh3, the Ammonia sanitiser), the rest kept."""
    if isinstance(value, str):
        return nh3.clean(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _clean(v) for k, v in value.items()}
    return value


def shape(answers: str) -> str:
    """Which kind of GIFT answers, by Moodle's names: `~` choices, `=a -> b` pairs, TRUE/FALSE,
    else short answers."""
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "matching"
    check = answers.split("#", 1)[0].strip() if "#" in answers else answers
    return "truefalse" if check in ("T", "TRUE", "F", "FALSE") else "shortanswer"


def _type_for(answers: str, meta: dict):
    """The registered type reading this shape: the one the comment names, else the first one."""
    kinds = [get(n) for n in names() if get(n).from_gift and get(n).gift_shape == shape(answers)]
    named = [k for k in kinds if k.name == meta.get("type")]
    return (named or kinds or [None])[0]


def _question_from(text: str, comments: list[str], number: int, notes: Notes) -> dict | str:
    """The question as a quiz YAML dict, or its label when it is skipped (the note says why)."""
    name = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name = g.restore(text[2:end])
            text = text[end + 2 :].strip()
    ref = label(name, number)
    meta = _meta(comments, ref, notes)
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        notes.add("import_description", ref)
        return ref
    if start == -1 or finish == -1 or finish < start:
        notes.add("import_bad_question", ref, detail=teacher_text("gift_braces"))
        return ref
    answers = text[start + 1 : finish].strip()
    after = text[finish + 1 :].strip()
    prompt = text[:start] + ("_____" + text[finish + 1 :] if after else "")
    if after:
        notes.add("import_missing_word", ref)
    prompt = prompt.strip()
    fmt = g.FORMAT.match(prompt)
    if fmt:
        prompt = prompt[fmt.end() :]
        if fmt.group(1) == "html":
            notes.add("import_format", ref, format="html")
    general = None
    if "####" in answers:
        cut = answers.rfind("####")
        general = g.restore(answers[cut + 4 :]) or None
        answers = answers[:cut].strip()
    question: dict = {"id": name, "type": None, "prompt": g.restore(prompt)}
    if meta.get("hint"):
        question["hint"] = meta["hint"]
    if not answers:
        notes.add("import_essay", ref)
        return ref
    if answers.startswith("#"):
        notes.add("import_numerical", ref)
        return ref
    kind = _type_for(answers, meta)
    if kind is None or not kind.from_gift(question, answers, meta, ref, notes, g):
        return ref
    if general:
        question["explanation"] = general
    if fmt and fmt.group(1) == "html":
        question = _clean(question)
    question["_meta"] = {k: meta[k] for k in ("competency", "level") if k in meta}
    return question
