"""The site plan is the one list of pages: what MkDocs builds is exactly what the plan lists, and the
plan of the fixture course stays what learners and teachers had (a golden list)."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_tools import MINI
from generator import plan
from generator.loader import Project, load

GOLDEN = Path(__file__).parent / "golden" / "plan-mini.txt"


def _plan() -> plan.SitePlan:
    report = load(Project(MINI))
    assert not report.problems
    return plan.build_plan(report.course, Project(MINI), "Khóa thử")


def _describe(site_plan: plan.SitePlan) -> str:
    rows = [
        f"{p.src}\t{p.kind}\t{p.audience}\t{p.template or '-'}\t{'search' if p.search else '-'}\t{p.title}"
        for p in site_plan.pages
    ]

    def nav(item: plan.NavItem, depth: int = 0) -> list[str]:
        here = ["  " * depth + f"{item.title or '(page title)'} -> {item.page or ''}"]
        return here + [line for child in item.children for line in nav(child, depth + 1)]

    return (
        "\n".join(
            [
                "# pages",
                *rows,
                "# navigation",
                *(line for item in site_plan.nav for line in nav(item)),
                "# assets",
                *sorted(site_plan.assets),
                *sorted(site_plan.theme_assets),
            ]
        )
        + "\n"
    )


def test_the_plan_of_the_fixture_course_is_unchanged(request):
    text = _describe(_plan())
    if request.config.getoption("--regen-golden", default=False) or not GOLDEN.exists():
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_mkdocs_builds_exactly_the_planned_pages(mini_site):
    planned = {p.src[:-3] + ".html" for p in _plan().pages}
    built = {p.relative_to(mini_site).as_posix() for p in mini_site.rglob("*.html")}
    assert built - planned == {"404.html"}
    assert planned - built == set()


def test_pages_outside_the_learners_navigation_are_not_searchable_nor_offline():
    site_plan = _plan()
    owners = site_plan.owner_pages()
    assert owners and all(not p.in_nav and not p.offline and p.search is None for p in owners)
    assert {p.kind for p in owners} == {"worksheet", "report", "roster"}


def test_the_course_data_contract(mini_site):
    """What the browser script reads (docs-dev/self-assessment.md): the course structure in course.js."""
    script = (mini_site / "assets" / "hocvuso" / "course.js").read_text(encoding="utf-8")
    first = script.split("\n", 1)[0]  # the progress views' code follows
    data = json.loads(first.removeprefix("var HVS_COURSE = ").rstrip().rstrip(";"))
    assert set(data) == {"framework", "results", "areas", "lessons", "competencies"}
    lesson = next(iter(data["lessons"].values()))
    assert set(lesson) == {"title", "questions"} and all(len(q) == 3 for q in lesson["questions"])
    assert {"code", "name", "page", "lessons"} == set(data["areas"][0])
