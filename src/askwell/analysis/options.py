"""What an answer option says, and what a list of options is.

Shared by the response-options checks, so that every rule reads option labels
the same way:

- ``label()`` classifies one option: non-substantive (prefer not to say, don't
  know, not applicable, other, none) or substantive, and for scale labels its
  pole (positive/negative end, one of two directions such as too slow/too fast,
  a neutral midpoint, or the zero of a one-sided scale), its intensity and the
  family of scale it belongs to (agreement, satisfaction, frequency…);
- ``scale()`` decides whether a list of options is a rating scale and which kind
  (two-sided or one-sided), with a score per point for order checks;
- ``interval()`` and ``ranges()`` parse numeric ranges ("18-24", "Under 18",
  "$10,000 or more", "3 months - 1 year ago") and ``range_problems()`` finds
  overlaps, gaps and uncovered ends;
- ``lookup_list()`` recognises lists people search rather than read (countries,
  years, months, alphabetical lists).

The vocabularies are data in ``rules/wordlists/`` (scale-terms.tsv,
scale-modifiers.tsv, non-substantive-options.tsv, countries.txt).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from askwell.model import Question
from askwell.rules.packs import wordlist

# -- text ------------------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-"})
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# "1 - Strongly disagree", "5 = Strongly agree", "(3) Neutral", "2. Rarely": a point number before a label.
_POINT_PREFIX = re.compile(r"^\s*\(?\d{1,2}\)?\s*(?:[-=:.)]\s*)?(?=[a-z])|^\s*\(\d{1,2}\)\s*")
_POINT_SUFFIX = re.compile(r"\s*(?:\(\d{1,2}\)|[-=]\s*\d{1,2})\s*$")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def normalise(text: str) -> str:
    """Lower case, straight quotes and hyphens, single spaces."""
    return " ".join(text.translate(_QUOTES).lower().split())


def core(text: str) -> str:
    """A label without point numbers, bracketed asides and end punctuation: what it says."""
    low = normalise(text)
    low = _PARENS.sub(" ", low)
    low = _POINT_PREFIX.sub("", low)
    low = _POINT_SUFFIX.sub("", low)
    return " ".join(low.strip(" .,;:!?*-").split())


def words(text: str) -> list[str]:
    """Lower-case words of a text."""
    return _WORD.findall(normalise(text))


def phrase_pattern(phrases: list[str] | tuple[str, ...] | set[str]) -> re.Pattern[str]:
    """Any of the phrases on whole-word boundaries, longest first (input must be normalised)."""
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                    for p in sorted({p for p in phrases if p}, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


def _tsv(name: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("\t")] for line in wordlist(name)]


# -- vocabularies -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """A scale word: its pole ('+', '-', '>', '<', '0' or '.'), the family of scale it names, its weight."""

    pole: str
    family: str
    weight: float = 1.0


@lru_cache(maxsize=None)
def terms() -> dict[str, Term]:
    """scale-terms.tsv as a mapping."""
    return {row[0].lower(): Term(row[1], row[2] if len(row) > 2 else "", float(row[3]) if len(row) > 3 else 1.0)
            for row in _tsv("scale-terms.tsv")}


@lru_cache(maxsize=None)
def modifiers() -> dict[str, float]:
    """scale-modifiers.tsv: degree word → intensity."""
    return {row[0].lower(): float(row[1]) for row in _tsv("scale-modifiers.tsv")}


@lru_cache(maxsize=None)
def non_substantive() -> dict[str, str]:
    """non-substantive-options.tsv: phrase → kind."""
    return {row[0].lower(): row[1] for row in _tsv("non-substantive-options.tsv")}


@lru_cache(maxsize=None)
def _term_re() -> re.Pattern[str]:
    return phrase_pattern([t for t in terms() if t not in ("yes", "no")])


@lru_cache(maxsize=None)
def _modifier_re() -> re.Pattern[str]:
    return phrase_pattern(list(modifiers()))


@lru_cache(maxsize=None)
def _kind_re(kind: str) -> re.Pattern[str]:
    return phrase_pattern([p for p, k in non_substantive().items() if k == kind])


@lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    """Country names, normalised."""
    return frozenset(normalise(c) for c in wordlist("countries.txt"))


_NEGATION = re.compile(r"(?<![\w'])(?:not|n't|don't|do not|didn't|did not|won't|wouldn't|isn't|wasn't|hardly)(?![\w'])")
_ZERO = re.compile(r"(?<![\w'])(?:not at all|no\b.*\bat all|not\b.*\bat all|none at all)(?![\w'])")
# "Neither agree nor disagree", and "Neither agree or disagree" as people often write it.
_NEITHER = re.compile(r"(?<![\w'])neither\b.+\b(?:nor|or)(?![\w'])")
_YES_NO = re.compile(r"^(?:(?:definitely|probably|maybe|possibly|certainly|mostly)\s+)?(yes|no)(?![\w'])(?!\s+[a-z])"
                     r"|(?<![\w'])(yes|no)$")
_NEG_PREFIX = ("un", "dis", "in", "im", "ir", "il")
# "less satisfied", "more confident": a comparative right before a scale term.
_COMPARATIVE = re.compile(r"(?<![\w'])(more|less)\s+$")
# Small words a scale label may carry besides its scale vocabulary ("I'm more confident now").
_FILLER = {"i", "i'm", "im", "am", "was", "is", "it", "its", "it's", "the", "a", "an", "of", "at", "all", "now",
           "too", "to", "me", "my", "about", "than", "before", "expected", "quite", "so", "nor", "neither",
           "or", "and", "very", "just", "somewhat", "bit", "little", "not", "no", "much", "only", "feel", "felt",
           "be", "been", "are", "were", "would", "will", "yes"}


# -- one label --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Label:
    """One answer option as the rules see it."""

    text: str
    core: str
    kind: str                  # substantive | optout | dontknow | na | other | none
    pole: str | None = None    # + - > < 0 zero, or None when the label names no scale point
    weight: float = 1.0        # intensity ("extremely" 3, "very" 2, "slightly" 0.5)
    families: frozenset[str] = frozenset()
    scale_like: bool = False   # short and made of scale vocabulary

    @property
    def substantive(self) -> bool:
        return self.kind == "substantive"

    @property
    def valenced(self) -> bool:
        """A good/bad end (agree, satisfied, helpful…), not a direction such as too slow/too fast."""
        return self.pole in ("+", "-", "zero") and "yesno" not in self.families

    @property
    def score(self) -> float:
        """Position on the scale: negative side below zero, positive above, neutral 0."""
        if self.pole in ("+", ">"):
            return self.weight
        if self.pole in ("-", "<"):
            return -self.weight
        return 0.0


def option_kind(text: str) -> str:
    """substantive, or the kind of non-substantive option (optout, dontknow, na, other, none)."""
    low = core(text) or normalise(text)
    if _NEITHER.search(low):
        return "substantive"
    if _kind_re("optout").search(low):
        return "optout"
    if _kind_re("dontknow").search(low):
        return "dontknow"
    if _kind_re("na").search(low):
        return "na"
    if is_other(text):
        return "other"
    first = low.split(" ", 1)[0] if low else ""
    if first in ("none", "neither") or low.startswith("all of the above") or low in ("nothing", "no one", "nobody"):
        return "none"
    return "substantive"


_OTHER_NOUNS = ("group", "groups", "background", "backgrounds", "category", "categories", "role", "roles", "field",
                "fields", "reason", "reasons", "source", "sources", "language", "languages", "tool", "tools", "option",
                "options", "type", "types", "kind", "identity", "identities", "gender", "ethnicity", "race",
                "religion", "answer", "response", "discipline", "disciplines", "occupation", "position", "platform",
                "platforms", "method", "methods", "country", "area", "areas", "subject", "topic", "topics", "job",
                "sector", "software", "system", "device", "service")


def is_other(text: str) -> bool:
    """An open 'Other (please specify)'-like option; 'Other Pacific Islander' is not one."""
    low = normalise(_PARENS.sub(lambda m: " " + m.group(0) + " ", text)).strip(" .:")
    if re.match(r"^(?:other|others|another|something else|anything else)(?:$|\s*[(:,\-/]|\s+(?:please|not|than)\b)",
                low):
        return True
    if re.match(r"^(?:i|we)\s+(?:use|prefer|have|describe (?:myself|ourselves) (?:with|in))\s+(?:an?\s+)?"
                r"(?:another|other|different)\b", low):
        return True  # "I use another term", "I prefer a different word": the write-in of an identity list
    m = re.match(r"^(?:other|another|any other)\s+((?:[\w'-]+\s+){0,2}[\w'-]+)\s*$",
                 " ".join(_PARENS.sub(" ", low).split()).strip(" .:"))
    if m and m.group(1).split()[-1] in _OTHER_NOUNS:
        return True
    return bool(re.search(r"please specify|self[- ]describe|describe myself|not listed|a different term|"
                          r"write in|open text|fill in|specify below|\(specify\)", low))


def _derived_pole(word: str) -> Term | None:
    table = terms()
    for prefix in _NEG_PREFIX:
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            base = table.get(word[len(prefix):])
            if base is not None and base.pole == "+":
                return Term("-", base.family, base.weight)
    return None


@dataclass
class _Reading:
    """What the words of one label say, gathered term by term (see ``label``)."""

    poles: list[str] = field(default_factory=list)
    families: set[str] = field(default_factory=set)
    covered: list[tuple[int, int]] = field(default_factory=list)  # spans of scale vocabulary
    base_weights: list[float] = field(default_factory=list)       # weights of the terms with a pole

    def is_covered(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.covered)


@lru_cache(maxsize=8192)
def label(text: str) -> Label:
    """Classify one answer option (cached: every option rule asks about the same labels)."""
    kind = option_kind(text)
    low = core(text)
    if kind != "substantive" or not low:
        return Label(text, low, kind if low else "none")
    if _NEITHER.search(low):
        return Label(text, low, kind, "0", 1.0, frozenset({"neutral"}), scale_like=len(low.split()) <= 6)
    reading = _Reading()
    neg = _NEGATION.search(low)
    zero = bool(_ZERO.search(low))
    _read_yes_no(low, reading)
    _read_terms(low, reading, neg, zero)
    _read_derived(low, reading)
    weight = _intensity(low, reading, neg)
    pole, weight = _pole(reading, zero, weight)
    leftover = [w.group(0) for w in _WORD.finditer(low)
                if not reading.is_covered(w.start()) and w.group(0) not in _FILLER]
    scale_like = (pole is not None or bool(reading.families)) and len(leftover) <= 2 and len(low.split()) <= 7
    return Label(text, low, kind, pole, weight, frozenset(reading.families), scale_like)


def _read_yes_no(low: str, reading: _Reading) -> None:
    """'Yes', 'Definitely no', 'Probably yes': a yes/no answer and its side."""
    yes_no = _YES_NO.search(low)
    if yes_no:
        word = yes_no.group(1) or yes_no.group(2)
        reading.poles.append("+" if word == "yes" else "-")
        reading.families.add("yesno")
        reading.covered.append(yes_no.span())


def _flip(pole: str) -> str:
    return "-" if pole == "+" else "+"


def _read_terms(low: str, reading: _Reading, neg: re.Match[str] | None, zero: bool) -> None:
    """The scale terms of the label (scale-terms.tsv), each pole turned by 'less' or a negation before it."""
    table = terms()
    negated_until = -1  # a negation turns the first term after it only ("not satisfied or happy")
    for m in _term_re().finditer(low):
        term = table.get(" ".join(m.group(0).split()))
        if term is None:
            continue
        reading.covered.append(m.span())
        reading.families.add(term.family)
        pole = term.pole
        if pole != ".":
            reading.base_weights.append(term.weight)
        if pole in ("+", "-"):
            comparative = _COMPARATIVE.search(low[: m.start()])
            if comparative and comparative.group(1) == "less":
                pole = _flip(pole)
            if neg and neg.start() < m.start() and not zero and neg.end() > negated_until:
                pole = _flip(pole)
                negated_until = neg.end()
        if pole in ("<", ">") and term.family == "change" and not _qualifies(low[m.end():].lstrip(), table):
            continue
        reading.poles.append(pole)


def _qualifies(after: str, table: dict[str, Term]) -> bool:
    """Whether a bare 'more'/'less' is a direction: only when it qualifies something ("more motivated").

    Not at the end, not before 'than', 'of' or 'or', and not before an adjective that
    carries the pole itself (its pole is flipped for 'less' where it is read).
    """
    if not after or after.startswith(("than", "of", "or")):
        return False
    nxt = after.split(" ", 1)[0]
    return not (nxt in table and table[nxt].pole in ("+", "-"))


def _read_derived(low: str, reading: _Reading) -> None:
    """un-/dis-/in- forms of positive terms ("unhelpful", "unprepared") not read as terms already."""
    for m in _WORD.finditer(low):
        if reading.is_covered(m.start()):
            continue
        derived = _derived_pole(m.group(0))
        if derived is not None:
            reading.covered.append(m.span())
            reading.families.add(derived.family)
            reading.poles.append(derived.pole)


def _intensity(low: str, reading: _Reading, neg: re.Match[str] | None) -> float:
    """The strongest degree word ("very", "extremely") times the strongest term's own weight.

    The degree words and the negation count as scale vocabulary for ``scale_like``.
    """
    weights = []
    for m in _modifier_re().finditer(low):
        weights.append(modifiers()[" ".join(m.group(0).split())])
        reading.covered.append(m.span())
    if neg:
        reading.covered.append(neg.span())
    return (max(weights) if weights else 1.0) * (max(reading.base_weights) if reading.base_weights else 1.0)


def _pole(reading: _Reading, zero: bool, weight: float) -> tuple[str | None, float]:
    """The label's one pole from its terms' poles (None when they disagree), and its weight."""
    signed = [p for p in reading.poles if p != "."]
    sides = set(signed)
    if "0" in sides:
        return "0", weight
    if zero and "-" not in sides:
        return "zero", 0.0  # "Not at all": the zero of a one-sided scale
    if not signed:
        return None, weight
    if len(sides) == 1:
        return signed[0], weight
    if sides <= {"+", ">"}:
        return "+", weight
    if sides <= {"-", "<"}:
        return "-", weight
    if "yesno" in reading.families and len(sides) == 2 and zero:
        return "-", weight
    return None, weight


def labels(choices: tuple[str, ...] | list[str]) -> list[Label]:
    """Every option classified."""
    return [label(c) for c in choices]


# -- a list as a scale ------------------------------------------------------------------------

@dataclass(frozen=True)
class Scale:
    """A list of options read as a rating scale: its substantive points in order."""

    points: tuple[int, ...]      # indices of the substantive options, in list order
    labels: tuple[Label, ...]    # all options, classified
    bipolar: bool                # has points on both sides (agree/disagree, too slow/too fast)
    valenced: bool               # its sides are good/bad, not two directions

    def point(self, k: int) -> Label:
        return self.labels[self.points[k]]

    @property
    def neutral(self) -> list[int]:
        """Indices (into the choices) of neutral midpoints."""
        return [i for i in self.points if self.labels[i].pole == "0"]

    def side(self, i: int) -> int:
        """-1, 0 or +1: which side of the scale option ``i`` sits on."""
        s = self.labels[i].score
        return (s > 0) - (s < 0)

    @property
    def families(self) -> set[str]:
        return {f for i in self.points for f in self.labels[i].families} - {"neutral"}

    @property
    def direction(self) -> int:
        """+1 when the list runs from the negative end to the positive, -1 the other way, 0 unknown."""
        if not self.valenced or len(self.points) < 2 or "yesno" in self.families:
            return 0
        first, last = self.point(0), self.point(len(self.points) - 1)
        if first.pole == "0" or last.pole == "0":
            return 0
        diff = last.score - first.score
        return (diff > 0) - (diff < 0)


@lru_cache(maxsize=None)
def _directions() -> dict[tuple[str, str], str]:
    """(family, valenced pole) → direction, from pairs such as "easy" (+) and "too easy" (<)."""
    table = terms()
    out: dict[tuple[str, str], str] = {}
    for term, info in table.items():
        if term.startswith("too ") and info.pole in ("<", ">"):
            base = table.get(term[4:])
            if base is not None and base.pole in ("+", "-"):
                out[(base.family, base.pole)] = info.pole
    return out


_NOT_TERM = re.compile(r"^not\s+(?:very\s+|really\s+)?([a-z]+)$")


def _unipolar_zero(classified: list[Label], points: tuple[int, ...]) -> int | None:
    """The end point "Not confident" of "Not confident, Slightly confident … Very confident", or None.

    Such a list grades one quality from none upwards: its "not" point is the zero of a
    one-sided scale, not the negative side of a two-sided one.  It counts only when every
    other point is the same word, none of them negative, and one of them is a small amount
    ("Slightly", "Somewhat"): the list grades how much, not which side.
    """
    negatives = [i for i in points if classified[i].pole == "-"]
    if len(negatives) != 1 or negatives[0] not in (points[0], points[-1]):
        return None
    m = _NOT_TERM.match(classified[negatives[0]].core)
    if m is None or terms().get(m.group(1), Term(".", "")).pole != "+":
        return None
    others = [classified[i] for i in points if i != negatives[0]]
    same = [lab for lab in others if lab.pole == "+" and m.group(1) in lab.core.split()]
    small = [lab for lab in same if 0 < lab.weight <= 0.75]
    return negatives[0] if len(others) >= 2 and len(same) == len(others) and small else None


def _relabel(classified: list[Label], i: int, pole: str, weight: float) -> None:
    lab = classified[i]
    classified[i] = Label(lab.text, lab.core, lab.kind, pole, weight, lab.families, lab.scale_like)


def _read_in_context(classified: list[Label], points: tuple[int, ...]) -> None:
    """Words whose place on a scale depends on their neighbours.

    - "Very X, Somewhat X, Not very X, Not at all X": next to "Not very X", "Not at all X"
      is the far end of the negative side, not a zero.
    - "Very poor, Poor, Fair, Good, Very good": a weak word in the exact middle, with as
      many points on each side, is the midpoint.
    """
    for end, inner in ((points[0], points[1]), (points[-1], points[-2])) if len(points) >= 3 else ():
        if classified[end].pole == "zero" and classified[inner].pole == "-":
            _relabel(classified, end, "-", max(classified[inner].weight, 1.0) + 0.5)
    if len(points) >= 5 and len(points) % 2 == 1:
        mid = points[len(points) // 2]
        lower, upper = points[: len(points) // 2], points[len(points) // 2 + 1:]
        lab = classified[mid]
        if lab.pole in ("+", "-") and lab.weight <= 0.5:
            low_sides = {classified[i].pole for i in lower}
            up_sides = {classified[i].pole for i in upper}
            if len(low_sides) == 1 and len(up_sides) == 1 and {*low_sides, *up_sides} == {"+", "-"}:
                _relabel(classified, mid, "0", 0.0)


def scale(choices: tuple[str, ...] | list[str]) -> Scale | None:
    """The options as a rating scale, or None when they are not one (names, ranges, numbers…)."""
    return _scale(tuple(choices))


@lru_cache(maxsize=2048)
def _scale(choices: tuple[str, ...]) -> Scale | None:
    classified = labels(choices)
    points = tuple(i for i, lab in enumerate(classified) if lab.substantive)
    if len(points) < 2:
        return None
    pts = [classified[i] for i in points]
    if not all(p.scale_like and p.pole is not None for p in pts):
        return None
    if any(p.pole in ("<", ">") for p in pts):
        # "Too easy … A bit easy … Just right … A bit hard … Too hard": the plain words take the
        # direction of their "too" forms, not a good/bad valence.
        remap = _directions()
        for i in points:
            lab = classified[i]
            for family in lab.families:
                if (family, lab.pole) in remap:
                    classified[i] = Label(lab.text, lab.core, lab.kind, remap[(family, lab.pole)], lab.weight,
                                          lab.families, lab.scale_like)
                    break
        pts = [classified[i] for i in points]
    zero_end = _unipolar_zero(classified, points)
    if zero_end is not None:
        lab = classified[zero_end]
        classified[zero_end] = Label(lab.text, lab.core, lab.kind, "zero", 0.0, lab.families, lab.scale_like)
        pts = [classified[i] for i in points]
    _read_in_context(classified, points)
    pts = [classified[i] for i in points]
    sides = {p.pole for p in pts}
    bipolar = bool(sides & {"+", ">"}) and bool(sides & {"-", "<"})
    valenced = all(p.pole in ("+", "-", "0", "zero") for p in pts) and any(p.valenced for p in pts)
    return Scale(points, tuple(classified), bipolar, valenced)


def is_numeric(text: str) -> bool:
    """A bare number ("3", "10", "2.5")."""
    return bool(re.fullmatch(r"\s*[-+]?\d+(?:[.,]\d+)?\s*", text))


def yes_no_list(choices: tuple[str, ...] | list[str]) -> bool:
    """Only yes/no answers (with degrees or elaborations: "Yes, I have…", "Probably no")."""
    subst = [lab for lab in labels(choices) if lab.substantive]
    if not subst:
        return False
    return all(re.match(r"^(?:(?:definitely|probably|maybe|possibly|certainly)\s+)?(?:yes|no)(?![\w'])"
                        r"|^(?:definitely|probably)\s+(?:not|yes|no)$", lab.core) for lab in subst)


# Words that mark an ordered (ordinal) option: frequencies, amounts, degrees, likelihoods.
_ORDINAL = re.compile(
    r"(?<![\w'])(?:never|rarely|seldom|sometimes|occasionally|often|frequently|usually|always|daily|weekly|monthly|"
    r"yearly|annually|once|twice|times|every|none|some|most|all|few|many|half|more|less|much|little|lot|"
    r"extremely|very|somewhat|slightly|moderately|fairly|quite|not at all|completely|mostly|partly|definitely|"
    r"probably|possibly|likely|unlikely|minor|moderate|serious|major|minimal|significant|severe|no|beginner|novice|"
    r"intermediate|advanced|expert|basic|proficient|fluent|elementary|first|second|third|last|"
    # orders of magnitude ("Dozens", "Hundreds", "Tens of thousands"): each band is above the last
    r"dozens|hundreds|thousands|millions|billions|tens of|"
    # sizes of an effect ("No effect … A small effect … A large effect") and spans of time
    # ("Within a week … Longer than a month")
    r"small|large|big|within|longer|shorter)(?![\w'])")


def ordinal_list(choices: tuple[str, ...] | list[str]) -> bool:
    """An ordered list: a rating scale, or most options carry frequency/amount/degree words."""
    if scale(choices) is not None:
        return True
    subst = [lab for lab in labels(choices) if lab.substantive]
    if not subst:
        return False
    marked = sum(1 for lab in subst if _ORDINAL.search(lab.core) or lab.pole is not None)
    return marked * 2 >= len(subst)


# -- lookup lists ------------------------------------------------------------------------------

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def lookup_list(choices: tuple[str, ...] | list[str]) -> str | None:
    """'countries', 'years', 'months', 'numbers' or 'alphabetical' for lists people search rather than read."""
    subst = [c for c in choices if option_kind(c) == "substantive"]
    if len(subst) < 3:
        return None
    low = [normalise(c).strip(" .") for c in subst]
    known = countries()
    if sum(1 for c in low if c in known) * 2 >= len(low):
        return "countries"
    if all(re.fullmatch(r"(?:19|20)\d\d", c) for c in low):
        return "years"
    if all(c in _MONTHS or c[:3] in (m[:3] for m in _MONTHS) and len(c) <= 4 for c in low):
        return "months"
    if all(c in _DAYS for c in low):
        return "weekdays"
    if all(is_numeric(c) for c in low):
        return "numbers"
    keys = [core(c) for c in subst]
    if keys == sorted(keys):
        return "alphabetical"
    return None


# -- numeric ranges ----------------------------------------------------------------------------

_UNIT_IN = re.compile(r"(?<![\w])(minute|min|hour|hr|day|week|wk|month|mo|year|yr)s?(?![\w])")

# unit word → (dimension, size in the dimension's base unit)
_TIME = {"minute": 1 / 60, "min": 1 / 60, "hour": 1.0, "hr": 1.0, "day": 24.0, "week": 168.0, "wk": 168.0,
         "month": 730.0, "mo": 730.0, "year": 8760.0, "yr": 8760.0}
_QTY = re.compile(
    r"(?P<cur>[$€£¥₹])?\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?\s*"
    r"(?P<mult>k|thousand|million|m(?=\s|$|-))?(?![\w])\s*"
    r"(?P<unit>%|percent\b|(?:minute|min|hour|hr|day|week|wk|month|mo|year|yr)s?\b)?")
# Words a range label may carry that change nothing ("aged", "ago", "per week", "employees").
_RANGE_FILLER = {
    "ago", "old", "of", "age", "aged", "per", "a", "an", "each", "in", "total", "last", "past", "the",
    "approximately", "about", "around", "roughly", "approx", "week", "month", "year", "day", "hour", "people",
    "persons", "person", "employees", "staff", "participants", "learners", "students", "members", "times",
    "sessions", "workshops", "workshop", "courses", "lessons", "classes", "usd", "eur", "gbp", "cad", "aud",
    "annually", "annual", "yearly", "monthly", "weekly", "experience", "working", "so", "far",
    "hours", "days", "weeks", "months", "years", "dollars", "euros", "pounds",
}
_FORMS: dict[str, tuple[str, bool, bool]] = {}
for _f in ("Q", ):
    _FORMS[_f] = ("single", True, True)
for _f in ("Q - Q", "Q to Q", "between Q and Q", "from Q to Q", "Q through Q", "Q thru Q", "Q or Q"):
    _FORMS[_f] = ("closed", True, True)
for _f in ("under Q", "below Q", "less than Q", "fewer than Q", "younger than Q", "lower than Q", "< Q",
           "up to but not including Q"):
    _FORMS[_f] = ("below", False, False)
for _f in ("up to Q", "at most Q", "no more than Q", "not more than Q", "Q or less", "Q or fewer", "Q or under",
           "Q or younger", "Q or below", "Q and under", "Q and below", "Q or lower", "Q and younger", "<= Q",
           "≤ Q", "Q or earlier", "Q and earlier", "before and including Q"):
    _FORMS[_f] = ("below", True, True)
for _f in ("over Q", "above Q", "more than Q", "greater than Q", "older than Q", "higher than Q", "> Q",
           "after Q", "later than Q"):
    _FORMS[_f] = ("above", False, False)
for _f in ("Q plus", "Q or more", "Q or over", "Q or older", "Q or above", "Q and over", "Q and above", "Q and up",
           "Q and older", "Q or greater", "Q or higher", "at least Q", ">= Q", "≥ Q", "Q or later", "Q and later",
           "Q and beyond", "Q or longer", "Q and more", "Q or above"):
    _FORMS[_f] = ("above", True, True)
for _f in ("before Q", "earlier than Q"):
    _FORMS[_f] = ("below", False, False)


@dataclass(frozen=True)
class Interval:
    """The values one option covers; bounds in the dimension's base unit (hours for time)."""

    text: str
    lo: float
    hi: float
    lo_incl: bool
    hi_incl: bool
    lo_step: float    # one unit at the lower bound ("1" for 18, 1 year for "2 years"): for whole-number adjacency
    hi_step: float
    dimension: str    # time | money | percent | plain
    form: str         # single | closed | below | above
    lo_text: str = ""
    hi_text: str = ""

    @property
    def is_range(self) -> bool:
        return self.form != "single"


