"""Reading a course's files without trusting them.

Courses travel on USB sticks and between colleagues, so a course folder may hold anything: a
symbolic link to `/etc/passwd` or `/dev/zero`, a link loop, a 50 MB "quiz", invisible control
characters pasted from another program. Here

- `read_text` reads one teacher file: never through a symbolic link, only a regular file, at most
  a fixed size (checked before reading), UTF-8, without control characters;
- `unsafe_files` lists the symbolic links and special files (devices, pipes, sockets) in a folder,
  without following any link, so the build refuses them instead of copying what they point at;
- `excluded` tells the MkDocs adapter which files of the docs folder must not be published:
  Markdown that is not a page the loader validated, and anything `unsafe_files` refuses.

Symbolic links are refused outright rather than allowed "when they point inside the project": a
copy of the course on a FAT USB stick or in a zip loses them anyway, a teacher can always copy the
file instead, and resolving links safely (loops, `..`, links that change between check and read)
is code nobody needs.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import Problem

# Size caps, checked before a file is read. A long lesson in the starter course is 20 KB and a
# quiz 12 KB; these leave room for fifty times that, and refuse a stray video or a hostile file at once.
MAX_LESSON_BYTES = 1_000_000
MAX_QUIZ_BYTES = 2_000_000
MAX_FRAMEWORK_BYTES = 1_000_000
MAX_GLOSSARY_BYTES = 1_000_000

# C0 control characters other than tab, line feed and carriage return (Windows line ends), and DEL.
# Never typed on purpose; they come from pasting, and a NUL byte would reach the page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a pipe must not wait for a writer


class Refused(Exception):
    """A file that must not be read; `problem` says why, for the teacher."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _msg(key: str, **values) -> str:
    from .messages import msg

    return msg(key, **values)


def megabytes(size: int) -> str:
    """`1,5 MB`: a size as the message shows it (Vietnamese decimal comma)."""
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def _shown_target(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        return "?"
    return "".join(ch if ch.isprintable() else "?" for ch in target)[:200]


def read_bytes(path: Path, file: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, not read through a symbolic link."""
    if path.is_symlink():  # also where the platform has no O_NOFOLLOW
        raise Refused(Problem(file, 1, _msg("symlink", target=_shown_target(path))))
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if path.is_symlink():  # replaced by a link since the check above
            raise Refused(Problem(file, 1, _msg("symlink", target=_shown_target(path)))) from None
        raise Refused(Problem(file, 1, _msg("unreadable", detail=exc.strerror or exc))) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused(Problem(file, 1, _msg("not_regular_file")))
        if info.st_size > limit:
            raise Refused(
                Problem(file, 1, _msg("file_too_large", size=megabytes(info.st_size), limit=megabytes(limit)))
            )
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise Refused(Problem(file, 1, _msg("file_too_large", size=megabytes(len(data)), limit=megabytes(limit))))
    return data


def read_text(path: Path, file: str, limit: int) -> str:
    """A teacher's text file, checked as `read_bytes` does, decoded as UTF-8 (with or without BOM).

    Raises Refused for a file that is not UTF-8 or holds a control character (located by line).
    """
    try:
        text = read_bytes(path, file, limit).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(Problem(file, 1, _msg("not_utf8"))) from None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise Refused(Problem(file, line, _msg("control_character", code=f"U+{ord(control.group()):04X}")))
    return text


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def unsafe_files(folder: Path, root: Path | None = None) -> list[Problem]:
    """A problem for each symbolic link and special file in `folder` (itself included), shown
    relative to `root` (default: the folder's parent). Links are never followed, so a loop or a
    link to a device is found without touching what it points at. Hidden entries (`.git`, …) are
    skipped: MkDocs does not publish them and the loader does not read them."""
    root = root if root is not None else folder.parent
    found: list[Problem] = []
    if folder.is_symlink():
        return [Problem(_rel(folder, root), 1, _msg("symlink", target=_shown_target(folder)))]
    if not folder.exists():
        return []
    if not folder.is_dir():
        return [] if folder.is_file() else [Problem(_rel(folder, root), 1, _msg("not_regular_file"))]
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue  # an unreadable folder: the loader says so when it needs it
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                found.append(Problem(_rel(path, root), 1, _msg("symlink", target=_shown_target(path))))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif not entry.is_file(follow_symlinks=False):
                found.append(Problem(_rel(path, root), 1, _msg("not_regular_file")))
    return sorted(found)


def is_unsafe(docs_dir: Path, src_uri: str) -> bool:
    """Whether `src_uri` under `docs_dir` is, or goes through, a symbolic link, or is not a regular file."""
    path, info = Path(docs_dir), None
    for part in src_uri.split("/"):
        path = path / part
        try:
            info = path.lstat()
        except OSError:
            return True
        if stat.S_ISLNK(info.st_mode):
            return True
    return info is None or not stat.S_ISREG(info.st_mode)


def excluded(docs_dir: Path, src_uri: str, pages: set[str]) -> bool:
    """Whether the MkDocs adapter must leave out the file `src_uri` of the docs folder.

    `pages` are the Markdown pages the loader validated (see `course_pages`); any other Markdown
    (drafts and snippets in `_…` folders, notes in `img/` or `assets/`) is not a page of the course,
    so it is never published unchecked. Symbolic links and special files are never published.
    """
    if src_uri.endswith(".md") and src_uri not in pages:
        return True
    return is_unsafe(docs_dir, src_uri)


def course_pages(course) -> set[str]:
    """The Markdown pages of a loaded course, relative to the docs folder: lessons, area and module overviews."""
    pages = {lesson.page for lesson in course.lessons}
    pages |= {part.intro_page for part in [*course.areas, *course.modules] if part.intro_page}
    return pages
