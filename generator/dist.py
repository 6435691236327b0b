"""Distribution: replace the built site atomically, pack it for USB sticks, verify copies, and write
the service worker that keeps the course on a phone served over HTTP.

Plain Python over folders and files, independent of MkDocs: the CLI passes in a function that
builds the site, and the plugin calls `write_service_worker` once the site is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator
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
# Files that file managers drop into folders by themselves; never reported as extra.
_OS_JUNK = re.compile(r"(^|/)(\.DS_Store|Thumbs\.db|desktop\.ini|\._[^/]*)$", re.IGNORECASE)
_CHECKSUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


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


# --- verification ------------------------------------------------------------------------------

@dataclass
class Verification:
    root: str  # the folder holding SHA256SUMS, or `archive.zip:folder/`
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra)


def _parse_checksums(text: str) -> dict[str, str]:
    digests = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        match = _CHECKSUM_LINE.match(line.rstrip("\r"))
        name = match and match.group(2)
        if not match or name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise DistError(dist_text("bad_checksum_line", line=number))
        digests[name] = match.group(1).lower()
    return digests


def _compare(result: Verification, expected: dict[str, str], present: Iterable[str],
             digest: Callable[[str], str]) -> Verification:
    present = {name for name in present if not _OS_JUNK.search(name)}
    for name in sorted(expected):
        if name not in present:
            result.missing.append(name)
        elif digest(name) != expected[name]:
            result.changed.append(name)
    result.extra = sorted(present - set(expected))
    result.checked = len(expected)
    return result


def _checksum_folder(folder: Path) -> Path | None:
    """The folder holding SHA256SUMS: `folder` itself, or its only subfolder holding one
    (a zip unpacked into a folder of its own name)."""
    if (folder / CHECKSUMS).is_file():
        return folder
    found = [p for p in folder.iterdir() if p.is_dir() and (p / CHECKSUMS).is_file()]
    return found[0] if len(found) == 1 else None


def verify(path: Path) -> Verification:
    """Check a copied folder or zip against its SHA256SUMS: what is missing, changed or extra."""
    path = Path(path)
    if not path.exists():
        raise DistError(dist_text("not_found", path=path))
    if path.is_file() and path.name == CHECKSUMS:
        path = path.parent
    if path.is_dir():
        root = _checksum_folder(path)
        if root is None:
            raise DistError(dist_text("no_checksums", path=path))
        data = (root / CHECKSUMS).read_bytes()
        result = Verification(root=str(root), fingerprint=fingerprint(data))
        present = [name for name in _files(root) if name != CHECKSUMS]
        return _compare(result, _parse_checksums(data.decode("utf-8", "replace")), present,
                        lambda name: _sha256_file(root / name))
    return _verify_zip(path)


def _verify_zip(path: Path) -> Verification:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DistError(dist_text("bad_zip", path=path, detail=exc)) from exc
    with z:
        names = [info.filename for info in z.infolist() if not info.is_dir()]
        sums = sorted((n for n in names if posixpath.basename(n) == CHECKSUMS), key=lambda n: n.count("/"))
        if not sums:
            raise DistError(dist_text("no_checksums", path=path))
        prefix = sums[0][: -len(CHECKSUMS)]
        data = z.read(sums[0])
        result = Verification(root=f"{path}:{prefix}", fingerprint=fingerprint(data))
        present = [n[len(prefix):] if n.startswith(prefix) else f"../{n}" for n in names if n != sums[0]]

        def digest(name: str) -> str:
            try:
                return _sha256(z.read(prefix + name))
            except (zipfile.BadZipFile, OSError):  # a damaged member (bad CRC) is a changed file
                return ""

        return _compare(result, _parse_checksums(data.decode("utf-8", "replace")), present, digest)


# --- the service worker ------------------------------------------------------------------------

def cached_files(site: Path) -> list[str]:
    """The site files the service worker keeps: everything a page may load, as URL paths."""
    from .media import precache_excluded  # large audio and video: kept once played, not before

    return [name for name in _files(site) if name != SERVICE_WORKER and not _NOT_CACHED.search(name)
            and not precache_excluded(name, (site / name).stat().st_size)]


def build_version(site: Path, files: list[str]) -> str:
    """A hash of the files' names and contents: the same site gives the same version, so phones
    download the course again only when something in it changed."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(f"{name}\0{_sha256_file(site / name)}\n".encode("utf-8"))
    return digest.hexdigest()[:16]


def service_worker(site: Path, serving: bool = False) -> str:
    """The text of sw.js for a built site. While an author previews with `mkdocs serve`, the
    worker instead removes any course copy an earlier visit cached, so edits show at once."""
    if serving:
        return (ASSETS / "sw-off.js").read_text(encoding="utf-8")
    files = cached_files(site)
    template = (ASSETS / "sw.js").read_text(encoding="utf-8")
    return (template.replace('"__HVS_VERSION__"', json.dumps(build_version(site, files)))
            .replace('["__HVS_FILES__"]', json.dumps([quote(name) for name in files], indent=0)))


def write_service_worker(site: Path, serving: bool = False) -> Path:
    path = Path(site) / SERVICE_WORKER
    path.write_text(service_worker(Path(site), serving), encoding="utf-8")
    return path


def human_size(size: int) -> str:
    """A size the way Vietnamese write it: `850 KB`, `1,4 MB`."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1000 / 1000:.1f} MB".replace(".", ",")


def iter_report(result: Verification) -> Iterator[str]:
    """The lines `hocvuso verify` prints, one per problem, then a summary."""
    for key, names in (("verify_missing", result.missing), ("verify_changed", result.changed),
                       ("verify_extra", result.extra)):
        for name in names:
            yield dist_text(key, path=name)
    if result.ok:
        yield dist_text("verify_ok", count=result.checked, root=result.root)
    else:
        yield dist_text("verify_bad", missing=len(result.missing), changed=len(result.changed),
                        extra=len(result.extra), root=result.root)
    yield dist_text("fingerprint", code=result.fingerprint)
