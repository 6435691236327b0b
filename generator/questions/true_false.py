"""`true_false`: a statement the learner marks Đúng or Sai."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..markup import md
from ..messages import ui
from .common import LETTERS, content_path, with_clip
from .hotspot import FROM_LESSON
from .registry import QuestionType, register


@dataclass
class TrueFalse:
    answer: bool
    feedback_true: str | None = None  # shown to a learner who answered "Đúng"
    feedback_false: str | None = None
    # clips reading "Đúng" and "Sai" (for a learner who cannot read them): relative to the lesson
    # as written, to the content folder after `place`
    audio_true: str | None = None
    audio_false: str | None = None


def _label(value: bool) -> str:
    return ui("answer_true" if value else "answer_false")


class TrueFalseType(QuestionType):
    name = "true_false"
    fields = ("answer", "feedback_true", "feedback_false", "audio_true", "audio_false")
    sheet_how = "sheet_choose_one"
    gift_shape = "truefalse"
    moodle = "truefalse"

    def parse(self, mapping):
        return TrueFalse(
            mapping["answer"],
            mapping.get("feedback_true"),
            mapping.get("feedback_false"),
            mapping.get("audio_true"),
            mapping.get("audio_false"),
        )

    def clips(self, mapping):
        found = super().clips(mapping)
        for key in ("audio_true", "audio_false"):
            if isinstance(mapping.get(key), str) and mapping[key]:
                found.append(((key,), mapping[key]))
        return found

    def clip_files(self, question):
        d = question.data
        return super().clip_files(question) + [clip for clip in (d.audio_true, d.audio_false) if clip]

    def place(self, data, page):
        data.audio_true = content_path(data.audio_true, page) if data.audio_true else None
        data.audio_false = content_path(data.audio_false, page) if data.audio_false else None
        return data

    def answer_data(self, question):
        return question.data.answer

    def choices(self, question, qid):
        d = question.data
        options = "".join(
            with_clip(
                f'<label class="hvs-option"><input type="radio" name="{qid}" value="{value}">'
                f'<span class="hvs-option-text">{_label(flag)}</span></label>',
                clip,
                ui("media.clip_option", letter=LETTERS[i]),
                FROM_LESSON,
            )
            for i, (value, flag, clip) in enumerate((("true", True, d.audio_true), ("false", False, d.audio_false)))
        )
        return f'<fieldset class="hvs-choices" aria-labelledby="{qid}-prompt">{options}</fieldset>'

    def key(self, question):
        d = question.data
        return (
            f'<p class="hvs-key-answer">{ui("correct_answer")}: <strong>{_label(d.answer)}</strong></p>'
            f'<div class="hvs-fb" data-for="true">{md(d.feedback_true)}</div>'
            f'<div class="hvs-fb" data-for="false">{md(d.feedback_false)}</div>'
        )

    def sheet(self, question):
        return (
            '<ul class="hvs-ws-options hvs-ws-inline">'
            f"<li>{escape(_label(True))}</li><li>{escape(_label(False))}</li></ul>"
        )

    def sheet_key(self, question):
        return f"<strong>{escape(_label(question.data.answer))}</strong>"

    def gift(self, question, meta, general, g):
        # GIFT: {TRUE#feedback for a wrong answer#feedback for the right one}
        d = question.data
        right_fb = d.feedback_true if d.answer else d.feedback_false
        wrong_fb = d.feedback_false if d.answer else d.feedback_true
        tail = "#" + g.escape(wrong_fb or "") if wrong_fb or right_fb else ""
        if right_fb:
            tail += "#" + g.escape(right_fb)
        explanation = f"####{g.escape(question.explanation)}" if question.explanation else ""
        return "{" + ("TRUE" if d.answer else "FALSE") + tail + explanation + "}"

    def moodle_xml(self, question, xml):
        d = question.data
        xml.answer("100" if d.answer else "0", "true", d.feedback_true, fmt="moodle_auto_format")
        xml.answer("0" if d.answer else "100", "false", d.feedback_false, fmt="moodle_auto_format")

    def from_gift(self, question, answers, meta, label, notes, g):
        parts = [g.restore(p) for p in answers.split("#", 2)]
        wrong = parts[1] if len(parts) > 1 and parts[1] else None
        right = parts[2] if len(parts) > 2 and parts[2] else None
        value = parts[0] in ("T", "TRUE")
        question["type"] = self.name
        question["answer"] = value
        fb_true, fb_false = (right, wrong) if value else (wrong, right)
        if fb_true:
            question["feedback_true"] = fb_true
        if fb_false:
            question["feedback_false"] = fb_false
        return True

    def yaml_lines(self, fields, prefix, inner, s):
        lines = [f"{prefix()}answer: {'true' if fields['answer'] else 'false'}"]
        return lines + [
            f"{prefix()}{key}: {s(fields[key])}"
            for key in ("feedback_true", "feedback_false")
            if fields.get(key) is not None
        ]


register(TrueFalseType())
