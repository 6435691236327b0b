"""The site's search index, built once at build time and read by `theme/assets/hocvuso/search.js`.

Plain Python, independent of MkDocs: the plugin hands over each page's title, area and HTML, and
writes `files()`. Every file is a script calling `hvsSearchData(name, data)`, not JSON, because
`fetch` and XHR fail from `file://` while a `<script>` element loads anywhere; search.js inserts
the scripts it needs only when the learner searches. The index is split so that a query loads
little of it (docs-dev/search.md):

- `search-index.js` (the head): the result list's strings, the areas, the number of pages and the
  first key of every term shard (`w`, `p`);
- `search/w<n>.js` and `search/p<n>.js` (term shards): the sorted words, and the sorted pairs of
  adjacent words, cut into pieces of about `SHARD_BYTES`; a query loads the pieces holding its
  words and pairs;
- `search/d<n>.js` (one per page): its address, title, area and plain text, for the results shown
  (their title and a snippet around the match).

A term is a word or two adjacent words ("chuyển tiền"), lower case WITH its diacritics, so that
search.js can rank an exact spelling and a phrase above a folded match and scattered words. Terms
are sorted by their folded form (`textfold.fold`: "chuyen tien"), which is what a query looks up.
Each shard entry is `term|title|lead|body`: the term, then three posting lists, one per field where
it was found, strongest first: the title, the lead (summary, objectives, headings), the body. A
page is listed only under the strongest field it has the term in. A list is written whichever way
is shorter: the page numbers in increasing order, each as the gap from the previous one in base
36, separated by `.` (`3.2.z` is 3, 5, 40); or, for terms found on many pages, `~` and a bitmap,
six pages per character of `BITMAP_DIGITS` (page d is bit d % 6 of character d // 6).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from html import unescape

from . import htmlscan, incremental, textfold

SEARCH_ASSET = "assets/hocvuso/search-index.js"  # the head; the shards are in SHARD_FOLDER
SHARD_FOLDER = "assets/hocvuso/search/"
CALLBACK = "hvsSearchData"
GLOBAL_NAME = "HVS_SEARCH"  # search.js keeps the head here once loaded (tests wait for it)
FORMAT_VERSION = 2
SHARD_BYTES = 12_000  # a term shard's size, roughly: a query's two or three shards stay small
MAX_TEXT = 6_000  # characters of a page's text kept for snippets (a very long page: its beginning)

TITLE, LEAD, BODY = 0, 1, 2
# A word: digits and Latin letters with their Vietnamese diacritics (search.js uses the same class).
_WORD = re.compile("[0-9a-z\u00c0-\u024f\u1e00-\u1eff]+")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BITMAP_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def fold(text: str) -> str:
    """Lower case without diacritics: `Đăng nhập THANH TOÁN` -> `dang nhap thanh toan`."""
    return textfold.fold(text)


def words(text: str) -> list[str]:
    """The words of a text, in order, lower case with their diacritics: `Chuyển TIỀN!` -> chuyển, tiền."""
    # textfold.fold(text, keep_diacritics=True) but for its spaces, which no word holds
    return _WORD.findall(unicodedata.normalize("NFC", str(text)).lower())


def tokens(text: str) -> list[str]:
    """The folded words of a text, in order: `Chuyển TIỀN!` -> chuyen, tien."""
    return [textfold.fold(word) for word in words(text)]


def _base36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if not n:
            return out


_SMALL_BASE36 = [_base36(n) for n in range(36 * 36)]  # most gaps


def encode_postings(doc_ids: Iterable[int]) -> str:
    """Document numbers as base-36 gaps ([3, 5, 40] -> `3.2.z`) or as a bitmap, whichever is shorter."""
    mask = 0
    for doc in doc_ids:
        mask |= 1 << doc
    return _encode_mask(mask)


def _encode_mask(mask: int) -> str:
    """`encode_postings` of the documents whose bits are set in `mask`. The bitmap's length is known
    from the highest bit, and the list is at least two characters a document but the last: a term
    on many pages is written as a bitmap without listing its gaps (the index of 600 lessons was
    0.35 s of the build)."""
    if not mask:
        return ""
    bitmap_length = 2 + (mask.bit_length() - 1) // 6
    if bitmap_length < 2 * mask.bit_count() - 1:
        return _bitmap(mask)
    gaps, previous, rest = [], 0, mask
    while rest:
        low = rest & -rest
        doc = low.bit_length() - 1
        gap = doc - previous
        gaps.append(_SMALL_BASE36[gap] if gap < len(_SMALL_BASE36) else _base36(gap))
        previous = doc
        rest ^= low
    listed = ".".join(gaps)
    return _bitmap(mask) if bitmap_length < len(listed) else listed


def _bitmap(mask: int) -> str:
    """`~` and six documents per character: document d is bit d % 6 of character d // 6."""
    return "~" + "".join(BITMAP_DIGITS[mask >> shift & 63] for shift in range(0, mask.bit_length(), 6))


