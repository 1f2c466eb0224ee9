"""loaded-option: an answer option that is worded to be chosen (or avoided).

"Yes, of course", "Excellent – the best workshop ever", "No, it was a waste of
time": the option carries pressure or emotive praise or blame beyond a plain
scale anchor.  Plain anchors ("Excellent", "Poor", "Terrible") are the scale and
are fine.  Terms: rules/wordlists/loaded-option-terms.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.packs import wordlist

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern[str]:
    phrases = sorted({line.split("\t")[0].strip() for line in wordlist("loaded-option-terms.tsv")}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in phrases)
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])|!+", re.IGNORECASE)


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "loaded-word": ("option", "word"),
    "exclamation": ("option",),
}


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the loaded words inside each option."""
    for k, choice in enumerate(question.choices):
        m = _pattern().search(choice.text)
        if m is None:
            continue
        if m.group(0).startswith("!"):
            yield Hit.saying("exclamation", m.start(), m.end(), choice=k, option=choice.text.strip())
        else:
            yield Hit.saying("loaded-word", m.start(), m.end(), choice=k, option=choice.text.strip(), word=m.group(0))
