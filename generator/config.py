"""Options of the `hocvuso` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HocVuSoConfig(Config):
    enabled = c.Type(bool, default=True)
    # The competency framework file, relative to mkdocs.yml.
    framework = c.Type(str, default="framework.yml")
    # The folder of quiz files, relative to mkdocs.yml; lessons live in `docs_dir`.
    quizzes = c.Type(str, default="quizzes")
    # The course glossary, relative to mkdocs.yml; a course without this file has no glossary.
    glossary = c.Type(str, default="glossary.yml")
    # The message catalogue (generator/locales/<language>.yml) for the site and the errors.
    language = c.Type(str, default="vi")
    # Names the learner's saved progress in the browser (`hocvuso:v1:<course_id>`). Default: the
    # site name without diacritics. Set it to keep progress when renaming the site.
    course_id = c.Optional(c.Type(str))
