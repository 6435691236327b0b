"""The live preview's rebuilds (generator/incremental.py, generator/mkdocs_plugin/preview.py):
after one saved file only the pages that depend on it are made anew, and the site written is
the same, file for file, as a clean build's."""

from __future__ import annotations

import filecmp
import gzip
import logging
import os
from pathlib import Path

import pytest

from corpus_tools import make_course

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

URL = "http://127.0.0.1:8000/"
LESSON = "content/4-an-toan/01-mat-khau.md"
QUIZ = "quizzes/4-an-toan/01-mat-khau.yml"
GLOSSARY = """terms:
  - term: OTP
    explanation: Mã số dùng một lần.
  - term: mật khẩu
    explanation: Chữ và số bí mật để mở tài khoản.
"""


class Serving:
    """What `mkdocs serve` does (mkdocs/commands/serve.py): `on_startup(command="serve")` once,
    then for every change a fresh configuration and a whole build into the same folder."""

    def __init__(self, course: Path, site: Path, dirty: bool = False):
        self.course, self.site = course, site
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=dirty)
        self.plugin = config.plugins["hocvuso"]

    def _config(self):
        from mkdocs.config import load_config

        config = load_config(str(self.course / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = URL
        return config

    def build(self) -> set[str]:
        """Build; the pages made anew (the others were reused)."""
        from mkdocs.commands.build import build

        config = self._config()
        assert config.plugins["hocvuso"] is self.plugin  # MkDocs keeps a plugin that has on_startup
        build(config, serve_url=URL)
        return set(self.plugin.preview.cache.rendered)

    def save(self) -> tuple[bool, set[str]]:
        """What `mkdocs serve` does after a save, the plugin's builder in place (quick.serve): the
        quick rebuild, else a whole build. Whether it was quick, and the pages made anew."""
        from generator.mkdocs_plugin import quick

        if quick.rebuild(self.plugin):
            return True, set(self.plugin.preview.cache.rendered)
        return False, self.build()

    def close(self):
        self.plugin.on_shutdown()


@pytest.fixture
def course(tmp_path):
    course = make_course(None, tmp_path / "course")
    (course / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    return course


@pytest.fixture
def serving(course, tmp_path):
    serving = Serving(course, tmp_path / "site")
    yield serving
    serving.close()


def _same_as_clean_build(course: Path, serving: Serving, tmp_path: Path) -> None:
    """Every file of the preview's site equals a fresh preview's build of the course, and no
    file is missing or extra."""
    # MkDocs keeps one instance of the plugin per process: the clean build is that instance with
    # a new cache (`on_startup`), and the preview's own cache is put back afterwards.
    site, kept = serving.site, serving.plugin.preview
    clean = Serving(course, tmp_path / "clean")
    try:
        clean.build()
    finally:
        serving.plugin.preview = kept
    left = {p.relative_to(site) for p in site.rglob("*") if p.is_file()}
    right = {p.relative_to(clean.site) for p in clean.site.rglob("*") if p.is_file()}
    assert left == right
    for rel in sorted(left):
        if rel.suffix == ".gz":  # the gzip header holds the time it was written
            assert gzip.decompress((site / rel).read_bytes()) == gzip.decompress((clean.site / rel).read_bytes())
        else:
            assert filecmp.cmp(site / rel, clean.site / rel, shallow=False), rel


def test_one_changed_lesson_renders_its_pages_only(course, serving, tmp_path):
    first = serving.build()
    assert "4-an-toan/01-mat-khau.md" in first and "4-an-toan/02-cuoc-goi-lua-dao.md" in first
    assert serving.build() & {"4-an-toan/01-mat-khau.md", "4-an-toan/02-cuoc-goi-lua-dao.md"} == set()

    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới để thử xem trước.\n", encoding="utf-8")
    again = serving.build()
    assert "4-an-toan/01-mat-khau.md" in again and "phieu/4-an-toan/01-mat-khau.md" in again
    assert not again & {"4-an-toan/02-cuoc-goi-lua-dao.md", "1-thong-tin/01-tim-kiem.md", "phieu/4-an-toan/index.md"}
    assert "Một đoạn mới để thử xem trước." in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)


def test_a_changed_quiz_renders_its_lesson_again(course, serving, tmp_path):
    serving.build()
    quiz = course / QUIZ
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("Ai được hỏi", "Những ai được hỏi"), encoding="utf-8")
    again = serving.build()
    assert {"4-an-toan/01-mat-khau.md", "phieu/4-an-toan/index.md", "bao-cao.md"} <= again
    assert not again & {"4-an-toan/02-cuoc-goi-lua-dao.md", "tu-dien.md"}
    assert "Những ai được hỏi" in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)


