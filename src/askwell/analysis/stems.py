"""Parse helpers shared by the wording checks (vague, negative, absolute, hypothetical,
sensitive, structure): what form a sentence has, which sentences are the stem of an
item, which spans are fixed hedges, and what the neighbouring items are.

A *stem* is the part of an item a respondent answers: its question sentences, or,
when it has none, its statements (a statement to rate) and requests.  Instructions
and clarifications around a question ("This could include…") are not the stem.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from askwell.model import Context, Question
from askwell.analysis.views import (doc_text, per_doc, question_sentences, sentences, span_text,
                                            span_tokens)

if TYPE_CHECKING:  # pragma: no cover
    from askwell.rules.kinds import Phrases
    from spacy.tokens import Doc, Span, Token

WH_TAGS = {"WDT", "WP", "WP$", "WRB"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}
# Dependencies that open a clause other than the main one.
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "ccomp", "csubj", "parataxis", "appos"}
REQUEST_VERBS = {"describe", "explain", "tell", "list", "rate", "select", "choose", "indicate", "share", "enter",
                 "provide", "name", "give", "write", "check", "mark", "rank", "comment", "specify", "state",
                 "summarise", "summarize", "identify", "let", "envision", "imagine", "think", "consider", "pick",
                 "type", "add", "include", "note", "suggest", "elaborate", "complete", "answer", "fill", "use"}
# Sentences that only ask how far the respondent agrees: the statement before them is the stem.
AGREE_ONLY = re.compile(r"^\s*(?:how much|to what extent|how strongly)?\s*(?:do|would) you\s+(?:agree|disagree)"
                        r"(?:\s+or\s+(?:agree|disagree))?(?:\s+with\s+(?:this|that|it|the statement))?\s*\?\s*$"
                        r"|^\s*(?:how much|to what extent|how strongly) do you agree.{0,40}\?\s*$", re.IGNORECASE)

# Choice texts that let a respondent decline to answer.
OPT_OUT = re.compile(r"prefer not|rather not|decline|not to (?:say|answer|disclose|respond)|don'?t wish|"
                     r"do not wish|no answer|skip|not (?:comfortable|willing) (?:answering|to answer)",
                     re.IGNORECASE)
# Rates and counts in answer choices: they define what "often" or "regularly" mean.
RATE = re.compile(r"\d|\b(?:once|twice|thrice|times|daily|weekly|fortnightly|monthly|quarterly|yearly|annually|"
                  r"hourly|every|each|per)\b|\b(?:a|an)\s+(?:day|week|month|year|semester|term)\b", re.IGNORECASE)
_UNIT = (r"(?:days?|weeks?|fortnights?|months?|years?|semesters?|terms?|quarters?|hours?|sessions?|lessons?|"
         r"workshops?|courses?)")
_FEW = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several)"
_EVENT = (r"(?:workshop|lesson|session|course|training|event|class|module|tutorial|conference|meeting|sprint|"
          r"hackathon|bootcamp|camp|day|week|month|year|semester|term|quarter|episode|exercise|"
          r"call|seminar|webinar|study group|summer|winter|spring|autumn|fall|"
          # Events and the places they happen: a question about one is bounded by it.
          r"visit|stay|trip|flight|journey|appointment|consultation|tour|festival|concert|performance|show|"
          r"match|game|meal|holiday|election|interview|shift|venue|hotel|clinic|ward)s?")
# A reference period: the stretch of time a behaviour question asks about.
PERIOD = re.compile(
    r"\b(?:in|during|over|within|for|throughout)\s+the\s+(?:past|last|previous|next|first|coming|same)\b"
    rf"|\b(?:past|last|previous|next|this|coming)\s+(?:{_FEW}\s+)?{_UNIT}"
    rf"|\b(?:per|a|an|each|every)\s+(?:\d+\s+|other\s+|two\s+)?{_UNIT}"
    r"|\b(?:since|before|after|until|prior to|so far|to date|ever|lifetime|today|yesterday|tonight)\b"
    r"|\b(?:daily|weekly|monthly|yearly|annually|fortnightly)\b"
    r"|\b(?:in|during|since|of)\s+(?:19|20)\d\d\b"
    r"|\b(?:during|in|at|throughout|from|for)\s+(?:the|this|that|your|our|each|these|those)\s+"
    rf"(?:\w+[\s-]+){{0,3}}?{_EVENT}\b"
    r"|\bin your (?:life|career|lifetime)\b"
    # The present is a period too: "Do you currently teach…?" asks about now, not a habit over time.
    r"|\b(?:currently|presently|nowadays|right now|at the moment|at present|at this time|these days)\b"
    r"|\bin your (?:current|present) (?:role|job|position|work|team|course|programme|program|studies)\b"
    rf"|\b(?:in|during|for)\s+(?:a|an)\s+(?:typical|usual|average|normal)\s+{_UNIT}",
    re.IGNORECASE)
# Fixed phrases with a negation or an absolute word that are not what those rules mean.
HEDGES = ("or not", "if not", "whether or not", "not at all", "if at all", "not sure", "not applicable",
          "why not", "why or why not", "or no", "yes or no", "not only", "not just", "or none", "if any",
          "if anything", "all that apply", "all in all", "after all", "first of all", "above all", "at all",
          "none of the above", "all of the above", "not yet", "no matter", "no one else", "don't know",
          "do not know", "not certain", "no need")


@lru_cache(maxsize=64)
def _hedge_regex(extra: tuple[str, ...]) -> "re.Pattern[str]":
    from askwell.rules.kinds import phrase_regex

    return phrase_regex(tuple(set(HEDGES) | set(extra)))


@lru_cache(maxsize=64)
def cached_phrases(phrases: tuple[str, ...]) -> "Phrases":
    """``phrase_regex`` with its word-run gate (``kinds.Phrases``), built once per phrase list."""
    from askwell.rules.kinds import Phrases

    return Phrases.of(phrases)


def hedge_spans(text: str, extra: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Character spans of fixed hedges ("or not", "not at all", "all that apply") in ``text``."""
    return [m.span() for m in _hedge_regex(tuple(extra)).finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def in_brackets(doc: "Doc", index: int) -> bool:
    """True when token ``index`` sits inside round or square brackets."""
    text = doc_text(doc)
    if "(" not in text and "[" not in text:
        return False
    depth = 0
    for t in doc[:index]:
        depth += t.text in ("(", "[")
        depth -= t.text in (")", "]")
    return depth > 0


# The hyphens the tokenizer splits a hyphenated word at ("multi-faith", "fly-tipped").
HYPHENS = ("-", "‐")


def in_hyphenated(t: "Token") -> bool:
    """A part of a hyphenated word: the whole word, not this part, carries the meaning."""
    doc = t.doc
    return (t.i > 0 and doc[t.i - 1].text in HYPHENS) or (t.i + 1 < len(doc) and doc[t.i + 1].text in HYPHENS)


def words(sent: "Span") -> list["Token"]:
    """Tokens without punctuation and spaces (a fresh list; worked out once per sentence)."""
    return list(_per_sentence("words", sent, _words))


def _words(sent: "Span") -> list["Token"]:
    return [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]


def _new_memo(_doc: "Doc") -> dict:  # type: ignore[type-arg]
    return {}


def _per_sentence(name: str, sent: "Span", compute):  # type: ignore[no-untyped-def]
    """``compute(sent)`` once per sentence span, however many rules ask (kept on the Doc)."""
    memo = per_doc(sent.doc, "stems", _new_memo)
    key = (name, sent.start, sent.end)
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute(sent)
        return value


def sent_root(sent: "Span") -> "Token":
    """The sentence's root (spaCy's ``Span.root`` walks every token's depth on each access)."""
    return _per_sentence("root", sent, lambda span: span.root)


def subject(sent: "Span") -> "Token | None":
    """The subject of the sentence's root (or of its complement, when the parser hangs it there), if any."""
    return _per_sentence("subject", sent, _subject)


def _subject(sent: "Span") -> "Token | None":
    root = sent_root(sent)
    found = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if found is None:
        # The parser sometimes hangs the subject on a complement or on an auxiliary of the root
        # ("The club is well run…": "club" under "is").
        found = next((t for t in span_tokens(sent) if t.dep_ in SUBJECT_DEPS
                      and t.head.dep_ in ("acomp", "attr", "oprd", "aux", "auxpass") and t.head.head.i == root.i), None)
    return found


def in_main_clause(token: "Token", sent: "Span") -> bool:
    """True when ``token`` belongs to the main clause (not a relative, adverbial or complement clause)."""
    t = token
    root = sent_root(sent)
    while t.i != root.i and t.head.i != t.i:
        if t.dep_ in SUBORDINATE_DEPS:
            return False
        t = t.head
    return True


def in_conditional(token: "Token") -> bool:
    """True when ``token`` is inside an if/unless/when clause (a filter, not the question)."""
    for anc in [token, *token.ancestors]:
        if anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "when", "whenever",
                                                                             "because", "since", "while")
                                       for c in anc.children):
            return True
    return False


