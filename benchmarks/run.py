"""Build benchmarks: this project against plain mkdocs-material and mkdocs-material + mkdocs-quiz.

    pip install -e '.[bench]'
    python -m benchmarks.run                      # N = 60 and 600, 3 runs each after a warm-up
    python -m benchmarks.run --sizes 60 --runs 1  # a quick check

For each size N the same synthetic lessons (benchmarks/synth.py) are written in the three flavors,
then each flavor is built with `mkdocs build` in a subprocess: one warm-up build per flavor, then
`--runs` rounds in which every flavor is built once (the order rotates each round, so slow spells
of a noisy machine fall on all three). Each build starts without the course's `.cache/` and with an
empty compiled-templates cache, as the first build of a fresh clone on a new machine (`timed_build`). Wall time is measured around the subprocess; peak memory is
that process's maximum resident set size (`os.wait4`). Medians are reported with the ratio to plain
mkdocs-material from the same run: on shared machines the ratios are the figures that count.

Also measured, from the last build of each flavor: the `mkdocs serve` rebuild after one lesson
changes (see benchmarks/_serve_rebuild.py for exactly what is timed), the site's size on disk and
file count, the HTML bytes of one lesson page (the same lesson at every N) and the mean over all
lesson pages, and page weight: first load of a lesson page (HTML + local CSS, JS, fonts, images,
without search) and a second lesson page with a warm cache, gzip level 6. If benchmarks/page_weight.py
provides `measure(site_dir, first_page, second_page)`, its figures are recorded too.

Writes benchmarks/out/results.json and benchmarks/out/results.md and prints the table.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import gzip
import importlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import first_load
from .page_weight import BUDGETS
from .synth import FLAVORS, SynthCourse, write_course

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LABELS = {"hocvuso": "Học vụ số", "plain": "mkdocs-material", "quiz": "mkdocs-material + mkdocs-quiz"}
BASELINE = "plain"
MAX_FLAT_LESSONS = 600  # six areas of at most 100 lessons (`00`–`99`)
MODULE_SIZE = 50  # lessons per module beyond that
GOALS = {"time_ratio_600": 0.75, "scaling_600_over_60": 11.0, "lesson_html_growth": 1.02}
# Issue 21: every page flat in N, and a build at most half plain Material's at 600 lessons.
FLAT = {
    "time_ratio_600": 0.5,
    "time_ratio_60": 1.0,
    "first_load_gzip": BUDGETS["first_load_gzip"],  # bytes, gzip -9, any learner page, any N
    "site_bytes_600": 20_000_000,
    "lesson_requests": 8,  # first lesson load: page, one stylesheet, one script, icon, pictures
    "lesson_first_load_gzip": 40_000,
    "search_first_query_raw": 150_000,  # bytes a first query fetches, at any N (issue: 3,000 lessons)
    "preview_s": 1.5,  # file write -> new page served, median, N ≥ 600
    "peak_rss_mb_3000": 300,
    "cpu_per_lesson_growth": 1.2,  # "time linear in N": CPU per lesson at the largest N / at 600
}
# Figures other modules measure, reported when they exist: module -> (call, what it is given).
HOOKS = {
    "search_bytes": ("benchmarks.search_bytes", "site"),  # bytes fetched for a first search query
    "preview": ("benchmarks.preview", "project"),  # `hocvuso serve` latency after an edit
}


# --- measuring one build ------------------------------------------------------------------------


def _env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2.0
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def compile_bytecode() -> None:
    """Write the generator's bytecode (`__pycache__`) as `pip install` does for an installed
    package. Material, MkDocs and the rest of site-packages have theirs; an editable install run
    under PYTHONDONTWRITEBYTECODE=1 would otherwise compile this project's ~80 modules in every
    timed build (≈ 0.15 s CPU, a tenth of a 60-lesson build)."""
    compileall.compile_dir(REPO / "generator", quiet=1)


def timed_build(project: Path, site: Path, log: Path, templates: Path | None = None) -> dict:
    """`mkdocs build` of `project` into `site` in a subprocess: wall and CPU seconds, peak RSS (MB).

    Every build is a first build, as from a fresh clone of the course on a machine that never
    built one: the course's `.cache/` (prepared images; not in git) is removed first and the
    compiled templates go to an empty cache folder of their own (`HOCVUSO_CACHE`). Plain MkDocs
    keeps nothing between builds, so a warm cache would flatter this project (≈ 0.15 s CPU at 60
    lessons). With `templates`, that folder is used and kept (`--warm-templates`: every build after
    the first on a machine, whatever the course)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    fresh = templates is None
    templates = Path(tempfile.mkdtemp(prefix="hocvuso-bench-cache-")) if fresh else templates
    env = _env() | {"HOCVUSO_CACHE": str(templates)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    with open(log, "ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    if fresh:
        shutil.rmtree(templates, ignore_errors=True)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"mkdocs build failed in {project} (exit {proc.returncode}):\n{tail}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }  # ru_maxrss is KiB on Linux


def serve_rebuild(project: Path, page: str, rebuilds: int, log: Path) -> dict:
    cmd = [sys.executable, "-m", "benchmarks._serve_rebuild", str(project), "--page", page, "--rebuilds", str(rebuilds)]
    with open(log, "ab") as err:
        proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=err, env=_env())
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"serve rebuild failed in {project}:\n{tail}")
    return json.loads(proc.stdout.decode().strip().splitlines()[-1])


