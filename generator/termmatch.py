"""Finding a glossary's terms in text (glossary.py marks them in lessons, glossary_check.py and
glossary_page.py count them): case, hyphens and spaces as a teacher would expect, on Vietnamese
word boundaries, the longest form first. The rules are glossary.py's docstring's "Matching rules".
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_DASHES = "-\u2010\u2011\u2012\u2013"
_DASH_CLASS = r"\-\u2010\u2011\u2012\u2013"  # the same, inside a regex character class
# A term must not start or end next to a letter, a digit or a combining accent.
_BEFORE = r"(?<![^\W_])(?<![\u0300-\u036f])"
_AFTER = r"(?![^\W_])(?![\u0300-\u036f])"


def key(text: str, keep_case: bool = False) -> str:
    """What two spellings of one term share: no case, no spaces or hyphens, composed accents."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(rf"[\s{_DASH_CLASS}]+", "", text if keep_case else text.casefold())


def _exact_case(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _pieces(form: str) -> list[str]:
    parts = []
    for ch in unicodedata.normalize("NFC", form.strip()):
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in _DASHES:
            parts.append(rf"[{_DASH_CLASS}\s]?")
        else:
            parts.append(re.escape(ch))
    return parts


def _cased(body: str, form: str) -> str:
    return body if _exact_case(form) or not body else f"(?i:{body})"


def _pattern(form: str) -> str:
    return _cased("".join(_pieces(form)), form)


def _lead(form: str) -> tuple[str, str] | None:
    """The one character every match of `form` starts with, as (its pattern, the character); None
    if there is none (a form starting with a dash, which may be left out)."""
    first = unicodedata.normalize("NFC", form.strip())[:1]
    if not first or first.isspace() or first in _DASHES:
        return None
    if _exact_case(form):
        return re.escape(first), first
    # re compiles a letter matched regardless of case as its lower case: `(?i:T)` is `(?i:t)`
    lower = first.lower() if len(first.lower()) == 1 else first
    return f"(?i:{re.escape(lower)})", first


_CASES = (str, str.lower, str.upper, str.casefold, str.swapcase, str.title)


def _alternatives(ordered: list[str]) -> str:
    """The forms' patterns, in `ordered` order, those starting with the same character joined behind
    it: `t(?:ài…|hông…)`. Python's re tries every alternative at every word start; this way only those
    whose first character is there (the glossary's marking took 0.5 s of a 600-lesson build).

    Forms whose leads may match one character (`(?i:a)` and `A`) keep their order among themselves,
    so the first form to match at a place is the one the plain list of alternatives finds. Python's
    re matches two letters regardless of case when their lower cases are equal or listed together
    in its table of special cases, so such a pair always shares a probe: a first letter in one of
    its cases."""
    leads = [_lead(form) for form in ordered]
    probes = {x for lead in leads if lead for case in _CASES if len(x := case(lead[1])) == 1}
    matched = {lead[0]: {x for x in probes if re.fullmatch(lead[0], x)} for lead in leads if lead}
    parent = {pattern: pattern for pattern in matched}  # leads that may match one character: one group

    def root(pattern: str) -> str:
        while parent[pattern] != pattern:
            pattern = parent[pattern]
        return pattern

    for a, b in itertools.combinations(sorted(matched), 2):
        if matched[a] & matched[b]:
            parent[root(a)] = root(b)
    groups: dict[str, list[int]] = {}
    for i, lead in enumerate(leads):  # a form that may start anywhere (None) keeps every form's place
        groups.setdefault("" if None in leads else root(lead[0]), []).append(i)
    out = []
    for members in groups.values():  # each run of forms with the same lead is written behind it
        for lead, run in itertools.groupby(members, key=lambda i: leads[i] and leads[i][0]):
            forms = [ordered[i] for i in run]
            if lead is None:
                out.extend(map(_pattern, forms))
            else:
                out.append(f"{lead}(?:{'|'.join(_cased(''.join(_pieces(form)[1:]), form) for form in forms)})")
    return "|".join(out)


class Matcher:
    """Finds the forms of a set of items in text, longest first, on Vietnamese word boundaries."""

    def __init__(self, forms: dict[str, object]):
        ordered = sorted(forms, key=lambda f: (-len(f), f))
        self._exact = {key(f, keep_case=True): forms[f] for f in forms if _exact_case(f)}
        self._loose = {key(f): forms[f] for f in forms if not _exact_case(f)}
        self._regex = re.compile(f"{_BEFORE}(?:{_alternatives(ordered) or r'(?!)'}){_AFTER}")

    def finditer(self, text: str):
        """(start, end, item) for each match in `text` (which should be NFC)."""
        for match in self._regex.finditer(text):
            found = match.group(0)
            item = self._exact.get(key(found, keep_case=True))
            if item is None:
                item = self._loose.get(key(found))
            if item is not None:
                yield match.start(), match.end(), item
