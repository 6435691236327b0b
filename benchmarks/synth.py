"""Deterministic synthetic courses for the benchmarks (issue 7).

One seeded generator writes the same N lessons in three flavors:

- ``hocvuso``: this project's own format — ``content/<area>/<NN>-<slug>.md`` lessons with front
  matter, ``quizzes/<area>/<NN>-<slug>.yml`` self-assessments, ``framework.yml`` and a
  ``mkdocs.yml`` copied from the repository's (its ``custom_dir`` pointing at the repository's
  ``theme/`` by absolute path);
- ``plain``: the same lessons as plain Markdown for plain mkdocs-material (search plugin on); the
  lesson header and the questions are written out as ordinary Markdown (answers in ``??? note``);
- ``quiz``: as ``plain`` with the questions in mkdocs-quiz's ``<quiz>`` syntax and the
  ``mkdocs_quiz`` plugin on.

Lessons are dealt round-robin over the framework's areas. Each lesson's text depends only on
``(seed, area, position in its area)``, never on N, so lesson 1 of area 4 is the same page in a
60-lesson and a 600-lesson course. Lessons are numbered from ``01``, with three digits past 99
(``100-…``), so an area holds at most 999 lessons. With ``module_size`` M, each area's lessons go
into module folders of M lessons (``content/<area>/<MM>-chu-de-<m>/<NN>-<slug>.md``, with an
``index.md`` titling the module): 3000 lessons = 6 areas × 10 modules × 50 lessons.

    python -m benchmarks.synth --lessons 600 --flavor hocvuso OUT
    python -m benchmarks.synth --lessons 3000 --module-size 50 OUT

    from benchmarks.synth import write_course
    course = write_course(out_dir, lessons=60, flavor="plain", seed=7)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FLAVORS = ("hocvuso", "plain", "quiz")
QUESTION_TYPES = ("single", "multiple", "true_false", "short_text", "ordering", "matching")
QUESTIONS_PER_LESSON = 5
TARGET_WORDS = 600
MAX_LESSONS_PER_AREA = 999  # file names carry a two- or three-digit number
MARKER = ".hocvuso-synth"  # marks a folder this module wrote, so rewriting it may delete it

# The framework's areas (framework.yml codes) and their folders under content/ and quizzes/.
AREA_FOLDERS = {
    "1": "1-thong-tin",
    "2": "2-giao-tiep",
    "3": "3-sang-tao",
    "4": "4-an-toan",
    "5": "5-giai-quyet-van-de",
    "6": "6-tri-tue-nhan-tao",
}

# --- word lists ----------------------------------------------------------------------------------
# Sentences are assembled from these; every phrase is ordinary, diacritic-bearing Vietnamese.

OBJECTS = {
    "1": [
        "từ khóa tìm kiếm",
        "kết quả tìm kiếm",
        "trang web chính thống",
        "nguồn tin",
        "bài báo mới",
        "ảnh giấy tờ",
        "thư mục ảnh",
        "tin đồn trên mạng",
        "địa chỉ trang web",
        "thông tin y tế",
        "bản đồ trực tuyến",
        "lịch tiêm chủng",
    ],
    "2": [
        "cuộc gọi video",
        "tin nhắn Zalo",
        "nhóm chat gia đình",
        "ứng dụng VNeID",
        "hồ sơ dịch vụ công",
        "mã QR chuyển tiền",
        "bình luận trên mạng",
        "thư điện tử",
        "cuộc họp trực tuyến",
        "tài liệu dùng chung",
        "đơn hàng trực tuyến",
        "lịch họp của thôn",
    ],
    "3": [
        "ảnh sản phẩm",
        "video ngắn",
        "bài đăng giới thiệu",
        "văn bản thông báo",
        "ảnh của người khác",
        "nguồn bài viết",
        "nhạc nền",
        "trang bán hàng",
        "chú thích ảnh",
        "mẫu thiết kế",
        "tờ rơi điện tử",
        "câu chuyện về quê hương",
    ],
    "4": [
        "mã OTP",
        "mật khẩu",
        "khóa màn hình",
        "đường link lạ",
        "ứng dụng giả",
        "cuộc gọi giả danh",
        "dữ liệu cá nhân",
        "bản cập nhật phần mềm",
        "tài khoản ngân hàng",
        "điện thoại cũ",
        "tin nhắn trúng thưởng",
        "ảnh căn cước",
    ],
    "5": [
        "bộ nhớ điện thoại",
        "kết nối Wi-Fi",
        "cỡ chữ trên màn hình",
        "ứng dụng bị treo",
        "trợ lý giọng nói",
        "phần mềm học tập",
        "khóa học trực tuyến",
        "lỗi đăng nhập",
        "pin điện thoại",
        "phần cài đặt của máy",
        "máy in trong nhà",
        "bàn phím tiếng Việt",
    ],
    "6": [
        "trợ lý AI",
        "câu trả lời của AI",
        "video giả",
        "giọng nói giả",
        "câu lệnh cho AI",
        "ảnh do AI tạo",
        "thông tin AI đưa ra",
        "ứng dụng dịch",
        "bản tóm tắt tự động",
        "công cụ viết thư",
        "bài tập có AI hỗ trợ",
        "lời khuyên sức khỏe từ AI",
    ],
}

# (term, what it means) — for short-text and matching questions.
TERMS = {
    "1": [
        ("từ khóa", "Những chữ bạn gõ vào ô tìm kiếm"),
        ("tin giả", "Tin sai sự thật được lan truyền"),
        ("nguồn tin", "Nơi đầu tiên đưa ra một thông tin"),
        ("thư mục", "Nơi gom các tệp cùng loại"),
        ("tên miền", "Phần chính của địa chỉ trang web"),
    ],
    "2": [
        ("VNeID", "Ứng dụng định danh điện tử của Bộ Công an"),
        ("mã QR", "Ô vuông chấm đen trắng dùng để quét"),
        ("nhóm chat", "Nơi nhiều người cùng nhắn tin"),
        ("gọi video", "Cuộc gọi thấy mặt nhau qua màn hình"),
        ("dịch vụ công", "Thủ tục hành chính làm qua mạng"),
    ],
    "3": [
        ("bản quyền", "Quyền của tác giả với tác phẩm"),
        ("ghi nguồn", "Nói rõ ảnh, bài viết lấy từ đâu"),
        ("chú thích", "Dòng chữ ngắn đặt dưới ảnh"),
        ("giấy phép", "Điều kiện cho dùng lại tác phẩm"),
        ("bản nháp", "Bài viết chưa đăng, còn sửa được"),
    ],
    "4": [
        ("OTP", "Mã xác thực dùng một lần"),
        ("mật khẩu", "Chuỗi ký tự bí mật để mở tài khoản"),
        ("khóa màn hình", "Lớp khóa khi mở điện thoại"),
        ("lừa đảo", "Lừa người khác để lấy tiền"),
        ("cập nhật", "Cài phiên bản mới của phần mềm"),
    ],
    "5": [
        ("bộ nhớ", "Nơi máy chứa ảnh, video và ứng dụng"),
        ("Wi-Fi", "Mạng không dây trong nhà"),
        ("cỡ chữ", "Độ lớn của chữ trên màn hình"),
        ("khởi động lại", "Tắt máy rồi bật lại"),
        ("sao lưu", "Chép dữ liệu sang nơi khác để giữ"),
    ],
    "6": [
        ("AI", "Tên viết tắt của trí tuệ nhân tạo"),
        ("deepfake", "Video giả giống hệt người thật"),
        ("câu lệnh", "Lời bạn gõ để nhờ AI làm việc"),
        ("kiểm chứng", "So câu trả lời với nguồn tin cậy"),
        ("chatbot", "Chương trình trò chuyện tự động"),
    ],
}

VERBS = [
    "kiểm tra",
    "mở",
    "tìm",
    "lưu lại",
    "gửi",
    "xem lại",
    "cài đặt",
    "chia sẻ",
    "ghi chép về",
    "cập nhật",
    "so sánh",
    "đọc kỹ",
    "chụp lại",
    "sắp xếp",
    "bảo vệ",
    "dùng",
    "hỏi thêm về",
]
SUBJECTS = [
    "người dân",
    "bà con trong xóm",
    "học sinh",
    "cán bộ xã",
    "người bán hàng",
    "bạn",
    "mọi người trong gia đình",
    "bác Tư",
    "chị Lan",
    "anh Minh",
    "cô Hoa",
    "ông Sáu",
    "em Nam",
    "chú Hùng",
    "bà Năm",
]
NAMES = ["bác Tư", "chị Lan", "anh Minh", "cô Hoa", "ông Sáu", "em Nam", "chú Hùng", "bà Năm", "chị Mai", "anh Tuấn"]
PLACES = [
    "xã Tân Phú",
    "thôn Đông",
    "phường Bình Minh",
    "bản Na Hang",
    "thị trấn Hòa Bình",
    "ấp Mỹ Lợi",
    "xã Phước Sơn",
    "tổ dân phố số 3",
]
HELPERS = [
    "con cháu",
    "cán bộ xã",
    "thầy cô",
    "nhân viên bưu điện",
    "người thân",
    "tổ công nghệ số cộng đồng",
    "hàng xóm rành công nghệ",
]
COMPLEMENTS = [
    "trên điện thoại",
    "trước khi chuyển tiền",
    "mỗi buổi tối",
    "khi có thời gian rảnh",
    "cùng con cháu",
    "ở nhà văn hóa thôn",
    "theo hướng dẫn của cán bộ",
    "một cách cẩn thận",
    "sau mỗi lần dùng",
    "trong vài phút",
    "bằng ứng dụng chính thức",
    "trên máy tính ở nhà",
    "khi ra ngoài",
    "vào cuối tuần",
]
REASONS = [
    "để tránh bị lừa",
    "để tiết kiệm thời gian",
    "để giữ an toàn cho cả nhà",
    "để không mất dữ liệu",
    "để người khác dễ hiểu",
    "vì thông tin có thể sai",
    "để công việc nhanh hơn",
    "vì đó là cách làm đúng",
    "để không phải đi lại nhiều",
]
CONNECTORS = [
    "Trước hết,",
    "Sau đó,",
    "Thông thường,",
    "Đặc biệt,",
    "Ngoài ra,",
    "Cuối cùng,",
    "Nếu chưa quen,",
    "Khi cần,",
    "Mỗi ngày,",
]
STEP_VERBS = ["Mở", "Chạm vào", "Chọn", "Nhập", "Kiểm tra", "Bấm", "Đọc kỹ", "Xác nhận", "Quay lại", "Lưu"]
STEP_OBJECTS = [
    "mục **Cài đặt**",
    "nút **Tiếp tục**",
    "biểu tượng kính lúp",
    "ô tìm kiếm",
    "mã xác nhận",
    "thông báo trên màn hình",
    "tên người gửi",
    "mục **Bảo mật**",
    "nút **Gửi**",
    "trang chủ của ứng dụng",
]
TITLE_SUFFIXES = ["", " an toàn", " đúng cách", " trên điện thoại", " cho người mới", " trong gia đình"]
HEADINGS = [
    "Vì sao cần {verb} {obj}?",
    "Các bước {verb} {obj}",
    "Những điều cần tránh",
    "Ví dụ thực tế",
    "Khi gặp khó khăn",
    "Mẹo nhỏ khi {verb} {obj}",
    "Làm cùng người thân",
    "Hỏi và đáp nhanh",
    "Dấu hiệu cần chú ý",
    "Luyện tập tại nhà",
]
GOOD_ACTIONS = [
    "Nhờ {helper} hướng dẫn từng bước",
    "{Verb} {obj} {comp}",
    "Đọc kỹ hướng dẫn trong ứng dụng chính thức",
    "Hỏi lại người thân khi chưa chắc chắn",
    "Gọi tổng đài chính thức để hỏi",
    "Ghi lại các bước vào sổ tay",
]
BAD_ACTIONS = [
    "Làm theo mọi lời người lạ nhắn",
    "Bấm ngay vào đường link được gửi tới",
    "Đưa điện thoại cho người không quen",
    "Bỏ qua mọi thông báo của máy",
    "Chuyển tiền trước rồi hỏi sau",
    "Tắt hết các cài đặt an toàn",
    "Chia sẻ mật khẩu cho cả nhóm",
]


def slugify(text: str) -> str:
    """ASCII slug of Vietnamese text: 'Kiểm tra mã OTP' -> 'kiem-tra-ma-otp'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# --- the course ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynthArea:
    code: str
    name: str
    folder: str


