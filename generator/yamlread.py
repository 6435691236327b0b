"""Read teacher-written YAML into plain values while remembering where each value came from.

Teachers write `competencies: [4.1]`, `text: Có` or `text: yes`; plain YAML would turn those into a
float and a boolean. Here every scalar stays the text the teacher typed, except under the few keys
that are meant to be numbers or booleans (`TYPED_KEYS`), so the schema sees what the teacher meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .errors import Problem

# Keys whose values keep YAML's own typing (numbers, booleans).
TYPED_KEYS = frozenset(
    {"correct", "answer", "pass_mark", "duration", "diacritics", "verified", "x", "y", "w", "h", "video"}
)  # the last five: hotspot regions, call screens

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
_resolver = Resolver()
_NULL = "tag:yaml.org,2002:null"


def _tag(event) -> str:
    if event.tag is None or event.tag == "!":
        return _resolver.resolve(ScalarNode, event.value, event.implicit)
    return event.tag


def _typed(event: ScalarEvent):
    node = ScalarNode(_tag(event), event.value, event.start_mark, event.end_mark, style=event.style)
    try:
        return _constructor.construct_object(node, deep=True)
    except Exception:  # a malformed timestamp or similar: keep the text
        return event.value
    finally:  # the constructor remembers every node it built: forget them, or the course's nodes stay in memory
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()


# YAML 1.1 reads these as booleans; a teacher who writes `answer: no` means a word, perhaps "Sai".
# Kept as text so the schema asks for `true` or `false` instead of silently reading `false`.
_WORD_BOOLEANS = frozenset({"yes", "no", "y", "n", "on", "off"})


def _scalar(event: ScalarEvent, typed: bool):
    if typed:
        if not event.style and event.value.lower() in _WORD_BOOLEANS:
            return event.value
        return _typed(event)
    # Plain scalars have style '' in libyaml and None in PyYAML's Python parser.
    if not event.style and event.value in ("", "~", "null") and _tag(event) == _NULL:
        return None
    return event.value


# Limits on what one file may hold, far beyond any teacher's file, so that a hostile or broken file
# is refused quickly instead of exhausting the machine.
MAX_NODES = 200_000  # values after expanding aliases ("billion laughs")
MAX_DEPTH = 50  # nesting of lists and mappings; a quiz needs 4
MAX_TEXT = 10_000  # characters in one value (a prompt, an explanation, a key)


class _TooLarge(Exception):
    pass


class _Refused(Exception):
    """A limit was passed at a line: (catalogue key, file line)."""

    def __init__(self, key: str, line: int):
        super().__init__(key)
        self.key, self.line = key, line


_NO_KEY = object()


@dataclass
class _Frame:
    """An open list or mapping while building the document."""

    value: list | dict
    path: Path | None  # None: a value that is thrown away (a duplicate key's value, a complex key)
    typed: bool
    line: int
    anchor: tuple | None = None  # (name, index of the start event in the recording)
    key: object = _NO_KEY  # a mapping's key waiting for its value
    key_seen: bool = False  # that key is a duplicate: drop its value


def _build(events, doc: Document, duplicates: list) -> object:
    """The document's plain value, built from parser events without recursion.

    PyYAML's composer (and libyaml's, which crashes the process) recurses once per nesting level;
    walking the events keeps deep nesting a located error. Aliases are expanded by replaying the
    anchored events, so every copy gets its own path, as the schema messages need.
    """
    first = doc.first_line
    anchors: dict[str, list] = {}  # name -> the events of the anchored node
    marks: dict[str, object] = {}  # name -> where it was first defined
    open_anchors: set[str] = set()
    recording: list = []  # main-stream events while an anchor is open
    replays: list = []  # iterators over anchored events being expanded
    stack: list[_Frame] = []
    result = None
    root_mark = None
    nodes = 0

    def next_event():
        while replays:
            event = next(replays[-1], None)
            if event is not None:
                return event, True
            replays.pop()
        event = next(events)
        if open_anchors:
            recording.append(event)
        else:
            recording.clear()
        return event, False

    def slot():
        """(path, typed, is_key) for the next node, from the open collection."""
        if not stack:
            return (), False, False
        top = stack[-1]
        if isinstance(top.value, list):
            return (None if top.path is None else top.path + (len(top.value),)), top.typed, False
        if top.key is _NO_KEY:
            return None, False, True
        return (None if top.path is None or top.key_seen else top.path + (top.key,)), top.key in TYPED_KEYS, False

    def deliver(value, line: int) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key is _NO_KEY:
            key = value if isinstance(value, str) else str(value)
            top.key, top.key_seen = key, key in top.value
            if top.key_seen and top.path is not None:
                duplicates.append((top.path + (key,), line, key))
        else:
            if not top.key_seen:
                top.value[top.key] = value
            top.key, top.key_seen = _NO_KEY, False

    def register(name, event) -> None:
        if name in marks:
            raise ComposerError(
                f"found duplicate anchor {name!r}; first occurrence", marks[name], "second occurrence", event.start_mark
            )
        marks[name] = event.start_mark

    while True:
        event, replayed = next_event()
        if isinstance(event, StreamEndEvent):
            return result
        if isinstance(event, (StreamStartEvent, DocumentEndEvent)):
            continue
        if isinstance(event, DocumentStartEvent):
            if root_mark is not None:
                raise ComposerError(
                    "expected a single document in the stream",
                    root_mark,
                    "but found another document",
                    event.start_mark,
                )
            continue
        if root_mark is None:
            root_mark = event.start_mark
        if isinstance(event, AliasEvent):
            name = event.anchor
            if name in open_anchors:  # an anchor used inside itself never ends
                raise _TooLarge()
            if name not in anchors:
                raise ComposerError(None, None, f"found undefined alias {name!r}", event.start_mark)
            replays.append(iter(anchors[name]))
            continue
        line = event.start_mark.line + first
        if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            frame = stack.pop()
            if frame.anchor is not None:
                name, index = frame.anchor
                anchors[name] = recording[index:]
                open_anchors.discard(name)
            deliver(frame.value, frame.line)
            continue
        nodes += 1
        if nodes > MAX_NODES:
            raise _TooLarge()
        path, typed, is_key = slot()
        if path is not None:
            doc.lines[path] = line
        name = None if replayed else event.anchor
        if name is not None:
            register(name, event)
        if isinstance(event, ScalarEvent):
            if len(event.value) > MAX_TEXT:
                raise _Refused("yaml_value_too_long", line)
            if name is not None:
                anchors[name] = [event]
            deliver(event.value if is_key else _scalar(event, typed), line)
            continue
        # a list or a mapping starts
        if len(stack) >= MAX_DEPTH:
            raise _Refused("yaml_too_deep", line)
        frame = _Frame([] if isinstance(event, SequenceStartEvent) else {}, path, typed, line)
        if name is not None:
            if not open_anchors:  # else next_event has recorded it already
                recording[:] = [event]
            open_anchors.add(name)
            frame.anchor = (name, len(recording) - 1)
        stack.append(frame)


def _explain(problem: str) -> str:
    """PyYAML's problem text in the catalogue's words, when the catalogue knows it."""
    from .messages import catalogue_section

    for start, words in catalogue_section("errors", "yaml_problems").items():
        if problem.startswith(start):
            return words
    return problem


# libyaml (C) parses a course's files several times faster than PyYAML's Python parser. On a
# mistake the Python parser reads the text again, so the message and line are the ones the
# catalogue explains (`errors.yaml_problems`).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Both parsers slow down with the number of open `[` or `{` (each token revisits every open level):
# 100 000 took minutes. Counted on the raw text first, generously (a `[` inside a quoted text
# counts too), so that only a hostile file reaches this count; the real limit is MAX_DEPTH.
_BRACKETS = re.compile(r"[\[\]{}]")
MAX_OPEN_BRACKETS = 1_000


def _check_brackets(text: str, first_line: int) -> None:
    depth = 0
    for bracket in _BRACKETS.finditer(text):
        if bracket.group() in "[{":
            depth += 1
            if depth > MAX_OPEN_BRACKETS:
                raise _Refused("yaml_too_deep", text.count("\n", 0, bracket.start()) + first_line)
        elif depth:
            depth -= 1


def _parse(text: str, first_line: int) -> tuple[Document, list]:
    _check_brackets(text, first_line)
    for loader in (_FAST_LOADER, yaml.SafeLoader):
        doc, duplicates = Document(data=None, first_line=first_line), []
        parser = loader(text)
        try:
            # the parser's events one by one, as yaml.parse gives them, without its generator
            doc.data = _build(iter(parser.get_event, None), doc, duplicates)
            return doc, duplicates
        except yaml.YAMLError:
            if loader is yaml.SafeLoader:
                raise
        finally:
            parser.dispose()
    raise AssertionError("unreachable")


# A quoted text that closes and is followed by more words on its line: `"Bấm nút "Gửi" để gửi."`.
# YAML reads `"Bấm nút "` as the whole text and then stumbles, which its parser words as indentation.
_CLOSED_EARLY = {
    "yaml_quote_inside": re.compile(r'(?:^|[:\[{,-])[ \t]*"(?:[^"\\\n]|\\.)*"[ \t]*(?P<rest>[^\s#,\]}:][^\n]*)'),
    "yaml_apostrophe_inside": re.compile(r"(?:^|[:\[{,-])[ \t]*'(?:[^'\n]|'')*'[ \t]*(?P<rest>[^\s#,\]}:][^\n]*)"),
}


def _quote_inside(text: str, index: int) -> str | None:
    """The message for a quote that ended a quoted text early on line `index` (0-based), if any."""
    from .messages import msg

    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return None
    for key, pattern in _CLOSED_EARLY.items():
        found = pattern.search(lines[index])
        if found:
            return msg(key, rest=found["rest"].strip()[:40])
    return None


def read_yaml(text: str, path: str, first_line: int = 1) -> tuple[Document, list]:
    """Parse `text`; return the document and the duplicate keys found as (path, line, key).

    Raises YamlSyntaxError with a located Problem when the text is not valid YAML or passes one of
    the limits above. `first_line` is the file line where `text` starts (front matter starts on line 2).
    """
    from .messages import msg

    try:
        return _parse(text, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a simple key" and exc.context_mark:
            mark = exc.context_mark  # the scanner notices a missing colon only on the next line
        line = (mark.line if mark else 0) + first_line
        quote = _quote_inside(text, line - first_line)
        if quote is not None:
            raise YamlSyntaxError(Problem(path, line, quote)) from None
        detail = _explain((exc.problem or "").strip())
        raise YamlSyntaxError(Problem(path, line, msg("yaml_syntax", detail=detail))) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise YamlSyntaxError(Problem(path, first_line, msg("yaml_syntax", detail=str(exc).splitlines()[0]))) from None
    except _TooLarge:
        raise YamlSyntaxError(Problem(path, first_line, msg("yaml_too_large"))) from None
    except _Refused as exc:
        limit = f"{MAX_DEPTH if exc.key == 'yaml_too_deep' else MAX_TEXT:,}".replace(",", ".")  # 10.000
        raise YamlSyntaxError(Problem(path, exc.line, msg(exc.key, limit=limit))) from None
