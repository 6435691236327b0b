"""Distribution: `hocvuso dist` replaces the site only after a good build, packs a verifiable zip,
writes sw.js and the one-file editions; `hocvuso verify` names every missing, changed or extra file."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from posixpath import dirname, join, normpath

import pytest

from corpus_tools import make_course
from dist_tools import SVG, mini_course, sw_files
from generator import dist, verify
from generator.cli import main
from generator.messages import dist_text


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_dist(course: Path, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(course), "dist"])
    out = capsys.readouterr()
    return code, out.out, out.err


def unpacked(packed, dest: Path) -> Path:
    """A copy of the USB zip unpacked into `dest`; returns the folder holding SHA256SUMS."""
    with zipfile.ZipFile(packed.zip) as z:
        z.extractall(dest)
    return dest / packed.top


# --- the atomic build ---------------------------------------------------------------------------


def test_failed_build_keeps_the_old_site_and_leaves_nothing_behind(tmp_path, capsys):
    course = mini_course(tmp_path / "course")
    assert run_dist(course, capsys)[0] == 0
    before, zips = tree(course / "site"), sorted((course / "dist").iterdir())

    quiz = course / "quizzes" / "4-an-toan" / "01-mat-khau.yml"
    quiz.write_text("title: [hỏng\n", encoding="utf-8")
    code, out, err = run_dist(course, capsys)
    assert code == 1
    assert dist_text("kept", site=course / "site") in err.splitlines()
    assert tree(course / "site") == before
    # (.cache holds the images prepared by the first build, for the next: generator/images.py)
    assert sorted(p.name for p in course.iterdir() if p.name.startswith(".") and p.name != ".cache") == []
    assert sorted((course / "dist").iterdir()) == zips

    # Fixed, with a lesson removed: the new site replaces the old one whole, not laid over it.
    shutil.copy(make_course(None, tmp_path / "clean") / "quizzes" / "4-an-toan" / "01-mat-khau.yml", quiz)
    (course / "content" / "1-thong-tin" / "01-tim-kiem.md").unlink()
    (course / "content" / "1-thong-tin" / "index.md").write_text("# Thông tin\n\nChưa có bài.\n", encoding="utf-8")
    assert run_dist(course, capsys)[0] == 0
    after = tree(course / "site")
    assert "1-thong-tin/01-tim-kiem.html" in before and "1-thong-tin/01-tim-kiem.html" not in after
    assert sorted(p.name for p in course.iterdir() if p.name.startswith(".") and p.name != ".cache") == []


def test_build_that_fails_midway_leaves_the_old_folder_whole(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("cũ", encoding="utf-8")

    def half_then_fail(folder: Path):
        (folder / "index.html").write_text("mới", encoding="utf-8")
        raise RuntimeError("build failed halfway")

    with pytest.raises(RuntimeError):
        dist.replace_atomically(target, half_then_fail)
    assert tree(target) == {"index.html": hashlib.sha256("cũ".encode()).hexdigest()}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_failed_swap_puts_the_old_folder_back(tmp_path, monkeypatch):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("cũ", encoding="utf-8")
    rename = os.rename

    def refuse_new_folder(src, dst):
        if ".site.new-" in str(src):
            raise OSError("disk full")
        rename(src, dst)

    monkeypatch.setattr(dist.os, "rename", refuse_new_folder)
    with pytest.raises(OSError):
        dist.replace_atomically(target, lambda folder: (folder / "index.html").write_text("mới"))
    assert (target / "index.html").read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_new_site_is_readable_by_a_web_server_running_as_another_user(packed):
    # mkdtemp makes private folders; a Wi-Fi box's web server must still read the swapped-in site.
    assert packed.site.stat().st_mode & 0o005 == 0o005


# --- housekeeping: leftovers of interrupted runs, full disks, names a USB stick cannot hold -----


def dotfiles(folder: Path) -> list[str]:
    """Hidden files a run left, but the prepared-images cache (`.cache`, kept on purpose)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache")


