"""Media for cheap phones (generator/media.py, images.py, media_check.py): photos prepared at build
within the budget, in the site and in the one-file edition, originals untouched, a rebuild that
reprocesses nothing; lazy images with their size; SVG minified; video and audio attributes and
captions; long clips linked from the one-file edition; the rules `check` applies; report's bytes."""

from __future__ import annotations

import base64
import hashlib
import math
import os
import re
import struct
import wave
from pathlib import Path

import pytest

from generator import images, media
from generator.cli import main
from generator.loader import Project
from generator.messages import set_language, ui
from generator.review import check
from inprocess import build as build_inprocess
from site_tools import lesson_md, write_course

set_language("vi")
PAGE = "2-giao-tiep/01-anh.md"
BODY = (
    "Ảnh chụp màn hình đầu tiên:\n\n![Màn hình điện thoại](img/photo.jpg)\n\n"
    "![Hình vẽ ổ khóa](img/khoa.svg)\n\n![Ảnh thứ ba](img/nho.png)\n\n[Xem ảnh lớn](img/photo.jpg)\n"
)
SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Vẽ bằng Inkscape -->\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">\n    <metadata>rdf rdf rdf</metadata>\n'
    '    <rect width="200" height="100" fill="#283593"/>\n    <text x="10" y="50">Khóa  màn hình</text>\n</svg>\n'
)


def noise_photo(path: Path, size=(2000, 1500)) -> None:
    """A 3–4 MB JPEG: random pixels do not compress, like the worst phone photo."""
    from PIL import Image

    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, quality=95)


def tone(path: Path, seconds: float, rate: int = 8000) -> None:
    """A WAV file of a 440 Hz tone (what Chromium plays from file:// in the browser tests)."""
    frames = b"".join(
        struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(int(rate * seconds))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)


def state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture(scope="module")
def photo_course(tmp_path_factory):
    """A course with a 3.5 MB photo, an SVG and a small PNG, packed once by `hocvuso dist`."""
    from PIL import Image

    course = write_course(tmp_path_factory.mktemp("media") / "course", {PAGE: lesson_md("Ảnh", BODY, "2")})
    img = course / "content" / "2-giao-tiep" / "img"
    img.mkdir()
    noise_photo(img / "photo.jpg")
    (img / "khoa.svg").write_text(SVG, encoding="utf-8")
    Image.new("RGB", (300, 200), "#2e7d32").save(img / "nho.png")
    before = {p.name: state(p) for p in img.iterdir()}
    assert 3_000_000 < (img / "photo.jpg").stat().st_size < 4_500_000
    assert main(["--root", str(course), "dist"]) == 0
    return course, before


def test_photo_is_under_budget_in_the_site_and_the_one_file_edition(photo_course):
    course, before = photo_course
    site_img = course / "site" / "2-giao-tiep" / "img"
    shipped = sorted(p.name for p in site_img.iterdir())
    assert shipped == ["khoa.svg", "nho.webp", "photo-480.webp", "photo.webp"]  # no original JPEG/PNG
    assert all(p.stat().st_size <= images.BUDGET for p in site_img.iterdir())
    onefile = (course / "dist" / "mot-tep" / "hocvuso-2-giao-tiep.html").read_text(encoding="utf-8")
    embedded = [base64.b64decode(data) for data in re.findall(r'src="data:image/[a-z+]+;base64,([^"]+)"', onefile)]
    assert len(embedded) == 3 and all(len(data) <= images.BUDGET for data in embedded)
    assert "srcset" not in onefile  # one copy of each image in the file
    # The teacher's originals: same bytes, not even touched.
    img = course / "content" / "2-giao-tiep" / "img"
    assert {p.name: state(p) for p in img.iterdir()} == before


def test_images_get_their_size_lazy_loading_and_a_small_copy(photo_course):
    course, _ = photo_course
    html = (course / "site" / "2-giao-tiep" / "01-anh.html").read_text(encoding="utf-8")
    tags = re.findall(r"<img\b[^>]*>", html)
    photo, svg, png = (
        next(t for t in tags if f'alt="{alt}"' in t) for alt in ("Màn hình điện thoại", "Hình vẽ ổ khóa", "Ảnh thứ ba")
    )
    assert 'src="img/photo.webp"' in photo and re.search(
        r'srcset="img/photo-480.webp 480w, img/photo.webp \d+w"', photo
    )
    width, height = (int(re.search(rf'{a}="(\d+)"', photo).group(1)) for a in ("width", "height"))
    assert width <= images.MAX_WIDTH and abs(width / height - 2000 / 1500) < 0.01
    assert "loading=" not in photo  # the first picture is on the first screen
    assert 'width="200" height="100"' in svg and 'loading="lazy"' in svg
    assert 'src="img/nho.webp" ' in png and 'width="300" height="200"' in png and "srcset" not in png
    assert 'href="img/photo.webp"' in html and "photo.jpg" not in html


