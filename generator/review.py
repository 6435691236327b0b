"""What a reviewer wants to know beyond the build's rules: `hocvuso check`'s extra warnings.

Plain functions over the project's files and the loaded course, independent of MkDocs:
images without alt text, links and images that point at nothing, competencies no lesson teaches,
and what would run as script from a lesson's raw HTML (the pages' policy stops it; issue 13).
None of these stops the build; `hocvuso check --strict` turns them into errors.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

from . import incremental, safefile
from .errors import Problem
from .loader import Project, Report, load, split_front_matter
from .messages import msg, warning
from .model import Course
from .yamlread import YamlSyntaxError, read_yaml

# ![alt](target "title") and [text](target "title"); the target may be wrapped in <...>.
# Every pattern here stops at the next bracket of its kind, so it stays linear on a long run of
# `[`, `<` or `(` (a target may hold one pair of parentheses, as Wikipedia addresses do).
_INLINE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*"
    r"(?P<target><[^<>]*>|(?:[^()\s]|\([^()\s]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
# [label]: target — a reference definition; its uses are [text][label] and ![alt][label].
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*(?P<target><[^>]*>|\S+)")
_REFERENCE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\[\]]*)\]\[(?P<label>[^\[\]]*)\]")
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^<>]*)>", re.IGNORECASE)
_IMAGE_HINT = re.compile(r"!\[|<img\b", re.IGNORECASE)  # what any image above starts with
_HTML_ATTR = re.compile(
    r"""(?<![a-zA-Z-])(?P<name>[a-zA-Z-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))"""
)
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Script in a lesson's raw HTML. Linear-time: a tag stops at the next `<` or `>`.
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]*(?=[\s/>])[^<>]*")
_HANDLER = re.compile(r"[\s\"'/](on[a-zA-Z]+)\s*=")
# A script URL as a link or attribute target (after entities are decoded; spaces may hide it).
_SCRIPT_URL = re.compile(
    r"(?:\]\(\s*<?|\]:\s*<?|=\s*[\"']?)\s*((?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:)", re.IGNORECASE
)


def _body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of the Markdown body, outside front matter, fenced code and code spans."""
    try:
        _, body, first = split_front_matter(text)
    except ValueError:
        body, first = text, 1
    lines, fence = [], None
    for offset, line in enumerate(body.splitlines()):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening["fence"][0] * 3
            continue
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
            continue
        lines.append((first + offset, _blank_code_spans(line)))
    return lines


