"""unbalanced-scale: more answer points on one side of a scale than on the other.

A two-sided scale (agree/disagree, satisfied/dissatisfied, too slow/too fast) is
balanced when it offers as many points on each side of the middle: "Excellent,
Very good, Good, Poor" has three positive points against one.  The standard
quality scale "Excellent, Very good, Good, Fair, Poor" is read as its users read
it, with "Good" in the middle and "Fair" and "Poor" below.  A list of
evaluative options with no negative point at all ("Agree, Strongly agree") is the
extreme case.  One-sided scales that start from zero ("Not at all useful" …
"Extremely useful") and numeric-only scales are not judged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "more-positive": ("heavy", "heavy_options", "light", "light_options"),
    "more-negative": ("heavy", "heavy_options", "light", "light_options"),
    "one-side-heavier": ("heavy", "heavy_options", "light", "light_options"),
    "all-positive": ("options",),
    "all-negative": ("options",),
}


def _names(question: Question, indices: list[int]) -> str:
    return ", ".join(f"'{question.choices[i].text.strip()}'" for i in indices)


def _quality_middle(scale: ol.Scale, high: list[int], low: list[int]) -> bool:
    """Whether a quality list is the standard "Excellent … Good, Fair, Poor": one more point above.

    Its plain "Good" sits between the graded praise above it and "Fair" and "Poor" below,
    so it is the middle; "Excellent, Very good, Good, Poor" (no "Fair") stays unbalanced.
    """
    if len(high) != len(low) + 1 or len(low) < 2 or scale.families != {"quality"}:
        return False
    middle = scale.labels[high[-1] if high[-1] < low[0] else high[0]]
    cores = {scale.labels[i].core for i in low}
    return middle.core == "good" and bool(cores & {"fair", "only fair"}) and bool(cores - {"fair", "only fair"})


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit on the first option of the heavier side."""
    scale = ol.scale([c.text for c in question.choices])
    if scale is None:
        return
    low = [i for i in scale.points if scale.side(i) < 0]
    high = [i for i in scale.points if scale.side(i) > 0]
    zero = any(scale.labels[i].pole == "zero" for i in scale.points)
    if scale.bipolar:
        if len(low) == len(high) or _quality_middle(scale, high, low):
            return
        heavy, light = (high, low) if len(high) > len(low) else (low, high)
        sides = {"heavy": len(heavy), "heavy_options": _names(question, heavy), "light": len(light),
                 "light_options": _names(question, light)}
        i = heavy[0]
        if not scale.valenced:
            yield Hit.saying("one-side-heavier", 0, len(question.choices[i].text), choice=i, **sides)
        elif heavy is high:
            yield Hit.saying("more-positive", 0, len(question.choices[i].text), choice=i, **sides)
        else:
            yield Hit.saying("more-negative", 0, len(question.choices[i].text), choice=i, **sides)
        return
    if not scale.valenced or zero or not (high or low) or (high and low):
        return
    one = high or low
    if len(one) < 2 and not scale.neutral:
        return
    i = one[0]
    yield Hit.saying("all-positive" if high else "all-negative", 0, len(question.choices[i].text), choice=i,
                     options=_names(question, one))
