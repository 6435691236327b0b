"""Validate a YAML document against the shipped JSON Schemas and word each failure for a teacher.

The schemas in `schema/` are the same files editors use for completion, so what an editor
underlines and what the build rejects never disagree.
"""

from __future__ import annotations

import difflib
import functools
import json
from pathlib import Path

from . import incremental
from .errors import Problem
from .messages import msg
from .schemacheck import surely_valid
from .yamlread import Document

SCHEMAS = Path(__file__).parent / "schema"


class Validator:
    """A schema and, made when first asked for errors, its jsonschema validator: a valid course
    never needs one (schemacheck), and importing jsonschema is a tenth of a small build's time."""

    def __init__(self, schema: dict):
        self.schema = schema
        self._checker = None

    def iter_errors(self, instance):
        if self._checker is None:
            from jsonschema import Draft202012Validator

            self._checker = Draft202012Validator(self.schema)
        return self._checker.iter_errors(instance)


@functools.cache
def validator(name: str) -> Validator:
    with open(SCHEMAS / f"{name}.schema.json", encoding="utf-8") as f:
        return Validator(json.load(f))


def where(path) -> str:
    """'câu hỏi 3 › lựa chọn 2: ' for ('questions', 2, 'options', 1, ...)."""
    parts = []
    for key, index in zip(path, path[1:]):
        if isinstance(index, int) and isinstance(key, str):
            label = "where." + key if key in _WHERE_KEYS else "where.default"
            parts.append(msg(label, n=index + 1))
    return (" › ".join(parts) + ": ") if parts else ""


_WHERE_KEYS = {
    "questions",
    "options",
    "regions",
    "choices",
    "pairs",
    "items",
    "accept",
    "objectives",
    "competencies",
    "audiences",
    "areas",
    "levels",
    "terms",
    "aliases",
    "jargon",
}


def _type_name(value) -> str:
    kind = {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
        type(None): "null",
    }.get(type(value), "string")
    return msg("type_name." + kind)


def _field(path) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "?"


def _visible(value) -> str:
    """A value as one line of a message: a line break or control character shows as `\\n`, `\\x00`."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(value))[:80]


def suggest(value, choices) -> str:
    """ " Bạn muốn viết `2.1`?" with the closest of `choices` to what the teacher typed, or ""."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    typed, choices = str(value), [str(c) for c in choices]
    exact = {c.casefold(): c for c in choices}
    best = exact.get(typed.casefold()) or exact.get(typed.replace(",", ".").strip().casefold())
    if best is None:
        close = difflib.get_close_matches(typed, choices, n=1, cutoff=0.75)
        best = close[0] if close else None
    return " " + msg("did_you_mean", value=best) if best and best != typed else ""


def _describe(error, doc: Document, file: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    line = doc.line(path)
    if kind == "required":
        missing = [f for f in error.validator_value if f not in (error.instance or {})]
        return [Problem(file, line, msg("required", where=where(path + ("",)), field=f)) for f in missing]
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed]
        return [
            Problem(
                file,
                doc.line(path + (k,)),
                msg("unknown_field", where=where(path + (k,)), field=k, allowed=", ".join(f"`{a}`" for a in allowed))
                + suggest(k, allowed),
            )
            for k in extras
        ]
    loc = where(path)
    field = _field(path) if path else "?"
    if kind == "type" and error.instance in (None, ""):
        return [Problem(file, line, msg("empty_text", where=loc, field=field))]
    if kind == "type":
        expected = error.validator_value
        expected = expected[0] if isinstance(expected, list) else expected
        if expected == "boolean" and isinstance(error.instance, str):  # `answer: no`, `correct: có`
            return [Problem(file, line, msg("not_boolean", where=loc, field=field, value=_visible(error.instance)))]
        return [
            Problem(
                file,
                line,
                msg(
                    "wrong_type",
                    where=loc,
                    field=field,
                    expected=msg("type_name." + expected),
                    actual=_type_name(error.instance),
                ),
            )
        ]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return [
            Problem(
                file,
                line,
                msg(
                    "not_in_list",
                    where=loc,
                    field=field,
                    value=error.instance,
                    allowed=", ".join(f"`{a}`" for a in allowed),
                )
                + suggest(error.instance, allowed),
            )
        ]
    if kind in ("minItems", "maxItems") and len(path) >= 2 and path[-2] == "pairs" and isinstance(path[-1], int):
        return [Problem(file, line, msg("pair_two_sides", where=loc, count=len(error.instance)))]
    if kind == "minItems":
        return [Problem(file, line, msg("too_few", where=loc, field=field, count=error.validator_value))]
    if kind == "maxItems":
        return [Problem(file, line, msg("too_many", where=loc, field=field, count=error.validator_value))]
    if kind == "minLength":
        return [Problem(file, line, msg("empty_text", where=loc, field=field))]
    if kind == "maxLength":
        return [Problem(file, line, msg("too_long", where=loc, field=field, count=error.validator_value))]
    if kind in ("minimum", "maximum"):
        props = error.schema
        return [
            Problem(
                file,
                line,
                msg(
                    "out_of_range",
                    where=loc,
                    field=field,
                    value=error.instance,
                    minimum=props.get("minimum", "…"),
                    maximum=props.get("maximum", "…"),
                ),
            )
        ]
    if kind == "pattern":
        return [
            Problem(
                file,
                line,
                msg("bad_pattern", where=loc, field=field, value=_visible(error.instance), hint=msg("id_pattern_hint")),
            )
        ]
    return [Problem(file, line, msg("invalid", where=loc, field=field, detail=error.message))]


