"""The rules stage: run every enabled rule on every question, with one NLP pass over unique texts.

Questions are parsed in chunks of unique texts so that memory stays bounded on
large runs: a chunk's Docs are dropped as soon as its questions are checked.  The
rules run on small batches of those Docs, one rule over the whole batch at a time.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from askwell.config import ActiveRule, Config
from askwell.model import Context, Finding, Hit, Question
from askwell.nlp import Pipeline
from askwell.rewriting import Rewriter
from askwell.analysis.views import forget_views, remember_text
from askwell.rules.kinds import Check, MatcherPool, build
from askwell.rules.messages import fill
from askwell.rules.packs import Rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

CHUNK = 2000
# Docs whose rules run together, rule by rule (see Engine.check_batch): few enough to stay in memory.
BATCH = 64
RuleHit = tuple[str, Hit]
# The Context.memo key under which a file's survey-scope hits are kept (see Engine._survey).
SURVEY_MEMO = "engine:survey-hits"


@dataclass
class Checked:
    """One question and every finding the rules raised on it, before policy."""

    question: Question
    findings: list[Finding]


def to_finding(active: ActiveRule, question: Question, hit: Hit) -> Finding:
    """Place a hit in the file and attach the rule's metadata."""
    rule = active.rule
    text_len = len(question.text)
    choice_path = None
    if hit.choice is not None:
        # A finding on an answer option: placed at the option when its position is known,
        # else at the start of the question; offsets refer to the option's text.
        choice = question.choices[hit.choice] if 0 <= hit.choice < len(question.choices) else None
        line = (choice.line if choice and choice.line else None) or question.line
        col = (choice.column if choice and choice.line and choice.column else None) or question.column
        start, end = 0, 0
        choice_path = choice.path if choice and choice.line else None
        if choice and choice.line:
            begin, finish = (line, col + hit.start), (line, col + max(hit.end, hit.start + 1))
        else:
            begin, finish = (line, col), (line, col + 1)
    else:
        start = min(max(hit.start, 0), text_len)
        end = min(max(hit.end, start), text_len)
        begin = question.position(start)
        last_line, last_col = question.position(max(end - 1, start))
        finish = (last_line, last_col + (1 if end > start else 0))
    # Rewrites are the whole questions the rewrite stage verified; the suggestion is the
    # advice beside them (that stage drops a suggestion that was a question it checked).
    return Finding(
        rule=rule.id, category=rule.category, severity=active.severity,
        message=hit.message or _message(rule, hit, question.text[start:end]), start=start, end=end,
        line=begin[0], column=begin[1], end_line=finish[0], end_column=finish[1],
        values=rule.values, suggestion=hit.suggestion or rule.suggestion,
        fix=hit.fix, choice=hit.choice, path=choice_path, rewrites=hit.rewrites,
        scope=rule.scope,
    )


def _message(rule: Rule, hit: Hit, match: str) -> str:
    """The hit's message variant filled with the values its check gave, else the rule's default message."""
    if hit.variant is not None:
        return fill(rule.messages[hit.variant], hit.fields)
    return _filled(rule.message, match)


def _filled(message: str, match: str) -> str:
    """The rule's message with the matched words in place of '{match}' (the rule supplies the rest)."""
    return message.replace("{match}", " ".join(match.split())) if match else message


def _masked(question: Question, hit: Hit) -> bool:
    if hit.choice is not None:
        return False
    return any(hit.start < m_end and m_start < hit.end for m_start, m_end in question.masked)


