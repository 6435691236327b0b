"""Small HTML helpers shared by the site's pages, the question types and the worksheets.

A leaf module (it imports no other page module), so `render`, `worksheet` and `questions` can all
use it without importing each other.
"""

from __future__ import annotations

import functools
import posixpath
import random
import re
from html import escape

from . import safehtml

# Quiz text speaks the same Markdown as the lessons: the site's `markdown_extensions`, handed over
# by the host (`use_extensions`) before anything is rendered; raw HTML shows as text and the result
# is sanitised (safehtml, issue 13). None: the defaults without a host (safehtml's basic converter,
# made when first needed: the host replaces it before any is).
_md = None


def use_extensions(extensions: list, configs: dict | None = None) -> None:
    """Render quiz and front-matter text with these Markdown extensions (the site's own)."""
    global _md
    _md = safehtml.markdown_without_html(extensions, configs)
    md.cache_clear()


# One line of words with nothing Markdown would act on: most options and feedback. Python-Markdown
# costs ≈ 0.3 ms a call, and a 600-lesson course has ≈ 20 000 such strings (issue 7's profile).
_PLAIN = re.compile(r"[^\W\d_][^*_`\[\]<>&\\\n\r\t{}|]*(?<! )")
# The same with words in bold (`Bấm nút **Gửi**`: most of the rest): text around the bold words
# as above (and no no-break space, which the sanitiser writes `&nbsp;`), starting with a letter or a
# bold word; a bold word starts with a letter and ends with a letter or digit.
_OUTSIDE = re.compile(r"[^*_`\[\]<>&\\\n\r\t{}|\u00a0]*")
_BOLD = re.compile(r"[^\W\d_](?:[^*_`\[\]<>&\\\n\r\t{}|\u00a0]*[^\W_])?")
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1024)
def md(text: str | None) -> str:
    """Markdown to HTML for prompts, options and feedback."""
    if not text:
        return ""
    text = str(text)
    if _PLAIN.fullmatch(text):
        return f"<p>{text}</p>"
    parts = text.split("**")
    if _bold_only(text, parts):
        return "<p>" + "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts)) + "</p>"
    return safehtml.markdown_text(text, _md)


def _bold_only(text: str, parts: list[str]) -> bool:
    return (
        len(parts) % 2 == 1
        and len(parts) > 1
        and (parts[0] == "" or _LETTER.match(text) is not None)
        and not text[-1].isspace()
        and all(_OUTSIDE.fullmatch(p) for p in parts[0::2])
        and all(_BOLD.fullmatch(p) for p in parts[1::2])
    )


def md_inline(text: str | None) -> str:
    """Markdown without the wrapping paragraph, for option labels."""
    html = md(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def page_url(page: str) -> str:
    """The output path of a page: `4-an-toan/02-otp.md` -> `4-an-toan/02-otp.html`."""
    return posixpath.splitext(page)[0] + ".html"


def link(from_page: str, to_page: str) -> str:
    """A relative URL from one page to another, valid from file:// and any sub-path."""
    return _relpath(page_url(to_page), posixpath.dirname(page_url(from_page)))


def asset_link(from_page: str, asset: str) -> str:
    """A relative URL from a page to a file under the site root (an asset, not a page)."""
    return _relpath(asset, posixpath.dirname(page_url(from_page)))


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` of two site paths, without its `os.getcwd()` per call (6,000 links in a
    600-lesson build)."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start or ".")
    target = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(target, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:]) or "."


def attrs(**values) -> str:
    """` data-x="…"` attributes, escaped; None values are left out."""
    return "".join(f' {k.replace("_", "-")}="{escape(str(v), quote=True)}"' for k, v in values.items() if v is not None)


def shuffled(seed: str, items: list) -> list[int]:
    """A stable shuffle of item indexes (same on every build, seeded by the question id), never
    the answer order itself."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    if order == sorted(order) and len(order) > 1:
        order = order[1:] + order[:1]
    return order