# --- what a build produced ----------------------------------------------------------------------


def _gzip_len(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Assets(HTMLParser):
    """Local stylesheets, scripts and images a page asks for when it loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(("css", a["href"]))
        elif tag == "script" and a.get("src"):
            self.urls.append(("js", a["src"]))
        elif tag == "img" and a.get("src") and (a.get("loading") or "") != "lazy":
            self.urls.append(("img", a["src"]))


def _local(base: Path, site: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return None  # another host: not part of a local site (issue 4 forbids them anyway)
    path = (base / unquote(parts.path)).resolve()
    return path if path.is_file() and site.resolve() in path.parents else None


def _page_resources(site: Path, page: Path) -> dict[Path, str]:
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    found: dict[Path, str] = {}
    for kind, url in parser.urls:
        path = _local(page.parent, site, url)
        if path:
            found[path] = kind
    for path, kind in list(found.items()):  # fonts and images a stylesheet pulls in
        if kind == "css":
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8", errors="replace")):
                ref = _local(path.parent, site, url)
                if ref and ref.suffix.lower() in (".woff", ".woff2", ".ttf", ".otf"):
                    found.setdefault(ref, "font")
    return found


def page_weight(site: Path, first: str, second: str) -> dict:
    """First load of `first` (HTML + local CSS/JS/fonts/images, no search) and `second` after it."""

    def weigh(paths):
        return {
            "requests": len(paths),
            "raw_bytes": sum(p.stat().st_size for p in paths),
            "gzip_bytes": sum(_gzip_len(p.read_bytes()) for p in paths),
        }

    first_page, second_page = site / first, site / second
    first_res = _page_resources(site, first_page)
    second_res = _page_resources(site, second_page)
    by_kind: dict[str, int] = {}
    for path, kind in first_res.items():
        by_kind[kind] = by_kind.get(kind, 0) + _gzip_len(path.read_bytes())
    return {
        "first_page": first,
        "second_page": second,
        "first_load": weigh([first_page, *first_res]),
        "first_load_gzip_by_kind": {"html": _gzip_len(first_page.read_bytes()), **by_kind},
        "second_page_warm": weigh([second_page, *[p for p in second_res if p not in first_res]]),
    }


def _external_page_weight(site: Path, first: str, second: str) -> dict | None:
    """benchmarks/page_weight.py's own figures, if that module exists and offers `measure`."""
    if not (HERE / "page_weight.py").exists():
        return None
    try:
        module = importlib.import_module("benchmarks.page_weight")
        measure = getattr(module, "measure", None)
        if measure is None:
            return {"error": "benchmarks/page_weight.py has no measure(site_dir, first_page, second_page)"}
        return measure(site, first, second)
    except (Exception, SystemExit) as exc:  # e.g. a site with no lesson it recognises: record, go on
        return {"error": f"{type(exc).__name__}: {exc}"}


def site_metrics(site: Path, course: SynthCourse, sample: int, second: int, flavor: str) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    lesson = course.lessons[sample]
    html = (site / lesson.url).read_bytes()
    lesson_sizes = [(site / x.url).stat().st_size for x in course.lessons]
    # Material's index, fetched by every page; the project's own, fetched when a search starts.
    indexes = [site / "search" / "search_index.json", site / "assets" / "hocvuso" / "search-index.js"]
    return {
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_disk_bytes": sum(p.stat().st_blocks * 512 for p in files),
        "site_files": len(files),
        "lesson_page": {"path": lesson.url, "html_bytes": len(html), "html_gzip_bytes": _gzip_len(html)},
        "lesson_html_mean_bytes": statistics.mean(lesson_sizes),
        "lesson_html_max_bytes": max(lesson_sizes),
        "search_index_bytes": sum(p.stat().st_size for p in indexes if p.exists()),
        "page_weight": page_weight(site, lesson.url, course.lessons[second].url),
        "page_weight_module": _external_page_weight(site, lesson.url, course.lessons[second].url),
    } | (_flat_metrics(site, lesson.url) if flavor == "hocvuso" else {})


def _flat_metrics(site: Path, lesson_url: str) -> dict:
    """Every learner page kind's heaviest first load, and what a first lesson load asks for."""
    return {"first_load": first_load.survey(site), "lesson_requests": first_load.lesson_requests(site, lesson_url)}


def hook(name: str, site: Path, project: Path) -> dict | None:
    """HOOK: another helper's measurement, `benchmarks/<module>.py: measure(dir) -> dict`, if it
    exists; None when it does not (reported as n/a), {"error": …} when it fails."""
    module_name, given = HOOKS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        return {"error": f"{type(exc).__name__}: {exc}"}
    try:
        return module.measure(site if given == "site" else project)
    except (Exception, SystemExit) as exc:  # a hook's failure is recorded, the run goes on
        return {"error": f"{type(exc).__name__}: {exc}"}


# --- the run ------------------------------------------------------------------------------------


def _sample_lessons(course: SynthCourse) -> tuple[int, int]:
    """The first lesson of area 4 (the same page at every N) and the next lesson of that area."""
    area4 = [i for i, x in enumerate(course.lessons) if x.area.code == "4"] or list(range(len(course.lessons)))
    return area4[0], (area4[1] if len(area4) > 1 else area4[0])


def _versions() -> dict:
    out = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-quiz", "hocvuso", "markdown", "pymdown-extensions", "jinja2"):
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def _ratio(a, b):
    return a / b if a and b else None


def _write_course(out: Path, n: int, flavor: str, seed: int) -> SynthCourse:
    """The synthetic course; beyond 600 lessons (six areas of two-digit lesson numbers) in modules of
    `MODULE_SIZE` lessons with three-digit numbers where needed (3,000: 6 areas × 10 modules × 50)."""
    if n <= MAX_FLAT_LESSONS:
        return write_course(out, n, flavor, seed)
    return write_course(out, n, flavor, seed, module_size=MODULE_SIZE)


def run_size(n: int, flavors: list[str], args, work: Path, log: Path) -> dict:
    projects, courses = {}, {}
    for flavor in flavors:
        projects[flavor] = work / f"n{n}-{flavor}"
        courses[flavor] = _write_course(projects[flavor], n, flavor, args.seed)
    sites = {f: work / f"n{n}-{f}-site" for f in flavors}
    samples: dict[str, list[dict]] = {f: [] for f in flavors}
    templates = work / "templates" if args.warm_templates else None  # filled by the warm-up builds
    for _ in range(args.warmup):
        for flavor in flavors:
            print(f"  N={n} warm-up {flavor} …", flush=True)
            timed_build(projects[flavor], sites[flavor], log, templates)
    for r in range(args.runs):
        order = flavors[r % len(flavors) :] + flavors[: r % len(flavors)]
        for flavor in order:
            sample = timed_build(projects[flavor], sites[flavor], log, templates)
            samples[flavor].append(sample)
            print(
                f"  N={n} run {r + 1}/{args.runs} {flavor}: {sample['wall_s']:.2f} s wall, "
                f"{sample['cpu_s']:.2f} s CPU, {sample['peak_rss_mb']:.0f} MB",
                flush=True,
            )
    result: dict = {}
    for flavor in flavors:
        course = courses[flavor]
        first, second = _sample_lessons(course)
        times = [s["wall_s"] for s in samples[flavor]]
        cpu = [s["cpu_s"] for s in samples[flavor]]
        rss = [s["peak_rss_mb"] for s in samples[flavor]]
        entry = {
            "label": LABELS[flavor],
            "lessons": n,
            "questions": sum(len(x.questions) for x in course.lessons),
            "build_s": times,
            "build_median_s": statistics.median(times) if times else None,
            "build_cpu_s": cpu,
            "build_cpu_median_s": statistics.median(cpu) if cpu else None,
            "peak_rss_mb": rss,
            "peak_rss_median_mb": statistics.median(rss) if rss else None,
        }
        entry.update(site_metrics(sites[flavor], course, first, second, flavor))
        if flavor == "hocvuso":
            entry["hooks"] = {name: hook(name, sites[flavor], projects[flavor]) for name in HOOKS}
        if args.rebuilds:
            print(f"  N={n} serve rebuild {flavor} …", flush=True)
            rebuild = serve_rebuild(projects[flavor], course.lessons[first].page, args.rebuilds, log)
            entry["serve_first_build_s"] = rebuild["first_build_s"]
            entry["rebuild_s"] = rebuild["rebuild_s"]
            entry["rebuild_median_s"] = statistics.median(rebuild["rebuild_s"])
            entry["rebuild_cpu_s"] = rebuild["rebuild_cpu_s"]
            entry["rebuild_cpu_median_s"] = statistics.median(rebuild["rebuild_cpu_s"])
        result[flavor] = entry
    base = result.get(BASELINE)
    for entry in result.values():
        for key, ratio in (
            ("build_median_s", "time_vs_plain"),
            ("build_cpu_median_s", "cpu_vs_plain"),
            ("peak_rss_median_mb", "rss_vs_plain"),
            ("rebuild_median_s", "rebuild_vs_plain"),
            ("rebuild_cpu_median_s", "rebuild_cpu_vs_plain"),
        ):
            entry[ratio] = _ratio(entry.get(key), base.get(key)) if base else None
    return result


def goals(results: dict) -> list[dict]:
    """The issue's goals, checked on the figures of this run (only those the run measured)."""
    out = []
    big, small = results.get("600", {}), results.get("60", {})
    ours, plain = big.get("hocvuso"), big.get(BASELINE)

    def check(goal, value, limit):
        out.append({"goal": goal, "value": value, "limit": limit, "ok": value is not None and value <= limit})

    if ours and plain:
        check("build wall time at N=600 ≤ 0.75× plain mkdocs-material", ours["time_vs_plain"], GOALS["time_ratio_600"])
        check("build CPU time at N=600 ≤ 0.75× plain mkdocs-material", ours["cpu_vs_plain"], GOALS["time_ratio_600"])
        check("peak memory at N=600 ≤ plain mkdocs-material", ours["rss_vs_plain"], 1.0)
    if ours and small.get("hocvuso"):
        mine = small["hocvuso"]
        check(
            "build wall time N=600 / N=60 ≤ 11",
            ours["build_median_s"] / mine["build_median_s"],
            GOALS["scaling_600_over_60"],
        )
        check(
            "build CPU time N=600 / N=60 ≤ 11",
            ours["build_cpu_median_s"] / mine["build_cpu_median_s"],
            GOALS["scaling_600_over_60"],
        )
        check(
            "same lesson page's HTML, N=600 / N=60 ≤ 1.02 (does not grow with N)",
            ours["lesson_page"]["html_bytes"] / mine["lesson_page"]["html_bytes"],
            GOALS["lesson_html_growth"],
        )
    # Issue 4's budgets are for a 600-lesson course: checked when that size was measured.
    budget_n = "600"
    module = ((results.get(budget_n) or {}).get("hocvuso") or {}).get("page_weight_module") or {}
    for name, budget in (module.get("budgets") or {}).items():
        check(
            f"issue 4 budget at N={budget_n}: {name} ≤ {budget['limit']:,} (benchmarks/page_weight.py)",
            budget["measured"],
            budget["limit"],
        )
    out += flat_goals(results)
    return out


def flat_goals(results: dict) -> list[dict]:
    """Issue 21's goals, for every size this run measured."""
    out = []

    def check(goal, value, limit):
        out.append({"goal": goal, "value": value, "limit": limit, "ok": value is not None and value <= limit})

    for n, per in sorted(results.items(), key=lambda kv: int(kv[0])):
        ours = per.get("hocvuso")
        if not ours:
            continue
        if int(n) >= 600 and ours.get("time_vs_plain") is not None:
            check(f"N={n}: build wall ≤ 0.5× plain", ours["time_vs_plain"], FLAT["time_ratio_600"])
            check(f"N={n}: build CPU ≤ 0.5× plain", ours["cpu_vs_plain"], FLAT["time_ratio_600"])
        if int(n) <= 60 and ours.get("time_vs_plain") is not None:
            check(f"N={n}: build wall ≤ 1.0× plain", ours["time_vs_plain"], FLAT["time_ratio_60"])
            check(f"N={n}: build CPU ≤ 1.0× plain", ours["cpu_vs_plain"], FLAT["time_ratio_60"])
        worst = (ours.get("first_load") or {}).get("worst")
        if worst:
            check(
                f"N={n}: every learner page's first load ≤ {FLAT['first_load_gzip']:,} B gzip (worst: {worst['page']})",
                worst["gzip"],
                FLAT["first_load_gzip"],
            )
        if int(n) == 600:
            check(f"N={n}: whole site ≤ {FLAT['site_bytes_600']:,} B", ours["site_bytes"], FLAT["site_bytes_600"])
        first = ours.get("lesson_requests") or {}
        if "requests" in first:
            check(
                f"N={n}: first lesson load ≤ {FLAT['lesson_requests']} requests",
                first["requests"],
                FLAT["lesson_requests"],
            )
        if "gzip" in first:
            limit = FLAT["lesson_first_load_gzip"]
            check(f"N={n}: first lesson load ≤ {limit:,} B gzip", first["gzip"], limit)
        hooks = ours.get("hooks") or {}
        search = hooks.get("search_bytes") or {}
        if "raw" in search:
            limit = FLAT["search_first_query_raw"]
            check(f"N={n}: a first search query fetches ≤ {limit:,} B", search["raw"], limit)
        preview = hooks.get("preview") or {}
        for what in ("lesson", "quiz"):
            if int(n) >= 600 and preview.get(f"{what}_median_s") is not None:
                limit = FLAT["preview_s"]
                check(f"N={n}: preview after saving a {what} ≤ {limit} s (median)", preview[f"{what}_median_s"], limit)
        if int(n) >= 3000:
            limit = FLAT["peak_rss_mb_3000"]
            check(f"N={n}: peak memory ≤ {limit} MB", ours.get("peak_rss_median_mb"), limit)
            base = (results.get("600") or {}).get("hocvuso")
            if base and base.get("build_cpu_median_s") and ours.get("build_cpu_median_s"):
                growth = (ours["build_cpu_median_s"] / int(n)) / (base["build_cpu_median_s"] / 600)
                limit = FLAT["cpu_per_lesson_growth"]
                check(f"N={n}: build CPU per lesson ≤ {limit}× that at N=600 (linear in N)", growth, limit)
    return out


def _fmt(value, spec=".2f", suffix=""):
    return "–" if value is None else f"{value:{spec}}{suffix}"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _hook_text(value: dict | None) -> str:
    """A hook's figures in one cell: n/a when its module does not exist yet."""
    if value is None:
        return "n/a"
    if "error" in value:
        return f"error: {value['error'][:60]}"
    return ", ".join(
        f"{k} {v:,.3g}" if isinstance(v, float) else f"{k} {v}"
        for k, v in value.items()
        if isinstance(v, (int, float, str))
    )[:120]


def flat_table(results: dict) -> str:
    """Issue 21's figures for Học vụ số, one row per N."""
    rows = []
    for n, per in results.items():
        e = per.get("hocvuso")
        if not e:
            continue
        survey = e.get("first_load") or {}
        worst = survey.get("worst") or {}
        kinds = ", ".join(
            f"{kind} {k['worst']['gzip'] / 1000:.0f}" for kind, k in sorted((survey.get("kinds") or {}).items())
        )
        hooks = e.get("hooks") or {}
        rows.append(
            [
                n,
                _fmt(e["time_vs_plain"]),
                _fmt(e["cpu_vs_plain"]),
                _fmt(e["peak_rss_median_mb"], ".0f"),
                f"{e['site_bytes'] / 1e6:.1f}",
                f"{worst.get('gzip', 0) / 1000:.1f} ({worst.get('page', '–')})",
                kinds,
                str((e.get("lesson_requests") or {}).get("requests", "–")),
                _hook_text(hooks.get("search_bytes")),
                _hook_text(hooks.get("preview")),
            ]
        )
    return "## Every page flat in N (issue 21)\n\n" + _table(
        [
            "N",
            "wall × plain",
            "CPU × plain",
            "peak RSS MB",
            "site MB",
            "worst first load KB gzip (page)",
            "worst first load per kind, KB",
            "lesson first-load requests",
            "search bytes / first query",
            "preview latency",
        ],
        rows,
    )


def markdown_table(data: dict) -> str:
    speed, output = [], []
    for n, per in data["results"].items():
        for e in per.values():
            pw = e["page_weight"]
            speed.append(
                [
                    n,
                    e["label"],
                    _fmt(e["build_median_s"]),
                    _fmt(e["time_vs_plain"]),
                    _fmt(e["build_cpu_median_s"]),
                    _fmt(e["cpu_vs_plain"]),
                    _fmt(e["peak_rss_median_mb"], ".0f"),
                    _fmt(e["rss_vs_plain"]),
                    _fmt(e.get("rebuild_median_s")),
                    _fmt(e.get("rebuild_vs_plain")),
                    _fmt(e.get("rebuild_cpu_median_s")),
                    _fmt(e.get("rebuild_cpu_vs_plain")),
                ]
            )
            output.append(
                [
                    n,
                    e["label"],
                    f"{e['site_bytes'] / 1e6:.1f}",
                    str(e["site_files"]),
                    f"{e['lesson_page']['html_bytes'] / 1024:.0f} / {e['lesson_page']['html_gzip_bytes'] / 1024:.1f}",
                    f"{e['lesson_html_mean_bytes'] / 1024:.0f}",
                    f"{pw['first_load']['gzip_bytes'] / 1024:.0f} ({pw['first_load']['requests']})",
                    f"{pw['second_page_warm']['gzip_bytes'] / 1024:.1f}",
                    f"{e['search_index_bytes'] / 1024:.0f}",
                ]
            )
    lines = [
        "## Build benchmarks",
        "",
        _table(
            [
                "N",
                "tool",
                "build wall s",
                "× plain",
                "build CPU s",
                "× plain",
                "peak RSS MB",
                "× plain",
                "serve rebuild wall s",
                "× plain",
                "rebuild CPU s",
                "× plain",
            ],
            speed,
        ),
        "",
        _table(
            [
                "N",
                "tool",
                "site MB",
                "files",
                "lesson HTML KB / gzip KB",
                "mean lesson HTML KB",
                "first load gzip KB (files)",
                "2nd lesson warm gzip KB",
                "search index KB",
            ],
            output,
        ),
        "",
    ]
    lines += [flat_table(data["results"]), ""]
    if data["goals"]:
        lines += [
            _table(
                ["goal (issues 7, 21)", "this run", "limit", "PASS/MISS"],
                [
                    [
                        g["goal"],
                        _fmt(g["value"], ",d" if isinstance(g["value"], int) else ".2f"),
                        f"{g['limit']:,}",
                        "PASS" if g["ok"] else "MISS",
                    ]
                    for g in data["goals"]
                ],
            ),
            "",
        ]
    m = data["meta"]
    lines += [
        f"Command: `{m['command']}` — {m['runs']} run(s) after {m['warmup']} warm-up, seed {m['seed']}, "
        f"{m['cpus']} CPUs, load average {m['loadavg_before']} before / {m['loadavg_after']} after; "
        f"{m['started']}, {m['elapsed_s']:.0f} s.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v) + ".",
        "Wall time is what a user waits; CPU time (user + system of the build process) is less disturbed by "
        "other jobs on a shared machine. Serve rebuild: `load_config` + full `build(serve_url=…)` in a warm "
        "process after one lesson changed, as `mkdocs serve` does (benchmarks/_serve_rebuild.py). Lesson HTML: "
        "the first lesson of area 4, the same text at every N. Page weight: gzip -6, local CSS/JS/fonts/images, "
        "no search.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[60, 600], help="lesson counts (default 60 600)")
    p.add_argument("--runs", type=int, default=3, help="timed builds per flavor and size (default 3)")
    p.add_argument("--warmup", type=int, default=1, help="untimed builds per flavor first (default 1)")
    p.add_argument("--rebuilds", type=int, default=3, help="serve rebuilds to time; 0 skips (default 3)")
    p.add_argument("--flavors", nargs="+", choices=FLAVORS, default=list(FLAVORS))
    p.add_argument(
        "--warm-templates",
        action="store_true",
        help="keep compiled templates between builds, as on a machine that built before (warm-up builds fill them)",
    )
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, default=HERE / "out", help="where results.json/.md go")
    p.add_argument("--workdir", type=Path, help="where courses and sites are written (default: a temp dir, removed)")
    args = p.parse_args(argv)
    if "quiz" in args.flavors:
        try:
            importlib.import_module("mkdocs_quiz")
        except ImportError:
            p.error("mkdocs-quiz is not installed: pip install -e '.[bench]' (or drop it with --flavors)")

    started = time.time()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="hocvuso-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    log = args.out / "build.log"
    log.write_text("", encoding="utf-8")
    meta = {
        "command": " ".join(["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])]),
        "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "runs": args.runs,
        "warmup": args.warmup,
        "rebuilds": args.rebuilds,
        "seed": args.seed,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "versions": _versions(),
    }
    results: dict = {}
    compile_bytecode()
    try:
        for n in args.sizes:
            print(f"N = {n}", flush=True)
            results[str(n)] = run_size(n, list(args.flavors), args, work, log)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    meta["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    meta["elapsed_s"] = time.time() - started
    data = {"meta": meta, "results": results}
    data["goals"] = goals(results)
    (args.out / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(data)
    (args.out / "results.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
