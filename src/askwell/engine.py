"""The rules stage: run every enabled rule on every question, with one NLP pass over unique texts.

Questions are parsed in chunks of unique texts so that memory stays bounded on
large runs: a chunk's Docs are dropped as soon as its questions are checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from askwell.config import ActiveRule, Config
from askwell.model import Context, Finding, Hit, Question
from askwell.nlp import Pipeline
from askwell.rules.kinds import Check, build

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

CHUNK = 2000


@dataclass
class Checked:
    """One question and every finding the rules raised on it, before policy."""

    question: Question
    findings: list[Finding]


def to_finding(active: ActiveRule, question: Question, hit: Hit) -> Finding:
    """Place a hit in the file and attach the rule's metadata."""
    rule = active.rule
    text_len = len(question.text)
    if hit.choice is not None and hit.choice < len(question.choices) and question.choices[hit.choice].line:
        choice = question.choices[hit.choice]
        line, col = choice.line or question.line, choice.column or question.column
        start, end = 0, 0
        begin, finish = (line, col + hit.start), (line, col + max(hit.end, hit.start + 1))
    else:
        start = min(max(hit.start, 0), text_len)
        end = min(max(hit.end, start), text_len)
        begin = question.position(start)
        last_line, last_col = question.position(max(end - 1, start))
        finish = (last_line, last_col + (1 if end > start else 0))
    return Finding(
        rule=rule.id, category=rule.category, severity=active.severity,
        message=hit.message or rule.message, start=start, end=end,
        line=begin[0], column=begin[1], end_line=finish[0], end_column=finish[1],
        values=rule.values, suggestion=hit.suggestion or rule.suggestion, fix=hit.fix, choice=hit.choice,
    )


def _masked(question: Question, hit: Hit) -> bool:
    if hit.choice is not None:
        return False
    return any(hit.start < m_end and m_start < hit.end for m_start, m_end in question.masked)


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Engine:
    """Runs the active rules of one config over questions; compiles each rule once."""

    def __init__(self, config: Config, rules: list[ActiveRule], pipeline: Pipeline, n_process: int = 1) -> None:
        self.config = config
        self.rules = rules
        self.pipeline = pipeline
        self.n_process = n_process
        self._checks: dict[str, Check] = {}

    def _check(self, active: ActiveRule) -> Check:
        rid = active.rule.id
        if rid not in self._checks:
            self._checks[rid] = build(active.rule, self.pipeline.nlp)
        return self._checks[rid]

    def context(self, path: str, questions: tuple[Question, ...]) -> Context:
        """The per-file context checks see."""
        return Context(path=path, questions=questions, accept=frozenset(w.lower() for w in self.config.accept),
                       reject=tuple(self.config.reject), audience=self.config.audience)

    def check_question(self, question: Question, doc: "Doc", context: Context) -> list[Finding]:
        """Every question-scope rule on one parsed question."""
        found: list[Finding] = []
        for active in self.rules:
            rule = active.rule
            if rule.scope != "question" or question.type not in rule.applies_to:
                continue
            for hit in self._check(active)(question, doc, active.options, context):
                if not _masked(question, hit):
                    found.append(to_finding(active, question, hit))
        return found

    def check_survey(self, questions: tuple[Question, ...], context: Context) -> dict[int, list[Finding]]:
        """Survey-scope rules: they see a whole file and yield (question index, hit)."""
        found: dict[int, list[Finding]] = {}
        for active in self.rules:
            if active.rule.scope != "survey":
                continue
            for index, hit in self._check(active)(questions, None, active.options, context):
                found.setdefault(index, []).append(to_finding(active, questions[index], hit))
        return found

    def run(self, files: list[tuple[str, tuple[Question, ...]]]) -> list[Checked]:
        """Check every question of every file; output follows input order."""
        contexts = [self.context(path, qs) for path, qs in files]
        flat: list[tuple[int, Question]] = [(f, q) for f, (_, qs) in enumerate(files) for q in qs]
        results: list[list[Finding]] = [[] for _ in flat]
        by_text: dict[str, list[int]] = {}
        for i, (_, q) in enumerate(flat):
            by_text.setdefault(q.text, []).append(i)
        needs_doc = any(a.rule.scope == "question" for a in self.rules)
        if needs_doc and by_text:
            for chunk in _chunks(by_text, CHUNK):
                for text, doc in zip(chunk, self.pipeline.pipe(chunk, n_process=self.n_process)):
                    for i in by_text[text]:
                        f, q = flat[i]
                        results[i] = self.check_question(q, doc, contexts[f])
        offset = 0
        for f, (_, qs) in enumerate(files):
            for index, extra in self.check_survey(qs, contexts[f]).items():
                results[offset + index].extend(extra)
            offset += len(qs)
        return [Checked(q, sorted(found, key=_order)) for (_, q), found in zip(flat, results)]


def _order(finding: Finding) -> tuple[Any, ...]:
    return (finding.choice is not None, finding.start, finding.end, finding.rule)
