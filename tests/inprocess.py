"""Tiny sites built in the test process (as MkDocs' own tests do), where a subprocess is not needed."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build(config_file: Path, site_dir: Path):
    """Build with MkDocs' API; returns the `hocvuso` plugin. Raises MkDocs' own errors."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    mkdocs_build(config)
    return config.plugins["hocvuso"]