def in_relative(token: "Token", sent: "Span") -> bool:
    """True when ``token`` sits in a relative clause or a clause modifying a noun."""
    t = token
    root_i = sent_root(sent).i
    while t.i != root_i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl"):
            return True
        t = t.head
    return False


def inverted_aux(sent: "Span") -> "Token | None":
    """The auxiliary of a yes/no question ("Do you…", "Is it…", "If X, would you…"), else None."""
    root = sent_root(sent)
    subj = subject(sent)
    if subj is None:
        return None
    candidates = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < subj.i]
    if root.pos_ == "AUX" and root.i < subj.i:
        candidates.append(root)
    candidates = [c for c in candidates if c.tag_ in ("MD", "VBP", "VBZ", "VBD", "VB")]
    return min(candidates, key=lambda c: c.i) if candidates else None


def wh_word(sent: "Span") -> "Token | None":
    """The wh-word that opens the main clause ("How often…", "Since X, what…"), else None."""
    return _per_sentence("wh_word", sent, _wh_word)


def _wh_word(sent: "Span") -> "Token | None":
    subj = subject(sent)
    root_i = sent_root(sent).i
    last = max(subj.i if subj is not None else root_i, root_i)
    for t in span_tokens(sent):
        if t.i > last:
            break
        if t.tag_ in WH_TAGS and in_main_clause(t, sent):
            return t
    return None


