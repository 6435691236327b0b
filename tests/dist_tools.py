"""Helpers for the distribution tests: the mini course with what packing must handle, and sw.js's file list."""

from __future__ import annotations

import json
import re
from pathlib import Path

from corpus_tools import make_course
from generator import dist

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect width="40" height="20" fill="#283593"/></svg>'
)


def mini_course(dest: Path) -> Path:
    """The mini course, plus what the one-file edition must handle: an image, links to a heading of
    another lesson and to another area, and a heading id that two lessons share."""
    course = make_course(None, dest)
    area = course / "content" / "4-an-toan"
    (area / "img").mkdir()
    (area / "img" / "khoa.svg").write_text(SVG, encoding="utf-8")
    lesson = area / "02-cuoc-goi-lua-dao.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8")
        + (
            "\n![Ổ khóa](img/khoa.svg)\n\nXem lại [mã OTP](01-mat-khau.md#ma-otp-la-gi) và "
            "[cách tìm kiếm](../1-thong-tin/01-tim-kiem.md).\n\n## Mã OTP là gì?\n\nNhắc lại: không đọc mã cho ai.\n"
        ),
        encoding="utf-8",
    )
    return course


def sw_files(site: Path) -> list[str]:
    """The files the site's service worker keeps offline."""
    text = (site / dist.SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"var FILES = (\[.*?\]);", text, re.S).group(1))


def sw_version(site: Path) -> str:
    return re.search(r'var VERSION = "([0-9a-f]+)"', (site / dist.SERVICE_WORKER).read_text()).group(1)
