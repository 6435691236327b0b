"""ruff, as the test command runs it: lint and format check of the Python code (rules in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE = ["generator", "tests", "benchmarks"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args, *CODE], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "args, fix",
    [
        (("check", "--no-cache", "--output-format", "concise"), "ruff check --fix (or fix by hand)"),
        (("format", "--no-cache", "--check", "--output-format", "concise"), "ruff format generator tests benchmarks"),
    ],
    ids=["check", "format"],
)
def test_ruff(args, fix):
    run = ruff(*args)
    if "No module named ruff" in run.stderr:
        pytest.fail("ruff is not installed: pip install -e '.[test]'", pytrace=False)
    assert run.returncode == 0, f"{run.stdout}{run.stderr}\nTo fix: {fix}"
