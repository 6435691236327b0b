"""The class roster (issue 19): learners' results codes -> one table of learners x areas and
competencies, with totals; the roster page (`lop-hoc.html`, roster.js) and `hocvuso roster` tally
the same way. Duplicates (the same learner's name, folded) are merged: lessons passed add up, each
competency keeps the higher score, the later date stays."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from html import escape

from . import render, results_code, textfold
from .messages import ui

ROSTER_PAGE = "lop-hoc.md"


@dataclass
class Refused:
    line: int
    kind: str  # results_code.CodeError.kind

    @property
    def message(self) -> str:
        return ui(f"share.err_{self.kind}")


@dataclass
class Roster:
    learners: dict[str, results_code.Results] = field(default_factory=dict)  # folded name -> merged
    codes: int = 0
    refused: list[Refused] = field(default_factory=list)


def tally(lines: list[str], course_id: str, course_data: dict) -> Roster:
    roster = Roster()
    for number, line in enumerate(lines, 1):
        if not results_code.normalise(line):
            continue
        try:
            found = results_code.decode(line, course_id, course_data)
        except results_code.CodeError as exc:
            roster.refused.append(Refused(number, exc.kind))
            continue
        roster.codes += 1
        key = textfold.fold(found.name) if found.name.strip() else f"#{results_code.normalise(line)}"
        mine = roster.learners.get(key)
        if mine is None:
            roster.learners[key] = found
        else:
            pages, _ = results_code.structure(course_data)
            done = set(mine.done) | set(found.done)
            mine.done = [page for page in pages if page in done]
            mine.scores = {code: max(mine.scores.get(code, 0), n) for code, n in found.scores.items()}
            if found.day > mine.day:
                mine.day, mine.name = found.day, found.name
    return roster


def table(roster: Roster, course_data: dict) -> list[list[str | int]]:
    """Header, one row per learner (by name), the totals and the number who completed each column."""
    pages, codes = results_code.structure(course_data)
    totals = results_code.question_totals(course_data)
    areas = [a for a in course_data["areas"] if a["lessons"]]
    names = {c["code"]: c["code"] for c in course_data["competencies"]}
    head = [ui("share.col_learner"), ui("share.col_date"), ui("share.col_lessons", total=len(pages))]
    head += [ui("share.col_area", area=f"{a['code']}. {a['name']}", total=len(a["lessons"])) for a in areas]
    head += [ui("share.col_competency", code=names[c], total=totals.get(c, 0)) for c in codes]
    rows, completed = [], [0] * (len(head) - 2)
    for learner in sorted(roster.learners.values(), key=lambda r: textfold.fold(r.name)):
        done = set(learner.done)
        row = (
            [len(done)]
            + [sum(p in done for p in a["lessons"]) for a in areas]
            + [learner.scores.get(c, 0) for c in codes]
        )
        full = [len(pages)] + [len(a["lessons"]) for a in areas] + [totals.get(c, 0) for c in codes]
        completed = [n + (value >= whole > 0) for n, value, whole in zip(completed, row, full)]
        rows.append([learner.name or ui("share.unnamed"), learner.day.strftime("%d/%m/%Y"), *row])
    sums = [sum(row[i] for row in rows) for i in range(2, len(head))]
    return [head, *rows, [ui("share.total", count=len(rows)), "", *sums], [ui("share.completed"), "", *completed]]


def csv_bytes(rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark: Excel then reads Vietnamese text right (without it, it guesses
    the Windows code page). Numbers stay plain numbers (no "3/5", which Excel takes for a date)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_page() -> str:
    """The roster page: the script fills `[data-hvs-roster]`; without it, a note."""
    scripts = "".join(
        f'<script src="{render.asset_link(ROSTER_PAGE, path)}" defer></script>'
        for path in (render.COURSE_DATA_ASSET, CODE_ASSET, ROSTER_ASSET)
    )
    return (
        f"<h1>{escape(ui('roster_title'))}</h1>"
        f'<div class="hvs-roster" data-hvs-roster><p>{escape(ui("share.need_js"))}</p></div>{scripts}'
    )


CODE_ASSET = "assets/hocvuso/results-code.js"
SHARE_ASSET = "assets/hocvuso/results-share.js"
ROSTER_ASSET = "assets/hocvuso/roster.js"
QR_ASSET = "assets/hocvuso/vendor/qrcode.js"


# The results page's progress views, CODE_ASSET and SHARE_ASSET as one file (generator/slim.py joins
# them); QR_ASSET comes only when the share box is about to be seen (results-share.js).
SHARE_BUNDLE = "assets/hocvuso/results.js"


def share_section() -> str:
    """What the results page adds for the results code: a box results-share.js fills, its script."""
    script = f'<script src="{render.asset_link(render.RESULTS_PAGE, SHARE_BUNDLE)}" defer></script>'
    qr = render.asset_link(render.RESULTS_PAGE, QR_ASSET)
    return (
        f'<section class="hvs-share" data-hvs-share data-hvs-qr="{qr}"><p>{escape(ui("share.need_js"))}</p></section>'
        + script
    )


def script_prelude(site_id: str) -> str:
    """Prefixed to results-code.js: the course id and the strings of the share and roster scripts
    (only those pages load them, so the lesson pages' script does not carry them). hocvuso.js,
    which has them too, runs after the page's own scripts."""
    from .messages import active

    return f"var HVS_SHARE = {render._js_value({'id': site_id, 'msg': active().section('ui', 'share')})};\n"
