"""Images prepared for cheap phones at build time: resized, recompressed, cached; originals untouched.

A teacher's 4 MB phone photo becomes a WebP of at most `MAX_WIDTH` pixels and `BUDGET` bytes, plus
a `SMALL_WIDTH` copy for small screens (`srcset`). WebP, because every browser the course targets
(Chrome and Android WebView since 2019, any current browser) shows it, and it is about a third
smaller than JPEG at the same look; no JPEG/PNG fallback is shipped, so the site and the USB copy
carry each picture once. SVG drawings are minified, never rasterised.

Results are kept in `<course>/.cache/hocvuso-media/`, named by a hash of the original's bytes and
the settings, so a rebuild reprocesses only images that changed. Pillow does the imaging.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path


class _Later:
    """A module imported on first use: Pillow (2 MB, 20 ms) only for a course that has pictures."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)


Image, ImageOps = _Later("PIL.Image"), _Later("PIL.ImageOps")

MAX_WIDTH = 960  # a phone's screen at 2x is 720 px wide: sharp there, and on a projector
SMALL_WIDTH = 480  # 360 px screens at 1x-1.33x; made only where the main image is much wider
BUDGET = 150_000  # bytes: no image a learner downloads is larger
RASTER = frozenset({".jpg", ".jpeg", ".png", ".webp"})
SVG = ".svg"
CACHE_FOLDER = ".cache/hocvuso-media"
# Change when the output would change, so old cached results are not reused.
PARAMS = f"w{MAX_WIDTH}-s{SMALL_WIDTH}-b{BUDGET // 1000}-v1"
_QUALITIES = (80, 70, 60, 50, 40)

# Counted by the tests: a rebuild with no changed image must encode nothing.
encodes = 0


@dataclass(frozen=True)
class Variant:
    name: str  # the site file name (no folder): `photo.webp`, `photo-480.webp`, `map.svg`
    path: Path  # the prepared file, in the cache
    width: int
    height: int


@dataclass(frozen=True)
class Prepared:
    """A teacher's image and what the site ships instead."""

    original: Path
    before: int  # bytes of the original
    main: Variant
    small: Variant | None = None

    @property
    def variants(self) -> list[Variant]:
        return [self.main] + ([self.small] if self.small else [])

    @property
    def after(self) -> int:
        """Bytes a learner downloads at most for this image."""
        return max(v.path.stat().st_size for v in self.variants)


def is_image(path: Path) -> bool:
    return path.suffix.lower() in RASTER or path.suffix.lower() == SVG


def prepare(path: Path, cache: Path) -> Prepared | None:
    """The prepared form of an image file, from the cache or made now; None if it is not an image
    this module prepares (or Pillow cannot read it: the original is shipped as it is)."""
    suffix = path.suffix.lower()
    if suffix not in RASTER and suffix != SVG:
        return None
    data = path.read_bytes()
    key = f"{hashlib.sha256(data).hexdigest()[:24]}-{PARAMS}"
    if suffix == SVG:
        out = cache / f"{key}.svg"
        if not out.is_file():
            _write(out, minify_svg(data.decode("utf-8", "replace")).encode("utf-8"))
        width, height = svg_size(out.read_text(encoding="utf-8"))
        return Prepared(path, len(data), Variant(path.name, out, width, height))
    main_file, small_file = cache / f"{key}.webp", cache / f"{key}-{SMALL_WIDTH}.webp"
    if not main_file.is_file():
        try:
            encoded = _encode(data)
        except (OSError, ValueError, Image.DecompressionBombError):
            return None
        if encoded is None:
            return None
        main_bytes, small_bytes = encoded
        if small_bytes:
            _write(small_file, small_bytes)
        _write(main_file, main_bytes)  # last: its presence says the entry is complete
    stem = _stem(path)
    main = Variant(f"{stem}.webp", main_file, *_size(main_file))
    small = Variant(f"{stem}-{SMALL_WIDTH}.webp", small_file, *_size(small_file)) if small_file.is_file() else None
    return Prepared(path, len(data), main, small)


