"""Make a built site lighter without changing what a learner sees (run once, after the build).

- Pages: the indentation MkDocs' templates leave between tags becomes one line break (≈ 5% of a
  600-lesson site). Whitespace between two tags renders the same whatever its length, except
  inside <pre> and <textarea>, which are left alone, as are scripts and styles; text and
  attribute values are never touched.
- Material's stylesheet: the rules no page can match are dropped (see cssprune).
- One stylesheet and one script per page (issue 21): Material's stylesheet and palette and the
  theme's own are joined into `bundle.css`, the self-assessment, reader and page scripts into
  `bundle.js` (theme/main.html links only those two), the results page's three into `results.js`. A file a page no longer links leaves the
  site, but for the ones other editions read: hocvuso.js and hocvuso.css (one-file edition, SCORM
  and Kolibri packages) and print.css (the worksheets).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import cssprune

STYLE_BUNDLE = "assets/hocvuso/bundle.css"
SCRIPT_BUNDLE = "assets/hocvuso/bundle.js"
# (file or glob, media), in the cascade's order: Material first, then the theme's, reader.css after
# the others so the learner's text size and contrast win.
_STYLES = (
    ("assets/stylesheets/main.*.min.css", ""),
    ("assets/stylesheets/palette.*.min.css", ""),
    ("assets/hocvuso/hocvuso.css", ""),
    ("assets/hocvuso/print.css", "print"),
    ("assets/hocvuso/site.css", ""),
    ("assets/hocvuso/share.css", ""),
    ("assets/hocvuso/reader.css", ""),
)
RESULTS_BUNDLE = "assets/hocvuso/results.js"
# Scripts a page always loads together, joined in this order.
_SCRIPTS = {
    SCRIPT_BUNDLE: ("assets/hocvuso/hocvuso.js", "assets/hocvuso/reader.js", "assets/hocvuso/page.js"),
    # the results page's code, QR code maker and share box (roster.share_section)
    RESULTS_BUNDLE: (
        "assets/hocvuso/results-code.js",
        "assets/hocvuso/vendor/qrcode.js",
        "assets/hocvuso/results-share.js",
    ),
}
# Files no page links any more that stay: the one-file edition and the packages read hocvuso.js and
# hocvuso.css, the worksheets link print.css and page.js, the class roster results-code.js.
_KEPT = {
    "assets/hocvuso/hocvuso.js",
    "assets/hocvuso/hocvuso.css",
    "assets/hocvuso/print.css",
    "assets/hocvuso/results-code.js",
    "assets/hocvuso/page.js",
}
_LINKS_BUNDLE = 'hocvuso/bundle.css"'

_BETWEEN_TAGS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r]*\n[ \t\r\n]*(?=<)", re.S | re.I)


def compact_asset(source: str) -> str:
    """The theme's script or stylesheet without indentation, blank lines and comment lines.

    Safe for the house style of those two files, not for any JS or CSS: comments stand on lines of
    their own (`// ...` or `/* ... */` starting the line and ending at a line end), and no string
    spans lines. The files in the repository stay commented; what ships is a third smaller.
    """
    lines, in_comment = [], False
    for line in source.splitlines():
        line = line.strip()
        if in_comment or line.startswith("/*"):
            in_comment = not line.endswith("*/")
        elif line and not line.startswith("//"):
            lines.append(line)
    return "\n".join(lines) + "\n"


def compact_html(html: str) -> str:
    """Whitespace between tags that holds a line break -> one line break."""
    return _BETWEEN_TAGS.sub(lambda m: m.group(1) or "\n", html)


class Slimmer:
    """The same, as the site is written: pages are compacted on their way to the disk (no second
    read and write of a 30 MB site) and what their stylesheet must style is noted; `finish` does
    the files the build copied as they were (a teacher's own .html) and makes the stylesheet."""

    def __init__(self):
        self.seen = Seen()
        self.done: set[Path] = set()

    def page(self, html: str, dest: str | Path) -> str:
        self.seen.add(html)
        self.done.add(Path(dest).resolve())
        return compact_html(html)

    def finish(self, site: Path | str) -> dict[str, int]:
        return slim_site(site, skip=self.done, seen=self.seen)


class Seen:
    """What the pages that link the site's stylesheet use: classes (from `class` attributes and any
    `md-…`/`hvs-…` word, as the head's inline script adds `hvs-js`), `dir`/`data-md-*` attribute
    values, elements and custom properties (inline styles); and the classes of the other pages
    (worksheets)."""

    def __init__(self):
        self.classes: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.properties: set[str] = set()
        self.tags: set[str] = set()
        self.elsewhere: set[str] = set()  # classes of the pages that do not link it

    def add(self, html: str) -> None:
        if _LINKS_BUNDLE not in html:
            self.elsewhere |= cssprune.classes_in_html(html)
            return
        self.classes |= cssprune.classes_in_html(html) | set(cssprune._SCRIPT_CLASS.findall(html))
        self.attributes |= cssprune.attributes_in_html(html)
        self.properties |= set(cssprune._PROPERTY.findall(html))
        self.tags |= cssprune.tags_in_html(html)

    def merge(self, other: Seen) -> None:
        """Add what another page used (the live preview keeps it for a page it does not render again)."""
        self.classes |= other.classes
        self.attributes |= other.attributes
        self.properties |= other.properties
        self.tags |= other.tags
        self.elsewhere |= other.elsewhere


def slim_site(site: Path | str, skip: set[Path] = frozenset(), seen: Seen | None = None) -> dict[str, int]:
    """Compact every page (but those in `skip`, already `seen`) and make the site's stylesheet and
    script; returns bytes saved by each step."""
    site = Path(site)
    saved, seen = 0, seen or Seen()
    for path in site.rglob("*.html"):
        if path.resolve() in skip:
            continue
        html = path.read_text(encoding="utf-8")
        seen.add(html)
        compact = compact_html(html)
        if compact != html:
            path.write_text(compact, encoding="utf-8")
            saved += len(html.encode()) - len(compact.encode())
    return {"html": saved, "css": bundle(site, seen)}


def _parts(site: Path, pattern: str) -> list[Path]:
    return sorted(site.glob(pattern)) if "*" in pattern else [p for p in [site / pattern] if p.is_file()]


def bundle(site: Path, seen: Seen) -> int:
    """Join the theme's stylesheets and scripts into one file each, the stylesheet pruned for what
    the pages use; returns the bytes the pruning saved. A site without the theme's own stylesheet
    (a theme without the overrides) keeps Material's files, pruned."""
    if not (site / "assets/hocvuso/hocvuso.css").is_file():
        pruned = cssprune.prune_site(site, page_classes=seen.classes)
        return sum(before - after for before, after in pruned.values())
    scripts = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.js"))
    used = seen.classes | cssprune.classes_in_script(scripts)
    # Material's rules for what the pages use; of the theme's own, all but the rules for classes only
    # other pages have (the worksheets' in print.css): a class a lesson may gain (a note box
    # written in Markdown) keeps its styles.
    theirs = cssprune.Except(seen.elsewhere - used)
    css, before = [], 0
    for pattern, media in _STYLES:
        for path in _parts(site, pattern):
            text = path.read_text(encoding="utf-8")
            before += len(text.encode())
            if pattern.startswith("assets/stylesheets/"):
                text = cssprune.prune(text, used, seen.attributes, seen.tags)
            else:
                text = cssprune.prune(text, theirs)
            css.append(f"@media {media}{{{text}}}" if media else text)
            if path.relative_to(site).as_posix() not in _KEPT:
                path.unlink()
    text = cssprune.drop_unused_properties("\n".join(css), scripts + " ".join(seen.properties))
    (site / STYLE_BUNDLE).write_text(text, encoding="utf-8")
    for joined, names in _SCRIPTS.items():
        js = [(site / name).read_text(encoding="utf-8") for name in names if (site / name).is_file()]
        # each file is a statement list: a `;` between them keeps one from running into the next
        (site / joined).write_text(";\n".join(js), encoding="utf-8")
    for name in {name for names in _SCRIPTS.values() for name in names} - _KEPT:
        (site / name).unlink(missing_ok=True)
    if (site / "assets/stylesheets").is_dir() and not any((site / "assets/stylesheets").iterdir()):
        (site / "assets/stylesheets").rmdir()
    return before - len(text.encode())
