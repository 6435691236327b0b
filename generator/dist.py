"""Distribution: replace the built site atomically, pack it for USB sticks (copies are checked by
`verify.py`), and write the service worker that keeps the course on a phone served over HTTP.

Plain Python over folders and files, independent of MkDocs: the CLI passes in a function that
builds the site, and the plugin calls `write_service_worker` once the site is written.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .messages import dist_text

ASSETS = Path(__file__).parent / "assets"
CHECKSUMS = "SHA256SUMS"
README = "DOC-TRUOC.txt"
SITE_FOLDER = "khoa-hoc"  # the site's folder inside the zip
ONEFILE_FOLDER = "mot-tep"  # the one-file editions' folder inside the zip
SERVICE_WORKER = "sw.js"
# Files a browser never needs offline: source maps and sitemaps (which may carry the build date).
_NOT_CACHED = re.compile(r"(^|/)sitemap\.xml(\.gz)?$|\.map$")


class DistError(Exception):
    """A problem a teacher can act on; the message is already in the catalogue's language."""


# --- atomic replacement ------------------------------------------------------------------------


def replace_atomically(target: Path, build: Callable[[Path], object]) -> object:
    """Run `build(folder)` on a fresh sibling of `target`, then swap it in place of `target`.

    If `build` raises, `target` is untouched and the fresh folder is removed. The swap is two renames
    on the same file system, so `target` is never half-written; if the second rename fails the old
    folder is put back. Returns what `build` returned.
    """
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        result = build(fresh)
        # mkdtemp makes the folder private (0700); a web server running as another user must read it.
        umask = os.umask(0)
        os.umask(umask)
        fresh.chmod(0o777 & ~umask)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{fresh.name.rsplit('-', 1)[-1]}"
        os.rename(target, old)
    try:
        os.rename(fresh, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return result


def clean_leftovers(target: Path) -> Path | None:
    """Remove what interrupted runs of `replace_atomically(target, ...)` left beside `target`.

    A run killed between its two renames leaves no `target`, the previous one sitting in
    `.name.old-*`: that folder is put back first (the newest, if several) and returned.
    """
    target = Path(target).absolute()
    if not target.parent.is_dir():
        return None
    olds = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    restored = None
    if olds and not os.path.lexists(target):
        restored = olds.pop()
        os.rename(restored, target)
    for leftover in olds + list(target.parent.glob(f".{target.name}.new-*")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    return restored


# Temporary zips of `write_zip` (mkstemp: the zip's name behind a dot, then 8 random characters).
_TEMP_ZIP = re.compile(r"^\..+\.zip\.[A-Za-z0-9_]{8}$")


def clean_temp_zips(out: Path) -> None:
    if Path(out).is_dir():
        for leftover in Path(out).iterdir():
            if _TEMP_ZIP.match(leftover.name) and leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)


# Characters that FAT/exFAT USB sticks and Windows refuse in a file name, and control characters:
# a site holding such a name cannot be copied, unpacked or listed in SHA256SUMS the same everywhere.
_UNPORTABLE = re.compile(r'[\x00-\x1f\x7f-\x9f\\:*?"<>|]')


def shown_name(name: str) -> str:
    """A file name printable on one line: control characters written as `\\n`, `\\x07`."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


def check_portable_names(folder: Path) -> None:
    """Refuse a built site holding a file name a USB stick or Windows cannot hold."""
    for name in _files(folder):
        bad = sorted(set(_UNPORTABLE.findall(name)))
        if bad:
            raise DistError(dist_text("bad_name", path=shown_name(name), chars=" ".join(shown_name(c) for c in bad)))


def os_error_text(exc: OSError, path: object) -> str:
    """A clean message for a disk that is full or a folder we may not write, naming the path."""
    where = exc.filename or path
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return dist_text("disk_full", path=where)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return dist_text("no_permission", path=where)
    return dist_text("write_failed", path=where, detail=exc.strerror or exc)


# --- checksums and the USB zip -----------------------------------------------------------------


def _files(folder: Path) -> list[str]:
    """Every file under `folder`, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_text(digests: dict[str, str]) -> str:
    """SHA256SUMS in the format of `sha256sum`, so `sha256sum -c SHA256SUMS` checks it too."""
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))


def fingerprint(checksums: bytes) -> str:
    """A short code for a whole copy, to write on the USB stick's label and compare later."""
    h = _sha256(checksums)[:12]
    return f"{h[:4]}-{h[4:8]}-{h[8:]}"