def test_leftovers_of_interrupted_runs_are_removed_at_the_next_start(tmp_path, capsys):
    course = mini_course(tmp_path / "course")
    assert run_dist(course, capsys)[0] == 0
    for leftover in (".site.new-a1b2c3", ".site.old-d4e5f6", "dist/.mot-tep.new-x1", "dist/.mot-tep.old-y2"):
        (course / leftover).mkdir()
        (course / leftover / "index.html").write_text("cũ", encoding="utf-8")
    (course / "dist" / ".hocvuso-2026-01-01.zip.k2j4_x9q").write_bytes(b"PK half a zip")
    keep = course / "dist" / ".ghi-chu.txt"  # not ours: left alone
    keep.write_text("của giáo viên", encoding="utf-8")
    code, out, err = run_dist(course, capsys)
    assert (code, err) == (0, "")
    assert dist_text("restored", site=course / "site", old=".site.old-d4e5f6") not in out
    assert dotfiles(course) == [] and dotfiles(course / "dist") == [".ghi-chu.txt"]


def test_a_site_stranded_between_the_two_renames_is_restored_first(tmp_path, capsys):
    course = mini_course(tmp_path / "course")
    assert run_dist(course, capsys)[0] == 0
    before = tree(course / "site")
    # Killed between the renames: the old site moved aside, the new one not yet in place.
    os.rename(course / "site", course / ".site.old-q1w2e3")
    (course / ".site.new-r4t5y6").mkdir()
    (course / ".site.new-r4t5y6" / "index.html").write_text("nửa chừng", encoding="utf-8")
    (course / "quizzes" / "4-an-toan" / "01-mat-khau.yml").write_text("title: [hỏng\n", encoding="utf-8")
    code, out, err = run_dist(course, capsys)
    assert code == 1  # this build fails, and the restored site is what stays
    assert out.splitlines()[0] == dist_text("restored", site=course / "site", old=".site.old-q1w2e3")
    assert err.splitlines()[-1] == dist_text("kept", site=course / "site")
    assert tree(course / "site") == before and dotfiles(course) == []


def test_a_full_disk_during_the_build_is_a_clean_message_and_the_old_site_stays(tmp_path, capsys, monkeypatch):
    course = mini_course(tmp_path / "course")
    assert run_dist(course, capsys)[0] == 0
    before, zips = tree(course / "site"), sorted((course / "dist").iterdir())
    failing = []

    def disk_full(setup, folder, keep_pages=False):
        (folder / "index.html").write_text("nửa", encoding="utf-8")
        failing.append(folder / "1-thong-tin" / "01-tim-kiem.html")
        raise OSError(errno.ENOSPC, "No space left on device", str(failing[0]))

    from generator.mkdocs_plugin import host

    monkeypatch.setattr(host, "build", disk_full)
    code, _, err = run_dist(course, capsys)
    assert code == 1
    assert err.splitlines() == [dist_text("disk_full", path=failing[0]), dist_text("kept", site=course / "site")]
    assert tree(course / "site") == before and dotfiles(course) == []
    assert sorted((course / "dist").iterdir()) == zips


@pytest.mark.parametrize("where", ["mkstemp", "writestr"])
def test_no_permission_or_a_full_disk_while_packing_is_a_clean_message(tmp_path, capsys, monkeypatch, where):
    course = mini_course(tmp_path / "course")
    out = course / "dist"
    if where == "mkstemp":
        mkstemp = tempfile.mkstemp

        def refuse(*args, **kwargs):  # only in the zip's folder (images are prepared with mkstemp too)
            if Path(kwargs.get("dir", "")) == out:
                raise PermissionError(errno.EACCES, "Permission denied", str(out))
            return mkstemp(*args, **kwargs)

        monkeypatch.setattr(dist.tempfile, "mkstemp", refuse)
        expected = dist_text("no_permission", path=out)
    else:
        writestr, calls = zipfile.ZipFile.writestr, []

        def fill_up(self, name, data, *args, **kwargs):
            calls.append(name)
            if len(calls) > 5:
                raise OSError(errno.ENOSPC, "No space left on device")
            return writestr(self, name, data, *args, **kwargs)

        monkeypatch.setattr(zipfile.ZipFile, "writestr", fill_up)
        expected = dist_text("disk_full", path=out)
    code, _, err = run_dist(course, capsys)
    assert (code, err.splitlines()) == (1, [expected])  # the new site is in place: no "kept" line
    assert (course / "site" / "index.html").is_file()
    assert [p.name for p in out.iterdir()] == [dist.ONEFILE_FOLDER]  # no zip, not even a temporary one


