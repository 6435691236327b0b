"""The pages' Content-Security-Policy (issue 13): script from the site's own files and from the
theme's few inline scripts, allowed by the hash of their final text; nothing else runs, so a script,
an event handler or a `javascript:` link that reached a page from course text stays inert.

`'self'` lets the site's script files load over HTTP and from file:// (Chromium matches `'self'`
against file: URLs when the page itself is a file). The one-file edition has no file to load and
allows its single inline script by hash (onefile.py).
"""

from __future__ import annotations

import base64
import hashlib
import re

# The theme's own markup, not course text: a script element without attributes but `data-*`
# ones (hashes cover the text between the tags, whatever the attributes).
_INLINE_SCRIPT = re.compile(r"<script(?:\s+data-[a-z-]+=\"[^\"]*\")*>(.*?)</script>", re.S)


def script_hash(text: str) -> str:
    """The CSP source for one inline script: `'sha256-…'` of its text as the browser reads it."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(*markups: str, self_scripts: bool = True) -> str:
    """The policy allowing the site's script files (if `self_scripts`) and the inline scripts of
    the given pieces of the theme's markup."""
    hashes = [script_hash(text) for markup in markups for text in _INLINE_SCRIPT.findall(str(markup))]
    sources = " ".join((["'self'"] if self_scripts else []) + list(dict.fromkeys(hashes))) or "'none'"
    return f"script-src {sources}; object-src 'none'; base-uri 'none'"
