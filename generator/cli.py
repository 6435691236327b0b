"""The `hocvuso` command: build and check a course. Every message to a teacher is Vietnamese."""

from __future__ import annotations

import datetime
import sys
import tempfile
import time
from pathlib import Path

from . import coverage, dist, exchange, media_check, quality, render, review, roster, scaffold
from .cli_parser import build_parser, speaking_catalogue
from .cli_site import cmd_build, cmd_dist, cmd_onefile, cmd_serve, cmd_verify, course_setup
from .exchange import scorm
from .glossary_check import glossary_warnings
from .loader import Project, load
from .messages import teacher_text


def _project(args) -> Project:
    return course_setup(args).project


def cmd_check(args) -> int:
    """Validate the whole course without building the site."""
    start = time.monotonic()
    project = _project(args)
    report = review.check(project)  # the build's rules plus the reviewer's warnings
    if report.course:  # reading comfort (jargon, long sentences) and quizzes that test nothing
        report.warnings = sorted(
            report.warnings
            + glossary_warnings(report.course, project)
            + quality.review(report.course, project)
            + scaffold.template_leftovers(report.course, project)
        )
    _print_problems(report)
    failed = bool(report.problems) or (args.strict and bool(report.warnings))
    lessons = len(report.course.lessons) if report.course else 0
    if args.strict and report.warnings:
        print(teacher_text("check_strict"), file=sys.stderr)
    print(
        teacher_text(
            "check_summary",
            lessons=lessons,
            seconds=f"{time.monotonic() - start:.2f}",
            errors=len(report.problems),
            warnings=len(report.warnings),
        ),
        file=sys.stderr,
    )
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
        created = scaffold.create_lesson(
            project,
            args.area,
            " ".join(args.title),
            competency=args.competency,
            level=args.level,
            audiences=args.audience,
            duration=args.duration,
        )
    except scaffold.ScaffoldError as exc:
        print(f"{teacher_text('error_label')}: {exc}", file=sys.stderr)
        return 1
    print(teacher_text("new_created"))
    print(f"  {project.rel(created.lesson)}")
    print(f"  {project.rel(created.quiz)}")
    if created.module_index:
        print(f"  {project.rel(created.module_index)}")
    print(teacher_text("new_next_steps"))
    return 0


def cmd_report(args) -> int:
    """Print the coverage of the competency framework."""
    course, project = _loaded(args)
    if course is None:
        return 1
    cov = coverage.coverage(course)
    sys.stdout.write(coverage.render_text(cov))
    sys.stdout.write(media_check.report_text(project.root, project.content))  # image bytes before/after
    print(teacher_text("report_done", lessons=len(course.lessons), questions=cov.questions), file=sys.stderr)
    return 0


def cmd_roster(args) -> int:
    """The class's results from a file of learners' results codes (one a line), as the roster page."""
    setup = course_setup(args)
    course, _ = _loaded(args)
    if course is None:
        return 1
    try:
        lines = Path(args.file).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        print(f"{teacher_text('error_label')}: {teacher_text('roster_unreadable', path=args.file)}", file=sys.stderr)
        return 1
    data = render.course_data(course)
    found = roster.tally(lines, setup.options.course_id or render.course_id(setup.site_name), data)
    for refused in found.refused:
        print(teacher_text("roster_line", path=args.file, line=refused.line, error=refused.message), file=sys.stderr)
    if not found.learners:
        print(f"{teacher_text('error_label')}: {teacher_text('roster_none', path=args.file)}", file=sys.stderr)
        return 1
    rows = roster.table(found, data)
    for row in rows:
        print(" | ".join(str(cell) for cell in row))
    if args.csv:
        Path(args.csv).write_bytes(roster.csv_bytes(rows))
        print(teacher_text("roster_csv", path=args.csv), file=sys.stderr)
    print(
        teacher_text(
            "roster_summary",
            learners=len(found.learners),
            codes=found.codes + len(found.refused),
            refused=len(found.refused),
        ),
        file=sys.stderr,
    )
    return 1 if found.refused else 0


