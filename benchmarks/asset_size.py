"""Size of the self-assessment's script and stylesheet as shipped, against the 10 KB gzip budget (issue 3).

    python -m benchmarks.asset_size [SITE_DIR] [--check]

Without SITE_DIR it builds the small fixture course (tests/fixtures/mini) into a temporary folder.
It measures the files the build writes, not the sources in theme/: the shipped script carries the
plugin's prelude (course id and Vietnamese strings) and both files are compacted by the plugin.
Sizes are `gzip -9 -c FILE | wc -c`, as a phone would receive them from a server that compresses;
from file:// the raw size is what is read. course.js (the course structure and the progress views,
loaded only by the home, area and results pages) and practice.css (the simulated phone, only on
lessons that have one) are reported beside the budget, not in it: the first grows with the course.
Pages load both budgeted files inside bundle.js and bundle.css (generator/slim.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 10 * 1024
BUDGETED = ("assets/hocvuso/hocvuso.js", "assets/hocvuso/hocvuso.css")
BESIDE = ("assets/hocvuso/course.js", "assets/hocvuso/practice.css")


def gzip_size(path: Path) -> int:
    """`gzip -9 -c path | wc -c` (the file name in gzip's header included), or Python's gzip if absent."""
    try:
        return len(subprocess.run(["gzip", "-9", "-c", str(path)], check=True, capture_output=True).stdout)
    except (OSError, subprocess.CalledProcessError):
        return len(gzip.compress(path.read_bytes(), 9, mtime=0)) + len(path.name) + 1


def build_fixture(site: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(ROOT / "tests/fixtures/mini/mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return site


def measure(site: Path) -> dict:
    files = {
        name: {"bytes": (site / name).stat().st_size, "gzip": gzip_size(site / name)}
        for name in BUDGETED + BESIDE
        if (site / name).exists()
    }
    total = sum(files[name]["gzip"] for name in BUDGETED if name in files)
    return {"files": files, "budgeted_gzip": total, "budget": BUDGET, "within_budget": total <= BUDGET}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("site", nargs="?", type=Path, help="a built site (default: build tests/fixtures/mini)")
    p.add_argument("--check", action="store_true", help="exit 1 when over the budget")
    p.add_argument("--json", action="store_true", help="print JSON only")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hocvuso-assets-") as tmp:
        result = measure(args.site or build_fixture(Path(tmp) / "site"))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, size in result["files"].items():
            mark = "" if name in BUDGETED else "   (not in the budget)"
            print(f"{name:32} {size['bytes']:7} B raw  {size['gzip']:6} B gzip -9{mark}")
        print(
            f"{'script + stylesheet':32} {'':15} {result['budgeted_gzip']:6} B gzip -9 "
            f"of {result['budget']} B budget: {'within' if result['within_budget'] else 'OVER'}"
        )
    return 1 if args.check and not result["within_budget"] else 0


if __name__ == "__main__":
    sys.exit(main())