@pytest.mark.parametrize("changed", ["glossary.yml", "framework.yml", "mkdocs.yml"])
def test_a_changed_glossary_framework_or_configuration_renders_every_page(course, serving, changed, tmp_path):
    first = serving.build()
    path = course / changed
    path.write_text(path.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    assert serving.build() == first
    _same_as_clean_build(course, serving, tmp_path)


def test_added_and_deleted_lessons_update_the_navigation_and_area_page(course, serving, tmp_path):
    serving.build()
    source = course / "content/4-an-toan/02-cuoc-goi-lua-dao.md"
    added = course / "content/4-an-toan/03-bai-moi.md"
    added.write_text(
        source.read_text(encoding="utf-8").replace("Cuộc gọi lừa đảo", "Bài mới hoàn toàn", 1), encoding="utf-8"
    )
    serving.build()
    area = (serving.site / "4-an-toan/index.html").read_text(encoding="utf-8")
    sibling = (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert "Bài mới hoàn toàn" in area and "03-bai-moi.html" in sibling  # in the area's list and the menu
    _same_as_clean_build(course, serving, tmp_path)

    added.unlink()
    serving.build()
    assert not (serving.site / "4-an-toan/03-bai-moi.html").exists()
    assert "Bài mới hoàn toàn" not in (serving.site / "4-an-toan/index.html").read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)


def test_an_error_shows_the_problems_page_and_the_fix_reuses_the_course(course, serving, tmp_path):
    serving.build()
    lesson = course / LESSON
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("level: CB1", "level: CB9"), encoding="utf-8")
    serving.build()
    page = (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert "Khóa học đang có 1 lỗi" in page and "CB9" in page
    lesson.write_text(good, encoding="utf-8")
    fixed = serving.build()
    assert "4-an-toan/02-cuoc-goi-lua-dao.md" not in fixed  # kept through the broken build
    assert 'class="hvs-lesson-head"' in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)


def test_a_plain_build_keeps_no_cache(course, tmp_path):
    from inprocess import build

    built = build(course / "mkdocs.yml", tmp_path / "site")
    assert built is not None
    from generator import incremental

    assert incremental.active() is None


def test_a_file_saved_while_a_build_runs_is_shown_by_the_next_build(course, serving, monkeypatch):
    """The race `mkdocs serve` runs into: the teacher saves again while a rebuild is under way."""
    from generator.mkdocs_plugin import plugin

    serving.build()
    quiz = course / QUIZ
    edited = quiz.read_text(encoding="utf-8").replace("Ai được hỏi", "Những ai được hỏi")
    load = plugin.load

    def load_then_save(project):
        report = load(project)
        quiz.write_text(edited, encoding="utf-8")  # after the build read the quiz
        return report

    monkeypatch.setattr(plugin, "load", load_then_save)
    serving.build()
    monkeypatch.setattr(plugin, "load", load)
    assert "4-an-toan/01-mat-khau.md" in serving.build()
    assert "Những ai được hỏi" in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")


def test_unchanged_files_are_moved_back_not_written_again(course, serving, tmp_path, caplog):
    """A rebuild leaves an unchanged page's file and search file as they were on disk (the same
    file, not a new one), writes the edited lesson's, and says nothing about the pages it kept."""
    serving.build()
    kept, edited = serving.site / "4-an-toan/02-cuoc-goi-lua-dao.html", serving.site / "4-an-toan/01-mat-khau.html"
    shards = sorted((serving.site / "assets/hocvuso/search").glob("d*.js"))  # a page's title and text each
    assert len(shards) >= 3
    before = {path: path.stat().st_ino for path in [kept, edited, *shards]}
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới để thử xem trước.\n", encoding="utf-8")
    caplog.clear()
    caplog.set_level(logging.INFO, logger="mkdocs")
    serving.build()
    assert "Building documentation" in caplog.text or "Cleaning site directory" in caplog.text  # INFO is seen
    assert kept.stat().st_ino == before[kept] and edited.stat().st_ino != before[edited]
    assert sum(path.stat().st_ino == before[path] for path in shards) == len(shards) - 1  # all but the lesson's
    assert "Page skipped" not in caplog.text
    assert not (serving.site / ".hvs-kept").exists()
    _same_as_clean_build(course, serving, tmp_path)