def form(sent: "Span") -> str:
    """'wh', 'yes-no', 'request', 'statement' or 'fragment'."""
    return _per_sentence("form", sent, _form)


def _form(sent: "Span") -> str:
    ws = words(sent)
    if not ws:
        return "fragment"
    if wh_word(sent) is not None:
        return "wh"
    if inverted_aux(sent) is not None:
        return "yes-no"
    root = sent_root(sent)
    lowered = {t.lower_ for t in ws}
    subj = subject(sent)
    if subj is None and root.pos_ == "VERB" and root.tag_ in ("VB", "VBP") and not any(
            c.dep_ == "mark" for c in root.children):
        return "request"
    if "please" in lowered or (ws[0].lemma_.lower() in REQUEST_VERBS and subj is None
                               and ws[0].tag_ in ("VB", "NN", "NNP")):
        return "request"
    if subj is not None and subj.lower_ in ("i", "we") and root.lemma_ in ("like", "love", "want", "appreciate") \
            and any(c.dep_ in ("xcomp", "ccomp") for c in root.children):
        return "request"
    if subj is not None and root.pos_ in ("VERB", "AUX"):
        return "statement"
    return "fragment"


def _after_colon(sent: "Span") -> "Span":
    """"Please rate your agreement with the following statements: X is Y." → "X is Y."."""
    colons = [t for t in span_tokens(sent) if t.text == ":"]
    if colons:
        tail = sent.doc[colons[-1].i + 1:sent.end]
        if len(words(tail)) >= 3:
            return tail
    return sent


def stem_sentences(doc: "Doc") -> list["Span"]:
    """The sentences a respondent answers: question sentences (with a statement they ask
    agreement with), else every statement or request of the item."""
    return per_doc(doc, "stem_sentences", _stem_sentences)


def _stem_sentences(doc: "Doc") -> list["Span"]:
    asked = list(question_sentences(doc))
    if not asked:
        return [_after_colon(s) for s in sentences(doc) if words(s)]
    sents = list(sentences(doc))
    out: list["Span"] = []
    for s in asked:
        if AGREE_ONLY.match(span_text(s)):
            k = next(i for i, x in enumerate(sents) if x.start == s.start)
            out.extend(x for x in sents[:k] if form(x) == "statement")
        out.append(s)
    return out


def item_index(question: Question, context: Context) -> int | None:
    """Index of ``question`` among its file's questions, or None.

    A question that stands in for an item (a rewrite being verified) is found by the
    item's place in the file: its neighbours are the item's neighbours.
    """
    memo = context.memo.get("stems.index")
    if memo is None:
        memo = context.memo["stems.index"] = {}
        for k, q in enumerate(context.questions):
            memo.setdefault(id(q), k)
            memo.setdefault((q.line, q.column), k)
    assert isinstance(memo, dict)
    index = memo.get(id(question))
    return index if index is not None else memo.get((question.line, question.column))


