"""Moodle XML export: every question with its feedback, hints as <hint>, competency and level as tags."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..markup import md
from ..model import Course, Question
from ..questions import get
from .notes import Export, Notes, bank, category, export_notes
from .syntax import weight


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, **({"format": fmt} if fmt else {}), **attrs)
    ET.SubElement(element, "text").text = text
    return element


class Builder:
    """What a question type writes into its <question> element (QuestionType.moodle_xml)."""

    weight = staticmethod(weight)  # Moodle's nearest allowed fraction of a mark

    def __init__(self, element: ET.Element):
        self.element = element

    def value(self, tag: str, text: str) -> None:
        ET.SubElement(self.element, tag).text = text

    def answer(self, fraction: str, text: str, feedback: str | None, fmt: str = "html") -> None:
        a = _text(self.element, "answer", text, fmt=fmt, fraction=fraction)
        _text(a, "feedback", md(feedback) if feedback else "")

    def subquestion(self, html: str, answer: str) -> None:
        sub = _text(self.element, "subquestion", html)
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = answer


def _question(question: Question) -> ET.Element:
    kind = get(question.type)
    q = ET.Element("question", type=kind.moodle)
    name = ET.SubElement(q, "name")
    ET.SubElement(name, "text").text = question.id
    _text(q, "questiontext", md(question.prompt))
    _text(q, "generalfeedback", md(question.explanation) if question.explanation else "")
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = question.id
    kind.moodle_xml(question, Builder(q))
    if question.hint:
        _text(q, "hint", md(question.hint))
    tags = ET.SubElement(q, "tags")
    for tag in (f"nang-luc-{question.competency}", f"bac-{question.level}", f"hocvuso-{question.type}"):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return q


def to_moodle_xml(course: Course, area: str | None = None, page: str | None = None) -> Export:
    questions = bank(course, area, page)
    notes = Notes()
    export_notes([q for _, q in questions], notes, gift=False)
    root = ET.Element("quiz")
    current = None
    for lesson, question in questions:
        wanted = category(course, lesson)
        if wanted != current:
            cat = ET.SubElement(root, "question", type="category")
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = wanted
            current = wanted
        root.append(_question(question))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return Export(text, len(questions), notes.lines(len(questions)))
