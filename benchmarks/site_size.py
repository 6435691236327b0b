"""Where a built site's bytes go (issue 21): by kind of file, and, for the lesson pages, by part of
the page (what every lesson repeats around its own content, and the content itself).

    python -m benchmarks.site_size SITE [--json]

Sizes are raw bytes, as a USB stick or a phone's storage holds them (`du -sb`), not gzip.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

# (kind, pattern of the path inside the site), first match wins
KINDS = (
    ("search page texts (d*.js)", r"assets/hocvuso/search/d\d+\.js$"),
    ("search words and pairs", r"assets/hocvuso/search/"),
    ("search head and script", r"assets/hocvuso/search"),
    ("worksheets", r"phieu/"),
    ("learning paths", r"lo-trinh/"),
    ("assets", r"assets/"),
    ("area and module pages", r"\d-[^/]+/(?:[^/]+/)?index\.html$"),
    ("lesson pages", r"\d-[^/]+/(?:[^/]+/)?\d+-[^/]+\.html$"),
    ("service worker", r"sw\.js$"),
)
# Parts of a lesson page, each from where its marker starts to where the next one's does.
PARTS = (
    ("head", "<!doctype"),
    ("body top", "<body"),
    ("header and search", '<header class="md-header'),
    ("drawer", '<div class="md-container'),
    ("reader bar", '<div class="md-content'),
    ("lesson head", '<header class="hvs-lesson-head'),
    ("lesson text", '<section class="hvs-objectives'),
    ("glossary notes", '<section class="hvs-glossary-notes'),
    ("self-assessment", '<section class="hvs-quiz'),
    ("sheet link and next lesson", '<p class="hvs-sheet-link'),
    ("footer", "</article>"),
)


def kind_of(path: str) -> str:
    return next((kind for kind, pattern in KINDS if re.match(pattern, path)), "other pages and files")


def lesson_parts(html: str) -> dict[str, int]:
    """Bytes of each part of one lesson page (a part it does not have: 0)."""
    found, at = [], 0
    for name, marker in PARTS:
        start = html.find(marker, at)
        if start >= 0:
            found.append((start, name))
            at = start
    found.append((len(html), ""))
    parts = dict.fromkeys((name for name, _ in PARTS), 0)
    for (start, name), (end, _) in zip(found, found[1:]):
        parts[name] = len(html[start:end].encode("utf-8"))
    return parts


def measure(site: Path | str) -> dict:
    site = Path(site)
    kinds: Counter = Counter()
    files: Counter = Counter()
    parts: Counter = Counter()
    lessons = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        kind = kind_of(rel)
        kinds[kind] += path.stat().st_size
        files[kind] += 1
        if kind == "lesson pages":
            lessons += 1
            parts.update(lesson_parts(path.read_text(encoding="utf-8")))
    return {
        "site_bytes": sum(kinds.values()),
        "site_files": sum(files.values()),
        "kinds": {k: {"bytes": kinds[k], "files": files[k]} for k, _ in kinds.most_common()},
        "lessons": lessons,
        "lesson_parts_mean": {name: round(parts[name] / lessons) if lessons else 0 for name, _ in PARTS},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.site)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{result['site_bytes'] / 1e6:.2f} MB, {result['site_files']} files")
    for kind, row in result["kinds"].items():
        print(f"  {kind:30s} {row['files']:5d} files {row['bytes'] / 1e6:8.3f} MB")
    print(f"a lesson page, mean bytes per part ({result['lessons']} lessons)")
    for name, size in result["lesson_parts_mean"].items():
        print(f"  {name:30s} {size:8d}")


if __name__ == "__main__":
    main()