def test_a_build_that_stops_halfway_is_followed_by_a_whole_one(course, serving, tmp_path, monkeypatch):
    """A rebuild that fails after MkDocs cleaned the site leaves the last build's files in
    `.hvs-kept`: the next build trusts none of them."""
    from generator.mkdocs_plugin import preview

    serving.build()
    restore = preview.Preview._restore
    calls = []

    def fail_midway(self, path, made):
        calls.append(path)
        if len(calls) == 20:
            raise RuntimeError("stopped")
        return restore(self, path, made)

    monkeypatch.setattr(preview.Preview, "_restore", fail_midway)
    with pytest.raises(RuntimeError):
        serving.build()
    monkeypatch.setattr(preview.Preview, "_restore", restore)
    serving.build()
    assert not (serving.site / ".hvs-kept").exists()
    _same_as_clean_build(course, serving, tmp_path)


HOTSPOT = """  - id: mk-hotspot
    type: hotspot
    prompt: Chạm vào ô mật khẩu.
    image: man-hinh.svg
    alt: Màn hình đăng nhập
    regions:
      - {x: 8, y: 38, w: 84, h: 9, label: Ô mật khẩu, correct: true, feedback: Đúng.}
    explanation: Ô mật khẩu ở giữa.
"""


def test_a_quiz_is_checked_again_when_the_file_it_shows_goes(course, serving):
    """A quiz's checks are reused while nothing they read changed: the quiz's file, and also the
    content folder's files (a question's picture deleted while the quiz stays as it was)."""
    picture = course / "content/4-an-toan/man-hinh.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    quiz = course / QUIZ
    quiz.write_text(quiz.read_text(encoding="utf-8").rstrip("\n") + "\n" + HOTSPOT, encoding="utf-8")
    serving.build()
    assert "mk-hotspot" in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    picture.unlink()
    serving.build()
    page = (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert "Khóa học đang có 1 lỗi" in page and "man-hinh.svg" in page


def test_a_question_id_taken_by_another_quiz_is_found_in_the_quiz_that_did_not_change(course, serving):
    """Ids are compared across quizzes on every build, even for a quiz whose own checks are reused."""
    first = course / QUIZ
    second = course / "quizzes/4-an-toan/02-cuoc-goi-lua-dao.yml"
    text = first.read_text(encoding="utf-8")
    second.write_text(text.replace("id: mk-", "id: cg-"), encoding="utf-8")
    serving.build()
    assert "cg-single" in (serving.site / "4-an-toan/02-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    first.write_text(text.replace("id: mk-single", "id: cg-single"), encoding="utf-8")
    serving.build()
    page = (serving.site / "4-an-toan/02-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    assert "Khóa học đang có 1 lỗi" in page and "cg-single" in page and "02-cuoc-goi-lua-dao.yml" in page


def test_the_stylesheet_follows_what_the_pages_use(course, serving, tmp_path):
    """The site's stylesheet is pruned for what the pages use: a lesson that starts using an
    element no page had gets its rules back (the preview makes the stylesheet again)."""
    serving.build()
    bundle = serving.site / "assets/hocvuso/bundle.css"
    assert "kbd" not in bundle.read_text(encoding="utf-8")
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nBấm phím <kbd>Enter</kbd>.\n", encoding="utf-8")
    serving.build()
    assert "kbd" in bundle.read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)


def test_a_pages_media_checks_are_made_again_when_the_content_folder_changes(course):
    """The media checks of an unchanged page are reused only while the content folder's files are
    the same: captions added beside a video take its warning away."""
    from generator import incremental, media_check

    cache = incremental.Cache()
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + '\n<video src="v.mp4" controls></video>\n', encoding="utf-8")
    (lesson.parent / "v.mp4").write_bytes(b"0")

    def warned() -> list:
        cache.start(course, [course / "content"])
        problems, warnings = [], []
        media_check.check_pages(course, "content", problems, warnings)
        cache.finish()
        return [w for w in warnings if "v.mp4" in str(w)]

    assert warned() and warned()  # no captions, the second time from the memo
    (lesson.parent / "v.vtt").write_text("WEBVTT\n", encoding="utf-8")
    assert not warned()


def test_a_word_taken_out_of_a_lesson_leaves_the_search_index(course, serving, tmp_path):
    """The preview's search index is the last one with the changed pages' words moved: a word no
    page has any more is gone, as in a clean build."""
    from generator import search

    lesson = course / LESSON
    original = lesson.read_text(encoding="utf-8")
    lesson.write_text(original + "\nTừ hiếm xyzzyqua và mật khẩu.\n", encoding="utf-8")
    serving.build()
    shards = serving.site / search.SHARD_FOLDER
    assert "xyzzyqua" in "".join(p.read_text(encoding="utf-8") for p in shards.glob("w*.js"))
    lesson.write_text(original, encoding="utf-8")
    serving.build()
    assert "xyzzyqua" not in "".join(p.read_text(encoding="utf-8") for p in shards.glob("[wp]*.js"))
    _same_as_clean_build(course, serving, tmp_path)


def test_a_dirty_preview_keeps_every_page(course, tmp_path):
    """`mkdocs serve --dirty` does not clean the site and makes only the pages whose file is older
    than their source: the preview's moving of the last build's files aside makes it make them all
    (and move the unchanged ones back); no page goes missing."""
    from mkdocs.commands.build import build

    serving = Serving(course, tmp_path / "site", dirty=True)
    try:
        serving.build()
        lesson = course / LESSON
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
        build(serving._config(), serve_url=URL, dirty=True)
        assert (serving.site / "4-an-toan/02-cuoc-goi-lua-dao.html").is_file()
        assert "Một đoạn mới." in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    finally:
        serving.close()


def test_a_copied_file_is_copied_again_only_when_it_changed(course, serving, tmp_path):
    """A file of the content folder shipped as it is (a sound) stays in place while its source is
    unchanged, and is copied again once the teacher replaces it."""
    sound = course / "content/4-an-toan/ghi-am.mp3"
    sound.write_bytes(b"ID3" + b"\0" * 64)
    serving.build()
    copy = serving.site / "4-an-toan/ghi-am.mp3"
    inode = copy.stat().st_ino
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    serving.build()
    assert copy.stat().st_ino == inode
    sound.write_bytes(b"ID3" + b"\1" * 80)
    serving.build()
    assert copy.read_bytes() == sound.read_bytes()
    _same_as_clean_build(course, serving, tmp_path)


def test_in_a_course_with_modules_a_changed_lesson_or_quiz_renders_its_pages_only(tmp_path):
    from benchmarks.synth import write_course

    course = tmp_path / "c"
    write_course(course, lessons=12, seed=5, module_size=2)
    serving = Serving(course, tmp_path / "site")
    try:
        first = serving.build()
        quizzes = sorted((course / "quizzes").rglob("*.yml"))
        quiz = next(q for q in quizzes if len(q.relative_to(course / "quizzes").parts) == 3)  # in a module
        lesson = (course / "content" / quiz.relative_to(course / "quizzes")).with_suffix(".md")
        page = lesson.relative_to(course / "content").as_posix()
        others = {p for p in first if p.count("/") == 2 and not p.endswith(("index.md", page))}
        assert page in first and others
        quiz.write_text(quiz.read_text(encoding="utf-8").replace("  prompt: ", "  prompt: Mới ", 1), encoding="utf-8")
        again = serving.build()
        assert page in again and not again & others  # a module's lessons are not part of every page's key
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
        again = serving.build()
        assert page in again and not again & others
        _same_as_clean_build(course, serving, tmp_path)
    finally:
        serving.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_lesson_is_rebuilt_quickly_and_the_site_is_whole(course, serving, tmp_path):
    """Quick rebuild (mkdocs_plugin/quick.py): the lesson's pages, its words in the search index."""
    swap = course / "content/4-an-toan/.01-mat-khau.md.swp"  # an editor's, written as the teacher types
    swap.write_bytes(b"1")
    serving.build()
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nTừ hiếm xyzzyqua trong bài.\n", encoding="utf-8")
    swap.write_bytes(b"22")
    quick, made = serving.save()
    assert quick and {"4-an-toan/01-mat-khau.md", "phieu/4-an-toan/01-mat-khau.md", "tu-dien.md"} <= made
    assert not made & {"4-an-toan/02-cuoc-goi-lua-dao.md", "phieu/4-an-toan/index.md"}
    assert not [page for page in made if page.startswith("lo-trinh/")]  # learning paths: the outline only
    assert "xyzzyqua" in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)
    _edit(lesson, "xyzzyqua", "quazzyx")  # again, after a quick rebuild
    assert serving.save()[0]
    _same_as_clean_build(course, serving, tmp_path)


