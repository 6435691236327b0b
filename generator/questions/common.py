"""Helpers several question types share: duplicate detection for `check`, the key's marks, the
play button of a recorded clip."""

from __future__ import annotations

import posixpath
from html import escape
from urllib.parse import quote

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


def content_path(written: str, page: str) -> str:
    """A path written relative to the lesson `page`, as a path relative to the content folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), written))


# A loudspeaker (Material Design's volume_up, as the theme's own icons).
_SPEAKER = (
    '<svg class="hvs-clip-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">'
    '<path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 7.97v8.05c1.48-.73 2.5-2.25 '
    '2.5-4.02zM14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z"/>'
    "</svg>"
)


def clip_button(path: str | None, label: str, up: str, text: bool = False) -> str:
    """The large play button of a recorded clip (`path`: relative to the content folder; `up`:
    from the page to the content root). A link to the file, so without JavaScript the browser's
    own player opens it; media.js plays it in place. `data-hvs-media` brings media.js and media.css."""
    if not path:
        return ""
    shown = f'<span class="hvs-clip-text">{escape(label)}</span>' if text else ""
    return (
        f'<a class="hvs-clip" href="{escape(up + quote(path))}" data-hvs-clip data-hvs-media '
        f'aria-label="{escape(label)}">{_SPEAKER}{shown}</a>'
    )


def with_clip(option_html: str, path: str | None, label: str, up: str) -> str:
    """An option's label with its clip's button beside it (outside the label: a button inside a
    label would also pick the option)."""
    if not path:
        return option_html
    return f'<div class="hvs-option-row">{option_html}{clip_button(path, label, up)}</div>'
