"""Distribution: replace the built site atomically, pack it for USB sticks, verify copies, and write
the service worker that keeps the course on a phone served over HTTP.

Plain Python over folders and files, independent of MkDocs: the CLI passes in a function that
builds the site, and the plugin calls `write_service_worker` once the site is written.
"""

from __future__ import annotations

import errno
import hashlib
import json
import lzma
import os
import posixpath
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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
# Files that file managers drop into folders by themselves: reported apart from unexpected files.
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


# --- verification ------------------------------------------------------------------------------

# Bounds that no copy made by `hocvuso dist` comes near, so a hostile or broken copy cannot make
# `verify` run out of memory or hash for hours. Members are hashed as a stream, never read whole.
MAX_MEMBER = 1_000_000_000  # 1 GB: course files are images of ~300 KB and one-file editions of a few MB
MAX_SUMS_BYTES = 16_000_000  # SHA256SUMS: ~120 bytes a line
MAX_ENTRIES = 100_000  # lines of SHA256SUMS, files in a folder, members in a zip
MAX_CLUTTER = 1 << 20  # an OS clutter file larger than this is not what the OS writes
_CHUNK = 1 << 20
# What each kind of OS clutter starts with; a file with such a name but other content is unexpected.
_APPLEDOUBLE, _DS_STORE, _OLE = b"\x00\x05\x16\x07", b"\x00\x00\x00\x01Bud1", bytes.fromhex("d0cf11e0a1b11ae1")
_INI_LINE = re.compile(r"\s*(\[[^\]<>]*\]|;[^<>]*|[^=<>\[;][^=<>]*=[^<>]*)?\s*")


@dataclass
class Verification:
    root: str  # the folder holding SHA256SUMS, or `archive.zip:folder/`
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    # Listed files that could not be hashed: (name, catalogue key of the reason, values).
    unreadable: list[tuple[str, str, dict]] = field(default_factory=list)
    clutter: list[str] = field(default_factory=list)  # files the OS wrote by itself: a warning only
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.unreadable)


class _Unreadable(Exception):
    def __init__(self, reason: str, **values):
        super().__init__(reason)
        self.reason, self.values = reason, values


def _hash_stream(f, limit: int = MAX_MEMBER) -> str:
    digest, total = hashlib.sha256(), 0
    while chunk := f.read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise _Unreadable("reason.too_big", limit=human_size(limit))
        digest.update(chunk)
    return digest.hexdigest()


def _parse_checksums(data: bytes) -> dict[str, str]:
    if data.count(b"\n") > MAX_ENTRIES:
        raise DistError(dist_text("sums_too_long", limit=MAX_ENTRIES))
    digests = {}
    # Lines end at "\n" only (as sha256sum writes them), so the count above bounds the loop.
    for number, line in enumerate(data.decode("utf-8", "replace").lstrip("\ufeff").split("\n"), start=1):
        line = line.rstrip("\r")
        if not line:
            continue
        match = _CHECKSUM_LINE.match(line)
        name = match and match.group(2)
        if not match or name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise DistError(dist_text("bad_checksum_line", line=number))
        digests[name] = match.group(1).lower()
    if not digests:  # nothing to compare with: not a copy made by `dist`, never "intact"
        raise DistError(dist_text("sums_empty"))
    return digests


def _read_checksums(size: int, opener: Callable[[], object], where: object) -> bytes:
    """SHA256SUMS, its size checked before it is read (a zip may declare any size for it)."""
    if size > MAX_SUMS_BYTES:
        raise DistError(dist_text("sums_too_big", path=where, size=human_size(size), limit=human_size(MAX_SUMS_BYTES)))
    try:
        with opener() as f:
            data = f.read(MAX_SUMS_BYTES + 1)
    except _ZIP_ERRORS as exc:
        raise DistError(dist_text("sums_unreadable", path=where, reason=_reason_text(_zip_reason(exc)))) from exc
    if len(data) > MAX_SUMS_BYTES:
        raise DistError(dist_text("sums_too_big", path=where, size=human_size(len(data)), limit=human_size(MAX_SUMS_BYTES)))
    return data


