"""Drop the rules of a stylesheet that no page of the site can match: Material's `main.css` styles
its blog, tabs, code blocks, tooltips, version selector and more (≈ 23 KB gzip); a course page uses
about half of it, and every learner's first visit pays for the whole file.

Plain Python, independent of MkDocs. Conservative on purpose: a selector is dropped only when it
names, outside any `:not()`, `:is()` or other parentheses, a class that appears in no page's
`class` attribute and in none of the site's scripts (which may add classes). Rules without a
class, at-rules other than the conditional ones (`@font-face`, `@keyframes`, …) and custom
properties are kept as they are.

Two more steps for a site's one stylesheet (`prune(..., attributes=...)`): a selector that tests
`dir` or one of Material's `data-md-*` attributes for a value no page has (`[dir=rtl]`, the
palette's other colours; Material's script, which sets some of them, is not shipped) is dropped,
and so is a custom property that nothing reads with `var()` (Material's icons for code, blog,
mermaid… are long `data:` URIs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# The patterns a page is scanned with start with a plain character and test what precedes it after
# it (`c(?<![\w-].)` is "a c after no word character"): Python's re then skips to that character
# instead of trying the whole pattern at every position, 2-4 times faster on a page.
_CLASS_ATTR = re.compile(r"""[cC](?<![\w-].)[lL][aA][sS][sS]\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_SCRIPT_CLASS = re.compile(r"(?:m(?<![\w-].)d|h(?<![\w-].)vs)-[A-Za-z0-9_-]+")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")
# Attributes only the page's markup sets (tested by exact value): Material's, and the direction.
_STATIC_ATTR = re.compile(
    r"""([dD](?<=\s.)(?:[iI][rR]|[aA][tT][aA]-[mM][dD]-[\w-]+))=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"""
)
_ATTR_TEST = re.compile(r"""^\s*(dir|data-md-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'\]]+))\s*$""", re.I)
_STRING = re.compile(r"'([^'\\\n]*)'|\"([^\"\\\n]*)\"")
_CLASS_WORD = re.compile(r"-?[_a-zA-Z][\w-]*")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_SELECTOR_TAG = re.compile(r"(?:^|[\s>+~])([a-zA-Z][a-zA-Z0-9-]*)")
# Elements a browser makes without a tag in the page's text.
_IMPLIED_TAGS = {"html", "head", "body", "tbody"}
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY = re.compile(r"--[\w-]+")


def classes_in_html(html: str) -> set[str]:
    """The class names used by an HTML page."""
    out: set[str] = set()
    for quoted, apostrophed, bare in set(_CLASS_ATTR.findall(html)):  # each value once: most repeat
        out.update((quoted or apostrophed or bare).split())
    return out


def classes_in_script(script: str) -> set[str]:
    """Class names a script may add: any `md-…` or `hvs-…` word in it, and any word of its string
    literals (`classList.add("is-active")`)."""
    words = {w for m in _STRING.finditer(script) for w in _CLASS_WORD.findall(m.group(1) or m.group(2) or "")}
    return set(_SCRIPT_CLASS.findall(script)) | words


def tags_in_html(html: str) -> set[str]:
    return {t.lower() for t in set(_TAG.findall(html))}  # each name once: most repeat


def attributes_in_html(html: str) -> set[tuple[str, str]]:
    """The (name, value) pairs of a page's `dir` and `data-md-*` attributes."""
    # findall's tuples, each once (most repeat): a group that took no part is "" there, not None
    return {
        (name.lower(), quoted or apostrophed or bare)
        for name, quoted, apostrophed, bare in set(_STATIC_ATTR.findall(html))
    }


def classes_in_scripts(site: Path) -> set[str]:
    """The class names any script of a built site may add."""
    used: set[str] = set()
    for path in Path(site).rglob("*.js"):
        used |= classes_in_script(path.read_text(encoding="utf-8", errors="replace"))
    return used


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


