"""Recorded clips on questions and options (issue 18): the quiz schema accepts them, the loader
checks them like a lesson's narration (a Vietnamese path:line message for each mistake), the site
shows a large play button beside the prompt and the option and loads the player only then, the
worksheet leaves them out, and the audio-first switch is on every quiz, hidden until usable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import media
from generator.loader import Project
from generator.media import AUDIO
from generator.messages import msg, set_language, ui
from generator.review import check
from inprocess import build
from site_tools import lesson_md, write_course
from test_media import tone

set_language("vi")
PAGE = "2-giao-tiep/01-nghe.md"
QUIZ = "quizzes/2-giao-tiep/01-nghe.yml"
CLIPS = """\
title: Nghe và chọn
questions:
  - id: nghe-1
    type: single
    prompt: Khi có người lạ gọi hỏi mã OTP, bạn làm gì?
    audio: am-thanh/cau-1.wav
    options:
      - text: Đọc mã cho họ
        correct: false
        feedback: Không bao giờ đọc mã OTP cho ai.
        audio: am-thanh/cau-1-a.wav
      - text: Cúp máy
        correct: true
        audio: am-thanh/cau-1-b.wav
  - id: nghe-2
    type: true_false
    prompt: Ngân hàng có thể gọi hỏi mã OTP.
    audio: am-thanh/cau-2.wav
    answer: false
    feedback_true: Sai. Ngân hàng không bao giờ hỏi.
    audio_true: am-thanh/dung.wav
    audio_false: am-thanh/sai.wav
  - id: nghe-3
    type: single
    prompt: Câu này không có ghi âm.
    options:
      - {text: Có, correct: true}
      - {text: Không, correct: false, feedback: Sai.}
  - id: nghe-4
    type: ordering
    prompt: Sắp xếp các bước khi nhận cuộc gọi lạ.
    audio: am-thanh/cau-4.wav
    items: [Nghe máy, Cúp máy, Gọi lại số chính thức]