@dataclass(frozen=True)
class _Qty:
    value: float
    step: float
    dimension: str | None
    unit: float
    text: str


def _quantity(m: re.Match[str]) -> _Qty:
    num = float(m.group("num").replace(",", "") + (m.group("dec") or ""))
    decimals = len(m.group("dec") or "") - 1 if m.group("dec") else 0
    mult = {"k": 1e3, "thousand": 1e3, "million": 1e6, "m": 1e6}.get((m.group("mult") or "").lower(), 1.0)
    unit_word = (m.group("unit") or "").lower().rstrip("s") if m.group("unit") not in ("%",) else "%"
    if m.group("unit") and m.group("unit").lower().startswith("percent"):
        unit_word = "%"
    dimension: str | None = None
    size = 1.0
    if m.group("cur"):
        dimension = "money"
    if unit_word == "%":
        dimension = "percent"
    elif unit_word in _TIME:
        dimension, size = "time", _TIME[unit_word]
    step = (10.0 ** -decimals) * mult
    return _Qty(num * mult, step, dimension, size, m.group(0).strip())


def interval(text: str, unit_hint: tuple[str, float] | None = None) -> Interval | None:
    """Parse one option as a number or range of numbers; None when it is anything else."""
    low = normalise(text)
    low = _PARENS.sub(" ", low)
    low = low.replace("+", " plus ")
    low = re.sub(r"\b(?:a|an|one)\s+(?=(?:year|month|week|day|hour|minute)s?\b)", "1 ", low)  # "over a year"
    low = re.sub(r"(?<=\d)\s*-\s*(?=[$€£¥₹]?\d)", " - ", low)
    low = re.sub(r"(?<=[a-z%])\s*-\s*(?=[$€£¥₹]?\d)", " - ", low)
    quantities: list[_Qty] = []

    def repl(m: re.Match[str]) -> str:
        quantities.append(_quantity(m))
        return " Q "

    template = _QTY.sub(repl, low)
    if not quantities or len(quantities) > 2:
        return None
    tokens = [t for t in re.findall(r"[a-z]+(?:'[a-z]+)?|[<>≤≥]=?|Q|-", template.replace("Q", " Q "))]
    kept = [t for t in tokens if t not in _RANGE_FILLER]
    form_key = " ".join(kept)
    form = _FORMS.get(form_key)
    if form is None:
        return None
    shape, lo_incl, hi_incl = form
    if (shape == "closed") != (len(quantities) == 2):
        return None
    # Units: a bound without one takes its partner's ("1-2 years"), else the list's.
    known = [q for q in quantities if q.dimension is not None]
    fixed: list[_Qty] = []
    for q in quantities:
        if q.dimension is None:
            if known:
                src = known[-1]
                q = _Qty(q.value * src.unit, q.step * src.unit, src.dimension, src.unit, q.text)
            elif unit_hint is not None:
                q = _Qty(q.value * unit_hint[1], q.step * unit_hint[1], unit_hint[0], unit_hint[1], q.text)
            else:
                q = _Qty(q.value, q.step, "plain", 1.0, q.text)
        elif q.dimension == "time":
            q = _Qty(q.value * q.unit, q.step * q.unit, q.dimension, q.unit, q.text)
        fixed.append(q)
    if len({q.dimension for q in fixed}) > 1:
        return None
    dim = fixed[0].dimension or "plain"
    if shape == "single":
        q = fixed[0]
        return Interval(text, q.value, q.value, True, True, q.step, q.step, dim, "single", q.text, q.text)
    if shape == "closed":
        a, b = fixed
        if b.value < a.value:
            a, b = b, a
        return Interval(text, a.value, b.value, True, True, a.step, b.step, dim, "closed", a.text, b.text)
    q = fixed[0]
    if shape == "below":
        return Interval(text, -math.inf, q.value, True, hi_incl, q.step, q.step, dim, "below", "", q.text)
    return Interval(text, q.value, math.inf, lo_incl, True, q.step, q.step, dim, "above", q.text, "")


