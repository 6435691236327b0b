"""SCORM 1.2 and Kolibri packages, unzipped and checked as an LMS reads them: the manifest is
well-formed SCORM 1.2 (namespaces, metadata, one organisation, an item per lesson with its mastery
score), every `href` is in the zip and every file in the zip is listed; pages ask no other host.
`--lesson` works for every export format. The packages played in a browser: test_scorm_browser.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from corpus_tools import make_course
from dist_tools import mini_course
from generator.cli import main
from generator.loader import Project, load

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
FOREIGN = re.compile(r'<(?:script|link|img|source|video|audio|iframe)\b[^>]*\s(?:src|href)="(?:https?:)?//', re.I)


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return mini_course(tmp_path_factory.mktemp("scorm") / "course")


def export(course: Path, out: Path, *args: str) -> int:
    return main(["--root", str(course), "export", *args, "-o", str(out)])


def check_manifest(zip_path: Path) -> ET.Element:
    """The manifest's own rules; returns its root."""
    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
        root = ET.fromstring(z.read("imsmanifest.xml"))  # well-formed
        pages = {n: z.read(n).decode("utf-8") for n in names if n.endswith(".html")}
    assert root.tag == f"{CP}manifest"
    assert root.find(f"{CP}metadata/{CP}schema").text == "ADL SCORM"
    assert root.find(f"{CP}metadata/{CP}schemaversion").text == "1.2"
    assert len(root.findall(f"{CP}organizations/{CP}organization")) == 1
    resources = {r.get("identifier"): r for r in root.iter(f"{CP}resource")}
    listed = set()
    for resource in resources.values():
        assert resource.get(f"{ADLCP}scormtype") in ("sco", "asset")
        hrefs = [resource.get("href")] if resource.get("href") else []
        files = [f.get("href") for f in resource.findall(f"{CP}file")]
        assert set(hrefs) <= set(files)
        listed |= set(files)
        for dependency in resource.findall(f"{CP}dependency"):
            assert dependency.get("identifierref") in resources
    assert listed <= names, f"listed but missing: {listed - names}"
    assert names - {"imsmanifest.xml"} <= listed, f"in the zip but not listed: {names - listed}"
    for item in root.iter(f"{CP}item"):
        ref = item.get("identifierref")
        assert ref is None or resources[ref].get(f"{ADLCP}scormtype") == "sco"
    for name, html in pages.items():
        assert not FOREIGN.search(html), f"{name} loads a file from another host"
    return root


def test_a_course_package_is_valid_scorm_1_2_with_an_item_per_lesson_and_its_mastery_score(course, tmp_path):
    assert export(course, tmp_path / "all.zip", "--format", "scorm12") == 0
    root = check_manifest(tmp_path / "all.zip")
    lessons = load(Project(course)).course.lessons
    scos = [item for item in root.iter(f"{CP}item") if item.get("identifierref")]
    assert [item.find(f"{CP}title").text for item in scos] == [x.title for x in lessons]
    mastery = [item.findtext(f"{ADLCP}masteryscore") for item in scos]
    assert mastery == [str(x.quiz.pass_mark) if x.quiz else None for x in lessons]
    with zipfile.ZipFile(tmp_path / "all.zip") as z:
        lesson = z.read("4-an-toan/02-cuoc-goi-lua-dao.html").decode("utf-8")
        assert "4-an-toan/img/khoa.svg" in z.namelist()
    # the picture stays a file; links to other pages keep their text, not the link
    assert 'src="img/khoa.svg"' in lesson and "01-mat-khau.html" not in lesson and "mã OTP" in lesson
    assert '<script src="../assets/hocvuso/hocvuso.js">' in lesson
    # no way out to the next lesson or the worksheet: in an LMS, the LMS moves between SCOs
    with zipfile.ZipFile(tmp_path / "all.zip") as z:
        quiz_lesson = z.read("4-an-toan/01-mat-khau.html").decode("utf-8")
    assert "hvs-lesson-nav" not in quiz_lesson and "hvs-sheet-link" not in quiz_lesson and "hvs-quiz" in quiz_lesson


def test_area_and_lesson_packages_hold_only_their_lessons(course, tmp_path):
    assert export(course, tmp_path / "a.zip", "--format", "scorm12", "--area", "4") == 0
    assert (
        export(course, tmp_path / "l.zip", "--format", "scorm12", "--lesson", "content/4-an-toan/01-mat-khau.md") == 0
    )
    area, one = check_manifest(tmp_path / "a.zip"), check_manifest(tmp_path / "l.zip")
    titles = lambda root: [i.find(f"{CP}title").text for i in root.iter(f"{CP}item") if i.get("identifierref")]  # noqa: E731
    lessons = load(Project(course)).course.lessons
    assert titles(area) == [x.title for x in lessons if x.area_code == "4"]
    assert titles(one) == [lessons[1].title] and lessons[1].page == "4-an-toan/01-mat-khau.md"


def test_kolibri_zips_have_index_html_at_the_root_and_only_relative_files(course, tmp_path):
    for args in (["--lesson", "4-an-toan/02-cuoc-goi-lua-dao.md"], ["--area", "4"], []):
        out = tmp_path / f"k{len(args)}.zip"
        assert export(course, out, "--format", "kolibri", *args) == 0
        with zipfile.ZipFile(out) as z:
            names = z.namelist()
            assert names[0] == "index.html" and not any(n.startswith("/") or ".." in n for n in names)
            for name in names:
                if name.endswith(".html"):
                    assert not FOREIGN.search(z.read(name).decode("utf-8")), name
            if args and args[0] == "--lesson":
                assert (
                    "4-an-toan/img/khoa.svg" in names
                    and 'src="4-an-toan/img/khoa.svg"' in z.read("index.html").decode()
                )


def test_lesson_works_for_question_bank_formats_too(course, tmp_path, capsys):
    assert export(course, tmp_path / "l.gift", "--format", "gift", "--lesson", "4-an-toan/01-mat-khau") == 0
    text = (tmp_path / "l.gift").read_text(encoding="utf-8")
    assert "::mk-single::" in text or "mk-single" in text
    assert export(course, tmp_path / "l.xml", "--format", "moodle-xml", "--lesson", "4-an-toan/01-mat-khau.md") == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["--format", "scorm12", "--lesson", "content/4-an-toan/99-khong-co.md"],
            "không có bài học `content/4-an-toan/99-khong-co.md`",
        ),
        (["--format", "gift", "--area", "4", "--lesson", "4-an-toan/01-mat-khau.md"], "chỉ chọn một trong hai"),
    ],
)
def test_a_wrong_choice_is_named_in_vietnamese(tmp_path, capsys, args, words):
    course = make_course(None, tmp_path / "course")
    assert export(course, tmp_path / "x.zip", *args) == 1
    assert words in capsys.readouterr().err


def test_a_package_cannot_go_to_the_screen(tmp_path, capsys):
    course = make_course(None, tmp_path / "course")
    assert main(["--root", str(course), "export", "--format", "scorm12", "-o", "-"]) == 1
    assert "-o bai-hoc.zip" in capsys.readouterr().err
