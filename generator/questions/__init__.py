"""Question types as plug-ins: one module per type, registered by name (see registry.py).

Importing this package registers every shipped type. `matching` is registered before `ordering`:
both read GIFT's `=left -> right` answers, and the first registered is GIFT import's default.
"""

from __future__ import annotations

from . import choice, matching, ordering, short_text, true_false  # noqa: F401  (registers the types)
from .registry import QuestionType, get, names, register

__all__ = ["QuestionType", "get", "names", "register"]
