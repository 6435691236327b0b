"""How long a teacher waits, under `mkdocs serve`, between saving a file and seeing it (issue 21).

`measure(project)` starts `mkdocs serve` on the course in a subprocess, waits for the first
build, then saves one lesson (and, separately, one quiz) with a new word in it and times from the
moment the file is written until the lesson's page, fetched over HTTP, has that word. MkDocs'
server holds a request while it rebuilds (mkdocs/livereload: it never serves a half-built site),
so that time is the whole wait: the file watcher's polling (every 0.5 s), its 0.1 s debounce and
the rebuild (for a lesson or a quiz the plugin's quick one, generator/mkdocs_plugin/quick.py). The server's own "built in" figures are read from its log, and the CPU time it used
for each save (Linux) besides the wall time. Files are restored.

    python -m benchmarks.preview            # synthetic courses of 60 and 600 lessons
    python -m benchmarks.preview --lessons 600 --edits 5

    from benchmarks.preview import measure
    figures = measure(project_dir)          # {"lesson_s": [...], "quiz_s": [...], ...}
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LIMIT = 300  # seconds: a hang, not a measurement (the machine may be shared)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=LIMIT) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, since: float) -> float:
    """Seconds from `since` until the page at `url` has `text`."""
    while time.perf_counter() - since < LIMIT:
        if text in _get(url):
            return time.perf_counter() - since
        time.sleep(0.02)
    raise RuntimeError(f"{url} never showed {text!r}")


def _wait_for_gone(url: str, text: str, since: float) -> None:
    """Until the page at `url` no longer has `text`: the rebuild after a file is restored is over,
    so the next save is timed alone (not behind the rest of that rebuild)."""
    while time.perf_counter() - since < LIMIT:
        page = _get(url)
        if page and text not in page:
            return
        time.sleep(0.02)
    raise RuntimeError(f"{url} still shows {text!r}")


def _cpu(pid: int) -> float | None:
    """Seconds of CPU the process has used (Linux: /proc; None elsewhere): on a shared machine the
    wall time of a save grows with the load, its CPU time does not."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _built_times(log: Path) -> list[float]:
    return [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", log.read_text(errors="replace"))]


def _pick(project: Path) -> tuple[Path, Path]:
    """A lesson in the middle of the course that has a quiz, and its quiz."""
    quizzes = sorted((project / "quizzes").rglob("*.yml"))
    quiz = quizzes[len(quizzes) // 2]
    lesson = project / "content" / quiz.relative_to(project / "quizzes").with_suffix(".md")
    return lesson, quiz


def measure(project: Path, edits: int = 3) -> dict:
    """Save one lesson, then one quiz, `edits` times each, under `mkdocs serve`; seconds from
    each save until the lesson's page shows it. Also the first build and MkDocs' own build times."""
    project = Path(project).resolve()
    lesson, quiz = _pick(project)
    url = f"http://127.0.0.1:{_free_port()}/"
    page = url + lesson.relative_to(project / "content").with_suffix(".html").as_posix()
    originals = {lesson: lesson.read_bytes(), quiz: quiz.read_bytes()}
    log = Path(tempfile.mkstemp(prefix="hocvuso-preview-", suffix=".log")[1])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", url[7:-1]]
    result: dict = {"lesson_s": [], "quiz_s": [], "lesson_cpu_s": [], "quiz_cpu_s": []}
    result["lesson"] = lesson.relative_to(project).as_posix()
    with open(log, "wb") as out:
        start = time.perf_counter()
        server = subprocess.Popen(cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        result["first_build_s"] = _wait_for(page, "</html>", start)
        time.sleep(1)  # the watcher takes its first look at the folders
        for k in range(edits):
            for kind, path in (("lesson", lesson), ("quiz", quiz)):
                word = f"hvsdo{kind}{k}x"
                text = originals[path].decode("utf-8")
                if kind == "lesson":
                    text += f"\n\nĐoạn thêm {word}.\n"
                else:
                    text = text.replace("  prompt: ", f"  prompt: {word} ", 1)
                cpu, start = _cpu(server.pid), time.perf_counter()
                path.write_text(text, encoding="utf-8")
                result[f"{kind}_s"].append(_wait_for(page, word, start))
                if cpu is not None:  # the server's CPU from the save to the page served (its watcher's too)
                    result[f"{kind}_cpu_s"].append(_cpu(server.pid) - cpu)
                path.write_bytes(originals[path])
                _wait_for_gone(page, word, time.perf_counter())  # the restored page, before the next edit
                time.sleep(0.6)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        server.terminate()
        server.wait(timeout=60)
    result["mkdocs_built_s"] = _built_times(log)
    log.unlink()
    for kind in ("lesson", "quiz"):
        result[f"{kind}_median_s"] = statistics.median(result[f"{kind}_s"])
        if result[f"{kind}_cpu_s"]:
            result[f"{kind}_cpu_median_s"] = statistics.median(result[f"{kind}_cpu_s"])
    if hasattr(os, "getloadavg"):
        result["load_average"] = os.getloadavg()  # the machine's, at the end: wall times are noisy above 1 a core
    return result


def main(argv: list[str] | None = None) -> int:
    from .synth import write_course

    p = argparse.ArgumentParser(prog="python -m benchmarks.preview", description=__doc__.split("\n\n")[0])
    p.add_argument("--lessons", type=int, nargs="*", default=[60, 600])
    p.add_argument("--edits", type=int, default=3)
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="hocvuso-preview-"))
    try:
        for n in args.lessons:
            write_course(work / f"course-{n}", n, "hocvuso", 7)
            figures = measure(work / f"course-{n}", args.edits)
            print(json.dumps({"lessons": n, **figures}, ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
