"""`hotspot`: tap the right place on a picture of a phone screen.

The picture is one `<img>`; the script maps a tap's position (percent of the picture) to the
regions. Keyboard and screen-reader users get the same regions as a list of labelled radio
buttons, and the worksheet prints the picture with a letter on each region.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from ..errors import Problem
from ..markup import md, md_inline
from ..messages import msg, ui
from ..schema import where
from .common import LETTERS, as_list, content_path, duplicate_problems, mark  # noqa: F401 (content_path re-exported)
from .registry import NotExpressible, QuestionType, register

# Lesson pages are `<area>/<lesson>.html` and worksheets `phieu/<area>/<lesson>.html`: a file's
# path relative to the content folder is reached from them through these prefixes.
FROM_LESSON = "../"
FROM_SHEET = "../../"


@dataclass
class Region:
    x: float
    y: float
    w: float
    h: float
    label: str
    correct: bool = False
    feedback: str | None = None


@dataclass
class Hotspot:
    image: str  # relative to the lesson as written; relative to the content folder after `place`
    alt: str
    regions: list[Region]
    miss_feedback: str | None = None


def number(value: float) -> str:
    return f"{value:g}"


def box_style(r) -> str:
    """A region's place over its picture, in percent (the picture's box is `position: relative`)."""
    return f"left:{number(r.x)}%;top:{number(r.y)}%;width:{number(r.w)}%;height:{number(r.h)}%"


def src(path: str, up: str) -> str:
    return escape(up + quote(path))


def region_problems(doc, file: str, base: tuple, regions: list) -> list[Problem]:
    """Each region must lie inside the picture: x + w and y + h at most 100."""
    problems = []
    for i, r in enumerate(regions):
        if not isinstance(r, dict):
            continue
        for start, size in (("x", "w"), ("y", "h")):
            a, b = r.get(start), r.get(size)
            if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a + b > 100:
                problems.append(
                    Problem(
                        file,
                        doc.line(base + (i, size)),
                        msg("region_outside", where=where(base + (i, "")), start=start, size=size, total=number(a + b)),
                    )
                )
    return problems


class HotspotType(NotExpressible, QuestionType):
    name = "hotspot"
    fields = ("image", "alt", "regions", "miss_feedback")
    sheet_how = "sheet_hotspot_how"
    moodle = "description"

    def parse(self, mapping):
        regions = [
            Region(r["x"], r["y"], r["w"], r["h"], r["label"], r.get("correct", False), r.get("feedback"))
            for r in mapping["regions"]
        ]
        return Hotspot(mapping["image"], mapping["alt"], regions, mapping.get("miss_feedback"))

    def place(self, data, page):
        data.image = content_path(data.image, page)
        return data

    def files(self, mapping):
        image = mapping.get("image")
        return [(("image",), image)] if isinstance(image, str) and image else []

    def check(self, doc, file, base, mapping):
        regions = as_list(mapping.get("regions"))
        problems = region_problems(doc, file, base + ("regions",), regions)
        problems += duplicate_problems(
            doc, file, base, "regions", [r.get("label") for r in regions if isinstance(r, dict)]
        )
        if regions and not any(isinstance(r, dict) and r.get("correct") is True for r in regions):
            problems.append(
                Problem(file, doc.line(base + ("regions",)), msg("no_correct_region", where=where(base + ("",))))
            )
        return problems

    # --- the site ---

    def answer_data(self, question):
        # each region as [x, y, w, h, right]: the script maps a tap to the first region holding it
        return [[r.x, r.y, r.w, r.h, int(r.correct)] for r in question.data.regions]

    def choices(self, question, qid):
        d = question.data
        options = "".join(
            f'<label class="hvs-option"><input type="radio" name="{qid}" value="{i}">'
            f'<span class="hvs-option-text">{md_inline(r.label)}</span></label>'
            for i, r in enumerate(d.regions)
        )
        return (
            f'<fieldset class="hvs-choices hvs-hotspot" aria-labelledby="{qid}-prompt">'
            f'<p class="hvs-sim">{escape(ui("simulated"))}</p>'
            f'<div class="hvs-hs-pic"><img class="hvs-hs-img" src="{src(d.image, FROM_LESSON)}" alt="{escape(d.alt)}"></div>'
            f'<details class="hvs-hs-list"><summary>{escape(ui("hotspot_list"))}</summary>{options}</details></fieldset>'
        )

    def key(self, question):
        d = question.data
        miss = f'<div class="hvs-fb" data-for="miss">{md(d.miss_feedback)}</div>' if d.miss_feedback else ""
        return (
            '<ul class="hvs-key-options">'
            + "".join(
                f'<li data-option="{i}">{mark(r.correct)} '
                f'{md_inline(r.label)}<div class="hvs-fb">{md(r.feedback)}</div></li>'
                for i, r in enumerate(d.regions)
            )
            + "</ul>"
            + miss
        )

    # --- the worksheet ---

    def sheet(self, question):
        d = question.data
        letters = "".join(
            f'<span class="hvs-ws-hs-box" style="{box_style(r)}"><b>{LETTERS[i]}</b></span>'
            for i, r in enumerate(d.regions)
        )
        return (
            f'<div class="hvs-ws-hs"><img src="{src(d.image, FROM_SHEET)}" alt="{escape(d.alt)}">{letters}</div>'
            '<ul class="hvs-ws-options">'
            + "".join(f"<li><b>{LETTERS[i]}.</b> {md_inline(r.label)}</li>" for i, r in enumerate(d.regions))
            + "</ul>"
        )

    def sheet_key(self, question):
        return "<br>".join(
            f"<strong>{LETTERS[i]}.</strong> {md_inline(r.label)}"
            for i, r in enumerate(question.data.regions)
            if r.correct
        )


HOTSPOT = register(HotspotType())
