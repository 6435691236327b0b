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


def slim_site(site: Path | str) -> dict[str, int]:
    """Compact every page and prune Material's stylesheet in place; returns bytes saved by each step."""
    site = Path(site)
    saved, classes = 0, set()
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        classes |= cssprune.classes_in_html(html)
        compact = compact_html(html)
        if compact != html:
            path.write_text(compact, encoding="utf-8")
            saved += len(html.encode()) - len(compact.encode())
    pruned = cssprune.prune_site(site, page_classes=classes)
    return {"html": saved, "css": sum(before - after for before, after in pruned.values())}
