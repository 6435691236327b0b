"""Page weight of a built site against issue 4's budgets, as JSON.

    python -m benchmarks.page_weight SITE_DIR [--first PAGE] [--second PAGE] [--check]

- first load: a lesson page's HTML and every local file it makes the browser fetch — stylesheets,
  scripts, icons, images, fonts, and what the stylesheets themselves pull in (`url()`, `@import`) —
  summed as gzip -9 sizes. The search index is not counted: it is fetched only when the learner
  starts searching (it is reported on its own).
- warm: then a second lesson page: its HTML and only the files the first one did not fetch.
- site: the bytes of every file in the site folder.

Defaults: the first lesson page of the site (in path order) and the lesson its "next lesson" link
points to. The worst case over every lesson (each one first, then its next lesson) is reported too.
References are found by reading the HTML and CSS, not by running a browser, so a file that only a
script asks for is missed (tests/test_no_external_requests.py watches a real browser instead); every
`url()` of a stylesheet is counted, even one no element uses, so that part errs on the heavy side.
A reference to another host is listed under `external`, and fails the check.

Budgets are in decimal units: 1 KB = 1000 bytes, 1 MB = 1000 KB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import posixpath
import re
import statistics
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BUDGETS = {"first_load_gzip": 60_000, "warm_gzip": 15_000, "site_bytes": 30_000_000}
LESSON_MARK = 'class="hvs-lesson-head"'
NEXT_LINK = re.compile(r'<a class="hvs-next"[^>]*href="([^"]+)"')
SEARCH_INDEX = "assets/hocvuso/search-index.js"
GZIP_LEVEL = 9

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}


class _References(HTMLParser):
    """The URLs an HTML page makes the browser fetch, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._style = False
        self.css: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and set(a.get("rel", "").lower().split()) & _LINK_RELS and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "iframe", "embed", "input") and a.get("src"):
            if tag != "input" or a.get("type", "").lower() == "image":
                self.urls.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        elif tag == "video" and a.get("poster"):
            self.urls.append(a["poster"])
        if tag in ("img", "source") and a.get("srcset"):
            self.urls += [part.strip().split()[0] for part in a["srcset"].split(",") if part.strip()]
        if a.get("style"):
            self.css.append(a["style"])
        self._style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            self.css.append(data)


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("file", "data", "blob", "javascript") or parts.netloc)


def _resolve(site: Path, from_file: str, url: str) -> str | None:
    """A site-relative path for a local URL (None for data: and in-page URLs)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "javascript") or not parts.path:
        return None
    if parts.path.startswith("/"):
        return posixpath.normpath(unquote(parts.path).lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_file), unquote(parts.path)))


class Site:
    def __init__(self, root: Path | str, level: int = GZIP_LEVEL):
        self.root = Path(root)
        self.level = level

    @cache  # noqa: B019 - one Site per run; the cache lives as long as it
    def size(self, path: str) -> tuple[int, int]:
        """(raw, gzip) bytes of a file of the site."""
        data = (self.root / path).read_bytes()
        return len(data), len(gzip.compress(data, self.level, mtime=0))

    @cache  # noqa: B019 - one Site per run; the cache lives as long as it
    def references(self, path: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(local files, missing files, external URLs) that a page or stylesheet fetches, recursively."""
        text = (self.root / path).read_text(encoding="utf-8", errors="replace")
        if path.endswith(".css"):
            urls, css = [], [text]
        else:
            parser = _References()
            parser.feed(text)
            urls, css = parser.urls, parser.css
        for block in css:
            urls += [m.group(2) or m.group(4) for m in _CSS_URL.finditer(block)]
        local, missing, external = [], [], []
        for url in urls:
            if _is_external(url):
                external.append(url)
                continue
            target = _resolve(self.root, path, url)
            if target is None or target in local or target == path:
                continue
            if not (self.root / target).is_file():
                missing.append(target)
                continue
            local.append(target)
            if target.endswith(".css"):
                sub_local, sub_missing, sub_external = self.references(target)
                local += [t for t in sub_local if t not in local]
                missing += sub_missing
                external += sub_external
        return tuple(local), tuple(missing), tuple(external)

    def load(self, page: str, cached: set[str] = frozenset()) -> dict:
        """What opening `page` costs when the files in `cached` are already in the browser."""
        local, missing, external = self.references(page)
        files = [page] + [f for f in local if f not in cached]
        sizes = {f: self.size(f) for f in files}
        return {
            "page": page,
            "gzip": sum(g for _, g in sizes.values()),
            "raw": sum(r for r, _ in sizes.values()),
            "files": [{"path": f, "raw": r, "gzip": g} for f, (r, g) in sizes.items()],
            "missing": list(missing),
            "external": list(external),
        }

    def lessons(self) -> list[str]:
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.html")
            if LESSON_MARK in p.read_text(encoding="utf-8", errors="replace")
        )

    def next_lesson(self, page: str, lessons: list[str]) -> str | None:
        """The lesson a page's "next lesson" link points to, else the next lesson in path order."""
        match = NEXT_LINK.search((self.root / page).read_text(encoding="utf-8"))
        if match:
            target = _resolve(self.root, page, match.group(1))
            if target in lessons:
                return target
        at = lessons.index(page)
        return lessons[at + 1] if at + 1 < len(lessons) else None

    def pair(self, first: str, second: str) -> tuple[dict, dict]:
        cold = self.load(first)
        warm = self.load(second, cached={f["path"] for f in cold["files"]})
        return cold, warm

    def total(self) -> tuple[int, int]:
        files = [p for p in self.root.rglob("*") if p.is_file()]
        return sum(p.stat().st_size for p in files), len(files)


