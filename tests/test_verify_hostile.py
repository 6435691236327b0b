"""`hocvuso verify` against hostile and broken copies (issue 13): zip bombs stay within a memory
limit, every zip error is a clean Vietnamese message with a non-zero exit, and unexpected files are
reported while real OS clutter is only a warning."""

from __future__ import annotations

import hashlib
import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import dist, verify
from generator.cli import main
from generator.messages import dist_text

TOP = "hocvuso-2026-01-01"
MIB = 1 << 20
LIMIT = 400 * 1000 * 1000  # address space of the `verify` process in the bomb tests


def sums(files: dict[str, bytes]) -> bytes:
    return dist.checksum_text({name: hashlib.sha256(data).hexdigest() for name, data in files.items()}).encode()


def small_zip(
    path: Path, files: dict[str, bytes], listed: dict[str, bytes] | None = None, method: int = zipfile.ZIP_STORED
) -> Path:
    """A copy as `dist` packs it: `files` under TOP/, and SHA256SUMS over `listed` (default: all)."""
    with zipfile.ZipFile(path, "w", compression=method) as z:
        for name, data in files.items():
            z.writestr(f"{TOP}/{name}", data)
        z.writestr(f"{TOP}/{dist.CHECKSUMS}", sums(files if listed is None else listed))
    return path


def patch_central(path: Path, member: str, flags: int | None = None, method: int | None = None) -> None:
    """Rewrite one member's entry in the zip's central directory, as another tool might have written it."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        offset = z.start_dir
    while data[offset : offset + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[offset + 28 : offset + 34])
        if data[offset + 46 : offset + 46 + name_len].decode() == f"{TOP}/{member}":
            if flags is not None:
                data[offset + 8 : offset + 10] = struct.pack("<H", flags)
            if method is not None:
                data[offset + 10 : offset + 12] = struct.pack("<H", method)
        offset += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


def zeros_member(z: zipfile.ZipFile, name: str, size: int) -> str:
    """Write `size` zero bytes as a stream (a few MB on disk); return their SHA-256."""
    digest, chunk = hashlib.sha256(), bytes(MIB)
    with z.open(name, "w", force_zip64=True) as f:
        for _ in range(size // MIB):
            f.write(chunk)
            digest.update(chunk)
    return digest.hexdigest()


def verify_limited(path: Path) -> subprocess.CompletedProcess:
    """`hocvuso verify path` in a process that cannot use more than LIMIT bytes of address space."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "verify", str(path)],
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ.copy(),
        check=False,
    )


# --- bounded memory ------------------------------------------------------------------------------


def test_a_listed_2_gib_member_and_a_512_mib_member_stay_within_400_mb(tmp_path):
    # Before streaming, the 2 GiB member alone took 4.2 GB of memory (issue 13). Now the member over
    # the size cap is reported without being read, and the one under it is hashed as a stream.
    bomb = tmp_path / "bom.zip"
    index = b"<h1>Trang chu</h1>"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(f"{TOP}/khoa-hoc/index.html", index)
        big = zeros_member(z, f"{TOP}/khoa-hoc/video.bin", 2048 * MIB)
        large = zeros_member(z, f"{TOP}/khoa-hoc/lon.bin", 512 * MIB)
        z.writestr(
            f"{TOP}/{dist.CHECKSUMS}",
            dist.checksum_text(
                {
                    "khoa-hoc/index.html": hashlib.sha256(index).hexdigest(),
                    "khoa-hoc/video.bin": big,
                    "khoa-hoc/lon.bin": large,
                }
            ),
        )
    assert bomb.stat().st_size < 20 * MIB
    run = verify_limited(bomb)
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr, run.stderr
    code = dist.fingerprint(zipfile.ZipFile(bomb).read(f"{TOP}/{dist.CHECKSUMS}"))
    too_big = dist_text("reason.too_big", limit=dist.human_size(verify.MAX_MEMBER))
    assert run.stdout.splitlines() == [
        dist_text("verify_unreadable", path="khoa-hoc/video.bin", reason=too_big),
        dist_text("verify_bad", missing=0, changed=1, extra=0, root=f"{bomb}:{TOP}/", code=code),
    ]
    assert run.returncode == 1


def test_a_512_mib_checksum_file_of_blank_lines_is_refused_within_400_mb(tmp_path):
    # Before: 5.3 GB of memory, and the copy was reported intact.
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(f"{TOP}/khoa-hoc/index.html", b"<h1>Trang chu</h1>")
        with z.open(f"{TOP}/{dist.CHECKSUMS}", "w", force_zip64=True) as f:
            for _ in range(512):
                f.write(b"\n" * MIB)
    run = verify_limited(bomb)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.strip() == dist_text(
        "sums_too_big",
        path=f"{bomb}:{TOP}/{dist.CHECKSUMS}",
        size=dist.human_size(512 * MIB),
        limit=dist.human_size(verify.MAX_SUMS_BYTES),
    )