@dataclass
class SynthLesson:
    area: SynthArea
    index: int  # position in its area, 0-based
    number: int  # the NN of the file name
    slug: str
    title: str
    front: dict  # the project's front matter, as data
    body: str  # Markdown after the front matter (no H1: the site renders the title)
    questions: list[dict] = field(default_factory=list)  # in the project's quiz format
    module: int = 0  # the number of its module folder, 0 for a lesson of the area itself

    @property
    def name(self) -> str:
        return f"{self.number:02d}-{self.slug}"

    @property
    def folder(self) -> str:
        """Its folder relative to the content folder: the area's, or its module's."""
        return f"{self.area.folder}/{module_folder(self.module)}" if self.module else self.area.folder

    @property
    def page(self) -> str:
        """Path relative to the content folder, e.g. ``4-an-toan/01-kiem-tra-ma-otp.md``."""
        return f"{self.folder}/{self.name}.md"

    @property
    def url(self) -> str:
        """Output path of the lesson page (``use_directory_urls: false``)."""
        return f"{self.folder}/{self.name}.html"


def module_folder(number: int) -> str:
    return f"{number:02d}-chu-de-{number}"


@dataclass
class SynthCourse:
    seed: int
    framework_path: Path
    framework: dict
    areas: list[SynthArea]
    lessons: list[SynthLesson]

    def area_lessons(self, area: SynthArea) -> list[SynthLesson]:
        return [lesson for lesson in self.lessons if lesson.area == area]


