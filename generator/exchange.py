"""Exchange the question bank with Moodle: export to GIFT and Moodle XML, import GIFT and Aiken.

Export keeps everything Moodle can hold and reports the rest:
- ordering questions have no Moodle counterpart without a plug-in: they become matching questions
  that pair each step with its position (1, 2, 3…);
- Moodle compares short answers letter by letter, diacritics included, while the course accepts an
  answer typed without diacritics by default: the unaccented forms are added as accepted answers;
- GIFT has no hints, competencies or levels: they ride along in a `// hocvuso: {...}` comment line
  (Moodle ignores comments) so a GIFT file exported here imports back without loss; Moodle XML
  carries hints as <hint> and competency and level as tags.
Import reads GIFT (Moodle's own parser's rules) and Aiken into quiz YAML, and reports what the
course cannot express (numerical and essay questions, partial credit, per-answer feedback on short
answers) instead of dropping it silently.

Plain functions, independent of MkDocs; `hocvuso export` and `hocvuso import` call them.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .messages import catalogue_section, teacher_text
from .model import Course, Lesson, Question
from .render import md

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
META_PREFIX = "// hocvuso:"
CATEGORY_ROOT = "$course$/top/Học vụ số"


def strip_diacritics(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


# --- notes: what a format cannot express -------------------------------------------------------

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
        if numbers:
            parts.append(teacher_text("question_number", n=", ".join(numbers)))
        return "; ".join(parts)

    def lines(self, total: int | None = None) -> list[str]:
        grouped: dict[tuple, list[str]] = {}
        for key, question, values in self.items:
            grouped.setdefault((key, tuple(sorted(values.items()))), []).append(question)
        return [str(catalogue_section("teacher", "notes")[key]).format(q=self._label(refs, total), **dict(values))
                for (key, values), refs in grouped.items()]


# --- export ------------------------------------------------------------------------------------

@dataclass
class Export:
    text: str
    count: int
    notes: list[str]


def bank(course: Course, area: str | None = None) -> list[tuple[Lesson, Question]]:
    """Every question of the course (or of one area, by code or folder), in course order."""
    found = []
    for lesson in course.lessons:
        lesson_area = course.area(lesson.area_code)
        if area is not None and area not in (lesson_area.code, lesson_area.folder):
            continue
        for question in (lesson.quiz.questions if lesson.quiz else []):
            found.append((lesson, question))
    return found


def _category(course: Course, lesson: Lesson) -> str:
    area = course.area(lesson.area_code)
    parts = [f"{area.code}. {area.name}", f"{lesson.number:02d}. {lesson.title}"]
    return CATEGORY_ROOT + "/" + "/".join(p.replace("/", "//") for p in parts)


def _added_variants(question: Question) -> list[str]:
    """Unaccented forms of the accepted answers that Moodle needs to grade like the course does."""
    accept = question.fields["accept"]
    if question.fields.get("diacritics"):
        return []
    known = {a.casefold() for a in accept}
    added = []
    for answer in accept:
        plain = strip_diacritics(answer)
        if plain.casefold() not in known:
            known.add(plain.casefold())
            added.append(plain)
    return added


def _ordering_pairs(question: Question) -> list[tuple[str, str]]:
    return [(item, str(i)) for i, item in enumerate(question.fields["items"], start=1)]


def _export_notes(questions: list[Question], notes: Notes, *, gift: bool) -> None:
    for q in questions:
        label = q.id
        if gift:
            notes.add("competency_kept", label)
            if q.hint:
                notes.add("hint_dropped", label)
        if q.type == "ordering":
            notes.add("ordering_as_matching", label)
        if q.type == "short_text":
            added = _added_variants(q)
            if added:
                notes.add("diacritics_added", label, answers=", ".join(f"“{a}”" for a in added))
        if q.type in ("matching", "ordering") and len(q.fields.get("pairs") or q.fields.get("items")) < 3:
            notes.add("matching_two_pairs", label)


def gift_escape(text: str) -> str:
    """GIFT's reserved characters escaped, new lines written as \\n (Moodle's own export rules)."""
    text = str(text).replace("\r", "").replace("\\", "\\\\")
    for ch in "~=#{}:":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "\\n")


def _gift_question(question: Question) -> str:
    f = question.fields
    meta = {"competency": question.competency, "level": question.level}
    if question.hint:
        meta["hint"] = question.hint
    if question.type == "ordering":
        meta["type"] = "ordering"
    head = f"::{gift_escape(question.id)}::[markdown]{gift_escape(question.prompt)}"
    general = f"\t####{gift_escape(question.explanation)}\n" if question.explanation else ""

    def feedback(text):
        return f"#{gift_escape(text)}" if text else ""

    if question.type in ("single", "multiple"):
        options = f["options"]
        right = sum(1 for o in options if o["correct"])
        lines = []
        for option in options:
            if question.type == "single":
                mark = "=" if option["correct"] else "~"
            else:
                mark = f"~%{_weight(100 / right)}%" if option["correct"] else "~%-100%"
            lines.append(f"\t{mark}{gift_escape(option['text'])}{feedback(option.get('feedback'))}\n")
        body = "{\n" + "".join(lines) + general + "}"
    elif question.type == "true_false":
        right_fb = f.get("feedback_true") if f["answer"] else f.get("feedback_false")
        wrong_fb = f.get("feedback_false") if f["answer"] else f.get("feedback_true")
        answer = "TRUE" if f["answer"] else "FALSE"
        tail = ""
        if wrong_fb or right_fb:
            tail = "#" + gift_escape(wrong_fb or "")
        if right_fb:
            tail += "#" + gift_escape(right_fb)
        body = "{" + answer + tail + (f"####{gift_escape(question.explanation)}" if question.explanation else "") + "}"
    elif question.type == "short_text":
        added = _added_variants(question)
        meta["diacritics"] = bool(f.get("diacritics"))
        if added:
            meta["added"] = added
        body = "{\n" + "".join(f"\t={gift_escape(a)}\n" for a in list(f["accept"]) + added) + general + "}"
    else:
        pairs = _ordering_pairs(question) if question.type == "ordering" else f["pairs"]
        body = "{\n" + "".join(f"\t={gift_escape(left)} -> {gift_escape(right)}\n" for left, right in pairs) + general + "}"
    return f"{META_PREFIX} {json.dumps(meta, ensure_ascii=False)}\n{head}{body}\n"


# Moodle accepts only these fractions of a mark (question/format.php, get_grade_options).
_FRACTIONS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
              14.28571, 12.5, 11.11111, 10, 5]


def _weight(value: float) -> str:
    nearest = min(_FRACTIONS, key=lambda f: abs(f - value))
    return f"{nearest:g}" if nearest == int(nearest) else f"{nearest:.5f}"


def to_gift(course: Course, area: str | None = None) -> Export:
    questions = bank(course, area)
    notes = Notes()
    _export_notes([q for _, q in questions], notes, gift=True)
    blocks, category = [f"// {course.framework.name} — GIFT (Moodle)"], None
    for lesson, question in questions:
        wanted = _category(course, lesson)
        if wanted != category:
            blocks.append(f"$CATEGORY: {wanted}")
            category = wanted
        blocks.append(_gift_question(question))
    return Export("\n\n".join(b.rstrip("\n") for b in blocks) + "\n", len(questions), notes.lines(len(questions)))


# --- Moodle XML --------------------------------------------------------------------------------

def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, **({"format": fmt} if fmt else {}), **attrs)
    ET.SubElement(element, "text").text = text
    return element


def _xml_question(question: Question) -> ET.Element:
    f = question.fields
    kind = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
            "short_text": "shortanswer", "ordering": "matching", "matching": "matching"}[question.type]
    q = ET.Element("question", type=kind)
    name = ET.SubElement(q, "name")
    ET.SubElement(name, "text").text = question.id
    _text(q, "questiontext", md(question.prompt))
    _text(q, "generalfeedback", md(question.explanation) if question.explanation else "")
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = question.id

    def answer(fraction: str, text: str, feedback: str | None, fmt: str = "html") -> None:
        a = _text(q, "answer", text, fmt=fmt, fraction=fraction)
        _text(a, "feedback", md(feedback) if feedback else "")

    if question.type in ("single", "multiple"):
        ET.SubElement(q, "single").text = "true" if question.type == "single" else "false"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "abc"
        right = sum(1 for o in f["options"] if o["correct"])
        for option in f["options"]:
            if question.type == "single":
                fraction = "100" if option["correct"] else "0"
            else:
                fraction = _weight(100 / right) if option["correct"] else "-100"
            answer(fraction, md(option["text"]), option.get("feedback"))
    elif question.type == "true_false":
        answer("100" if f["answer"] else "0", "true", f.get("feedback_true"), fmt="moodle_auto_format")
        answer("0" if f["answer"] else "100", "false", f.get("feedback_false"), fmt="moodle_auto_format")
    elif question.type == "short_text":
        ET.SubElement(q, "usecase").text = "0"
        for accepted in list(f["accept"]) + _added_variants(question):
            answer("100", accepted, None, fmt="moodle_auto_format")
    else:
        ET.SubElement(q, "shuffleanswers").text = "true"
        pairs = _ordering_pairs(question) if question.type == "ordering" else f["pairs"]
        for left, right in pairs:
            sub = _text(q, "subquestion", md(left))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
    if question.hint:
        _text(q, "hint", md(question.hint))
    tags = ET.SubElement(q, "tags")
    for tag in (f"nang-luc-{question.competency}", f"bac-{question.level}", f"hocvuso-{question.type}"):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return q


def to_moodle_xml(course: Course, area: str | None = None) -> Export:
    questions = bank(course, area)
    notes = Notes()
    _export_notes([q for _, q in questions], notes, gift=False)
    root = ET.Element("quiz")
    category = None
    for lesson, question in questions:
        wanted = _category(course, lesson)
        if wanted != category:
            cat = ET.SubElement(root, "question", type="category")
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = wanted
            category = wanted
        root.append(_xml_question(question))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return Export(text, len(questions), notes.lines(len(questions)))


# --- import ------------------------------------------------------------------------------------

@dataclass
class Imported:
    questions: list[dict]  # quiz YAML questions; "_meta" holds hocvuso metadata, "_category" the GIFT category
    notes: list[str]


_ESCAPES = {"\\\\": "\ue000", "\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004",
            "\\}": "\ue005", "\\~": "\ue006", "\\n": "\ue007"}
_UNESCAPE = {"\ue000": "\\", "\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{", "\ue005": "}",
             "\ue006": "~", "\ue007": "\n"}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\[(markdown|html|plain|moodle)\]")


def _protect(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _ESCAPES:
            out.append(_ESCAPES[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return "".join(_UNESCAPE.get(ch, ch) for ch in text).strip()


def _split_feedback(text: str) -> tuple[str, str | None]:
    head, sep, tail = text.partition("#")
    return _restore(head), (_restore(tail) or None) if sep else None


def _blocks(text: str) -> list[tuple[list[str], list[str]]]:
    """GIFT text as blocks separated by blank lines: (comment lines, other lines)."""
    blocks, comments, lines = [], [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n"):
        if not line.strip():
            if lines or comments:
                blocks.append((comments, lines))
            comments, lines = [], []
        elif line.strip().startswith("//"):
            comments.append(line.strip())
        else:
            lines.append(line)
    if lines or comments:
        blocks.append((comments, lines))
    return blocks


def parse_gift(text: str) -> Imported:
    notes = Notes()
    questions: list[dict] = []
    category = None
    number = 0
    for comments, lines in _blocks(text):
        if not lines:
            continue
        body = "\n".join(lines).strip()
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:"):].strip()
            continue
        meta = {}
        for comment in comments:
            if comment.startswith(META_PREFIX):
                try:
                    meta = json.loads(comment[len(META_PREFIX):])
                except ValueError:
                    meta = {}
        number += 1
        question = _gift_question_from(_protect(body), meta, number, notes)
        if question is not None:
            if category:
                question["_category"] = category
            questions.append(question)
    return Imported(questions, notes.lines())


def _gift_question_from(text: str, meta: dict, number: int, notes: Notes) -> dict | None:
    name = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name = _restore(text[2:end])
            text = text[end + 2:].strip()
    label = name if name else f"#{number}"
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        notes.add("import_description", label)
        return None
    if start == -1 or finish == -1 or finish < start:
        notes.add("import_bad_question", label, detail=teacher_text("gift_braces"))
        return None
    answers = text[start + 1:finish].strip()
    after = text[finish + 1:].strip()
    prompt = text[:start] + ("_____" + text[finish + 1:] if after else "")
    if after:
        notes.add("import_missing_word", label)
    fmt = _FORMAT.match(prompt.strip())
    prompt = prompt.strip()
    if fmt:
        prompt = prompt[fmt.end():]
        if fmt.group(1) == "html":
            notes.add("import_format", label, format="html")
    general = None
    if "####" in answers:
        cut = answers.rfind("####")
        general = _restore(answers[cut + 4:]) or None
        answers = answers[:cut].strip()
    question: dict = {"id": name, "type": None, "prompt": _restore(prompt)}
    if meta.get("hint"):
        question["hint"] = meta["hint"]
    if not answers:
        notes.add("import_essay", label)
        return None
    if answers.startswith("#"):
        notes.add("import_numerical", label)
        return None
    if "~" in answers:
        if not _multichoice(question, answers, label, notes):
            return None
    elif "=" in answers and "->" in answers:
        _matching(question, answers, meta, label, notes)
    else:
        check = answers.split("#", 1)[0].strip() if "#" in answers else answers
        if check in ("T", "TRUE", "F", "FALSE"):
            _true_false(question, answers, check)
        elif not _short_answer(question, answers, meta, label, notes):
            return None
    if general:
        question["explanation"] = general
    question["_meta"] = {k: meta[k] for k in ("competency", "level") if k in meta}
    return question


def _answers(answers: str, sep: str) -> list[str]:
    parts = answers.split(sep)
    if parts and not parts[0].strip():
        parts = parts[1:]
    return [p.strip() for p in parts]


def _multichoice(question: dict, answers: str, label: str, notes: Notes) -> bool:
    single = "=" in answers
    options, weights = [], []
    for raw in _answers(answers.replace("=", "~="), "~"):
        if raw.startswith("="):
            weight, raw = 100.0, raw[1:]
        elif _WEIGHT.match(raw):
            found = _WEIGHT.match(raw)
            weight, raw = float(found.group(1)), raw[found.end():]
        else:
            weight = 0.0
        text, feedback = _split_feedback(raw)
        fmt = _FORMAT.match(text)
        if fmt:
            text = text[fmt.end():].strip()
        option = {"text": text, "correct": weight == 100 if single else weight > 0}
        if feedback:
            option["feedback"] = feedback
        if 0 < weight < 100 and single:
            notes.add("import_partial_credit", label, weight=f"{weight:g}", verdict=teacher_text("verdict_wrong"))
        options.append(option)
        weights.append(weight)
    if len(options) < 2:
        notes.add("import_one_option", label)
        return False
    right = [w for w, o in zip(weights, options) if o["correct"]]
    if not right:
        notes.add("import_no_correct", label)
        return False
    if not single and len({round(w, 1) for w in right}) > 1:
        for w in sorted(set(right)):
            notes.add("import_partial_credit", label, weight=f"{w:g}", verdict=teacher_text("verdict_right"))
    question["type"] = "single" if single and len(right) == 1 else "multiple"
    if single and len(right) > 1:
        notes.add("import_single_many_right", label)
    question["options"] = options
    return True


def _matching(question: dict, answers: str, meta: dict, label: str, notes: Notes) -> None:
    pairs = []
    for raw in _answers(answers, "="):
        left, _, right = raw.partition("->")
        left, right = _restore(left), _restore(right)
        fmt = _FORMAT.match(left)
        if fmt:
            left = left[fmt.end():].strip()
        if not left:
            notes.add("import_distractor", label, answer=right)
            continue
        pairs.append([left, right])
    if meta.get("type") == "ordering" and all(right.isdigit() for _, right in pairs):
        question["type"] = "ordering"
        question["items"] = [left for left, _ in sorted(pairs, key=lambda p: int(p[1]))]
    else:
        question["type"] = "matching"
        question["pairs"] = pairs


def _true_false(question: dict, answers: str, check: str) -> None:
    parts = [_restore(p) for p in answers.split("#", 2)]
    wrong = parts[1] if len(parts) > 1 and parts[1] else None
    right = parts[2] if len(parts) > 2 and parts[2] else None
    value = check in ("T", "TRUE")
    question["type"] = "true_false"
    question["answer"] = value
    fb_true, fb_false = (right, wrong) if value else (wrong, right)
    if fb_true:
        question["feedback_true"] = fb_true
    if fb_false:
        question["feedback_false"] = fb_false


def _short_answer(question: dict, answers: str, meta: dict, label: str, notes: Notes) -> bool:
    accept = []
    for raw in _answers(answers, "="):
        weight = 100.0
        found = _WEIGHT.match(raw)
        if found:
            weight, raw = float(found.group(1)), raw[found.end():]
        text, feedback = _split_feedback(raw)
        if feedback:
            notes.add("import_answer_feedback", label, feedback=feedback)
        if "*" in text:
            notes.add("import_wildcard", label)
            continue
        if weight < 100:
            notes.add("import_partial_credit", label, weight=f"{weight:g}", verdict=teacher_text("verdict_wrong"))
            continue
        if text:
            accept.append(text)
    if not accept:
        notes.add("import_no_correct", label)
        return False
    added = set(meta.get("added") or [])
    question["type"] = "short_text"
    question["accept"] = [a for a in accept if a not in added] or accept
    if meta.get("diacritics") is True:
        question["diacritics"] = True
    return True


_AIKEN_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_AIKEN_ANSWER = re.compile(r"^ANSWER:\s*([A-Z])\s*$")


def parse_aiken(text: str) -> Imported:
    notes = Notes()
    questions: list[dict] = []
    prompt: list[str] = []
    options: list[tuple[str, str]] = []
    number = 0
    for line in text.replace("\r\n", "\n").lstrip("\ufeff").split("\n"):
        line = line.strip()
        if not line:
            continue
        answer = _AIKEN_ANSWER.match(line)
        option = _AIKEN_OPTION.match(line)
        if answer:
            number += 1
            label = f"#{number}"
            letters = [letter for letter, _ in options]
            if len(options) < 2:
                notes.add("import_one_option", label)
            elif answer.group(1) not in letters:
                notes.add("import_no_correct", label)
            else:
                questions.append({"id": None, "type": "single", "prompt": " ".join(prompt),
                                  "options": [{"text": t, "correct": letter == answer.group(1)}
                                              for letter, t in options], "_meta": {}})
            prompt, options = [], []
        elif option and prompt:
            options.append((option.group(1), option.group(2).strip()))
        elif options:  # text after the options without ANSWER: a broken question
            number += 1
            notes.add("import_bad_question", f"#{number}",
                      detail=teacher_text("aiken_no_answer"))
            prompt, options = [line], []
        else:
            prompt.append(line)
    if prompt or options:
        number += 1
        notes.add("import_bad_question", f"#{number}", detail=teacher_text("aiken_no_answer"))
    return Imported(questions, notes.lines())


def detect_format(path: Path, text: str) -> str | None:
    if path.suffix.lower() == ".gift":
        return "gift"
    if re.search(r"^\s*ANSWER:\s*[A-Z]\s*$", text, re.M) and "{" not in text:
        return "aiken"
    if "{" in text and "}" in text:
        return "gift"
    return None


def parse(text: str, fmt: str) -> Imported:
    return parse_gift(text) if fmt == "gift" else parse_aiken(text)


# --- quiz YAML ---------------------------------------------------------------------------------

_ORDER = ["id", "type", "prompt", "hint", "competency", "level", "options", "answer", "feedback_true",
          "feedback_false", "accept", "diacritics", "items", "pairs", "explanation"]


def _s(text: str) -> str:
    return json.dumps(str(text), ensure_ascii=False)


def question_yaml(question: dict, indent: str = "  ") -> str:
    """One question as a YAML list item, in the order teachers read it."""
    lines = []
    inner = indent + "  "
    for key in _ORDER:
        if key not in question or question[key] is None:
            continue
        value = question[key]
        prefix = f"{indent}- " if not lines else inner
        if key == "options":
            lines.append(f"{prefix}options:")
            for option in value:
                lines.append(f"{inner}  - text: {_s(option['text'])}")
                lines.append(f"{inner}    correct: {'true' if option['correct'] else 'false'}")
                if option.get("feedback"):
                    lines.append(f"{inner}    feedback: {_s(option['feedback'])}")
        elif key in ("items",):
            lines.append(f"{prefix}{key}:")
            lines += [f"{inner}  - {_s(item)}" for item in value]
        elif key == "pairs":
            lines.append(f"{prefix}pairs:")
            lines += [f"{inner}  - [{_s(left)}, {_s(right)}]" for left, right in value]
        elif key == "accept":
            lines.append(f"{prefix}accept: [{', '.join(_s(a) for a in value)}]")
        elif isinstance(value, bool):
            lines.append(f"{prefix}{key}: {'true' if value else 'false'}")
        elif key in ("id", "type", "level"):
            lines.append(f"{prefix}{key}: {value}")
        else:
            lines.append(f"{prefix}{key}: {_s(value)}")
    return "\n".join(lines) + "\n"


def quiz_yaml(questions: list[dict], title: str | None = None) -> str:
    head = f"title: {_s(title)}\n" if title else ""
    return head + "questions:\n" + "\n".join(question_yaml(q) for q in questions)


def prepare(imported: list[dict], lesson: Lesson | None, slug: str, taken: set[str], notes: Notes) -> list[dict]:
    """Give every imported question a free id (`<slug>-<n>` when its own is unusable or taken), and
    keep competency and level only where they differ from the lesson's."""
    ready = []
    for n, original in enumerate(imported, start=1):
        question = {k: v for k, v in original.items() if not k.startswith("_")}
        meta = original.get("_meta") or {}
        wanted = question.get("id")
        if not wanted or not ID_PATTERN.match(wanted) or wanted in taken:
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


