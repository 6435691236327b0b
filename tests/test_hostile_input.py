"""Hostile and broken input the static corpus cannot hold (issue 13): symbolic links, devices, pipes,
huge files, deep nesting, stray pages, and text that made the checks quadratic.

Each case expects a clean outcome: a Vietnamese `path:line` message and a non-zero exit, never a
traceback, never a hang. Timing-free: a run that would take minutes if it were quadratic (or read
a device forever) is stopped by a generous subprocess timeout, which fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tools import make_course, problem_lines
from generator import safefile, yamlread
from generator.loader import Project, load

ROOT = Path(__file__).parent.parent
LESSON = "content/4-an-toan/01-mat-khau.md"
QUIZ = "quizzes/4-an-toan/01-mat-khau.yml"
GENEROUS = 120  # seconds; the linear runs below take a few seconds on a loaded machine


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=GENEROUS)


def check(course: Path) -> subprocess.CompletedProcess:
    return _run(["-m", "generator.cli", "check"], course)


def build(course: Path, site: Path) -> subprocess.CompletedProcess:
    return _run(["-m", "mkdocs", "build", "-q", "-f", str(course / "mkdocs.yml"), "-d", str(site)], course)


def _clean_failure(result: subprocess.CompletedProcess, *expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for line in expected:
        assert line in output, output


SYMLINK = "liên kết tắt (symlink)"


# --- symbolic links and special files --------------------------------------------------------------


def test_symlink_to_a_system_file_is_refused_and_never_published(tmp_path):
    course = make_course(None, tmp_path / "course")
    (course / "content/img").mkdir()
    (course / "content/img/p.txt").symlink_to("/etc/passwd")
    assert problem_lines(course) == [f"content/img/p.txt:1: {safefile._msg('symlink', target='/etc/passwd')}"]
    _clean_failure(check(course), "content/img/p.txt:1:", SYMLINK)
    site = tmp_path / "site"
    _clean_failure(build(course, site), "content/img/p.txt:1:")
    assert not (site / "img" / "p.txt").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_symlink_to_a_device_is_refused_without_reading_it(tmp_path):
    course = make_course(None, tmp_path / "course")
    lesson = course / LESSON
    lesson.unlink()
    lesson.symlink_to("/dev/zero")  # read whole, it never ends
    (course / "content/img").mkdir()
    (course / "content/img/zero.png").symlink_to("/dev/zero")
    _clean_failure(check(course), f"{LESSON}:1:", "content/img/zero.png:1:", SYMLINK)
    _clean_failure(build(course, tmp_path / "site"), "content/img/zero.png:1:")


def test_symlink_loop_is_a_clean_error_in_check_and_build(tmp_path):
    course = make_course(None, tmp_path / "course")
    (course / "content/img").mkdir()
    (course / "content/img/vong").symlink_to("vong")  # points at itself
    (course / "content/4-an-toan/ban-sao").symlink_to("..")  # a folder that contains itself
    result = check(course)
    _clean_failure(result, "content/img/vong:1:", "content/4-an-toan/ban-sao:1:")
    _clean_failure(build(course, tmp_path / "site"), "content/img/vong:1:")


def test_symlinked_quiz_folder_file_and_framework_are_refused(tmp_path):
    course = make_course(None, tmp_path / "course")
    real = tmp_path / "elsewhere.yml"
    (course / QUIZ).rename(real)
    (course / QUIZ).symlink_to(real)
    framework = course / "framework.yml"
    framework.rename(tmp_path / "framework.yml")
    framework.symlink_to(tmp_path / "framework.yml")
    lines = problem_lines(course)
    assert f"{QUIZ}:1: {safefile._msg('symlink', target=str(real))}" in lines
    assert any(line.startswith("framework.yml:1:") and SYMLINK in line for line in lines)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    course = make_course(None, tmp_path / "course")
    (course / "content/img").mkdir()
    os.mkfifo(course / "content/img/ong.png")
    lesson = course / "content/4-an-toan/03-ong.md"
    os.mkfifo(lesson)  # opening it for reading would wait forever
    message = safefile._msg("not_regular_file")
    lines = problem_lines(course)
    assert f"content/img/ong.png:1: {message}" in lines
    assert f"content/4-an-toan/03-ong.md:1: {message}" in lines
    _clean_failure(check(course), "content/img/ong.png:1:")


# --- size caps -------------------------------------------------------------------------------------


def test_a_50_mb_quiz_is_refused_before_it_is_read(tmp_path):
    course = make_course(None, tmp_path / "course")
    with open(course / QUIZ, "r+b") as quiz:
        quiz.truncate(50_000_000)  # sparse: costs no disk, but reading it would
    result = check(course)
    _clean_failure(result, f"{QUIZ}:1: lỗi: {safefile._msg('file_too_large', size='50,0 MB', limit='2,0 MB')}")


def test_an_oversized_lesson_is_refused(tmp_path):
    course = make_course(None, tmp_path / "course")
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "Chữ. " * 250_000, encoding="utf-8")
    assert [line for line in problem_lines(course) if line.startswith(LESSON)] == [
        f"{LESSON}:1: {safefile._msg('file_too_large', size='1,8 MB', limit='1,0 MB')}"
    ]


def test_a_huge_prompt_is_refused_with_its_line(tmp_path):
    course = make_course(None, tmp_path / "course")
    quiz = course / QUIZ
    head, rest = quiz.read_text(encoding="utf-8").split("prompt:", 1)
    quiz.write_text(head + "prompt: " + "Ai " * 500_000 + "\n" + rest.split("\n", 1)[1], encoding="utf-8")
    line = head.count("\n") + 1
    assert [p for p in problem_lines(course) if p.startswith(QUIZ)] == [
        f"{QUIZ}:{line}: nội dung ở dòng này quá dài (quá 10.000 ký tự). "
        "Hãy viết ngắn lại, hoặc chia thành nhiều câu hỏi hay nhiều đoạn."
    ]


# --- YAML shapes that crashed or exhausted the loader -------------------------------------------------


@pytest.mark.parametrize(
    "nesting", ["[" * 100_000, "- " * 30_000 + "x", "{a: " * 20_000], ids=["flow", "dashes", "mappings"]
)
def test_deep_nesting_is_a_located_error_not_a_crash(tmp_path, nesting):
    # libyaml's composer recursed once per level and killed the process at 100 000 levels (SIGSEGV);
    # PyYAML's raised RecursionError at 600.
    course = make_course(None, tmp_path / "course")
    (course / QUIZ).write_text("questions:\n  - id: a\n    prompt: " + nesting + "\n", encoding="utf-8")
    result = check(course)
    _clean_failure(result, f"{QUIZ}:")
    assert "quá sâu" in result.stdout or "YAML viết sai" in result.stdout, result.stdout


def test_deep_nesting_in_front_matter_is_refused_at_its_line():
    with pytest.raises(yamlread.YamlSyntaxError) as error:
        yamlread.read_yaml("title: x\nobjectives:\n" + "".join("  " * i + "- \n" for i in range(1, 80)), "f.md", 2)
    assert str(error.value.problem).startswith("f.md:")
    assert "quá 50 tầng" in error.value.problem.message


def test_nesting_within_the_limit_still_loads():
    doc, _ = yamlread.read_yaml("a: " + "[" * 49 + "1" + "]" * 49, "f.yml")
    value = doc.data["a"]
    for _ in range(48):
        value = value[0]
    assert value == ["1"]


def test_aliases_keep_their_lines_and_stay_bounded():
    doc, _ = yamlread.read_yaml("x: &o [a, b]\ny: *o\nz: [*o, *o]\n", "f.yml")
    assert doc.data == {"x": ["a", "b"], "y": ["a", "b"], "z": [["a", "b"], ["a", "b"]]}
    assert doc.line(("z", 1, 0)) == 1  # where the anchored value is written
    with pytest.raises(yamlread.YamlSyntaxError):
        yamlread.read_yaml(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg")),
            "f.yml",
        )


# --- pages the checker never sees ------------------------------------------------------------------


def test_markdown_outside_the_validated_pages_is_never_published(tmp_path):
    course = make_course(None, tmp_path / "course")
    stray = {
        "content/_nhap/bai-nhap.md": "# Nháp\n<script>window.x=1</script>\n",
        "content/img/nguon-anh.md": "Ảnh: tự chụp.\n",
        "content/assets/ghi-chu.md": "---\ntitle: [không hợp lệ\n---\n",
    }
    for rel, text in stray.items():
        (course / rel).parent.mkdir(parents=True, exist_ok=True)
        (course / rel).write_text(text, encoding="utf-8")
    (course / "content/img/anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert problem_lines(course) == []  # drafts and notes are not lessons: no error
    site = tmp_path / "site"
    result = build(course, site)
    assert result.returncode == 0, result.stderr
    for rel in stray:
        page = Path(rel).relative_to("content").with_suffix(".html")
        assert not (site / page).exists(), page
        assert not (site / Path(rel).relative_to("content")).exists()
    assert (site / "img/anh.png").is_file()  # assets are still published
    assert (site / "4-an-toan/01-mat-khau.html").is_file()


def test_excluded_keeps_validated_pages_and_plain_assets(tmp_path):
    docs = tmp_path / "content"
    (docs / "4-an-toan").mkdir(parents=True)
    (docs / "4-an-toan/01-a.md").write_text("x", encoding="utf-8")
    (docs / "4-an-toan/02-b.md").write_text("x", encoding="utf-8")
    (docs / "img").mkdir()
    (docs / "img/a.png").write_bytes(b"png")
    (docs / "img/link.png").symlink_to(docs / "img/a.png")
    (docs / "linked").symlink_to(docs / "img")
    pages = {"4-an-toan/01-a.md"}
    assert not safefile.excluded(docs, "4-an-toan/01-a.md", pages)
    assert safefile.excluded(docs, "4-an-toan/02-b.md", pages)  # not validated
    assert not safefile.excluded(docs, "img/a.png", pages)
    assert safefile.excluded(docs, "img/link.png", pages)
    assert safefile.excluded(docs, "linked/a.png", pages)  # through a linked folder
    assert safefile.excluded(docs, "img/gone.png", pages)


# --- linear-time scanning --------------------------------------------------------------------------

# Lines that made `hocvuso check` quadratic (or worse) before: runs of brackets, tags, marks, spaces.
HOSTILE_LINES = {
    "ngoac-vuong": "[" * 200_000,
    "nho-hon": "<" * 200_000,
    "the-img": "<img " * 40_000,
    "lien-ket-mo": "[a](" * 50_000,
    "tham-chieu": "[a][" * 50_000,
    "thuoc-tinh": "{." * 100_000,
    "cham-than": "!" * 200_000 + "x",
    "dau-cham": "." * 200_000 + "x",
    "gach-ngang": "-" * 200_000,
    "dau-huyen": "`" * 200_000,
    "cap-dau-huyen": "``a" * 60_000,
    "tieu-de-dau-cach": "# a" + " " * 200_000 + "b",
    "bang-dau-cach": " " * 200_000 + "x",
    "img-gach": '<img alt="a" ' + "-" * 200_000 + ">",
}


def test_check_is_linear_on_hostile_lines(tmp_path):
    course = make_course(None, tmp_path / "course")
    (course / "glossary.yml").write_text(
        "terms:\n  - term: mã OTP\n    explanation: Mã dùng một lần.\njargon: [Wi-Fi, tài khoản]\n", encoding="utf-8"
    )
    template = (course / LESSON).read_text(encoding="utf-8").split("---\n")[1]
    for number, (name, line) in enumerate(HOSTILE_LINES.items(), start=10):
        (course / f"content/4-an-toan/{number}-{name}.md").write_text(
            f"---\n{template}---\nMở đầu.\n\n{line}\n\nKết thúc.\n", encoding="utf-8"
        )
    result = check(course)  # times out (fails) if any scan is quadratic: 200 KB took over 10 minutes
    assert "Traceback" not in result.stderr, result.stderr
    assert f"{len(HOSTILE_LINES) + 3} bài học" in result.stderr, result.stderr


def test_load_reports_nothing_new_for_the_clean_course(tmp_path):
    report = load(Project(make_course(None, tmp_path / "course")))
    assert report.problems == []