def _is_clutter(name: str, head: Callable[[int], bytes], size: int) -> bool:
    """True when `name` is a file an OS writes into folders by itself (Finder's `._x` and
    `.DS_Store`, Windows' `Thumbs.db` and `desktop.ini`) AND its content has that file's shape:
    a page named `._x.html` with any other content is reported as unexpected, not waved through."""
    base = posixpath.basename(name)
    if not _OS_JUNK.search(base) or size > MAX_CLUTTER:
        return False
    lower = base.lower()
    if lower == "desktop.ini":
        data = head(MAX_CLUTTER)
        text = data[2:].decode("utf-16-le", "replace") if data[:2] == b"\xff\xfe" else data.decode("utf-8", "replace")
        return all(_INI_LINE.fullmatch(line) for line in text.lstrip("\ufeff").splitlines())
    magic = {".ds_store": _DS_STORE, "thumbs.db": _OLE}.get(lower, _APPLEDOUBLE)
    return head(len(magic)) == magic


def _classify(result: Verification, expected: dict[str, str], present: Iterable[str],
              check: Callable[[str, str], bool], clutter: Callable[[str], bool]) -> Verification:
    """Fill `result`: `check(name, digest)` hashes one listed file (raising `_Unreadable`),
    `clutter(name)` says whether an unlisted file is OS clutter."""
    present = set(present)
    for name in sorted(expected):
        if name not in present:
            result.missing.append(name)
            continue
        try:
            if not check(name, expected[name]):
                result.changed.append(name)
        except _Unreadable as exc:
            result.unreadable.append((name, exc.reason, exc.values))
    for name in sorted(present - set(expected)):
        (result.clutter if clutter(name) else result.extra).append(name)
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
    """Check a copied folder or zip against its SHA256SUMS: what is missing, changed, unreadable,
    unexpected, or only OS clutter. Memory stays bounded whatever the copy holds."""
    path = Path(path)
    if not path.exists():
        raise DistError(dist_text("not_found", path=path))
    if path.is_file() and path.name == CHECKSUMS:
        path = path.parent
    try:
        if path.is_dir():
            return _verify_folder(path)
        if not path.is_file():  # a device or a pipe would be read forever
            raise DistError(dist_text("not_a_copy", path=path))
        return _verify_zip(path)
    except OSError as exc:  # the copy itself cannot be read: a bad USB stick, no permission
        raise DistError(dist_text("unreadable", path=exc.filename or path, detail=exc.strerror or exc)) from exc


def _walk(root: Path) -> list[str]:
    """Every entry under `root` that is not a folder (symlinks not followed), at most MAX_ENTRIES."""
    names = []
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        names += [(rel / name).as_posix() for name in files + [d for d in dirs if os.path.islink(Path(folder, d))]]
        if len(names) > MAX_ENTRIES:
            raise DistError(dist_text("too_many_files", path=root, limit=MAX_ENTRIES))
    return names


def _verify_folder(folder: Path) -> Verification:
    root = _checksum_folder(folder)
    if root is None:
        raise DistError(dist_text("no_checksums", path=folder))
    sums = root / CHECKSUMS
    data = _read_checksums(sums.stat().st_size, lambda: open(sums, "rb"), sums)  # noqa: SIM115 (a factory)
    result = Verification(root=str(root), fingerprint=fingerprint(data))

    def check(name: str, digest: str) -> bool:
        file = root / name
        try:
            info = file.lstat()
            if not stat.S_ISREG(info.st_mode):
                raise _Unreadable("reason.not_regular")
            if info.st_size > MAX_MEMBER:
                raise _Unreadable("reason.too_big", limit=human_size(MAX_MEMBER))
            with open(file, "rb") as f:
                return _hash_stream(f) == digest
        except OSError as exc:
            raise _Unreadable("reason.os", detail=exc.strerror or exc) from exc

    def head(name: str) -> Callable[[int], bytes]:
        def read(count: int) -> bytes:
            with open(root / name, "rb") as f:
                return f.read(count)
        return read

    def clutter(name: str) -> bool:
        info = (root / name).lstat()
        return stat.S_ISREG(info.st_mode) and _is_clutter(name, head(name), info.st_size)

    present = [name for name in _walk(root) if name != CHECKSUMS]
    return _classify(result, _parse_checksums(data), present, check, clutter)


# Everything zipfile and its decompressors raise for a damaged, encrypted or exotic member.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError,
               NotImplementedError, ValueError, zlib.error, lzma.LZMAError)