def test_a_saved_quiz_is_rebuilt_quickly_with_the_courses_data(course, serving, tmp_path):
    """A question's text changes its version in course.js, which the quick rebuild writes again."""
    serving.build()
    course_js = (serving.site / "assets/hocvuso/course.js").read_text(encoding="utf-8")
    _edit(course / QUIZ, "Ai được hỏi", "Những ai được hỏi")
    quick, made = serving.save()
    assert quick and {"4-an-toan/01-mat-khau.md", "phieu/4-an-toan/index.md", "bao-cao.md"} <= made
    assert "tu-dien.md" not in made
    assert "Những ai được hỏi" in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert (serving.site / "assets/hocvuso/course.js").read_text(encoding="utf-8") != course_js
    _same_as_clean_build(course, serving, tmp_path)
    _edit(course / QUIZ, "  - id: mk-single", "  - id: mk-one")  # the results page and report list ids
    assert serving.save()[0]
    _same_as_clean_build(course, serving, tmp_path)


@pytest.mark.parametrize(
    "path, old, new",
    [
        (LESSON, "title: ", "title: Mới "),  # every page's menu shows it
        (QUIZ, "pass_mark: 80", "pass_mark: 70"),  # the area's and the results page's progress
    ],
)
def test_a_save_that_changes_what_other_pages_show_is_a_whole_build(course, serving, tmp_path, path, old, new):
    serving.build()
    _edit(course / path, old, new)
    quick, _ = serving.save()
    assert not quick
    _same_as_clean_build(course, serving, tmp_path)


