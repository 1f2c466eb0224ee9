"""Declarative rule kinds: ``phrase``, ``substitution``, ``pattern`` and ``metric``.

Each ``build_*`` turns a validated ``Rule`` into a check function with the same
signature as a coded check: ``check(question, doc, options, context) -> Iterator[Hit]``.
Patterns are spaCy Matcher patterns as spaCy defines them; phrase lists compile
to regular expressions of escaped literals only, so rule files cannot make
matching hang.

Speed: each kind has one gate, and the gates live here. A phrase or substitution rule
scans a text only when the text holds one of its phrases' rarest word runs
(``Phrases``); a pattern rule runs only the Matchers whose literal words the Doc holds
(``MatcherPool``).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator

try:
    from re import _parser as _sre  # the parser behind re.compile (Python 3.11+)
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # Python 3.10

from askwell.model import Context, Fix, Hit, Question
from askwell.nlp import reading_grade, syllables_per_word, word_count, zipf
from askwell.rules.checks import CHECK_MODULES
from askwell.analysis.views import doc_text, doc_words, per_doc, sentences, span_text, span_tokens
from askwell.analysis.stems import assurance_spans
from askwell.rules.packs import Rule, check_messages, wordlist
from askwell.rules.rewrites import REWRITES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

Check = Callable[[Question, "Doc", dict[str, Any], Context], Iterator[Hit]]

_APOSTROPHES = "'’"


def _trie_pattern(words: list[list[str]]) -> str:
    """A regex alternation shaped as a trie over characters, so matching never retries a prefix.

    Python's ``re`` tries the alternatives of ``a|b|c`` one after another at every
    position; a list of hundreds of phrases then costs hundreds of attempts per
    character.  Factoring shared prefixes out makes each position one walk down a tree.
    """
    trie: dict[str, dict] = {}
    for chars in words:
        node = trie
        for ch in chars:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                atom = r"\s+"
            elif ch in _APOSTROPHES:
                atom = "['’]"
            else:
                atom = re.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Longest match first: an optional tail is tried before stopping here.
        return f"(?:{body})?" if ends else body

    return emit(trie)


def phrase_regex(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries, longest first.

    Spaces in a phrase match any run of whitespace; straight and curly apostrophes
    match each other.
    """
    normal = {" ".join(p.lower().replace("’", "'").split()) for p in phrases if p.strip()}
    body = _trie_pattern([list(p) for p in sorted(normal)]) if normal else r"(?!x)x"
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", re.IGNORECASE)


# A run of the characters phrase_regex's boundaries treat as inside a word (bar the hyphen).
_RUN = re.compile(r"[\w'’]+")


def rarest_runs(phrases: set[str]) -> frozenset[str] | None:
    """For each phrase as phrase_regex normalises it, its rarest run of word characters
    (lowercased, apostrophes straight); None when a phrase has no run or a run holds a
    non-ASCII letter (then the gate below is not safe).

    Every run of a phrase is a whole run of the text wherever the phrase matches: inside
    the phrase, runs are bounded by spaces or punctuation, and at its ends by the regex's
    lookbehind and lookahead.  So a text with none of these runs holds none of the phrases.
    """
    from askwell.lexicon import frequency_index

    index = frequency_index()
    chosen = set()
    for phrase in phrases:
        runs = _RUN.findall(" ".join(phrase.lower().replace("’", "'").split()))
        if not runs:
            if phrase.strip():
                return None
            continue
        if not all(run.isascii() for run in runs):
            return None  # non-ASCII letters may match others case-insensitively ("ſ" and "s")
        # Rarity only makes the gate sharper; any run of the phrase keeps it exact.  Ranked by
        # wordfreq's small list alone (the large one costs a third of a second to read), then length.
        chosen.add(max(runs, key=lambda run: (index.rarity(run), len(run), run)))
    return frozenset(chosen)


@lru_cache(maxsize=4096)
def text_runs(text: str) -> frozenset[str] | None:
    """The word-character runs of an ASCII text, lowercased (None for other text), remembered:
    every gated rule asks about the same question text."""
    # ASCII only: there lowercasing and the regex's case-insensitivity agree.
    return frozenset(_RUN.findall(text.lower())) if text.isascii() else None


