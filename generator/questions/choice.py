"""`single` and `multiple`: options to pick, one right (radio buttons) or several (check boxes)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..markup import md, md_inline
from ..messages import msg, ui, warning
from ..schema import where
from .common import LETTERS, as_list, content_path, duplicate_problems, mark, with_clip
from .hotspot import FROM_LESSON
from .registry import QuestionType, register


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str | None = None  # why this option is right or wrong
    audio: str | None = (
        None  # a clip reading it: relative to the lesson as written, to the content folder after `place`
    )


@dataclass
class Choices:
    options: list[Option]

    @property
    def right(self) -> list[int]:
        return [i for i, option in enumerate(self.options) if option.correct]


class Choice(QuestionType):
    fields = ("options",)
    gift_shape = "multichoice"
    moodle = "multichoice"

    def __init__(self, name: str, many: bool):
        self.name, self.many = name, many
        self.sheet_how = "sheet_choose_all" if many else "sheet_choose_one"

    def parse(self, mapping: dict) -> Choices:
        return Choices([Option(o["text"], o["correct"], o.get("feedback"), o.get("audio")) for o in mapping["options"]])

    def clips(self, mapping):
        found = super().clips(mapping)
        for i, option in enumerate(as_list(mapping.get("options"))):
            audio = option.get("audio") if isinstance(option, dict) else None
            if isinstance(audio, str) and audio:
                found.append((("options", i, "audio"), audio))
        return found

    def clip_files(self, question):
        return super().clip_files(question) + [o.audio for o in question.data.options if o.audio]

    def place(self, data, page):
        for option in data.options:
            option.audio = content_path(option.audio, page) if option.audio else None
        return data

    def check(self, doc, file, base, mapping) -> list[Problem]:
        if not isinstance(mapping.get("options"), list):
            return []
        options = [o for o in mapping["options"] if isinstance(o, dict)]
        flags = [option.get("correct") for option in options]
        correct = flags.count(True)
        problems = []
        if not all(isinstance(flag, bool) for flag in flags):
            pass  # a flag that is not true/false is reported by the schema; counting it would mislead
        elif correct == 0:
            problems.append(
                Problem(file, doc.line(base + ("options",)), msg("no_correct_option", where=where(base + ("",))))
            )
        elif not self.many and correct > 1:
            problems.append(
                Problem(
                    file,
                    doc.line(base + ("options",)),
                    msg("single_needs_one_correct", where=where(base + ("",)), count=correct),
                )
            )
        return problems + duplicate_problems(doc, file, base, "options", [option.get("text") for option in options])

    def warnings(self, doc, file, base, mapping) -> list[Problem]:
        found = []
        for i, option in enumerate(as_list(mapping.get("options"))):
            if option.get("correct") is False and not option.get("feedback"):
                path = base + ("options", i)
                found.append(
                    Problem(file, doc.line(path), warning("option_without_feedback", where=where(path + ("",))))
                )
        return found

    # --- site ---

    def answer_data(self, question):
        return question.data.right

    def choices(self, question, qid):
        kind = "checkbox" if self.many else "radio"
        options = "".join(
            with_clip(
                f'<label class="hvs-option"><input type="{kind}" name="{qid}" value="{i}">'
                f'<span class="hvs-option-text">{md_inline(option.text)}</span></label>',
                option.audio,
                ui("media.clip_option", letter=LETTERS[i]),
                FROM_LESSON,
            )
            for i, option in enumerate(question.data.options)
        )
        return f'<fieldset class="hvs-choices" aria-labelledby="{qid}-prompt">{options}</fieldset>'

    def key(self, question):
        return (
            '<ul class="hvs-key-options">'
            + "".join(
                f'<li data-option="{i}">{mark(option.correct)} '
                f'{md_inline(option.text)}<div class="hvs-fb">{md(option.feedback)}</div></li>'
                for i, option in enumerate(question.data.options)
            )
            + "</ul>"
        )

    # --- worksheet ---

    def sheet(self, question):
        return (
            '<ul class="hvs-ws-options">'
            + "".join(
                f"<li><b>{LETTERS[i]}.</b> {md_inline(option.text)}</li>"
                for i, option in enumerate(question.data.options)
            )
            + "</ul>"
        )

    def sheet_key(self, question):
        return "<br>".join(
            f"<strong>{LETTERS[i]}.</strong> {md_inline(option.text)}"
            for i, option in enumerate(question.data.options)
            if option.correct
        )

    # --- exchange ---

    def _fraction(self, option: Option, right: int, weight) -> str:
        """Moodle's mark for an option: all or nothing for `single`; for `multiple`, the right
        options share the mark and a wrong one takes it all back."""
        if not self.many:
            return "100" if option.correct else "0"
        return weight(100 / right) if option.correct else "-100"

    def gift(self, question, meta, general, g):
        options = question.data.options
        right = len(question.data.right)
        lines = []
        for option in options:
            if self.many:
                prefix = f"~%{self._fraction(option, right, g.weight)}%"
            else:
                prefix = "=" if option.correct else "~"
            feedback = f"#{g.escape(option.feedback)}" if option.feedback else ""
            lines.append(f"\t{prefix}{g.escape(option.text)}{feedback}\n")
        return "{\n" + "".join(lines) + general + "}"

    def moodle_xml(self, question, xml):
        xml.value("single", "false" if self.many else "true")
        xml.value("shuffleanswers", "true")
        xml.value("answernumbering", "abc")
        right = len(question.data.right)
        for option in question.data.options:
            xml.answer(self._fraction(option, right, xml.weight), md(option.text), option.feedback)

    def from_gift(self, question: dict, answers: str, meta: dict, label: str, notes, g) -> bool:
        """A GIFT question with `~` answers; `=` marks the right one when only one is right."""
        single = "=" in answers
        options, weights = [], []
        for raw in g.answers(answers.replace("=", "~="), "~"):
            if raw.startswith("="):
                weight, raw = 100.0, raw[1:]
            elif g.WEIGHT.match(raw):
                found = g.WEIGHT.match(raw)
                weight, raw = float(found.group(1)), raw[found.end() :]
            else:
                weight = 0.0
            text, feedback = g.split_feedback(raw)
            fmt = g.FORMAT.match(text)
            if fmt:
                text = text[fmt.end() :].strip()
            option = {"text": text, "correct": weight == 100 if single else weight > 0}
            if feedback:
                option["feedback"] = feedback
            if 0 < weight < 100 and single:
                notes.add("import_partial_credit", label, weight=f"{weight:g}", verdict=g.verdict("wrong"))
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
                notes.add("import_partial_credit", label, weight=f"{w:g}", verdict=g.verdict("right"))
        question["type"] = SINGLE.name if single and len(right) == 1 else MULTIPLE.name
        if single and len(right) > 1:
            notes.add("import_single_many_right", label)
        question["options"] = options
        return True

    def yaml_lines(self, fields, prefix, inner, s):
        lines = [f"{prefix()}options:"]
        for option in fields["options"]:
            lines.append(f"{inner}  - text: {s(option['text'])}")
            lines.append(f"{inner}    correct: {'true' if option['correct'] else 'false'}")
            if option.get("feedback"):
                lines.append(f"{inner}    feedback: {s(option['feedback'])}")
        return lines


SINGLE = register(Choice("single", many=False))
MULTIPLE = register(Choice("multiple", many=True))
