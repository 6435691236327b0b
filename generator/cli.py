"""The `hocvuso` command: build and check a course. Every message to a teacher is Vietnamese."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .loader import Project, load
from .messages import msg

# Material prints a banner about MkDocs 2.0 on every build; teachers need not see it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _project(args) -> Project:
    return Project(root=Path(args.root).resolve())


def cmd_check(args) -> int:
    """Validate the whole course without building the site."""
    start = time.monotonic()
    report = load(_project(args))
    for problem in report.problems:
        print(f"{problem.path}:{problem.line}: lỗi: {problem.message}")
    for problem in report.warnings:
        print(f"{problem.path}:{problem.line}: cảnh báo: {problem.message}")
    failed = bool(report.problems) or (args.strict and bool(report.warnings))
    lessons = len(report.course.lessons) if report.course else 0
    print(f"Đã kiểm tra {lessons} bài học trong {time.monotonic() - start:.2f} giây: "
          f"{len(report.problems)} lỗi, {len(report.warnings)} cảnh báo.", file=sys.stderr)
    return 1 if failed else 0


def cmd_build(args) -> int:
    """Build the site with MkDocs (same as `mkdocs build`, without the traceback on bad input)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(str(Path(args.root) / "mkdocs.yml"), site_dir=args.site_dir)
        build(config)
    except (Abort, ConfigurationError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hocvuso", description="Học vụ số: tạo và kiểm tra khóa học kỹ năng số.")
    p.add_argument("--root", default=".", help="thư mục khóa học (có mkdocs.yml), mặc định thư mục hiện tại")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="kiểm tra bài học và câu hỏi, không tạo trang")
    check.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    check.set_defaults(func=cmd_check)
    build = sub.add_parser("build", help="tạo trang web vào thư mục site/")
    build.add_argument("--site-dir", default=None, help="thư mục đầu ra")
    build.set_defaults(func=cmd_build)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
