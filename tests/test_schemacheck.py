"""schemacheck.surely_valid: the quick "valid" that lets a build skip jsonschema (issue 21).

It may say False for a valid document (jsonschema then runs), never True for one jsonschema rejects.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml

from generator import schema
from generator.schemacheck import surely_valid

ROOT = Path(__file__).resolve().parent.parent
QUIZZES = sorted((ROOT / "quizzes").rglob("*.yml")) + sorted((ROOT / "tests/fixtures").rglob("quizzes/**/*.yml"))
ODD = [None, True, False, 0, 1, 2.5, 3.0, "", "x", "multiple", [], ["a", "a"], {}, {"a": 1}, "A" * 300]


def _validators():
    top, common, types = schema._quiz_validators()
    return top, common, types


def _verdicts(doc) -> list[tuple[bool, bool]]:
    """(surely_valid, jsonschema finds no error) for the quiz and each question, as the build asks."""
    top, common, types = _validators()
    pairs = [(surely_valid(doc, top.schema), not list(top.iter_errors(doc)))]
    questions = doc.get("questions") if isinstance(doc, dict) else None
    for question in questions if isinstance(questions, list) else []:
        for checker in (common, *types.values()):
            pairs.append((surely_valid(question, checker.schema), not list(checker.iter_errors(question))))
    return pairs


def _mutated(doc, rng: random.Random):
    doc = copy.deepcopy(doc)
    node, parent = doc, None
    for _ in range(rng.randint(1, 4)):
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
        elif isinstance(node, list) and node:
            key = rng.randrange(len(node))
        else:
            break
        parent, node = (node, key), node[key]
    if parent:
        container, key = parent
        if rng.random() < 0.3 and isinstance(container, dict):
            del container[key]
        else:
            container[key] = copy.deepcopy(rng.choice(ODD))
    return doc


def test_the_courses_quizzes_are_surely_valid_so_the_build_skips_jsonschema():
    docs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in QUIZZES]
    assert docs
    for doc in docs:
        top, common, types = _validators()
        assert surely_valid(doc, top.schema)
        for question in doc["questions"]:
            assert surely_valid(question, common.schema)
            assert surely_valid(question, types[question["type"]].schema)


def test_never_valid_where_jsonschema_finds_an_error():
    rng = random.Random(21)
    docs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in QUIZZES]
    rejected = 0
    for _ in range(400):
        for quick, valid in _verdicts(_mutated(rng.choice(docs), rng)):
            assert valid or not quick
            rejected += not valid
    assert rejected > 100  # the mutations did reach jsonschema's errors


def test_lesson_front_matter_with_a_wrong_value_is_not_passed():
    checker = schema.validator("lesson")
    for doc in ({"title": ""}, {"title": 3}, {"title": "Bài", "level": "cao"}, {"title": "Bài", "bogus": 1}):
        if list(checker.iter_errors(doc)):
            assert not surely_valid(doc, checker.schema)
