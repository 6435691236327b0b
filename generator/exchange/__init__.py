"""Exchange the question bank with Moodle: export to GIFT and Moodle XML, import GIFT and Aiken.

One module per format — `gift`, `moodle_xml`, `aiken` — over what they share (`notes`: the bank,
categories, notes on what a format cannot express; `syntax`: GIFT's spelling; `yamlwrite`: quiz
YAML), and `importer` for `hocvuso import`. Each question type says how it maps to each format
(generator/questions/).

Export keeps everything Moodle can hold and reports the rest:
- ordering questions have no Moodle counterpart without a plug-in: they become matching questions
  that pair each step with its position (1, 2, 3…);
- Moodle compares short answers letter by letter, diacritics included, while the course accepts an
  answer typed without diacritics by default: the unaccented forms are added as accepted answers;
- GIFT has no hints, competencies or levels: they ride along in a `// hocvuso: {...}` comment line
  (Moodle ignores comments) so a GIFT file exported here imports back without loss; Moodle XML
  carries hints as <hint> and competency and level as tags.
Import reads GIFT (Moodle's own parser's rules) and Aiken into quiz YAML, and reports what the
course cannot express (numerical and essay questions, partial credit, per-answer feedback on short
answers) instead of dropping it silently; a question it cannot read is reported with its line.

Plain functions, independent of MkDocs; `hocvuso export` and `hocvuso import` call them.
"""

from __future__ import annotations

from ..questions.short_text import strip_diacritics
from .aiken import parse_aiken
from .gift import META_PREFIX, parse_gift, to_gift
from .importer import ID_PATTERN, ExchangeError, ImportResult, detect_format, import_into, parse, prepare
from .moodle_xml import to_moodle_xml
from .notes import CATEGORY_ROOT, Export, Imported, Notes, bank, category, said
from .syntax import escape as gift_escape
from .yamlwrite import question_yaml, quiz_yaml, yaml_str

__all__ = [
    "CATEGORY_ROOT",
    "ID_PATTERN",
    "META_PREFIX",
    "ExchangeError",
    "Export",
    "ImportResult",
    "Imported",
    "Notes",
    "bank",
    "category",
    "detect_format",
    "gift_escape",
    "import_into",
    "parse",
    "parse_aiken",
    "parse_gift",
    "prepare",
    "question_yaml",
    "quiz_yaml",
    "said",
    "strip_diacritics",
    "to_gift",
    "to_moodle_xml",
    "yaml_str",
]