def could_hold(rare: frozenset[str] | None, text: str) -> bool:
    """False only when ``text`` cannot hold a phrase whose rarest runs (``rarest_runs``) are ``rare``."""
    if rare is None:
        return True
    runs = text_runs(text)
    return runs is None or not rare.isdisjoint(runs)


def _caseless(code: int) -> bool:
    """A character a case-insensitive pattern matches in ASCII text only as itself, once lowercased:
    no uppercase ASCII letter, and outside ASCII nothing with case ("K", the Kelvin sign, matches "k")."""
    ch = chr(code)
    return not ch.isupper() if ch.isascii() else ch.lower() == ch.upper() == ch


def _lowercase_only(parsed: Any) -> bool:
    """Whether a parsed case-insensitive pattern names only letters that lowercasing leaves alone.

    Every literal is ``_caseless``, every class range lies in ASCII and holds no uppercase
    letter, and no group switches case-insensitivity off. On ASCII text such a pattern
    matches where, and as far as, its case-sensitive twin matches the lowercased text: a
    character of either case there equals a pattern letter case-insensitively exactly when
    its lowercase equals it.
    """
    for op, av in parsed:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            if not _caseless(av):
                return False
        elif op is _sre.IN:
            for item_op, item in av:
                if item_op is _sre.LITERAL and not _caseless(item):
                    return False
                if item_op is _sre.RANGE and (item[1] > 0x7F or (item[0] <= ord("Z") and item[1] >= ord("A"))):
                    return False
                if item_op not in (_sre.LITERAL, _sre.RANGE, _sre.CATEGORY, _sre.NEGATE):
                    return False
        elif op is _sre.SUBPATTERN and av[2] & re.IGNORECASE:
            return False
        elif not all(_lowercase_only(part) for part in _subpatterns(av)):
            return False
    return True


def _subpatterns(av: Any) -> Iterator[Any]:
    """The parsed sub-patterns inside one node's arguments (branches, groups, repeats, lookarounds)."""
    if isinstance(av, _sre.SubPattern):
        yield av
    elif isinstance(av, (tuple, list)):
        for part in av:
            yield from _subpatterns(part)


@dataclass(frozen=True)
class Folded:
    """A case-insensitive regex searched, on ASCII text, as its case-sensitive twin over the
    lowercased text (two to four times faster), with the same matches.

    Only a pattern that names lowercase letters only (``_lowercase_only``) has a twin; other
    patterns, and text that is not ASCII (where ``str.lower`` may change lengths and case
    folding differs: "ſ" matches "s"), are searched as they are. A match found in the lowercased
    text is made again on the text itself at the same place, so callers see the same Match
    (its groups are the text's own).
    """

    regex: re.Pattern[str]
    twin: re.Pattern[str] | None = field(init=False)

    def __post_init__(self) -> None:
        twin = None
        if self.regex.flags & re.IGNORECASE and _lowercase_only(_sre.parse(self.regex.pattern, self.regex.flags)):
            twin = re.compile(self.regex.pattern, self.regex.flags & ~re.IGNORECASE)
        object.__setattr__(self, "twin", twin)

    def search(self, text: str) -> re.Match[str] | None:
        if self.twin is None or not text.isascii():
            return self.regex.search(text)
        m = self.twin.search(text.lower())
        return None if m is None else self.regex.match(text, m.start())

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.twin is None or not text.isascii():
            return self.regex.finditer(text)
        found = [self.regex.match(text, m.start()) for m in self.twin.finditer(text.lower())]
        # An empty match is not repeated where finditer just found one; match cannot know that.
        if any(m is None or m.start() == m.end() for m in found):
            return self.regex.finditer(text)
        return iter(found)