@pytest.mark.parametrize(
    "name, shown, chars",
    [
        ("a\\b.svg", "a\\b.svg", "\\"),
        ("a\nb.svg", "a\\nb.svg", "\\n"),
        ("chu\x07y.svg", "chu\\x07y.svg", "\\x07"),
        ("a:b?.svg", "a:b?.svg", ": ?"),
    ],
)
def test_a_file_name_a_usb_stick_cannot_hold_is_refused_by_name(tmp_path, capsys, name, shown, chars):
    # Refused rather than escaped: FAT/exFAT sticks and Windows cannot hold such a name at all, so
    # no package with it could be copied and checked where learners are.
    course = mini_course(tmp_path / "course")
    assert run_dist(course, capsys)[0] == 0
    before = tree(course / "site")
    (course / "content" / "4-an-toan" / "img" / name).write_text(SVG, encoding="utf-8")
    code, _, err = run_dist(course, capsys)
    assert code == 1
    assert err.splitlines() == [
        dist_text("bad_name", path=f"4-an-toan/img/{shown}", chars=chars),
        dist_text("kept", site=course / "site"),
    ]
    assert tree(course / "site") == before and dotfiles(course) == []


# --- the USB zip and its checksums -------------------------------------------------------------


def test_zip_holds_the_site_the_one_file_editions_the_readme_and_checksums(packed):
    with zipfile.ZipFile(packed.zip) as z:
        names = set(z.namelist())
        sums = z.read(f"{packed.top}/{dist.CHECKSUMS}").decode("utf-8")
        readme = z.read(f"{packed.top}/{dist.README}")
        digests = {n[len(packed.top) + 1 :]: hashlib.sha256(z.read(n)).hexdigest() for n in names}
    expected = (
        {f"khoa-hoc/{name}" for name in tree(packed.site)}
        | {f"mot-tep/{p.name}" for p in packed.onefiles.iterdir()}
        | {dist.README, dist.CHECKSUMS}
    )
    assert names == {f"{packed.top}/{name}" for name in expected}
    assert "khoa-hoc/index.html" in expected and "khoa-hoc/sw.js" in expected
    assert {"mot-tep/hocvuso-1-thong-tin.html", "mot-tep/hocvuso-4-an-toan.html"} <= expected
    del digests[dist.CHECKSUMS]
    assert sums == "".join(f"{digests[n]}  {n}\n" for n in sorted(digests))
    assert readme.startswith("\ufeff".encode()) and b"\r\n" in readme and b"\n\n" not in readme.replace(b"\r\n", b"")
    text = readme.decode("utf-8")
    for words in ("TRÊN MÁY TÍNH", "TRÊN ĐIỆN THOẠI ANDROID", "khoa-hoc", "index.html", "mot-tep", "Khóa thử"):
        assert words in text


