"""The `hocvuso` plugin's options for MkDocs, validated by the core's own checks (`generator.options`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .. import options
from ..sources import Project


class _Checked(c.Type):
    """A string option whose value the core validates; its error becomes MkDocs' option error."""

    def __init__(self, check, default):
        super().__init__(str, default=default)
        self.check = check

    def run_validation(self, value):
        value = super().run_validation(value)
        try:
            return self.check(value)
        except options.OptionError as exc:
            raise ValidationError(str(exc)) from None


_defaults = options.Options()


class HocVuSoConfig(Config):
    enabled = c.Type(bool, default=_defaults.enabled)
    framework = _Checked(options.check_relative_path, _defaults.framework)
    quizzes = _Checked(options.check_relative_path, _defaults.quizzes)
    glossary = _Checked(options.check_relative_path, _defaults.glossary)
    language = _Checked(options.check_language, _defaults.language)
    course_id = c.Optional(c.Type(str))

    def core(self) -> options.Options:
        return options.Options(**{name: self[name] for name in options.Options.__dataclass_fields__})


def project_of(config, options: HocVuSoConfig) -> Project:
    """Where the course's files are, from `mkdocs.yml` and the plugin's options."""
    root = Path(config.config_file_path or ".").resolve().parent
    return Project(
        root=root,
        content=Project(root).rel(Path(config.docs_dir).resolve()),
        quizzes=options.quizzes,
        framework=options.framework,
        glossary=options.glossary,
    )
