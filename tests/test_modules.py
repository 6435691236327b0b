"""Modules (numbered folders of lessons inside an area) and lesson numbers of two or three digits:
loaded, validated, built (module pages, navigation, links), scaffolded, exported and in the one-file
edition. The fixture is tests/fixtures/modules laid over the mini course (see its README.md)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from corpus_tools import TESTS, make_course
from generator import coverage, messages, scaffold
from generator.cli import main
from generator.loader import Project, load
from generator.plan import build_plan
from site_tools import build

MODULES = TESTS / "fixtures" / "modules"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"


def modules_course(dest: Path) -> Path:
    course = make_course(None, dest)
    for folder in ("content", "quizzes"):
        shutil.copytree(MODULES / folder, course / folder, dirs_exist_ok=True)
    return course


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory) -> Path:
    return modules_course(tmp_path_factory.mktemp("modules") / "course")


@pytest.fixture(scope="module")
def site(course_dir, tmp_path_factory) -> Path:
    return build(course_dir, tmp_path_factory.mktemp("modules-site") / "site")


@pytest.fixture(autouse=True)
def vietnamese():
    messages.activate("vi")


def test_modules_and_three_digit_numbers_load_in_number_order(course_dir):
    report = load(Project(course_dir))
    assert report.problems == []
    area = report.course.area("4")
    assert [p.page for p in area.parts()] == [
        "4-an-toan/01-mat-khau.md",
        "4-an-toan/02-cuoc-goi-lua-dao.md",
        "4-an-toan/03-ngan-hang/index.md",
        "4-an-toan/05-lua-dao-mang/index.md",
        "4-an-toan/104-tong-ket.md",
    ]
    bank, scams = area.modules
    assert (bank.number, bank.title, bank.folder, bank.intro_page) == (
        3,
        "Ngân hàng trên điện thoại",
        "4-an-toan/03-ngan-hang",
        "4-an-toan/03-ngan-hang/index.md",
    )
    assert (scams.title, scams.intro_page) == ("Lua dao mang", None)  # no index.md: the slug, readable
    # Course order: the area's parts by number, a module's lessons inside it.
    assert [x.page for x in report.course.lessons if x.area_code == "4"] == [
        "4-an-toan/01-mat-khau.md",
        "4-an-toan/02-cuoc-goi-lua-dao.md",
        "4-an-toan/03-ngan-hang/01-ma-otp.md",
        "4-an-toan/03-ngan-hang/02-chuyen-tien.md",
        "4-an-toan/05-lua-dao-mang/01-tin-nhan-trung-thuong.md",
        "4-an-toan/104-tong-ket.md",
    ]
    otp = report.course.lesson_by_page("4-an-toan/03-ngan-hang/01-ma-otp.md")
    assert otp.module == "4-an-toan/03-ngan-hang" and report.course.module_of(otp) is bank
    assert otp.label == "03.01" and otp.quiz and len(otp.quiz.questions) == 2
    assert report.course.lesson_by_page("4-an-toan/104-tong-ket.md").label == "104"
    untitled = [w for w in report.warnings if w.path == "content/4-an-toan/05-lua-dao-mang"]
    assert len(untitled) == 1 and "title: Tên chủ đề" in untitled[0].message


def test_mixed_widths_sort_numerically(tmp_path):
    course = make_course(None, tmp_path / "course")
    area = course / "content" / "4-an-toan"
    lesson = (area / "02-cuoc-goi-lua-dao.md").read_text(encoding="utf-8")
    for name in ("100-tram.md", "09-chin.md", "010-muoi.md"):
        (area / name).write_text(lesson, encoding="utf-8")
    report = load(Project(course))
    assert report.problems == []
    numbers = [x.number for x in report.course.area("4").lessons]
    assert numbers == [1, 2, 9, 10, 100]


def test_plan_has_module_pages_and_a_module_level_of_navigation(course_dir):
    course = load(Project(course_dir)).course
    plan = build_plan(course, Project(course_dir))
    page = plan.page("4-an-toan/03-ngan-hang/index.md")
    assert (page.kind, page.title, page.needs_source) == ("module", "Ngân hàng trên điện thoại", True)
    assert plan.page("4-an-toan/05-lua-dao-mang/index.md").needs_source is False  # generated
    area_nav = next(item for item in plan.nav if item.children and item.children[0].page == "4-an-toan/index.md")
    titles = [(item.title, item.page) for item in area_nav.children]
    assert titles == [
        (None, "4-an-toan/index.md"),
        (None, "4-an-toan/01-mat-khau.md"),
        (None, "4-an-toan/02-cuoc-goi-lua-dao.md"),
        ("Ngân hàng trên điện thoại", None),
        ("Lua dao mang", None),
        (None, "4-an-toan/104-tong-ket.md"),
    ]
    assert [x.page for x in area_nav.children[3].children] == [
        "4-an-toan/03-ngan-hang/index.md",
        "4-an-toan/03-ngan-hang/01-ma-otp.md",
        "4-an-toan/03-ngan-hang/02-chuyen-tien.md",
    ]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def _local_links(site: Path, page: Path) -> list[tuple[str, Path]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    found = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        found.append((href, (page.parent / unquote(parts.path)).resolve()))
    return found


def test_built_site_has_module_pages_nav_and_working_links(site):
    module_page = site / "4-an-toan/03-ngan-hang/index.html"
    lesson = site / "4-an-toan/03-ngan-hang/01-ma-otp.html"
    assert module_page.is_file() and lesson.is_file() and (site / "4-an-toan/104-tong-ket.html").is_file()
    assert (site / "4-an-toan/05-lua-dao-mang/index.html").is_file()
    html = module_page.read_text(encoding="utf-8")
    assert "<h1>Ngân hàng trên điện thoại</h1>" in html and "Ba bài về ứng dụng ngân hàng" in html
    assert 'data-hvs-module="4-an-toan/03-ngan-hang"' in html
    assert "Bạn đã hoàn thành 0/1 bài tự kiểm tra trong chủ đề này." in html
    area = (site / "4-an-toan/index.html").read_text(encoding="utf-8")
    assert '<a href="03-ngan-hang/index.html">Chủ đề: Ngân hàng trên điện thoại</a>' in area
    assert 'href="03-ngan-hang/01-ma-otp.html"' in area and 'data-hvs-module="4-an-toan/03-ngan-hang">0/1 bài' in area
    # The lesson's menu: its area open, its module open inside it, the other module a link.
    page = lesson.read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary') :]
    assert 'aria-current="page"' in nav and 'href="index.html" class="md-nav__link"' in nav
    assert 'href="../05-lua-dao-mang/index.html" class="md-nav__link hvs-nav-sec"' in nav
    assert "Về trang chủ đề: Ngân hàng trên điện thoại" in page  # back to its module, not its area
    # Every local link of the area's pages, the module's and its lessons reaches a file.
    for path in [site / "4-an-toan/index.html", module_page, lesson, site / "4-an-toan/104-tong-ket.html"]:
        for href, target in _local_links(site, path):
            assert target.is_file(), f"{path.relative_to(site)}: {href} goes nowhere"
    text = lesson.read_text(encoding="utf-8")
    assert 'href="../01-mat-khau.html"' in text and 'href="02-chuyen-tien.html"' in text
    assert (site / "phieu/4-an-toan/03-ngan-hang/01-ma-otp.html").is_file()


def test_long_area_lists_a_row_per_module(tmp_path):
    from benchmarks.synth import write_course
    from generator import area_page

    write_course(tmp_path / "c", lessons=6 * 40, module_size=20, seed=3)
    course = load(Project(tmp_path / "c")).course
    html = area_page.render_area(course, course.area("4"), None)
    assert html.count('<li data-module="') == 2 and "data-lesson=" not in html
    assert '<a class="hvs-row" href="01-chu-de-1/index.html">' in html


def test_coverage_groups_lessons_by_module(course_dir):
    cov = coverage.coverage(load(Project(course_dir)).course)
    area = next(a for a in cov.areas if a.code == "4")
    assert [(coverage.module_name(r), len(r.lessons), r.questions) for r in area.modules] == [
        ("(bài không thuộc chủ đề nào)", 3, 6),
        ("Ngân hàng trên điện thoại", 2, 2),
        ("Lua dao mang", 1, 0),
    ]
    assert not next(a for a in cov.areas if a.code == "1").modules
    text = coverage.render_text(cov)
    assert "Miền 4 theo chủ đề" in text and "4/03.01" in text and "4/104" in text
    html = coverage.render_html(cov)
    assert '<tr data-module="4-an-toan/03-ngan-hang"><td><a href="4-an-toan/03-ngan-hang/index.html">' in html


def test_new_lesson_in_a_module_existing_or_new(course_dir, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(course_dir, course)
    project = Project(course)
    by_number = scaffold.create_lesson(project, "4/03", "Khóa thẻ ngân hàng")
    assert by_number.lesson == course / "content/4-an-toan/03-ngan-hang/03-khoa-the-ngan-hang.md"
    assert by_number.quiz == course / "quizzes/4-an-toan/03-ngan-hang/03-khoa-the-ngan-hang.yml"
    assert by_number.module_index is None
    created = scaffold.create_lesson(project, "4-an-toan/vi-dien-tu", "Nạp tiền vào ví")
    assert created.lesson == course / "content/4-an-toan/105-vi-dien-tu/01-nap-tien-vao-vi.md"
    assert created.module_index == course / "content/4-an-toan/105-vi-dien-tu/index.md"
    named = scaffold.create_lesson(project, "4/07-mua-sam", "Mua sắm")
    assert named.lesson.parent.name == "07-mua-sam"
    direct = scaffold.create_lesson(project, "4", "Bài mới")
    assert direct.lesson.name == "106-bai-moi.md"  # after 105 (a module) and 104: three digits
    report = load(project)
    assert report.problems == []
    module = report.course.area("4").module("4-an-toan/105-vi-dien-tu")
    assert module.title == "Vi dien tu" and [x.title for x in module.lessons] == ["Nạp tiền vào ví"]
    untitled = {w.path for w in report.warnings if "chưa có tên có dấu" in w.message}
    assert untitled == {"content/4-an-toan/05-lua-dao-mang"}  # the new modules have their index.md
    with pytest.raises(scaffold.ScaffoldError, match="không hiểu chủ đề `---`"):
        scaffold.create_lesson(project, "4/---", "x")


def test_cli_new_prints_the_module_index(course_dir, tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(course_dir, course)
    assert main(["--root", str(course), "new", "4/ngan-hang-so", "Ví", "điện", "tử"]) == 0
    out = capsys.readouterr().out
    assert "content/4-an-toan/105-ngan-hang-so/01-vi-dien-tu.md" in out
    assert "content/4-an-toan/105-ngan-hang-so/index.md" in out


def test_gift_and_moodle_categories_name_the_module_and_area_takes_a_module(course_dir, tmp_path, capsys):
    out = tmp_path / "bank.gift"
    assert main(["--root", str(course_dir), "export", "--area", "4/03", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "$CATEGORY: $course$/top/Học vụ số/4. An toàn/03. Ngân hàng trên điện thoại/03.01. Mã OTP" in text
    assert "::otp-ngan-hang::" in text and "mk-single" not in text
    assert main(["--root", str(course_dir), "export", "--area", "4/99", "-o", str(out)]) == 1
    assert "không có miền `4/99`" in capsys.readouterr().err


def test_scorm_items_nest_per_module(course_dir, tmp_path):
    out = tmp_path / "scorm.zip"
    assert main(["--root", str(course_dir), "export", "--format", "scorm12", "--area", "4", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read("imsmanifest.xml"))
        names = set(z.namelist())
    (area,) = root.find(f"{CP}organizations/{CP}organization").findall(f"{CP}item")
    children = [(i.findtext(f"{CP}title"), len(i.findall(f"{CP}item"))) for i in area.findall(f"{CP}item")]
    assert children == [
        ("Mật khẩu và mã OTP", 0),
        ("Cuộc gọi lừa đảo", 0),
        ("Ngân hàng trên điện thoại", 2),
        ("Lua dao mang", 1),
        ("Tổng kết an toàn", 0),
    ]
    assert "4-an-toan/03-ngan-hang/01-ma-otp.html" in names


def test_one_file_edition_holds_module_pages_and_lessons_with_working_links(course_dir, tmp_path):
    out = tmp_path / "mot-tep"
    assert main(["--root", str(course_dir), "onefile", "--out", str(out)]) == 0
    html = (out / "hocvuso-4-an-toan.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\sid="([^"]*)"', html))
    for section in (
        "hvs-4-an-toan-03-ngan-hang-index",
        "hvs-4-an-toan-03-ngan-hang-01-ma-otp",
        "hvs-4-an-toan-104-tong-ket",
    ):
        assert section in ids
    targets = re.findall(r'href="#([^"]+)"', html)
    assert "hvs-4-an-toan-03-ngan-hang-02-chuyen-tien" in targets and "hvs-4-an-toan-01-mat-khau" in targets
    assert set(targets) <= ids
