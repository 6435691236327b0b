"""`hocvuso check`'s reading-comfort warnings: jargon the course glossary does not explain, and
sentences too long for beginners (levels CB1–CB2)."""

from __future__ import annotations

from . import plaintext
from .errors import Problem
from .glossary import MAX_SENTENCE_WORDS, SHORT_SENTENCE_LEVELS, Matcher, key, lesson_blocks
from .messages import warning
from .model import Course
from .sources import Project


def glossary_warnings(course: Course, project: Project) -> list[Problem]:
    """Reading-comfort warnings: known jargon a lesson uses that the glossary does not explain, and
    sentences longer than MAX_SENTENCE_WORDS in lessons of SHORT_SENTENCE_LEVELS."""
    glossary = course.glossary
    explained = {key(form) for term in glossary.terms for form in term.forms} if glossary else set()
    missing = [j for j in (glossary.jargon if glossary else []) if key(j) not in explained]
    jargon = Matcher({j: j for j in missing})
    glossary_file = glossary.source if glossary else project.glossary
    found: list[Problem] = []
    for lesson in course.lessons:
        blocks = lesson_blocks(project, lesson)
        first_use: dict[str, int] = {}
        for block in blocks:
            if block.cites:  # the title of a source is not the teacher's to reword
                continue
            for start, _, word in jargon.finditer(block.text):
                first_use.setdefault(word, block.line_at(start))
        found += [
            Problem(lesson.source, line, warning("jargon_not_explained", term=word, glossary=glossary_file))
            for word, line in first_use.items()
        ]
        if lesson.level in SHORT_SENTENCE_LEVELS:
            for block in blocks:
                if block.cites or block.kind == "heading":
                    continue
                for offset, sentence in plaintext.sentences(block.text):
                    count = plaintext.word_count(sentence)
                    if count > MAX_SENTENCE_WORDS:
                        start = " ".join(sentence.split()[:8])
                        found.append(
                            Problem(
                                lesson.source,
                                block.line_at(offset),
                                warning(
                                    "long_sentence",
                                    count=count,
                                    limit=MAX_SENTENCE_WORDS,
                                    level=lesson.level,
                                    start=start,
                                ),
                            )
                        )
    return sorted(set(found))
