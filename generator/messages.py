"""The message catalogue: every string a teacher or learner reads, looked up by key.

Strings live in `locales/<language>.yml`; a language is a translated copy of `vi.yml` (the default).
A `Catalogue` is one language's strings. The build or command that runs activates its catalogue
(`activate`, from the `language` option) for its own thread of work, so two builds in one process
may speak two languages; the functions below (`msg`, `ui`, …) read the active one.
"""

from __future__ import annotations

import contextvars
import functools
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "vi"


def languages() -> list[str]:
    """The languages that have a catalogue."""
    return sorted(path.stem for path in LOCALES.glob("*.yml"))


class Catalogue:
    def __init__(self, language: str = DEFAULT_LANGUAGE):
        self.language = language
        self.data = _load(language)
        self._texts: dict[tuple[str, str], tuple[str, bool]] = {}  # 60,000 look-ups in a 600-lesson build

    def text(self, section: str, key: str, /, **values) -> str:
        found = self._texts.get((section, key))
        if found is None:
            node = self.data[section]
            for part in key.split("."):
                node = node[part]
            text = str(node)
            found = self._texts[section, key] = (text, "{" not in text and "}" not in text)
        return found[0] if found[1] and not values else found[0].format(**values)

    def section(self, section: str, key: str | None = None) -> dict:
        node = self.data[section]
        for part in key.split(".") if key else ():
            node = node[part]
        return dict(node)


@functools.cache
def _load(language: str) -> dict:
    with open(LOCALES / f"{language}.yml", encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10× faster


@functools.cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> Catalogue:
    return Catalogue(language)


_active: contextvars.ContextVar[Catalogue] = contextvars.ContextVar("hocvuso_catalogue")


def activate(language: str) -> Catalogue:
    """Use this language's catalogue for what follows in this thread (a build, a command)."""
    active = catalogue(language)
    _active.set(active)
    return active


def set_language(language: str) -> None:
    activate(language)


def active() -> Catalogue:
    return _active.get(None) or catalogue(DEFAULT_LANGUAGE)


def catalogue_section(section: str, key: str) -> dict:
    return active().section(section, key)


def msg(key: str, /, **values) -> str:
    """An error message for a teacher."""
    return active().text("errors", key, **values)


def warning(key: str, /, **values) -> str:
    """A warning for a teacher (reported by `hocvuso check`)."""
    return active().text("warnings", key, **values)


def teacher_text(key: str, /, **values) -> str:
    """A message of the authoring commands (`hocvuso check`, `new`, `report`, `export`, `import`)."""
    return active().text("teacher", key, **values)


def ui(key: str, /, **values) -> str:
    """A string shown on the site."""
    return active().text("ui", key, **values)


def ui_strings() -> dict:
    """All site strings."""
    return active().section("ui")


def script_strings() -> dict:
    """The strings the browser script shows (`ui.script`), shipped inside the script file."""
    return active().section("ui", "script")


def dist_text(key: str, /, **values) -> str:
    """A message about packing, copying and checking the course (`hocvuso dist`, `verify`, `onefile`)."""
    return active().text("dist", key, **values)


def option_text(key: str, /, **values) -> str:
    """A message about a bad option in `mkdocs.yml`."""
    return active().text("options", key, **values)
