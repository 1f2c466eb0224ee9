"""Length rules on real surveys (issue 15): false-positive classes, each with an example of our own."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest


def _rules(lint_text: Any, default_config: Any, text: str, rule: str) -> list[Any]:
    config = replace(default_config, select=(rule,))
    return [f for f in lint_text(text, config=config) if f.rule == rule]


# complex-sentence judges the sentences that ask; a preface's burden is its length (long-question).
PREFACE = ("The lessons we teach, the notes we share, the chats we run in the breaks and the help we give "
           "after class are what people say they remember. What would you keep?")


def test_a_listing_preface_is_not_a_complex_sentence(lint_text: Any, default_config: Any) -> None:
    assert not _rules(lint_text, default_config, PREFACE, "complex-sentence")


@pytest.mark.parametrize("text", [
    # The same tangle in the question itself is still reported, with or without a preface.
    "We changed the notes. If you used the notes that we shared after the lesson ended, which parts helped you "
    "when you tried the exercises that the instructor set while you were working at home?",
    # An item with no question sentence is judged whole.
    "Please tell us which parts of the notes that we shared after the lesson ended helped you when you tried the "
    "exercises that the instructor set while you were working at home.",
])
def test_a_tangled_question_or_request_is_still_reported(lint_text: Any, default_config: Any, text: str) -> None:
    assert _rules(lint_text, default_config, text, "complex-sentence")


# reading-grade reads a lead-in colon before a capitalised sentence as a sentence end.
GRID_ROW = ("Please indicate how strongly you agree with each of the following statements: Institutional "
            "documentation is essential for sustainable collaboration.")


def test_a_grid_instruction_joined_to_its_row_is_two_sentences(lint_text: Any, default_config: Any) -> None:
    from askwell.nlp import reading_grade
    from askwell.rules.kinds import lead_ins_ended

    assert reading_grade(GRID_ROW) > 16 >= reading_grade(lead_ins_ended(GRID_ROW))  # the joined grade was the artefact
    assert not _rules(lint_text, default_config, GRID_ROW, "reading-grade")


@pytest.mark.parametrize("text", [
    "Please rate each statement below: Comprehensive documentation substantially facilitates interdisciplinary "
    "collaboration across institutional boundaries.",
    "Note: to what extent did the institutional infrastructural considerations substantially constrain your "
    "computational experimentation?",
])
def test_hard_wording_after_a_colon_is_still_reported(lint_text: Any, default_config: Any, text: str) -> None:
    assert _rules(lint_text, default_config, text, "reading-grade")
