"""Bytes a learner's first search loads (issue 21): the files search.js inserts for one query.

    python -m benchmarks.search_bytes SITE_DIR [--query "chuyen tien"]
    python -m benchmarks.search_bytes --synth 3000     # the index alone, of a synthetic course

The first query loads the head (search-index.js), the word and pair shards holding the query's
words (the same rule as search.js: the last word may be unfinished if it has two letters or more) and one page file per result
shown (search.js shows SHOWN = 10). Which ten pages rank first is search.js's business (no second
copy of the ranking here): the page files are counted as the largest ten among the pages having
every word, then among those having some: an upper bound. Sizes raw (read from file://, USB) and
gzip -9 (served by a server that compresses). `--synth N` indexes N synthetic lessons
(benchmarks/synth.py, Markdown rendered by the `markdown` package) without building a site, for
sizes beyond what the site build can make yet.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

from generator import search

SHOWN = 10  # as search.js
MIN_PREFIX = 2  # as search.js: a last word of one letter is a whole word


def _read(path: Path) -> tuple[str, object]:
    text = path.read_text(encoding="utf-8")
    name, _, data = text[len(search.CALLBACK) + 1 : -3].partition(",")
    return json.loads(name), json.loads(data)


def _shards(firsts: list[str], lo: str, hi: str) -> list[int]:
    """search.js's shardsFor: the shards that may hold keys from `lo` to `hi`."""
    return [i for i, first in enumerate(firsts) if first <= hi and (i + 1 == len(firsts) or firsts[i + 1] >= lo)]


def needed_shards(head: dict, query: str) -> list[str]:
    """The shard names search.js loads for `query`."""
    asked = search.tokens(query)
    names: list[str] = []
    unfinished = bool(asked) and len(asked[-1]) >= MIN_PREFIX
    keys = [("w", w, unfinished and w == asked[-1]) for w in dict.fromkeys(asked)]
    keys += [
        ("p", f"{a} {b}", unfinished and i == len(asked) - 2)
        for i, (a, b) in enumerate(zip(asked, asked[1:]))
        if a != b
    ]
    for kind, key, open_ended in keys:
        for i in _shards(head.get(kind, []), key, key + "\uffff" if open_ended else key):
            if f"{kind}{i}" not in names:
                names.append(f"{kind}{i}")
    return names


def _matching_docs(folder: Path, names: list[str], query: str) -> tuple[list[int], list[int]]:
    """(pages having every word of the query, pages having some), by folded word, prefix for the last."""
    asked = list(dict.fromkeys(search.tokens(query)))
    found: dict[int, set[str]] = {}
    for name in names:
        if not name.startswith("w"):
            continue
        for entry in _read(folder / f"{name}.js")[1]:
            term, *lists = entry.split("|")
            key = search.fold(term)
            for i, word in enumerate(asked):
                if key == word or (i == len(asked) - 1 and len(word) >= MIN_PREFIX and key.startswith(word)):
                    for ids in lists:
                        for doc in search.decode_postings(ids):
                            found.setdefault(doc, set()).add(word)
    every = [d for d, words in found.items() if len(words) == len(asked)]
    return every, [d for d in found if d not in set(every)]


def _sizes(path: Path) -> dict:
    data = path.read_bytes()
    return {"raw": len(data), "gzip": len(gzip.compress(data, 9, mtime=0))}


def measure(site_dir, query: str = "chuyen tien") -> dict:
    """The files search.js loads for the first query on a built site, with their sizes."""
    site = Path(site_dir)
    head_path = site / search.SEARCH_ASSET
    folder = site / search.SHARD_FOLDER
    _, head = _read(head_path)
    shards = needed_shards(head, query)
    every, some = _matching_docs(folder, shards, query)
    docs = every + some
    # search.js shows pages with every word first: the largest of those, then the largest of the rest
    doc_files = [
        path
        for group in (every, some)
        for path in sorted((folder / f"d{d}.js" for d in group), key=lambda p: -p.stat().st_size)
    ][:SHOWN]
    files = [(search.SEARCH_ASSET, head_path)] + [(f"{search.SHARD_FOLDER}{n}.js", folder / f"{n}.js") for n in shards]
    files += [(f"{search.SHARD_FOLDER}{p.name}", p) for p in doc_files]
    listed = [{"path": name, **_sizes(path)} for name, path in files]
    index_files = [site / search.SEARCH_ASSET, *folder.glob("*.js")]
    term_files = [p for p in folder.glob("*.js") if p.name[0] in "wp"]
    return {
        "query": query,
        "pages": head["n"],
        "files": listed,
        "count": len(listed),
        "raw": sum(f["raw"] for f in listed),
        "gzip": sum(f["gzip"] for f in listed),
        "shards_raw": sum(f["raw"] for f in listed if f["path"].split("/")[-1][0] in "wp"),
        "pages_raw": sum(f["raw"] for f in listed if f["path"].split("/")[-1][0] == "d"),
        "index_files": len(index_files),
        "index_raw": sum(p.stat().st_size for p in index_files),
        "terms_raw": sum(p.stat().st_size for p in term_files),
        "results": len(docs),
        "results_with_every_word": len(every),
    }


def synthetic_index(lessons: int, out: Path) -> Path:
    """Write the search index of `lessons` synthetic lessons under `out` (laid out as in a site)."""
    import markdown

    from benchmarks import synth

    synth.MAX_LESSONS_PER_AREA = max(synth.MAX_LESSONS_PER_AREA, lessons)  # the index needs no file names
    course = synth.make_course(lessons)
    index = search.SearchIndex()
    names = {area.code: area.name for area in course.areas}
    for lesson in course.lessons:
        html = markdown.markdown(lesson.body, extensions=["tables", "attr_list", "admonition"])
        url = f"{lesson.area.folder}/{lesson.number:03d}-{lesson.slug}.html"
        lead = (lesson.front.get("summary", ""), *lesson.front.get("objectives", ()))
        index.add_page(url, lesson.title, names[lesson.area.code], html, lead=lead)
    for path, text in index.files(messages={"none": "…"}).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.search_bytes", description=__doc__.split("\n\n")[0])
    p.add_argument("site", nargs="?", type=Path, help="a built site")
    p.add_argument("--query", default="chuyen tien")
    p.add_argument("--synth", type=int, metavar="N", help="measure the index of N synthetic lessons instead")
    args = p.parse_args(argv)
    if args.synth:
        with tempfile.TemporaryDirectory(prefix="search-bytes-") as tmp:
            out = measure(synthetic_index(args.synth, Path(tmp)), args.query)
    elif args.site:
        out = measure(args.site, args.query)
    else:
        p.error("give a built site or --synth N")
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
