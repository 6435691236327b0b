"""The command line speaks the teacher's language: help, errors, `--version`, and `hocvuso` alone."""

from __future__ import annotations

import re

import pytest

from generator import cli

ENGLISH = re.compile(r"\b(usage|options|positional arguments|show this help|error|required|invalid choice)\b")


def _run(capsys, *argv) -> tuple[int, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse's own exits (help, version, errors)
        code = exc.code
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["check", "--help"],
        ["new", "--help"],
        ["export"],
        ["nonsense"],
        ["new", "4", "x", "--duration", "mười"],
    ],
)
def test_no_english_from_argparse(capsys, argv):
    code, out = _run(capsys, *argv)
    assert "Cách dùng: hocvuso" in out, out
    assert not ENGLISH.search(out), out


def test_each_command_describes_itself_with_an_example(capsys):
    for name in cli.COMMANDS:
        code, out = _run(capsys, name, "--help")
        assert code == 0 and "Ví dụ: hocvuso " in out, (name, out)


def test_version(capsys):
    code, out = _run(capsys, "--version")
    assert code == 0 and re.fullmatch(r"hocvuso \S+\n", out), out


def test_a_missing_argument_names_it_in_vietnamese(capsys):
    code, out = _run(capsys, "export")
    assert code == 2 and "lỗi: còn thiếu: -o/--output" in out, out