"""
NAMES = ("cau-1", "cau-1-a", "cau-1-b", "cau-2", "dung", "sai", "cau-4")


def clip_course(root: Path, quiz: str = CLIPS, names=NAMES) -> Path:
    course = write_course(root, {PAGE: lesson_md("Nghe câu hỏi", "Bài nghe.\n", "2")})
    folder = course / "content" / "2-giao-tiep" / "am-thanh"
    folder.mkdir(parents=True)
    for name in names:
        tone(folder / f"{name}.wav", 1)
    (course / QUIZ).parent.mkdir(parents=True, exist_ok=True)
    (course / QUIZ).write_text(quiz, encoding="utf-8")
    return course


@pytest.fixture(scope="module")
def clip_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("clips")
    course = clip_course(root / "course")
    build(course / "mkdocs.yml", root / "site")
    return root / "site"


def test_quiz_with_question_and_option_clips_builds_with_large_labelled_buttons(clip_site):
    html = (clip_site / "2-giao-tiep" / "01-nghe.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="hvs-clip" href="([^"]+)"[^>]*aria-label="([^"]+)"', html)
    assert links == [
        ("../2-giao-tiep/am-thanh/cau-1.wav", ui("media.clip_prompt")),
        ("../2-giao-tiep/am-thanh/cau-1-a.wav", ui("media.clip_option", letter="A")),
        ("../2-giao-tiep/am-thanh/cau-1-b.wav", ui("media.clip_option", letter="B")),
        ("../2-giao-tiep/am-thanh/cau-2.wav", ui("media.clip_prompt")),
        ("../2-giao-tiep/am-thanh/dung.wav", ui("media.clip_option", letter="A")),
        ("../2-giao-tiep/am-thanh/sai.wav", ui("media.clip_option", letter="B")),
        ("../2-giao-tiep/am-thanh/cau-4.wav", ui("media.clip_prompt")),  # any type's prompt
    ]
    for name in NAMES:  # shipped beside the lesson, as the teacher put them
        assert (clip_site / "2-giao-tiep" / "am-thanh" / f"{name}.wav").is_file()
    # The player's script and styles come with the clips, once.
    assert html.count('src="../assets/hocvuso/media.js"') == 1
    assert html.count('href="../assets/hocvuso/media.css"') == 1
    # The option's button sits beside its label, not inside it (a tap on it must not pick the option).
    assert re.search(r'<div class="hvs-option-row"><label class="hvs-option">.*?</label><a class="hvs-clip"', html)
    assert not re.search(r"<label[^>]*>(?:(?!</label>).)*hvs-clip", html, re.S)
    # The audio-first switch's row, hidden until media.js finds a clip or a voice; reader.js makes the
    # switch (its words are in the cached script, not in every lesson).
    assert '<p class="hvs-listen-row" hidden></p>' in html and "data-hvs-listen-mode" not in html


def test_a_quiz_without_clips_loads_no_player(tmp_path):
    course = write_course(tmp_path / "course", {})
    build(course / "mkdocs.yml", tmp_path / "site")
    html = (tmp_path / "site" / "4-an-toan" / "01-mat-khau.html").read_text(encoding="utf-8")
    assert "hvs-clip" not in html and 'media.js" defer' not in html
    # what reader.js loads when a voice is found: the player beside its own file
    assert 'src="../assets/hocvuso/bundle.js"' in html
    assert (tmp_path / "site" / "assets" / "hocvuso" / "media.js").is_file()


def test_worksheet_leaves_clips_out(clip_site):
    sheets = [p for p in clip_site.rglob("*.html") if "phieu" in p.as_posix() or "worksheet" in p.as_posix()]
    sheet = next(p for p in sheets if "nghe" in p.name)
    html = sheet.read_text(encoding="utf-8")
    assert "Khi có người lạ gọi hỏi mã OTP" in html
    assert "hvs-clip" not in html and ".wav" not in html


def test_quiz_clips_lists_every_clip(tmp_path):
    course = clip_course(tmp_path / "course")
    lesson = next(lesson for lesson in check(Project(course)).course.lessons if lesson.page == PAGE)
    assert media.quiz_clips(lesson.quiz) == [f"2-giao-tiep/am-thanh/{n}.wav" for n in NAMES]


def problems(course: Path) -> tuple[list[str], list[str]]:
    result = check(Project(course))
    return [str(p) for p in result.problems], [str(w) for w in result.warnings]


ALLOWED = ", ".join(sorted(AUDIO))
WHERE_1, WHERE_1B, WHERE_2 = "câu hỏi 1: ", "câu hỏi 1 › lựa chọn 2: ", "câu hỏi 2: "


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        (
            "audio: am-thanh/cau-1.wav",
            "audio: am-thanh/khong-co.wav",
            6,
            msg(
                "clip_missing",
                where=WHERE_1,
                field="audio",
                value="am-thanh/khong-co.wav",
                path="content/2-giao-tiep/am-thanh/khong-co.wav",
            ),
        ),
        (
            "        audio: am-thanh/cau-1-b.wav",
            "        audio: ../../../ngoai.wav",
            14,
            msg("clip_outside", where=WHERE_1B, field="audio", value="../../../ngoai.wav", content="content"),
        ),
        (
            "audio_true: am-thanh/dung.wav",
            "audio_true: am-thanh/dung.txt",
            21,
            msg("clip_not_audio", where=WHERE_2, field="audio_true", value="am-thanh/dung.txt", allowed=ALLOWED),
        ),
    ],
    ids=["missing", "outside", "not-audio"],
)
def test_a_bad_clip_gives_a_path_line_message(tmp_path, old, new, line, expected):
    assert old in CLIPS
    course = clip_course(tmp_path / "course", CLIPS.replace(old, new))
    (course / "content" / "2-giao-tiep" / "am-thanh" / "dung.txt").write_text("x", encoding="utf-8")
    errors, _ = problems(course)
    assert errors == [f"{QUIZ}:{line}: {expected}"]


def test_a_long_clip_is_a_warning(tmp_path):
    course = clip_course(tmp_path / "course")
    tone(course / "content" / "2-giao-tiep" / "am-thanh" / "cau-2.wav", 40)  # 640 KB
    errors, warnings = problems(course)
    assert errors == []
    assert any(w.startswith(f"{QUIZ}:18: câu hỏi 2: tệp ghi âm `am-thanh/cau-2.wav` nặng 640 KB") for w in warnings), (
        warnings
    )


def test_schema_rejects_a_clip_on_a_field_that_has_none(tmp_path):
    course = clip_course(
        tmp_path / "course",
        CLIPS.replace("      - {text: Có, correct: true}", "      - {text: Có, correct: true, am_thanh: x.wav}"),
    )
    errors, _ = problems(course)
    assert len(errors) == 1 and "am_thanh" in errors[0]


def test_the_guide_example_of_clips_loads(tmp_path):
    guide = (Path(__file__).resolve().parent.parent / "HUONG-DAN-BIEN-SOAN.md").read_text(encoding="utf-8")
    section = guide[guide.index("### 16.3. ") : guide.index("### 16.4. ")]
    example = re.findall(r"```yaml\n(.*?)```", section, re.S)[0]
    course = write_course(tmp_path / "course", {"4-an-toan/09-nghe.md": lesson_md("Nghe", "Bài.\n", "4")})
    folder = course / "content" / "4-an-toan" / "am-thanh"
    folder.mkdir()
    for name in re.findall(r"am-thanh/([a-z-]+)\.m4a", example):
        tone(folder / f"{name}.m4a", 0.5)  # the extension is what the check reads
    (course / "quizzes" / "4-an-toan" / "09-nghe.yml").write_text("questions:\n" + example, encoding="utf-8")
    report = check(Project(course))
    assert report.problems == []
    quiz = report.course.lesson_by_page("4-an-toan/09-nghe.md").quiz
    assert len(media.quiz_clips(quiz)) == 6


def test_the_one_file_edition_carries_the_clips(tmp_path):
    from generator.cli import main

    course = clip_course(tmp_path / "course")
    assert main(["--root", str(course), "dist"]) == 0
    onefile = (course / "dist" / "mot-tep" / "hocvuso-2-giao-tiep.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a class="hvs-clip" href="([^"]*)"', onefile)
    assert len(hrefs) == 7 and all(h.startswith("data:audio/wav;base64,") for h in hrefs)
    assert "hvsMedia" in onefile  # with the script that plays them