@pytest.mark.skipif(not shutil.which("sha256sum"), reason="coreutils sha256sum not installed")
def test_sha256sum_accepts_the_checksum_file(packed, tmp_path):
    folder = unpacked(packed, tmp_path)
    run = subprocess.run(["sha256sum", "--quiet", "-c", dist.CHECKSUMS], cwd=folder, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_verify_accepts_an_intact_copy_and_the_zip(packed, tmp_path, capsys):
    folder = unpacked(packed, tmp_path)
    count = len(tree(folder)) - 1
    code = dist.fingerprint((folder / dist.CHECKSUMS).read_bytes())
    # The unpacked folder, the folder it was unpacked into, and the zip itself.
    for path, root in ((folder, folder), (tmp_path, folder), (packed.zip, f"{packed.zip}:{packed.top}/")):
        assert main(["verify", str(path)]) == 0
        # One line saying what it found, with the code to compare with the USB label; not the
        # `dist` instruction to write the code on the label.
        assert capsys.readouterr().out.splitlines() == [dist_text("verify_ok", count=count, root=root, code=code)]


def test_verify_names_the_changed_missing_and_extra_files(packed, tmp_path, capsys):
    folder = unpacked(packed, tmp_path)
    lesson = folder / "khoa-hoc" / "4-an-toan" / "01-mat-khau.html"
    lesson.write_bytes(lesson.read_bytes().replace("Không ai cả".encode(), "Nhân viên".encode()))
    (folder / "khoa-hoc" / "assets" / "hocvuso" / "hocvuso.js").unlink()
    (folder / "khoa-hoc" / "qua-tang.html").write_text("<a href='http://lua.dao'>Nhận quà</a>", encoding="utf-8")
    (folder / "khoa-hoc" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1" + bytes(100))  # Finder's own file
    # Named like OS clutter but holding a page: unexpected, not waved through as clutter.
    (folder / "khoa-hoc" / "._qua-tang.html").write_text("<script>alert(1)</script>", encoding="utf-8")

    assert main(["verify", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    code = dist.fingerprint((folder / dist.CHECKSUMS).read_bytes())
    assert lines == [
        dist_text("verify_missing", path="khoa-hoc/assets/hocvuso/hocvuso.js"),
        dist_text("verify_changed", path="khoa-hoc/4-an-toan/01-mat-khau.html"),
        dist_text("verify_extra", path="khoa-hoc/._qua-tang.html"),
        dist_text("verify_extra", path="khoa-hoc/qua-tang.html"),
        dist_text("verify_clutter", path="khoa-hoc/.DS_Store"),
        dist_text("verify_bad", missing=1, changed=1, extra=2, root=folder, code=code),
    ]


def test_verify_finds_a_tampered_or_missing_member_in_a_zip(packed, tmp_path):
    tampered = tmp_path / "tampered.zip"
    changed, dropped = f"{packed.top}/khoa-hoc/index.html", f"{packed.top}/DOC-TRUOC.txt"
    with zipfile.ZipFile(packed.zip) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            if info.filename != dropped:
                data = src.read(info)
                dst.writestr(info, data + b"<!-- -->" if info.filename == changed else data)
    result = verify.verify(tampered)
    assert (result.missing, result.changed, result.extra) == (["DOC-TRUOC.txt"], ["khoa-hoc/index.html"], [])


def test_verify_explains_what_it_cannot_check(tmp_path, capsys):
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("no_checksums", path=tmp_path)
    (tmp_path / dist.CHECKSUMS).write_text(f"{'0' * 64}  a.html\nkhông phải mã\n", encoding="utf-8")
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("bad_checksum_line", line=2)
    (tmp_path / dist.CHECKSUMS).write_text(f"{'0' * 64}  ../../etc/passwd\n", encoding="utf-8")
    assert main(["verify", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == dist_text("bad_checksum_line", line=1)


# --- the service worker --------------------------------------------------------------------------


def test_service_worker_lists_every_file_a_page_can_load(packed):
    site = tree(packed.site)
    expected = sorted(
        name
        for name in site
        if name != "sw.js"
        and not name.endswith(".map")
        and not name.startswith(("sitemap.xml", "phieu/"))
        and name not in ("bao-cao.html", "lop-hoc.html")
    )
    assert sw_files(packed.site) == expected
    assert "4-an-toan/img/khoa.svg" in expected and "assets/hocvuso/hocvuso.js" in expected
    # what the results page fetches only when needed is kept offline all the same
    assert {"assets/hocvuso/course.js", "assets/hocvuso/vendor/qrcode.js"} <= set(expected)
    assert "404.html" in expected  # answers offline for any page not kept
    # The teachers' worksheets and coverage report are built but not downloaded to phones (issue 14).
    assert {"phieu/4-an-toan/01-mat-khau.html", "phieu/4-an-toan/index.html", "bao-cao.html"} <= set(site)
    assert not any(name in sw_files(packed.site) for name in ("phieu/4-an-toan/01-mat-khau.html", "bao-cao.html"))


def test_service_worker_version_follows_the_content(packed, tmp_path):
    site = shutil.copytree(packed.site, tmp_path / "site")
    version = re.compile(r'var VERSION = "([0-9a-f]{16})";')
    first = version.search(dist.service_worker(site)).group(1)
    assert version.search(dist.service_worker(site)).group(1) == first
    (site / "4-an-toan" / "01-mat-khau.html").write_text("sửa", encoding="utf-8")
    assert version.search(dist.service_worker(site)).group(1) != first
    assert "unregister" in dist.service_worker(site, serving=True)


def test_every_page_registers_the_root_service_worker_only_over_http(packed):
    """page.js registers the worker at the site's root, found from the script's own address, only
    over http(s) (the browser tests see it done): in bundle.js on learner pages, alone on the owners'."""
    loads = re.compile(r'<script src="([^"]*assets/hocvuso/(?:bundle|page)\.js)"')
    pages = [name for name in tree(packed.site) if name.endswith(".html") and name != "404.html"]
    assert len(pages) >= 8
    for page in pages:
        match = loads.search((packed.site / page).read_text(encoding="utf-8"))
        assert match, page
        assert normpath(join(dirname(page), match.group(1))) in ("assets/hocvuso/bundle.js", "assets/hocvuso/page.js")
    for name in ("bundle.js", "page.js"):
        code = (packed.site / "assets/hocvuso" / name).read_text(encoding="utf-8")
        assert "if (!me || !/^https?:$/.test(location.protocol)) return;" in code, name
        assert 'navigator.serviceWorker.register(root + "sw.js")' in code, name


# --- the one-file edition -----------------------------------------------------------------------


def test_one_file_edition_loads_nothing_and_every_link_lands(packed):
    files = {p.name: p.read_text(encoding="utf-8") for p in packed.onefiles.iterdir()}
    assert sorted(files) == ["hocvuso-1-thong-tin.html", "hocvuso-4-an-toan.html"]
    ids = {name: re.findall(r'\sid="([^"]+)"', html) for name, html in files.items()}
    for name, html in files.items():
        assert len(ids[name]) == len(set(ids[name])), f"{name}: duplicate ids"
        assert not re.search(r"<link\b|<script\b[^>]*\ssrc=|<iframe\b", html), name
        assert all(src.startswith("data:") for src in re.findall(r'\ssrc="([^"]*)"', html)), name
        assert "var HVS_SITE" in html and ".hvs-q" in html  # the site's final script and the quiz styles
        # The course data for the progress box: this area's lessons only, so files stay small.
        lessons = re.search(r'var HVS_COURSE = .*?"lessons":\{(.*?)\},"competencies"', html).group(1)
        assert re.findall(r'"(\d-[a-z-]+)/', lessons) == [name[8:-5]] * lessons.count('"title"'), name
        for href in re.findall(r'\shref="([^"]*)"', html):
            target, _, anchor = href.partition("#")
            if re.match(r"https?:|mailto:|tel:", href):
                continue
            assert (target or name) in files and anchor in ids[target or name], f"{name}: {href}"
    safety = files["hocvuso-4-an-toan.html"]
    assert '"4-an-toan/01-mat-khau.md":{"title":"Mật khẩu và mã OTP"' in safety
    assert re.search(r'<img alt="Ổ khóa" src="data:image/svg\+xml;base64,', safety)
    assert 'href="hocvuso-1-thong-tin.html#hvs-1-thong-tin-01-tim-kiem"' in safety
    # Both lessons have a heading `ma-otp-la-gi`: each gets its section's prefix, and links follow.
    assert 'href="#hvs-4-an-toan-01-mat-khau-ma-otp-la-gi">mã OTP</a>' in safety
    assert 'id="hvs-4-an-toan-02-cuoc-goi-lua-dao-ma-otp-la-gi"' in safety
