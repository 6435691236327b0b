"""The course glossary: plain explanations of the words learners stumble on (`glossary.yml`).

A glossary file lists `terms` (a term, other names for it, a short explanation) and optionally
`jargon`, words known to need explaining. This module

- loads and validates the file, reporting each mistake as a located Problem, like the rest of the
  course (`load_glossary`);
- marks the first use of each term in a lesson's HTML and adds a footnote-style list of the
  explanations at the end, so a term reads well without JavaScript (`mark_lesson`); the theme's
  reader script turns each marked term into a button that shows its explanation in place;
- finds the prose of each lesson (`lesson_blocks`) for the glossary page (glossary_page.py) and for
  check's reading-comfort warnings (glossary_check.py).

Matching rules: case does not matter, except for forms written in capitals only (AI, OTP, QR),
which match exactly so that "AI" never matches the Vietnamese word "ai"; a match never starts or
ends inside a word (Vietnamese letters with their diacritics count as letters, so "AI" does not
match in "tại"); hyphens and spaces inside a term may vary ("Wi-Fi", "Wi‑Fi", "WiFi"); the
longest form wins ("tài khoản định danh điện tử" before "tài khoản").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from . import htmlscan, plaintext, safefile, schema, textfold
from .errors import Problem
from .messages import msg, ui
from .sources import Project, split_front_matter
from .termmatch import Matcher, key
from .yamlread import YamlSyntaxError, read_yaml

if TYPE_CHECKING:
    from .model import Lesson

GLOSSARY_PAGE = "tu-dien.md"
# Levels whose lessons should keep to short sentences, and how short.
SHORT_SENTENCE_LEVELS = ("CB1", "CB2")
MAX_SENTENCE_WORDS = 25


@dataclass
class Term:
    term: str
    explanation: str
    aliases: list[str] = field(default_factory=list)
    line: int = 0

    @functools.cached_property
    def id(self) -> str:
        """A stable id for anchors: `mã QR` -> `ma-qr` (asked for each mark: made once)."""
        return slug(self.term)

    @property
    def forms(self) -> list[str]:
        return [self.term] + self.aliases


@dataclass
class Glossary:
    source: str  # path relative to the project root
    terms: list[Term]
    jargon: list[str] = field(default_factory=list)
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher({form: term for term in self.terms for form in term.forms})
        return self._matcher

    def term(self, term_id: str) -> Term:
        return next(t for t in self.terms if t.id == term_id)


# --- text matching: termmatch.py --------------------------------------------------------------


def slug(text: str) -> str:
    return textfold.slug(text, fallback="tu")


# --- loading -----------------------------------------------------------------------------------


def load_glossary(project: Project, problems: list[Problem]) -> Glossary | None:
    """The project's glossary, or None when it has none or it is broken (problems say why)."""
    if not project.glossary:
        return None
    path = project.root / project.glossary
    file = project.rel(path)
    if not path.is_file():
        return None  # a course may have no glossary; `check` then has no jargon list either
    try:
        text = safefile.read_text(path, file, safefile.MAX_GLOSSARY_BYTES)
    except safefile.Refused as refused:
        problems.append(refused.problem)
        return None
    try:
        doc, duplicates = read_yaml(text, file)
    except YamlSyntaxError as exc:
        problems.append(exc.problem)
        return None
    found = [Problem(file, line, msg("duplicate_key", key=k)) for _, line, k in duplicates]
    if not isinstance(doc.data, dict):
        problems.append(Problem(file, 1, msg("glossary_not_mapping")))
        return None
    found += schema.check(doc, "glossary", file)
    if found:
        problems += found
        return None
    terms = [
        Term(
            term=t["term"].strip(),
            explanation=t["explanation"].strip(),
            aliases=[a.strip() for a in t.get("aliases") or []],
            line=doc.line(("terms", i)),
        )
        for i, t in enumerate(doc.data["terms"])
    ]
    seen_forms: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for i, term in enumerate(terms):
        where = schema.where(("terms", i, ""))
        other = seen_ids.get(term.id)
        if other is not None and key(other) != key(term.term):
            problems.append(Problem(file, term.line, msg("glossary_same_id", where=where, term=term.term, other=other)))
        seen_ids.setdefault(term.id, term.term)
        for j, form in enumerate(term.forms):
            line = doc.line(("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1))
            if form_key := key(form):
                if form_key in seen_forms:
                    problems.append(
                        Problem(
                            file, line, msg("glossary_duplicate", where=where, form=form, other=seen_forms[form_key])
                        )
                    )
                seen_forms.setdefault(form_key, term.term)
    if any(p.path == file for p in problems):
        return None
    return Glossary(source=file, terms=terms, jargon=[j.strip() for j in doc.data.get("jargon") or []])


# --- marking lesson HTML -----------------------------------------------------------------------

# Never mark inside these: headings and the lesson header, links and buttons, code, form controls.
_SKIP = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "a",
        "button",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "summary",
        "label",
        "select",
        "option",
        "textarea",
        "abbr",
        "dfn",
        "sup",
        "sub",
        "svg",
        "math",
        "nav",
        "figure",
    }
)
_SKIP_CLASSES = frozenset({"admonition-title", "hvs-quiz", "hvs-glossary-notes", "hvs-meta"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


# A character or entity reference in text: the marking does not look across it (`Chuyển&nbsp;tiền`).
_REFERENCE = re.compile(r"(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);)")


def mark_terms(html: str, glossary: Glossary) -> tuple[str, list[Term]]:
    """The HTML with the first use of each term marked, and the terms marked, in order of use: a
    copy of it except for the first use of each term in ordinary text."""
    out: list[str] = []
    used: list[Term] = []
    stack: list[bool] = []  # for each open element: does it forbid marking?
    skipping = 0  # how many of them do
    for kind, tag, text in htmlscan.scan(html):
        if kind == htmlscan.DATA:
            if skipping or text.isspace():  # the line breaks between blocks: a third of the pieces
                out.append(text)
            elif "&" in text:
                out.extend(
                    piece if n % 2 else _mark(piece, glossary, used) for n, piece in enumerate(_REFERENCE.split(text))
                )
            else:
                out.append(_mark(text, glossary, used))
        elif kind == htmlscan.START:
            out.append(text)
            if tag not in _VOID:
                forbids = tag in _SKIP or bool(
                    _SKIP_CLASSES.intersection((htmlscan.attribute(text, "class") or "").split())
                )
                stack.append(forbids)
                skipping += forbids
        elif kind == htmlscan.END:
            out.append(f"</{tag}>")
            if tag not in _VOID and stack:
                skipping -= stack.pop()
        else:
            out.append(text)
    return "".join(out), used


def _mark(data: str, glossary: Glossary, used: list[Term]) -> str:
    text = unicodedata.normalize("NFC", data)
    pieces, last = [], 0
    for start, end, term in glossary.matcher.finditer(text):
        if term in used:
            continue
        used.append(term)
        pieces.append(text[last:start])
        pieces.append(
            f'<a class="hvs-term" href="#hvs-gl-{term.id}" id="hvs-term-{term.id}" '
            f'data-hvs-term="{term.id}">{text[start:end]}</a>'
        )
        last = end
    pieces.append(text[last:])
    return "".join(pieces) if last else data


def render_notes(terms: list[Term], glossary_link: str | None) -> str:
    """'Giải thích từ ngữ': the explanations of the marked terms, each linked back to its use."""
    if not terms:
        return ""
    items = "".join(
        f'<div class="hvs-gl-item" id="hvs-gl-{t.id}"><dt>{escape(t.term)}</dt>'
        f'<dd><span class="hvs-gl-text">{escape(t.explanation)}</span> '
        f'<a class="hvs-gl-back" href="#hvs-term-{t.id}">{ui("glossary.back")}</a></dd></div>'
        for t in terms
    )
    more = (
        f'<p class="hvs-gl-more"><a href="{escape(glossary_link)}">{ui("glossary.see_all")}</a></p>'
        if glossary_link
        else ""
    )
    # Folded: on a phone the list is a screen or two between the lesson and its quiz (issue 14).
    return (
        f'<section class="hvs-glossary-notes" aria-labelledby="hvs-gl-title"><details class="hvs-fold">'
        f'<summary><h2 id="hvs-gl-title">{ui("glossary.notes_title")}</h2></summary>'
        f"<dl>{items}</dl>{more}</details></section>"
    )


def mark_lesson(glossary: Glossary | None, html: str, glossary_link: str | None = None) -> str:
    """A lesson's HTML with its terms marked and their explanations listed at the end."""
    if glossary is None:
        return html
    marked, used = mark_terms(html, glossary)
    return marked + render_notes(used, glossary_link)


# --- which lessons use which terms ---------------------------------------------------------------


def lesson_blocks(project: Project, lesson: Lesson) -> list[plaintext.Block]:
    """The prose a learner reads in a lesson: summary, objectives and body, with source lines."""
    try:
        text = safefile.read_text(project.root / lesson.source, lesson.source, safefile.MAX_LESSON_BYTES)
        front, body, first = split_front_matter(text)
    except (safefile.Refused, ValueError):
        return []
    found = []
    lines = (front or "").splitlines()
    for kind, value in [("summary", lesson.summary)] + [("item", o) for o in lesson.objectives]:
        if value:
            line = next((n for n, source in enumerate(lines, start=2) if value[:30] in source), 2)
            block = plaintext.Block(kind)
            block.add(value, line)
            found.append(block)
    return found + plaintext.blocks(body, first)
