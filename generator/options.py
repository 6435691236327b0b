"""The course's options, as the MkDocs adapter and the command line both read them from `mkdocs.yml`.

Plain data and plain validation, so the core does not depend on MkDocs' config classes; the adapter
(`generator/mkdocs_plugin/options.py`) declares the same options for MkDocs and validates each
value with the functions here, and the command line reads them through the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import messages


class OptionError(ValueError):
    """A bad option value; the message names the option and what is allowed."""


@dataclass(frozen=True)
class Options:
    framework: str = "framework.yml"  # the competency framework file, relative to mkdocs.yml
    quizzes: str = "quizzes"  # the folder of quiz files, relative to mkdocs.yml
    glossary: str = "glossary.yml"  # optional: a course without this file has no glossary
    language: str = messages.DEFAULT_LANGUAGE  # the catalogue for the site, the errors and the CLI
    # Names the learner's saved progress in the browser (`hocvuso:v1:<course_id>`); default: the
    # site name without diacritics. Set it to keep progress when renaming the site.
    course_id: str | None = None
    enabled: bool = True


def check_language(value: str) -> str:
    languages = messages.languages()
    if value not in languages:
        raise OptionError(messages.option_text("bad_language", value=value, allowed=", ".join(languages)))
    return value


def check_relative_path(value: str) -> str:
    """Course files are named relative to the course folder and stay inside it."""
    path = Path(value)
    if path.is_absolute() or ".." in path.parts:
        raise OptionError(messages.option_text("path_outside", value=value))
    return value
