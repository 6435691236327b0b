"""`hocvuso verify`: check a copied folder or zip against its SHA256SUMS, in bounded memory.

Every member is hashed as a stream under a size cap, the checksum file is capped before it is read,
and every damaged-zip error becomes a message a teacher can act on (issue 13's zip bombs: 4.2 GB
and 5.3 GB of memory before, ~33 MB now).
"""

from __future__ import annotations

import hashlib
import lzma
import os
import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .dist import CHECKSUMS, DistError, fingerprint, human_size, shown_name
from .messages import dist_text

# Files that file managers drop into folders by themselves: reported apart from unexpected files.
_OS_JUNK = re.compile(r"(^|/)(\.DS_Store|Thumbs\.db|desktop\.ini|\._[^/]*)$", re.IGNORECASE)
_CHECKSUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


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
        raise DistError(
            dist_text("sums_too_big", path=where, size=human_size(len(data)), limit=human_size(MAX_SUMS_BYTES))
        )
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


def _classify(
    result: Verification,
    expected: dict[str, str],
    present: Iterable[str],
    check: Callable[[str, str], bool],
    clutter: Callable[[str], bool],
) -> Verification:
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
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
)


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
        present = [n[len(prefix) :] if n.startswith(prefix) else f"../{n}" for n in infos if n != sums[0]]

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


def iter_report(result: Verification) -> Iterator[str]:
    """The lines `hocvuso verify` prints: one per problem, OS clutter, then one line saying what it
    found (with the copy's code, to compare with the USB label)."""
    for key, names in (
        ("verify_missing", result.missing),
        ("verify_changed", result.changed),
        ("verify_extra", result.extra),
    ):
        for name in names:
            yield dist_text(key, path=shown_name(name))
    for name, reason, values in result.unreadable:
        yield dist_text("verify_unreadable", path=shown_name(name), reason=dist_text(reason, **values))
    for name in result.clutter:
        yield dist_text("verify_clutter", path=shown_name(name))
    if result.ok:
        yield dist_text(
            "verify_ok_clutter" if result.clutter else "verify_ok",
            count=result.checked,
            clutter=len(result.clutter),
            root=result.root,
            code=result.fingerprint,
        )
    else:
        yield dist_text(
            "verify_bad",
            missing=len(result.missing),
            changed=len(result.changed) + len(result.unreadable),
            extra=len(result.extra),
            root=result.root,
            code=result.fingerprint,
        )