def _stem(path: Path) -> str:
    """`photo.jpg` -> `photo`; `photo-jpg` when another image of the folder is also `photo.*`."""
    twins = [p for p in path.parent.iterdir() if p.stem == path.stem and p.suffix.lower() in RASTER]
    if len(twins) > 1 and path.suffix.lower() != ".webp":
        return f"{path.stem}-{path.suffix.lower().lstrip('.')}"
    return path.stem


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.size


def _write(path: Path, data: bytes) -> None:
    """Atomically: two builds at once, or a build stopped midway, never leave half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)  # mkstemp's 0600 would follow the file into the site
    os.replace(tmp, path)


def _encode(data: bytes) -> tuple[bytes, bytes | None] | None:
    """(main WebP, small WebP or None); None for an animation (shipped as it is)."""
    global encodes
    encodes += 1
    with Image.open(io.BytesIO(data)) as source:
        if getattr(source, "is_animated", False):
            return None
        source.draft("RGB", (MAX_WIDTH, MAX_WIDTH))  # JPEG: decode at a fraction of the size, much faster
        image = ImageOps.exif_transpose(source)  # phones store "rotated" in EXIF; the EXIF itself is dropped
        alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        image = image.convert("RGBA" if alpha else "RGB")
        graphic = source.format in ("PNG", "GIF")  # screenshots, drawings: lossless may be smaller
    main = _fit(image, MAX_WIDTH, graphic)
    width = Image.open(io.BytesIO(main)).size[0]
    small = _fit(image, SMALL_WIDTH, graphic) if width >= SMALL_WIDTH * 3 // 2 else None
    return main, small


def _fit(image: Image.Image, max_width: int, graphic: bool) -> bytes:
    """The image at most `max_width` wide, as WebP within the budget: lower quality first, then
    fewer pixels (rare: a real photo at 960 px fits at the first or second quality)."""
    width, qualities = min(max_width, image.width), _QUALITIES
    while True:
        resized = (
            image
            if width == image.width
            else image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        )
        candidates = [_webp(resized, lossless=True)] if graphic else []
        for quality in qualities:
            candidates.append(_webp(resized, quality=quality))
            if len(candidates[-1]) <= BUDGET:
                break
        best = min(candidates, key=len)
        if len(best) <= BUDGET or width <= 160:
            return best
        # Bytes grow with the pixels: aim just under the budget, at the lowest quality already tried.
        width, qualities = max(160, int(width * (BUDGET / len(best)) ** 0.5 * 0.95)), qualities[-1:]


def _webp(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "WEBP", method=4, **options)
    return out.getvalue()


# --- SVG ---------------------------------------------------------------------------------------

_SVG_DROP = [
    re.compile(p, re.S | re.I)
    for p in (
        r"<!--.*?-->",
        r"<\?xml[^>]*\?>\s*",
        r"<!DOCTYPE[^>]*>\s*",
        r"<metadata\b.*?</metadata>",
        r"<sodipodi:namedview\b[^>]*/>",
        r"<sodipodi:namedview\b.*?</sodipodi:namedview>",
    )
]
_SVG_EDITOR_ATTR = re.compile(r'\s(?:inkscape|sodipodi):[\w-]+="[^"]*"')
_SVG_INDENT = re.compile(r">\s*\n\s*<")
_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.I)
_SVG_NUM = r'="\s*([0-9.]+)(?:px)?\s*"'


def minify_svg(text: str) -> str:
    """Comments, metadata, editor leftovers and indentation removed; drawing and text unchanged."""
    for pattern in _SVG_DROP:
        text = pattern.sub("", text)
    text = _SVG_EDITOR_ATTR.sub("", text)
    return _SVG_INDENT.sub(">\n<", text).strip() + "\n"


def svg_size(text: str) -> tuple[int, int]:
    """The drawing's width and height (from width/height, else the viewBox); (0, 0) if unknown."""
    root = _SVG_ROOT.search(text)
    if not root:
        return 0, 0
    tag = root.group(0)
    width, height = (re.search(rf"\s{name}{_SVG_NUM}", tag) for name in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = re.search(r'viewBox="\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*"', tag)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else (0, 0)
