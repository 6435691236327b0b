"""The site's search index, built once at build time and read by `theme/assets/hocvuso/search.js`.

Plain Python, independent of MkDocs: the plugin hands over each page's title, area and HTML, and
writes `script()` to `SEARCH_ASSET`. The index is a script assigning a global (`HVS_SEARCH`), not
JSON, because `fetch` and XHR fail from `file://` while a `<script>` element loads anywhere; the
browser script inserts it only when the learner starts searching.

Words are folded here, once: Unicode NFD, combining marks dropped, `đ` to `d`, lower case, so
"THANH TOÁN", "thanh toán" and "thanh toan" are the same two tokens. The browser folds the query the
same way (`fold()` in search.js must stay in step with `fold()` below) and compares tokens.

Data shape (version 1), chosen to stay small with hundreds of lessons:

    {"v": 1,
     "msg": {"none": "Không tìm thấy …", ...},                        # the result list's strings
     "areas": ["An toàn", ...],
     "docs": [["4-an-toan/02-otp.html", "Mật khẩu và mã OTP", 3], ...],   # url, title, area index
     "terms": {"otp": "1a.3|.2c|5", ...}}

Each term maps to three posting lists separated by `|`, one per field where the word was found,
strongest first: the title, the lead (summary, objectives, headings), the body. A document is
listed only under the strongest field it has the word in. A list is written whichever way is
shorter: the document numbers in increasing order, each as the gap from the previous one in base
36, separated by `.` (`3.2.z` is 3, 5, 40); or, for words found on many pages, `~` and a bitmap,
six documents per character of `BITMAP_DIGITS` (document d is bit d % 6 of character d // 6).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from . import incremental, textfold

SEARCH_ASSET = "assets/hocvuso/search-index.js"
GLOBAL_NAME = "HVS_SEARCH"
FORMAT_VERSION = 1

TITLE, LEAD, BODY = 0, 1, 2
_TOKEN = re.compile(r"[a-z0-9]+")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BITMAP_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


_MARKS = re.compile("[\u0300-\u036f]+")  # the combining diacritics, as search.js removes them


def fold(text: str) -> str:
    """Lower case without diacritics: `Đăng nhập THANH TOÁN` -> `dang nhap thanh toan`."""
    return textfold.fold(text)


def tokens(text: str) -> list[str]:
    """The folded words of a text, in order: letters and digits only."""
    return _TOKEN.findall(fold(text))


def _base36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if not n:
            return out


def encode_postings(doc_ids: Iterable[int]) -> str:
    """Document numbers as base-36 gaps ([3, 5, 40] -> `3.2.z`) or as a bitmap, whichever is shorter."""
    ids = sorted(doc_ids)
    gaps, previous = [], 0
    for doc in ids:
        gaps.append(_base36(doc - previous))
        previous = doc
    listed = ".".join(gaps)
    if not ids:
        return listed
    groups = [0] * (ids[-1] // 6 + 1)
    for doc in ids:
        groups[doc // 6] |= 1 << (doc % 6)
    bitmap = "~" + "".join(BITMAP_DIGITS[g] for g in groups)
    return bitmap if len(bitmap) < len(listed) else listed


def decode_postings(text: str) -> list[int]:
    """The inverse of `encode_postings` (search.js does the same)."""
    if text.startswith("~"):
        return [i * 6 + bit for i, ch in enumerate(text[1:]) for bit in range(6) if BITMAP_DIGITS.index(ch) >> bit & 1]
    out, previous = [], 0
    for gap in filter(None, text.split(".")):
        previous += int(gap, 36)
        out.append(previous)
    return out


class _TextOf(HTMLParser):
    """The visible text of an HTML fragment, headings apart; scripts, styles and forms skipped."""

    SKIP = {"script", "style", "template", "select", "textarea", "svg"}
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.body: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._heading = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.HEADINGS:
            self._heading += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self._skip:
                self.body.append(alt)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.HEADINGS and self._heading:
            self._heading -= 1

    def handle_data(self, data):
        if not self._skip:
            (self.headings if self._heading else self.body).append(data)


def html_text(html: str) -> tuple[str, str]:
    """(headings, body text) of an HTML fragment, as plain text."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return " ".join(parser.headings), " ".join(parser.body)


@dataclass
class SearchIndex:
    """Pages added one by one while the site is built; `data()` or `script()` at the end."""

    areas: list[str] = field(default_factory=list)
    docs: list[tuple[str, str, int]] = field(default_factory=list)
    _terms: dict[str, tuple[set, set, set]] = field(default_factory=dict)

    def add_page(self, url: str, title: str, area: str, html: str, lead: Iterable[str] = ()) -> None:
        """Index a page: `url` relative to the site root, `html` its content (without the
        self-assessment, whose answers should not be found by search), `lead` the short texts that
        say what the page is about (summary, objectives)."""
        if area not in self.areas:
            self.areas.append(area)
        doc = len(self.docs)
        self.docs.append((url, title, self.areas.index(area)))
        # The live preview reuses an unchanged page's words.
        lead = tuple(lead)
        fields = incremental.memo(("search", url), (title, lead, html), lambda: _fields(title, lead, html))
        for strength, words in enumerate(fields):
            for word in words:
                self._terms.setdefault(word, (set(), set(), set()))[strength].add(doc)

    def data(self, messages: dict | None = None) -> dict:
        terms = {}
        for word in sorted(self._terms):
            title, lead, body = self._terms[word]
            lead, body = lead - title, body - title - lead
            terms[word] = "|".join(encode_postings(ids) for ids in (title, lead, body)).rstrip("|")
        return {
            "v": FORMAT_VERSION,
            "msg": dict(messages or {}),
            "areas": self.areas,
            "docs": [list(doc) for doc in self.docs],
            "terms": terms,
        }

    def script(self, messages: dict | None = None) -> str:
        """The index as a script; `messages` are the strings of the result list, which search.js
        needs only once the index is there."""
        text = json.dumps(self.data(messages), ensure_ascii=False, separators=(",", ":"))
        # U+2028/2029 are valid in JSON but ended a JS string literal before ES2019.
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return f"var {GLOBAL_NAME}={text};\n"


def _fields(title: str, lead: Iterable[str], html: str) -> tuple[list[str], list[str], list[str]]:
    headings, body = html_text(html)
    return tokens(title), tokens(" ".join([*lead, headings])), tokens(body)


def version(script: str) -> str:
    """A short content hash, appended to the index's URL so a new build is never read from a stale cache."""
    return hashlib.sha256(script.encode("utf-8")).hexdigest()[:10]
