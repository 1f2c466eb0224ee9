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
        if scale.valenced:
            heavy_name, light_name = ("positive", "negative") if heavy is high else ("negative", "positive")
            sides = f"{len(heavy)} {heavy_name} options ({_names(question, heavy)}) against {len(light)} " \
                    f"{light_name} ({_names(question, light)})"
            lean = f"the scale leans towards {heavy_name} answers"
        else:
            sides = f"{len(heavy)} options on one side ({_names(question, heavy)}) against {len(light)} on the other " \
                    f"({_names(question, light)})"
            lean = "the scale leans to one side"
        i = heavy[0]
        yield Hit(0, len(question.choices[i].text), choice=i, message=f"Unbalanced scale: {sides}; {lean}.")
        return
    if not scale.valenced or zero or not (high or low) or (high and low):
        return
    one = high or low
    if len(one) < 2 and not scale.neutral:
        return
    name = "positive" if high else "negative"
    other = "negative" if high else "positive"
    i = one[0]
    yield Hit(0, len(question.choices[i].text), choice=i, message=(
        f"Every option is {name} ({_names(question, one)}): there is no {other} answer to give."))
