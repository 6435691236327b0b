"""Draw the home-screen icons (issue 19): `python -m benchmarks.make_icons` writes
theme/assets/hocvuso/icons/icon.svg and the PNG sizes Chrome's install prompt needs (192, 512;
Android WebView before 2021 does not take an SVG icon). A tick on a dark green square: "learned".
The PNGs are committed; run this again only to change the drawing."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "theme" / "assets" / "hocvuso" / "icons"
GREEN, WHITE = "#1b5e20", "#ffffff"
# The tick, in a 100 x 100 square, inside the middle 80 % that "maskable" icons keep.
TICK = [(27, 52), (43, 68), (74, 34)]

SVG = (
    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="{GREEN}"/>'
    f'<polyline points="{" ".join(f"{x},{y}" for x, y in TICK)}" fill="none" stroke="{WHITE}" stroke-width="11" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
)


def png(size: int) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges without an SVG renderer
    big = Image.new("RGB", (size * scale, size * scale), GREEN)
    k = size * scale / 100
    points = [(x * k, y * k) for x, y in TICK]
    width = round(11 * k)
    draw = ImageDraw.Draw(big)
    draw.line(points, fill=WHITE, width=width, joint="curve")
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return big.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(SVG, encoding="utf-8")
    for size in (192, 512):
        png(size).save(OUT / f"icon-{size}.png", optimize=True)
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
