"""`scenario`: a short simulated task on a phone, step by step, with consequences.

Steps form a graph: each shows a phone screen drawn by the theme (message, call, web, app, or a
picture whose regions are the choices) and either offers choices leading to other steps or ends,
right or wrong. The learner's answer is the path taken; it is right when it ends at a right ending.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html import escape

from ..errors import Problem
from ..markup import md
from ..messages import msg, ui
from ..schema import where
from .common import LETTERS, mark
from .hotspot import FROM_LESSON, FROM_SHEET, box_style, content_path, region_problems, src
from .registry import NotExpressible, QuestionType, register


@dataclass
class Choice:
    text: str  # for a picture's region: its label
    next: str
    box: object = None  # a picture's region: its x, y, w, h


@dataclass
class Step:
    name: str
    screen: dict | None
    choices: list[Choice] = field(default_factory=list)
    end: str | None = None  # "correct" or "incorrect"
    feedback: str | None = None


@dataclass
class Scenario:
    start: str
    steps: list[Step]  # in the quiz file's order

    def __post_init__(self):
        self.named = {step.name: step for step in self.steps}  # not a field: the version hashes the fields

    def order(self) -> list[str]:
        """The steps as numbered screens: breadth first from the start."""
        return list(_paths(self.start, lambda s: [c.next for c in self.named[s].choices]))

    def right_path(self) -> list[tuple[str, Choice | None]]:
        """The shortest way to a right ending: (step, choice taken there)."""
        back = _paths(self.start, lambda s: [c.next for c in self.named[s].choices])
        end = next(s for s in back if self.named[s].end == "correct")
        path: list[tuple[str, Choice | None]] = [(end, None)]
        while back[path[0][0]] is not None:
            before = back[path[0][0]]
            path.insert(0, (before, next(c for c in self.named[before].choices if c.next == path[0][0])))
        return path


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float


def _paths(start: str, following) -> dict:
    """Every step reachable from `start` -> the step it was first reached from (None for start)."""
    back, queue = {start: None}, deque([start])
    while queue:
        step = queue.popleft()
        for nxt in following(step):
            if nxt not in back:
                back[nxt] = step
                queue.append(nxt)
    return back


def _links(step) -> list[tuple[tuple, object]]:
    """(place in the step, target) of each way out of a step of the quiz file, schema-broken or not."""
    if not isinstance(step, dict):
        return []
    found = [
        (("choices", i, "next"), c.get("next"))
        for i, c in enumerate(step.get("choices") or [])
        if isinstance(step.get("choices"), list) and isinstance(c, dict)
    ]
    screen = step.get("screen")
    regions = screen.get("regions") if isinstance(screen, dict) else None
    return found + [
        (("screen", "regions", i, "next"), r.get("next"))
        for i, r in enumerate(regions or [])
        if isinstance(regions, list) and isinstance(r, dict)
    ]


def graph_problems(doc, file: str, base: tuple, steps: dict, start) -> list[Problem]:
    """Every `next` names a step, every step is reached from `start`, every step leads to an ending,
    at least one ending is right, a step either ends or offers choices."""
    problems = []

    def add(place: tuple, key: str, **values) -> None:
        problems.append(Problem(file, doc.line(base + place), msg(key, where=where(base + ("",)), **values)))

    names = ", ".join(f"`{s}`" for s in steps)
    if start not in steps:
        add(("start",), "scenario_unknown_start", step=start, steps=names)
    for name, step in steps.items():
        links = _links(step)
        for place, target in links:
            if isinstance(target, str) and target not in steps:
                add(("steps", name) + place, "scenario_unknown_next", step=name, next=target, steps=names)
        if isinstance(step, dict):
            if step.get("end") and links:
                add(("steps", name, "end"), "scenario_end_with_choices", step=name)
            elif not step.get("end") and not links:
                add(("steps", name), "scenario_dead_end", step=name)
    if problems:
        return problems  # the graph is not whole: what follows would only repeat these
    following = {name: [t for _, t in _links(step)] for name, step in steps.items()}
    reached = _paths(start, following.__getitem__)
    for name in steps:
        if name not in reached:
            add(("steps", name), "scenario_unreachable", step=name, start=start)
    ends = [name for name, step in steps.items() if isinstance(step, dict) and step.get("end")]
    leads_out = set(ends)
    changed = True
    while changed:  # the steps from which some ending can be reached
        changed = False
        for name in steps:
            if name not in leads_out and any(t in leads_out for t in following[name]):
                leads_out.add(name)
                changed = True
    for name in reached:
        if name not in leads_out:
            add(("steps", name), "scenario_no_way_out", step=name)
    if not any(steps[name].get("end") == "correct" for name in reached if name in ends):
        add(("steps",), "scenario_no_correct_end")
    return problems


class ScenarioType(NotExpressible, QuestionType):
    name = "scenario"
    fields = ("start", "steps")
    sheet_how = "sheet_scenario_how"
    moodle = "description"

    def parse(self, mapping):
        steps = []
        for name, s in mapping["steps"].items():
            screen = s.get("screen")
            choices = [Choice(c["text"], c["next"]) for c in s.get("choices") or []]
            if screen and screen.get("kind") == "image":
                choices += [
                    Choice(r["label"], r["next"], Box(r["x"], r["y"], r["w"], r["h"]))
                    for r in screen.get("regions") or []
                ]
            steps.append(Step(name, dict(screen) if screen else None, choices, s.get("end"), s.get("feedback")))
        return Scenario(mapping["start"], steps)

    def place(self, data, page):
        for step in data.steps:
            if step.screen and step.screen.get("image"):
                step.screen["image"] = content_path(step.screen["image"], page)
        return data

    def files(self, mapping):
        steps = mapping.get("steps")
        found = []
        for name, step in steps.items() if isinstance(steps, dict) else []:
            screen = step.get("screen") if isinstance(step, dict) else None
            image = screen.get("image") if isinstance(screen, dict) else None
            if isinstance(image, str) and image:
                found.append((("steps", name, "screen", "image"), image))
        return found

    def check(self, doc, file, base, mapping):
        steps = mapping.get("steps")
        if not isinstance(steps, dict) or not isinstance(mapping.get("start"), str):
            return []  # the schema has said so
        problems = graph_problems(doc, file, base, steps, mapping["start"])
        for name, step in steps.items():
            screen = step.get("screen") if isinstance(step, dict) else None
            regions = screen.get("regions") if isinstance(screen, dict) else None
            if isinstance(regions, list):
                problems += region_problems(doc, file, base + ("steps", name, "screen", "regions"), regions)
        return problems

    # --- the phone screens, shared by the site and the worksheet ---

    def screen(self, step: Step, up: str, buttons: bool) -> str:
        s = step.screen
        if not s:
            return ""
        t = {k: escape(str(v)).replace("\n", "<br>") for k, v in s.items() if isinstance(v, str)}
        kind = s["kind"]
        if kind == "message":
            body = (
                f'<p class="hvs-ph-bar">{t.get("from", escape(ui("screen_message")))}</p>'
                f'<p class="hvs-ph-bubble">{t["text"]}</p>'
            )
        elif kind == "call":
            body = (
                f'<p class="hvs-ph-call">{escape(ui("screen_video_call" if s.get("video") else "screen_call"))}</p>'
                f'<p class="hvs-ph-name">{t["name"]}</p>'
                + (f'<p class="hvs-ph-number">{t["number"]}</p>' if "number" in t else "")
            )
        elif kind == "web":
            body = f'<p class="hvs-ph-address">{t["address"]}</p>' + (
                f'<p class="hvs-ph-page">{t["text"]}</p>' if "text" in t else ""
            )
        elif kind == "app":
            fields = "".join(f'<li>{escape(f)}<span class="hvs-ph-input"></span></li>' for f in s.get("fields") or [])
            drawn = "".join(f"<span>{escape(b)}</span>" for b in s.get("buttons") or [])
            body = (
                f'<p class="hvs-ph-bar">{t["title"]}</p>'
                + (f'<p class="hvs-ph-page">{t["text"]}</p>' if "text" in t else "")
                + (f'<ul class="hvs-ph-fields">{fields}</ul>' if fields else "")
                + (f'<p class="hvs-ph-buttons">{drawn}</p>' if drawn else "")
            )
        else:
            over = "".join(
                f'<button type="button" class="hvs-sc-choice hvs-sc-region" data-next="{escape(c.next)}" '
                f'style="{box_style(c.box)}"><span class="hvs-sr">{escape(c.text)}</span></button>'
                if buttons
                else f'<span class="hvs-ws-hs-box" style="{box_style(c.box)}"><b>{LETTERS[i]}</b></span>'
                for i, c in enumerate(step.choices)
                if c.box
            )
            body = f'<div class="hvs-hs-pic"><img src="{src(s["image"], up)}" alt="{t["alt"]}">{over}</div>'
        return f'<div class="hvs-phone hvs-phone-{kind}"><p class="hvs-sim">{escape(ui("simulated"))}</p>{body}</div>'

    # --- the site ---

    def answer_data(self, question):
        d = question.data
        return {"start": d.start, "right": [n for n, s in d.named.items() if s.end == "correct"]}

    def choices(self, question, qid):
        d = question.data
        sections = []
        for n, name in enumerate(d.order(), start=1):
            step = d.named[name]
            buttons = "".join(
                f'<button type="button" class="hvs-btn hvs-btn-2 hvs-sc-choice" data-next="{escape(c.next)}">'
                f"{escape(c.text)}</button>"
                for c in step.choices
                if not c.box
            )
            after = (
                f'<p class="hvs-sc-end">{escape(ui("scenario_end"))}</p>'
                if step.end
                else f'<div class="hvs-sc-choices">{buttons}</div>'
                if buttons
                else ""
            )
            end = f' data-end="{step.end}"' if step.end else ""
            sections.append(
                f'<section class="hvs-sc-step" data-step="{escape(name)}"{end}>'
                f'<p class="hvs-sc-num" tabindex="-1">{escape(ui("screen_n", n=n))}</p>'
                f"{self.screen(step, FROM_LESSON, True)}{after}</section>"
            )
        return f'<div class="hvs-choices hvs-scenario" role="group" aria-labelledby="{qid}-prompt">{"".join(sections)}</div>'

    def _path_text(self, question) -> str:
        d = question.data
        numbers = {name: n for n, name in enumerate(d.order(), start=1)}
        return "".join(
            f"<li>{escape(ui('screen_n', n=numbers[name]))}"
            + (f": “{escape(choice.text)}”" if choice else f" — {escape(ui('scenario_end'))}")
            + "</li>"
            for name, choice in d.right_path()
        )

    def key(self, question):
        d = question.data
        numbers = {name: n for n, name in enumerate(d.order(), start=1)}
        ends = "".join(
            f'<li data-step="{escape(name)}">{mark(d.named[name].end == "correct")} '
            f'{escape(ui("screen_n", n=numbers[name]))}<div class="hvs-fb">{md(d.named[name].feedback)}</div></li>'
            for name in d.order()
            if d.named[name].end
        )
        return (
            f'<p class="hvs-key-answer">{escape(ui("scenario_right_path"))}:</p>'
            f'<ol class="hvs-key-order">{self._path_text(question)}</ol><ul class="hvs-key-options">{ends}</ul>'
        )

    # --- the worksheet ---

    def sheet(self, question):
        d = question.data
        numbers = {name: n for n, name in enumerate(d.order(), start=1)}
        parts = []
        for name in d.order():
            step = d.named[name]
            options = "".join(
                f"<li><b>{LETTERS[i]}.</b> {escape(c.text)} → {escape(ui('screen_n', n=numbers[c.next]))}</li>"
                for i, c in enumerate(step.choices)
            )
            after = (
                f'<p class="hvs-sc-end">{escape(ui("scenario_end"))}</p>'
                if step.end
                else f'<ul class="hvs-ws-options">{options}</ul>'
            )
            parts.append(
                f'<div class="hvs-ws-sc-step"><p><strong>{escape(ui("screen_n", n=numbers[name]))}</strong></p>'
                f"{self.screen(step, FROM_SHEET, False)}{after}</div>"
            )
        return '<div class="hvs-ws-sc">' + "".join(parts) + "</div>"

    def sheet_key(self, question):
        return f'<ol class="hvs-ws-key-order">{self._path_text(question)}</ol>'


register(ScenarioType())
