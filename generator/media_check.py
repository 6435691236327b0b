"""The media rules of a course, for the loader (the build and `hocvuso check`) and `hocvuso report`.

Errors: a narration file or a question's clip that is missing, outside the content folder or not audio; a video, audio or frame
(`<iframe>`) from another site (the course never asks another host for anything, and a learner
offline would see nothing). Warnings: audio or video too large for a phone (a question's clip above `CLIP_WARN`), a video without captions.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from . import images, incremental, messages, safefile
from .errors import Problem
from .media import (
    AUDIO,
    AUDIO_WARN,
    CAPTIONS,
    CLIP_WARN,
    VIDEO,
    VIDEO_WARN,
    attributes,
    local_target,
)
from .messages import msg, teacher_text, warning

_ELEMENT = re.compile(r"<(video|audio|iframe|source|track|embed|object)\b([^>]*)>", re.I)
_VIDEO_BLOCK = re.compile(r"<video\b[^>]*>.*?</video\s*>", re.S | re.I)
_AS_IS = {".gif", ".svg", ".bmp", ".tif", ".tiff", ".avif"}  # not prepared by generator/images.py
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def lesson_audio(root: Path, content: str, lesson_file: str, page: str, value: str, line: int) -> list[Problem]:
    """Why a lesson's `audio:` (relative to the lesson) cannot be used, if it cannot."""
    target = local_target(page, value)
    if target is None:
        return [Problem(lesson_file, line, msg("audio_outside", value=value, content=content))]
    if Path(target).suffix.lower() not in AUDIO:
        return [Problem(lesson_file, line, msg("audio_not_audio", value=value, allowed=", ".join(sorted(AUDIO))))]
    if not (root / content / target).is_file():
        return [Problem(lesson_file, line, msg("audio_missing", value=value, path=f"{content}/{target}"))]
    return []


def question_clips(
    root: Path, content: str, doc, file: str, page: str, base: tuple, clips: list[tuple[tuple, str]]
) -> tuple[list[Problem], list[Problem]]:
    """Problems and warnings of a question's clips (`QuestionType.clips`: place in the question,
    path as written, relative to the lesson `page` like an image)."""
    from .schema import where

    problems, warnings = [], []
    for place, value in clips:
        at, line = where(base + place[:-1] + ("",)), doc.line(base + place)
        field = place[-1]
        target = local_target(page, value)
        if target is None or "\\" in value:
            problems.append(
                Problem(file, line, msg("clip_outside", where=at, field=field, value=value, content=content))
            )
        elif Path(target).suffix.lower() not in AUDIO:
            allowed = ", ".join(sorted(AUDIO))
            problems.append(
                Problem(file, line, msg("clip_not_audio", where=at, field=field, value=value, allowed=allowed))
            )
        elif not (root / content / target).is_file():
            path = f"{content}/{target}"
            problems.append(Problem(file, line, msg("clip_missing", where=at, field=field, value=value, path=path)))
        elif (size := (root / content / target).stat().st_size) > CLIP_WARN:
            warnings.append(
                Problem(file, line, warning("clip_too_big", where=at, value=value, size=round(size / 1000)))
            )
    return problems, warnings


def check_course(root: Path, content: str, course, problems: list[Problem], warnings: list[Problem]) -> None:
    """The media rules over a loaded course: narrations too large, and every page's media."""
    for lesson in course.lessons:
        path = root / content / lesson.audio if lesson.audio else None
        if path and path.is_file() and path.stat().st_size > AUDIO_WARN:
            warnings.append(
                Problem(
                    lesson.source,
                    _line_of(root / lesson.source, "audio:"),
                    warning("media_too_big", value=lesson.audio, size=_mb(path.stat().st_size), limit=_mb(AUDIO_WARN)),
                )
            )
    check_pages(root, content, problems, warnings)
    folder = root / content
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:  # images shipped as they are
        kind = path.suffix.lower()
        if kind in _AS_IS and path.is_file() and path.stat().st_size > images.BUDGET:
            warnings.append(
                Problem(
                    f"{content}/{path.relative_to(folder).as_posix()}",
                    1,
                    warning("image_too_big", size=round(path.stat().st_size / 1000), limit=images.BUDGET // 1000),
                )
            )


def _line_of(path: Path, start: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.startswith(start)), 1)


def check_pages(root: Path, content: str, problems: list[Problem], warnings: list[Problem]) -> None:
    """Videos, audio and frames in every Markdown page of the content folder."""
    folder = root / content
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        page = path.relative_to(folder).as_posix()
        if any(part.startswith((".", "_")) for part in page.split("/")):
            continue
        # the live preview checks again only a page that changed, or if the folder's files did
        key = (incremental.file_digest(path), incremental.listing(folder), messages.active().language)
        found, warned = incremental.memo(("media", path), key, partial(_check_page, folder, content, page, path))
        problems += found
        warnings += warned


