"""Tiny sites built in the test process (as MkDocs' own tests do), where a subprocess is not needed."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """The build stopped; the message is what MkDocs and the plugin reported."""


def build(config_file: Path, site_dir: Path):
    """Build with MkDocs' API, as `mkdocs build -f config_file -d site_dir` would; returns the
    build's `Built` (course, plan, pages). Raises BuildFailed with the reported errors."""
    from generator.mkdocs_plugin import host

    try:
        setup = host.read_setup(Path(config_file).parent, str(site_dir))
        return host.build(setup)
    except host.HostError as exc:
        raise BuildFailed(str(exc)) from None
