"""Media on course pages: prepared images, recorded narration, local video with captions.

The policy lives here; the host adapter only ships the files `Media.site_files` names instead of
the teacher's originals, and the plan runs each page's HTML through `Media.rewrite`:
- images: the prepared WebP (`generator/images.py`) with `srcset`, `width`/`height` (no layout
  shift) and `loading="lazy"` for all but a page's first image;
- `<video>`/`<audio>`: `controls`, `preload="none"`, never autoplay; a video's captions are a
  `<track kind="captions" srclang="vi" default>` (its own, or the `.vtt` file beside the video);
- a lesson's recorded narration (`audio:` in its front matter): a large player at the top.
Large audio and video are neither precached by the service worker nor inlined in the one-file
edition (`precache_excluded`, `onefile_inlines`).
"""

from __future__ import annotations

import base64
import posixpath
import re
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import images
from .messages import ui

AUDIO = frozenset({".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".wav"})
VIDEO = frozenset({".mp4", ".webm", ".ogv", ".m4v"})
CAPTIONS = ".vtt"
AUDIO_WARN = 5_000_000  # bytes: 20 minutes of speech at 32 kbit/s; larger is more than a narration needs
VIDEO_WARN = 20_000_000  # bytes: 5 minutes at 480p and 500 kbit/s
# A question's or option's clip reads a sentence or two: 500 KB is two minutes of speech at
# 32 kbit/s. Below it, clips stay under LARGE_MEDIA: on the phone before they are played.
CLIP_WARN = 500_000
# Audio and video above this are not kept on the phone before they are played (the service worker
# caches them once played) and are linked, not inlined, in the one-file edition.
LARGE_MEDIA = 1_000_000
SCRIPT = "assets/hocvuso/media.js"
STYLE = "assets/hocvuso/media.css"
MARK = "data-hvs-media"  # on every element media.js or media.css serve
CLIP = "data-hvs-clip"  # a question's or option's recorded clip: a link to the file media.js plays
# The content column is the screen's width on a phone, at most ~720 px on a computer.
SIZES = "(max-width: 760px) 100vw, 720px"

_ELEMENT = re.compile(r"<(video|audio)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.I)
_LINK = re.compile(r"<a\b([^>]*)>", re.I)
_TRACK = re.compile(r"<track\b([^>]*?)\s*/?>", re.I)
_SOURCE = re.compile(r"<source\b([^>]*?)\s*/?>", re.I)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def attributes(text: str) -> dict[str, str | None]:
    """An HTML tag's attributes (values unescaped; None for a bare attribute like `controls`)."""
    found: dict[str, str | None] = {}
    for m in _ATTR.finditer(text):
        value = next((v for v in m.groups()[1:] if v is not None), None)
        found.setdefault(m.group(1).lower(), None if value is None else unescape(value))
    return found


def tag(name: str, attrs: dict[str, str | None]) -> str:
    return f"<{name}" + "".join(f" {k}" if v is None else f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def local_target(page: str, url: str | None) -> str | None:
    """The content-folder path a page's relative URL points to; None for other sites and anchors."""
    parts = urlsplit(url or "")
    if not parts.path or parts.scheme or parts.netloc or url.startswith(("/", "#")):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return None if path.startswith("../") or path == ".." else path


def url_from(page: str, target: str) -> str:
    return quote(posixpath.relpath(target, posixpath.dirname(page) or "."))


def precache_excluded(path: str, size: int) -> bool:
    """True for site files the service worker should not download before a learner plays them:
    audio and video above `LARGE_MEDIA` (a phone's storage is small; the worker keeps what was played)."""
    return Path(path).suffix.lower() in AUDIO | VIDEO and size > LARGE_MEDIA


# Not every system's MIME table knows these (a data: URI with the wrong type shows nothing).
_TYPES = {
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".vtt": "text/vtt",
    ".m4a": "audio/mp4",
    ".opus": "audio/ogg",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".aac": "audio/aac",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
}


def mime_type(path: Path) -> str | None:
    return _TYPES.get(Path(path).suffix.lower())


def onefile_inlines(path: Path) -> bool:
    """Whether the one-file edition carries this file inside it (images, short clips)."""
    return Path(path).suffix.lower() not in AUDIO | VIDEO or path.stat().st_size <= LARGE_MEDIA


class Media:
    """The media of one course's content folder, for one build."""

    def __init__(self, content: Path, cache: Path):
        self.content = content.resolve()
        self.cache = cache
        self._prepared: dict[str, images.Prepared | None] = {}

    def prepared(self, src: str) -> images.Prepared | None:
        if src not in self._prepared:
            path = self.content / src
            self._prepared[src] = images.prepare(path, self.cache) if images.is_image(path) and path.is_file() else None
        return self._prepared[src]

    def site_files(self, src: str, abs_path: str | None) -> list[tuple[str, Path]] | None:
        """What the site ships instead of a file of the content folder, as (site path, file)
        pairs; None to ship the file as it is (not a prepared image, or not the teacher's)."""
        if not abs_path or not Path(abs_path).resolve().is_relative_to(self.content):
            return None
        prepared = self.prepared(src)
        if prepared is None:
            return None
        return [(posixpath.join(posixpath.dirname(src), v.name), v.path) for v in prepared.variants]

    def _image_url(self, page: str, target: str, variant) -> str:
        return url_from(page, posixpath.join(posixpath.dirname(target), variant.name))

    def rewrite(self, html: str, page: str) -> str:
        """A page's HTML (from its Markdown) with its media made light and accessible."""
        first = [True]

        def img(m: re.Match) -> str:
            attrs = attributes(m.group(1))
            target = local_target(page, attrs.get("src"))
            if target and Path(target).suffix.lower() in VIDEO:  # ![a short film](clip.mp4)
                label = attrs.get("alt") or None
                return self._media("video", {"src": attrs["src"], "aria-label": label}, "", page)
            prepared = self.prepared(target) if target else None
            if prepared:
                attrs["src"] = self._image_url(page, target, prepared.main)
                if prepared.small:
                    attrs["srcset"] = (
                        f"{self._image_url(page, target, prepared.small)} {prepared.small.width}w, "
                        f"{attrs['src']} {prepared.main.width}w"
                    )
                    attrs["sizes"] = SIZES
                if "width" not in attrs and "height" not in attrs and prepared.main.width:
                    attrs["width"], attrs["height"] = str(prepared.main.width), str(prepared.main.height)
            if not first[0]:
                attrs.setdefault("loading", "lazy")
            first[0] = False
            attrs.setdefault("decoding", "async")
            return tag("img", attrs)

        def link(m: re.Match) -> str:
            attrs = attributes(m.group(1))
            target = local_target(page, attrs.get("href"))
            prepared = self.prepared(target) if target else None
            if not prepared:
                return m.group(0)
            attrs["href"] = self._image_url(page, target, prepared.main)
            return tag("a", attrs)

        html = _ELEMENT.sub(lambda m: self._media(m.group(1).lower(), attributes(m.group(2)), m.group(3), page), html)
        return _LINK.sub(link, _IMG.sub(img, html))

    def _media(self, name: str, attrs: dict, inner: str, page: str) -> str:
        """A `<video>` or `<audio>` as the course ships it."""
        attrs.pop("autoplay", None)
        attrs = {k: v for k, v in attrs.items() if v is not None or k != "aria-label"}
        attrs.update({"controls": None, "preload": "none", MARK: None})
        poster = local_target(page, attrs.get("poster"))
        if poster and (prepared := self.prepared(poster)):
            attrs["poster"] = self._image_url(page, poster, prepared.main)
        if name == "video":
            inner = self._captions(attrs, inner, page)
        return tag(name, attrs) + inner + f"</{name}>"

    def _captions(self, attrs: dict, inner: str, page: str) -> str:
        """The video's first track as Vietnamese captions shown by default (the `.vtt` beside the
        video when it has none), carried in the page: Chrome refuses a caption file from file://."""
        tracks = list(_TRACK.finditer(inner))
        if not tracks:
            src = local_target(page, attrs.get("src") or _first_source(inner))
            vtt = posixpath.splitext(src)[0] + CAPTIONS if src else None
            if not vtt or not (self.content / vtt).is_file():
                return inner
            return inner + tag("track", {"src": self._inline_captions(page, url_from(page, vtt))} | _caption_attrs({}))
        first = attributes(tracks[0].group(1))
        first["src"] = self._inline_captions(page, first.get("src"))
        return inner[: tracks[0].start()] + tag("track", first | _caption_attrs(first)) + inner[tracks[0].end() :]

    def _inline_captions(self, page: str, src: str | None) -> str | None:
        target = local_target(page, src)
        path = self.content / target if target else None
        if not path or not path.is_file() or path.stat().st_size > LARGE_MEDIA:
            return src
        return "data:text/vtt;base64," + base64.b64encode(path.read_bytes()).decode("ascii")

    def narration(self, page: str, audio: str | None) -> str:
        """The large player of a lesson's recorded narration (`audio`: content-folder path)."""
        if not audio:
            return ""
        data = {
            "src": url_from(page, audio),
            "controls": None,
            "preload": "metadata",
            MARK: None,
            "data-hvs-key": page,
            **{f"data-{k}": ui(f"media.{k}") for k in ("play", "pause", "back", "speed", "position")},
        }
        return (
            f'<section class="hvs-narration" data-hvs-narration aria-label="{escape(ui("media.narration_title"))}">'
            f'<p class="hvs-narration-title">{escape(ui("media.narration_title"))}</p>'
            f"{tag('audio', data)}</audio></section>"
        )


def _first_source(inner: str) -> str | None:
    found = _SOURCE.search(inner)
    return attributes(found.group(1)).get("src") if found else None


def _caption_attrs(attrs: dict) -> dict:
    kind = attrs.get("kind") if attrs.get("kind") in ("captions", "subtitles") else "captions"
    return {
        "kind": kind,
        "srclang": attrs.get("srclang") or "vi",
        "label": attrs.get("label") or ui("media.captions_label"),
        "default": None,
    }


def onefile_away(html: str, page_url: str, site_folder: str) -> str:
    """For the one-file edition, after its own inlining: an audio or video it did not inline (too
    large to pass from phone to phone) becomes a note with a link into the full site beside it."""

    def away(m: re.Match) -> str:
        src = attributes(m.group(2)).get("src") or _first_source(m.group(3)) or ""
        if not src or src.startswith("data:") or urlsplit(src).scheme:
            return m.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(src)))
        href = quote(posixpath.join("..", site_folder, target))
        return (
            f'<p class="hvs-media-away" {MARK}>{escape(ui("media.onefile_away", folder=site_folder))} '
            f'<a href="{href}">{escape(posixpath.basename(target))}</a></p>'
        )

    return _ELEMENT.sub(away, html)


def quiz_clips(quiz) -> list[str]:
    """The recorded clips of a lesson's quiz (its questions' and options'), relative to the content folder."""
    from .questions import get

    return [clip for q in (quiz.questions if quiz else []) for clip in get(q.type).clip_files(q)]


def with_assets(html: str, page: str, clips: bool = False) -> str:
    """The page's content, with the player's script and styles if it has media or its quiz has
    clips (`clips`: the quiz is rendered later); pages without media load nothing more."""
    if MARK not in html and not clips:
        return html
    return (
        f'{html}<link rel="stylesheet" href="{url_from(page, STYLE)}">'
        f'<script src="{url_from(page, SCRIPT)}" defer></script>'
    )