def test_svg_is_minified_not_rasterised(photo_course):
    course, _ = photo_course
    shipped = (course / "site" / "2-giao-tiep" / "img" / "khoa.svg").read_text(encoding="utf-8")
    assert "<!--" not in shipped and "metadata" not in shipped and "<?xml" not in shipped
    assert '<text x="10" y="50">Khóa  màn hình</text>' in shipped
    assert len(shipped) < len(SVG)


def test_report_prints_bytes_before_and_after(photo_course, capsys):
    course, _ = photo_course
    assert main(["--root", str(course), "report"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Hình ảnh:"))
    assert re.search(r"3 tệp, 3,\d MB .* → \d+ KB", line), line


def test_rebuild_reprocesses_nothing_and_a_changed_image_once(photo_course, tmp_path):
    course, _ = photo_course
    start = images.encodes
    build_inprocess(course / "mkdocs.yml", tmp_path / "again")
    assert images.encodes == start  # every image came from the cache
    assert (tmp_path / "again" / "2-giao-tiep" / "img" / "photo.webp").stat().st_size <= images.BUDGET
    from PIL import Image

    Image.new("RGB", (320, 200), "#c62828").save(course / "content" / "2-giao-tiep" / "img" / "nho.png")
    build_inprocess(course / "mkdocs.yml", tmp_path / "changed")
    assert images.encodes == start + 1


def test_prepare_applies_the_phone_rotation(tmp_path):
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90°": how phones store a portrait photo
    Image.new("RGB", (1200, 800), "white").save(tmp_path / "doc.jpg", exif=exif)
    prepared = images.prepare(tmp_path / "doc.jpg", tmp_path / "cache")
    assert (prepared.main.width, prepared.main.height) == (800, 1200)


def _course_with(tmp_path, body: str, front: str = "") -> Path:
    text = lesson_md("Bài có video", body, "2").replace("duration: 5\n", f"duration: 5\n{front}")
    return write_course(tmp_path / "course", {PAGE: text})


def test_video_is_shipped_with_captions_controls_and_no_autoplay(tmp_path):
    course = _course_with(tmp_path, '<video src="phim.webm" autoplay poster="img/bia.png"></video>\n')
    folder = course / "content" / "2-giao-tiep"
    (folder / "phim.webm").write_bytes(b"\x1a\x45\xdf\xa3" + bytes(100))
    (folder / "phim.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n", encoding="utf-8")
    (folder / "img").mkdir()
    from PIL import Image

    Image.new("RGB", (640, 360), "#283593").save(folder / "img" / "bia.png")
    build_inprocess(course / "mkdocs.yml", tmp_path / "site")
    html = (tmp_path / "site" / "2-giao-tiep" / "01-anh.html").read_text(encoding="utf-8")
    video = re.search(r"<video\b[^>]*>.*?</video>", html).group(0)
    assert "autoplay" not in video and " controls" in video and 'preload="none"' in video
    assert 'poster="img/bia.webp"' in video
    track = re.search(
        r'<track src="data:text/vtt;base64,([^"]+)" kind="captions" srclang="vi" label="[^"]+" default>', video
    )  # in the page: Chrome does not load a caption file from file://
    assert base64.b64decode(track.group(1)) == (folder / "phim.vtt").read_bytes()
    assert 'src="../assets/hocvuso/media.js"' in html  # pages with media load the player, others do not
    other = (tmp_path / "site" / "1-thong-tin" / "01-tim-kiem.html").read_text(encoding="utf-8")
    assert "media.js" not in other and "media.css" not in other


def test_check_names_the_media_mistakes(tmp_path, capsys):
    body = (
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n<video src="lon.mp4"></video>\n\n'
        '<video controls>\n  <source src="//cdn.example.com/a.mp4">\n</video>\n'
    )
    course = _course_with(tmp_path, body, front="audio: ../../ngoai.mp3\n")
    big = course / "content" / "2-giao-tiep" / "lon.mp4"
    with big.open("wb") as f:
        f.truncate(media.VIDEO_WARN + 2_000_000)  # sparse: large without writing 20 MB
    assert main(["--root", str(course), "check"]) == 1
    out = capsys.readouterr().out
    lesson = f"content/{PAGE}"
    assert f"{lesson}:9: lỗi: thẻ `<iframe>` lấy nội dung từ trang khác (`https://www.youtube.com/embed/abc`)" in out
    assert f"{lesson}:14: lỗi: thẻ `<source>` lấy nội dung từ trang khác" in out
    assert f"{lesson}:7: lỗi: `audio: ../../ngoai.mp3` phải là tệp ghi âm nằm trong thư mục `content/`" in out
    assert f"{lesson}:11: cảnh báo: tệp `2-giao-tiep/lon.mp4` nặng 22,0 MB, quá mức nên dùng (20,0 MB)" in out
    assert f"{lesson}:11: cảnh báo: video `lon.mp4` chưa có phụ đề tiếng Việt" in out
    assert "a.mp4` chưa có phụ đề" not in out  # another site's video: the error is enough


def test_check_warns_about_a_heavy_image_it_cannot_shrink(tmp_path):
    course = _course_with(tmp_path, "![Ảnh động](img/dong.gif)\n")
    (course / "content" / "2-giao-tiep" / "img").mkdir()
    (course / "content" / "2-giao-tiep" / "img" / "dong.gif").write_bytes(b"GIF89a" + bytes(2 * images.BUDGET))
    warned = [p for p in check(Project(course)).warnings if p.path.endswith("dong.gif")]
    assert [p.message.split(",")[0] for p in warned] == ["hình này nặng 300 KB"]


def test_narration_must_exist_and_warns_when_large(tmp_path):
    course = _course_with(tmp_path, "Bài đọc.\n", front="audio: 01-anh.m4a\n")
    report = check(Project(course))
    assert [(p.line, p.message.split(" (")[0]) for p in report.problems] == [
        (7, "không tìm thấy tệp ghi âm `01-anh.m4a`")
    ]
    with (course / "content" / "2-giao-tiep" / "01-anh.m4a").open("wb") as f:
        f.truncate(media.AUDIO_WARN + 1)
    report = check(Project(course))
    assert not report.problems
    assert any(p.line == 7 and "01-anh.m4a" in p.message and "MB" in p.message for p in report.warnings)


def test_one_file_edition_links_long_audio_and_inlines_short_clips(tmp_path):
    course = _course_with(tmp_path, 'Nghe đoạn ngắn:\n\n<audio src="ngan.wav"></audio>\n', front="audio: 01-anh.wav\n")
    folder = course / "content" / "2-giao-tiep"
    tone(folder / "ngan.wav", 1)
    tone(folder / "01-anh.wav", 70)  # 1.1 MB: more than the one-file edition carries
    assert (folder / "01-anh.wav").stat().st_size > media.LARGE_MEDIA
    assert main(["--root", str(course), "onefile", "--out", str(tmp_path / "one")]) == 0
    html = (tmp_path / "one" / "hocvuso-2-giao-tiep.html").read_text(encoding="utf-8")
    assert re.search(r'<audio src="data:audio/wav;base64,[^"]+"', html)  # the short clip, inside
    note = re.search(r'<p class="hvs-media-away"[^>]*>([^<]*)<a href="([^"]+)">01-anh.wav</a></p>', html)
    assert note and note.group(2) == "../khoa-hoc/2-giao-tiep/01-anh.wav"
    assert note.group(1).strip() == ui("media.onefile_away", folder="khoa-hoc")
    assert "hvsMedia" in html  # the player's script came along, the file loads nothing else


def test_the_service_worker_does_not_precache_large_media(tmp_path):
    from dist_tools import sw_files

    course = _course_with(tmp_path, '<audio src="ngan.wav"></audio>\n', front="audio: 01-anh.wav\n")
    folder = course / "content" / "2-giao-tiep"
    tone(folder / "ngan.wav", 1)
    tone(folder / "01-anh.wav", 70)
    build_inprocess(course / "mkdocs.yml", tmp_path / "site")
    from generator import dist

    dist.write_service_worker(tmp_path / "site")  # as the build does, after the other plugins
    files = sw_files(tmp_path / "site")
    assert "2-giao-tiep/ngan.wav" in files and "2-giao-tiep/01-anh.html" in files
    assert "2-giao-tiep/01-anh.wav" not in files
    assert (tmp_path / "site" / "2-giao-tiep" / "01-anh.wav").is_file()  # still in the site and the zip


def test_large_media_is_not_precached():
    assert media.precache_excluded("2-giao-tiep/phim.mp4", media.LARGE_MEDIA + 1)
    assert not media.precache_excluded("2-giao-tiep/phim.mp4", media.LARGE_MEDIA)
    assert not media.precache_excluded("2-giao-tiep/img/photo.webp", 10 * media.LARGE_MEDIA)


def test_guide_documents_three_narration_slots_of_the_starter_course():
    root = Path(__file__).resolve().parent.parent
    guide = (root / "HUONG-DAN-BIEN-SOAN.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 16. Hình ảnh, giọng đọc và video") :]
    slots = re.findall(r"^\| `(content/[^`]+\.md)` \|", section, re.M)
    assert len(slots) >= 3 and all((root / slot).is_file() for slot in slots), slots
    from generator.messages import msg

    # The table quotes the messages as `check` prints them.
    assert msg("audio_missing", value="x", path="y").split(" `")[0] in section
    assert msg("media_foreign", tag="iframe", src="z").split(" (")[0] in section
