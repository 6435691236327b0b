"""The benchmark report's issue 21 part (benchmarks/run.py, benchmarks/first_load.py), on made-up figures."""

from __future__ import annotations

import importlib.util

from benchmarks import first_load, run


def _entry(time_ratio: float, worst_gzip: int, site_bytes: int, hooks: dict | None = None) -> dict:
    return {
        "time_vs_plain": time_ratio,
        "cpu_vs_plain": time_ratio,
        "peak_rss_median_mb": 80.0,
        "site_bytes": site_bytes,
        "first_load": {
            "kinds": {"home": {"pages": 1, "worst": {"page": "index.html", "gzip": worst_gzip, "requests": 9}}},
            "worst": {"page": "index.html", "gzip": worst_gzip, "requests": 9},
        },
        "lesson_requests": {"requests": 3},
        "hooks": hooks or {"search_bytes": None, "preview": None},
    }


def test_goals_pass_or_miss_per_size():
    results = {
        "60": {"hocvuso": _entry(0.9, 59_000, 3_000_000)},
        "600": {"hocvuso": _entry(0.6, 61_000, 19_000_000)},
    }
    verdicts = [(g["goal"], g["ok"]) for g in run.flat_goals(results)]
    assert ("N=60: build wall ≤ 1.0× plain", True) in verdicts
    assert ("N=600: build wall ≤ 0.5× plain", False) in verdicts
    assert ("N=600: whole site ≤ 20,000,000 B", True) in verdicts
    first = [ok for goal, ok in verdicts if "first load" in goal]
    assert first == [True, False]


def test_requests_search_preview_memory_and_linear_time_are_checked():
    hooks = {"search_bytes": {"raw": 151_000}, "preview": {"lesson_median_s": 1.2, "quiz_median_s": 2.0}}
    big = _entry(0.4, 50_000, 19_000_000, hooks) | {"peak_rss_median_mb": 310.0, "build_cpu_median_s": 66.0}
    big["lesson_requests"] = {"requests": 9, "gzip": 39_000}
    results = {
        "600": {"hocvuso": _entry(0.4, 50_000, 19_000_000) | {"build_cpu_median_s": 10.0}},
        "3000": {"hocvuso": big},
    }
    verdicts = dict((g["goal"], g["ok"]) for g in run.flat_goals(results))
    assert verdicts["N=3000: first lesson load ≤ 8 requests"] is False
    assert verdicts["N=3000: first lesson load ≤ 40,000 B gzip"] is True
    assert verdicts["N=3000: a first search query fetches ≤ 150,000 B"] is False
    assert verdicts["N=3000: preview after saving a lesson ≤ 1.5 s (median)"] is True
    assert verdicts["N=3000: preview after saving a quiz ≤ 1.5 s (median)"] is False
    assert verdicts["N=3000: peak memory ≤ 300 MB"] is False
    # 66 s for 3,000 lessons is 22 ms a lesson against 16.7 at 600: 1.32×, not linear
    assert verdicts["N=3000: build CPU per lesson ≤ 1.2× that at N=600 (linear in N)"] is False
    assert verdicts["N=600: first lesson load ≤ 8 requests"] is True


def test_the_table_names_the_worst_page_and_says_n_a_for_missing_hooks():
    table = run.flat_table({"600": {"hocvuso": _entry(0.45, 58_000, 19_000_000)}})
    assert "58.0 (index.html)" in table and "home 58" in table
    assert table.count("n/a") == 2
    measured = _entry(0.45, 58_000, 19_000_000, {"search_bytes": {"first_query_bytes": 12345}, "preview": None})
    assert "first_query_bytes 12345" in run.flat_table({"600": {"hocvuso": measured}})


def test_a_hook_module_that_does_not_exist_is_none(tmp_path):
    for name, (module, _) in run.HOOKS.items():
        if importlib.util.find_spec(module) is None:
            assert run.hook(name, tmp_path, tmp_path) is None


def test_page_kinds():
    assert first_load.page_kind("index.html", "") == "home"
    assert first_load.page_kind("tu-dien.html", "") == "glossary"
    assert first_load.page_kind("ket-qua.html", "") == "results"
    assert first_load.page_kind("lo-trinh/nguoi-dan/4-an-toan.html", "") == "path"
    assert first_load.page_kind("4-an-toan/01-x.html", '<header class="hvs-lesson-head">') == "lesson"
    assert first_load.page_kind("4-an-toan/index.html", '<div data-hvs-area="4">') == "area"
    for owners in ("phieu/4-an-toan/01-x.html", "bao-cao.html", "lop-hoc.html", "404.html"):
        assert first_load.page_kind(owners, "") is None


def test_a_course_beyond_600_lessons_is_written_with_modules(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "MAX_FLAT_LESSONS", 12)
    monkeypatch.setattr(run, "MODULE_SIZE", 4)
    course = run._write_course(tmp_path / "c", 24, "hocvuso", 7)
    assert len(course.lessons) == 24
    lessons = sorted(p.relative_to(tmp_path / "c/content") for p in (tmp_path / "c/content").rglob("*.md"))
    assert any(len(p.parts) == 3 for p in lessons)  # <area>/<module>/<lesson>.md


def test_issue_4_budgets_are_checked_at_600_lessons_not_the_largest_size():
    def with_budget(site_bytes):
        budgets = {"site_bytes": {"measured": site_bytes, "limit": 30_000_000}}
        return {"hocvuso": _entry(0.5, 40_000, site_bytes) | {"page_weight_module": {"budgets": budgets}}}

    results = {"600": with_budget(25_000_000), "3000": with_budget(130_000_000)}
    verdicts = {g["goal"]: g["ok"] for g in run.goals(results)}
    assert verdicts["issue 4 budget at N=600: site_bytes ≤ 30,000,000 (benchmarks/page_weight.py)"] is True
    assert not any("issue 4 budget at N=3000" in goal for goal in verdicts)