def test_a_new_or_deleted_lesson_is_a_whole_build(course, serving, tmp_path):
    serving.build()
    added = course / "content/4-an-toan/03-bai-moi.md"
    added.write_text(
        (course / LESSON).read_text(encoding="utf-8").replace("title: ", "title: Mới ", 1), encoding="utf-8"
    )
    assert not serving.save()[0]
    assert (serving.site / "4-an-toan/03-bai-moi.html").is_file()
    added.unlink()
    assert not serving.save()[0]
    _same_as_clean_build(course, serving, tmp_path)


def test_a_teachers_error_in_a_saved_lesson_shows_as_in_a_whole_build_and_its_fix_recovers(course, serving, tmp_path):
    serving.build()
    lesson = course / LESSON
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("level: CB1", "level: CB9"), encoding="utf-8")
    assert not serving.save()[0]
    page = (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert "Khóa học đang có 1 lỗi" in page and "CB9" in page and "01-mat-khau.md" in page
    lesson.write_text(good, encoding="utf-8")
    assert not serving.save()[0]  # the last build was of a broken course: a whole one
    assert 'class="hvs-lesson-head"' in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    lesson.write_text(good + "\nMột đoạn mới.\n", encoding="utf-8")
    assert serving.save()[0]
    _same_as_clean_build(course, serving, tmp_path)


def test_a_lesson_that_uses_more_of_the_stylesheet_is_a_whole_build(course, serving, tmp_path):
    serving.build()
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nBấm phím <kbd>Enter</kbd>.\n", encoding="utf-8")
    assert not serving.save()[0]
    assert "kbd" in (serving.site / "assets/hocvuso/bundle.css").read_text(encoding="utf-8")
    _same_as_clean_build(course, serving, tmp_path)


def test_a_quick_rebuild_after_a_change_it_cannot_see_is_a_whole_build(course, serving, tmp_path):
    """The builder runs after any watched change: a change in mkdocs.yml besides a lesson, or none in the course."""
    serving.build()
    assert not serving.save()[0]  # nothing changed in the course: the change was elsewhere
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    (course / "mkdocs.yml").write_text((course / "mkdocs.yml").read_text(encoding="utf-8") + "\n# sửa\n")
    assert not serving.save()[0]
    _same_as_clean_build(course, serving, tmp_path)


def test_the_glossary_page_lists_what_the_lessons_marked(tmp_path):
    """A preview's glossary page counts a lesson for the terms its page marked, as a clean build
    does, also for the lessons it did not make again (scanning their text finds a few more)."""
    from benchmarks.synth import write_course

    course = tmp_path / "c"
    write_course(course, lessons=30, seed=7)
    serving = Serving(course, tmp_path / "site")
    try:
        serving.build()
        lesson = sorted((course / "content").rglob("[0-9]*.md"))[3]
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
        quick, made = serving.save()
        assert quick and "tu-dien.md" in made
        _same_as_clean_build(course, serving, tmp_path)
    finally:
        serving.close()


def test_the_servers_builder_tries_the_quick_rebuild_first(course, serving):
    """`on_serve` puts the quick rebuild in front of the server's builder (what its build loop
    calls after a change), and watches the quizzes; the builder itself runs when it cannot."""
    serving.build()
    whole = []

    class Server:  # mkdocs.livereload.LiveReloadServer, as far as the plugin uses it
        def __init__(self):
            self.builder, self.watched = lambda config=None: whole.append(config), []

        def watch(self, path):
            self.watched.append(path)

    server = Server()
    assert serving.plugin.on_serve(server, config=None, builder=server.builder) is server
    assert str(course / "quizzes") in server.watched
    lesson = course / LESSON
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    server.builder()
    assert whole == [] and "Một đoạn mới." in (serving.site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    server.builder()  # nothing changed in the course: the change was elsewhere
    assert whole == [None]
