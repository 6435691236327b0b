"""Compiled theme templates kept between builds (issue 21: the build's fixed cost).

Jinja compiles every template of the theme (Material's base.html and partials, our overrides) on
each build: about a tenth of a 60-lesson build. Its bytecode cache keeps the compiled code and
checks each template's source checksum, so an edited template is compiled again.

The cache is the user's own (`$HOCVUSO_CACHE/templates`, else `hocvuso/templates` in the user's
cache folder), never the course folder: compiled code is loaded and run as it is, and a course
folder travels between people (a zip, a USB stick) — a `.cache/` planted in one would run on the
teacher's machine at the next build. A folder that cannot be made only means no cache.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def folder() -> Path | None:
    """Where compiled templates are kept: not in any course folder (see the module's doc)."""
    if explicit := os.environ.get("HOCVUSO_CACHE"):
        return Path(explicit) / "templates"
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if not base:
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no home folder: no cache
            return None
    return Path(base) / "hocvuso" / "templates"


def use(env) -> None:
    """Give the build's Jinja environment the user's bytecode cache."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = FileSystemBytecodeCache(str(where))
