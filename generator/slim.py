"""Make a built site lighter without changing what a learner sees (run once, after the build).

- Pages: the indentation MkDocs' templates leave between tags becomes one line break (≈ 5% of a
  600-lesson site). Whitespace between two tags renders the same whatever its length, except
  inside <pre> and <textarea>, which are left alone, as are scripts and styles; text and
  attribute values are never touched.
- Material's stylesheet: the rules no page can match are dropped (see cssprune).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import cssprune

_BETWEEN_TAGS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r]*\n[ \t\r\n]*(?=<)", re.S | re.I)


def compact_html(html: str) -> str:
    """Whitespace between tags that holds a line break -> one line break."""
    return _BETWEEN_TAGS.sub(lambda m: m.group(1) or "\n", html)


class Slimmer:
    """The same, as the site is written: pages are compacted on their way to the disk (no second
    read and write of a 30 MB site) and their classes noted; `finish` does the files the build
    copied as they were (a teacher's own .html) and prunes the stylesheet."""

    def __init__(self):
        self.classes: set[str] = set()
        self.done: set[Path] = set()

    def page(self, html: str, dest: str | Path) -> str:
        self.classes |= cssprune.classes_in_html(html)
        self.done.add(Path(dest).resolve())
        return compact_html(html)

    def finish(self, site: Path | str) -> dict[str, int]:
        return slim_site(site, skip=self.done, classes=self.classes)


def slim_site(site: Path | str, skip: set[Path] = frozenset(), classes: set[str] | None = None) -> dict[str, int]:
    """Compact every page (but those in `skip`, whose `classes` are given) and prune Material's
    stylesheet in place; returns bytes saved by each step."""
    site = Path(site)
    saved, classes = 0, set(classes or ())
    for path in site.rglob("*.html"):
        if path.resolve() in skip:
            continue
        html = path.read_text(encoding="utf-8")
        classes |= cssprune.classes_in_html(html)
        compact = compact_html(html)
        if compact != html:
            path.write_text(compact, encoding="utf-8")
            saved += len(html.encode()) - len(compact.encode())
    pruned = cssprune.prune_site(site, page_classes=classes)
    return {"html": saved, "css": sum(before - after for before, after in pruned.values())}
