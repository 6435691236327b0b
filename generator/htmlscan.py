"""One quick pass over a page's HTML: its tags, its text and the rest, in order, each as written.

The glossary's marking and the search index read every lesson's HTML. `html.parser.HTMLParser`
did it for both at ~13% of a 600-lesson build: its Python loop makes several calls and regex
matches per tag. Here one regex finds each tag and the text is what lies between. It reads the
HTML of Markdown and of the teachers' raw HTML the way HTMLParser does (tag names in lower case,
the content of `script` and `style` is text up to their end tag, comments and declarations
apart), not every malformed page the same way: from a tag, comment or declaration never closed
to the end of the page, nothing is text (neither marked nor indexed), so the time stays linear
whatever the page holds (tests/test_glossary.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DATA, START, STARTEND, END, OTHER = range(5)

_TAG = re.compile(
    r"<(?:"
    r"(?P<start>[a-zA-Z][^\t\n\r\f />\x00]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|/(?P<end>[a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>"
    r"|!--.*?-->"
    r"|[!?][^>]*>"
    # Reached only when one of the above found no end before the end of the page (a quote never
    # closed, no `>` left): the rest of the page is taken as it is. Without it, `search` tried
    # again at every later `<`, each time to the end: a hostile 80 KB took 20 s, 1 MB an hour.
    r"|(?P<rest>(?:/?[a-zA-Z]|[!?]).*)"
    r")",
    re.S,
)
_BARE_SLASH = re.compile(r"=\s*[^\s'\">=][^\s'\">]*/>\Z")  # `<a href=x/>`: the `/` is the value's, not `/>`
_RAW_END = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in ("script", "style")}  # HTMLParser's CDATA elements
_ATTRIBUTE = {}


def scan(html: str) -> Iterator[tuple[int, str, str]]:
    """(kind, tag, text) for each piece of `html` in order: DATA (text), START, STARTEND (`<br/>`),
    END (a tag, `tag` its name in lower case) or OTHER (comments, declarations); `text` as written."""
    search, pos, size = _TAG.search, 0, len(html)
    while pos < size:
        found = search(html, pos)
        if found is None:
            yield DATA, "", html[pos:]
            return
        begin, pos = found.span()
        if begin > found.pos:
            yield DATA, "", html[found.pos : begin]
        text = found[0]
        if (tag := found["start"]) is not None:
            tag = tag.lower()
            if text.endswith("/>") and not _BARE_SLASH.search(text):
                yield STARTEND, tag, text
                continue
            yield START, tag, text
            if (raw := _RAW_END.get(tag)) is not None:  # its content is text, up to its end tag
                end = raw.search(html, pos)
                stop = end.start() if end else size
                if stop > pos:
                    yield DATA, "", html[pos:stop]
                if end:
                    yield END, tag, end[0]
                pos = end.end() if end else size
        elif (tag := found["end"]) is not None:
            yield END, tag.lower(), text
        elif found["rest"] is not None:  # an unfinished tag: neither marked nor indexed (OTHER)
            yield OTHER, "", text
            return
        else:
            yield OTHER, "", text


def attribute(tag_text: str, name: str) -> str | None:
    """The value of attribute `name` (lower case) of a start tag as written, not unescaped; None
    if it has none."""
    if name not in tag_text.lower():
        return None
    pattern = _ATTRIBUTE.get(name)
    if pattern is None:
        pattern = _ATTRIBUTE[name] = re.compile(
            rf"[\s/'\"]{re.escape(name)}(?:\s*=+\s*(?:\"([^\"]*)\"|'([^']*)'|([^>\s]*)))?(?=[\s/>])", re.I
        )
    found = pattern.search(tag_text)
    if found is None:
        return None
    value = found[1] if found[1] is not None else found[2] if found[2] is not None else found[3]
    return value
