"""misplaced-midpoint: a neutral point that is not in the middle, or a middle that is not neutral.

Three cases, all about what the middle of a scale means:

- the neutral option of a two-sided scale is at an end or off-centre ("Agree,
  Disagree, Neutral");
- a "Don't know", "Not applicable" or "Prefer not to say" option sits between the
  two sides, where it reads as the neutral point and mixes "no opinion" with
  "in between";
- a "Neutral" point on a one-sided scale ("Not at all able, Neutral, Extremely
  able"): such a scale runs from none to a lot, so its middle is an amount
  ("Moderately able"), not neutrality.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_NEUTRAL_WORD = re.compile(r"^(?:neutral|neither\b.*\bnor\b.*|undecided|indifferent)$")


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "not-between": ("option",),
    "opt-out-in-middle": ("option",),
    "one-sided-middle": ("option", "lowest", "highest", "grade"),
    "one-sided-middle-ungraded": ("option", "lowest", "highest"),
}


def _stem(label: ol.Label) -> str:
    """The adjective a one-sided scale grades ("able" of "Extremely able"), for the suggestion."""
    words = [w for w in label.core.split() if w not in ("extremely", "very", "not", "at", "all", "completely")]
    return " ".join(words)


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the misplaced option."""
    texts = [c.text for c in question.choices]
    scale = ol.scale(texts)
    if scale is None:
        return
    points = list(scale.points)
    sides = {i: scale.side(i) for i in points}
    if scale.bipolar:
        for i in scale.neutral:
            k = points.index(i)
            before = {sides[j] for j in points[:k]} - {0}
            after = {sides[j] for j in points[k + 1:]} - {0}
            if before and after and len(before) == 1 and len(after) == 1 and before != after:
                continue
            yield Hit.saying("not-between", 0, len(texts[i]), choice=i, option=texts[i].strip())
        first, last = points[0], points[-1]
        for j, lab in enumerate(scale.labels):
            if lab.kind in ("dontknow", "na", "optout") and first < j < last:
                left = {sides[i] for i in points if i < j} - {0}
                right = {sides[i] for i in points if i > j} - {0}
                if left and right and left != right:
                    yield Hit.saying("opt-out-in-middle", 0, len(texts[j]), choice=j, option=texts[j].strip())
        return
    if not scale.valenced:
        return
    zero = [i for i in points if scale.labels[i].pole == "zero"]
    high = [i for i in points if sides[i] > 0]
    if not zero or not high or any(sides[i] < 0 for i in points):
        return
    for i in scale.neutral:
        if not _NEUTRAL_WORD.match(scale.labels[i].core):
            continue
        if not points[0] < i < points[-1]:
            continue
        grade = _stem(scale.labels[high[-1]])
        middle = f"'Moderately {grade}'" if grade else "an amount such as 'Moderately'"
        ends = {"option": texts[i].strip(), "lowest": texts[zero[0]].strip(), "highest": texts[high[-1]].strip()}
        if grade:
            yield Hit.saying("one-sided-middle", 0, len(texts[i]), choice=i, grade=grade,
                             suggestion=f"Label the middle point {middle}.", **ends)
        else:
            yield Hit.saying("one-sided-middle-ungraded", 0, len(texts[i]), choice=i,
                             suggestion=f"Label the middle point {middle}.", **ends)
