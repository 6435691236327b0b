"""Make a built site lighter without changing what a learner sees (run once, after the build).

- Pages: the indentation MkDocs' templates leave between tags becomes one line break (≈ 5% of a
  600-lesson site); the hooks of Material's script (not shipped) go. Whitespace between two tags renders the same whatever its length, except
  inside <pre> and <textarea>, which are left alone, as are scripts and styles; text and
  attribute values are never touched.
- Material's stylesheet: the rules no page can match are dropped (see cssprune).
- One stylesheet and one script per page (issue 21): Material's stylesheet and palette and the
  theme's own are joined into `bundle.css`, the self-assessment, reader and page scripts into
  `bundle.js` (theme/main.html links only those two), the results page's views, code and share box into `results.js`. A file a page no longer links leaves the
  site, but for the ones other editions read: hocvuso.js and hocvuso.css (one-file edition, SCORM
  and Kolibri packages) and print.css (the worksheets).
"""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path

from . import cssprune, incremental
from .search import SHARD_FOLDER

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
    # the results page's progress views (course.js without the course: results_page.py), results
    # code and share box (roster.share_section); the QR code maker is fetched when the box is seen
    RESULTS_BUNDLE: (
        "assets/hocvuso/course.js",
        "assets/hocvuso/results-code.js",
        "assets/hocvuso/results-share.js",
    ),
}
_COURSE = "assets/hocvuso/course.js"
_COURSE_LINE = "var HVS_COURSE = "
# Files no page links any more that stay: the one-file edition and the packages read hocvuso.js and
# hocvuso.css, the worksheets link print.css and page.js, the class roster results-code.js; the home,
# area and results pages load course.js when the learner has progress.
_KEPT = {
    "assets/hocvuso/hocvuso.js",
    "assets/hocvuso/hocvuso.css",
    "assets/hocvuso/print.css",
    "assets/hocvuso/results-code.js",
    _COURSE,
    "assets/hocvuso/page.js",
}
_LINKS_BUNDLE = 'hocvuso/bundle.css"'
_PIECES = re.compile(r"\n(?=<)")
_SHORT_PIECE = 300  # longer ones (a lesson's paragraphs) are rarely seen twice: not kept

_KEEP_AS_IS = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BETWEEN_TAGS = re.compile(r">[ \t\r]*\n[ \t\r\n]*(?=<)")


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


# Material's base.html leaves hooks for its script, which the theme does not ship (main.html): the
# `data-md-component`/`data-md-type` names no stylesheet rule or script of ours reads, and two
# empty boxes only that script fills (the announcement bar, the "copied" dialog).
_SCRIPT_HOOKS = re.compile(
    r'<div data-md-component="announce">\s*</div>\n?'
    r'|<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>\n?'
    r'| data-md-(?:component|type)="[a-z]+"'
)


def drop_script_hooks(html: str) -> str:
    """A Material page without the hooks of Material's script (≈ 400 bytes a page, issue 21)."""
    return _SCRIPT_HOOKS.sub("", html) if 'data-md-component="' in html else html


def compact_html(html: str) -> str:
    """Whitespace between tags that holds a line break -> one line break.

    The stretches between the elements kept as they are go through one `sub` each (no Python call
    per line break: 4x faster); each stretch is cut with the `>` before it and the `<` after it, so
    that its first and last gaps are seen between two tags, and the two are then left out again."""
    out, start, skip = [], 0, 0
    for kept in _KEEP_AS_IS.finditer(html):
        out.append(_BETWEEN_TAGS.sub(">\n", html[start : kept.start() + 1])[skip:-1])
        out.append(kept.group())
        start, skip = kept.end() - 1, 1  # from the kept element's closing `>`
    out.append(_BETWEEN_TAGS.sub(">\n", html[start:])[skip:])
    return "".join(out)


class Slimmer:
    """The same, as the site is written: pages are compacted on their way to the disk (no second
    read and write of a 30 MB site) and what their stylesheet must style is noted; `finish` does
    the files the build copied as they were (a teacher's own .html) and makes the stylesheet."""

    def __init__(self):
        self.seen = Seen()
        self.done: set[Path] = set()
        self._read: set[str] = set()  # what Seen.add need not read again
        self._folders: dict[str, Path] = {}  # each folder resolved once, not each page (0.14 s at 600)

    def page(self, html: str, dest: str | Path) -> str:
        self.seen.add(html, self._read)
        folder, name = os.path.split(os.fspath(dest))
        if (resolved := self._folders.get(folder)) is None:
            resolved = self._folders[folder] = Path(folder).resolve()
        self.done.add(resolved / name)
        return compact_html(drop_script_hooks(html))

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

    def add(self, html: str, read: set[str] | None = None) -> None:
        """Note what a page uses; `read`: the short pieces of the pages read before, which this one
        adds to."""
        if _LINKS_BUNDLE not in html:
            self.elsewhere |= cssprune.classes_in_html(html)
            return
        # A short piece read on an earlier page (most of the header, navigation and footer) is not
        # read again. Pieces are cut at a line break before a tag, which no attribute value read
        # here holds, and joined again by a line break: each is read as it is in the page.
        if read is not None:
            pieces = [piece for piece in _PIECES.split(html) if len(piece) > _SHORT_PIECE or piece not in read]
            read.update(piece for piece in pieces if len(piece) <= _SHORT_PIECE)
            html = "\n".join(pieces)
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
    site = Path(site).resolve()  # once, not a page: the paths found under it are resolved too (no links in a site)
    saved, seen = 0, seen or Seen()
    for path in site.rglob("*.html"):
        if path in skip:
            continue
        html = path.read_text(encoding="utf-8")
        seen.add(html)
        compact = compact_html(drop_script_hooks(html))
        if compact != html:
            path.write_text(compact, encoding="utf-8")
            saved += len(html.encode()) - len(compact.encode())
    return {"html": saved, "css": bundle(site, seen)}


