"""The `hocvuso` command: build and check a course. Every message to a teacher is Vietnamese."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

from . import dist, onefile
from .glossary import glossary_warnings
from .loader import Project, load
from .messages import dist_text, msg
from . import coverage, exchange, review, scaffold
from .messages import teacher_text

# Material prints a banner about MkDocs 2.0 on every build; teachers need not see it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _project(args) -> Project:
    return Project(root=Path(args.root).resolve())


def cmd_check(args) -> int:
    """Validate the whole course without building the site."""
    start = time.monotonic()
    project = _project(args)
    report = review.check(project)  # the build's rules plus the reviewer's warnings
    if report.course:  # reading comfort: jargon the glossary lacks, sentences too long for beginners
        report.warnings = sorted(report.warnings + glossary_warnings(report.course, project))
    _print_problems(report)
    failed = bool(report.problems) or (args.strict and bool(report.warnings))
    lessons = len(report.course.lessons) if report.course else 0
    if args.strict and report.warnings:
        print(teacher_text("check_strict"), file=sys.stderr)
    print(teacher_text("check_summary", lessons=lessons, seconds=f"{time.monotonic() - start:.2f}",
                       errors=len(report.problems), warnings=len(report.warnings)), file=sys.stderr)
    return 1 if failed else 0


def _print_problems(report, warnings: bool = True) -> None:
    for problem in report.problems:
        print(f"{problem.path}:{problem.line}: {teacher_text('error_label')}: {problem.message}")
    for problem in report.warnings if warnings else []:
        print(f"{problem.path}:{problem.line}: {teacher_text('warning_label')}: {problem.message}")


def _loaded(args):
    """The course and its project, or None after printing its errors (for report, export, import)."""
    project = _project(args)
    report = load(project)
    if report.problems or report.course is None:
        _print_problems(report, warnings=False)
        print(teacher_text("course_broken", count=len(report.problems)), file=sys.stderr)
        return None, project
    return report.course, project


def cmd_new(args) -> int:
    """Create a lesson and its self-assessment from the templates."""
    project = _project(args)
    try:
        created = scaffold.create_lesson(project, args.area, " ".join(args.title), competency=args.competency,
                                         level=args.level, audiences=args.audience, duration=args.duration)
    except scaffold.ScaffoldError as exc:
        print(f"{teacher_text('error_label')}: {exc}", file=sys.stderr)
        return 1
    print(teacher_text("new_created"))
    print(f"  {project.rel(created.lesson)}")
    print(f"  {project.rel(created.quiz)}")
    print(teacher_text("new_next_steps"))
    return 0


def cmd_report(args) -> int:
    """Print the coverage of the competency framework."""
    course, _ = _loaded(args)
    if course is None:
        return 1
    sys.stdout.write(coverage.render_text(coverage.coverage(course)))
    return 0


def cmd_export(args) -> int:
    """Write the question bank (or one area's) as GIFT or Moodle XML."""
    course, _ = _loaded(args)
    if course is None:
        return 1
    if args.area is not None and not any(args.area in (a.code, a.folder) for a in course.areas):
        allowed = ", ".join(f"`{a.code}` ({a.name})" for a in course.areas)
        print(f"{teacher_text('error_label')}: {teacher_text('new_unknown_area', area=args.area, allowed=allowed)}",
              file=sys.stderr)
        return 1
    result = (exchange.to_gift if args.format == "gift" else exchange.to_moodle_xml)(course, args.area)
    if not result.count:
        area = teacher_text("export_area_suffix", area=args.area) if args.area else ""
        print(f"{teacher_text('error_label')}: {teacher_text('export_no_questions', area=area)}", file=sys.stderr)
        return 1
    name = "GIFT" if args.format == "gift" else "Moodle XML"
    if args.output == "-":
        sys.stdout.write(result.text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(result.text, encoding="utf-8")
        print(teacher_text("export_written", count=result.count, format=name, path=args.output))
    if result.notes:
        print(teacher_text("export_notes", format=name), file=sys.stderr)
        for line in result.notes:
            print(f"  - {line}", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    """Read a GIFT or Aiken file into the quiz file of a lesson."""
    project = _project(args)
    try:
        result = exchange.import_into(project, Path(args.file), Path(args.lesson), fmt=args.format,
                                      output=Path(args.output) if args.output else None, dry_run=args.dry_run)
    except exchange.ExchangeError as exc:
        print(f"{teacher_text('error_label')}: {exc}", file=sys.stderr)
        return 1
    if result.path is None:
        print(teacher_text("import_preview", count=result.count))
    else:
        shown = project.rel(result.path.resolve())
        print(teacher_text("import_written", count=result.count, path=shown))
    if result.notes:
        print(teacher_text("import_notes"), file=sys.stderr)
        for line in result.notes:
            print(f"  - {line}", file=sys.stderr)
    if result.problems:
        print(teacher_text("import_check_after"), file=sys.stderr)
        for problem in result.problems:
            print(f"{problem.path}:{problem.line}: {teacher_text('error_label')}: {problem.message}", file=sys.stderr)
        return 1
    return 0


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


def _built_site(config, site_dir: Path):
    """Build the site into `site_dir`; return the plugin, which kept the course and the pages."""
    from mkdocs.commands.build import build

    config["site_dir"] = str(site_dir)
    plugin = config.plugins["hocvuso"]
    plugin.keep_pages = True
    build(config)
    return plugin


def _write_onefiles(plugin, config, site: Path, out: Path, date: str) -> None:
    dist.replace_atomically(out, lambda folder: onefile.write_onefiles(
        plugin.course, plugin.pages, site, folder, config.site_name, date))
    for path in sorted(out.iterdir()):
        print(dist_text("onefile_written", path=path, size=dist.human_size(path.stat().st_size)))


def _built_portable_site(config, site_dir: Path):
    """`_built_site`, refused when a file name could not travel on a USB stick (see dist)."""
    plugin = _built_site(config, site_dir)
    dist.check_portable_names(site_dir)
    return plugin


def cmd_dist(args) -> int:
    """Build into a temporary folder, replace the site only if that succeeded, then write the
    one-file editions and the zip for USB sticks. Leftovers of an interrupted run go first."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    root = Path(args.root)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=args.site_dir)
    except (Abort, ConfigurationError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    site = Path(config.site_dir)
    out = Path(args.out) if args.out else root / "dist"
    swapped = False  # once the new site is in place, a later failure no longer concerns it

    def failed(text: str) -> int:
        print(text, file=sys.stderr)
        if not swapped:
            print(dist_text("kept", site=site), file=sys.stderr)
        return 1

    try:
        restored = dist.clean_leftovers(site)
        if restored:
            print(dist_text("restored", site=site, old=restored.name))
        dist.clean_leftovers(out / dist.ONEFILE_FOLDER)
        dist.clean_temp_zips(out)
        plugin = dist.replace_atomically(site, lambda folder: _built_portable_site(config, folder))
        swapped = True
        print(dist_text("built", site=site, files=sum(1 for p in site.rglob("*") if p.is_file())))
        date = datetime.date.today().isoformat()
        _write_onefiles(plugin, config, site, out / dist.ONEFILE_FOLDER, date)
        package = dist.write_zip(out / f"hocvuso-{date}.zip", f"hocvuso-{date}",
                                 {dist.SITE_FOLDER: site, dist.ONEFILE_FOLDER: out / dist.ONEFILE_FOLDER},
                                 dist.readme_text(config.site_name, date))
    except (Abort, ConfigurationError, dist.DistError) as exc:
        return failed(str(exc))
    except OSError as exc:  # a full disk, a folder we may not write: the path, not a traceback
        return failed(dist.os_error_text(exc, out if swapped else site))
    except Exception:  # a bug, not the teacher's mistake: the traceback matters, and so does the site
        if not swapped:
            print(dist_text("kept", site=site), file=sys.stderr)
        raise
    print(dist_text("zip_written", path=package.path, size=dist.human_size(package.path.stat().st_size),
                    files=package.files))
    print(dist_text("fingerprint", code=package.fingerprint))
    return 0


def cmd_onefile(args) -> int:
    """Write the one-file edition of each area; the site is built in a temporary folder."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    root = Path(args.root)
    out = Path(args.out) if args.out else root / "dist" / dist.ONEFILE_FOLDER
    with tempfile.TemporaryDirectory(prefix="hocvuso-") as tmp:
        try:
            config = load_config(str(root / "mkdocs.yml"))
            plugin = _built_site(config, Path(tmp) / "site")
            dist.clean_leftovers(out)
            _write_onefiles(plugin, config, Path(tmp) / "site", out, datetime.date.today().isoformat())
        except (Abort, ConfigurationError) as exc:
            print(str(exc), file=sys.stderr)
            return 1
        except OSError as exc:  # a full disk, a folder we may not write
            print(dist.os_error_text(exc, out), file=sys.stderr)
            return 1
    return 0


def cmd_verify(args) -> int:
    """Check a copied folder or zip against its SHA256SUMS."""
    try:
        result = dist.verify(Path(args.path))
    except dist.DistError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for line in dist.iter_report(result):
        print(line)
    return 0 if result.ok else 1


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
    pack = sub.add_parser("dist", help="tạo trang web (chỉ thay site/ khi tạo thành công), bản một tệp và tệp .zip để chép vào USB")
    pack.add_argument("--out", default=None, help="thư mục ghi tệp .zip và bản một tệp, mặc định dist/")
    pack.add_argument("--site-dir", default=None, help="thư mục trang web, mặc định site/")
    pack.set_defaults(func=cmd_dist)
    single = sub.add_parser("onefile", help="tạo bản một tệp: mỗi miền năng lực một tệp .html để gửi từ máy này sang máy khác")
    single.add_argument("--out", default=None, help="thư mục đầu ra, mặc định dist/mot-tep/")
    single.set_defaults(func=cmd_onefile)
    check_copy = sub.add_parser("verify", help="kiểm tra một bản sao (thư mục hoặc tệp .zip) theo tệp SHA256SUMS")
    check_copy.add_argument("path", help="thư mục đã giải nén hoặc tệp .zip")
    check_copy.set_defaults(func=cmd_verify)
    _add_authoring_commands(sub)
    return p


def _add_authoring_commands(sub) -> None:
    """`new`, `report`, `export` and `import`: writing and exchanging lessons and questions."""
    new = sub.add_parser("new", help="tạo bài học mới và tệp câu hỏi đi kèm từ mẫu")
    new.add_argument("area", help="mã miền (ví dụ 4) hoặc tên thư mục miền (ví dụ 4-an-toan)")
    new.add_argument("title", nargs="+", help="tên bài học, ví dụ \"Đặt mật khẩu mạnh\"")
    new.add_argument("--competency", default=None, help="mã năng lực, mặc định năng lực đầu tiên của miền")
    new.add_argument("--level", default=None, help="bậc, mặc định bậc đầu tiên của khung (CB1)")
    new.add_argument("--audience", action="append", default=None, help="đối tượng (ghi nhiều lần nếu cần), mặc định mọi đối tượng")
    new.add_argument("--duration", type=int, default=10, help="thời lượng (phút), mặc định 10")
    new.set_defaults(func=cmd_new)
    rep = sub.add_parser("report", help="bảng độ phủ khung năng lực: bài học, câu hỏi, bậc; lộ trình theo đối tượng")
    rep.set_defaults(func=cmd_report)
    exp = sub.add_parser("export", help="xuất ngân hàng câu hỏi sang GIFT hoặc Moodle XML")
    exp.add_argument("--format", choices=["gift", "moodle-xml"], default="gift", help="định dạng, mặc định gift")
    exp.add_argument("--area", default=None, help="chỉ xuất một miền (mã hoặc tên thư mục)")
    exp.add_argument("-o", "--output", required=True, help="tệp ghi ra (- để in ra màn hình)")
    exp.set_defaults(func=cmd_export)
    imp = sub.add_parser("import", help="nhập câu hỏi từ tệp GIFT hoặc Aiken vào tệp câu hỏi của một bài")
    imp.add_argument("file", help="tệp GIFT (.gift, .txt) hoặc Aiken (.txt)")
    imp.add_argument("--lesson", required=True, help="tệp bài học, ví dụ content/4-an-toan/02-mat-khau.md")
    imp.add_argument("--format", choices=["gift", "aiken"], default=None, help="định dạng, mặc định tự nhận ra")
    imp.add_argument("-o", "--output", default=None, help="ghi ra tệp khác thay vì thêm vào tệp câu hỏi của bài")
    imp.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo cáo, không ghi tệp")
    imp.set_defaults(func=cmd_import)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
