"""The one-file edition: each competency area as one self-contained HTML file.

For passing the course from phone to phone (Zalo, Bluetooth, a Downloads folder), where a folder of
linked pages does not survive the trip. Each file holds the area's overview and lessons, their
images as `data:` URIs, a small stylesheet of its own plus the self-assessment styles, and the
self-assessment script with this area's part of the course data; it loads nothing else. It is made
from the pages' final HTML content and the built site's files (so the script is the site's, with
the plugin's prelude), and does not depend on MkDocs.

Links between pages become links inside the file (`#section`), or to the sibling file of another
area (`hocvuso-2-giao-tiep.html#...`), which works when both files sit in the same folder. Links to
pages that have no one-file form (home, results, learning paths) are kept as plain text.
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
import posixpath
import re
from collections import Counter
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import csp, media, render, slim
from .messages import dist_text, ui
from .model import Area, Course

ASSETS = Path(__file__).parent / "assets"
STYLE_ASSET = "assets/hocvuso/hocvuso.css"

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*)?)>")
_ATTR = re.compile(r'(\s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')
_SCRIPT_SRC = re.compile(r'<script\b[^>]*?\ssrc="([^"]*)"[^>]*>\s*</script>', re.IGNORECASE)
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
# Attributes that name elements by id: rewritten with the ids they point to.
_ID_REFS = {"for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"}


def file_name(area: Area) -> str:
    return f"hocvuso-{area.folder}.html"


def section_id(page: str) -> str:
    """The id of a page's section in its area's file: `4-an-toan/01-otp.md` -> `hvs-4-an-toan-01-otp`."""
    return "hvs-" + posixpath.splitext(page)[0].replace("/", "-")


def _inline(text: str, end_tag: str) -> str:
    """Text safe inside <script> or <style>: it must not close the element early."""
    return re.sub(f"</({end_tag})", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def lms_script() -> str:
    """The LMS unit (SCORM 1.2 API: score, status, answers kept by the LMS), for the packages only."""
    return slim.compact_asset((ASSETS / "lms.js").read_text(encoding="utf-8"))


class _AreaFile:
    """One area's file being assembled: its sections, and how ids and links are rewritten."""

    def __init__(self, course: Course, area: Area, pages: dict[str, str], site: Path):
        self.area, self.site = area, site
        self.order = [page for page, _ in area.pages()]  # overview, lessons, modules' pages
        self.owner = {page: a for a in course.areas for page, _ in a.pages()}
        self.by_url = {render.page_url(page): page for page in pages}
        self.pages = pages
        self.data_uris: dict[Path, str] = {}
        # An id used by more than one section (a heading, the quiz title) gets the section's prefix.
        ids = {page: set(_ID.findall(pages.get(page, ""))) for page in self.order}
        seen = Counter(name for names in ids.values() for name in names)
        self.renamed = {
            page: {name: f"{section_id(page)}-{name}" for name in names if seen[name] > 1}
            for page, names in ids.items()
        }

    def section(self, page: str) -> str:
        # The file brings its own scripts (see area_document); a page's script files are not there.
        html = _TAG.sub(lambda m: self._tag(page, m), _SCRIPT_SRC.sub("", self.pages.get(page, "")))
        html = media.onefile_away(html, render.page_url(page), "khoa-hoc")  # dist.SITE_FOLDER, beside this file's
        return f'<section class="hvs-onefile-page" id="{section_id(page)}">{html}</section>'

    def _file(self, page: str, url: str) -> Path | None:
        """The site file a relative URL of a page points to, if there is one."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = (self.site / posixpath.dirname(render.page_url(page)) / unquote(parts.path)).resolve()
        return path if path.is_file() and path.is_relative_to(self.site.resolve()) else None

    def _tag(self, page: str, match: re.Match) -> str:
        name, attrs = match.group(1).lower(), match.group(2)
        renamed = self.renamed[page]

        def attr(m: re.Match) -> str:
            space, key, value = m.groups()
            key_l = key.lower()
            if key_l == "id":
                value = renamed.get(value, value)
            elif key_l in _ID_REFS:
                value = " ".join(renamed.get(v, v) for v in value.split())
            elif key_l == "href" and media.CLIP in attrs:  # a question's recorded clip: carried, like an image
                value = self._data_uri(page, value)
            elif key_l == "href":
                value = self._href(page, value)
                if value is None:
                    return ""
            elif (key_l == "src" and name in ("img", "source", "audio", "video", "track")) or key_l == "poster":
                value = self._data_uri(page, value)
            elif key_l in ("srcset", "sizes"):  # one embedded copy of each image: the `src`
                return ""
            return f'{space}{key}="{value}"'

        return f"<{match.group(1)}{_ATTR.sub(attr, attrs)}>"

    def _href(self, page: str, value: str) -> str | None:
        """Where a link goes in the one-file edition; None drops the link and keeps its text."""
        raw = unquote(value)
        if raw.startswith("#"):  # unquoted: escaped again, it goes back into an attribute
            return "#" + escape(self.renamed[page].get(raw[1:], raw[1:]))
        parts = urlsplit(raw)
        if parts.scheme or parts.netloc:
            return value  # another site, mailto:, tel:: as it is
        target = self.by_url.get(
            posixpath.normpath(
                posixpath.join(posixpath.dirname(render.page_url(page)), parts.path or render.page_url(page))
            )
        )
        area = self.owner.get(target)
        if area is None:
            return None
        if area is not self.area:
            return f"{file_name(area)}#{section_id(target)}"
        if parts.fragment:
            return "#" + escape(self.renamed[target].get(parts.fragment, parts.fragment))
        return "#" + section_id(target)

    def _data_uri(self, page: str, value: str) -> str:
        path = self._file(page, value)
        if path is None or not media.onefile_inlines(path):  # long audio and video: linked (media.onefile_away)
            return value
        if path not in self.data_uris:
            mime = media.mime_type(path) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.data_uris[path] = f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
        return self.data_uris[path]


def area_document(
    course: Course, area: Area, pages: dict[str, str], site: Path, site_name: str, date: str, lms: bool = False
) -> str:
    """The whole HTML file of one area; `lms`: with the LMS unit (a Kolibri package)."""
    doc = _AreaFile(course, area, pages, site)
    sections = "\n".join(doc.section(page) for page in doc.order)
    player = media.MARK in sections  # the narration player's script and styles, only where needed
    style = _inline(
        (ASSETS / "onefile.css").read_text(encoding="utf-8")
        + _read(site / STYLE_ASSET)
        + _read(site / render.PRACTICE_STYLE)
        + (_read(site / media.STYLE) if player else ""),
        "style",
    )
    # The progress box of the overview needs the course's structure: this area's part only, so a file
    # does not grow with the whole course. Then the site's script, with the plugin's prelude.
    script = _inline(
        render.course_data_script(dataclasses.replace(course, areas=[area]))
        + render.progress_views(_read(site / render.COURSE_DATA_ASSET))
        + (lms_script() if lms else "")
        + _read(site / render.SCRIPT_ASSET)
        + (_read(site / media.SCRIPT) if player else ""),
        "script",
    )
    contents = [(area.page, dist_text("onefile_overview"))] + area.pages()[1:]
    toc = "".join(f'<li><a href="#{section_id(page)}">{escape(title)}</a></li>' for page, title in contents)
    title = f"{area.code}. {area.name}"
    # The file's one script is allowed by its hash; any other (from a lesson's raw HTML) is not.
    policy = csp.policy(f"<script>{script}</script>", self_scripts=False)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(ui("site_lang"))}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy, quote=False)}">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)} – {escape(site_name)}</title>\n<style>{style}</style>\n</head>\n"
        f'<body class="hvs-onefile">\n<header class="hvs-onefile-head">'
        f'<p class="hvs-onefile-site">{escape(site_name)}</p>'
        f'<p class="hvs-onefile-note">{escape(dist_text("onefile_note", site_name=site_name, date=date))}</p>'
        f'<nav class="hvs-onefile-toc" aria-labelledby="hvs-toc-title"><h2 id="hvs-toc-title">'
        f"{escape(dist_text('onefile_contents'))}: {escape(title)}</h2><ol>{toc}</ol></nav></header>\n"
        f"<main>\n{sections}\n</main>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def write_onefiles(
    course: Course, pages: dict[str, str], site: Path, out: Path, site_name: str, date: str
) -> list[Path]:
    """Write one file per area that has lessons into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for area in course.areas:
        if not area.lessons:
            continue
        path = out / file_name(area)
        path.write_text(area_document(course, area, pages, Path(site), site_name, date), encoding="utf-8")
        written.append(path)
    return written
