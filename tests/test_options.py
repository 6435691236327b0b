"""One configuration source: `hocvuso` reads `mkdocs.yml` through the plugin's own option class, so
the command line and `mkdocs build` agree; a bad option is a clear message, never a traceback."""

from __future__ import annotations

import shutil

import pytest

from corpus_tools import make_course
from generator import cli
from inprocess import BuildFailed, build


def _course(tmp_path, **replace):
    course = make_course(None, tmp_path / "course")
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    return course


def _check(course, capsys) -> tuple[int, str]:
    code = cli.main(["--root", str(course), "check"])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_check_and_build_agree_on_a_course_whose_lessons_are_not_in_content(tmp_path, capsys):
    course = _course(tmp_path, **{"docs_dir: content": "docs_dir: bai-hoc"})
    shutil.move(course / "content", course / "bai-hoc")
    code, out = _check(course, capsys)
    assert code == 0, out
    build(course / "mkdocs.yml", tmp_path / "site")
    assert (tmp_path / "site" / "4-an-toan" / "01-mat-khau.html").is_file()

    lesson = course / "bai-hoc" / "4-an-toan" / "01-mat-khau.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("level: CB1", "level: CB9"), encoding="utf-8")
    code, out = _check(course, capsys)
    assert code == 1 and "bai-hoc/4-an-toan/01-mat-khau.md:" in out and "CB9" in out, out
    code = cli.main(["--root", str(course), "build", "--site-dir", str(tmp_path / "site2")])
    out = capsys.readouterr()
    assert code == 1 and "bai-hoc/4-an-toan/01-mat-khau.md:" in out.err and "CB9" in out.err, out
    assert "Aborted" not in out.err and "Traceback" not in out.err


def test_an_unknown_language_names_the_option_and_the_choices(tmp_path, capsys):
    course = _course(tmp_path, **{"  - hocvuso\n": "  - hocvuso:\n      language: xx\n"})
    code, out = _check(course, capsys)
    assert code == 1
    assert "language: xx" in out and "vi" in out and "Traceback" not in out, out
    with pytest.raises(BuildFailed, match="language: xx"):
        build(course / "mkdocs.yml", tmp_path / "site")


def test_a_course_file_outside_the_course_folder_is_refused(tmp_path, capsys):
    course = _course(tmp_path, **{"  - hocvuso\n": "  - hocvuso:\n      framework: ../framework.yml\n"})
    code, out = _check(course, capsys)
    assert code == 1 and "../framework.yml" in out, out


def test_a_folder_that_is_not_a_course_says_so(tmp_path, capsys):
    code, out = _check(tmp_path, capsys)
    assert code == 1 and "--root" in out and "framework.yml:1" not in out, out


def _english(tmp_path):
    return _course(tmp_path, **{"  - hocvuso\n": "  - hocvuso:\n      language: en\n", "language: vi": "language: en"})


def test_language_en_builds_an_english_interface(tmp_path):
    from generator.messages import catalogue

    course = _english(tmp_path)
    build(course / "mkdocs.yml", tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    lesson = (tmp_path / "site" / "4-an-toan" / "01-mat-khau.html").read_text(encoding="utf-8")
    script = (tmp_path / "site" / "assets" / "hocvuso" / "hocvuso.js").read_text(encoding="utf-8")
    en, vi = catalogue("en"), catalogue("vi")
    assert en.text("ui", "results_title") in home and vi.text("ui", "results_title") not in home
    assert en.text("ui", "show_answer") in lesson and vi.text("ui", "show_answer") not in lesson
    assert en.text("ui", "script.check") in script and vi.text("ui", "script.check") not in script
    assert '<html lang="en"' in home


def test_language_en_reports_errors_in_english(tmp_path, capsys):
    course = _english(tmp_path)
    lesson = course / "content" / "4-an-toan" / "01-mat-khau.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("level: CB1", "level: CB9"), encoding="utf-8")
    code, out = _check(course, capsys)
    assert code == 1 and "the level `CB9` is not in the competency framework" in out, out
    with pytest.raises(BuildFailed, match="errors to fix before the site can be built"):
        build(course / "mkdocs.yml", tmp_path / "site")
