"""`short_text`: a word or two the learner types, compared with the accepted answers."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .. import textfold
from ..messages import ui
from .registry import QuestionType, register


@dataclass
class ShortText:
    accept: list[str]
    # True: the learner's diacritics must match. None when the quiz file does not say (= False);
    # kept apart from False so the question's version is the one it had before fields were typed.
    diacritics: bool | None = None


strip_diacritics = textfold.strip_marks  # the name exchange code knows it by


def added_variants(data: ShortText) -> list[str]:
    """Unaccented forms of the accepted answers that Moodle (which compares letter by letter)
    needs to grade like the course does."""
    if data.diacritics:
        return []
    known = {a.casefold() for a in data.accept}
    added = []
    for answer in data.accept:
        plain = strip_diacritics(answer)
        if plain.casefold() not in known:
            known.add(plain.casefold())
            added.append(plain)
    return added


class ShortTextType(QuestionType):
    name = "short_text"
    fields = ("accept", "diacritics")
    sheet_how = "sheet_write"
    gift_shape = "shortanswer"
    moodle = "shortanswer"

    def parse(self, mapping):
        return ShortText(list(mapping["accept"]), mapping.get("diacritics"))

    def answer_data(self, question):
        return {"accept": question.data.accept, "diacritics": bool(question.data.diacritics)}

    def choices(self, question, qid):
        return (
            f'<div class="hvs-choices"><label class="hvs-text" for="{qid}-input">{ui("your_answer")}</label>'
            f'<input class="hvs-text-input" type="text" id="{qid}-input" name="{qid}" autocomplete="off" '
            f'autocapitalize="off" spellcheck="false" aria-describedby="{qid}-prompt"></div>'
        )

    def key(self, question):
        accepted = ", ".join(f"<strong>{escape(str(a))}</strong>" for a in question.data.accept)
        return f'<p class="hvs-key-answer">{ui("accepted_answers")}: {accepted}</p>'

    def sheet(self, question):
        return '<div class="hvs-ws-lines">' + '<div class="hvs-ws-line"></div>' * 2 + "</div>"

    def sheet_key(self, question):
        accepted = " / ".join(f"<strong>{escape(str(a))}</strong>" for a in question.data.accept)
        lenient = (
            ""
            if question.data.diacritics
            else f' <span class="hvs-ws-note">{escape(ui("sheet_key_no_diacritics"))}</span>'
        )
        return accepted + lenient

    def export_notes(self, question, notes):
        added = added_variants(question.data)
        if added:
            notes.add("diacritics_added", question.id, answers=", ".join(f"“{a}”" for a in added))

    def gift(self, question, meta, general, g):
        added = added_variants(question.data)
        meta["diacritics"] = bool(question.data.diacritics)
        if added:
            meta["added"] = added
        return "{\n" + "".join(f"\t={g.escape(a)}\n" for a in question.data.accept + added) + general + "}"

    def moodle_xml(self, question, xml):
        xml.value("usecase", "0")
        for accepted in question.data.accept + added_variants(question.data):
            xml.answer("100", accepted, None, fmt="moodle_auto_format")

    def from_gift(self, question, answers, meta, label, notes, g):
        accept = []
        for raw in g.answers(answers, "="):
            weight = 100.0
            found = g.WEIGHT.match(raw)
            if found:
                weight, raw = float(found.group(1)), raw[found.end() :]
            text, feedback = g.split_feedback(raw)
            if feedback:
                notes.add("import_answer_feedback", label, feedback=feedback)
            if "*" in text:
                notes.add("import_wildcard", label)
                continue
            if weight < 100:
                notes.add("import_partial_credit", label, weight=f"{weight:g}", verdict=g.verdict("wrong"))
                continue
            if text:
                accept.append(text)
        if not accept:
            notes.add("import_no_correct", label)
            return False
        added = meta.get("added") if isinstance(meta.get("added"), list) else []
        question["type"] = self.name
        question["accept"] = [a for a in accept if a not in added] or accept
        if meta.get("diacritics") is True:
            question["diacritics"] = True
        return True

    def yaml_lines(self, fields, prefix, inner, s):
        lines = [f"{prefix()}accept: [{', '.join(s(a) for a in fields['accept'])}]"]
        if fields.get("diacritics") is not None:
            lines.append(f"{prefix()}diacritics: {'true' if fields['diacritics'] else 'false'}")
        return lines


register(ShortTextType())
