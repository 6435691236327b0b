"""A course whose every text field holds script payloads (issue 13), for the escaping tests.

Each payload, if it ever ran, sets `window.__pwned` (or opens an alert); tests/test_hostile_browser.py
looks for that marker, for an alert, and for what the payload would leave in the DOM (an element
with an `on…` attribute, a script holding `__pwned`, a `javascript:` link).
"""

from __future__ import annotations

import yaml

from corpus_tools import make_course

MARKER = "__pwned"


def payload(where: str) -> str:
    """Script payloads of several shapes, after a harmless word in angle brackets (`Dùng <Zalo>`)
    that must still show. `where` names the field, so a failure says which one leaked."""
    return (
        f"Dùng <Zalo> {where} "
        f"</title><script>{MARKER}=1</script>"  # closes <title>, then a script
        f"<img src=x onerror={MARKER}=1>"  # raw HTML with an event handler
        f'"><svg onload={MARKER}=1>'  # breaks out of an attribute
        "'><img src=y onerror=alert(1)>"  # a dialog, and out of a single-quoted attribute
        f"[bấm](javascript:{MARKER}=1) [b2](jav&#x61;script:{MARKER}=1) "  # Markdown links
        f'<a href="javascript:{MARKER}=1">x</a> '
        f"</script><script>{MARKER}=1</script><!--<script>"
    )  # out of a JSON <script>


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _front(data: dict, body: str) -> str:
    return f"---\n{_yaml(data)}---\n{body}\n"


def _options(where: str, correct: list[bool]) -> list[dict]:
    return [
        {"text": payload(f"{where}.option{i}"), "correct": c, "feedback": payload(f"{where}.feedback{i}")}
        for i, c in enumerate(correct)
    ]


def _quiz(prefix: str) -> dict:
    def common(name: str) -> dict:
        return {
            "prompt": payload(f"{prefix}.{name}.prompt"),
            "hint": payload(f"{prefix}.{name}.hint"),
            "explanation": payload(f"{prefix}.{name}.explanation"),
        }

    return {
        "title": payload(f"{prefix}.quiz-title"),
        "pass_mark": 50,
        "questions": [
            {
                "id": f"{prefix}-single",
                "type": "single",
                **common("single"),
                "options": _options(f"{prefix}.single", [False, True]),
            },
            {
                "id": f"{prefix}-multiple",
                "type": "multiple",
                **common("multiple"),
                "options": _options(f"{prefix}.multiple", [True, False, True]),
            },
            {
                "id": f"{prefix}-tf",
                "type": "true_false",
                **common("tf"),
                "answer": False,
                "feedback_true": payload(f"{prefix}.tf.feedback_true"),
                "feedback_false": payload(f"{prefix}.tf.feedback_false"),
            },
            {
                "id": f"{prefix}-text",
                "type": "short_text",
                **common("text"),
                "accept": [payload(f"{prefix}.text.accept"), "OTP"],
            },
            {
                "id": f"{prefix}-order",
                "type": "ordering",
                **common("order"),
                "items": [payload(f"{prefix}.order.item{i}") for i in range(3)],
            },
            {
                "id": f"{prefix}-match",
                "type": "matching",
                **common("match"),
                "pairs": [[payload(f"{prefix}.match.left{i}"), payload(f"{prefix}.match.right{i}")] for i in range(3)],
            },
        ],
    }


def _lesson(where: str, competencies: list[str], body: str) -> str:
    return _front(
        {
            "title": payload(f"{where}.title"),
            "competencies": competencies,
            "level": "CB1",
            "audiences": ["nguoi-dan"],
            "duration": 5,
            "summary": payload(f"{where}.summary"),
            "objectives": [payload(f"{where}.objective1"), payload(f"{where}.objective2")],
        },
        body,
    )


def hostile_course(dest):
    """The mini course with every text field replaced by payloads; returns its folder."""
    course = make_course(None, dest)
    config = yaml.safe_load((course / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(
        site_name=payload("site_name"), site_description=payload("site_description"), site_author=payload("site_author")
    )
    (course / "mkdocs.yml").write_text(_yaml(config), encoding="utf-8")

    framework = yaml.safe_load((course / "framework.yml").read_text(encoding="utf-8"))
    framework["name"] = payload("framework.name")
    framework["legal_basis"] = payload("framework.legal_basis")
    for area in framework["areas"]:
        area["name"] = payload(f"area{area['code']}.name")
        for competency in area["competencies"]:
            competency["name"] = payload(f"competency{competency['code']}.name")
            competency["description"] = payload(f"competency{competency['code']}.description")
    for level in framework["levels"]:
        level["name"] = payload(f"level{level['code']}.name")
    for audience in framework["audiences"]:
        audience["name"] = payload(f"audience.{audience['id']}.name")
    (course / "framework.yml").write_text(_yaml(framework), encoding="utf-8")

    (course / "glossary.yml").write_text(
        _yaml(
            {
                "terms": [
                    {"term": payload("glossary.term"), "explanation": payload("glossary.explanation")},
                    {"term": "Zalo", "aliases": ["Zalo PC"], "explanation": payload("glossary.zalo.explanation")},
                ]
            }
        ),
        encoding="utf-8",
    )

    body = "## Dùng Zalo\n\nMở Zalo trên điện thoại rồi làm theo từng bước.\n"
    content, quizzes = course / "content", course / "quizzes"
    (content / "4-an-toan" / "index.md").write_text(
        _front({"title": payload("area4.index.title")}, "Phần này nói về an toàn khi dùng Zalo."), encoding="utf-8"
    )
    lessons = {
        "4-an-toan/01-mat-khau": ["4.2"],
        "4-an-toan/02-cuoc-goi-lua-dao": ["4.2"],
        "1-thong-tin/01-tim-kiem": ["1.1"],
    }
    for page, competencies in lessons.items():
        (content / f"{page}.md").write_text(_lesson(page, competencies, body), encoding="utf-8")
        quiz = quizzes / f"{page}.yml"
        quiz.parent.mkdir(parents=True, exist_ok=True)
        quiz.write_text(_yaml(_quiz(page.replace("/", "-"))), encoding="utf-8")
    return course
