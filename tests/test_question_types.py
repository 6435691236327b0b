"""Question types are plug-ins: every type registered in Python is registered in the browser script
and described by the quiz schema, and each provides every part a type must provide."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator import exchange, questions
from generator.messages import ui
from generator.questions.registry import QuestionType

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "theme/assets/hocvuso/hocvuso.js"
SCHEMA = ROOT / "generator/schema/quiz.schema.json"


def script_types() -> list[str]:
    return re.findall(r"registerType\('([a-z_]+)'", SCRIPT.read_text(encoding="utf-8"))


def schema_types() -> tuple[list[str], list[str], list[str]]:
    """The schema's type enum, its per-type `$defs`, and the types its `if`/`then` branches pick."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    branches = [b["if"]["properties"]["type"]["const"] for b in defs["question"]["allOf"]]
    with_def = [name for name in defs if defs[name].get("properties", {}).get("type", {}).get("const") == name]
    return defs["question"]["properties"]["type"]["enum"], with_def, branches


def test_every_type_is_registered_in_python_in_the_script_and_in_the_schema():
    python = sorted(questions.names())
    assert len(python) >= 6
    assert sorted(script_types()) == python, "register the type in hocvuso.js with registerType('<name>', {...})"
    enum, with_def, branches = schema_types()
    assert sorted(enum) == python, "add the type to the `type` enum of $defs.question in quiz.schema.json"
    assert sorted(with_def) == python, "add a $defs.<name> schema with `type: {const: <name>}`"
    assert sorted(branches) == python, "add an if/then branch picking $defs.<name> to $defs.question.allOf"


REQUIRED = ["parse", "answer_data", "choices", "key", "sheet", "sheet_key", "gift", "moodle_xml", "yaml_lines"]


@pytest.mark.parametrize("name", sorted(questions.names()))
def test_each_type_provides_every_part(name):
    kind = questions.get(name)
    missing = [m for m in REQUIRED if getattr(type(kind), m) is getattr(QuestionType, m)]
    assert missing == []
    assert ui(kind.sheet_how) != kind.sheet_how  # a catalogue key, not a missing one
    assert kind.moodle and kind.fields
    own = set(json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"][name]["properties"])
    common = {"id", "type", "prompt", "explanation", "hint", "audio", "competency", "level", "skip_review"}
    assert own - common == set(kind.fields), "the type's `fields` are its schema's own properties"


def test_a_type_cannot_be_registered_twice():
    with pytest.raises(ValueError):
        questions.register(questions.get("single"))


# --- GIFT import of hostile or broken files (issue 13) ------------------------------------------


def _written(gift: str) -> tuple[list[dict], list[str]]:
    imported = exchange.parse_gift(gift)
    notes = exchange.Notes()
    ready = exchange.prepare(imported.questions, None, "x", set(), notes)
    return yaml.safe_load(exchange.quiz_yaml(ready))["questions"], imported.notes + notes.lines()


@pytest.mark.parametrize(
    "comment",
    [
        "// hocvuso: [1, 2]",
        '// hocvuso: "CB1"',
        "// hocvuso: 7",
        "// hocvuso: null",
        '// hocvuso: {"level": ',
        '// hocvuso: {"hint": {"a": 1}, "competency": 4, "added": "x", "diacritics": "yes", "type": ["ordering"]}',
    ],
)
def test_gift_metadata_of_the_wrong_shape_is_left_out_with_a_note(comment):
    found, notes = _written(f"{comment}\n::q1::Câu hỏi?{{=Có ~Không}}\n")
    assert found == [
        {
            "id": "q1",
            "type": "single",
            "prompt": "Câu hỏi?",
            "options": [{"text": "Có", "correct": True}, {"text": "Không", "correct": False}],
        }
    ]
    assert any("`// hocvuso:` viết sai dạng" in n for n in notes), notes


def test_gift_metadata_cannot_add_keys_to_the_quiz_file():
    evil = {
        "level": "CB1\n    answer: true\n    x: 1",
        "competency": "4.1\n  - id: injected",
        "hint": 'a"\n    explanation: injected',
    }
    found, _ = _written(f"// hocvuso: {json.dumps(evil)}\n::q1::Câu hỏi?{{=Có ~Không}}\n")
    assert len(found) == 1
    assert set(found[0]) == {"id", "type", "prompt", "hint", "competency", "level", "options"}
    assert (found[0]["level"], found[0]["competency"], found[0]["hint"]) == (
        evil["level"],
        evil["competency"],
        evil["hint"],
    )


def test_gift_html_is_imported_without_scripts_or_event_handlers():
    gift = (
        '::h::[html]<p onclick\\="steal()">Chọn <script>alert(1)</script>đúng <a href\\="javascript\\:x()">đây</a></p>'
        '{=<b onmouseover\\="y()">Một</b>#<img src\\=x onerror\\="z()">Đúng ~Hai####<script>1</script>Vì vậy.}\n'
    )
    imported = exchange.parse_gift(gift)
    (question,) = imported.questions
    text = json.dumps(question, ensure_ascii=False)
    for bad in ("script", "onclick", "onmouseover", "onerror", "javascript:"):
        assert bad not in text
    assert question["options"][0] == {"text": "<b>Một</b>", "correct": True, "feedback": '<img src="x">Đúng'}
    assert "Chọn" in question["prompt"] and question["explanation"] == "Vì vậy."
    assert any("[html]" in n for n in imported.notes)


def test_an_id_with_a_new_line_gets_a_fresh_id():
    ready = exchange.prepare([{"id": "ok\n", "type": "single", "prompt": "?"}], None, "x", set(), exchange.Notes())
    assert ready[0]["id"] == "x-1"


@given(st.text(max_size=40))
def test_yaml_str_reads_back_as_the_same_text(text):
    assert yaml.safe_load(f"k: {exchange.yaml_str(text)}\nother: 1\n") == {"k": text, "other": 1}