# The loader asks for a quiz's failures twice (`check`, then `failing_items`); validating is the
# slowest step of `hocvuso check`, so the last document's errors are kept (it is held, so never freed).
_last: tuple = (None, None, [])


def errors(data, schema: str) -> list:
    """The schema's errors for `data`, computed once for the same object and schema."""
    global _last
    if _last[0] is not data or _last[1] != schema:
        # The live preview reuses an unchanged file's document, so its errors too (the entry holds
        # `data`: no other object can take its id while it is kept).
        found = incremental.memo(("schema", schema, id(data)), None, lambda: (data, _errors(data, schema)))[1]
        _last = (data, schema, found)
    return _last[2]


def _errors(data, schema: str) -> list:
    return _quiz_errors(data) if schema == "quiz" else _failures(validator(schema), data)


def _failures(checker: Validator, instance) -> list:
    """jsonschema's errors, unless a quick walk finds the instance surely valid (schemacheck.py)."""
    return [] if surely_valid(instance, checker.schema) else list(checker.iter_errors(instance))


@functools.cache
def _quiz_validators() -> tuple:
    """The quiz schema in parts: the file without its questions, a question's common fields, and
    each type's own schema. The same rules as `quiz.schema.json`, whose questions pick their type's
    schema with one `if`/`then` branch per type; jsonschema evaluates them all for every question, and a
    600-lesson course has 3 000 questions (issue 7)."""
    with open(SCHEMAS / "quiz.schema.json", encoding="utf-8") as f:
        full = json.load(f)
    defs = full["$defs"]
    questions = {k: v for k, v in full["properties"]["questions"].items() if k != "items"}
    top = Validator({**full, "properties": {**full["properties"], "questions": questions}})
    common = Validator({**{k: v for k, v in defs["question"].items() if k != "allOf"}, "$defs": defs})
    types = {
        branch["if"]["properties"]["type"]["const"]: Validator({**branch["then"], "$defs": defs})
        for branch in defs["question"]["allOf"]
    }
    return top, common, types


def _quiz_errors(data) -> list:
    top, common, types = _quiz_validators()
    found = _failures(top, data)
    questions = data.get("questions") if isinstance(data, dict) else None
    for i, question in enumerate(questions if isinstance(questions, list) else []):
        own = _failures(common, question)
        if isinstance(question, dict) and isinstance(question.get("type"), str) and question["type"] in types:
            own += _failures(types[question["type"]], question)
        for error in own:
            error.path.extendleft((i, "questions"))  # as if found from the file's root
        found += own
    return found


def check(doc: Document, schema: str, file: str) -> list[Problem]:
    """Every schema failure of `doc`, located in `file`."""
    problems: list[Problem] = []
    for error in errors(doc.data, schema):
        problems.extend(_describe(error, doc, file))
    return problems


def failing_items(data, schema: str, key: str) -> set[int]:
    """Indexes i of `data[key]` that have at least one schema failure."""
    failing = set()
    for error in errors(data, schema):
        path = tuple(error.absolute_path)
        if len(path) >= 2 and path[0] == key and isinstance(path[1], int):
            failing.add(path[1])
    return failing