def _parts(site: Path, pattern: str) -> list[Path]:
    return sorted(site.glob(pattern)) if "*" in pattern else [p for p in [site / pattern] if p.is_file()]


def _script(site: Path, name: str) -> str:
    """A part of a joined script; of course.js, the progress views and their strings, not the course."""
    text = (site / name).read_text(encoding="utf-8")
    if name == _COURSE:
        text = "\n".join(line for line in text.split("\n") if not line.startswith(_COURSE_LINE))
    return text


def _stylesheet(sources: list[tuple[str, str, str]], used: set[str], seen: Seen, properties: frozenset[str]) -> str:
    """Material's rules for what the pages use; of the theme's own, all but the rules for classes
    only other pages have (the worksheets' in print.css): a class a lesson may gain (a note box
    written in Markdown) keeps its styles. Custom properties nothing reads go."""
    theirs = cssprune.Except(seen.elsewhere - used)
    css = []
    for pattern, media, text in sources:
        if pattern.startswith("assets/stylesheets/"):
            text = cssprune.prune(text, used, seen.attributes, seen.tags)
        else:
            text = cssprune.prune(text, theirs)
        css.append(f"@media {media}{{{text}}}" if media else text)
    return cssprune.drop_unused_properties("\n".join(css), " ".join(properties))


def bundle(site: Path, seen: Seen) -> int:
    """Join the theme's stylesheets and scripts into one file each, the stylesheet pruned for what
    the pages use; returns the bytes the pruning saved. A site without the theme's own stylesheet
    (a theme without the overrides) keeps Material's files, pruned."""
    if not (site / "assets/hocvuso/hocvuso.css").is_file():
        pruned = cssprune.prune_site(site, page_classes=seen.classes)
        return sum(before - after for before, after in pruned.values())
    used, readers = set(seen.classes), [" ".join(seen.properties)]
    for path in site.rglob("*.js"):
        if path.relative_to(site).as_posix().startswith(SHARD_FOLDER):
            continue  # the search index's pieces: words search.js shows, not classes a page may gain
        script = path.read_text(encoding="utf-8", errors="replace")
        readers.append(script)
        # the live preview scans again only the scripts that changed
        used |= incremental.memo(("script-classes", path), script, partial(cssprune.classes_in_script, script))
    sources = [
        (pattern, media, path.read_text(encoding="utf-8"))
        for pattern, media in _STYLES
        for path in _parts(site, pattern)
    ]
    before = sum(len(text.encode()) for _, _, text in sources)
    properties = frozenset(cssprune._PROPERTY.findall("\n".join(readers)))
    if incremental.active() is None:
        text = _stylesheet(sources, used, seen, properties)
    else:  # the live preview makes the stylesheet again only if what it is pruned for changed
        words = [incremental.memo(("css-words", p), t, partial(cssprune.selector_words, t)) for p, _, t in sources]
        named = set().union(*words)
        pruned_for = (used & named, seen.elsewhere & named, seen.attributes, seen.tags, properties)
        key = (sources, *map(frozenset, pruned_for))
        text = incremental.memo(("bundle.css", site), key, lambda: _stylesheet(sources, used, seen, properties))
    for path in [path for pattern, _ in _STYLES for path in _parts(site, pattern)]:
        if path.relative_to(site).as_posix() not in _KEPT:
            path.unlink()
    (site / STYLE_BUNDLE).write_text(text, encoding="utf-8")
    for joined, names in _SCRIPTS.items():
        js = [_script(site, name) for name in names if (site / name).is_file()]
        # each file is a statement list: a `;` between them keeps one from running into the next
        (site / joined).write_text(";\n".join(js), encoding="utf-8")
    for name in {name for names in _SCRIPTS.values() for name in names} - _KEPT:
        (site / name).unlink(missing_ok=True)
    if (site / "assets/stylesheets").is_dir() and not any((site / "assets/stylesheets").iterdir()):
        (site / "assets/stylesheets").rmdir()
    return before - len(text.encode())