def ranges(choices: tuple[str, ...] | list[str]) -> list[tuple[int, Interval]] | None:
    """The options as numeric ranges, with their indices; None unless the list is a range list.

    A range list has at least two parsed options, at least one of them a range or an
    open end ("18-24", "Under 18", "10+"), and at most one substantive option that is
    not a number ("It was my first one").  Bare numbers and years alone are a
    numeric scale or a year list, not ranges.
    """
    # Bounds without a unit ("Less than 1") take the list's unit when it names exactly one.
    found = {_TIME[u.group(1)] for c in choices for u in _UNIT_IN.finditer(normalise(c))}
    hint = ("time", found.pop()) if len(found) == 1 else None
    out: list[tuple[int, Interval]] = []
    unparsed = 0
    for i, c in enumerate(choices):
        kind = option_kind(c)
        low = normalise(c).strip(" .")
        if kind != "substantive":
            if low in ("none", "zero", "nothing"):
                out.append((i, Interval(c, 0.0, 0.0, True, True, 1.0, 1.0, "zero", "single", "0", "0")))
            continue
        parsed = interval(c, hint)
        if parsed is None:
            unparsed += 1
        else:
            out.append((i, parsed))
    if len(out) < 2 or unparsed > 1 or not any(iv.is_range for _, iv in out):
        return None
    dims = {iv.dimension for _, iv in out} - {"zero"}
    if len(dims) != 1:
        return None
    dim = dims.pop()
    out = [(i, iv if iv.dimension != "zero" else Interval(iv.text, 0.0, 0.0, True, True, 1.0, 1.0, dim, "single",
                                                          "0", "0")) for i, iv in out]
    return out


