"""Compiled theme templates kept between builds (issue 21: the build's fixed cost).

Jinja compiles every template of the theme (Material's base.html and partials, our overrides) on
each build: about a tenth of a 60-lesson build. Its bytecode cache keeps the compiled code in the
course folder's `.cache/` (next to the prepared images) and checks each template's source checksum,
so an edited template is compiled again. A folder that cannot be written only means no cache.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

FOLDER = ".cache/hocvuso-templates"


def use(env, project_root: Path) -> None:
    """Give the build's Jinja environment a bytecode cache in `project_root/.cache/`."""
    folder = Path(project_root) / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