def test_checksum_file_with_too_many_lines_is_refused_before_parsing(tmp_path, capsys):
    (tmp_path / dist.CHECKSUMS).write_bytes(b"\n" * (verify.MAX_ENTRIES + 1))
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("sums_too_long", limit=verify.MAX_ENTRIES)


def test_a_zip_listing_more_members_than_any_course_is_refused_before_listing(tmp_path, capsys, monkeypatch):
    path = small_zip(tmp_path / "ban.zip", {f"khoa-hoc/{i}.html": b"" for i in range(20)})
    monkeypatch.setattr(verify, "MAX_ENTRIES", 10)
    monkeypatch.setattr(verify.zipfile, "ZipFile", None)  # zipfile never gets to build its list
    assert main(["verify", str(path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("too_many_files", path=path, limit=10)


def test_checksum_lines_end_at_newlines_only(tmp_path, capsys):
    # "\f" and "\x1c" end lines for Python's splitlines: 16 MB of them must not be 16 million lines.
    (tmp_path / dist.CHECKSUMS).write_bytes(b"\x0c\x1c" * 1000 + b"\n")
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("bad_checksum_line", line=1)
    # Blank lines only: nothing to compare with, so never "intact" (the 512 MiB bomb was, before).
    (tmp_path / dist.CHECKSUMS).write_bytes(b"\n" * 1000)
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("sums_empty")


def test_an_oversized_file_in_a_folder_is_not_read(tmp_path, capsys, monkeypatch):
    files = {"khoa-hoc/a.html": b"a" * 100}
    (tmp_path / "khoa-hoc").mkdir()
    (tmp_path / "khoa-hoc" / "a.html").write_bytes(files["khoa-hoc/a.html"])
    (tmp_path / dist.CHECKSUMS).write_bytes(sums(files))
    monkeypatch.setattr(verify, "MAX_MEMBER", 99)
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == dist_text(
        "verify_unreadable", path="khoa-hoc/a.html", reason=dist_text("reason.too_big", limit=dist.human_size(99))
    )


# --- every zip error is a clean message ----------------------------------------------------------

FILES = {"khoa-hoc/index.html": b"<h1>Trang chu</h1>" * 50, "khoa-hoc/bai.html": b"<p>Bai hoc</p>" * 50}


def run_verify(path: Path, capsys) -> tuple[int, list[str], str]:
    code = main(["verify", str(path)])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err.strip()


@pytest.mark.parametrize("damage", ["not a zip", "truncated", "empty"])
def test_an_unreadable_zip_is_a_clean_message(tmp_path, capsys, damage):
    path = small_zip(tmp_path / "ban.zip", FILES)
    data = path.read_bytes()
    path.write_bytes(
        {"not a zip": b"MZ\x90\x00" + bytes(2000), "truncated": data[: len(data) // 2], "empty": b""}[damage]
    )
    code, out, err = run_verify(path, capsys)
    assert (code, out, err) == (1, [], dist_text("bad_zip", path=path))


@pytest.mark.parametrize("reason, flags, method", [("reason.encrypted", 0x1, None), ("reason.compression", None, 97)])
def test_an_encrypted_or_exotic_member_is_named_with_its_reason(tmp_path, capsys, reason, flags, method):
    path = small_zip(tmp_path / "ban.zip", FILES)
    patch_central(path, "khoa-hoc/bai.html", flags=flags, method=method)
    code, out, err = run_verify(path, capsys)
    sums_code = dist.fingerprint(sums(FILES))
    assert (code, err) == (1, "")
    assert out == [
        dist_text("verify_unreadable", path="khoa-hoc/bai.html", reason=dist_text(reason)),
        dist_text("verify_bad", missing=0, changed=1, extra=0, root=f"{path}:{TOP}/", code=sums_code),
    ]


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_member_with_a_bad_crc_is_damaged(tmp_path, capsys, method):
    path = small_zip(tmp_path / "ban.zip", FILES, method=method)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(f"{TOP}/khoa-hoc/bai.html")
    start = info.header_offset + 30 + len(info.filename.encode())
    data[start + 5] ^= 0x01  # one flipped bit in the member's data
    path.write_bytes(bytes(data))
    code, out, err = run_verify(path, capsys)
    assert (code, err) == (1, "")
    assert out[0] == dist_text("verify_unreadable", path="khoa-hoc/bai.html", reason=dist_text("reason.damaged"))


def test_an_encrypted_checksum_file_is_a_clean_message(tmp_path, capsys):
    path = small_zip(tmp_path / "ban.zip", FILES)
    name = f"{TOP}/{dist.CHECKSUMS}"
    patch_central(path, dist.CHECKSUMS, flags=0x1)
    code, out, err = run_verify(path, capsys)
    assert (code, out) == (1, [])
    assert err == dist_text("sums_unreadable", path=f"{path}:{name}", reason=dist_text("reason.encrypted"))


def test_a_listed_file_replaced_by_a_link_is_not_followed(tmp_path, capsys):
    (tmp_path / "khoa-hoc").mkdir()
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / dist.CHECKSUMS).write_bytes(sums(FILES))
    (tmp_path / "khoa-hoc" / "bai.html").unlink()
    (tmp_path / "khoa-hoc" / "bai.html").symlink_to("/dev/zero")
    code, out, err = run_verify(tmp_path, capsys)
    assert (code, err) == (1, "")
    assert out[0] == dist_text("verify_unreadable", path="khoa-hoc/bai.html", reason=dist_text("reason.not_regular"))


# --- extra files and OS clutter ------------------------------------------------------------------

APPLEDOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00" + b"Mac OS X        " + bytes(4070)
CLUTTER = {
    "khoa-hoc/._index.html": APPLEDOUBLE,  # Finder, copying to a FAT USB stick
    "khoa-hoc/.DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(6000),
    "Thumbs.db": bytes.fromhex("d0cf11e0a1b11ae1") + bytes(500),
    "desktop.ini": "\ufeff[.ShellClassInfo]\r\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\r\n; ghi chú\r\n".encode(),
}


def test_real_os_clutter_is_a_warning_and_the_copy_stays_intact(tmp_path, capsys):
    # Finder and Explorer write these by merely opening the folder; failing the copy for them would
    # teach people to ignore the verdict. They are listed, and the copy is still intact.
    path = small_zip(tmp_path / "ban.zip", {**FILES, **CLUTTER}, listed=FILES)
    code, out, err = run_verify(path, capsys)
    assert (code, err) == (0, "")
    assert out == [dist_text("verify_clutter", path=name) for name in sorted(CLUTTER)] + [
        dist_text("verify_ok_clutter", count=2, clutter=4, root=f"{path}:{TOP}/", code=dist.fingerprint(sums(FILES)))
    ]


@pytest.mark.parametrize("name", sorted(CLUTTER))
def test_a_file_named_like_clutter_with_other_content_is_unexpected(tmp_path, capsys, name):
    page = b"<script>location='http://lua.dao'</script>"
    if name == "desktop.ini":
        page = b"[.ShellClassInfo]\r\n" + page
    path = small_zip(tmp_path / "ban.zip", {**FILES, name: page}, listed=FILES)
    code, out, _ = run_verify(path, capsys)
    assert code == 1
    assert out[0] == dist_text("verify_extra", path=name)
    assert out[-1] == dist_text(
        "verify_bad", missing=0, changed=0, extra=1, root=f"{path}:{TOP}/", code=dist.fingerprint(sums(FILES))
    )


def test_clutter_in_an_unpacked_folder_too(tmp_path, capsys):
    for name, data in {**FILES, **CLUTTER, "khoa-hoc/la.html": b"<p>la</p>"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    (tmp_path / dist.CHECKSUMS).write_bytes(sums(FILES))
    code, out, _ = run_verify(tmp_path, capsys)
    assert code == 1
    assert out == [dist_text("verify_extra", path="khoa-hoc/la.html")] + [
        dist_text("verify_clutter", path=name) for name in sorted(CLUTTER)
    ] + [dist_text("verify_bad", missing=0, changed=0, extra=1, root=tmp_path, code=dist.fingerprint(sums(FILES)))]


def test_names_are_printed_on_one_line_and_only_copies_are_read(tmp_path, capsys):
    path = small_zip(tmp_path / "ban.zip", {**FILES, "khoa-hoc/a\nDa kiem tra: nguyen ven.html": b"x"}, listed=FILES)
    code, out, err = run_verify(path, capsys)
    assert code == 1
    assert out[0] == dist_text("verify_extra", path="khoa-hoc/a\\nDa kiem tra: nguyen ven.html")
    assert len(out) == 2
    code, out, err = run_verify(Path("/dev/zero"), capsys)  # never read: it has no end
    assert (code, out, err) == (1, [], dist_text("not_a_copy", path="/dev/zero"))