def decode_postings(text: str) -> list[int]:
    """The inverse of `encode_postings` (search.js does the same)."""
    if text.startswith("~"):
        return [i * 6 + bit for i, ch in enumerate(text[1:]) for bit in range(6) if BITMAP_DIGITS.index(ch) >> bit & 1]
    out, previous = [], 0
    for gap in filter(None, text.split(".")):
        previous += int(gap, 36)
        out.append(previous)
    return out


_SKIP = frozenset({"script", "style", "template", "select", "textarea", "svg"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _texts(html: str) -> tuple[list[str], list[str], list[str]]:
    """The visible text of an HTML fragment: (headings, body, both in reading order for snippets);
    scripts, styles and forms skipped, images by their `alt`."""
    headings: list[str] = []
    body: list[str] = []
    reading: list[str] = []
    skip = heading = 0
    for kind, tag, text in htmlscan.scan(html):
        if kind == htmlscan.DATA:
            if not skip:
                text = unescape(text) if "&" in text else text
                (headings if heading else body).append(text)
                reading.append(text)
        elif kind == htmlscan.START or kind == htmlscan.STARTEND:
            if tag in _SKIP:
                skip += kind == htmlscan.START
            elif tag in _HEADINGS:
                heading += kind == htmlscan.START
                reading.append("\n" if kind == htmlscan.START else "\n — ")  # `<h2/>`: opened and closed
            elif tag == "img" and not skip and (alt := htmlscan.attribute(text, "alt")):
                body.append(unescape(alt))
        elif kind == htmlscan.END:
            if tag in _SKIP and skip:
                skip -= 1
            elif tag in _HEADINGS and heading:
                heading -= 1
                reading.append(" — ")
    return headings, body, reading


def html_text(html: str) -> tuple[str, str]:
    """(headings, body text) of an HTML fragment, as plain text."""
    headings, body, _ = _texts(html)
    return " ".join(headings), " ".join(body)


def snippet_text(lead: Iterable[str], reading: str) -> str:
    """A page's text for snippets: its lead then its content, one space between words, at most
    MAX_TEXT characters (cut between words)."""
    text = " ".join(" ".join([*lead, reading]).split())  # str.split's spaces are re's \s: one pass, no regex
    if len(text) > MAX_TEXT:
        text = text[: text.rfind(" ", 0, MAX_TEXT) if " " in text[:MAX_TEXT] else MAX_TEXT]
    return unicodedata.normalize("NFC", text)


def _script(name: str, data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 are valid in JSON but ended a JS string literal before ES2019.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'{CALLBACK}("{name}",{text});\n'


def _sort_key(term: str) -> tuple[str, str]:
    return textfold.fold(term), term


@dataclass
class SearchIndex:
    """Pages added one by one while the site is built; `files()` at the end."""

    areas: list[str] = field(default_factory=list)
    docs: list[tuple[str, str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # term -> the documents that have it in their title, lead and body, each as the bits of one int:
    # 600 pages take ~80 bytes where a set of their numbers takes ~30 KB (the 600-lesson build's peak
    # memory rose by 40 MB with sets)
    _terms: dict[str, list[int]] = field(default_factory=dict)
    _fields: list[tuple] = field(default_factory=list)  # the live preview's pages' words, merged by `terms`

    def add_page(self, url: str, title: str, area: str, html: str, lead: Iterable[str] = ()) -> None:
        """Index a page: `url` relative to the site root, `html` its content (without the
        self-assessment, whose answers should not be found by search), `lead` the short texts that
        say what the page is about (summary, objectives)."""
        lead = [text for text in lead if text]
        if area not in self.areas:
            self.areas.append(area)
        doc = len(self.docs)
        self.docs.append((url, title, self.areas.index(area)))
        # The live preview reuses an unchanged page's text and words.
        lead = tuple(lead)
        text, fields = incremental.memo(("search", url), (title, lead, html), lambda: _fields(title, lead, html))
        self.texts.append(text)
        if incremental.active() is not None:  # the live preview merges the pages' words at the end
            self._fields.append(fields)
        else:
            _merge(self._terms, doc, fields)

    def terms(self) -> dict[str, list[int]]:
        """Term -> its documents (title, lead, body). The live preview takes the last build's and
        moves the documents whose words changed (the same object for an unchanged page)."""
        if self._fields:
            self._terms = incremental.carry(("search-terms",), self._patched)[1]
            self._fields = []
        return self._terms

    def _patched(self, last: tuple | None) -> tuple[list, dict[str, list[int]]]:
        fields = self._fields
        changed = [doc for doc, (a, b) in enumerate(zip(last[0], fields)) if a is not b] if last else []
        if not last or len(last[0]) != len(fields) or len(changed) > len(fields) // 4:
            terms: dict[str, list[int]] = {}
            for doc, found in enumerate(fields):
                _merge(terms, doc, found)
            return fields, terms
        terms = dict(last[1])  # the last build's, whose lists are copied before they change
        for doc in changed:
            _merge(terms, doc, last[0][doc], remove=True)
            _merge(terms, doc, fields[doc], shared=True)
        return fields, terms

    def entries(self, pairs: bool = False) -> list[str]:
        """Every word (or, with `pairs`, every pair of adjacent words) as `term|title|lead|body`,
        sorted by folded term, then as written."""
        out = []
        for term in sorted((t for t in self.terms() if (" " in t) == pairs), key=_sort_key):
            found = tuple(self._terms[term])
            # the live preview encodes again only the terms whose pages changed
            out.append(incremental.memo(("search-term", term), found, partial(_entry, term, *found)))
        return out

    def shards(self, pairs: bool = False) -> list[list[str]]:
        """The entries cut into pieces of about SHARD_BYTES. Words and pairs apart, so that the
        unfinished last word of a query ("tien" of "chuyen tien") loads the words that start with
        it, not every pair of words that starts with it."""
        pieces: list[list[str]] = [[]]
        size = 0
        for entry in self.entries(pairs):
            if size >= SHARD_BYTES:
                pieces.append([])
                size = 0
            pieces[-1].append(entry)
            size += len(entry.encode("utf-8")) + 3
        return pieces

    def data(self, messages: dict | None = None, shards: dict | None = None) -> dict:
        """The head: what search.js reads first."""
        shards = shards or {"w": self.shards(), "p": self.shards(pairs=True)}
        return {
            "v": FORMAT_VERSION,
            "msg": dict(messages or {}),
            "areas": self.areas,
            "n": len(self.docs),
            "w": _firsts(shards["w"]),
            "p": _firsts(shards["p"]),
        }

    def files(self, messages: dict | None = None) -> dict[str, str]:
        """Every file of the index: site path -> script. `messages` are the strings of the result
        list, which search.js needs only once the index is there."""
        shards = {"w": self.shards(), "p": self.shards(pairs=True)}
        out = {SEARCH_ASSET: _script("head", self.data(messages, shards))}
        for kind, pieces in shards.items():
            for n, piece in enumerate(pieces):
                out[f"{SHARD_FOLDER}{kind}{n}.js"] = _script(f"{kind}{n}", piece)
        for n, ((url, title, area), text) in enumerate(zip(self.docs, self.texts)):
            out[f"{SHARD_FOLDER}d{n}.js"] = _script(f"d{n}", [url, title, area, text])
        return out


def _merge(terms: dict[str, list[int]], doc: int, fields: tuple, *, remove: bool = False, shared: bool = False) -> None:
    """Add document `doc` to the terms of its `fields` (title, lead, body), or `remove` it (a term
    no document has any more goes). `shared`: the lists are another build's too, replace them."""
    bit = 1 << doc
    if not (remove or shared):  # a build's pages, one by one
        for strength, found in enumerate(fields):
            for term in found:
                entry = terms.get(term)
                if entry is None:
                    entry = terms[term] = [0, 0, 0]
                entry[strength] |= bit
        return
    for strength, found in enumerate(fields):
        for term in found:
            entry = terms.get(term)
            if entry is None:
                entry = terms[term] = [0, 0, 0]
            elif shared or remove:
                entry = terms[term] = list(entry)
            if not remove:
                entry[strength] |= bit
            elif entry[strength] & bit:
                entry[strength] ^= bit
                if not any(entry):
                    del terms[term]


def _entry(term: str, title: int, lead: int, body: int) -> str:
    lead, body = lead & ~title, body & ~(title | lead)
    return "|".join([term, _encode_mask(title), _encode_mask(lead), _encode_mask(body)]).rstrip("|")


def _firsts(shards: list[list[str]]) -> list[str]:
    """The first folded key of each shard: search.js loads shard i for keys from firsts[i] on."""
    return [textfold.fold(piece[0].split("|")[0]) if piece else "" for piece in shards]


def version(files: dict[str, str]) -> str:
    """A short hash of the index's files, appended to their URLs so a new build is never read from
    a stale cache."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path}\0{files[path]}\0".encode())
    return digest.hexdigest()[:10]


def _fields(title: str, lead: Iterable[str], html: str) -> tuple[str, tuple[frozenset[str], ...]]:
    """A page's text kept for snippets and, per field (title, lead, body), its words and pairs of
    adjacent words."""
    headings, body, reading = _texts(html)
    fields = []
    for text in (title, " ".join([*lead, *headings]), " ".join(body)):
        found = words(text)
        fields.append(frozenset([*found, *map(" ".join, zip(found, found[1:]))]))
    return snippet_text(lead, "".join(reading)), tuple(fields)
