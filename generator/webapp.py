"""The web app manifest (issue 19): over https, a phone can add the course to its home screen and
open it without the browser's bars, offline through the service worker as before. Pages link it
only when served over http(s) (theme/main.html): from file:// Chrome would refuse to fetch it and
log an error, and there is nothing to install there."""

from __future__ import annotations

import json

MANIFEST = "manifest.webmanifest"
ICONS = "assets/hocvuso/icons/"


def manifest(site_name: str, language: str = "vi") -> str:
    """Relative addresses (to the manifest, at the site root), so a copy in any folder works."""
    name = site_name or "Học vụ số"
    icons = [
        {"src": f"{ICONS}icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
        for size in (192, 512)
    ]
    icons.append({"src": f"{ICONS}icon.svg", "sizes": "any", "type": "image/svg+xml"})
    return (
        json.dumps(
            {
                "name": name,
                "short_name": name if len(name) <= 12 else name[:12].rstrip(),
                "lang": language,
                "start_url": "index.html",
                "scope": "./",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": "#1b5e20",
                "icons": icons,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
