"""What a survey is about: the words its respondents know because the survey is about them.

A product, community or role named in a survey's title or section titles, or used
across many of its items ("Jupyter" in a survey of Jupyter users), is familiar to the
people answering it, so the jargon rules do not report it there.  Computed once per
file from the whole survey (``Context.questions``).
"""

from __future__ import annotations

import re

from askwell.model import Context, Question
from askwell.analysis.stems import neighbour

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#]*(?:['-][A-Za-z0-9]+)*")
# A word used in this many items (or this share of them, whichever is more) is the survey's own.
MIN_ITEMS = 3
MIN_SHARE = 0.02


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def subject_words(context: Context) -> frozenset[str]:
    """Lowercased words of the survey's titles and words that recur across its items."""
    key = "subject.words"
    if key not in context.memo:
        titled: set[str] = set()
        counts: dict[str, int] = {}
        for q in context.questions:
            for title in (q.title, q.section):
                if title:
                    titled |= _words(title)
            for w in _words(q.text):
                counts[w] = counts.get(w, 0) + 1
        floor = max(MIN_ITEMS, int(MIN_SHARE * len(context.questions)))
        context.memo[key] = frozenset(titled | {w for w, n in counts.items() if n >= floor})
    return context.memo[key]  # type: ignore[return-value]


def is_subject(term: str, context: Context) -> bool:
    """True when every word of ``term`` is one the survey names or uses throughout."""
    words = _words(term)
    return bool(words) and words <= subject_words(context)


# Items that ask how well respondents know or can do something: the term they name is what
# is measured ("Initialize a repository with git", "Formative vs. summative assessment").
MEASURES_KNOWLEDGE = re.compile(
    r"\b(?:your ability|able to|familiar|familiarity|confiden(?:t|ce)|how well do you know|knowledge (?:of|about)|"
    r"experience (?:with|of|in|using)|skills? (?:in|with)|level of (?:skill|expertise|knowledge|understanding)|"
    r"how comfortable are you|understanding of|(?:these|the following) (?:topics|skills|tasks|tools|concepts|areas))\b",
    re.IGNORECASE)


def measures_knowledge(question: Question, context: Context) -> bool:
    """True when the item, or the group stem just before it, asks what respondents know or can do."""
    if MEASURES_KNOWLEDGE.search(question.text):
        return True
    if question.section and MEASURES_KNOWLEDGE.search(question.section):
        return True
    before = neighbour(question, context, -1)
    if before is not None:
        # A short row under a stem such as "How would you rate your knowledge of the following?"
        return not before.choices and bool(MEASURES_KNOWLEDGE.search(before.text)) and len(question.text.split()) <= 12
    return False
