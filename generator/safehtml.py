"""Course text into HTML that cannot run script (issue 13).

- Quiz fields and front matter (`markdown_text`): Markdown, but raw HTML is shown as text
  (`Dùng <Zalo>` keeps its word), and what Markdown made is then passed through nh3 (the Python
  binding of the Rust sanitiser ammonia) with an allowlist of the tags Markdown produces: no
  attribute but the ones listed (attr_list's `{: onclick=…}` goes), no URL but http(s), mailto,
  tel and relative ones (`javascript:`, `data:` go).
- Lesson bodies keep the teacher's raw HTML; `neutralise_script_urls` only takes `javascript:`
  (and `vbscript:`, `data:`) URLs out of links and frames, and the `src` out of `<script>`, as a
  second line behind the page's Content-Security-Policy (which stops inline script but allows the
  site's own files, so a course could otherwise ship a script file and load it from a lesson);
  `hocvuso check` warns about all of these (review.py).
"""

from __future__ import annotations

import functools
import re
from html import escape
from html.parser import HTMLParser

import markdown
import nh3

# What Python-Markdown makes of a quiz field with the extensions courses use (attr_list, lists,
# tables, admonition, details, definition lists, abbreviations, footnotes…), and nothing else.
TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "a",
    "img",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "sup",
    "sub",
    "abbr",
    "del",
    "ins",
    "mark",
    "small",
    "s",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "abbr": {"title"},
    "details": {"open"},
    "*": {"class", "lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def markdown_without_html(extensions=("attr_list", "sane_lists"), configs: dict | None = None) -> markdown.Markdown:
    """A Markdown converter with these extensions that shows raw HTML as text."""
    md = markdown.Markdown(extensions=list(extensions), extension_configs=configs or {}, output_format="html")
    for name in ("html_block",):  # a block of raw HTML (md_in_html's too): shown as text instead
        if name in md.preprocessors:
            md.preprocessors.deregister(name)
    if "html" in md.inlinePatterns:
        md.inlinePatterns.deregister("html")  # an inline tag or comment: shown as text instead
    return md


@functools.cache
def _basic() -> markdown.Markdown:
    """The basic converter, made when first needed (not on import: a build may need none)."""
    return markdown_without_html()


def clean(html: str) -> str:
    """Markdown's HTML reduced to the allowlist (the sanitiser parses it as a browser would)."""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True
    )


def markdown_text(text: str, converter: markdown.Markdown | None = None) -> str:
    """A quiz field or front-matter text, Markdown with raw HTML shown as text, to safe HTML.
    `converter`: one made by `markdown_without_html` (the site's extensions); default: the basic one."""
    converter = converter or _basic()
    converter.reset()
    return clean(converter.convert(text))


# --- lesson bodies -------------------------------------------------------------------------------

# Attributes holding a URL that is followed or loaded: a script URL there runs on click or on load.
_URL_ATTRS = {"href", "xlink:href", "action", "formaction", "src", "data", "poster", "background"}
# Where a `data:` URL is a document rather than a picture (`<img src="data:…">` is fine).
_DOCUMENT_ATTRS = {"href", "xlink:href", "action", "formaction"}
_FRAMES = {"iframe", "frame", "object", "embed"}
_SPACE = re.compile(r"[\x00-\x20]+")
# A page none of whose text could spell a script URL is left as it is, unparsed (most lessons).
_MAYBE = re.compile(
    r"s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:|d[\t\n\r]*a[\t\n\r]*t"
    r"[\t\n\r]*a[\t\n\r]*:|&#|&colon|&tab|&newline|<script",
    re.IGNORECASE,
)


def is_script_url(value: str, document: bool = True) -> bool:
    """`javascript:…` as a browser reads it (entities decoded, controls and spaces ignored); with
    `document`, also `data:…`, which opens as a page of its own."""
    value = _SPACE.sub("", value).lower()
    return value.startswith(("javascript:", "vbscript:")) or (document and value.startswith("data:"))


class _ScriptUrls(HTMLParser):
    """Finds the start tags that carry a script URL, with their place in the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[tuple[int, int], str, str]] = []  # (position, original, replacement)

    def _tag(self, tag, attrs, closing):
        bad = [
            (k, v)
            for k, v in attrs
            if v
            and k in _URL_ATTRS
            and (tag == "script" or is_script_url(v, document=k in _DOCUMENT_ATTRS or tag in _FRAMES))
        ]
        if not bad:
            return
        kept = "".join(f' {k}="{escape(v)}"' if v is not None else f" {k}" for k, v in attrs if (k, v) not in bad)
        self.tags.append((self.getpos(), self.get_starttag_text(), f"<{tag}{kept}{closing}>"))

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, " /")


def neutralise_script_urls(html: str) -> str:
    """The HTML with every `javascript:` or `vbscript:` URL (and `data:` where it would open as a
    page) dropped from its tag: such a link keeps its text and is no longer a link. A `<script>`
    loses its `src`: what is left is inline script, which the page's policy does not run."""
    if not _MAYBE.search(html):
        return html
    finder = _ScriptUrls()
    finder.feed(html)
    finder.close()
    if not finder.tags:
        return html
    starts = [0] + [m.end() for m in re.finditer("\n", html)]
    out, at = [], 0
    for (line, column), original, replacement in finder.tags:
        offset = starts[line - 1] + column
        if html.startswith(original, offset):
            out += [html[at:offset], replacement]
            at = offset + len(original)
    return "".join(out) + html[at:]
