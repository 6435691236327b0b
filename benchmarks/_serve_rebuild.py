"""Time `mkdocs serve`'s rebuild after one lesson changes (run in its own process by benchmarks.run).

What `mkdocs serve` does on a file change (mkdocs/commands/serve.py, MkDocs 1.6): its `builder()`
loads the configuration afresh (`load_config`, which re-creates plugins that have no
`on_startup`), sets `site_url` to the dev server's URL, and runs a full, non-dirty
`build(config, serve_url=...)` into a temporary folder. This script does the same in one warm
process: `on_startup(command="serve")`, a first build, then for each rebuild it appends a line to
one lesson and times `load_config` + `build` together — the time between the watcher firing and
the browser being told to reload (the watcher's own debounce is not included). It checks that the
edit reached the built page, restores the lesson, and prints one JSON object, with the number of
pages the plugin made anew in each rebuild (the others are reused: generator/incremental.py).
The whole wait of a teacher, watcher included, is timed by benchmarks/preview.py.

    python -m benchmarks._serve_rebuild PROJECT --page 4-an-toan/01-x.md --rebuilds 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SERVE_URL = "http://127.0.0.1:8000/"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("project", type=Path)
    p.add_argument("--page", required=True, help="lesson path relative to docs_dir")
    p.add_argument("--rebuilds", type=int, default=3)
    args = p.parse_args(argv)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = str(args.project / "mkdocs.yml")
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    config = get_config()
    lesson = Path(config.docs_dir) / args.page
    html = Path(site_dir) / (os.path.splitext(args.page)[0] + ".html")
    original = lesson.read_bytes()
    config.plugins.on_startup(command="serve", dirty=False)
    result: dict = {"rebuild_s": [], "rebuild_cpu_s": [], "pages_rendered": []}
    try:
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL, dirty=False)
        result["first_build_s"] = time.perf_counter() - start
        for k in range(args.rebuilds):
            marker = f"Đoạn sửa lần {k + 1} để đo thời gian tạo lại trang."
            lesson.write_bytes(original + f"\n{marker}\n".encode())
            start, cpu = time.perf_counter(), time.process_time()
            config = get_config()
            build(config, serve_url=SERVE_URL, dirty=False)
            result["rebuild_s"].append(time.perf_counter() - start)
            result["rebuild_cpu_s"].append(time.process_time() - cpu)
            preview = getattr(config.plugins.get("hocvuso"), "preview", None)
            result["pages_rendered"].append(len(preview.cache.rendered) if preview else None)
            if marker not in html.read_text(encoding="utf-8"):
                raise SystemExit(f"the edit to {lesson} did not reach {html}")
    finally:
        lesson.write_bytes(original)
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
