"""Host insurance: the course builds unchanged on ProperDocs, the maintained fork of MkDocs 1.x.

ProperDocs installs as its own `properdocs` module beside `mkdocs` and, when its CLI runs, serves every
`mkdocs.*` import (our plugin's, Material's) from itself. The fixture course built by each must be the
same site but for the generator's name.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None, reason="properdocs is not installed (pip install -e '.[test]')"
)

# What may differ: the <meta name="generator"> tag, and the service worker's version, a hash of the files.
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_SW_VERSION = re.compile(rb'var VERSION = "[0-9a-f]+";')


def _normalised(path: Path) -> bytes:
    return _SW_VERSION.sub(b"", _GENERATOR.sub(b"", path.read_bytes()))


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def test_fixture_course_builds_the_same_on_properdocs(mini_site, tmp_path):
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    config = FIXTURES / "mini" / "mkdocs.yml"
    run = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    ours, theirs = _files(mini_site), _files(tmp_path / "site")
    assert sorted(theirs) == sorted(ours)
    assert b"ProperDocs" in (tmp_path / "site" / "index.html").read_bytes()  # it really was ProperDocs
    assert [name for name in ours if _normalised(ours[name]) != _normalised(theirs[name])] == []
