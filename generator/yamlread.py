"""Read teacher-written YAML into plain values while remembering where each value came from.

Teachers write `competencies: [4.1]`, `text: Có` or `text: yes`; plain YAML would turn those into a
float and a boolean. Here every scalar stays the text the teacher typed, except under the few keys
that are meant to be numbers or booleans (`TYPED_KEYS`), so the schema sees what the teacher meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import Problem

# Keys whose values keep YAML's own typing (numbers, booleans).
TYPED_KEYS = frozenset({"correct", "answer", "pass_mark", "duration", "diacritics", "verified",
                        "x", "y", "w", "h", "video"})  # the last five: hotspot regions, call screens

Path = tuple  # a path into the document: keys and list indexes


@dataclass
class Document:
    """A YAML document as plain values plus the source line of every node (1-based)."""

    data: object
    lines: dict = field(default_factory=dict)
    first_line: int = 1

    def line(self, path: Path) -> int:
        """The line of the node at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, self.first_line)


class YamlSyntaxError(Exception):
    """The text is not YAML; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


_constructor = SafeConstructor()


def _typed(node: ScalarNode):
    try:
        return _constructor.construct_object(node, deep=True)
    except Exception:  # a malformed timestamp or similar: keep the text
        return node.value
    finally:  # the constructor remembers every node it built: forget them, or the course's nodes stay in memory
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()


# Aliases may repeat a node many times ("billion laughs"); no teacher file comes near this.
MAX_NODES = 200_000


class _TooLarge(Exception):
    pass


def _convert(node, path: Path, typed: bool, doc: Document, duplicates: list, active: frozenset = frozenset()):
    if id(node) in active or len(doc.lines) > MAX_NODES:
        raise _TooLarge()
    active = active | {id(node)} if not isinstance(node, ScalarNode) else active
    doc.lines[path] = node.start_mark.line + doc.first_line
    if isinstance(node, ScalarNode):
        if typed:
            return _typed(node)
        if node.tag == "tag:yaml.org,2002:null" and not node.style and node.value in ("", "~", "null"):
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), typed, doc, duplicates, active) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            if key in result:
                duplicates.append((path + (key,), key_node.start_mark.line + doc.first_line, key))
                continue
            result[key] = _convert(value_node, path + (key,), key in TYPED_KEYS, doc, duplicates, active)
        return result
    return None


def _explain(problem: str) -> str:
    """PyYAML's problem text in the catalogue's words, when the catalogue knows it."""
    from .messages import catalogue_section

    for start, words in catalogue_section("errors", "yaml_problems").items():
        if problem.startswith(start):
            return words
    return problem


# libyaml (C) composes a course's files several times faster than PyYAML's Python parser. On a
# mistake the Python parser reads the text again, so the message and line are the ones the
# catalogue explains (`errors.yaml_problems`). Plain scalars have style '' in C and None in Python.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str):
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def read_yaml(text: str, path: str, first_line: int = 1) -> tuple[Document, list]:
    """Parse `text`; return the document and the duplicate keys found as (path, line, key).

    Raises YamlSyntaxError with a located Problem when the text is not valid YAML.
    `first_line` is the file line where `text` starts (front matter starts on line 2).
    """
    from .messages import msg

    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        detail = _explain((exc.problem or "").strip())
        raise YamlSyntaxError(Problem(path, line, msg("yaml_syntax", detail=detail))) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise YamlSyntaxError(Problem(path, first_line, msg("yaml_syntax", detail=str(exc).splitlines()[0]))) from None
    doc = Document(data=None, first_line=first_line)
    duplicates: list = []
    if node is not None:
        try:
            doc.data = _convert(node, (), False, doc, duplicates)
        except _TooLarge:
            raise YamlSyntaxError(Problem(path, first_line, msg("yaml_too_large"))) from None
    return doc, duplicates