def readme_text(site_name: str, date: str) -> bytes:
    """DOC-TRUOC.txt: CRLF and a byte-order mark, so old Windows Notepad shows Vietnamese correctly."""
    text = dist_text("readme", site_name=site_name, date=date, site=SITE_FOLDER, onefile=ONEFILE_FOLDER)
    return ("\ufeff" + text.strip() + "\n").replace("\n", "\r\n").encode("utf-8")


@dataclass
class Package:
    path: Path
    files: int
    fingerprint: str


def write_zip(path: Path, top: str, folders: dict[str, Path], readme: bytes) -> Package:
    """Write `path`: one folder `top/` holding DOC-TRUOC.txt, each of `folders` under its name, and
    SHA256SUMS over all of them. Written to a temporary file first, so a failure leaves no broken zip."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digests: dict[str, str] = {}
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:

            def add(name: str, data: bytes) -> None:
                digests[name] = _sha256(data)
                z.writestr(f"{top}/{name}", data)

            add(README, readme)
            for prefix, folder in folders.items():
                for rel in _files(folder):
                    add(f"{prefix}/{rel}", (folder / rel).read_bytes())
            checksums = checksum_text(digests).encode("utf-8")
            z.writestr(f"{top}/{CHECKSUMS}", checksums)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Package(path=path, files=len(digests), fingerprint=fingerprint(checksums))


# --- the service worker ------------------------------------------------------------------------


def kept_offline(name: str, teacher_only: Iterable[str], size: int = 0) -> bool:
    """Whether the service worker keeps the site file `name` (a URL path, `size` bytes) on the phone.
    `teacher_only`: pages a learner's phone does not need offline (the site plan's pages that are not
    `offline`: worksheets and the coverage report, hundreds of KB); a name ending in `/` is a folder.
    Large audio and video are kept once played, not before (media.precache_excluded)."""
    from .media import precache_excluded

    if name == SERVICE_WORKER or _NOT_CACHED.search(name) or precache_excluded(name, size):
        return False
    only = teacher_only if isinstance(teacher_only, _Pages) else _Pages(teacher_only)
    return name not in only


class _Pages:
    """URL paths and folders (ending in `/`), looked up in a set: a 600-lesson site has as many
    worksheets as lessons, and comparing every file with each of them was 1 000 000 calls."""

    def __init__(self, names: Iterable[str]):
        names = set(names)
        self.pages = frozenset(n for n in names if not n.endswith("/"))
        self.folders = tuple(sorted(n for n in names if n.endswith("/")))

    def __contains__(self, name: str) -> bool:
        return name in self.pages or name.startswith(self.folders)


def cached_files(site: Path, teacher_only: Iterable[str] = ()) -> list[str]:
    """The site files the service worker keeps: everything a learner's page may load, as URL paths."""
    only = _Pages(teacher_only)
    return [name for name in _files(site) if kept_offline(name, only, (site / name).stat().st_size)]


def build_version(site: Path, files: list[str]) -> str:
    """A hash of the files' names and contents: the same site gives the same version, so phones
    download the course again only when something in it changed."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(f"{name}\0{_sha256_file(site / name)}\n".encode())
    return digest.hexdigest()[:16]


def service_worker(site: Path, serving: bool = False, teacher_only: Iterable[str] = ()) -> str:
    """The text of sw.js for a built site. While an author previews with `mkdocs serve`, the
    worker instead removes any course copy an earlier visit cached, so edits show at once."""
    if serving:
        return (ASSETS / "sw-off.js").read_text(encoding="utf-8")
    files = cached_files(site, teacher_only)
    template = (ASSETS / "sw.js").read_text(encoding="utf-8")
    return template.replace('"__HVS_VERSION__"', json.dumps(build_version(site, files))).replace(
        '["__HVS_FILES__"]', json.dumps([quote(name) for name in files], indent=0)
    )


def write_service_worker(site: Path, serving: bool = False, teacher_only: Iterable[str] = ()) -> Path:
    path = Path(site) / SERVICE_WORKER
    path.write_text(service_worker(Path(site), serving, teacher_only), encoding="utf-8")
    return path


def human_size(size: int) -> str:
    """A size the way Vietnamese write it: `850 KB`, `1,4 MB`, `1,0 GB`."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    if size >= 1000 * 1000 * 1000:
        return f"{size / 1000 / 1000 / 1000:.1f} GB".replace(".", ",")
    return f"{size / 1000 / 1000:.1f} MB".replace(".", ",")
