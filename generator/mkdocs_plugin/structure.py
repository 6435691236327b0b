"""MkDocs' structures made from the site plan: the navigation, the theme's files the site ships."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from .. import plan


def mkdocs_nav(item: plan.NavItem):
    """MkDocs' `nav` entry; an item without a title takes its page's own title."""
    if item.children:
        return {item.title: [mkdocs_nav(child) for child in item.children]}
    return {item.title: item.page} if item.title else item.page


def drop_unused_theme_files(files: Files, config) -> None:
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    theirs = [d for d in (Path(d).resolve() for d in config.theme.dirs) if d != custom]
    for file in list(files):
        if (
            plan.unused_theme_file(file.src_uri, bool(config.theme.get("palette")))
            and file.abs_src_path
            and any(Path(file.abs_src_path).resolve().is_relative_to(d) for d in theirs)
        ):
            files.remove(file)
