"""scale-direction-flip (survey scope): scale options that change direction.

Respondents learn where "agree" or "satisfied" sits on the first scale of a run
and answer the next ones by position.  When one item of a run of consecutive
scale questions runs negative → positive and the next positive → negative, some
answers land on the wrong end.  Inside a single item, options that go up and then
down again ("Agree, Strongly agree, Disagree, Strongly disagree") are out of order.

Only evaluative scales have a direction (too slow/too fast does not); a question
without a recognised scale, or a new section, ends the run.
"""

from __future__ import annotations

from typing import Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "turns-back": ("option",),
    "rises-after-falling": ("first", "last", "before_first", "before_last"),
    "falls-after-rising": ("first", "last", "before_first", "before_last"),
}


def _order_break(scale: ol.Scale) -> int | None:
    """The option where the scores of the points turn back, or None when they rise or fall throughout."""
    if not (scale.bipolar or scale.valenced):
        return None
    if not scale.bipolar and not any(scale.labels[i].pole == "zero" for i in scale.points):
        return None
    trend = 0
    for prev, cur in zip(scale.points, scale.points[1:]):
        diff = scale.labels[cur].score - scale.labels[prev].score
        step = (diff > 0) - (diff < 0)
        if step == 0:
            continue
        if trend == 0:
            trend = step
        elif step != trend:
            return cur
    return None


def _ends(question: Question, scale: ol.Scale) -> tuple[str, str]:
    """The labels of a scale's first and last points."""
    return question.choices[scale.points[0]].text.strip(), question.choices[scale.points[-1]].text.strip()


def check(questions: tuple[Question, ...], doc: None, options: dict[str, Any],
          context: Context) -> Iterator[tuple[int, Hit]]:
    """(question index, hit on the option where the direction changes)."""
    previous: tuple[int, int, ol.Scale] | None = None
    for index, question in enumerate(questions):
        scale = ol.scale([c.text for c in question.choices]) if question.choices and question.type != "multiple" \
            else None
        if scale is None:
            previous = None
            continue
        turn = _order_break(scale)
        if turn is not None:
            yield index, Hit.saying("turns-back", 0, len(question.choices[turn].text), choice=turn,
                                    option=question.choices[turn].text.strip())
            previous = None
            continue
        direction = scale.direction
        if direction == 0:
            previous = None
            continue
        if previous is not None and questions[previous[0]].section != question.section:
            previous = None
        if previous is not None and previous[1] != direction:
            before = questions[previous[0]]
            (first, last), (before_first, before_last) = _ends(question, scale), _ends(before, previous[2])
            yield index, Hit.saying("rises-after-falling" if direction > 0 else "falls-after-rising",
                                    0, len(question.choices[scale.points[0]].text), choice=scale.points[0],
                                    first=first, last=last, before_first=before_first, before_last=before_last)
        previous = (index, direction, scale)