def neighbour(question: Question, context: Context, offset: int) -> Question | None:
    """The item ``offset`` places away in the same file, or None."""
    k = item_index(question, context)
    if k is None:
        return None
    j = k + offset
    return context.questions[j] if 0 <= j < len(context.questions) else None


# The item itself says answering is optional.
OPTIONAL = re.compile(r"\boptional\b|prefer not to|you (?:may|can) (?:skip|leave)|not required", re.IGNORECASE)


# A sentence that says why the question is asked, how the answer is protected, or that it may
# be left out: the reassurance Bradburn, Sudman & Wansink (2004) recommend before a sensitive
# question, there by design rather than as part of what is asked.
ASSURANCE = re.compile(r"\bwe ask\b|\bso (?:that )?we can\b|\bto help us\b|\bhelps? us\b|\bconfidential\b|"
                       r"\banonymous(?:ly)?\b|\bonly (?:to|so that)\b|\bthe reason we\b|\boptional\b|"
                       r"\b(?:don't|do not|doesn't|does not) have to\b|\byou (?:may|can) (?:skip|leave)\b|"
                       r"\bnot required\b", re.IGNORECASE)
# A sentence that announces what the next questions are about ("The next questions are about
# travel.") or makes an honest answer easy to give ("Some people tell us they have…"): the
# transitions and the normalising preface the same authors recommend before a sensitive question.
INTRODUCTION = re.compile(r"^\W*(?:the|this|these) (?:next|following) questions? (?:is|are) about\b|"
                          r"^\W*some (?:\w+ ){0,2}(?:say|said|tell us|told us|have told us)\b", re.IGNORECASE)


def assurance_spans(doc: "Doc", end: int) -> list[tuple[int, int]]:
    """(start, end) of each statement before ``end`` that only reassures or introduces: a reason, a
    promise of confidentiality, leave to skip ("We ask this only to…", "You don't have to answer."),
    a transition or a normalising preface ("Some people tell us…")."""
    return [(s.start_char, s.end_char) for s in sentences(doc)
            if s.end_char <= end and not span_text(s).rstrip().endswith("?")
            and (ASSURANCE.search(span_text(s)) or INTRODUCTION.search(span_text(s)))]


def has_opt_out(question: Question) -> bool:
    """True when a choice lets the respondent decline, or the text says answering is optional."""
    if any(OPT_OUT.search(c.text) for c in question.choices):
        return True
    return bool(OPTIONAL.search(question.text))


def choices_define_rate(question: Question) -> bool:
    """True when the answer choices are numbers or rates (daily, 2-4 times, per week…)."""
    return sum(1 for c in question.choices if RATE.search(c.text)) >= 2


def capitalise(text: str) -> str:
    """``text`` with its first letter upper-case."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """``text`` with its first letter lower-case unless it starts an acronym or a name like 'I'."""
    if len(text) > 1 and text[1].isupper() or text.startswith(("I ", "I'")):
        return text
    return text[:1].lower() + text[1:]


# A topic the item sets aside ("where you live now, not where you were born", "(not your
# religion)", "We do not ask about nationality"): the words name what is NOT asked.
EXCLUDED = re.compile(
    r"(?:[,;(\u2014-]\s*|\bbut\s+)not\b[^.;:()?!]*|\b(?:rather than|instead of|other than|as opposed to|excluding|"
    r"apart from|regardless of)\b[^.;:()?!]*|\b(?:we|i)\s+(?:do not|don't|are not|aren't|will not|won't)\s+"
    r"(?:ask|asking|need|want|collect|record)\b[^.;:()?!]*", re.IGNORECASE)
# The respondent's age at a past event ("How old were you when you first…"): a life-history
# fact about when something happened, not how old the respondent is.
PAST_AGE = re.compile(r"\bhow old were you\s+(?:when|at the time|the first)\b|\byour age\s+(?:when|at the time)\b|"
                      r"\b(?:at\s+)?what age (?:were|did) you\b", re.IGNORECASE)


def set_aside(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` whose topic words are not asked about: exclusions and a past age."""
    return [m.span() for m in EXCLUDED.finditer(text)] + [m.span() for m in PAST_AGE.finditer(text)]


# The respondent, as the subject of a question about them.
RESPONDENT = {"you", "i", "we"}


def by_respondent(token: "Token", passive: bool = False) -> bool:
    """True when the respondent is the token's subject ("Did *you* enjoy…"; with ``passive``,
    also "Have *you* been arrested…")."""
    deps = ("nsubj", "nsubjpass") if passive else ("nsubj",)
    return any(c.dep_ in deps and c.lower_ in RESPONDENT for c in token.children)
