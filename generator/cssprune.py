"""Drop the rules of a stylesheet that no page of the site can match: Material's `main.css` styles
its blog, tabs, code blocks, tooltips, version selector and more (≈ 23 KB gzip); a course page uses
about half of it, and every learner's first visit pays for the whole file.

Plain Python, independent of MkDocs. Conservative on purpose: a selector is dropped only when it
names, outside any `:not()`, `:is()` or other parentheses, a class that appears in no page's
`class` attribute and in none of the site's scripts (which may add classes). Rules without a
class, at-rules other than the conditional ones (`@font-face`, `@keyframes`, …) and custom
properties are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_CLASS_ATTR = re.compile(r"""(?<![\w-])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_SCRIPT_CLASS = re.compile(r"(?<![\w-])(?:md|hvs)-[A-Za-z0-9_-]+")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")


def classes_in_html(html: str) -> set[str]:
    """The class names used by an HTML page."""
    out: set[str] = set()
    for m in _CLASS_ATTR.finditer(html):
        out.update((m.group(1) or m.group(2) or m.group(3) or "").split())
    return out


def classes_in_script(script: str) -> set[str]:
    """Class names a script may add: any `md-…` or `hvs-…` word in it."""
    return set(_SCRIPT_CLASS.findall(script))


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


_SPECIAL = re.compile(r"""["'{};]|/\*""")
_BRACE_OR_QUOTE = re.compile(r"""["'{}]""")


def _parse(css: str, i: int = 0) -> tuple[list, int]:
    """Rules as (prelude, body) with body a string, or a list of rules for @media and the like."""
    rules, start = [], i
    while i < len(css):
        special = _SPECIAL.search(css, i)  # jump over plain text: Material's CSS is 140 KB
        if special is None:
            i = len(css)
            break
        i = special.start()
        ch = css[i]
        if ch in "\"'":
            i = _skip_string(css, i)
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
            if css[start:i].strip().startswith("/*"):
                start = i  # a comment between rules: dropped
        elif ch == ";" and css[start:i].lstrip().startswith("@"):
            rules.append((css[start : i + 1].strip(), None))  # @charset, @import, @layer a, b;
            i = start = i + 1
        elif ch == "{":
            prelude = css[start:i].strip()
            if prelude.lower().startswith(_GROUPING):
                body, i = _parse(css, i + 1)
            else:
                depth, j = 1, i + 1
                while j < len(css) and depth:
                    found = _BRACE_OR_QUOTE.search(css, j)
                    if found is None:
                        j = len(css)
                        break
                    j = found.start()
                    if css[j] in "\"'":
                        j = _skip_string(css, j)
                        continue
                    depth += 1 if css[j] == "{" else -1
                    j += 1
                body, i = css[i + 1 : j - 1], j
            rules.append((prelude, body))
            start = i
        elif ch == "}":
            return rules, i + 1
        else:
            i += 1
    return rules, i


_NESTING = re.compile(r"""["'(\[]""")


def _split_selectors(prelude: str) -> list[str]:
    if not _NESTING.search(prelude):
        return prelude.split(",")
    parts, depth, start, i = [], 0, 0, 0
    while i < len(prelude):
        ch = prelude[i]
        if ch in "\"'":
            i = _skip_string(prelude, i)
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
        i += 1
    parts.append(prelude[start:])
    return parts


def _outside_brackets(selector: str) -> str:
    if not _NESTING.search(selector):
        return selector
    out, depth, i = [], 0, 0
    while i < len(selector):
        ch = selector[i]
        if ch in "\"'":
            i = _skip_string(selector, i)
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
        i += 1
    return "".join(out)


def selector_can_match(selector: str, used: set[str]) -> bool:
    if "\\" in selector:
        return True  # escaped class names: not worth guessing
    return all(name in used for name in _SELECTOR_CLASS.findall(_outside_brackets(selector)))


def _emit(rules: list, used: set[str]) -> str:
    out = []
    for prelude, body in rules:
        if body is None:
            out.append(prelude)
        elif isinstance(body, list):
            inner = _emit(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in _split_selectors(prelude) if selector_can_match(s, used)]
            if selectors:
                out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def prune(css: str, used: Iterable[str]) -> str:
    """The stylesheet without the selectors (and then rules and empty @media blocks) that need a
    class outside `used`."""
    rules, _ = _parse(css)
    return _emit(rules, set(used))


def prune_site(
    site, pattern: str = "assets/stylesheets/main.*.min.css", page_classes: set[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Prune the built site's stylesheets matching `pattern` in place, for the classes of every page
    (`page_classes` when the caller has read the pages already) and script of the site.
    Returns {path: (bytes before, bytes after)}."""
    site = Path(site)
    sheets = sorted(site.glob(pattern))
    if not sheets:
        return {}
    used: set[str] = set()
    if page_classes is not None:
        used |= page_classes
    else:
        for path in site.rglob("*.html"):
            used |= classes_in_html(path.read_text(encoding="utf-8", errors="replace"))
    for path in site.rglob("*.js"):
        used |= classes_in_script(path.read_text(encoding="utf-8", errors="replace"))
    sizes = {}
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        pruned = prune(css, used)
        sheet.write_text(pruned, encoding="utf-8")
        sizes[sheet.relative_to(site).as_posix()] = (len(css.encode()), len(pruned.encode()))
    return sizes