def cmd_export(args) -> int:
    """Write the question bank (or one area's, or one lesson's) as GIFT or Moodle XML; or the lessons
    as a SCORM 1.2 package or a Kolibri HTML5 app (`_export_package`)."""
    course, _ = _loaded(args)
    if course is None:
        return 1

    def error(key: str, **values) -> int:
        print(f"{teacher_text('error_label')}: {teacher_text(key, **values)}", file=sys.stderr)
        return 1

    if args.area is not None and args.lesson is not None:
        return error("export_area_and_lesson")
    if args.area is not None and not any(a.holds(args.area) is not None for a in course.areas):  # an area or a module
        allowed = ", ".join(f"`{a.code}` ({a.name})" for a in course.areas)
        return error("new_unknown_area", area=args.area, allowed=allowed)
    lessons = scorm.select(course, args.area, args.lesson)
    if args.lesson is not None and not lessons:
        return error(
            "export_unknown_lesson",
            lesson=args.lesson,
            example=course.lessons[0].source if course.lessons else "content/1-thong-tin/01-bai.md",
        )
    if args.format in ("scorm12", "kolibri"):
        return _export_package(args, lessons, error)
    page = lessons[0].page if args.lesson is not None else None
    result = (exchange.to_gift if args.format == "gift" else exchange.to_moodle_xml)(course, args.area, page)
    if not result.count:
        area = teacher_text("export_area_suffix", area=args.area or args.lesson) if args.area or args.lesson else ""
        return error("export_no_questions", area=area)
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
    if args.output == "-":  # the questions went to the screen: the last line says so, after the notes
        print(teacher_text("export_printed", count=result.count, format=name), file=sys.stderr)
    return 0


def _export_package(args, lessons, error) -> int:
    """SCORM 1.2 or Kolibri: made from a build of the site in a temporary folder."""
    from .exchange.kolibri import write_kolibri
    from .mkdocs_plugin import host

    name = "SCORM 1.2" if args.format == "scorm12" else "Kolibri"
    if args.output == "-":
        return error("export_need_zip", format=name)
    if not lessons:
        return error("export_no_lessons", area=teacher_text("export_area_suffix", area=args.area) if args.area else "")
    setup = course_setup(args)
    out = Path(args.output)
    with tempfile.TemporaryDirectory(prefix="hocvuso-") as tmp:
        try:
            built = host.build(setup, Path(tmp) / "site", keep_pages=True)
            pages = {lesson.page for lesson in lessons}
            lessons = [lesson for lesson in built.course.lessons if lesson.page in pages]
            site = Path(tmp) / "site"
            if args.format == "scorm12":
                package = scorm.write_scorm(
                    built.course,
                    lessons,
                    built.pages,
                    site,
                    setup.site_name,
                    setup.options.course_id or render.course_id(setup.site_name),
                    out,
                )
            else:
                package = write_kolibri(
                    built.course,
                    lessons,
                    built.pages,
                    site,
                    setup.site_name,
                    datetime.date.today().isoformat(),
                    out,
                    args.area,
                    args.lesson,
                )
        except OSError as exc:  # a full disk, a folder we may not write
            print(dist.os_error_text(exc, out), file=sys.stderr)
            return 1
    print(
        teacher_text(
            "export_package_written", format=name, lessons=package.lessons, size=dist.human_size(package.size), path=out
        )
    )
    return 0


def cmd_import(args) -> int:
    """Read a GIFT or Aiken file into the quiz file of a lesson."""
    project = _project(args)
    try:
        result = exchange.import_into(
            project,
            Path(args.file),
            Path(args.lesson),
            fmt=args.format,
            output=Path(args.output) if args.output else None,
            dry_run=args.dry_run,
        )
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
    if result.skipped:  # what was read is kept; the exit code tells a script that not all of it was
        print(teacher_text("import_skipped", count=len(result.skipped)), file=sys.stderr)
        for line, ref in result.skipped:
            print(
                "  " + teacher_text("import_skipped_line", path=args.file, line=line, q=exchange.said(ref)),
                file=sys.stderr,
            )
    if result.problems:
        print(teacher_text("import_check_after"), file=sys.stderr)
        for problem in result.problems:
            print(f"{problem.path}:{problem.line}: {teacher_text('error_label')}: {problem.message}", file=sys.stderr)
        return 1
    return 1 if result.skipped else 0


COMMANDS = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "dist": cmd_dist,
    "onefile": cmd_onefile,
    "verify": cmd_verify,
    "new": cmd_new,
    "report": cmd_report,
    "export": cmd_export,
    "import": cmd_import,
    "roster": cmd_roster,
}


def parser():
    return build_parser(COMMANDS)


def main(argv: list[str] | None = None) -> int:
    from .mkdocs_plugin.host import HostError

    with speaking_catalogue():
        p = parser()
        args = p.parse_args(argv)
        if args.command is None:  # `hocvuso` alone: what it can do, rather than an error
            p.print_help()
            return 2
    try:
        return args.func(args)
    except HostError as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
