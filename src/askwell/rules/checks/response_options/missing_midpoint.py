"""missing-midpoint: a two-sided evaluative scale with an even number of points and no neutral middle.

Leaving out the middle is a choice some methodologists make on purpose (to push
respondents off the fence), so the rule only informs.  Scales of yes/no degrees
("Definitely yes" … "Definitely no"), two-point scales, unbalanced scales (see
unbalanced-scale) and one-sided scales are left alone.  "Neither agree or disagree"
is a midpoint like "Neither agree nor disagree"; a "No opinion" or "Don't know" in
the middle is misplaced-midpoint's finding, not a missing middle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis import options as ol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "no-middle": ("below", "above"),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the first option after the gap where the middle would be."""
    scale = ol.scale([c.text for c in question.choices])
    if scale is None or not scale.bipolar or not scale.valenced or "yesno" in scale.families:
        return
    if scale.neutral or len(scale.points) < options.get("min_points", 4) or len(scale.points) % 2:
        return
    sides = [scale.side(i) for i in scale.points]
    if sides.count(1) != sides.count(-1) or 0 in sides:
        return
    half = len(scale.points) // 2
    if len(set(sides[:half])) != 1 or len(set(sides[half:])) != 1:
        return  # out of order: scale-direction-flip says so
    before, after = scale.points[half - 1], scale.points[half]
    if after - before > 1:
        # "No opinion" or "Don't know" sits in the gap: misplaced-midpoint says what is wrong there.
        return
    yield Hit.saying("no-middle", 0, len(question.choices[after].text), choice=after,
                     below=question.choices[before].text.strip(), above=question.choices[after].text.strip())