class _Writer:
    """Text of one lesson, from a generator seeded by (seed, area, index) only."""

    def __init__(self, seed: int, area: SynthArea, index: int, framework: dict):
        self.rng = random.Random(f"hocvuso-synth:{seed}:{area.code}:{index}")
        self.area = area
        self.framework = framework
        self.objects = OBJECTS.get(area.code, OBJECTS["1"])
        self.terms = TERMS.get(area.code, TERMS["1"])

    def pick(self, items):
        return self.rng.choice(items)

    def parts(self) -> dict:
        r = self
        return dict(
            subj=r.pick(SUBJECTS),
            verb=r.pick(VERBS),
            verb2=r.pick(VERBS),
            obj=r.pick(self.objects),
            obj2=r.pick(self.objects),
            comp=r.pick(COMPLEMENTS),
            reason=r.pick(REASONS),
            helper=r.pick(HELPERS),
            name=r.pick(NAMES),
            place=r.pick(PLACES),
            conn=r.pick(CONNECTORS),
        )

    def sentence(self) -> str:
        p = self.parts()
        kind = self.rng.randrange(8)
        if kind == 0:
            return f"{p['conn']} {p['subj']} nên {p['verb']} {p['obj']} {p['comp']}."
        if kind == 1:
            return f"{_cap(p['subj'])} thường {p['verb']} {p['obj']} {p['comp']} {p['reason']}."
        if kind == 2:
            return f"Đừng {p['verb']} {p['obj']} {p['comp']} nếu bạn chưa chắc chắn."
        if kind == 3:
            return f"Hãy {p['verb']} {p['obj']} {p['reason']}, rồi {p['verb2']} {p['obj2']} {p['comp']}."
        if kind == 4:
            return f"{_cap(p['obj'])} giúp {p['subj']} {p['verb']} {p['obj2']} dễ dàng hơn."
        if kind == 5:
            return f"Nhiều người chưa biết cách {p['verb']} {p['obj']}, vì vậy hãy nhờ {p['helper']} chỉ cho."
        if kind == 6:
            return f"Ví dụ, {p['name']} ở {p['place']} đã {p['verb']} {p['obj']} {p['comp']} và thấy yên tâm hơn."
        return f"Khi thấy {p['obj']} có điều gì lạ, {p['subj']} nên dừng lại và hỏi {p['helper']}."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def bullet(self) -> str:
        p = self.parts()
        kind = self.rng.randrange(3)
        if kind == 0:
            return f"{_cap(p['verb'])} {p['obj']} {p['comp']}."
        if kind == 1:
            return f"Không {p['verb']} {p['obj']} {p['comp']} khi chưa hiểu rõ."
        return f"Nhờ {p['helper']} xem giúp {p['obj']} {p['reason']}."

    def steps(self, count: int) -> list[str]:
        verbs = self.rng.sample(STEP_VERBS, count)
        return [
            f"{verb} {self.pick(STEP_OBJECTS)}."
            if i % 2
            else f"{verb} {self.pick(STEP_OBJECTS)} {self.pick(COMPLEMENTS)}."
            for i, verb in enumerate(verbs)
        ]

    def body(self, main_obj: str) -> str:
        out = [self.paragraph(3)]
        words = _words(out[0])
        headings = self.rng.sample(HEADINGS, len(HEADINGS))
        for heading in headings:
            if words >= TARGET_WORDS - 90:
                break
            title = heading.format(verb=self.pick(VERBS), obj=main_obj)
            section = [f"## {title}", self.paragraph(self.rng.randint(3, 4))]
            if self.rng.random() < 0.5:
                section.append("\n".join(f"- {self.bullet()}" for _ in range(self.rng.randint(3, 5))))
            else:
                section.append(
                    "\n".join(f"{i}. {step}" for i, step in enumerate(self.steps(self.rng.randint(4, 5)), 1))
                )
            if self.rng.random() < 0.5:
                section.append(self.paragraph(2))
            words += sum(_words(s) for s in section)
            out += section
        remember = "\n".join(f"    - {self.bullet()}" for _ in range(3))
        out.append(f'!!! tip "Ghi nhớ"\n\n{remember}')
        return "\n\n".join(out) + "\n"

    # questions, in the project's quiz format
    def _options(self, good: int, bad: int, obj: str) -> list[dict]:
        fill = dict(helper=self.pick(HELPERS), Verb=_cap(self.pick(VERBS)), obj=obj, comp=self.pick(COMPLEMENTS))
        right = [t.format(**fill) for t in self.rng.sample(GOOD_ACTIONS, good)]
        wrong = self.rng.sample(BAD_ACTIONS, bad)
        options = [
            {"text": t, "correct": True, "feedback": f"Đúng. Đây là cách làm an toàn, {self.pick(REASONS)}."}
            for t in right
        ]
        options += [
            {"text": t, "correct": False, "feedback": "Chưa đúng. Việc này có thể khiến bạn gặp rủi ro."} for t in wrong
        ]
        self.rng.shuffle(options)
        return options

    def question(self, qid: str, kind: str, main_obj: str) -> dict:
        p = self.parts()
        q: dict = {"id": qid, "type": kind}
        if kind == "single":
            q["prompt"] = f"{_cap(p['name'])} muốn {p['verb']} {main_obj}. Việc nào nên làm trước tiên?"
            if self.rng.random() < 0.5:
                q["hint"] = f"Hãy nghĩ tới {p['helper']}."
            q["options"] = self._options(1, self.rng.randint(2, 3), main_obj)
        elif kind == "multiple":
            q["prompt"] = f"Những việc nào giúp bạn {p['verb']} {main_obj} {p['reason']}? (chọn tất cả ý đúng)"
            q["options"] = self._options(2, 2, main_obj)
        elif kind == "true_false":
            answer = self.rng.random() < 0.5
            if answer:
                q["prompt"] = f"Nên {p['verb']} {main_obj} {p['comp']} {p['reason']}."
            else:
                q["prompt"] = f"Có thể đưa {main_obj} cho bất kỳ ai hỏi qua điện thoại."
            q["answer"] = answer
            q["feedback_true"] = "Chính xác." if answer else "Chưa đúng. Đừng tin người lạ hỏi qua điện thoại."
            q["feedback_false"] = "Chưa đúng. Đây là việc nên làm." if answer else "Chính xác."
        elif kind == "short_text":
            term, meaning = self.pick(self.terms)
            q["prompt"] = f"{meaning} gọi là gì? Gõ câu trả lời vào ô dưới đây."
            q["accept"] = [term]
        elif kind == "ordering":
            q["prompt"] = f"Sắp xếp các bước {p['verb']} {main_obj} theo đúng thứ tự."
            q["items"] = [s.rstrip(".") for s in self.steps(4)]
        else:  # matching
            q["prompt"] = "Nối mỗi từ với ý nghĩa của nó."
            q["pairs"] = [[term, meaning] for term, meaning in self.rng.sample(self.terms, 3)]
        q["explanation"] = self.sentence()
        return q


