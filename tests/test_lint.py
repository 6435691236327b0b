"""Developer tooling: ruff's lint and format check of the Python code (rules in pyproject.toml), and CI
running exactly README's test command."""

from __future__ import annotations

import re
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


def test_ci_runs_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (command,) = re.findall(r"## Run the tests\n\n```sh\n(.+)\n```", readme)
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")][-1] == command
