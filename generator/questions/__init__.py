"""Question types as plug-ins: one module per type, registered by name (see registry.py).

Importing this package registers every shipped type. `matching` is registered before `ordering`:
both read GIFT's `=left -> right` answers, and the first registered is GIFT import's default.
`hotspot` and `scenario` (practice on a simulated phone screen) have no GIFT or Moodle shape.
"""

from __future__ import annotations

from . import choice, hotspot, matching, ordering, scenario, short_text, true_false  # noqa: F401  (registers the types)
from .registry import QuestionType, get, names, register

__all__ = ["QuestionType", "get", "names", "register"]
