"""`matching`: each left-hand item is paired with its right-hand item by a drop-down list."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..markup import md, md_inline, shuffled
from ..messages import ui
from .common import LETTERS, as_list, duplicate_problems
from .registry import QuestionType, register


@dataclass
class Matching:
    pairs: list[tuple[str, str]]  # (left, right), in the quiz file's order


def gift_pairs(pairs, general: str, g) -> str:
    return "{\n" + "".join(f"\t={g.escape(left)} -> {g.escape(right)}\n" for left, right in pairs) + general + "}"


def moodle_pairs(pairs, xml) -> None:
    xml.value("shuffleanswers", "true")
    for left, right in pairs:
        xml.subquestion(md(left), right)


def pairs_from_gift(answers: str, label: str, notes, g) -> list[list[str]]:
    """GIFT's `=left -> right` answers; a pair with no left side is a distractor, left out."""
    pairs = []
    for raw in g.answers(answers, "="):
        left, _, right = raw.partition("->")
        left, right = g.restore(left), g.restore(right)
        fmt = g.FORMAT.match(left)
        if fmt:
            left = left[fmt.end() :].strip()
        if not left:
            notes.add("import_distractor", label, answer=right)
            continue
        pairs.append([left, right])
    return pairs


class MatchingType(QuestionType):
    name = "matching"
    fields = ("pairs",)
    sheet_how = "sheet_match_how"
    gift_shape = "matching"
    moodle = "matching"

    def parse(self, mapping):
        return Matching([(left, right) for left, right in mapping["pairs"]])

    def check(self, doc, file, base, mapping):
        problems = []
        for side in (0, 1):
            column = [pair[side] for pair in as_list(mapping.get("pairs")) if isinstance(pair, list) and len(pair) == 2]
            problems += duplicate_problems(doc, file, base, "pairs", column)
        return problems

    def answer_data(self, question):
        return len(question.data.pairs)  # select i is right when its value is i

    def choices(self, question, qid):
        pairs = question.data.pairs
        options = f'<option value="">{escape(ui("choose"))}</option>' + "".join(
            f'<option value="{j}">{escape(str(pairs[j][1]))}</option>' for j in shuffled(question.id, pairs)
        )
        rows = "".join(
            f'<div class="hvs-pair"><label class="hvs-pair-left" for="{qid}-m{i}">{md_inline(left)}</label>'
            f'<select id="{qid}-m{i}" data-left="{i}">{options}</select></div>'
            for i, (left, _) in enumerate(pairs)
        )
        return f'<fieldset class="hvs-choices hvs-match" aria-labelledby="{qid}-prompt">{rows}</fieldset>'

    def key(self, question):
        return (
            f'<p class="hvs-key-answer">{ui("correct_pairs")}:</p><ul class="hvs-key-pairs">'
            + "".join(f"<li>{md_inline(left)} → {md_inline(right)}</li>" for left, right in question.data.pairs)
            + "</ul>"
        )

    def sheet(self, question):
        pairs = question.data.pairs
        rights = shuffled(question.id, pairs)
        rows = "".join(
            f"<tr><td><b>{i + 1}.</b> {md_inline(pairs[i][0])}</td><td>→</td>"
            f"<td><b>{LETTERS[i]}.</b> {md_inline(pairs[rights[i]][1])}</td></tr>"
            for i in range(len(pairs))
        )
        return f'<table class="hvs-ws-match"><tbody>{rows}</tbody></table>'

    def sheet_key(self, question):
        pairs = question.data.pairs
        rights = shuffled(question.id, pairs)
        return ", ".join(f"<strong>{i + 1} → {LETTERS[rights.index(i)]}</strong>" for i in range(len(pairs))) + (
            '<ul class="hvs-ws-key-pairs">'
            + "".join(f"<li>{md_inline(left)} → {md_inline(right)}</li>" for left, right in pairs)
            + "</ul>"
        )

    def export_notes(self, question, notes):
        if len(question.data.pairs) < 3:
            notes.add("matching_two_pairs", question.id)

    def gift(self, question, meta, general, g):
        return gift_pairs(question.data.pairs, general, g)

    def moodle_xml(self, question, xml):
        moodle_pairs(question.data.pairs, xml)

    def from_gift(self, question, answers, meta, label, notes, g):
        question["type"] = self.name
        question["pairs"] = pairs_from_gift(answers, label, notes, g)
        return True

    def yaml_lines(self, fields, prefix, inner, s):
        return [f"{prefix()}pairs:"] + [f"{inner}  - [{s(left)}, {s(right)}]" for left, right in fields["pairs"]]


MATCHING = register(MatchingType())
