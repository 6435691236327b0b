"""The course folder and its source files: where a course lives (`Project`), what loading reports
(`Report`), and reading a teacher's file safely (no links, size caps: safefile) into text or YAML
with line numbers. Shared by the loader, the glossary and the reviewers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import incremental, safefile
from .errors import Problem
from .messages import msg
from .yamlread import Document, YamlSyntaxError, read_yaml

if TYPE_CHECKING:
    from .model import Course


@dataclass
class Project:
    """Where a course lives. Paths in messages are relative to `root`."""

    root: Path
    content: str = "content"
    quizzes: str = "quizzes"
    framework: str = "framework.yml"
    glossary: str = "glossary.yml"  # optional: a course without this file has no glossary

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Report:
    """The outcome of loading: the course (None when the framework itself is broken) and findings."""

    course: Course | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_text(path: Path, file: str, problems: list[Problem], limit: int) -> str | None:
    """The file's text, or None with the reason in `problems` (see `safefile.read_text`)."""
    try:
        return safefile.read_text(path, file, limit)
    except safefile.Refused as refused:
        problems.append(refused.problem)
    return None


def unsafe_files(project: Project) -> list[Problem]:
    """Symbolic links and special files anywhere in the course: refused, never followed or copied."""
    return sorted(
        {
            problem
            for name in (project.content, project.quizzes, project.framework, project.glossary)
            if name
            for problem in safefile.unsafe_files(project.root / name, project.root)
        }
    )


def parse_yaml(text: str, file: str, problems: list[Problem], first_line: int = 1) -> Document | None:
    """The YAML document (None if it is not YAML), its problems added to `problems`; the live
    preview reuses the last parse of an unchanged text (the document is never modified)."""
    doc, found = incremental.memo(("yaml", file, first_line), text, lambda: _parse_yaml(text, file, first_line))
    problems += found
    return doc


def _parse_yaml(text: str, file: str, first_line: int) -> tuple[Document | None, list[Problem]]:
    try:
        doc, duplicates = read_yaml(text, file, first_line)
    except YamlSyntaxError as exc:
        return None, [exc.problem]
    return doc, [Problem(file, line, msg("duplicate_key", key=key)) for _, line, key in duplicates]


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, line where the body starts). Raises ValueError if unclosed."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise ValueError("unclosed front matter")