# The values a range problem's message names; its rule's YAML holds the sentence.
Values = tuple[tuple[str, str | float], ...]


@dataclass(frozen=True)
class RangeProblem:
    """An overlap, a gap or an uncovered end in a range list, placed on one option.

    ``variant`` names the rule's message template (its YAML ``messages:``) and ``values``
    fill it: the options as written and the numbers or bounds that make the problem.
    """

    kind: str          # overlap | gap | top | bottom | zero
    index: int         # the option the finding sits on
    variant: str       # the message variant: the kind, and for overlaps and gaps how the values read
    values: Values = ()


def _bound(iv: Interval, side: str) -> str:
    """A bound as the option writes it, with the option's unit ("2" of "2-5 years" → "2 years")."""
    own = iv.lo_text if side == "lo" else iv.hi_text
    if not own or not own[-1].isdigit():
        return own
    low = normalise(iv.text)
    if "%" in low or "percent" in low:
        return own + "%"
    unit = _UNIT_IN.search(low)
    if unit:
        return f"{own} {unit.group(1)}{'' if own == '1' else 's'}"
    return own


def _gap(a: Interval, ib: int, b: Interval) -> RangeProblem:
    """Values that fall between two neighbouring options: one whole number, a run of them, or what lies between.

    The variant says which, and whether the later option starts at its bound or above it
    ("gap-value-above": "'18-64' ends at 64 and 'Over 65' starts above 65").
    """
    ends: Values = (("before", a.text.strip()), ("ends_at", _bound(a, "hi")), ("after", b.text.strip()),
                    ("starts_at", _bound(b, "lo")))
    starts = "" if b.lo_incl else "-above"
    if a.dimension == "plain" and a.hi_step == 1 and b.lo_step == 1:
        first = a.hi + 1 if a.hi_incl else a.hi
        last = b.lo - 1 if b.lo_incl else b.lo
        if first == last:
            return RangeProblem("gap", ib, "gap-value" + starts, (("value", first), *ends))
        if first < last:
            return RangeProblem("gap", ib, "gap-values" + starts, (("first", first), ("last", last), *ends))
    return RangeProblem("gap", ib, "gap-between" + starts, ends)


