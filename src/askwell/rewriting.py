"""The rewrite stage: better questions proposed by the rules, verified by linting them, ranked.

A rule's hit may propose whole questions (``Hit.rewrites``, or a suggestion that is a
question). Every candidate of a question goes back through the question rules as the
same item, and one round more: where a candidate still has a problem another rule can
rewrite, that rule's rewrite of the candidate is tried too, so that several findings on
one question can share one question that fixes all of them.

A candidate is shown beside a finding only when, linted, it raises no wording problem
(leading, closed, double-barreled, dismissive, inclusive, hypothetical, negative, vague)
and no error: it fixes every wording problem of the question at once. Up to ``SHOWN``
pass, best first: those that change the fewest of the original's words, then the shortest.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Callable

from askwell.model import Context, Hit, OffsetMap, Question
from askwell.analysis.views import forget_views, remember_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from askwell.nlp import Pipeline

RuleHit = tuple[str, Hit]
# Rules whose rewrite asks for a rating instead of a yes/no or an agreement: the rewrite is
# linted as a rating item, without the options it replaces.
RATING_REWRITES = frozenset({"closed-question", "agree-disagree"})
Batch = Callable[[list[tuple[Question, "Doc", Context]], "frozenset[str] | None"], list[list[RuleHit]]]
SHOWN = 3
# The categories whose findings a rewrite answers: a rewrite may not bring a new one of these.
REWRITTEN = frozenset({"leading", "closed", "double-barreled", "dismissive", "inclusive", "hypothetical",
                       "negative", "vague"})


# Where one sentence of an item ends and the next begins.
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+(?=[\"“‘'(*_]?[A-Z0-9])")


def _spliced(item: str, at: int, rewrite: str) -> str:
    """The item with the sentence at offset ``at`` replaced by ``rewrite``.

    Rules rewrite the question sentence they judged ("Did it work for you?" → "How well
    did it work for you?"); the item's other sentences (the context before it, the
    instructions after it) stay. A rewrite that already holds every other sentence is a
    whole item and is kept as it is.
    """
    bounds = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(item)] + [len(item) + 1]
    if len(bounds) <= 2:
        return rewrite
    spans = [(bounds[i], bounds[i + 1] - 1 if i + 2 < len(bounds) else len(item)) for i in range(len(bounds) - 1)]
    here = next((i for i, (a, b) in enumerate(spans) if a <= at < b + 1), len(spans) - 1)
    others = [item[a:b].strip() for i, (a, b) in enumerate(spans) if i != here]
    if all(o in rewrite for o in others):
        return rewrite
    a, b = spans[here]
    return (item[:a] + rewrite + (" " if item[b:].strip() else "") + item[b:].lstrip()).strip()


def _asks(hit: Hit) -> bool:
    """True when the hit's suggestion is itself a question: a rewrite to verify, not advice."""
    return (hit.suggestion or "").strip().endswith("?") and hit.choice is None


def proposed(question: Question, hit: Hit) -> tuple[str, ...]:
    """The whole items a hit proposes: its rewrites, or a suggestion that is a question (spliced in)."""
    out = list(hit.rewrites)
    if _asks(hit):
        out.append(_spliced(question.text, hit.start, (hit.suggestion or "").strip()))
    original = question.text.strip()
    return tuple(dict.fromkeys(t for t in out if t and t != original))


def _together(question: Question, hits: list[RuleHit]) -> str | None:
    """Every sentence the closed and agree/disagree hits rewrite, rewritten at once (None when
    fewer than two).

    Two closed sentences ("Were they knowledgeable? Were they friendly?") each propose their own
    sentence; either alone leaves the other's yes/no form.
    """
    splices = sorted(((hit.start, (hit.suggestion or "").strip()) for rid, hit in hits
                      if rid in RATING_REWRITES and _asks(hit)), reverse=True)
    if len({start for start, _ in splices}) < 2:
        return None
    text = question.text
    for start, sentence in splices:  # from the last sentence back, so earlier offsets still hold
        text = _spliced(text, start, sentence)
    return text


def _changes(original: str, text: str) -> int:
    """Words added or removed on the way from the original to the rewrite."""
    a, b = original.lower().split(), text.lower().split()
    kept = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return len(a) + len(b) - 2 * kept