@contextmanager
def _fewer_collections(young: int = 10_000) -> Iterator[None]:
    """Let more objects be made between cyclic-GC passes while questions are checked.

    Every Token, Span and Hit the rules make counts towards Python's young-generation
    threshold (700 by default), so a pass would run every few questions, each one
    walking a chunk's live Docs; nearly all those objects die by reference counting
    anyway. The old thresholds come back afterwards.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(young, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Engine:
    """Runs the active rules of one config over questions; compiles each rule once."""

    def __init__(self, config: Config, rules: list[ActiveRule], pipeline: Pipeline) -> None:
        self.config = config
        self.rules = rules
        self.pipeline = pipeline
        self._checks: dict[str, Check] = {}
        self._pool: MatcherPool | None = None
        self._rewrites: Rewriter | None = None
        # The question-scope rules as (rule id, check, options, question types), worked out once per
        # run: all of them, and (by rule ids) the ones the rewrite stage's re-lint runs.
        self._plans: dict[frozenset[str] | None, list[tuple[str, Check, dict[str, Any], tuple[str, ...]]]] = {}

    def _check(self, active: ActiveRule) -> Check:
        rid = active.rule.id
        if rid not in self._checks:
            if self._pool is None:
                self._pool = MatcherPool(self.pipeline.nlp)
            self._checks[rid] = build(active.rule, self.pipeline.nlp, self._pool)
        return self._checks[rid]

    def compile(self) -> None:
        """Build every rule's check before the first Doc, so rule compilation stays out of the parse loop."""
        for active in self.rules:
            if active.rule.kind != "policy":
                self._check(active)

    def context(self, path: str, questions: tuple[Question, ...]) -> Context:
        """The per-file context checks see."""
        return Context(path=path, questions=questions, accept=frozenset(w.lower() for w in self.config.accept),
                       reject=tuple(self.config.reject), audience=self.config.audience)

    def check_batch(self, items: list[tuple[Question, "Doc", Context]],
                    only: frozenset[str] | None = None) -> list[list[RuleHit]]:
        """Every question-scope rule (or those whose ids are in ``only``) on several parsed questions,
        rule by rule rather than question by question.

        Each question's hits come in rule order; running one rule
        over a batch keeps its code and data in the CPU's caches, where cycling through
        fifty rules for each question kept evicting them (about 12% less time here).
        """
        plan = self._plans.get(only)
        if plan is None:
            plan = self._plans[only] = [(a.rule.id, self._check(a), a.options, a.rule.applies_to) for a in self.rules
                                        if a.rule.scope == "question" and a.rule.kind != "policy"
                                        and (only is None or a.rule.id in only)]
        found: list[list[RuleHit]] = [[] for _ in items]
        # The items each set of question types selects, picked once per batch, not once per rule.
        chosen: dict[tuple[str, ...], list[tuple[list[RuleHit], Question, "Doc", Context]]] = {}
        for rule_id, check, options, applies_to in plan:
            selected = chosen.get(applies_to)
            if selected is None:
                selected = chosen[applies_to] = [(out, question, doc, context) for out, (question, doc, context)
                                                 in zip(found, items) if question.type in applies_to]
            for out, question, doc, context in selected:
                for hit in check(question, doc, options, context):
                    out.append((rule_id, hit))
        return found

    def check_survey(self, questions: tuple[Question, ...], context: Context) -> dict[int, list[RuleHit]]:
        """Survey-scope rules: they see a whole file and yield (question index, hit)."""
        found: dict[int, list[RuleHit]] = {}
        for active in self.rules:
            if active.rule.scope != "survey" or active.rule.kind == "policy":
                continue
            for index, hit in self._check(active)(questions, None, active.options, context):
                if 0 <= index < len(questions):
                    found.setdefault(index, []).append((active.rule.id, hit))
        return found

    def _rewriter(self) -> Rewriter:
        """The rewrite stage for this engine's rules, made once (each share of a big file asks for it)."""
        if self._rewrites is None:
            self._rewrites = Rewriter(self.pipeline, self.check_batch, {a.rule.id: a.rule.category for a in self.rules},
                                      {a.rule.id: a.severity for a in self.rules})
        return self._rewrites

    def _survey(self, questions: tuple[Question, ...], context: Context) -> dict[int, list[RuleHit]]:
        """``check_survey``, once per Context: each share of a file needs the hits on its questions."""
        found = context.memo.get(SURVEY_MEMO)
        if found is None:
            found = context.memo[SURVEY_MEMO] = self.check_survey(questions, context)
        return found  # type: ignore[return-value]

    def hits(self, files: list[tuple[str, tuple[Question, ...]]],
             progress: Callable[[int], None] | None = None,
             spans: list[tuple[int, int]] | None = None,
             contexts: list[Context] | None = None) -> list[list[list[RuleHit]]]:
        """Raw hits per file, per question (before placing them in the file).

        One NLP pass over the unique texts of all files, in chunks so that only one
        chunk of Docs is alive at a time.  ``spans`` (one ``(lo, hi)`` per file) limits the
        work to questions ``lo:hi`` of each file, whose hits alone are returned: a worker's
        share of a big file (askwell.parallel).  The rules still see the whole file through
        its Context, so a question gets the same hits in any share; a caller that checks a
        file in several shares passes the file's Context (``contexts``) to each, so what is
        worked out once per file (Context.memo, the survey rules' hits) is worked out once.
        """
        if contexts is None:
            contexts = [self.context(path, qs) for path, qs in files]
        bounds = spans if spans is not None else [(0, len(qs)) for _, qs in files]
        work = [(path, qs[lo:hi]) for (path, qs), (lo, hi) in zip(files, bounds)]
        results: list[list[list[RuleHit]]] = [[[] for _ in qs] for _, qs in work]
        by_text: dict[str, list[tuple[int, int]]] = {}
        for f, (_, qs) in enumerate(work):
            for k, q in enumerate(qs):
                by_text.setdefault(q.text, []).append((f, k))
        if any(a.rule.scope == "question" for a in self.rules) and by_text:
            self.compile()
            with _fewer_collections():
                for chunk in _chunks(by_text, CHUNK):
                    parsed = zip(chunk, self.pipeline.pipe(chunk))
                    while batch := list(islice(parsed, BATCH)):
                        items, places = [], []
                        for text, doc in batch:
                            remember_text(doc, text)
                            for f, k in by_text[text]:
                                items.append((work[f][1][k], doc, contexts[f]))
                                places.append((f, k))
                        for (f, k), found in zip(places, self.check_batch(items)):
                            results[f][k] = found
                        for _, doc in batch:
                            forget_views(doc)
                        if progress:  # every batch, so a progress bar moves on runs of any size
                            progress(len(places))
        for f, ((_, qs), (lo, hi)) in enumerate(zip(files, bounds)):
            if hi > lo:
                for index, extra in self._survey(qs, contexts[f]).items():
                    if lo <= index < hi:
                        results[f][index - lo].extend(extra)
        if by_text:
            self._rewriter().apply(work, contexts, results)
        return results

    def place(self, files: list[tuple[str, tuple[Question, ...]]],
              hits: list[list[list[RuleHit]]]) -> list[Checked]:
        """Turn raw hits into findings at file positions, dropping hits on masked spans."""
        by_id = {a.rule.id: a for a in self.rules}
        out: list[Checked] = []
        for (_, qs), per_question in zip(files, hits):
            for q, found in zip(qs, per_question):
                findings = [to_finding(by_id[rid], q, hit) for rid, hit in found
                            if rid in by_id and not _masked(q, hit)]
                out.append(Checked(q, sorted(findings, key=_order)))
        return out

    def run(self, files: list[tuple[str, tuple[Question, ...]]]) -> list[Checked]:
        """Check every question of every file; output follows input order."""
        return self.place(files, self.hits(files))


def _order(finding: Finding) -> tuple[Any, ...]:
    return (finding.choice is not None, finding.start, finding.end, finding.rule)
