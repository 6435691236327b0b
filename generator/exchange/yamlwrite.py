"""Writing YAML by hand, in the layout teachers read: the one string-quoting function of the
generator, and imported questions as quiz YAML."""

from __future__ import annotations

import json
import re

from ..questions import get

# JSON's string escapes are YAML's, so a JSON string is a double-quoted YAML scalar, except for the
# characters YAML reads differently raw: line breaks JSON leaves alone (U+0085, U+2028, U+2029), the
# byte-order mark, and whatever YAML does not allow unescaped (C1 controls, U+FFFE, U+FFFF).
_RAW_IN_JSON_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_str(text) -> str:
    """`text` as a double-quoted YAML scalar that reads back as exactly `text`, whatever it holds
    (quotes, colons, `#`, new lines, a leading `- `): nothing in it can become a key of its own."""
    quoted = json.dumps(str(text), ensure_ascii=False)
    return _RAW_IN_JSON_NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


_HEAD = ("id", "type", "prompt", "hint", "competency", "level")


def question_yaml(question: dict, indent: str = "  ") -> str:
    """One imported question (a plain dict) as a YAML list item, in the order teachers read it.

    `id` and `type` are written bare: the id has been checked against the id pattern (`prepare`)
    and the type is a registered name. Every other text is quoted."""
    lines: list[str] = []
    inner = indent + "  "

    def prefix() -> str:
        return f"{indent}- " if not lines else inner

    for key in _HEAD:
        if question.get(key) is None:
            continue
        value = question[key]
        lines.append(f"{prefix()}{key}: {value if key in ('id', 'type') else yaml_str(value)}")
    if question.get("type"):
        lines += get(question["type"]).yaml_lines(question, prefix, inner, yaml_str)
    if question.get("explanation") is not None:
        lines.append(f"{prefix()}explanation: {yaml_str(question['explanation'])}")
    return "\n".join(lines) + "\n"


def quiz_yaml(questions: list[dict], title: str | None = None) -> str:
    head = f"title: {yaml_str(title)}\n" if title else ""
    return head + "questions:\n" + "\n".join(question_yaml(q) for q in questions)