def _check_page(folder: Path, content: str, page: str, path: Path) -> tuple[list[Problem], list[Problem]]:
    from .review import _body_lines  # review imports the loader, which calls this

    problems: list[Problem] = []
    warnings: list[Problem] = []
    file = f"{content}/{page}"
    try:  # never through a link, never a device, never without a size cap (issue 13)
        text = safefile.read_text(path, file, safefile.MAX_LESSON_BYTES)
    except safefile.Refused:
        return problems, warnings  # reported by the loader
    lines = _body_lines(text)
    body = "\n".join(line for _, line in lines)
    line_at = _line_finder(lines)

    for m in _ELEMENT.finditer(body):
        _element(folder, file, page, m.group(1).lower(), attributes(m.group(2)), line_at(m.start()), problems, warnings)
    for m in _MD_IMAGE.finditer(body):
        target = local_target(page, m.group(1))
        if target and Path(target).suffix.lower() in VIDEO:
            _size_warning(folder, file, target, line_at(m.start()), warnings)
            if not (folder / (posixpath.splitext(target)[0] + CAPTIONS)).is_file():
                warnings.append(Problem(file, line_at(m.start()), warning("video_no_captions", value=m.group(1))))
    for m in _VIDEO_BLOCK.finditer(body):
        if "<track" in m.group(0).lower():
            continue
        src = attributes(m.group(0)[: m.group(0).index(">")]).get("src")
        source = re.search(r"<source\b([^>]*)>", m.group(0), re.I)
        src = src or (attributes(source.group(1)).get("src") if source else None)
        target = local_target(page, src)
        if src and not target:
            continue  # another site's video: an error already
        if not target or not (folder / (posixpath.splitext(target)[0] + CAPTIONS)).is_file():
            warnings.append(Problem(file, line_at(m.start()), warning("video_no_captions", value=src or "<video>")))
    return problems, warnings


def _line_finder(lines: list[tuple[int, str]]):
    """offset in the joined body -> the source line number it is on."""
    starts = [0]
    for _, line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return lambda offset: lines[max(i for i, start in enumerate(starts[:-1]) if start <= offset)][0]


def _element(
    folder: Path,
    file: str,
    page: str,
    name: str,
    attrs: dict,
    line: int,
    problems: list[Problem],
    warnings: list[Problem],
) -> None:
    src = attrs.get("src") or attrs.get("data") or ""
    parts = urlsplit(src)
    if parts.scheme in ("http", "https") or src.startswith("//"):
        problems.append(Problem(file, line, msg("media_foreign", tag=name, src=src)))
        return
    target = local_target(page, src)
    if target and name in ("video", "audio", "source"):
        _size_warning(folder, file, target, line, warnings)


def _size_warning(folder: Path, file: str, target: str, line: int, warnings: list[Problem]) -> None:
    path = folder / target
    limit = VIDEO_WARN if path.suffix.lower() in VIDEO else AUDIO_WARN
    if path.is_file() and path.stat().st_size > limit:
        warnings.append(
            Problem(file, line, warning("media_too_big", value=target, size=_mb(path.stat().st_size), limit=_mb(limit)))
        )


@dataclass
class Bytes:
    """What a course's images weigh before and after preparation, and its audio and video."""

    images: int = 0
    before: int = 0
    after: int = 0
    largest: int = 0
    media_files: int = 0
    media: int = 0


def course_bytes(content: Path, cache: Path) -> Bytes:
    """Prepares (or reads from the cache) every image of the content folder, and adds up."""
    found = Bytes()
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(content).parts):
            continue
        if path.suffix.lower() in AUDIO | VIDEO:
            found.media_files += 1
            found.media += path.stat().st_size
        prepared = images.prepare(path, cache) if images.is_image(path) else None
        if prepared is None:
            continue
        found.images += 1
        found.before += prepared.before
        shipped = sum(v.path.stat().st_size for v in prepared.variants)
        found.after += shipped
        found.largest = max(found.largest, prepared.after)
    return found


def report_text(root: Path, content: str) -> str:
    """`hocvuso report`'s lines on the course's media: images before and after preparation."""
    from .dist import human_size

    found = course_bytes(root / content, root / images.CACHE_FOLDER)
    lines = (
        [
            teacher_text(
                "media_report",
                count=found.images,
                before=human_size(found.before),
                after=human_size(found.after),
                largest=human_size(found.largest),
            )
        ]
        if found.images
        else []
    )
    if found.media_files:
        lines.append(teacher_text("media_report_av", count=found.media_files, size=human_size(found.media)))
    return "".join(line + "\n" for line in lines)
