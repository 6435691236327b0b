"""`hocvuso roster CODES.txt [--csv OUT]` (issue 19): the class's results from a file of learners'
results codes, with each refused code named by line, duplicates merged, and a CSV for Excel; and
the results code's own rules (round trip, checksum, course, edition, size)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus_tools import make_course
from generator import render, results_code, roster
from generator.cli import main
from generator.loader import Project, load
from generator.messages import ui

COURSE_ID = "khoa-thu"  # the mini course's site name "Khóa thử"


@pytest.fixture
def course(tmp_path) -> tuple[Path, dict]:
    folder = make_course(None, tmp_path / "course")
    return folder, render.course_data(load(Project(folder)).course)


def codes_for(data: dict) -> list[str]:
    pages, codes = results_code.structure(data)
    day = dt.date(2026, 12, 1)
    return [
        results_code.grouped(results_code.encode(COURSE_ID, data, r))
        for r in (
            results_code.Results("Trần Văn An", day, pages, {codes[0]: 3}),
            results_code.Results("Lê Thị Bình", day, [], {codes[0]: 1}),
            results_code.Results("Phạm Cúc", day, [], {}),
            # the first learner again, later and with another score: one row, the best of both
            results_code.Results("trần  văn an", day + dt.timedelta(days=2), [], {codes[0]: 5}),
        )
    ]


def run(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(folder), "roster", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_roster_tallies_codes_merges_duplicates_and_writes_csv_for_excel(capsys, course, tmp_path):
    folder, data = course
    codes = codes_for(data)
    listing = tmp_path / "ma.txt"
    listing.write_text("\n".join(codes[:2]) + "\n\n" + "\n".join(codes[2:]) + "\n", encoding="utf-8")
    out_csv = tmp_path / "lop.csv"
    exit_code, out, err = run(capsys, folder, str(listing), "--csv", str(out_csv))
    assert exit_code == 0, err
    table = roster.table(roster.tally(codes, COURSE_ID, data), data)
    total = table[-2]
    assert total[0] == ui("share.total", count=3)  # four codes, three learners
    assert total[2] == len(results_code.structure(data)[0])  # only An passed lessons
    assert total[-len(data["competencies"])] == 5 + 1  # An's best score, Bình's
    assert "trần văn an | 03/12/2026" in out  # the later code's name and date
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw == roster.csv_bytes(table)
    assert "Lê Thị Bình" in raw.decode("utf-8-sig")


def test_roster_names_each_refused_code_by_line(capsys, course, tmp_path):
    folder, data = course
    good = codes_for(data)[0]
    typo = good[:6] + ("Z" if good[6] != "Z" else "Y") + good[7:]
    pages, codes = results_code.structure(data)
    foreign = results_code.grouped(
        results_code.encode("khoa-khac", data, results_code.Results("X", dt.date(2026, 1, 1), [], {}))
    )
    listing = tmp_path / "ma.txt"
    listing.write_text(f"{good}\n{typo}\nxin chao\n{foreign}\n", encoding="utf-8")
    exit_code, out, err = run(capsys, folder, str(listing))
    assert exit_code == 1
    assert f"{listing}:2: {ui('share.err_checksum')}" in err
    assert f"{listing}:3: {ui('share.err_format')}" in err
    assert f"{listing}:4: {ui('share.err_course')}" in err
    assert "Trần Văn An" in out  # the good code still counts
    assert "Traceback" not in err


def test_roster_of_a_file_without_any_good_code_fails_clearly(capsys, course, tmp_path):
    folder, _ = course
    listing = tmp_path / "ma.txt"
    listing.write_text("ABCD-EFGH\n", encoding="utf-8")
    exit_code, out, err = run(capsys, folder, str(listing))
    assert exit_code == 1 and "ma.txt" in err and out == ""
    exit_code, _, err = run(capsys, folder, str(tmp_path / "khong-co.txt"))
    assert exit_code == 1 and "khong-co.txt" in err


def test_a_code_from_another_edition_of_the_course_is_refused(course):
    _, data = course
    code = results_code.encode(COURSE_ID, data, results_code.Results("An", dt.date(2026, 1, 1), [], {}))
    changed = dict(data, competencies=data["competencies"][:-1])
    with pytest.raises(results_code.CodeError) as caught:
        results_code.decode(code, COURSE_ID, changed)
    assert caught.value.kind == "edition"


def test_every_single_character_typo_is_caught(course):
    _, data = course
    pages, codes = results_code.structure(data)
    code = results_code.encode(COURSE_ID, data, results_code.Results("Lan", dt.date(2026, 12, 3), pages, {codes[0]: 2}))
    for i, char in enumerate(code):
        for other in results_code.ALPHABET:
            if other != char:
                with pytest.raises(results_code.CodeError):
                    results_code.decode(code[:i] + other + code[i + 1 :], COURSE_ID, data)


def test_typing_forgiveness_lowercase_separators_and_look_alikes(course):
    _, data = course
    code = results_code.encode(COURSE_ID, data, results_code.Results("Lan", dt.date(2026, 12, 3), [], {}))
    typed = results_code.grouped(code).lower().replace("0", "o").replace("1", "l")
    assert results_code.decode(typed, COURSE_ID, data).name == "Lan"