# A stem that asks how long something lasted: its answer is a length of time, not a count.
_DURATION = re.compile(r"\bhow long\b|\bhow much time\b|\bfor how many\b")


def _bounded_top(iv: Interval, question: str) -> bool:
    """Whether the top bound is the natural maximum (100%, 7 days a week…)."""
    low = normalise(question)
    if iv.dimension == "percent" and iv.hi >= 100:
        return True
    if iv.dimension == "time":
        if re.search(r"\b(?:a|per|each|last|past|this|every)\s+week\b|\b(?:last|past|previous)\s+(?:7|seven)\s+days\b",
                     low) and iv.hi >= 7 * 24:
            return True
        if re.search(r"\b(?:a|per|each|last|past|this|every)\s+day\b", low) and iv.hi >= 24:
            return True
        if re.search(r"\b(?:a|per|each|last|past|this|every)\s+year\b", low) and iv.hi >= 8760:
            return True
    return False


# Counts of events that may not have happened at all ("How many times have you…").
_COUNT_OF_EVENTS = re.compile(r"\bhow many (?:times|occasions)\b|\bon how many (?:occasions|days|times)\b|"
                              r"\bhow often\b", re.IGNORECASE)
# Stems that rule zero out: a filter ("If you have…") or a count that includes this event.
_ZERO_RULED_OUT = re.compile(r"\bif (?:you|so|yes)\b|\bincluding (?:this|today)\b|\bother than this\b",
                             re.IGNORECASE)
