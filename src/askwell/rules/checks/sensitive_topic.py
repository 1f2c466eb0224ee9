"""sensitive-topic: intrusive personal topics asked without a way to decline.

Income, health, disability, immigration status, sexual orientation, religion,
criminal record, exact age or birth date, weight, pregnancy, gender, race and
ethnicity.  The item is fine when a choice lets respondents decline ("Prefer not
to say") or the text says answering is optional.  An age threshold ("Are you 18
or older?") is not an exact age, the age at a past event ("How old were you when
you first…") is not the respondent's age, and a topic the item sets aside ("where
you live now, not where you were born") is not asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.rules.checks.missing_opt_out import set_aside
from askwell.rules.checks.stems import cached_phrases, has_opt_out, hedge_spans, inside

if TYPE_CHECKING:  # pragma: no cover
    from askwell.rules.kinds import Phrases
    from spacy.tokens import Doc

# Phrases in which a topic word names something else: a field of study, a threshold, a workshop matter.
NOT_PERSONAL = ("health sciences", "health science", "public health", "global health", "health care", "healthcare",
                "health research", "health data", "years of age or", "age or above", "age or older", "age or over",
                "age 18 or", "age of 18", "age group", "age range", "age bracket", "data health", "repository health",
                "project health", "codebase health", "weight of", "weighted", "pay attention", "paid attention",
                "race condition", "race conditions", "sex ratio", "citizen science", "citizen scientist",
                "citizen scientists", "senior citizen")


def _patterns(options: dict[str, Any]) -> "tuple[Phrases, list[tuple[str, Phrases]]]":
    """One pattern for every topic's phrases, and each topic's own."""
    topics: dict[str, list[str]] = options["topics"]
    return (cached_phrases(tuple(p for phrases in topics.values() for p in phrases)),
            [(topic, cached_phrases(tuple(phrases))) for topic, phrases in topics.items()])


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit on the first sensitive topic word of an item that offers no opt-out."""
    if question.choices or question.type == "yes-no":
        # With answer options (a yes-no item has Yes and No), missing-prefer-not-to-say gives
        # the same advice on the options; one finding per problem, not two.
        return
    anything, topics = per_options(options, _patterns)
    text = question.text
    if not anything.search(text):
        # Most items touch no topic at all: one scan instead of one per topic.
        return
    if has_opt_out(question):
        return
    hedges = hedge_spans(text, NOT_PERSONAL) + set_aside(text)
    for topic, phrases in topics:
        for m in phrases.finditer(text):
            if inside(hedges, m.start(), m.end()):
                continue
            yield Hit(m.start(), m.end(), message=(
                f"'{m.group(0)}' touches a sensitive topic ({topic.replace('_', ' ')}); say why you ask and "
                "offer 'Prefer not to say'."))
            return
