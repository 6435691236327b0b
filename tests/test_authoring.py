"""Teacher tooling on the command line: `hocvuso check`, `new` and `report`, and `mkdocs serve`'s watch list.

Each command runs in-process through `generator.cli.main`, on copies of the mini course
(tests/corpus_tools.make_course) or on a one-competency course written here, and the tests assert
on the exact lines a teacher reads and on the exit code.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from corpus_tools import CORPUS, make_course
from generator import review
from generator.cli import main
from generator.loader import Project, load
from generator.scaffold import slugify

TINY_FRAMEWORK = """\
id: thu
name: Khung thử
levels:
- code: CB1
  name: Cơ bản 1
- code: CB2
  name: Cơ bản 2
areas:
- code: '4'
  name: An toàn
  competencies:
  - code: '4.1'
    name: Bảo vệ thiết bị
  - code: '4.2'
    name: Bảo vệ dữ liệu cá nhân
audiences:
- id: nguoi-dan
  name: Người dân
- id: hoc-sinh
  name: Học sinh
"""


def run(capsys, course: Path, *args: str) -> tuple[int, list[str], str]:
    """Exit code, stdout lines and stderr of `hocvuso --root course ARGS`."""
    code = main(["--root", str(course), *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def tiny_course(dest: Path) -> Path:
    """An empty course on a two-competency framework: `hocvuso new` fills it."""
    make_course(None, dest)
    for folder in ("content", "quizzes"):
        for path in sorted((dest / folder).rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    (dest / "framework.yml").write_text(TINY_FRAMEWORK, encoding="utf-8")
    return dest


# --- hocvuso check -----------------------------------------------------------------------------


def test_check_on_clean_course_exits_0_and_lists_reviewer_warnings(capsys, tmp_path):
    course = make_course(None, tmp_path)
    code, out, err = run(capsys, course, "check")
    assert code == 0
    assert not [line for line in out if ": lỗi: " in line]
    assert (
        "content/4-an-toan/02-cuoc-goi-lua-dao.md:1: cảnh báo: bài học chưa có bài tự kiểm tra "
        "(`quizzes/4-an-toan/02-cuoc-goi-lua-dao.yml`)."
    ) in out
    assert (
        "framework.yml:53: cảnh báo: năng lực `1.2` (Đánh giá dữ liệu, thông tin và nội dung số) chưa có "
        'bài học nào. Hãy viết bài có `competencies: ["1.2"]`, hoặc bỏ qua nếu khóa học chưa dạy năng lực này.'
    ) in out
    assert re.search(r"Đã kiểm tra 3 bài học trong [0-9.]+ giây: 0 lỗi, \d+ cảnh báo\.", err)


def test_check_on_broken_course_exits_1_with_the_builds_messages(capsys, tmp_path):
    case = CORPUS / "32-many-problems-at-once"
    course = make_course(case, tmp_path)
    code, out, err = run(capsys, course, "check")
    assert code == 1
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    errors = [line for line in out if ": lỗi: " in line]
    assert errors == [re.sub(r"^([^:]+:\d+): ", r"\1: lỗi: ", line) for line in expected]
    assert f"{len(expected)} lỗi" in err


def test_check_strict_turns_warnings_into_errors(capsys, tmp_path):
    course = make_course(None, tmp_path)
    code, _, err = run(capsys, course, "check", "--strict")
    assert code == 1
    assert "--strict" in err


def test_new_lessons_are_valid_but_their_example_text_is_flagged(capsys, tmp_path):
    """`hocvuso new` writes a lesson with no error; check --strict still stops until the example
    text is replaced (an untouched template teaches and tests nothing)."""
    course = tiny_course(tmp_path)
    assert run(capsys, course, "new", "4", "Đặt mật khẩu mạnh")[0] == 0
    assert run(capsys, course, "new", "4", "Dữ liệu cá nhân", "--competency", "4.2")[0] == 0
    code, out, err = run(capsys, course, "check", "--strict")
    assert code == 1 and any("chữ mẫu của `hocvuso new`" in line for line in out), out
    assert all(": cảnh báo: " in line for line in out), out
    assert " 0 lỗi," in err


REVIEW_LESSON = """\
---
title: Ảnh và liên kết
competencies: ["4.2"]
level: CB1
audiences: [nguoi-dan]
duration: 5
---
![](img/khoa.svg)
![Ổ khóa](img/khong-co.svg)
Xem [bài mật khẩu](01-mat-khau.md#ma-otp-la-gi), [tìm kiếm](../1-thong-tin/01-tim-kiem.md),
[trang chủ](../index.md), [kết quả](../ket-qua.md) và [cổng dịch vụ công](https://dichvucong.gov.vn).
Bài [chưa viết](05-chua-viet.md) và [tệp](tai-lieu.pdf) và [ngoài](../../README.md).
<img src="img/khoa.svg">
Chữ trong `![](mã.png)` là mã, không phải hình.

```
[không phải liên kết](khong-co.md)
```

[tham khảo]: 09-khong-co.md
Đọc thêm [ở đây][tham khảo].
"""


def test_review_finds_images_without_alt_and_links_to_nothing(tmp_path):
    course = make_course(None, tmp_path)
    area = course / "content" / "4-an-toan"
    (area / "img").mkdir()
    (area / "img" / "khoa.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (area / "03-anh.md").write_text(REVIEW_LESSON, encoding="utf-8")
    project = Project(course)
    report = load(project)
    found = [str(p) for p in review.check_pages(project, report.course)]
    file = "content/4-an-toan/03-anh.md"
    # A missing image is an error of the build (the page would ship a broken image); links stay warnings.
    assert [str(p) for p in report.problems] == [
        f"{file}:9: không có hình `img/khong-co.svg` (đã tìm `content/4-an-toan/img/khong-co.svg`), nên trang sẽ "
        "hiện một hình hỏng. Hãy chép hình vào đúng chỗ đó (thường là thư mục `img/` của miền), hoặc sửa tên tệp "
        "trong bài (chữ hoa, chữ thường, đuôi .svg/.png/.jpg).",
    ]
    assert found == [
        f"{file}:8: hình `img/khoa.svg` chưa có chữ mô tả. Hãy viết mô tả ngắn trong ngoặc vuông, ví dụ "
        "`![Màn hình cài đặt khóa màn hình](img/khoa.svg)`: người nhìn kém dùng máy đọc, và khi hình không tải "
        "được, người học vẫn biết hình nói gì.",
        f"{file}:12: liên kết `05-chua-viet.md` không dẫn tới trang nào: không có `content/4-an-toan/05-chua-viet.md`. "
        "Hãy kiểm tra tên tệp bài học, ví dụ `02-mat-khau-otp-khoa-man-hinh.md`, hoặc "
        "`../4-an-toan/02-mat-khau-otp-khoa-man-hinh.md` cho bài ở miền khác.",
        f"{file}:12: liên kết `tai-lieu.pdf` trỏ tới tệp không có: `content/4-an-toan/tai-lieu.pdf`. Hãy kiểm tra "
        "tên tệp và thư mục.",
        f"{file}:12: liên kết `../../README.md` trỏ ra ngoài thư mục bài học nên sẽ không có trên trang web. Hãy đặt "
        "tệp trong `content/` hoặc dùng địa chỉ đầy đủ `https://…`.",
        f"{file}:13: hình `img/khoa.svg` chưa có chữ mô tả. Hãy viết mô tả ngắn trong ngoặc vuông, ví dụ "
        "`![Màn hình cài đặt khóa màn hình](img/khoa.svg)`: người nhìn kém dùng máy đọc, và khi hình không tải "
        "được, người học vẫn biết hình nói gì.",
        f"{file}:21: liên kết `09-khong-co.md` không dẫn tới trang nào: không có `content/4-an-toan/09-khong-co.md`. "
        "Hãy kiểm tra tên tệp bài học, ví dụ `02-mat-khau-otp-khoa-man-hinh.md`, hoặc "
        "`../4-an-toan/02-mat-khau-otp-khoa-man-hinh.md` cho bài ở miền khác.",
    ]


def test_check_reports_uncovered_competencies_at_their_line_in_the_framework(tmp_path):
    course = make_course(None, tmp_path)
    lines = (course / "framework.yml").read_text(encoding="utf-8").splitlines()
    report = review.check(Project(course))
    uncovered = {
        re.search(r"năng lực `([\d.]+)`", p.message).group(1): p.line
        for p in report.warnings
        if p.path == "framework.yml"
    }
    taught = {"1.1", "4.1", "4.2"}  # the mini course's lessons
    assert (
        set(uncovered)
        == {f"{a}.{c}" for a, n in ((1, 3), (2, 6), (3, 4), (4, 4), (5, 4), (6, 3)) for c in range(1, n + 1)} - taught
    )
    for code, line in uncovered.items():
        assert lines[line - 1].strip() == f"- code: '{code}'"


# --- hocvuso new -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Đặt mật khẩu mạnh!", "dat-mat-khau-manh"),
        ("Ứng dụng AI: Hỏi & Đáp", "ung-dung-ai-hoi-dap"),
        ("ĐƯỜNG DÂY NÓNG 113", "duong-day-nong-113"),
        ("Thủy, thuỷ và THỦY", "thuy-thuy-va-thuy"),
        ("!!!", ""),
    ],
)
def test_slug_is_ascii_without_diacritics(title, slug):
    assert slugify(title) == slug


def test_new_creates_next_lesson_and_quiz_that_pass_check(capsys, tmp_path):
    course = make_course(None, tmp_path)
    code, out, _ = run(
        capsys,
        course,
        "new",
        "4-an-toan",
        "Đặt",
        "mật khẩu mạnh",
        "--level",
        "CB2",
        "--audience",
        "nguoi-dan",
        "--duration",
        "15",
    )
    assert code == 0
    assert out[:3] == [
        "Đã tạo bài học mới:",
        "  content/4-an-toan/03-dat-mat-khau-manh.md",
        "  quizzes/4-an-toan/03-dat-mat-khau-manh.yml",
    ]
    text = (course / "content/4-an-toan/03-dat-mat-khau-manh.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Đặt mật khẩu mạnh"\n')
    for line in ('competencies: ["4.1"]', "level: CB2", "audiences: [nguoi-dan]", "duration: 15"):
        assert f"\n{line}\n" in text
    report = review.check(Project(course))
    assert report.problems == []
    assert [w for w in report.warnings if "03-dat-mat-khau-manh" in w.path] == []
    lesson = report.course.lesson_by_page("4-an-toan/03-dat-mat-khau-manh.md")
    assert [q.id for q in lesson.quiz.questions] == ["dat-mat-khau-manh-1", "dat-mat-khau-manh-2"]
    # The next one takes the next number, in an area given by its code.
    assert run(capsys, course, "new", "1", "Tìm kiếm nâng cao")[1][1] == "  content/1-thong-tin/02-tim-kiem-nang-cao.md"


def test_new_starts_an_area_folder_from_the_framework_name(capsys, tmp_path):
    course = make_course(None, tmp_path)
    code, out, _ = run(capsys, course, "new", "6", "AI là gì?")
    assert code == 0
    assert out[1] == "  content/6-ung-dung-tri-tue-nhan-tao/01-ai-la-gi.md"
    assert load(Project(course)).problems == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["9", "Bài"], "lỗi: không có miền `9`. Hãy ghi mã miền hoặc tên thư mục miền, ví dụ `4` hoặc `4-an-toan`."),
        (
            ["4", "Bài", "--competency", "1.1"],
            "lỗi: năng lực `1.1` không thuộc miền này. Các năng lực của miền: `4.1`, `4.2`, `4.3`, `4.4`.",
        ),
        (["4", "Bài", "--level", "CB9"], "lỗi: bậc `CB9` không có trong khung năng lực."),
        (["4", "Bài", "--duration", "0"], "lỗi: thời lượng phải từ 1 đến 600 phút, nhưng đang là 0."),
    ],
)
def test_new_refuses_unknown_codes_in_vietnamese(capsys, tmp_path, args, message):
    course = make_course(None, tmp_path)
    code, out, err = run(capsys, course, "new", *args)
    assert code == 1 and out == []
    assert err.startswith(message)
    assert not (course / "content/4-an-toan/03-bai.md").exists()


def test_new_numbers_after_quiz_files_too_and_never_overwrites(capsys, tmp_path, monkeypatch):
    from generator import scaffold

    course = make_course(None, tmp_path)
    (course / "quizzes/4-an-toan/03-nhap.yml").write_text("questions: []\n", encoding="utf-8")
    assert run(capsys, course, "new", "4", "Mật khẩu mới")[1][1] == "  content/4-an-toan/04-mat-khau-moi.md"
    before = (course / "content/4-an-toan/01-mat-khau.md").read_bytes()
    monkeypatch.setattr(scaffold, "next_number", lambda project, folder: 1)
    code, out, err = run(capsys, course, "new", "4", "Mật khẩu")
    assert (code, out) == (1, [])
    assert err == "lỗi: tệp `content/4-an-toan/01-mat-khau.md` đã có; không ghi đè. Hãy đặt tên bài khác.\n"
    assert (course / "content/4-an-toan/01-mat-khau.md").read_bytes() == before


# --- hocvuso report ----------------------------------------------------------------------------


def _squeeze(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines]


def test_report_tables_coverage_per_competency_and_audience(capsys, tmp_path):
    course = make_course(None, tmp_path)
    code, out, _ = run(capsys, course, "report")
    assert code == 0
    lines = _squeeze(out)
    assert lines[0] == "Báo cáo độ phủ khung năng lực — Khung năng lực số cho người học"
    assert lines[1] == "3 bài học · 6 câu hỏi · 3/24 năng lực có bài học · tổng thời lượng 20 phút"
    area4 = lines.index("Miền 4. An toàn")
    assert lines[area4 + 1] == "Mã Năng lực Câu hỏi Bậc Bài học"
    assert lines[area4 + 2] == "4.1 Bảo vệ thiết bị 0 CB1 1: 4/01"
    assert lines[area4 + 3] == "4.2 Bảo vệ dữ liệu cá nhân và quyền riêng tư 6 CB1 2: 4/01, 4/02"
    assert lines[area4 + 4] == "4.3 Bảo vệ sức khỏe và an sinh số 0 — 0 — chưa có bài"
    paths = lines.index("Lộ trình theo đối tượng")
    assert lines[paths + 1 : paths + 4] == [
        "Đối tượng Bài học Câu hỏi Thời lượng",
        "Học sinh, sinh viên 2 6 15 phút",
        "Người dân 2 6 15 phút",
    ]


def test_report_on_broken_course_exits_1(capsys, tmp_path):
    course = make_course(CORPUS / "13-single-two-correct", tmp_path)
    code, out, err = run(capsys, course, "report")
    assert code == 1
    assert out[0].startswith("quizzes/4-an-toan/01-mat-khau.yml:6: lỗi: câu hỏi 1: câu hỏi loại `single`")
    assert "Khóa học có 1 lỗi" in err


def test_report_page_is_built_but_not_in_the_learners_navigation(mini_site):
    page = (mini_site / "bao-cao.html").read_text(encoding="utf-8")
    assert "<table data-hvs-report>" in page and "<code>hocvuso report</code>" in page
    assert '<tr data-competency="4.2" data-lessons="2">' in page
    assert '<a href="4-an-toan/01-mat-khau.html">4/01 Mật khẩu và mã OTP</a>' in page
    for built in ("index.html", "4-an-toan/01-mat-khau.html", "ket-qua.html", "lo-trinh/nguoi-dan.html"):
        html = (mini_site / built).read_text(encoding="utf-8")
        assert "bao-cao.html" not in html, built
    # Worksheets are linked from their lesson and area only, never from the navigation.
    assert "phieu/" not in (mini_site / "index.html").read_text(encoding="utf-8")


def test_lesson_and_area_pages_link_their_worksheets(mini_site):
    lesson = (mini_site / "4-an-toan/01-mat-khau.html").read_text(encoding="utf-8")
    assert '<a href="../phieu/4-an-toan/01-mat-khau.html">Phiếu bài tập để in (kèm đáp án cho giáo viên)</a>' in lesson
    area = (mini_site / "4-an-toan/index.html").read_text(encoding="utf-8")
    assert '<a href="../phieu/4-an-toan/index.html">Phiếu ôn tập cả miền để in' in area
    without_quiz = (mini_site / "4-an-toan/02-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    assert "phieu/" not in without_quiz
    assert (mini_site / "phieu/4-an-toan/01-mat-khau.html").is_file()
    assert not (mini_site / "phieu/4-an-toan/02-cuoc-goi-lua-dao.html").exists()


# --- mkdocs serve ------------------------------------------------------------------------------


class FakeServer:
    def __init__(self):
        self.watched: list[str] = []

    def watch(self, path, *args, **kwargs):
        self.watched.append(path)


def test_serve_watches_quizzes_and_framework(tmp_path):
    from mkdocs.config import load_config

    course = make_course(None, tmp_path)
    config = load_config(str(course / "mkdocs.yml"))
    plugin = config.plugins["hocvuso"]
    config = plugin.on_config(config)
    server = FakeServer()
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    assert str(course / "quizzes") in server.watched
    assert str(course / "framework.yml") in server.watched


# --- the authoring guide -----------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parent.parent / "HUONG-DAN-BIEN-SOAN.md"


def test_guide_has_a_working_example_of_every_question_type(tmp_path):
    import json

    from generator.schema import validator

    text = GUIDE.read_text(encoding="utf-8")
    types_section = text[text.index("\n## 7. ") : text.index("\n## 8. ")]
    examples = re.findall(r"```yaml\n(.*?)```", types_section, re.S)
    course = make_course(None, tmp_path)
    (course / "quizzes/4-an-toan/02-cuoc-goi-lua-dao.yml").write_text(
        "questions:\n" + "".join(examples), encoding="utf-8"
    )
    # the hotspot example's picture, beside the lesson as the guide says
    (course / "content/4-an-toan/img").mkdir()
    shutil.copy(GUIDE.parent / "content/2-giao-tiep/img/xac-nhan-chuyen-tien.svg", course / "content/4-an-toan/img")
    report = load(Project(course))
    assert report.problems == []
    quiz = report.course.lesson_by_page("4-an-toan/02-cuoc-goi-lua-dao.md").quiz
    assert sorted({q.type for q in quiz.questions}) == sorted(
        validator("quiz").schema["$defs"]["question"]["properties"]["type"]["enum"]
    )
    # The editor settings the guide describes point at the schema the build uses.
    settings = json.loads((GUIDE.parent / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (GUIDE.parent / schema).is_file()
        assert f'"{schema}": {json.dumps(globs, ensure_ascii=False)}' in text


def test_guide_glossary_example_is_a_valid_glossary():
    import yaml

    from generator.schema import validator

    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("\n## 14. ") :]
    example = yaml.safe_load(re.findall(r"```yaml\n(.*?)```", section, re.S)[0])
    assert list(validator("glossary").iter_errors(example)) == []