def measure(
    site_dir,
    first_page: str | None = None,
    second_page: str | None = None,
    *,
    every_lesson: bool = True,
    level: int = GZIP_LEVEL,
) -> dict:
    """The figures for one built site (also called by benchmarks/run.py)."""
    site = Site(site_dir, level)
    lessons = site.lessons()
    if not lessons and not (first_page and second_page):
        raise SystemExit(f"{site_dir}: no lesson page (no {LESSON_MARK}) found; name two pages")
    first = str(first_page) if first_page else lessons[0]
    second = str(second_page) if second_page else site.next_lesson(first, lessons) or lessons[-1]
    cold, warm = site.pair(first, second)
    site_bytes, site_files = site.total()
    out = {
        "site": str(site_dir),
        "gzip_level": level,
        "lessons": len(lessons),
        "first_load": cold,
        "warm": warm,
        "site_bytes": site_bytes,
        "site_files": site_files,
    }
    if (site.root / SEARCH_INDEX).is_file():
        raw, gz = site.size(SEARCH_INDEX)
        out["search_index"] = {"path": SEARCH_INDEX, "raw": raw, "gzip": gz}
    if every_lesson and lessons:
        worst_cold, worst_warm, html_raw, html_gzip, external = None, None, [], [], set()
        for page in lessons:
            following = site.next_lesson(page, lessons)
            if not following:
                continue
            c, w = site.pair(page, following)
            if not worst_cold or c["gzip"] > worst_cold["gzip"]:
                worst_cold = c
            if not worst_warm or w["gzip"] > worst_warm["gzip"]:
                worst_warm = w
            external.update(c["external"])
        for page in lessons:
            raw, gz = site.size(page)
            html_raw.append(raw)
            html_gzip.append(gz)
        out["every_lesson"] = {
            "first_load_gzip_max": {"page": worst_cold["page"], "gzip": worst_cold["gzip"]} if worst_cold else None,
            "warm_gzip_max": {"page": worst_warm["page"], "gzip": worst_warm["gzip"]} if worst_warm else None,
            "html_raw": {"median": int(statistics.median(html_raw)), "max": max(html_raw)},
            "html_gzip": {"median": int(statistics.median(html_gzip)), "max": max(html_gzip)},
            "external": sorted(external),
        }
    worst = out.get("every_lesson") or {}
    figures = {
        "first_load_gzip": max(cold["gzip"], (worst.get("first_load_gzip_max") or {}).get("gzip", 0)),
        "warm_gzip": max(warm["gzip"], (worst.get("warm_gzip_max") or {}).get("gzip", 0)),
        "site_bytes": site_bytes,
    }
    out["budgets"] = {
        name: {"limit": limit, "measured": figures[name], "ok": figures[name] <= limit}
        for name, limit in BUDGETS.items()
    }
    external = set(cold["external"]) | set(warm["external"]) | set(worst.get("external", []))
    out["ok"] = all(b["ok"] for b in out["budgets"].values()) and not external and not cold["missing"]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.page_weight", description=__doc__.split("\n\n")[0])
    p.add_argument("site", help="a built site folder")
    p.add_argument("--first", help="the lesson page opened first (path in the site)")
    p.add_argument("--second", help="the lesson page opened next (default: the first one's next lesson)")
    p.add_argument(
        "--no-every-lesson",
        dest="every_lesson",
        action="store_false",
        help="measure only the two pages, not the worst case over every lesson",
    )
    p.add_argument("--files", action="store_true", help="list every file counted")
    p.add_argument("--check", action="store_true", help="exit 1 when a budget is exceeded")
    args = p.parse_args(argv)
    out = measure(args.site, args.first, args.second, every_lesson=args.every_lesson)
    if not args.files:
        for key in ("first_load", "warm"):
            out[key]["files"] = {f["path"]: f["gzip"] for f in out[key]["files"]}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 1 if args.check and not out["ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
