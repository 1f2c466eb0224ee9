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


def _ends(question: Question, scale: ol.Scale) -> str:
    first, last = scale.points[0], scale.points[-1]
    return f"'{question.choices[first].text.strip()}' … '{question.choices[last].text.strip()}'"


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
            yield index, Hit(0, len(question.choices[turn].text), choice=turn, message=(
                f"The options change direction at '{question.choices[turn].text.strip()}': put them in order "
                "from one end of the scale to the other."))
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
            way = "negative to positive" if direction > 0 else "positive to negative"
            other = "positive to negative" if direction > 0 else "negative to positive"
            yield index, Hit(0, len(question.choices[scale.points[0]].text), choice=scale.points[0], message=(
                f"These options run {way} ({_ends(question, scale)}) but the previous question's ran {other} "
                f"({_ends(before, previous[2])}); respondents answering by position may pick the wrong end."))
        previous = (index, direction, scale)