@dataclass(frozen=True)
class Phrases:
    """A phrase regex with its word-run gate: a text the gate rules out is not scanned at all."""

    regex: re.Pattern[str]
    rare: frozenset[str] | None  # rarest_runs of the regex's phrases
    folded: Folded = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", Folded(self.regex))

    @classmethod
    def of(cls, phrases: list[str] | tuple[str, ...]) -> "Phrases":
        """``phrase_regex(phrases)`` and its gate."""
        return cls(phrase_regex(phrases), rarest_runs(set(phrases)))

    def search(self, text: str) -> re.Match[str] | None:
        return self.folded.search(text) if could_hold(self.rare, text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.folded.finditer(text) if could_hold(self.rare, text) else iter(())


@dataclass(frozen=True)
class Needled:
    """A case-insensitive regex, and lowercase ASCII strings one of which every match holds.

    On ASCII text, where case-insensitive matching is lowercasing, a text without any of
    them is not scanned: a few substring tests instead of a regex that tries every
    position.  Other text may fold otherwise ("ſ" matches "s"), so it is always scanned.
    """

    regex: re.Pattern[str]
    needles: tuple[str, ...]
    folded: Folded = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", Folded(self.regex))

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            low = text.lower()
            if not any(needle in low for needle in self.needles):
                return None
        return self.folded.search(text)


def _render(template: str, **fields: Any) -> str:
    """Fill ``{name}`` placeholders a rule's message uses; unknown names stay as written."""
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        return str(fields[key]) if key in fields else m.group(0)
    return re.sub(r"\{(\w+)\}", sub, template)


def _phrases(rule: Rule) -> list[str]:
    found = list(rule.spec.get("phrases") or [])
    if rule.spec.get("wordlist"):
        found += [line.split("\t")[0] for line in wordlist(rule.spec["wordlist"])]
    return found


def _outside(exceptions: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    if exceptions is None:
        return True
    return not any(m.start() <= start and end <= m.end() for m in exceptions.finditer(text))


def build_phrase(rule: Rule, nlp: "Language") -> Check:
    """Words or phrases, case-insensitive on word boundaries; ``lemma: true`` matches inflections."""
    phrases = _phrases(rule)
    exceptions = phrase_regex(rule.spec["exceptions"]) if rule.spec.get("exceptions") else None
    if rule.spec.get("lemma"):
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        # Lemmas of a phrase depend on its parse; lowercasing keeps "Simply" == "simply".
        matcher.add(rule.id, list(nlp.pipe(p.lower() for p in phrases)))

        def check_lemma(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
            for span in matcher(doc, as_spans=True):
                if _outside(exceptions, doc_text(doc), span.start_char, span.end_char):
                    yield Hit(span.start_char, span.end_char, _render(rule.message, match=span.text))
        return check_lemma

    regex = Phrases.of(phrases)
    rewrite = REWRITES.get(rule.spec.get("rewrite", ""))

    def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
        for m in regex.finditer(question.text):
            if _outside(exceptions, question.text, m.start(), m.end()):
                better = rewrite(question.text, m.start(), m.end()) if rewrite else None
                yield Hit(m.start(), m.end(), _render(rule.message, match=m.group(0)), better)
    return check


def _match_case(text: str, start: int, source: str, replacement: str) -> str:
    """Capitalise the replacement only where the replaced words began a sentence.

    "ZIP code" mid-sentence becomes "postal code", not "Postal code".
    """
    sentence_start = start == 0 or text[:start].rstrip()[-1:] in (".", "?", "!", ":", "\n")
    if sentence_start and source[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def build_substitution(rule: Rule, nlp: "Language") -> Check:
    """Phrase → preferred wording, with a fix that swaps it in."""
    table = {k.lower(): v for k, v in rule.spec["substitutions"].items()}
    regex = Phrases.of(list(table))
    exceptions = phrase_regex(rule.spec["exceptions"]) if rule.spec.get("exceptions") else None

    def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
        for m in regex.finditer(question.text):
            if not _outside(exceptions, question.text, m.start(), m.end()):
                continue
            key = " ".join(m.group(0).lower().replace("’", "'").split())
            replacement = _match_case(question.text, m.start(), m.group(0), table.get(key, ""))
            message = _render(rule.message, match=m.group(0), replacement=replacement)
            suggestion = question.text[: m.start()] + replacement + question.text[m.end():]
            yield Hit(m.start(), m.end(), message, suggestion, Fix(m.start(), m.end(), replacement))
    return check


def _required_words(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """Word sets (lowercased) a Doc must meet, one word of each, for ``pattern`` to match.

    Every token that must appear (no ``?``, ``*`` or zero lower bound) and is pinned to
    literal text (LOWER, ORTH, TEXT or LEMMA: a value or an IN list) gives one set. The
    sets come rarest first (by the Zipf value of their commonest word), so a check that
    stops at the first unmet set usually looks at one. An empty tuple means the pattern
    has no literal token and must always be run.
    """
    candidates: set[frozenset[str]] = set()
    for token in pattern:
        op = token.get("OP")
        optional = op in ("?", "*", "!") or (isinstance(op, str) and op.startswith(("{0", "{,")))
        if optional:
            continue
        for attr in ("LOWER", "ORTH", "TEXT", "LEMMA"):
            value = token.get(attr)
            if isinstance(value, str):
                candidates.add(frozenset({value.lower()}))
                break
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                candidates.add(frozenset(str(v).lower() for v in value["IN"]))
                break
    return tuple(sorted(candidates, key=lambda words: (max(zipf(w) if w.isalpha() else 8.0 for w in words),
                                                       sorted(words))))


@dataclass
class _RuleMatchers:
    """One rule's patterns, grouped by the words they need, one spaCy Matcher per group."""

    always: Any  # a Matcher for the patterns that need no literal word, or None
    groups: list[tuple[tuple[frozenset[str], ...], Any]]  # (word sets needed, Matcher)
    by_word: dict[str, list[int]]  # a word of a group's rarest set → the groups it opens
    # The keys of by_word as a set, so meeting a Doc's words is one intersection.
    first: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.first = frozenset(self.by_word)


class MatcherPool:
    """The pattern rules of a run (one pool per Engine, not global), with cheap triggers.

    A spaCy Matcher costs time for every pattern at every token, matched or not.  Most
    patterns need literal words (``{LOWER: {IN: [guys, folks]}}``); a pattern whose words
    are not all in the Doc cannot match.  Patterns are grouped by the words they need,
    and only the groups whose words the Doc holds are run.
    """

    def __init__(self, nlp: "Language") -> None:
        self.vocab = nlp.vocab
        self.rules: dict[str, _RuleMatchers] = {}

    def _matcher(self, rule_id: str, patterns: list[list[dict[str, Any]]]) -> Any:
        from spacy.matcher import Matcher

        matcher = Matcher(self.vocab)
        matcher.add(rule_id, patterns)
        return matcher

    def add(self, rule_id: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Register a rule's patterns under its id."""
        grouped: dict[tuple[frozenset[str], ...], list[list[dict[str, Any]]]] = {}
        for pattern in patterns:
            grouped.setdefault(_required_words(pattern), []).append(pattern)
        # A pattern with no literal word can match anything: its group always runs.
        always = self._matcher(rule_id, grouped.pop(())) if () in grouped else None
        groups: list[tuple[tuple[frozenset[str], ...], Any]] = []
        by_word: dict[str, list[int]] = {}
        for required in sorted(grouped, key=lambda r: [sorted(words) for words in r]):
            # Indexed by the words of the group's rarest set, so a Doc is first met with one
            # set intersection; only groups whose rarest word is present check the rest.
            for word in required[0]:
                by_word.setdefault(word, []).append(len(groups))
            groups.append((required, self._matcher(rule_id, grouped[required])))
        self.rules[rule_id] = _RuleMatchers(always, groups, by_word)

    def matches(self, doc: "Doc", rule_id: str) -> list["Span"]:
        """The spans of ``rule_id``'s patterns in ``doc`` (in no particular order)."""
        entry = self.rules[rule_id]
        spans = list(entry.always(doc, as_spans=True)) if entry.always is not None else []
        if entry.groups:
            words = doc_words(doc)
            opened = {i for word in entry.first.intersection(words) for i in entry.by_word[word]}
            for i in sorted(opened):
                required, matcher = entry.groups[i]
                if all(not need.isdisjoint(words) for need in required[1:]):
                    spans.extend(matcher(doc, as_spans=True))
        return spans


def build_pattern(rule: Rule, nlp: "Language", pool: MatcherPool | None = None) -> Check:
    """spaCy Matcher token patterns; overlapping matches keep the longest."""
    from spacy.util import filter_spans

    pool = pool or MatcherPool(nlp)
    pool.add(rule.id, rule.spec["patterns"])
    delete = rule.spec.get("fix") == "delete"
    rewrite = REWRITES.get(rule.spec.get("rewrite", ""))

    def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
        for span in filter_spans(pool.matches(doc, rule.id)):
            if delete:
                # Tokens a pattern matches only as context ("just" + the verb, "of course" + the
                # comma, "easy" + the noun it describes) are not part of what to delete.
                while len(span) > 1 and (span[-1].is_punct or span[-1].pos_ in ("VERB", "AUX") or (
                        span[0].pos_ == "ADJ" and span[-1].pos_ in ("NOUN", "PROPN"))):
                    span = span[:-1]
            message = _render(rule.message, match=span.text)
            if not delete:
                better = rewrite(question.text, span.start_char, span.end_char) if rewrite else None
                yield Hit(span.start_char, span.end_char, message, better)
                continue
            fix = deletion(question.text, span.start_char, span.end_char)
            rewritten = question.text[: fix.start] + question.text[fix.end:]
            yield Hit(span.start_char, span.end_char, message, _capitalise(rewritten), fix)
    return check


def deletion(text: str, start: int, end: int) -> Fix:
    """A fix that removes ``text[start:end]`` with one neighbouring space, and a comma after it
    (or, at the end of a sentence, the comma before it: "…continues, obviously?" → "…continues?")."""
    if end < len(text) and text[end] == ",":
        end += 1
    if end < len(text) and text[end] == " ":
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
        if start > 0 and text[start - 1] == "," and (end == len(text) or text[end] in ".?!;:"):
            start -= 1
    return Fix(start, end, "")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# Dependencies of a verb that heads a clause of its own: main, subordinate, relative or conjoined.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "csubj", "conj"})


def count_clauses(doc: "Doc") -> int:
    """Clauses in the most complex sentence that asks: verbs heading a main, subordinate,
    relative or conjoined clause.  Infinitive complements ("want to learn") do not count.

    Only the question sentences are judged when the item has any: the respondent holds the
    question's clauses in mind while answering, whereas a statement before it is read once,
    and its burden is length, which long-question counts (preface and question together).
    Judging the preface too reported one problem twice. An item with no question sentence
    (a request, a statement to rate) is judged whole.
    """
    inside = bracketed(doc_text(doc))
    most = 0
    every = list(sentences(doc))
    asking = [s for s in every if _asks(s)]
    for sent in asking or every:
        n = sum(1 for t in span_tokens(sent) if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS and not inside[t.idx]
                and (t.dep_ != "conj" or t.head.pos_ in ("VERB", "AUX"))
                and (t.dep_ != "acl" or t.tag_ != "VBN"))
        most = max(most, n)
    return most


@lru_cache(maxsize=1)
def _clause_dep_ids() -> frozenset[int]:
    # A label's id in a StringStore: its symbol number for labels spaCy reserves ("ccomp"),
    # the hash of the string for the others ("ROOT").
    from spacy.strings import get_string_id

    return frozenset(get_string_id(dep) for dep in CLAUSE_DEPS)


def clause_bound(doc: "Doc") -> int:
    """An upper bound of ``count_clauses``, read from the token array without Token objects.

    Per sentence, the verbs and auxiliaries with a clause dependency: ``count_clauses``
    counts those less the ones in brackets and two exceptions, so a Doc whose bound is
    within the limit cannot exceed it (most Docs; the full count walks Token objects).
    """
    from spacy.attrs import DEP, POS, SENT_START
    from spacy.symbols import AUX, VERB

    deps = _clause_dep_ids()
    most = n = 0
    for pos, dep, start in doc.to_array([POS, DEP, SENT_START]).tolist():
        if start == 1:
            most = max(most, n)
            n = 0
        if dep in deps and (pos == VERB or pos == AUX):
            n += 1
    return max(most, n)


def clauses_may_exceed(doc: "Doc", limit: int) -> bool:
    """False only where ``count_clauses(doc)`` cannot exceed ``limit``: first the whole Doc's
    clause dependencies, one array column (two thirds of Docs stop here), then ``clause_bound``."""
    from spacy.attrs import DEP

    if sum(map(_clause_dep_ids().__contains__, doc.to_array(DEP).tolist())) <= limit:
        return False
    return clause_bound(doc) > limit


def bracketed(text: str) -> list[bool]:
    """Per character: inside round or square brackets.  Asides such as "(e.g. …)" list
    examples; they do not make the question itself harder to parse."""
    if "(" not in text and "[" not in text:
        return [False] * len(text)
    depth, out = 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        out.append(depth > 0)
        if ch in ")]" and depth:
            depth -= 1
    return out


_BRACKET = re.compile(r"[()\[\]]")
# A colon that ends a lead-in before a new capitalised sentence ("…the following statements: Data …").
_LEAD_IN = re.compile(r":\s+(?=[A-Z][a-z])")


def lead_ins_ended(text: str) -> str:
    """``text`` with a lead-in colon before a capitalised sentence read as a full stop.

    A grid instruction and its row statement ("Rate how far you agree: The notes were
    clear."), or "Note: …", are read as two units. Flesch-Kincaid (and textstat) end
    sentences only at . ! ?, so joined they make one sentence twice as long, which
    alone lifts the grade by several points.
    """
    return _LEAD_IN.sub(". ", text) if ":" in text else text


def without_brackets(text: str) -> str:
    """``text`` with bracketed asides removed."""
    if "(" not in text and "[" not in text:
        return " ".join(text.split())
    # ``bracketed``'s rule, walked bracket to bracket rather than character by character.
    kept, start, depth = [], 0, 0
    for m in _BRACKET.finditer(text):
        if m.group(0) in "([":
            if depth == 0:
                kept.append(text[start:m.start()])
            depth += 1
        elif depth:  # a closing bracket with nothing open stays, as text
            depth -= 1
            if depth == 0:
                start = m.end()
    if depth == 0:
        kept.append(text[start:])
    return " ".join("".join(kept).split())


def _asks(sent: "Span") -> bool:
    """Whether a sentence is a question (ends in "?", closing quotes and marks aside)."""
    return span_text(sent).rstrip(" \"'”’)]*_").endswith("?")


def asked_end(doc: "Doc") -> int:
    """Where the question proper ends and answer instructions, if any, begin.

    The question is everything up to its first question sentence, or up to the end of
    a request ("Please enter…") or the colon that opens the request's recipe. What
    follows tells people how to answer (a format, an example, a use): QAS-99 puts that
    under instructions, not under the length of the question.
    """
    for sent in sentences(doc):
        if _asks(sent):
            return sent.end_char
        root = sent.root
        if root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children):
            colon = next((t for t in span_tokens(sent) if t.text == ":" and t.i > root.i), None)
            return colon.idx + 1 if colon is not None else sent.end_char
    return len(doc_text(doc))


def metric_value(name: str, question: Question, doc: "Doc") -> float:
    """The value of a named metric for one question."""
    if name == "words":
        return float(word_count(question.text))
    if name == "question_words":
        # Reassurance before a question (why it is asked, that it may be skipped) is recommended
        # practice, not length of the question itself.
        end = asked_end(doc)
        text = doc_text(doc)
        return float(word_count(text[:end]) - sum(word_count(text[a:b]) for a, b in assurance_spans(doc, end)))
    if name == "characters":
        return float(len(question.text))
    if name == "sentences":
        return float(sum(1 for _ in sentences(doc)))
    if name == "clauses":
        return float(count_clauses(doc))
    if name == "grade":
        return reading_grade(lead_ins_ended(without_brackets(question.text)))
    if name == "syllables_per_word":
        return syllables_per_word(question.text)
    raise ValueError(name)


def build_metric(rule: Rule, nlp: "Language") -> Check:
    """A threshold on a metric: fires when the value is above ``options.max``.

    ``options.min_words`` (if set) skips short items, where readability formulas say little.
    """
    name = rule.spec["metric"]

    def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
        if word_count(question.text) < options.get("min_words", 0):
            return
        if name == "clauses" and not clauses_may_exceed(doc, options["max"]):
            return  # no sentence has enough clause verbs to count more clauses than that
        value = metric_value(name, question, doc)
        if value > options["max"]:
            shown = f"{value:.1f}" if name in ("grade", "syllables_per_word") else f"{value:.0f}"
            end = asked_end(doc) if name == "question_words" else len(question.text)
            yield Hit(0, end, _render(rule.message, value=shown, max=options["max"]))
    return check


def build(rule: Rule, nlp: "Language", pool: MatcherPool | None = None) -> Check:
    """The check function for any rule, declarative or coded."""
    if rule.kind == "check":
        module = importlib.import_module(CHECK_MODULES[rule.spec["check"]])
        # The rule file's templates must match what the check fills, or its messages could not be built.
        check_messages(rule, getattr(module, "MESSAGES", {}))
        return module.check
    if rule.kind == "pattern":
        return build_pattern(rule, nlp, pool)
    if rule.kind == "phrase":
        return build_phrase(rule, nlp)
    if rule.kind == "substitution":
        return build_substitution(rule, nlp)
    return build_metric(rule, nlp)
