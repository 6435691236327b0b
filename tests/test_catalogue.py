"""The message catalogues: English (en.yml) and Vietnamese (vi.yml) have the same keys, the same kind of value
under each key and the same {placeholders} in each text, and every text the code formats is a valid format string."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml

LOCALES = Path(__file__).resolve().parent.parent / "generator" / "locales"
# Texts that are never passed to str.format: PyYAML's problems are looked up by their start and inserted
# as a value; the script's and the search results' strings are filled in by the browser.
NOT_PYTHON_FORMATTED = ("errors.yaml_problems.", "ui.script.", "ui.search.results.")


def load(language: str) -> dict:
    with open(LOCALES / f"{language}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def leaves(node, path: str = "") -> dict[str, object]:
    """{"errors.where.questions": "câu hỏi {n}", ...}; a mapping is walked, anything else is a leaf."""
    if not isinstance(node, dict):
        return {path: node}
    found = {}
    for key, value in node.items():
        found.update(leaves(value, f"{path}.{key}" if path else str(key)))
    return found


def placeholders(text: str) -> set[str]:
    """The names str.format fills in, `{{`/`}}` being literal braces; ValueError on a broken format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def differences(first: dict, second: dict, names=("en", "vi")) -> list[str]:
    """What differs between two catalogues, one line each (empty when they match)."""
    a, b = leaves(first), leaves(second)
    problems = [f"{key}: missing in {names[1]}" for key in a if key not in b]
    problems += [f"{key}: missing in {names[0]}" for key in b if key not in a]
    for key in a.keys() & b.keys():
        x, y = a[key], b[key]
        if isinstance(x, str) != isinstance(y, str):
            problems.append(
                f"{key}: a text in one catalogue but {type(x if isinstance(y, str) else y).__name__} in the other"
            )
        elif isinstance(x, str) and not key.startswith(NOT_PYTHON_FORMATTED):
            try:
                px, py = placeholders(x), placeholders(y)
            except ValueError as error:
                problems.append(f"{key}: not a valid format string ({error}); write a literal brace as {{{{ or }}}}")
                continue
            odd = sorted(p for p in px | py if not p.isidentifier())
            if odd:
                problems.append(f"{key}: {odd} would be read as placeholders; write a literal brace as {{{{ or }}}}")
            elif px != py:
                problems.append(f"{key}: placeholders {sorted(px)} in {names[0]} but {sorted(py)} in {names[1]}")
    return sorted(problems)


def test_english_and_vietnamese_catalogues_match():
    assert differences(load("en"), load("vi")) == []


def test_every_catalogue_text_formats_without_error():
    for language in ("en", "vi"):
        for key, text in leaves(load(language)).items():
            if isinstance(text, str) and not key.startswith(NOT_PYTHON_FORMATTED):
                text.format(**{name: "x" for name in placeholders(text)})


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ({"a": {"b": "x", "c": "y"}}, {"a": {"b": "x"}}, ["a.c: missing in vi"]),
        ({"a": "x"}, {"a": "x", "d": "y"}, ["d: missing in en"]),
        ({"a": "{n} lessons"}, {"a": "{count} bài"}, ["a: placeholders ['n'] in en but ['count'] in vi"]),
        ({"a": {"b": "x"}}, {"a": "x"}, ["a.b: missing in vi", "a: missing in en"]),
        ({"a": "x"}, {"a": 3}, ["a: a text in one catalogue but int in the other"]),
        (
            {"a": "`{` or `}`"},
            {"a": "`{` hoặc `}`"},
            ["a: ['` hoặc `', '` or `'] would be read as placeholders; write a literal brace as {{ or }}"],
        ),
        (
            {"a": "{x"},
            {"a": "{x}"},
            ["a: not a valid format string (expected '}' before end of string); write a literal brace as {{ or }}"],
        ),
        ({"ui": {"script": {"a": "{n}"}}}, {"ui": {"script": {"a": "{n}"}}}, []),
    ],
)
def test_differences_finds_each_kind_of_mismatch(first, second, expected):
    assert differences(first, second) == expected