# --- import into a lesson's quiz file ----------------------------------------------------------

class ExchangeError(Exception):
    """The import cannot go on; the message is for the teacher."""


@dataclass
class ImportResult:
    path: Path | None  # the file written (None for a dry run)
    count: int
    notes: list[str]
    problems: list  # problems `hocvuso check` finds in the written file


def import_into(project, source: Path, lesson_file: Path, *, fmt: str | None = None, output: Path | None = None,
                dry_run: bool = False) -> ImportResult:
    """Read `source` (GIFT or Aiken) and add its questions to the quiz file of `lesson_file`.

    The quiz file is created when the lesson has none; otherwise the questions are appended to its
    `questions:` list, and the result is checked to hold the old questions followed by the new.
    """
    from .loader import load
    from .review import check
    from .scaffold import question_ids_in_files
    from .yamlread import YamlSyntaxError, read_yaml

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
        raise ExchangeError(teacher_text("import_none", path=source) + "".join("\n  - " + n for n in imported.notes))
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
        return ImportResult(None, len(questions), all_notes, [])
    if target.exists() and output is None:
        old_text = target.read_bytes().decode("utf-8-sig")
        match = re.search(r"^(\s*)- id:", old_text, re.M)
        indent = match.group(1) if match else "  "
        new_text = old_text.rstrip("\n") + "\n\n" + "\n".join(question_yaml(q, indent) for q in questions)
        try:
            old_doc, _ = read_yaml(old_text, "old")
            new_doc, _ = read_yaml(new_text, "new")
            items_doc, _ = read_yaml("questions:\n" + "\n".join(question_yaml(q) for q in questions), "items")
            ok = (isinstance(old_doc.data, dict) and isinstance(new_doc.data, dict)
                  and list(new_doc.data) == list(old_doc.data) and list(old_doc.data)[-1] == "questions"
                  and new_doc.data["questions"] == old_doc.data["questions"] + items_doc.data["questions"])
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
    return ImportResult(target, len(questions), all_notes, problems)