def _zip_reason(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "reason.encrypted"
    if isinstance(exc, NotImplementedError):
        return "reason.compression"
    return "reason.damaged"


def _reason_text(reason: str, **values) -> str:
    return dist_text(reason, **values)


def _too_many_entries(path: Path) -> bool:
    """Whether the zip's end record declares more members, or a longer list of them, than any
    course has: checked before zipfile builds its list of members in memory."""
    with open(path, "rb") as f:
        # zipfile's own reader of that record: private, but unchanged since Python 2
        end = zipfile._EndRecData(f)
    if not end:
        raise zipfile.BadZipFile("no end of central directory")
    return end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ENTRIES or end[zipfile._ECD_SIZE] > MAX_ENTRIES * 200


def _verify_zip(path: Path) -> Verification:
    try:
        if _too_many_entries(path):
            raise DistError(dist_text("too_many_files", path=path, limit=MAX_ENTRIES))
        z = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise DistError(dist_text("bad_zip", path=path)) from exc
    with z:
        infos = {info.filename: info for info in z.infolist() if not info.is_dir()}
        sums = sorted((n for n in infos if posixpath.basename(n) == CHECKSUMS), key=lambda n: n.count("/"))
        if not sums:
            raise DistError(dist_text("no_checksums", path=path))
        prefix = sums[0][: -len(CHECKSUMS)]
        where = f"{path}:{sums[0]}"
        data = _read_checksums(infos[sums[0]].file_size, lambda: z.open(infos[sums[0]]), where)
        result = Verification(root=f"{path}:{prefix}", fingerprint=fingerprint(data))
        present = [n[len(prefix):] if n.startswith(prefix) else f"../{n}" for n in infos if n != sums[0]]

        def member(name: str) -> zipfile.ZipInfo:
            return infos[prefix + name]

        def check(name: str, digest: str) -> bool:
            info = member(name)
            if info.file_size > MAX_MEMBER:
                raise _Unreadable("reason.too_big", limit=human_size(MAX_MEMBER))
            try:
                with z.open(info) as f:
                    return _hash_stream(f) == digest
            except _ZIP_ERRORS as exc:
                raise _Unreadable(_zip_reason(exc)) from exc

        def clutter(name: str) -> bool:
            if name.startswith("../"):
                return False
            info = member(name)

            def head(count: int) -> bytes:
                try:
                    with z.open(info) as f:
                        return f.read(count)
                except _ZIP_ERRORS:
                    return b""
            return _is_clutter(name, head, info.file_size)

        return _classify(result, _parse_checksums(data), present, check, clutter)


# --- the service worker ------------------------------------------------------------------------

def kept_offline(name: str, teacher_only: Iterable[str]) -> bool:
    """Whether the service worker keeps the site file `name` (a URL path) on the phone.
    `teacher_only`: pages a learner's phone does not need offline (the site plan's pages that are not
    `offline`: worksheets and the coverage report, hundreds of KB); a name ending in `/` is a folder."""
    if name == SERVICE_WORKER or _NOT_CACHED.search(name):
        return False
    return not any(name.startswith(p) if p.endswith("/") else name == p for p in teacher_only)


def cached_files(site: Path, teacher_only: Iterable[str] = ()) -> list[str]:
    """The site files the service worker keeps: everything a learner's page may load, as URL paths."""
    teacher_only = frozenset(teacher_only)
    return [name for name in _files(site) if kept_offline(name, teacher_only)]


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
    return (template.replace('"__HVS_VERSION__"', json.dumps(build_version(site, files)))
            .replace('["__HVS_FILES__"]', json.dumps([quote(name) for name in files], indent=0)))


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


def iter_report(result: Verification) -> Iterator[str]:
    """The lines `hocvuso verify` prints: one per problem, OS clutter, then one line saying what it
    found (with the copy's code, to compare with the USB label)."""
    for key, names in (("verify_missing", result.missing), ("verify_changed", result.changed),
                       ("verify_extra", result.extra)):
        for name in names:
            yield dist_text(key, path=shown_name(name))
    for name, reason, values in result.unreadable:
        yield dist_text("verify_unreadable", path=shown_name(name), reason=dist_text(reason, **values))
    for name in result.clutter:
        yield dist_text("verify_clutter", path=shown_name(name))
    if result.ok:
        yield dist_text("verify_ok_clutter" if result.clutter else "verify_ok", count=result.checked,
                        clutter=len(result.clutter), root=result.root, code=result.fingerprint)
    else:
        yield dist_text("verify_bad", missing=len(result.missing), changed=len(result.changed) + len(result.unreadable),
                        extra=len(result.extra), root=result.root, code=result.fingerprint)
