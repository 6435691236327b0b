"""The message catalogue: every string a teacher or learner reads, looked up by key.

Strings live in `locales/<lang>.yml` so a second language is a translated copy of that file.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "vi"
_language = DEFAULT_LANGUAGE


@functools.cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict:
    with open(LOCALES / f"{language}.yml", encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10× faster


def set_language(language: str) -> None:
    global _language
    catalogue(language)  # fail early, at configuration time, on a missing catalogue
    _language = language


def _lookup(section: str, key: str) -> object:
    node = catalogue(_language)[section]
    for part in key.split("."):
        node = node[part]
    return node


def catalogue_section(section: str, key: str) -> dict:
    return dict(_lookup(section, key))


def msg(key: str, /, **values) -> str:
    """An error message for a teacher."""
    return str(_lookup("errors", key)).format(**values)


def warning(key: str, /, **values) -> str:
    """A warning for a teacher (reported by `hocvuso check`)."""
    return str(_lookup("warnings", key)).format(**values)


def teacher_text(key: str, /, **values) -> str:
    """A message of the authoring commands (`hocvuso check`, `new`, `report`, `export`, `import`)."""
    return str(_lookup("teacher", key)).format(**values)


def ui(key: str, /, **values) -> str:
    """A string shown on the site."""
    return str(_lookup("ui", key)).format(**values)


def ui_strings() -> dict:
    """All site strings."""
    return dict(catalogue(_language)["ui"])


def script_strings() -> dict:
    """The strings the browser script shows (`ui.script`), shipped inside the script file."""
    return dict(catalogue(_language)["ui"]["script"])


def dist_text(key: str, **values) -> str:
    """A message about packing, copying and checking the course (`hocvuso dist`, `verify`, `onefile`)."""
    return str(_lookup("dist", key)).format(**values)
