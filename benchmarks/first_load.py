"""The heaviest first load of every learner page kind of a built Học vụ số site (issue 21).

    python -m benchmarks.first_load SITE_DIR

A first load is a page's HTML and every local file it makes the browser fetch (stylesheets,
scripts, images, fonts, recursively through the stylesheets), gzip -9, as benchmarks/page_weight.py
counts it: a file that only a script asks for later (course.js on a learner's return, the search
index once a search starts) is not part of it. Every HTML page of the site is weighed; pages for
teachers (worksheets, the coverage report, the class roster) and 404.html are left out, since a
learner never opens them first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator import coverage, glossary, render, roster, worksheet

from .page_weight import LESSON_MARK, Site

OWNER_PAGES = {render.page_url(coverage.REPORT_PAGE), render.page_url(roster.ROSTER_PAGE), "404.html"}
FIXED = {
    render.page_url(render.HOME_PAGE): "home",
    render.page_url(render.RESULTS_PAGE): "results",
    render.page_url(glossary.GLOSSARY_PAGE): "glossary",
}


def _sheets_folder() -> str:
    """The worksheets' folder (`phieu/`), from the worksheet module's own page names."""
    folder = getattr(worksheet, "FOLDER", None)
    return (folder or "phieu").strip("/") + "/"


def page_kind(path: str, text: str) -> str | None:
    """The kind of a site page (home, area, lesson, path, glossary, results, other), None for owners'."""
    if path in OWNER_PAGES or path.startswith(_sheets_folder()):
        return None
    if path in FIXED:
        return FIXED[path]
    if path.startswith(render.path_page("x").split("/")[0] + "/"):
        return "path"
    if LESSON_MARK in text:
        return "lesson"
    if "data-hvs-area=" in text:
        return "area"
    return "other"  # a page kind this survey does not know yet (a module page, a glossary letter)


def survey(site_dir) -> dict:
    """Per page kind: how many pages, and the heaviest first load (page, gzip bytes, requests)."""
    site = Site(site_dir)
    kinds: dict[str, dict] = {}
    for file in sorted(Path(site_dir).rglob("*.html")):
        path = file.relative_to(site_dir).as_posix()
        kind = page_kind(path, file.read_text(encoding="utf-8", errors="replace"))
        if kind is None:
            continue
        load = site.load(path)
        entry = kinds.setdefault(kind, {"pages": 0, "worst": None})
        entry["pages"] += 1
        if entry["worst"] is None or load["gzip"] > entry["worst"]["gzip"]:
            entry["worst"] = {
                "page": path,
                "gzip": load["gzip"],
                "html_raw": load["files"][0]["raw"],
                "requests": len(load["files"]),
            }
    worst = max((e["worst"] for e in kinds.values()), key=lambda w: w["gzip"], default=None)
    return {"kinds": kinds, "worst": worst}


def lesson_requests(site_dir, page: str) -> dict:
    """What a first load of one lesson page fetches: files (the page included) and gzip bytes."""
    load = Site(site_dir).load(page)
    return {
        "page": page,
        "requests": len(load["files"]),
        "gzip": load["gzip"],
        "files": [f["path"] for f in load["files"]],
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    json.dump(survey(args[0]), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
