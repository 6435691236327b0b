"""The results code (issue 19): a learner's results as a short text that a QR code carries, that
a teacher's roster reads and that moves progress to another phone or edition.

Format (version 2), documented in docs-dev/self-assessment.md; the browser's twin is
`theme/assets/hocvuso/results-code.js`, and tests/test_results_code.py checks both on shared vectors.

Bytes, then Crockford base32 (`0-9 A-Z` without `I L O U`, 5 bits a character):

    version (1 byte, 2) | course (3 bytes: FNV-1a of the course id) | edition (2 bytes: FNV-1a of
    the lessons and competencies, in course order) | day (2 bytes: days since 2020-01-01) |
    name (1 byte length n <= 48, n bytes UTF-8) | lessons passed (a set, below) |
    scores (per competency, course order, the questions answered right: below) |
    checksum (3 bytes: FNV-1a of every byte before it)

A set of lesson indexes is either a bitmap (byte 0, then ceil(N/8) bytes) or a list (byte 1,
varint count, varint gaps), whichever is shorter: a beginner's code stays short in a large course.
The scores likewise: byte 0, varint count, one varint per competency; or byte 1, varint count,
varint number of non-zero scores, then (varint gap, varint score) for each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

VERSION = 2
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
EPOCH = dt.date(2020, 1, 1)
MAX_NAME = 48  # bytes of UTF-8


class CodeError(ValueError):
    """`kind`: 'format' (not a results code), 'checksum' (mistyped), 'course' (another course),
    'edition' (another version of this course)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass
class Results:
    name: str
    day: dt.date
    done: list[str]  # lesson source paths, course order
    scores: dict[str, int]  # competency code -> questions answered right
    extra: dict = field(default_factory=dict)


def fnv(data: bytes) -> int:
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def structure(course_data: dict) -> tuple[list[str], list[str]]:
    """The lessons with a self-assessment (area order) and the competencies, as `course.js` has them."""
    pages = [page for area in course_data["areas"] for page in area["lessons"]]
    return pages, [c["code"] for c in course_data["competencies"]]


def edition(course_data: dict) -> int:
    pages, codes = structure(course_data)
    return fnv(("\n".join(pages) + "|" + "\n".join(codes)).encode("utf-8")) & 0xFFFF


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def _set(indexes: list[int], size: int) -> bytes:
    bitmap = bytearray((size + 7) // 8)
    for i in indexes:
        bitmap[i // 8] |= 0x80 >> (i % 8)
    listed, last = bytearray(_varint(len(indexes))), -1
    for i in sorted(indexes):
        listed += _varint(i - last - 1)
        last = i
    return b"\x00" + bytes(bitmap) if len(bitmap) < len(listed) else b"\x01" + bytes(listed)


def _scores(values: list[int]) -> bytes:
    dense = _varint(len(values)) + b"".join(_varint(n) for n in values)
    given = [(i, n) for i, n in enumerate(values) if n]
    sparse, last = bytearray(_varint(len(values)) + _varint(len(given))), -1
    for i, n in given:
        sparse += _varint(i - last - 1) + _varint(n)
        last = i
    return b"\x00" + dense if len(dense) <= len(sparse) else b"\x01" + bytes(sparse)


def _name_bytes(name: str) -> bytes:
    data = " ".join(name.split()).encode("utf-8")[:MAX_NAME]
    return data.decode("utf-8", "ignore").encode("utf-8")  # not a character cut in half


def to_base32(data: bytes) -> str:
    bits = "".join(f"{b:08b}" for b in data)
    bits += "0" * (-len(bits) % 5)
    return "".join(ALPHABET[int(bits[i : i + 5], 2)] for i in range(0, len(bits), 5))


def from_base32(text: str) -> bytes:
    bits = "".join(f"{ALPHABET.index(c):05b}" for c in text)
    if len(bits) % 8 >= 5 or "1" in bits[len(bits) - len(bits) % 8 :]:
        raise CodeError("checksum")  # a character too many or too few
    return bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits) - len(bits) % 8, 8))


def encode(course_id: str, course_data: dict, results: Results) -> str:
    """The code, without separators (what the QR code carries)."""
    pages, codes = structure(course_data)
    done = {page for page in results.done}
    out = bytearray([VERSION])
    out += (fnv(course_id.encode("utf-8")) & 0xFFFFFF).to_bytes(3, "big")
    out += edition(course_data).to_bytes(2, "big")
    out += max(0, min(0xFFFF, (results.day - EPOCH).days)).to_bytes(2, "big")
    name = _name_bytes(results.name)
    out += bytes([len(name)]) + name
    out += _set([i for i, page in enumerate(pages) if page in done], len(pages))
    out += _scores([results.scores.get(code, 0) for code in codes])
    out += (fnv(bytes(out)) & 0xFFFFFF).to_bytes(3, "big")
    return to_base32(bytes(out))


def grouped(code: str) -> str:
    """The code as a learner reads it out or types it: groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(text: str) -> str:
    """What the learner typed, as code characters: case, separators and look-alikes forgiven."""
    text = text.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    return "".join(c for c in text if c.isalnum())


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise CodeError("format")
        self.at += n
        return self.data[self.at - n : self.at]

    def varint(self) -> int:
        n = shift = 0
        while True:
            b = self.take(1)[0]
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80 or shift > 28:
                return n


def decode(text: str, course_id: str, course_data: dict) -> Results:
    """The results in a code, or CodeError. The checksum is checked first: a typo is a typo, even
    when it lands in the course's bytes."""
    code = normalise(text)
    if not code or any(c not in ALPHABET for c in code):
        raise CodeError("format")
    data = from_base32(code)
    if len(data) < 12:
        raise CodeError("format")
    if fnv(data[:-3]) & 0xFFFFFF != int.from_bytes(data[-3:], "big"):
        raise CodeError("checksum")
    r = _Reader(data[:-3])
    if r.take(1)[0] != VERSION:
        raise CodeError("format")
    if int.from_bytes(r.take(3), "big") != fnv(course_id.encode("utf-8")) & 0xFFFFFF:
        raise CodeError("course")
    if int.from_bytes(r.take(2), "big") != edition(course_data):
        raise CodeError("edition")
    pages, codes = structure(course_data)
    day = EPOCH + dt.timedelta(days=int.from_bytes(r.take(2), "big"))
    name = r.take(r.take(1)[0]).decode("utf-8", "replace")
    if r.take(1)[0] == 0:
        bitmap = r.take((len(pages) + 7) // 8)
        indexes = [i for i in range(len(pages)) if bitmap[i // 8] & (0x80 >> (i % 8))]
    else:
        indexes, last = [], -1
        for _ in range(r.varint()):
            last += r.varint() + 1
            indexes.append(last)
    sparse = r.take(1)[0]
    if any(i >= len(pages) for i in indexes) or r.varint() != len(codes):
        raise CodeError("format")
    if sparse:
        scores, last = dict.fromkeys(codes, 0), -1
        for _ in range(r.varint()):
            last += r.varint() + 1
            if last >= len(codes):
                raise CodeError("format")
            scores[codes[last]] = r.varint()
    else:
        scores = {code: r.varint() for code in codes}
    return Results(name, day, [pages[i] for i in indexes], scores)


def question_totals(course_data: dict) -> dict[str, int]:
    """Questions per competency: a score's denominator."""
    totals: dict[str, int] = {}
    for lesson in course_data["lessons"].values():
        for _qid, _version, code in lesson["questions"]:
            totals[code] = totals.get(code, 0) + 1
    return totals