class Rewriter:
    """Verifies and ranks the candidates of one run's hits (see the module docstring)."""

    def __init__(self, pipeline: "Pipeline", check_batch: Batch, category: dict[str, str],
                 severity: dict[str, str]) -> None:
        self.pipeline, self.check_batch = pipeline, check_batch
        self.category = category
        # The rules whose findings fail a candidate: no wording problem may be left and no error (a
        # rewrite that fixes one problem and keeps another, "How much, if at all, did you enjoy our
        # excellent instructors?", is not shown). The re-lint runs only these, so a candidate passes
        # when it has no hit at all.
        self.judges = frozenset(r for r in category if category[r] in REWRITTEN or severity.get(r) == "error")

    def _lint(self, files: list[tuple[str, tuple[Question, ...]]], contexts: list[Context],
              wanted: dict[tuple[int, int, str], bool]) -> dict[tuple[int, int, str], list[RuleHit]]:
        """The hits of each candidate, linted as its item in one NLP pass.

        A candidate for a closed or agree/disagree question (flag True) asks for a rating or
        an account, so it is linted as a rating item without the options it replaces.
        """
        if not wanted:
            return {}
        texts = sorted({text for _, _, text in wanted})
        docs = dict(zip(texts, self.pipeline.pipe(texts)))
        keys = list(wanted)
        items = []
        for f, k, text in keys:
            # (With two questions in it, the item keeps its type: a rating type would excuse a
            # yes/no sentence the rewrite left as it was.)
            q, rating = files[f][1][k], wanted[(f, k, text)] and text.count("?") < 2
            remember_text(docs[text], text)
            items.append((Question(text=text, path=q.path, line=q.line, column=q.column,
                                   offsets=OffsetMap.at(q.line, q.column), type="scale" if rating else q.type,
                                   choices=() if rating else q.choices, title=q.title, section=q.section),
                          docs[text], contexts[f]))
        found = dict(zip(keys, self.check_batch(items, self.judges)))
        for doc in docs.values():
            forget_views(doc)
        return found

    def apply(self, files: list[tuple[str, tuple[Question, ...]]], contexts: list[Context],
              results: list[list[list[RuleHit]]]) -> None:
        """Replace every hit by one whose ``rewrites`` are its verified, ranked candidates."""
        wanted: dict[tuple[int, int, str], bool] = {}
        # What each hit proposes, worked out once: the choice below needs it again.
        offered = [[[proposed(q, hit) for _, hit in results[f][k]] for k, q in enumerate(qs)]
                   for f, (_, qs) in enumerate(files)]
        for f, (_, qs) in enumerate(files):
            for k, q in enumerate(qs):
                for (rid, _), texts in zip(results[f][k], offered[f][k]):
                    for text in texts:
                        key = (f, k, text)
                        wanted[key] = wanted.get(key, False) or rid in RATING_REWRITES
                whole = _together(q, results[f][k])
                if whole is not None:
                    wanted[(f, k, whole)] = any(rid in RATING_REWRITES for rid, _ in results[f][k])
        found = self._lint(files, contexts, wanted)
        # One round more: a candidate's own rewritable problems, rewritten.
        derived: dict[tuple[int, int, str], bool] = {}
        for (f, k, text), hits in found.items():
            trial = replace(files[f][1][k], text=text)
            rewritable = [(rid, hit) for rid, hit in hits if self.category.get(rid) in REWRITTEN]
            # Each candidate with whether it asks for a rating (the joint one always does).
            agains = [(rid in RATING_REWRITES, again) for rid, hit in rewritable for again in proposed(trial, hit)]
            whole = _together(trial, rewritable)
            if whole is not None:
                agains.append((True, whole))
            for rating, again in agains:
                if (f, k, again) not in wanted and again != files[f][1][k].text.strip():
                    derived[(f, k, again)] = wanted[(f, k, text)] or rating
        found.update(self._lint(files, contexts, derived))
        by_question: dict[tuple[int, int], list[str]] = {}
        for f, k, text in found:
            by_question.setdefault((f, k), []).append(text)
        for f, (_, qs) in enumerate(files):
            for k, q in enumerate(qs):
                self._choose(q, results[f][k], offered[f][k],
                             {t: found[(f, k, t)] for t in by_question.get((f, k), ())})

    def _choose(self, question: Question, hits: list[RuleHit], offered: list[tuple[str, ...]],
                candidates: dict[str, list[RuleHit]]) -> None:
        """Give each hit the question's passing candidates, best first; a question suggestion becomes advice-less."""
        passing = tuple(sorted((t for t in candidates if not candidates[t]),
                               key=lambda text: (_changes(question.text, text), len(text))))[:SHOWN]
        for j, ((rid, hit), own) in enumerate(zip(hits, offered)):
            if hit.choice is not None or (not own and self.category.get(rid) not in REWRITTEN):
                continue  # a finding on an answer option is not answered by rewording the question
            advice = None if _asks(hit) else hit.suggestion  # shown, if it passes, among the rewrites
            hits[j] = (rid, replace(hit, rewrites=passing, suggestion=advice))