def _framework_areas(framework: dict) -> list[SynthArea]:
    return [
        SynthArea(str(a["code"]), a["name"], AREA_FOLDERS.get(str(a["code"]), f"{a['code']}-{slugify(a['name'])}"))
        for a in framework["areas"]
    ]


def make_course(lessons: int, seed: int = 7, framework: Path | str | None = None, module_size: int = 0) -> SynthCourse:
    """The synthetic course in memory: ``lessons`` lessons dealt round-robin over the areas, in
    modules of ``module_size`` lessons when it is not 0."""
    framework_path = Path(framework) if framework else REPO / "framework.yml"
    data = yaml.safe_load(framework_path.read_text(encoding="utf-8"))
    areas = _framework_areas(data)
    if lessons < 1:
        raise ValueError("lessons must be at least 1")
    per_area = -(-lessons // len(areas))
    if per_area > MAX_LESSONS_PER_AREA:
        raise ValueError(
            f"{lessons} lessons need {per_area} per area; three-digit file numbers allow "
            f"{MAX_LESSONS_PER_AREA} (at most {MAX_LESSONS_PER_AREA * len(areas)} lessons)"
        )
    if module_size < 0 or module_size > MAX_LESSONS_PER_AREA:
        raise ValueError(f"module_size must be between 0 (no modules) and {MAX_LESSONS_PER_AREA}")
    level_codes = [str(level["code"]) for level in data["levels"]]
    audience_ids = [str(a["id"]) for a in data["audiences"]]
    result: list[SynthLesson] = []
    for i in range(lessons):
        area, index = areas[i % len(areas)], i // len(areas)
        w = _Writer(seed, area, index, data)
        codes = [str(c["code"]) for a in data["areas"] if str(a["code"]) == area.code for c in a["competencies"]]
        audiences = set(w.rng.sample(audience_ids, w.rng.randint(1, 3)))
        main_obj = w.pick(w.objects)
        title = _cap(f"{w.pick(VERBS)} {main_obj}{w.pick(TITLE_SUFFIXES)}")
        module, number = (index // module_size + 1, index % module_size + 1) if module_size else (0, index + 1)
        front = {
            "title": title,
            "competencies": sorted(w.rng.sample(codes, min(len(codes), w.rng.randint(1, 2)))),
            "level": w.pick(level_codes[:5]),
            "audiences": [a for a in audience_ids if a in audiences],
            "duration": w.rng.choice([10, 15, 20]),
            "summary": w.sentence(),
            "objectives": [
                f"Bạn biết cách {w.pick(VERBS)} {w.pick(w.objects)} {w.pick(COMPLEMENTS)}." for _ in range(2)
            ],
        }
        body = w.body(main_obj)
        questions = [
            w.question(
                f"s{area.code}-{module:02d}-{number:02d}-{k + 1}" if module else f"s{area.code}-{number:02d}-{k + 1}",
                QUESTION_TYPES[(i * QUESTIONS_PER_LESSON + k) % len(QUESTION_TYPES)],
                main_obj,
            )
            for k in range(QUESTIONS_PER_LESSON)
        ]
        result.append(SynthLesson(area, index, number, slugify(title), title, front, body, questions, module))
    return SynthCourse(seed, framework_path, data, areas, result)


# --- rendering the three flavors -----------------------------------------------------------------


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def _front(data: dict) -> str:
    return f"---\n{_yaml(data)}---\n\n"


def quiz_yaml(lesson: SynthLesson) -> str:
    """The lesson's self-assessment in the project's quiz format."""
    return _yaml({"title": f"Tự kiểm tra – {lesson.title}", "pass_mark": 80, "questions": lesson.questions})


def _area_intro(area: SynthArea, count: int) -> str:
    return (
        f"Phần **{area.name}** gồm {count} bài ngắn. Mỗi bài có phần ghi nhớ và vài câu hỏi tự kiểm tra.\n\n"
        "Hãy học chậm, làm thử trên điện thoại của mình, và kể lại cho người thân cùng biết.\n"
    )


def _module_intro(title: str) -> str:
    return f"Chủ đề **{title}** gom các bài gần nhau. Học lần lượt từ trên xuống.\n"


def _lesson_header(course: SynthCourse, lesson: SynthLesson) -> str:
    """The lesson header the project renders from front matter, written as plain Markdown."""
    fw = course.framework
    level = next(lv for lv in fw["levels"] if str(lv["code"]) == lesson.front["level"])
    names = {str(c["code"]): c["name"] for a in fw["areas"] for c in a["competencies"]}
    audiences = {str(a["id"]): a["name"] for a in fw["audiences"]}
    meta = (
        f"**Thời lượng:** {lesson.front['duration']} phút · **Trình độ:** {level['name']} ({level['code']}) · "
        f"**Năng lực:** {'; '.join(f'{c} {names[c]}' for c in lesson.front['competencies'])} · "
        f"**Dành cho:** {', '.join(audiences[a] for a in lesson.front['audiences'])}"
    )
    objectives = "\n".join(f"- {o}" for o in lesson.front["objectives"])
    return f"# {lesson.title}\n\n{lesson.front['summary']}\n\n{meta}\n\n## Mục tiêu bài học\n\n{objectives}\n\n"


def _plain_question(n: int, q: dict) -> str:
    lines = [f"**Câu {n}.** {q['prompt']}", ""]
    kind = q["type"]
    if kind in ("single", "multiple"):
        lines += [f"- {o['text']}" for o in q["options"]]
        answer = "; ".join(o["text"] for o in q["options"] if o["correct"])
    elif kind == "true_false":
        lines += ["- Đúng", "- Sai"]
        answer = "Đúng" if q["answer"] else "Sai"
    elif kind == "short_text":
        lines += ["Trả lời: ____________"]
        answer = ", ".join(q["accept"])
    elif kind == "ordering":
        order = sorted(q["items"], key=lambda s: slugify(s))
        lines += [f"- {item}" for item in order]
        answer = " → ".join(q["items"])
    else:
        lines += [f"- {left} → ?" for left, _ in q["pairs"]]
        answer = "; ".join(f"{left} → {right}" for left, right in q["pairs"])
    lines += ["", '??? note "Đáp án"', "", f"    {answer}", "", f"    {q['explanation']}"]
    return "\n".join(lines) + "\n"


def _quiz_question(q: dict) -> str:
    """One question in mkdocs-quiz syntax. It has choice and fill-in-the-blank questions only:
    true/false is a two-option choice, short text a blank, ordering a choice among three orders,
    matching one blank per pair."""
    kind = q["type"]
    body: list[str] = []
    if kind in ("single", "multiple"):
        body.append(q["prompt"])
        body.append("")
        for o in q["options"]:
            body.append(f"- [{'x' if o['correct'] else ' '}] {o['text']}")
            if o.get("feedback"):
                body.append(f"> {o['feedback']}")
        body += ["", q["explanation"]]
    elif kind == "true_false":
        body += [
            q["prompt"],
            "",
            f"- [{'x' if q['answer'] else ' '}] Đúng",
            f"> {q['feedback_true']}",
            f"- [{' ' if q['answer'] else 'x'}] Sai",
            f"> {q['feedback_false']}",
            "",
            q["explanation"],
        ]
    elif kind == "short_text":
        body += [f"{q['prompt']} [[{q['accept'][0]}]]", "", "---", "", q["explanation"]]
    elif kind == "ordering":
        items = q["items"]
        orders = [items, items[1:] + items[:1], list(reversed(items))]
        body += [q["prompt"], ""]
        for order in sorted(orders, key=lambda o: " ".join(o)):
            body.append(f"- [{'x' if order == items else ' '}] {' → '.join(order)}")
        body += ["", q["explanation"]]
    else:
        body += [q["prompt"], ""]
        body += [f"- {left}: [[{right}]]" for left, right in q["pairs"]]
        body += ["", "---", "", q["explanation"]]
    return "<quiz>\n" + "\n".join(body) + "\n</quiz>\n"


def lesson_markdown(course: SynthCourse, lesson: SynthLesson, flavor: str) -> str:
    """The lesson's .md file in a flavor (``hocvuso``, ``plain`` or ``quiz``)."""
    if flavor == "hocvuso":
        return _front(lesson.front) + lesson.body
    text = _front({"title": lesson.title}) + _lesson_header(course, lesson) + lesson.body
    text += "\n## Tự kiểm tra\n\n"
    if flavor == "plain":
        return text + "\n".join(_plain_question(n, q) for n, q in enumerate(lesson.questions, 1))
    if flavor == "quiz":
        return text + "\n".join(_quiz_question(q) for q in lesson.questions)
    raise ValueError(f"unknown flavor {flavor!r}; use one of {', '.join(FLAVORS)}")


def _repo_config(mkdocs_yml: Path) -> dict:
    with open(mkdocs_yml, encoding="utf-8") as f:
        return yaml.safe_load(f)


def mkdocs_config_text(
    course: SynthCourse, flavor: str, *, mkdocs_yml: Path | None = None, theme_dir: Path | None = None
) -> str:
    """The flavor's mkdocs.yml. ``hocvuso`` copies the repository's file, pointing ``custom_dir`` at
    its theme by absolute path; the others keep its site, theme and Markdown settings, drop the
    custom theme and this plugin, and list the nav the plugin would have made."""
    mkdocs_yml = mkdocs_yml or REPO / "mkdocs.yml"
    theme_dir = (theme_dir or REPO / "theme").resolve()
    source = mkdocs_yml.read_text(encoding="utf-8")
    if flavor == "hocvuso":
        text, count = re.subn(r"(?m)^(\s*custom_dir:\s*).*$", lambda m: m[1] + json.dumps(str(theme_dir)), source)
        if not count:
            raise ValueError(f"{mkdocs_yml} has no theme.custom_dir to point at {theme_dir}")
        return text
    config = _repo_config(mkdocs_yml)
    theme = {k: v for k, v in (config.get("theme") or {}).items() if k != "custom_dir"}
    nav: list = [{"Trang chủ": "index.md"}]
    for area in course.areas:
        lessons = course.area_lessons(area)
        if lessons:
            nav.append({f"{area.code}. {area.name}": [f"{area.folder}/index.md"] + [x.page for x in lessons]})
    plugins: list = ["search"] + (["mkdocs_quiz"] if flavor == "quiz" else [])
    out = {
        key: config[key]
        for key in ("site_name", "site_description", "docs_dir", "site_dir", "use_directory_urls")
        if key in config
    }
    out.update(theme=theme, plugins=plugins)
    if "markdown_extensions" in config:
        out["markdown_extensions"] = config["markdown_extensions"]
    out["nav"] = nav
    return f"# Synthetic course ({flavor}) written by benchmarks/synth.py; seed {course.seed}.\n" + _yaml(out)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _prepare(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise FileExistsError(
                f"{out} is not empty and was not written by benchmarks.synth; choose an empty or new folder"
            )
        for name in ("content", "quizzes", "site"):
            shutil.rmtree(out / name, ignore_errors=True)
        for name in ("framework.yml", "mkdocs.yml", "glossary.yml"):
            (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def write_course(
    out: Path | str,
    lessons: int = 600,
    flavor: str = "hocvuso",
    seed: int = 7,
    *,
    framework: Path | str | None = None,
    mkdocs_yml: Path | str | None = None,
    theme_dir: Path | str | None = None,
    glossary: Path | str | bool | None = None,
    module_size: int = 0,
) -> SynthCourse:
    """Write a complete project folder for ``mkdocs build`` and return the course written.

    ``out`` must be new, empty, or a folder this function wrote before (it is then replaced).
    ``framework``, ``mkdocs_yml`` and ``theme_dir`` default to the repository's own files. The
    ``hocvuso`` flavor also gets the repository's ``glossary.yml`` when it has one (a real course
    has a glossary, and marking its terms is part of the build); ``glossary=False`` leaves it out,
    a path uses that file.
    """
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}; use one of {', '.join(FLAVORS)}")
    out = Path(out)
    course = make_course(lessons, seed, framework, module_size)
    _prepare(out)
    marker = {"lessons": lessons, "flavor": flavor, "seed": seed} | (
        {"module_size": module_size} if module_size else {}
    )
    _write(out / MARKER, json.dumps(marker) + "\n")
    _write(
        out / "mkdocs.yml",
        mkdocs_config_text(
            course,
            flavor,
            mkdocs_yml=Path(mkdocs_yml) if mkdocs_yml else None,
            theme_dir=Path(theme_dir) if theme_dir else None,
        ),
    )
    content = out / "content"
    for area in course.areas:
        count = len(course.area_lessons(area))
        if count:
            _write(content / area.folder / "index.md", _front({"title": area.name}) + _area_intro(area, count))
    for lesson in course.lessons:
        _write(content / lesson.page, lesson_markdown(course, lesson, flavor))
    modules = sorted(
        {(lesson.area.folder, lesson.area.name, lesson.module) for lesson in course.lessons if lesson.module}
    )
    for folder, name, number in modules if flavor == "hocvuso" else ():
        title = f"{name} – chủ đề {number}"
        _write(content / folder / module_folder(number) / "index.md", _front({"title": title}) + _module_intro(title))
    if flavor == "hocvuso":
        (out / "framework.yml").write_bytes(course.framework_path.read_bytes())
        glossary_file = (REPO / "glossary.yml") if glossary in (None, True) else glossary
        if glossary_file and Path(glossary_file).is_file():
            (out / "glossary.yml").write_bytes(Path(glossary_file).read_bytes())
        for lesson in course.lessons:
            _write(out / "quizzes" / lesson.folder / f"{lesson.name}.yml", quiz_yaml(lesson))
    else:
        areas = "\n".join(
            f"- [{a.code}. {a.name}]({a.folder}/index.md)" for a in course.areas if course.area_lessons(a)
        )
        _write(
            content / "index.md",
            _front({"title": "Trang chủ"})
            + f"# {course.framework['name']}\n\nChọn một lĩnh vực để bắt đầu học.\n\n{areas}\n",
        )
    return course


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="folder to write (new, empty, or written by this tool before)")
    p.add_argument("--lessons", type=int, default=600, help="number of lessons (default 600)")
    p.add_argument("--flavor", choices=FLAVORS, default="hocvuso")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--module-size", type=int, default=0, help="lessons per module folder (default 0: no modules)")
    args = p.parse_args(argv)
    try:
        course = write_course(args.out, args.lessons, args.flavor, args.seed, module_size=args.module_size)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    questions = sum(len(lesson.questions) for lesson in course.lessons)
    print(f"wrote {len(course.lessons)} lessons, {questions} questions ({args.flavor}) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
