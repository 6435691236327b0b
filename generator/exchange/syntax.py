"""GIFT's syntax (Moodle's own rules, question/format/gift/format.php) and Moodle's mark fractions.

The question types receive this module as `g` when they write or read GIFT, so each type says what
goes where and this module alone knows how GIFT spells it.
"""

from __future__ import annotations

import re

from ..messages import teacher_text


def escape(text: str) -> str:
    """GIFT's reserved characters escaped, new lines written as \\n (Moodle's own export rules)."""
    text = str(text).replace("\r", "").replace("\\", "\\\\")
    for ch in "~=#{}:":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "\\n")


# Moodle accepts only these fractions of a mark (question/format.php, get_grade_options).
_FRACTIONS = [
    100,
    90,
    83.33333,
    80,
    75,
    70,
    66.66667,
    60,
    50,
    40,
    33.33333,
    30,
    25,
    20,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
]


def weight(value: float) -> str:
    nearest = min(_FRACTIONS, key=lambda f: abs(f - value))
    return f"{nearest:g}" if nearest == int(nearest) else f"{nearest:.5f}"


# --- reading -----------------------------------------------------------------------------------
# Escaped characters are swapped for private-use characters while a question is cut into parts,
# then restored in each part.

_ESCAPES = {
    "\\\\": "\ue000",
    "\\:": "\ue001",
    "\\#": "\ue002",
    "\\=": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\~": "\ue006",
    "\\n": "\ue007",
}
_UNESCAPE = {
    "\ue000": "\\",
    "\ue001": ":",
    "\ue002": "#",
    "\ue003": "=",
    "\ue004": "{",
    "\ue005": "}",
    "\ue006": "~",
    "\ue007": "\n",
}
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
FORMAT = re.compile(r"^\[(markdown|html|plain|moodle)\]")


def protect(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _ESCAPES:
            out.append(_ESCAPES[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def restore(text: str) -> str:
    return "".join(_UNESCAPE.get(ch, ch) for ch in text).strip()


def split_feedback(text: str) -> tuple[str, str | None]:
    head, sep, tail = text.partition("#")
    return restore(head), (restore(tail) or None) if sep else None


def answers(text: str, sep: str) -> list[str]:
    parts = text.split(sep)
    if parts and not parts[0].strip():
        parts = parts[1:]
    return [p.strip() for p in parts]


def verdict(which: str) -> str:
    """'đúng' / 'sai', for the partial-credit note."""
    return teacher_text("verdict_" + which)
