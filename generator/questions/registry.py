"""The question-type registry: what every question type must provide, and the table of types.

A type is one module of this package holding a `QuestionType` subclass and its dataclass of typed
fields, registered by name. Every part of the generator that depends on the type — schema checks,
the site's HTML, the worksheet, GIFT / Moodle XML export and import, the quiz YAML writer — asks
the registry (`get(question.type)`) instead of testing the type's name. How to add a type:
docs-dev/question-types.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model import Question
    from ..yamlread import Document


class QuestionType:
    """One question type. Subclasses set the class attributes and override the methods they need;
    the methods that have no sensible default raise NotImplementedError."""

    name: str = ""  # the quiz file's `type:`, the markup's `data-type`, the script's registered name
    fields: tuple[str, ...] = ()  # its own YAML keys, in the order a teacher reads them
    sheet_how: str = ""  # catalogue key of the worksheet's "how to answer" note
    moodle: str = ""  # Moodle XML question type it exports to

    # --- the quiz file --------------------------------------------------------------------------

    def parse(self, mapping: dict) -> Any:
        """The typed fields of a question the schema has accepted."""
        raise NotImplementedError

    def check(self, doc: Document, file: str, base: tuple, mapping: dict) -> list[Problem]:
        """Rules the schema cannot express (one right option, no duplicates...). `mapping` may
        still hold parts the schema rejected: skip them, never crash on them."""
        return []

    def warnings(self, doc: Document, file: str, base: tuple, mapping: dict) -> list[Problem]:
        """What a reviewer wants to know about a valid question, without stopping the build."""
        return []

    def files(self, mapping: dict) -> list[tuple[tuple, str]]:
        """The course files the question shows (its images), as (place in the question, path as
        written: relative to its lesson, like a Markdown image). The loader checks that each is a
        file inside the content folder; `place` then gets the lesson."""
        return []

    def clips(self, mapping: dict) -> list[tuple[tuple, str]]:
        """The short recorded clips the question plays (the prompt's `audio`, and an option's where
        the type has them), as (place in the question, path as written: relative to the lesson).
        The loader checks them (media_check.question_clips); `place` then gets the lesson."""
        audio = mapping.get("audio")
        return [(("audio",), audio)] if isinstance(audio, str) and audio else []

    def clip_files(self, question: Question) -> list[str]:
        """The clips the question's page plays, relative to the content folder (after `place`)."""
        return [question.audio] if question.audio else []

    def place(self, data: Any, page: str) -> Any:
        """The typed fields once the lesson is known (`page`, relative to the content folder, e.g.
        `2-giao-tiep/04-x.md`): a type that shows files makes their paths relative to the content
        folder here, so the lesson page and its worksheet can both point at them."""
        return data

    # --- the site (markup contract: docs-dev/self-assessment.md) --------------------------------

    def answer_data(self, question: Question) -> object:
        """The JSON of `data-answer`, read by the script's unit of the same name."""
        raise NotImplementedError

    def choices(self, question: Question, qid: str) -> str:
        """The inputs: `.hvs-choices`."""
        raise NotImplementedError

    def key(self, question: Question) -> str:
        """The answer and feedback inside `details.hvs-key` (the explanation is added after it)."""
        raise NotImplementedError

    # --- the worksheet --------------------------------------------------------------------------

    def sheet(self, question: Question) -> str:
        """What the learner answers on paper, after the prompt."""
        raise NotImplementedError

    def sheet_key(self, question: Question) -> str:
        """The answer in the teacher's key."""
        raise NotImplementedError

    # --- exchange (generator/exchange/) --------------------------------------------------------

    def export_notes(self, question: Question, notes) -> None:
        """Note what GIFT / Moodle XML cannot hold of this question (`notes.add(key, id, ...)`)."""

    def gift(self, question: Question, meta: dict, general: str, g) -> str:
        """The GIFT answer block `{...}`; `general` is the explanation's line, '' when none; `g` is
        GIFT's syntax (exchange.syntax: escape, weight...). May add to `meta` (the `// hocvuso:`
        comment) what GIFT cannot hold."""
        raise NotImplementedError

    # Set by the types GIFT import can produce: from_gift(question, answers, meta, label, notes, g)
    # fills the quiz YAML dict `question` from GIFT's `{answers}` and returns False to skip it.
    # `gift_shape` names the answer syntax it reads (exchange.gift.shape); of several types with
    # one shape, the first registered is taken unless the `// hocvuso:` comment names another.
    from_gift = None
    gift_shape = ""

    def moodle_xml(self, question: Question, xml) -> None:
        """Fill the Moodle XML question through `xml` (exchange.moodle_xml.Builder)."""
        raise NotImplementedError

    def yaml_lines(self, fields: dict, prefix, inner: str, s) -> list[str]:
        """This type's keys of an imported question (a plain dict) as quiz YAML lines; `prefix()`
        gives the start of the next key's line, `s` quotes a string (exchange.yamlwrite.yaml_str)."""
        raise NotImplementedError


class NotExpressible:
    """For types GIFT and Moodle XML cannot hold (a picture to tap, a branching scenario): exported
    as a description item (the prompt, nothing graded) with a note, never imported back."""

    def export_notes(self, question: Question, notes) -> None:
        notes.add("not_expressible", question.id, kind=self.name)

    def gift(self, question: Question, meta: dict, general: str, g) -> str:
        return ""  # no answer block: GIFT reads the prompt as a description

    def moodle_xml(self, question: Question, xml) -> None:
        """A Moodle `description`: the prompt only, nothing to grade."""

    def yaml_lines(self, fields: dict, prefix, inner: str, s) -> list[str]:
        raise ValueError(f"{self.name} questions are never imported")


_TYPES: dict[str, QuestionType] = {}


def register(kind: QuestionType) -> QuestionType:
    if not kind.name or kind.name in _TYPES:
        raise ValueError(f"question type {kind.name!r} has no name or is registered twice")
    _TYPES[kind.name] = kind
    return kind


def get(name: str) -> QuestionType:
    return _TYPES[name]


def names() -> list[str]:
    """Every registered type's name, in registration order."""
    return list(_TYPES)
