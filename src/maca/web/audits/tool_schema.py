"""An audit tool version is data: sections of questions with an answer type each.

``sections`` is a list of ``{"key", "title", "questions": [{"key", "type", "text", "hint"?,
"required"?, "choices"?, "graded_audits_only"?}]}``. The business team writes new versions in
the admin; :func:`problems_in` explains what is wrong in words they can act on.
"""

from __future__ import annotations

import re
from typing import Any

EVIDENCED = [
    ("yes", "Yes"),
    ("partly", "Partly"),
    ("no", "No"),
    ("not_applicable", "Not applicable"),
]
GRADES = [
    ("outstanding", "Outstanding"),
    ("good", "Good"),
    ("requires_improvement", "Requires improvement"),
    ("inadequate", "Inadequate"),
]
ANSWER_TYPES = {"evidenced", "text", "choice", "themes", "grade"}
KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
# A section's state on the return's task list.
SECTION_COMPLETED, SECTION_IN_PROGRESS, SECTION_NOT_STARTED = (
    "Completed",
    "In progress",
    "Not started",
)


def problems_in(sections: Any) -> list[str]:
    """Every problem with a tool definition, empty when it is usable."""
    if not isinstance(sections, list) or not sections:
        return ["Sections must be a non-empty list."]
    problems: list[str] = []
    seen: set[str] = set()
    for s_index, section in enumerate(sections, start=1):
        where = f"Section {s_index}"
        if not isinstance(section, dict):
            problems.append(f"{where} must be an object with key, title and questions.")
            continue
        for field in ("key", "title"):
            if not str(section.get(field, "")).strip():
                problems.append(f"{where} has no {field}.")
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.append(f"{where} has no questions.")
            continue
        for q_index, question in enumerate(questions, start=1):
            problems.extend(_question_problems(f"{where}, question {q_index}", question, seen))
    return problems


def _question_problems(where: str, question: Any, seen: set[str]) -> list[str]:
    if not isinstance(question, dict):
        return [f"{where} must be an object with key, type and text."]
    problems = []
    key = str(question.get("key", ""))
    if not KEY.match(key):
        problems.append(f"{where}: key {key!r} must be letters, digits or _ (a letter first).")
    elif key in seen:
        problems.append(f"{where}: key {key!r} is used twice.")
    seen.add(key)
    if question.get("type") not in ANSWER_TYPES:
        problems.append(f"{where}: type must be one of {', '.join(sorted(ANSWER_TYPES))}.")
    if not str(question.get("text", "")).strip():
        problems.append(f"{where} has no text.")
    if question.get("type") == "choice":
        choices = question.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            problems.append(f"{where}: a choice question needs a list of at least two choices.")
    return problems


def section_keys(sections: list[dict]) -> list[str]:
    return [str(s["key"]) for s in sections]


def questions_of(section: dict, *, graded: bool) -> list[dict]:
    """The questions a return answers in this section (grades only when the audit grades)."""
    return [q for q in section["questions"] if graded or not q.get("graded_audits_only")]


def choices_for(question: dict) -> list[tuple[str, str]]:
    if question["type"] == "evidenced":
        return EVIDENCED
    if question["type"] == "grade":
        return GRADES
    if question["type"] == "choice":
        return [(str(c), str(c)) for c in question["choices"]]
    return []


def is_answered(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value)
    return value is not None and str(value).strip() != ""


def missing_in_section(section: dict, answers: dict, *, graded: bool) -> list[dict]:
    """Required questions of a section with no answer."""
    return [
        q
        for q in questions_of(section, graded=graded)
        if q.get("required") and not is_answered(answers.get(q["key"]))
    ]