def _blank_code_spans(line: str) -> str:
    """The line with each code span (`code`, ``co`de``) replaced by spaces.

    A span opens with a run of backticks and closes at the next run of the same length, as in
    CommonMark; a run without a partner is plain text. One pass over the runs: a regex with a
    back-reference took minutes on a line of 1 000 backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    following: dict[int, int] = {}  # run index -> index of the next run of the same length
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        if size in last:
            following[i] = last[size]
        last[size] = i
    pieces, done, i = [], 0, 0
    while i < len(runs):
        j = following.get(i)
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        pieces += [line[done:start], " " * (end - start)]
        done, i = end, j + 1
    return "".join(pieces) + line[done:]


def _target(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return raw


def _local_path(target: str) -> str | None:
    """The path part of a link inside the site, or None for web links, anchors and e-mail."""
    if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return unquote(path) or None


def generated_pages(course: Course | None, project: Project) -> set[str]:
    """Pages of the site plan that a lesson may link to, relative to the content folder."""
    from .plan import build_plan

    return build_plan(course, project).sources() if course is not None else set()


def _page_exists(content: Path, page: str, generated: set[str]) -> bool:
    if page in generated:
        return True
    if page.endswith(".html"):
        page = page[:-5] + ".md"
        if page in generated:
            return True
    return (content / page).is_file()


def check_page(project: Project, path: Path, generated: set[str]) -> list[Problem]:
    """Images without alt text and links that point at nothing, in one Markdown file."""
    return _scan_page(project, path, generated)[0]


def missing_images(project: Project) -> list[Problem]:
    """Images of the content folder's Markdown files whose file does not exist: errors of the
    build (the loader adds them to its problems), since the page would ship a broken image."""
    found: list[Problem] = []
    content = project.root / project.content
    for path in _markdown_files(project):
        # The live preview (generator/incremental.py) scans again only what changed.
        key = (incremental.file_digest(path), incremental.listing(content))
        found += incremental.memo(("missing-images", path), key, lambda path=path: _missing_images(project, path))
    return found


def _missing_images(project: Project, path: Path) -> list[Problem]:
    """`_scan_page`'s errors; a file with no `![` and no `<img` has none: a lesson without a
    picture is not scanned for links, scripts and notes on every build."""
    try:
        text = safefile.read_text(path, project.rel(path), safefile.MAX_LESSON_BYTES)
    except safefile.Refused:
        return []  # the loader reports unreadable files
    if not _IMAGE_HINT.search(text):
        return []
    return _scan_page(project, path, set())[1]


def _markdown_files(project: Project) -> list[Path]:
    content = project.root / project.content
    if content.is_symlink() or not content.is_dir():
        return []
    return [
        path
        for path in sorted(content.rglob("*.md"))
        if not any(part.startswith((".", "_")) for part in path.relative_to(content).parts)
    ]


def _scan_page(project: Project, path: Path, generated: set[str]) -> tuple[list[Problem], list[Problem]]:
    """(warnings, errors) of one Markdown file; the errors are its missing images."""
    content = project.root / project.content
    file = project.rel(path)
    try:  # never through a link, never more than a lesson's size
        text = safefile.read_text(path, file, safefile.MAX_LESSON_BYTES)
    except safefile.Refused:
        return [], []  # the loader reports unreadable files
    page = path.relative_to(content).as_posix()
    lines = _body_lines(text)
    definitions = {}
    for _, line in lines:
        found = _DEFINITION.match(line)
        if found:
            definitions[found["label"].strip().casefold()] = _target(found["target"])
    found: list[Problem] = []
    missing: list[Problem] = []

    def target_problem(line_no: int, target: str, image: bool) -> None:
        local = _local_path(target)
        if local is None:
            return
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), local))
        shown = f"{project.content}/{resolved}"
        if resolved.startswith("../") or resolved == "..":
            found.append(Problem(file, line_no, warning("link_outside_content", target=target)))
        elif image or not local.endswith((".md", ".html")):
            if image and not (content / resolved).is_file():
                missing.append(Problem(file, line_no, msg("missing_image", target=target, path=shown)))
            elif not (content / resolved).is_file():
                found.append(Problem(file, line_no, warning("broken_file_link", target=target, path=shown)))
        elif not _page_exists(content, resolved, generated):
            found.append(Problem(file, line_no, warning("broken_link", target=target, path=shown)))

    for line_no, line in lines:
        if _DEFINITION.match(line):
            continue
        for match in _INLINE.finditer(line):
            image = bool(match["bang"])
            target = _target(match["target"])
            if image and not match["text"].strip():
                found.append(Problem(file, line_no, warning("image_without_alt", target=target)))
            target_problem(line_no, target, image)
        for match in _REFERENCE.finditer(line):
            label = (match["label"] or match["text"]).strip().casefold()
            image = bool(match["bang"])
            if label not in definitions:
                continue  # not a reference link: ordinary text in brackets
            if image and not match["text"].strip():
                found.append(Problem(file, line_no, warning("image_without_alt", target=definitions[label])))
            target_problem(line_no, definitions[label], image)
        for match in _HTML_IMG.finditer(line):
            attrs = {
                a["name"].lower(): unescape(
                    a["dq"] if a["dq"] is not None else a["sq"] if a["sq"] is not None else a["bare"]
                )
                for a in _HTML_ATTR.finditer(match["attrs"])
            }
            src = attrs.get("src", "")
            if not attrs.get("alt", "").strip():
                found.append(Problem(file, line_no, warning("image_without_alt", target=src)))
            if src:
                target_problem(line_no, src, True)
    return found + script_warnings(file, lines) + admonition_warnings(file, lines), missing


def script_warnings(file: str, lines: list[tuple[int, str]]) -> list[Problem]:
    """`<script>`, event-handler attributes (`onclick=`…) and `javascript:` links in a lesson body:
    the page's Content-Security-Policy keeps them from running and the build drops script links,
    so the teacher learns here that they will not work."""
    found: list[Problem] = []
    text = "\n".join(line for _, line in lines)
    starts = [0]
    for _, line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return lines[bisect.bisect_right(starts, offset) - 1][0]

    for match in _SCRIPT_TAG.finditer(text):
        found.append(Problem(file, line_of(match.start()), warning("script_in_lesson")))
    for tag in _TAG.finditer(text):
        for handler in _HANDLER.finditer(tag.group(0)):
            at = line_of(tag.start() + handler.start(1))
            found.append(Problem(file, at, warning("event_handler_in_lesson", name=handler[1].lower())))
    for line_no, line in lines:
        if ":" in line and _SCRIPT_URL.search(unescape(line)):
            found.append(Problem(file, line_no, warning("script_link_in_lesson")))
    return found


# `!!! note "Ghi nhớ"` or `??? tip`: an admonition (a "Ghi nhớ" box) whose content is the indented
# lines that follow it.
_ADMONITION = re.compile(r"^(?P<marker>(?:!!!|\?\?\?\+?)[ \t]+[A-Za-z][\w-]*(?:[ \t]+\S.*)?)$")


def admonition_warnings(file: str, lines: list[tuple[int, str]]) -> list[Problem]:
    """A box whose next non-blank line is not indented: Markdown leaves it empty and the teacher's
    text below it, as ordinary paragraphs."""
    found: list[Problem] = []
    for index, (line_no, line) in enumerate(lines):
        opening = _ADMONITION.match(line.rstrip())
        if not opening:
            continue
        following = next((text for _, text in lines[index + 1 :] if text.strip()), None)
        if (
            following is not None
            and not following.startswith(("    ", "\t"))
            and not _ADMONITION.match(following.rstrip())
        ):
            found.append(Problem(file, line_no, warning("admonition_not_indented", marker=opening["marker"][:60])))
    return found


def check_pages(project: Project, course: Course | None) -> list[Problem]:
    """`check_page` over every Markdown file of the content folder."""
    generated = generated_pages(course, project)
    found: list[Problem] = []
    for path in _markdown_files(project):
        found += check_page(project, path, generated)
    return found


def uncovered_competencies(project: Project, course: Course) -> list[Problem]:
    """Competencies of the framework that no lesson lists in its `competencies`."""
    taught = {code for lesson in course.lessons for code in lesson.competencies}
    missing = [c for c in course.framework.competencies.values() if c.code not in taught]
    if not missing:
        return []
    file = project.framework
    lines: dict[str, int] = {}
    try:
        text = safefile.read_text(project.root / file, file, safefile.MAX_FRAMEWORK_BYTES)
        doc, _ = read_yaml(text, file)
        for i, area in enumerate(doc.data.get("areas") or []):
            for j, competency in enumerate(area.get("competencies") or []):
                lines[str(competency.get("code"))] = doc.line(("areas", i, "competencies", j, "code"))
    except (safefile.Refused, YamlSyntaxError, AttributeError):
        pass  # the framework loaded a moment ago; line 1 is a fine fallback
    return [
        Problem(file, lines.get(c.code, 1), warning("competency_not_covered", code=c.code, name=c.name))
        for c in missing
    ]


def review(project: Project, report: Report) -> list[Problem]:
    """The reviewer's warnings for a loaded course (coverage only once the course loads cleanly)."""
    found = check_pages(project, report.course)
    if report.course is not None and not report.problems:
        found += uncovered_competencies(project, report.course)
    return found


def check(project: Project) -> Report:
    """Everything `hocvuso check` reports: the build's errors and warnings plus the reviewer's."""
    report = load(project)
    report.warnings = sorted(set(report.warnings) | set(review(project, report)))
    return report