_ZERO_OPTION = re.compile(r"(?<![\w'])(?:never|none|zero|0|not once|not yet|no times?|not at all)(?![\w'])")


def _needs_zero(parsed: list[tuple[int, Interval]], choices: tuple[str, ...] | list[str], question: str) -> bool:
    """A count of events whose options start at 1 with no "None"/"0"/"Never" for someone it never happened to."""
    if not _COUNT_OF_EVENTS.search(question) or _ZERO_RULED_OUT.search(question):
        return False
    if any(_ZERO_OPTION.search(normalise(c)) for c in choices):
        return False
    listed = {i for i, _ in parsed}
    if any(option_kind(c) == "substantive" and i not in listed for i, c in enumerate(choices)):
        return False  # "This was my first time" and the like name the bottom in words
    bottom = min((iv for _, iv in parsed), key=lambda iv: iv.lo)
    return bottom.dimension == "plain" and bottom.form != "below" and bottom.lo == 1


def range_problems(choices: tuple[str, ...] | list[str], question: str = "") -> list[RangeProblem]:
    """Overlaps, gaps and uncovered ends of a range list (empty when the list is not one)."""
    parsed = ranges(choices)
    if not parsed:
        return []
    problems: list[RangeProblem] = []
    order = sorted(parsed, key=lambda p: (p[1].lo, p[1].hi))
    positions = [i for i, _ in parsed]
    has_unparsed = any(option_kind(c) == "substantive" and i not in positions for i, c in enumerate(choices))
    # Options in list order (ascending or descending) make gaps meaningful between neighbours.
    listed = [i for i, _ in parsed]
    sorted_idx = [i for i, _ in order]
    ordered = listed == sorted_idx or listed == sorted_idx[::-1]
    # A stem that asks how long: beside an exact length of time, the next whole unit leaves a gap.
    lasting = bool(_DURATION.search(normalise(question)))
    for (ia, a), (ib, b) in zip(order, order[1:]):
        if b.lo < a.hi or (b.lo == a.hi and a.hi_incl and b.lo_incl):
            if a.form == "single" and b.form == "single":
                continue
            if {a.form, b.form} == {"single", "below"} and 0 == min(a.hi, b.hi):
                continue  # "None", then "Less than 2": the usual reading is "some, but fewer than 2"
            options: Values = (("option", b.text.strip()), ("other", a.text.strip()))
            if b.lo == a.hi:
                at = max(_bound(a, "hi"), _bound(b, "lo"), key=len)
                problems.append(RangeProblem("overlap", ib, "overlap-value", (*options, ("value", at))))
            else:
                problems.append(RangeProblem("overlap", ib, "overlap-values",
                                             (*options, ("low", _bound(b, "lo")), ("high", _bound(a, "hi")))))
            continue
        if not ordered:
            continue
        gap = b.lo - a.hi
        if gap <= 0:
            continue
        # A bare zero ("None", "0") has no unit of its own: the next option's unit is its step.
        step = b.lo_step if a.form == "single" and a.lo == a.hi == 0 else min(a.hi_step, b.lo_step)
        whole = a.hi_incl and b.lo_incl and gap <= step + 1e-9
        # A length of time runs on between whole units: beside "1 year", "2-5 years" leaves out
        # eighteen months. Counts of days or years ("How many…") stay whole.
        exact = (a.form == "single" and a.lo > 0) or b.form == "single"
        if whole and not (exact and lasting and a.dimension == "time"):
            continue
        problems.append(_gap(a, ib, b))
    top = order[-1][1]
    # A worded option right after the highest band ("5-6 days", then "Every day") names the top.
    worded_top = listed[-1] == sorted_idx[-1] and listed[-1] + 1 < len(choices) \
        and option_kind(choices[listed[-1] + 1]) == "substantive"
    if not any(iv.form == "above" for _, iv in parsed) and math.isfinite(top.hi) and not _bounded_top(top, question) \
            and not (has_unparsed and listed[-1] != sorted_idx[-1]) and not worded_top:
        problems.append(RangeProblem("top", order[-1][0], "top",
                                     (("option", top.text.strip()), ("bound", _bound(top, "hi")))))
    bottom = order[0][1]
    age = re.search(r"\b(?:age|aged|how old|born|birth)\b", normalise(question)) or \
        any(re.search(r"\bold\b|\baged?\b", normalise(c)) for c in choices)
    if not any(iv.form == "below" for _, iv in parsed) and not has_unparsed and not age \
            and bottom.dimension != "percent" and math.isfinite(bottom.lo) \
            and bottom.lo >= 2 * bottom.lo_step and bottom.lo > 0:
        problems.append(RangeProblem("bottom", order[0][0], "bottom",
                                     (("option", bottom.text.strip()), ("bound", _bound(bottom, "lo")))))
    elif _needs_zero(parsed, choices, question):
        problems.append(RangeProblem("zero", order[0][0], "zero", (("option", bottom.text.strip()),)))
    return problems


# -- the question stem -------------------------------------------------------------------------

def question_sentence(text: str) -> tuple[int, int] | None:
    """Span of the last sentence ending in '?' (the question proper), or None for a statement."""
    found = None
    for m in re.finditer(r"[^.?!:]*\?", text):
        if m.group(0).strip() != "?":
            found = m
    if found is None:
        return None
    start = found.start()
    while start < found.end() and text[start] in " \t\n*_\"'":
        start += 1
    return start, found.end()


# Answer types: which items offer options and which are answered in the respondent's words.
CLOSED_TYPES = ("single", "multiple", "scale", "yes-no")


def is_open(question: Question) -> bool:
    """An item answered in the respondent's own words."""
    return question.type == "open" or (question.type == "unknown" and not question.choices)
