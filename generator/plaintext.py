"""A lesson's prose as plain text blocks with their source lines, for checks that read like a learner.

The checks in `hocvuso check` (jargon missing from the glossary, sentences too long for beginners)
need the words a learner reads and the line a teacher must edit. Rendered HTML has lost the lines,
so this reads the Markdown source directly: one block per paragraph, list item, heading, admonition
title or table cell; code, link targets, image descriptions and HTML tags are left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Block:
    """A piece of prose: `text` on one line, with the source line of each of its parts."""

    kind: str  # "heading", "paragraph", "item", "title", "cell"
    text: str = ""
    cites: bool = False  # the block gives a web address: a reference, not prose to simplify
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, source line)

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, source_line in self.starts:
            if start > offset:
                break
            line = source_line
        return line

    def add(self, markdown: str, line: int) -> None:
        self.cites = self.cites or bool(_ADDRESS.search(markdown))
        text = inline_text(markdown).strip()
        if not text:
            return
        if self.text:
            self.text += " "
        self.starts.append((len(self.text), line))
        self.text += text


_ADDRESS = re.compile(r"https?://|<mailto:")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")  # closing #s are stripped by `_heading_text`
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"(.*)")?\s*$')
_TABLE_RULE = re.compile(r"^\s*(?:\|\s*)?:?-{3,}")
# Each pattern is linear in the length of a line: a bracket or a "<" never scans past the next one
# of its kind, so a long run of `[` or `<` cannot make every start position read to the line's end
# (which made `hocvuso check` quadratic: 25 s on a 40 KB line).
_PARENS = r"\((?:[^()]|\([^()]*\))*\)"  # (address), which may hold one pair of parentheses
_INLINE = [
    (re.compile(r"!\[[^\[\]]*\]" + _PARENS), ""),  # images: their description is not prose
    (re.compile(r"\[([^\[\]]*)\]" + _PARENS), r"\1"),  # links: keep the words, drop the address
    (re.compile(r"<(?:https?://|mailto:)[^<>]*>"), ""),  # autolinks
    (re.compile(r"https?://\S+"), ""),
    (re.compile(r"`[^`]*`"), ""),  # code
    (re.compile(r"<[^<>]+>"), ""),  # HTML tags
    (re.compile(r"\{:?\s*[.#][^{}]*\}"), ""),  # attr_list
    (re.compile(r"(\*\*|__|\*|~~)"), ""),
    (re.compile(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)"), ""),
]


def inline_text(markdown: str) -> str:
    """The words of one line of Markdown, without its markup."""
    text = markdown
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return unicodedata.normalize("NFC", text)


def _heading_text(text: str) -> str:
    """A heading without its optional closing #s (`## Bước 1 ##`), without a regex that backtracks."""
    return text.rstrip().rstrip("#").rstrip()


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """The prose blocks of a lesson's Markdown body; `first_line` is the file line of its first line."""
    found: list[Block] = []
    current: Block | None = None
    fence = None
    for number, raw in enumerate(body.splitlines(), start=first_line):
        if fence:
            if raw.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(raw)
        if opened:
            fence, current = opened.group(1), None
            continue
        if not raw.strip():
            current = None
            continue
        heading, item, admonition = _HEADING.match(raw), _ITEM.match(raw), _ADMONITION.match(raw)
        if heading or admonition:
            block = Block("heading" if heading else "title")
            block.add(_heading_text(heading.group(1)) if heading else (admonition.group(1) or ""), number)
            found.append(block)
            current = None
            continue
        if raw.lstrip().startswith("|"):
            if not _TABLE_RULE.match(raw):
                for cell in raw.strip().strip("|").split("|"):
                    block = Block("cell")
                    block.add(cell, number)
                    found.append(block)
            current = None
            continue
        if item:
            current = Block("item")
            found.append(current)
            current.add(item.group(1), number)
            continue
        if current is None:
            current = Block("paragraph")
            found.append(current)
        current.add(raw, number)
    return [b for b in found if b.text]


# A sentence ends at . ! ? … (with any closing quote or bracket) followed by a space or the end.
# Only the first mark of a run starts a match, so a run of "!!!!" is read once, not once per mark.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*(?=\s|$)")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a block."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        piece = text[start : end.end()]
        if piece.strip():
            found.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = end.end()
    rest = text[start:]
    if rest.strip():
        found.append((start + len(rest) - len(rest.lstrip()), rest.strip()))
    return found


_LETTER = re.compile(r"\w")


def word_count(sentence: str) -> int:
    """Words as a reader counts them: space-separated, each with at least one letter or digit.

    Vietnamese writes one syllable per space-separated word (`điện thoại` counts as two), which is
    also what makes a sentence long to read aloud or on a small screen.
    """
    return sum(1 for word in sentence.split() if _LETTER.search(word))