def _attribute_tests(selector: str) -> list[str]:
    """The `[...]` tests of a selector outside any parentheses (`:not([dir=rtl])` is not one)."""
    tests, depth, i = [], 0, 0
    while i < len(selector):
        ch = selector[i]
        if ch in "\"'":
            i = _skip_string(selector, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "[" and depth == 0:
            j = i + 1
            while j < len(selector) and selector[j] != "]":
                j = _skip_string(selector, j) if selector[j] in "\"'" else j + 1
            tests.append(selector[i + 1 : j])
            i = j
        i += 1
    return tests


def selector_can_match(
    selector: str, used: set[str], attributes: set[tuple[str, str]] | None = None, tags: set[str] | None = None
) -> bool:
    if "\\" in selector:
        return True  # escaped class names: not worth guessing
    outside = _outside_brackets(selector)
    if not all(name in used for name in _SELECTOR_CLASS.findall(outside)):
        return False
    if tags is not None and not all(
        t.lower() in tags or t.lower() in _IMPLIED_TAGS or t in used for t in _SELECTOR_TAG.findall(outside.strip())
    ):
        return False
    if attributes is not None and "[" in selector:
        for test in _attribute_tests(selector):
            m = _ATTR_TEST.match(test)
            if m and (m.group(1).lower(), m.group(2) or m.group(3) or m.group(4) or "") not in attributes:
                return False
    return True


def selector_words(css: str) -> set[str]:
    """Every name `prune` may look up in its `used` set for this stylesheet (classes, and element
    names a script may make): whether a rule stays depends on `used` through these only."""
    words: set[str] = set()

    def walk(rules: list) -> None:
        for prelude, body in rules:
            if isinstance(body, list):
                walk(body)
            elif body is not None and not prelude.startswith("@"):
                for selector in _split_selectors(prelude):
                    outside = _outside_brackets(selector)
                    words.update(_SELECTOR_CLASS.findall(outside), _SELECTOR_TAG.findall(outside.strip()))

    walk(_parse(css)[0])
    return words


def _emit(rules: list, used: set[str], attributes: set[tuple[str, str]] | None, tags: set[str] | None = None) -> str:
    out = []
    for prelude, body in rules:
        if body is None:
            out.append(prelude)
        elif isinstance(body, list):
            inner = _emit(body, used, attributes, tags)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or (used is _EVERY and attributes is None and tags is None):
            out.append(f"{prelude}{{{body}}}")  # (every selector can match: the prelude as it is)
        else:
            selectors = [s for s in _split_selectors(prelude) if selector_can_match(s, used, attributes, tags)]
            if selectors:
                out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def prune(
    css: str, used: Iterable[str], attributes: set[tuple[str, str]] | None = None, tags: set[str] | None = None
) -> str:
    """The stylesheet without the selectors (and then rules and empty @media blocks) that need a
    class outside `used` (or, given `attributes`, a `dir`/`data-md-*` value outside them; given
    `tags`, an element no page has and no script names: `.md-typeset kbd`)."""
    rules, _ = _parse(css)
    return _emit(rules, used if isinstance(used, set) else set(used), attributes, tags)


def _declarations(body: str) -> list[str]:
    """A rule's body split at its top-level `;` (not those in strings or `url(...)`)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch in "\"'":
            i = _skip_string(body, i)
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    return parts + [body[start:]]


def _without_properties(rules: list, unused: set[str]) -> list:
    out = []
    for prelude, body in rules:
        if isinstance(body, list):
            body = _without_properties(body, unused)
        elif isinstance(body, str) and not prelude.startswith("@") and "--" in body:
            body = ";".join(d for d in _declarations(body) if d.split(":", 1)[0].strip() not in unused)
            if not body.strip(" \n;"):
                continue
        out.append((prelude, body))
    return out


def drop_unused_properties(css: str, readers: str = "") -> str:
    """The stylesheet without the custom properties nothing reads: no `var()` of the stylesheet,
    and no mention in `readers` (the site's scripts and inline styles)."""
    mentioned = set(_PROPERTY.findall(readers))
    rules, _ = _parse(css)
    while True:
        text = _emit(rules, _EVERY, None)
        defined = {d.split(":", 1)[0].strip() for d in re.findall(r"(?:^|[{;])\s*(--[\w-]+)\s*:", text)}
        unused = defined - set(_VAR_USE.findall(text)) - mentioned
        if not unused:
            return text
        rules = _without_properties(rules, unused)


class Except(set):
    """As `used` for `prune`: every class name but these."""

    def __contains__(self, name):
        return not super().__contains__(name)


_EVERY = Except()


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
    used |= classes_in_scripts(site)
    sizes = {}
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        pruned = prune(css, used)
        sheet.write_text(pruned, encoding="utf-8")
        sizes[sheet.relative_to(site).as_posix()] = (len(css.encode()), len(pruned.encode()))
    return sizes
