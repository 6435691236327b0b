"""Options of the `hocvuso` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HocVuSoConfig(Config):
    enabled = c.Type(bool, default=True)
    # The competency framework file, relative to mkdocs.yml.
    framework = c.Type(str, default="framework.yml")
    # The folder of quiz files, relative to mkdocs.yml; lessons live in `docs_dir`.
    quizzes = c.Type(str, default="quizzes")
    # The message catalogue (generator/locales/<language>.yml) for the site and the errors.
    language = c.Type(str, default="vi")
