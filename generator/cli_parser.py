"""The `hocvuso` command line's arguments and help, every word from the message catalogue.

argparse writes its own few words ("usage:", "options", its error lines) through gettext; while
the parser is built and used, `speaking_catalogue` answers those lookups from the catalogue's
`cli.argparse` section, so a teacher sees no English.
"""

from __future__ import annotations

import argparse
import contextlib
from importlib import metadata

from .messages import active


def _text(key: str, **values) -> str:
    return active().text("cli", key, **values)


@contextlib.contextmanager
def speaking_catalogue():
    words = active().section("cli", "argparse")
    original = argparse._
    argparse._ = lambda message: words.get(message, message)
    try:
        yield
    finally:
        argparse._ = original


def _version() -> str:
    try:
        return metadata.version("hocvuso")
    except metadata.PackageNotFoundError:
        return "?"


def build_parser(commands: dict) -> argparse.ArgumentParser:
    """`commands`: command name -> the function that runs it (given the parsed arguments)."""
    p = argparse.ArgumentParser(prog="hocvuso", description=_text("description"), epilog=_text("epilog"))
    p.add_argument("--version", action="version", version=f"hocvuso {_version()}", help=_text("version"))
    p.add_argument("--root", default=".", help=_text("root"), metavar=_text("metavars.folder"))
    sub = p.add_subparsers(dest="command", title=_text("commands_title"), metavar=_text("metavars.command"))

    def command(name: str):
        info = active().section("cli", f"commands.{name}")
        parser = sub.add_parser(
            name, help=info["help"], description=info["help"], epilog=_text("example", example=info["example"])
        )
        parser.set_defaults(func=commands[name])
        return parser

    metavars = active().section("cli", "metavars")

    def arg(parser, *names, key: str, **kwargs):
        if kwargs.get("action") != "store_true" and "choices" not in kwargs:
            kwargs["metavar"] = metavars.get(key, metavars["value"])
        parser.add_argument(*names, help=_text(f"args.{key}"), **kwargs)

    arg(command("check"), "--strict", key="strict", action="store_true")
    arg(command("build"), "--site-dir", key="site_dir", default=None)
    arg(command("serve"), "-a", "--dev-addr", key="dev_addr", default=None)
    pack = command("dist")
    arg(pack, "--out", key="dist_out", default=None)
    arg(pack, "--site-dir", key="site_dir", default=None)
    arg(command("onefile"), "--out", key="onefile_out", default=None)
    arg(command("verify"), "path", key="verify_path")
    new = command("new")
    arg(new, "area", key="new_area")
    arg(new, "title", key="new_title", nargs="+")
    arg(new, "--competency", key="new_competency", default=None)
    arg(new, "--level", key="new_level", default=None)
    arg(new, "--audience", key="new_audience", action="append", default=None)
    arg(new, "--duration", key="new_duration", type=int, default=10)
    command("report")
    exp = command("export")
    arg(exp, "--format", key="export_format", choices=["gift", "moodle-xml", "scorm12", "kolibri"], default="gift")
    arg(exp, "--area", key="export_area", default=None)
    arg(exp, "--lesson", key="export_lesson", default=None)
    arg(exp, "-o", "--output", key="export_output", required=True)
    imp = command("import")
    arg(imp, "file", key="import_file")
    arg(imp, "--lesson", key="import_lesson", required=True)
    arg(imp, "--format", key="import_format", choices=["gift", "aiken"], default=None)
    arg(imp, "-o", "--output", key="import_output", default=None)
    arg(imp, "--dry-run", key="import_dry_run", action="store_true")
    tally = command("roster")
    arg(tally, "file", key="roster_file")
    arg(tally, "--csv", key="roster_csv", default=None)
    return p
