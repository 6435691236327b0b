"""`ordering`: steps to put in order, moved with Lên / Xuống buttons (no dragging)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..markup import md_inline, shuffled
from ..messages import ui
from .common import as_list, duplicate_problems
from .matching import MATCHING, gift_pairs, moodle_pairs, pairs_from_gift
from .registry import QuestionType, register


@dataclass
class Ordering:
    items: list[str]  # in the right order; shown shuffled


def _positions(data: Ordering) -> list[tuple[str, str]]:
    """Moodle has no ordering question without a plug-in: each step is paired with its position."""
    return [(item, str(i)) for i, item in enumerate(data.items, start=1)]


class OrderingType(QuestionType):
    name = "ordering"
    fields = ("items",)
    sheet_how = "sheet_order_how"
    gift_shape = "matching"
    moodle = "matching"

    def parse(self, mapping):
        return Ordering(list(mapping["items"]))

    def check(self, doc, file, base, mapping):
        return duplicate_problems(doc, file, base, "items", as_list(mapping.get("items")))

    def answer_data(self, question):
        return len(question.data.items)

    def choices(self, question, qid):
        items = question.data.items
        lis = "".join(
            f'<li class="hvs-order-item" data-item="{i}"><span class="hvs-order-text">{md_inline(items[i])}</span></li>'
            for i in shuffled(question.id, items)
        )
        return f'<ol class="hvs-choices hvs-order" aria-labelledby="{qid}-prompt">{lis}</ol>'

    def key(self, question):
        return (
            f'<p class="hvs-key-answer">{ui("correct_order")}:</p><ol class="hvs-key-order">'
            + "".join(f"<li>{md_inline(item)}</li>" for item in question.data.items)
            + "</ol>"
        )

    def sheet(self, question):
        items = question.data.items
        return (
            '<ul class="hvs-ws-order">'
            + "".join(f"<li>{md_inline(items[i])}</li>" for i in shuffled(question.id, items))
            + "</ul>"
        )

    def sheet_key(self, question):
        numbers = " – ".join(str(i + 1) for i in shuffled(question.id, question.data.items))
        steps = "".join(f"<li>{md_inline(item)}</li>" for item in question.data.items)
        return f'{escape(ui("sheet_key_order_boxes", numbers=numbers))}<ol class="hvs-ws-key-order">{steps}</ol>'

    def export_notes(self, question, notes):
        notes.add("ordering_as_matching", question.id)
        if len(question.data.items) < 3:
            notes.add("matching_two_pairs", question.id)

    def gift(self, question, meta, general, g):
        meta["type"] = self.name  # so the matching question imports back as ordering
        return gift_pairs(_positions(question.data), general, g)

    def moodle_xml(self, question, xml):
        moodle_pairs(_positions(question.data), xml)

    def from_gift(self, question, answers, meta, label, notes, g):
        pairs = pairs_from_gift(answers, label, notes, g)
        if not all(right.isdigit() for _, right in pairs):
            question["type"] = MATCHING.name
            question["pairs"] = pairs
            return True
        question["type"] = self.name
        question["items"] = [left for left, _ in sorted(pairs, key=lambda p: int(p[1]))]
        return True

    def yaml_lines(self, fields, prefix, inner, s):
        return [f"{prefix()}items:"] + [f"{inner}  - {s(item)}" for item in fields["items"]]


register(OrderingType())
