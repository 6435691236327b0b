"""Vietnamese text folding, in one place: what two spellings of the same words share.

Used by search (index words), answer matching (short_text), the glossary (slugs), page and course
ids, new-lesson slugs and import. The browser's counterpart is `fold` in
`theme/assets/hocvuso/fold.js`; tests/test_textfold.py checks that both fold a shared list of
tricky strings identically.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile("[\u0300-\u036f]+")  # combining diacritics (Vietnamese tones and vowel marks)
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Punctuation a learner may type around an answer ("OTP.", "tingia.gov.vn/"), not inside it.
_EDGE_PUNCTUATION = re.compile(r"^[\s\"'“”‘’«».,;:!?¿¡…()\[\]{}/\\-]+|[\s\"'“”‘’«».,;:!?¿¡…()\[\]{}/\\-]+$")


def strip_marks(text: str) -> str:
    """Without diacritics, `đ` as `d`, case kept, composed: `Đăng Nhập` -> `Dang Nhap`."""
    text = _MARKS.sub("", unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")))
    return unicodedata.normalize("NFC", text)


def fold(text: str, keep_diacritics: bool = False) -> str:
    """Lower case, one space between words, no diacritics (unless kept): `  Đăng  NHẬP ` -> `dang nhap`."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text)).strip()).lower()
    return text if keep_diacritics else strip_marks(text)


def answer_key(text: str, keep_diacritics: bool = False) -> str:
    """How a typed answer is compared: folded, without punctuation around it."""
    return fold(_EDGE_PUNCTUATION.sub("", unicodedata.normalize("NFC", str(text))), keep_diacritics)


def slug(text: str, fallback: str = "") -> str:
    """ASCII words joined by hyphens: `Đặt mật khẩu mạnh!` -> `dat-mat-khau-manh`."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-") or fallback


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(text: str) -> tuple:
    """Vietnamese dictionary order: letters first (a ă â b … đ …), then tones."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONES[m] for m in parts if m in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        letters.append((_ALPHABET.index(base) if base in _ALPHABET else 100 + ord(base[0]), base))
        tones.append(tone)
    return tuple(letters), tuple(tones)
