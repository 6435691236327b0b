"""Helpers several question types share: duplicate detection for `check`, the key's marks."""

from __future__ import annotations

from ..errors import Problem
from ..messages import msg, ui
from ..schema import where

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def duplicates(values: list) -> list[tuple[int, object]]:
    """(index, value) of each value already seen, ignoring case and surrounding spaces."""
    seen, repeated = set(), []
    for i, value in enumerate(values):
        key = value.strip().casefold() if isinstance(value, str) else repr(value)
        if key in seen:
            repeated.append((i, value))
        seen.add(key)
    return repeated


def duplicate_problems(doc, file: str, base: tuple, field: str, values: list) -> list[Problem]:
    """A `duplicate_in_list` problem for each repeated value, located at `base + (field, i)`."""
    return [
        Problem(
            file,
            doc.line(base + (field, i)),
            msg("duplicate_in_list", where=where(base + ("",)), field=field, value=value),
        )
        for i, value in duplicates(values)
        if value is not None
    ]


def as_list(value) -> list:
    return value if isinstance(value, list) else []


def mark(right: bool) -> str:
    """The ✓/✗ badge of an option in the answer key."""
    return (
        f'<span class="hvs-mark hvs-mark-{"right" if right else "wrong"}">'
        f"{'✓' if right else '✗'} {ui('option_right' if right else 'option_wrong')}</span>"
    )
