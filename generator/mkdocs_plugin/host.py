"""What the command line asks of MkDocs: the course's configuration, and a build.

The command line reads `mkdocs.yml` here, through MkDocs and the plugin's own option class, so that
`hocvuso check` and `mkdocs build` always agree on where the course is and how it is set up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .. import messages
from ..loader import Project
from ..options import Options
from .options import project_of
from .plugin import HocVuSoPlugin

# Material prints a banner about MkDocs 2.0 on every build; teachers need not see it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class HostError(Exception):
    """The configuration is broken or the build stopped; the message is for a teacher."""


@dataclass
class Setup:
    project: Project
    options: Options
    site_name: str
    site_dir: Path
    config: object  # MkDocs' configuration, for `build`


def read_setup(root: Path, site_dir: str | None = None) -> Setup:
    """The course in `root`, as `mkdocs.yml` describes it (a folder with only `framework.yml` is a
    course with the default layout)."""
    root = root.resolve()
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        if (root / Options().framework).is_file():
            return Setup(Project(root), Options(), root.name, root / "site", None)
        raise HostError(messages.option_text("not_a_course", root=root))
    with _errors_of_mkdocs() as errors:
        try:
            config = load_config(str(config_file), site_dir=site_dir)
        except (Abort, ConfigurationError) as exc:
            detail = "\n".join(errors) or str(exc).strip()
            raise HostError(messages.option_text("bad_config", detail=detail)) from None
    plugin = _plugin(config)
    if plugin is None:  # a site without the plugin: the defaults
        return Setup(Project(root), Options(), config.site_name, Path(config.site_dir), config)
    options = plugin.config.core()
    messages.activate(options.language)
    return Setup(project_of(config, plugin.config), options, config.site_name, Path(config.site_dir), config)


@dataclass
class Built:
    """What a build leaves for the commands that continue from it (the one-file edition)."""

    course: object  # the course model
    plan: object  # its site plan
    pages: dict[str, str]  # with `keep_pages`: page src -> final HTML content of each learner page


def build(setup: Setup, site_dir: Path | None = None, keep_pages: bool = False) -> Built | None:
    """Build the site (into `site_dir` if given); None for a site without the plugin."""
    config = setup.config
    if config is None:
        raise HostError(messages.option_text("not_a_course", root=setup.project.root))
    if site_dir is not None:
        config["site_dir"] = str(site_dir)
    plugin = _plugin(config)
    if plugin is not None:
        plugin.keep_pages = keep_pages
    with _errors_of_mkdocs() as errors:
        try:
            mkdocs_build(config)
        except (Abort, ConfigurationError) as exc:
            raise HostError("\n".join(errors) or str(exc)) from None
    return Built(plugin.course, plugin.plan, plugin.pages) if plugin is not None else None


@contextlib.contextmanager
def _errors_of_mkdocs():
    """MkDocs logs the reason of a failed build or configuration, then raises an English "Aborted
    with …" error: collect the reasons (to report them instead), pass warnings through."""
    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.ERROR:
                errors.append(_plain(record.getMessage()))
            else:
                print(record.getMessage(), file=sys.stderr)

    logger = logging.getLogger("mkdocs")
    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield errors
    finally:
        logger.removeHandler(handler)


def _plain(message: str) -> str:
    """MkDocs' "Config value 'plugins': Plugin 'hocvuso' option 'language': <message>" -> <message>."""
    return message.rsplit("': ", 1)[-1] if message.startswith("Config value 'plugins'") else message


def _plugin(config) -> HocVuSoPlugin | None:
    return next((p for p in config.plugins.values() if isinstance(p, HocVuSoPlugin)), None)


def serve(setup: Setup, dev_addr: str | None = None) -> None:
    """The live preview (`mkdocs serve`): rebuilds on every save; a course with errors shows them
    in the browser instead of stopping (the plugin's `on_config`)."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    if setup.config is None:
        raise HostError(messages.option_text("not_a_course", root=setup.project.root))
    address = dev_addr or str(setup.config.dev_addr)
    print(messages.teacher_text("serve_at", url=f"http://{address}/"), file=sys.stderr, flush=True)
    with _errors_of_mkdocs() as errors:
        try:
            mkdocs_serve(config_file=str(setup.project.root / "mkdocs.yml"), dev_addr=dev_addr)
        except (Abort, ConfigurationError) as exc:
            raise HostError("\n".join(errors) or str(exc)) from None
