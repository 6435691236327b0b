"""The quiz-quality review of `hocvuso check`: questions that can be passed without understanding.

A learner who always answers "Sai", always picks the longest option, or reads the answer in the
prompt learns nothing from a self-assessment. Each rule below is a warning a teacher can act on,
with its threshold (also in the authoring guide, section "Câu hỏi kiểm tra được hiểu biết").

A question silences a rule for itself with `skip_review: [rule, ...]` in the quiz file, where the
teacher has a reason (a true statement that really is "always" true, say).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import textfold
from .errors import Problem
from .loader import Project
from .messages import warning
from .model import Course, Lesson, Question

# Rule names, as a teacher writes them in `skip_review`.
RULES = (
    "tf-balance",
    "longest-correct",
    "same-position",
    "cue-words",
    "near-duplicate",
    "option-in-prompt",
    "ordering-reason",
    "all-correct",
)

MIN_COURSE_QUESTIONS = 8  # course-wide shares are judged from this many questions of a kind
TF_MAX_SHARE = 0.70  # at most this share of true/false answers may be the same (always "Sai" passes)
LONGEST_MAX_SHARE = 0.50  # the right option may be the longest in at most this share (chance: 25-33 %)
POSITION_MAX_SHARE = 0.60  # the right option may stand at one position in at most this share
MIN_LESSON_QUESTIONS = 3  # a lesson's pattern (all "Sai", all longest, same position) from this many
DUPLICATE_SIMILARITY = 0.8  # prompts sharing this share of their words are near-duplicates
MIN_PROMPT_WORDS = 5
MIN_OPTION_WORDS = 4  # an option of this many words found whole in the prompt gives the answer away
# Words that tell the answer of a true/false statement without understanding it: absolute claims are
# usually false ("luôn", "không bao giờ"), and "chắc chắn" or "cứ" too.
CUE_WORDS = (
    "chắc chắn",
    "luôn luôn",
    "luôn",
    "không bao giờ",
    "tuyệt đối",
    "hoàn toàn",
    "tất cả",
    "mọi người",
    "chỉ cần",
    "cứ",
)
_CUE = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in CUE_WORDS) + r")(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# What a character in the scenario says (“…”) is the situation, not the author's claim: cue words
# there are not counted ("chỉ cần nộp trước 4 triệu phí" is the scammer's promise).
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


@dataclass
class _Item:
    lesson: Lesson
    file: str
    question: Question

    def skips(self, rule: str) -> bool:
        return rule in (self.question.skip_review or ())

    def problem(self, key: str, **values) -> Problem:
        return Problem(self.file, self.question.line, warning(f"quality.{key}", id=self.question.id, **values))


def review(course: Course, project: Project) -> list[Problem]:
    items = [
        _Item(lesson, lesson.quiz.source, q) for lesson in course.lessons if lesson.quiz for q in lesson.quiz.questions
    ]
    found: list[Problem] = []
    for item in items:
        found += _question_rules(item)
    by_lesson: dict[str, list[_Item]] = {}
    for item in items:
        by_lesson.setdefault(item.file, []).append(item)
    for lesson_items in by_lesson.values():
        found += _lesson_patterns(lesson_items)
    found += _course_patterns(items, project.quizzes)
    found += _near_duplicates(items)
    return found


# --- one question --------------------------------------------------------------------------------


def _question_rules(item: _Item) -> list[Problem]:
    q, found = item.question, []
    if q.type == "true_false" and not item.skips("cue-words"):
        cues = sorted({m.group(1).lower() for m in _CUE.finditer(_QUOTED.sub(" ", q.prompt))})
        if cues:
            found.append(item.problem("cue_words", words=", ".join(f"“{w}”" for w in cues)))
    options = getattr(q.data, "options", None)
    if options:
        prompt = f" {textfold.fold(' '.join(_WORD.findall(q.prompt)))} "
        for option in options:
            words = _WORD.findall(option.text)
            if (
                len(words) >= MIN_OPTION_WORDS
                and f" {textfold.fold(' '.join(words))} " in prompt
                and not item.skips("option-in-prompt")
            ):
                found.append(item.problem("option_in_prompt", option=option.text))
        if q.type == "multiple" and all(o.correct for o in options) and not item.skips("all-correct"):
            found.append(item.problem("all_correct"))
    if q.type == "ordering" and not q.explanation and not item.skips("ordering-reason"):
        found.append(item.problem("ordering_reason"))
    return found


# --- patterns: in a lesson, in the course -----------------------------------------------------------


def _longest_is_correct(question: Question) -> bool | None:
    """For a single-choice question with one longest option: is it the right one?"""
    lengths = [len(o.text) for o in question.data.options]
    longest = max(lengths)
    if lengths.count(longest) > 1:
        return None
    return question.data.options[lengths.index(longest)].correct


def _correct_position(question: Question) -> int:
    return next(i for i, o in enumerate(question.data.options) if o.correct)


def _patterns(items: list[_Item]) -> dict[str, tuple[list[_Item], list]]:
    """For each pattern rule: the questions it looks at, and what each shows."""
    tf = [i for i in items if i.question.type == "true_false" and not i.skips("tf-balance")]
    single = [i for i in items if i.question.type == "single"]
    longest = [(i, _longest_is_correct(i.question)) for i in single if not i.skips("longest-correct")]
    longest = [(i, v) for i, v in longest if v is not None]
    position = [i for i in single if not i.skips("same-position")]
    return {
        "tf-balance": (tf, [i.question.data.answer for i in tf]),
        "longest-correct": ([i for i, _ in longest], [v for _, v in longest]),
        "same-position": (position, [_correct_position(i.question) for i in position]),
    }


def _lesson_patterns(items: list[_Item]) -> list[Problem]:
    found = []
    for rule, (questions, values) in _patterns(items).items():
        if len(questions) < MIN_LESSON_QUESTIONS or len(set(values)) != 1:
            continue
        if rule == "longest-correct" and not values[0]:
            continue  # the longest option is always wrong: no cue a learner would follow
        first = questions[0]
        key = {
            "tf-balance": "lesson_tf_same",
            "longest-correct": "lesson_longest",
            "same-position": "lesson_same_position",
        }[rule]
        found.append(first.problem(key, count=len(questions), answer=_answer_label(rule, values[0])))
    return found


def _course_patterns(items: list[_Item], quizzes: str) -> list[Problem]:
    found = []
    for rule, (questions, values) in _patterns(items).items():
        if len(questions) < MIN_COURSE_QUESTIONS:
            continue
        value, count = Counter(values).most_common(1)[0]
        share = count / len(values)
        limit = {"tf-balance": TF_MAX_SHARE, "longest-correct": LONGEST_MAX_SHARE, "same-position": POSITION_MAX_SHARE}[
            rule
        ]
        if rule == "longest-correct":
            count, share = sum(values), sum(values) / len(values)
        if share > limit:
            key = {"tf-balance": "course_tf", "longest-correct": "course_longest", "same-position": "course_position"}[
                rule
            ]
            found.append(
                Problem(
                    quizzes,
                    1,
                    warning(
                        f"quality.{key}",
                        count=count,
                        total=len(values),
                        percent=round(100 * share),
                        limit=round(100 * limit),
                        answer=_answer_label(rule, value),
                    ),
                )
            )
    return found


def _answer_label(rule: str, value) -> str:
    if rule == "tf-balance":
        return warning("quality.answer_true" if value else "quality.answer_false")
    if rule == "same-position":
        return "ABCDEFGH"[value] if isinstance(value, int) and value < 8 else str(value)
    return ""


# --- across lessons ----------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(textfold.fold(" ".join(_WORD.findall(text))).split())


def _question_text(question: Question) -> str:
    """What a learner reads of a question: its prompt and the texts it offers (two matching
    questions with the same generic prompt but different pairs are not duplicates)."""
    data = question.data
    parts = [question.prompt]
    parts += [o.text for o in getattr(data, "options", None) or ()]
    parts += list(getattr(data, "items", None) or ())
    parts += [side for pair in getattr(data, "pairs", None) or () for side in pair]
    return " ".join(str(p) for p in parts)


def _near_duplicates(items: list[_Item]) -> list[Problem]:
    """Two questions whose texts share most of their words (Jaccard similarity), in file order:
    the later one is reported, naming the earlier. Only prompts that share one of their three rarest
    words are compared, so a large course is not compared pair by pair."""
    prompts = [(item, _words(_question_text(item.question))) for item in items]
    prompts = [(item, words) for item, words in prompts if len(words) >= MIN_PROMPT_WORDS]
    frequency = Counter(w for _, words in prompts for w in words)
    found = []
    index: dict[str, list[int]] = {}
    for n, (item, words) in enumerate(prompts):
        rare = sorted(words, key=lambda w: (frequency[w], w))[:3]
        for m in sorted({m for w in rare for m in index.get(w, ())}):
            other, other_words = prompts[m]
            if len(words & other_words) / len(words | other_words) >= DUPLICATE_SIMILARITY:
                if not item.skips("near-duplicate"):
                    found.append(item.problem("near_duplicate", other=f"{other.file}:{other.question.line}"))
                break
        for w in rare:
            index.setdefault(w, []).append(n)
    return found


# --- figures for `hocvuso report` ------------------------------------------------------------------------


def figures(course: Course) -> dict[str, object]:
    items = [
        _Item(lesson, lesson.quiz.source, q) for lesson in course.lessons if lesson.quiz for q in lesson.quiz.questions
    ]
    patterns = _patterns(items)
    tf = patterns["tf-balance"][1]
    longest = patterns["longest-correct"][1]
    positions = Counter(patterns["same-position"][1])
    return {
        "tf_true": sum(tf),
        "tf_total": len(tf),
        "longest_correct": sum(longest),
        "longest_total": len(longest),
        "positions": {"ABCDEFGH"[p]: n for p, n in sorted(positions.items())},
        "cue_words": sum(
            1 for i in items if i.question.type == "true_false" and _CUE.search(_QUOTED.sub(" ", i.question.prompt))
        ),
        "near_duplicates": len(_near_duplicates(items)),
    }
