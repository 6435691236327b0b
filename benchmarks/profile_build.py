"""Profile one `mkdocs build` of a synthetic course with cProfile, and say where the time goes.

    python -m benchmarks.profile_build --lessons 600            # this project
    python -m benchmarks.profile_build --lessons 600 --flavor plain

Prints the top functions by own time and by cumulative time, then own time grouped by source file
(Jinja templates appear under their template names, e.g. partials/nav-item.html), and saves the
raw profile to benchmarks/out/profile-<flavor>-<N>.pstats (open it with `python -m pstats` or
snakeviz). Times are CPU seconds of this process (the machine is shared), and cProfile slows the build down
roughly 1.5–2×: compare shares, not seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .synth import FLAVORS, write_course

HERE = Path(__file__).resolve().parent


def _short(path: str) -> str:
    for marker in ("site-packages/", "/work/main/", "templates/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile_build", description=__doc__.split("\n\n")[0])
    p.add_argument("--lessons", type=int, default=600)
    p.add_argument("--flavor", choices=FLAVORS, default="hocvuso")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--out", type=Path, default=HERE / "out")
    args = p.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = Path(tempfile.mkdtemp(prefix="hocvuso-profile-"))
    try:
        write_course(work / "course", args.lessons, args.flavor, args.seed)
        site = work / "site"
        # One unprofiled build first, so imports are done; its caches go, as in a benchmark run
        # (each timed build there is a fresh clone's first on a new machine: templates are compiled).
        os.environ["HOCVUSO_CACHE"] = str(work / "cache")
        build(load_config(str(work / "course" / "mkdocs.yml"), site_dir=str(site)))
        shutil.rmtree(work / "course" / ".cache", ignore_errors=True)
        shutil.rmtree(work / "cache", ignore_errors=True)
        profiler = cProfile.Profile(time.process_time)  # CPU time: other jobs share the machine
        start = time.perf_counter()
        profiler.enable()
        build(load_config(str(work / "course" / "mkdocs.yml"), site_dir=str(site)))
        profiler.disable()
        elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    dump = args.out / f"profile-{args.flavor}-{args.lessons}.pstats"
    profiler.dump_stats(dump)
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(
        f"{args.flavor}, {args.lessons} lessons: build {elapsed:.1f} s under cProfile "
        f"(profiled total {total:.1f} s); raw profile in {dump}\n"
    )

    rows = [(func, cc, nc, tt, ct) for func, (cc, nc, tt, ct, _) in stats.stats.items()]
    for title, key in (("own time", 3), ("cumulative time", 4)):
        print(f"Top {args.top} by {title}:")
        print(f"{'own s':>8} {'cum s':>8} {'cum %':>6} {'calls':>9}  function")
        for func, _cc, nc, tt, ct in sorted(rows, key=lambda r: r[key], reverse=True)[: args.top]:
            filename, line, name = func
            print(f"{tt:8.2f} {ct:8.2f} {100 * ct / total:5.1f}% {nc:9d}  {name}  ({_short(filename)}:{line})")
        print()

    by_file: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tt, _, _) in stats.stats.items():
        by_file[_short(filename)] += tt
    print(f"Own time by source file (top {args.top}):")
    for filename, tt in sorted(by_file.items(), key=lambda kv: kv[1], reverse=True)[: args.top]:
        print(f"{tt:8.2f} {100 * tt / total:5.1f}%  {filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
