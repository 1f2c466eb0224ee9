"""presupposition: questions that take an experience, a change or a premise for granted.

"How much did you enjoy…", "How has X improved…", "In what ways did X help…",
and for open items "How helpful was…".  A hedge ("if at all", "if anything",
"or not") or a balanced pair ("helpful or unhelpful") removes the assumption, and
scale items whose choices start from "not at all" are balanced by their options —
but not a harm or a blamed cause ("To what extent did the Wi-Fi spoil your stay?"),
which a zero on the scale still grants. Also: a two-sided attitude asked from one side
("How much do you support…"), premises of loss or blame in wh-questions, and the loaded
"Have you stopped wasting…?".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, question_sentences, span_text, span_tokens
from askwell.analysis.stems import neighbour, wh_word
from askwell.rules.rewrites import drop_word
from askwell.valence import form_valence, valence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
# (A presupposing verb gets the rule's default message.)
MESSAGES: dict[str, tuple[str, ...]] = {"premise": ("word",), "was-not": ("word",), "one-sided": ("word", "other")}

WAYS = ("in what ways", "in which ways", "what ways", "how much", "how has", "how have", "how did", "how does",
        "how do", "to what extent")


class Lists(NamedTuple):
    """The rule's word lists (its options) as the check uses them, made once per options dict."""

    verbs: set[str]
    adjectives: set[str]
    directional: frozenset[str]
    verdict: frozenset[str]
    harmed: frozenset[str]
    change_of_state: frozenset[str]
    effect: frozenset[str]
    blaming: frozenset[str]
    hedges: tuple[str, ...]
    # Verbs of ceasing whose yes/no question admits the habit either way: "Have you stopped…ing?"
    ceased: frozenset[str]
    # Two-sided attitudes and their other side: "support" → "oppose".
    sides: dict[str, str]
    # How the balanced form of a one-sided adjective reads: "helpful" → "unhelpful".
    opposites: dict[str, str]
    # Each verb of change, and each noun or participle made from it, mapped to the verb.
    base_verbs: dict[str, str]


def _lists(options: dict[str, Any]) -> Lists:
    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in options[key])

    directional, harmed, effect = words("directional"), words("harmed"), words("effect_verbs")
    return Lists(set(options["verbs"]), set(options["adjectives"]), directional, words("verdict"), harmed,
                 words("change_of_state"), effect, effect | harmed, tuple(h.lower() for h in options["hedges"]),
                 words("ceased"),
                 {k.lower(): v.lower() for k, v in options["sides"].items()},
                 {k.lower(): v for k, v in options["opposites"].items()}, _derived_forms(directional))


def _hedged(sent: "Span", question: Question, context: Context, lists: Lists) -> bool:
    low = span_text(sent).lower()
    if any(h in low for h in lists.hedges):
        return True
    # A scale whose options include the zero answers an assumed experience ("How much did you
    # enjoy…? Not at all"), but not an assumed direction of change: "How much has it improved?
    # Not at all … A great deal" leaves no way to say it got worse.
    if any(t.lemma_.lower() in lists.directional for t in span_tokens(sent) if t.pos_ == "VERB"):
        return False
    return any(c.text.lower().startswith(("not ", "none", "no ")) for c in _choices(question, context))


def _one_sided(sent: "Span", question: Question, context: Context, sides: dict[str, str]) -> "Token | None":
    """'How much do you support the plan?': a two-sided attitude asked from one side only.

    Someone who opposes the plan can answer only "Not at all", the same as someone who does
    not care; naming both sides ("support or oppose") or offering them in the options is the fix.
    """
    low = span_text(sent).lower().lstrip()
    if not low.startswith(("how much", "how strongly", "to what extent", "how far")):
        return None
    for t in span_tokens(sent):
        other = sides.get(t.lemma_.lower())
        if other is None or t.pos_ != "VERB" or t.dep_ != "ROOT":
            continue
        offered = low + " " + " ".join(c.text.lower() for c in _choices(question, context))
        if other not in offered:
            return t
    return None


def _choices(question: Question, context: Context) -> tuple:  # type: ignore[type-arg]
    """The item's choices, or for a grid stem without its own, those of its first row."""
    if question.choices:
        return question.choices
    row = neighbour(question, context, 1)
    return row.choices if row is not None and row.section == question.text else ()




def hedged_rewrite(sent: "Span") -> str:
    """The same question with 'if at all' after its wh-phrase: neutral, and keeps its intent."""
    text = span_text(sent).strip()
    low = text.lower()
    for phrase, hedge in (("in what ways", "if any"), ("in which ways", "if any"), ("what ways", "if any"),
                          ("to what extent", "if at all"), ("how much", "if at all"), ("how", "if at all")):
        if low.startswith(phrase):
            cut = len(phrase)
            return f"{text[:cut]}, {hedge},{text[cut:]}"
    return text


def _negative_premise(sent: "Span", floor: float, effect: frozenset[str]) -> "Token | None":
    """A word of loss or blame that the wh-question takes as given.

    "How much time did you *lose*…", "What *problems* did the setup cause?", "How has the
    *lack* of updates affected you?", "Why do you *avoid*…": answering at all grants the
    premise. The word must be rated negative by VADER and be the question's own verb or
    a noun it asks about; the scale word right after "how" ("How worried…") is what the
    question measures.
    """
    tokens = [t for t in span_tokens(sent) if not t.is_space]
    if span_text(sent).lower().lstrip().startswith("what if"):
        return None  # a hypothetical, not a premise
    for t in tokens:
        if t.i > 0 and t.doc[t.i - 1].lower_ == "how":
            continue
        asked = (
            (t.pos_ == "VERB" and t.dep_ == "ROOT")  # "How much time did you lose…"
            # "What problems did…": the wh-phrase itself names the premise.
            or (t.pos_ == "NOUN" and any(c.tag_ == "WDT" for c in t.children))
            # "How has the lack of updates affected you?": the cause is given.
            or (t.pos_ == "NOUN" and t.dep_ == "nsubj" and t.head.lemma_ in effect))
        if asked and any(c.lower_ in ("most", "least") for c in t.children):
            continue  # "Which part confused you most?": the muddiest point, chosen by the respondent
        if asked and (valence(t.lower_) <= -floor or valence(t.lemma_.lower()) <= -floor):
            return t
    return None


def _derived_forms(directional: frozenset[str]) -> dict[str, str]:
    """Each verb of change, and each noun or participle made from it ("improvement", "deterioration",
    "worsening"), mapped to the verb; a stem must keep four letters ("rising" is lemmatised "rise")."""
    forms = {verb: verb for verb in directional}
    for suffix in ("ment", "ation", "ion", "ing"):
        for verb in sorted(directional):
            for stem in dict.fromkeys((verb, verb.removesuffix("e"))):
                if len(stem) >= 4:
                    forms.setdefault(stem + suffix, verb)
    return forms


def _base_verb(t: "Token", base_verbs: dict[str, str]) -> str:
    """The verb a noun or participle is made from: 'improvements' → improve, 'deterioration' → deteriorate."""
    lemma = t.lemma_.lower()
    return base_verbs.get(lemma, lemma)


def _given(noun: "Token") -> bool:
    """'the improvements to…', 'our upgrades': a change that happened, not one needed or wished for
    ('what needed the most improvement', 'any improvements you would suggest')."""
    children = [c.lower_ for c in noun.children]
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "this", "our", "your", "its", "their")
                   for c in noun.children) or any(c.dep_ == "poss" for c in noun.children)
    return definite and not {"most", "more", "least", "any", "some", "further"} & set(children)


def _trend_premise(sent: "Span", lists: Lists) -> "Token | None":
    """A change stated as fact inside what is asked about.

    "How satisfied are you with the *improvements* to…", "the *upgraded* seats": the
    question grants that things got better; "How worried are you about *rising* crime?"
    grants a trend people may dispute. Respondents who think otherwise cannot say so.
    """
    if lists.base_verbs.keys().isdisjoint(doc_words(sent.doc)):
        return None  # no word of change at all (most items): the parse need not be walked
    for t in span_tokens(sent):
        base = _base_verb(t, lists.base_verbs)
        if base not in lists.directional:
            continue
        if t.pos_ == "NOUN" and base in lists.verdict and t.lemma_.lower() != base and _given(t):
            return t  # "the improvements", "the deterioration"
        if t.dep_ == "amod" and t.head.pos_ in ("NOUN", "PROPN"):
            if t.tag_ == "VBG" or (t.tag_ == "VBN" and base in lists.verdict):
                return t  # "rising crime", "the improved website"
    return None


def _neutral_premise(text: str, found: "Token", lists: Lists) -> str | None:
    """The question with the premise made neutral: a verdict of change becomes 'changes'
    ("the improvements to" → "the changes to"), and a blaming or trend modifier goes
    ("the annoying building work", "rising crime")."""
    start, end = found.idx, found.idx + len(found.text)
    if found.pos_ == "NOUN" and _base_verb(found, lists.base_verbs) in lists.verdict:
        return text[:start] + ("changes" if found.tag_ == "NNS" else "change") + text[end:]
    if found.dep_ == "amod":
        return drop_word(text, start, end)
    if found.lower_ in lists.harmed or found.lemma_.lower() in lists.harmed:
        return _affect(text, found)
    return None


# The neutral verb of effect, by the form of the harm verb it replaces ("spoil" → "affect").
AFFECT = {"VBD": "affected", "VBN": "affected", "VBZ": "affects", "VBG": "affecting"}


def _affect(text: str, harm: "Token") -> str | None:
    """'To what extent did the unreliable Wi-Fi spoil your stay?' → 'To what extent, if at all,
    did the Wi-Fi affect your stay?': a neutral verb of effect, the blame on its cause dropped,
    and room for no effect at all. Only for a question of degree that opens the item."""
    if _phrasal(harm) or harm.sent.start != 0 or not text.lower().startswith(("to what extent", "how much", "how")):
        return None
    doc = harm.doc
    cut = [(harm.idx, harm.idx + len(harm.text), AFFECT.get(harm.tag_, "affect"))]
    subject = next((c for c in doc if c.dep_ in ("nsubj", "nsubjpass") and c.i < harm.i and c.lower_ != "you"), None)
    if subject is not None:
        cut += [(c.idx, c.idx + len(c.text), "") for c in subject.children
                if c.dep_ == "amod" and form_valence(c.lower_, c.lemma_.lower()) < 0]
    if len(doc) > 1 and doc[0].lower_ == "how" and doc[1].lower_ in ("badly", "seriously", "severely", "much"):
        cut.append((doc[1].idx, doc[1].idx + len(doc[1].text), ""))  # "How badly did…" → "How…"
    out = text
    for a, b, word in sorted(cut, reverse=True):
        out = out[:a] + word + out[b:]
    out = " ".join(out.split())
    low = out.lower()
    for phrase in ("to what extent", "how"):
        if low.startswith(phrase) and "if at all" not in low:
            return f"{out[:len(phrase)]}, if at all,{out[len(phrase):]}"
    return out


def _harm_premise(sent: "Span", floor: float, lists: Lists) -> "Token | None":
    """'To what extent did the *unreliable* Wi-Fi spoil your stay?': the harm, or a blamed cause, is given."""
    tokens = span_tokens(sent)
    for t in tokens:
        if t.pos_ == "VERB" and t.dep_ == "ROOT" and (t.lemma_.lower() in lists.harmed or _phrasal(t) in lists.harmed):
            return t
        if t.lower_ in lists.harmed and t.pos_ == "NOUN" and any(
                x.lower_ in ("did", "does", "do", "has", "have") and x.i < t.i for x in tokens):
            return t  # the small model reads "did … spoil your stay" as a noun "spoil": the verb all the same
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in lists.blaming:
            for word in [t, *(c for c in t.children if c.dep_ == "amod")]:
                if form_valence(word.lower_, word.lemma_.lower()) <= -floor:
                    return word
    return None


def _stopped(sent: "Span", ceased: frozenset[str]) -> "Token | None":
    """'Have you stopped wasting so much food?': either answer admits a blameworthy habit (the
    classic loaded question)."""
    words = [t for t in span_tokens(sent) if not t.is_punct]
    if len(words) < 3 or words[0].pos_ != "AUX" or words[1].lower_ != "you":
        return None
    root = sent.root
    verb = root.lemma_.lower() if not _phrasal(root) else _phrasal(root)
    if verb not in ceased:
        return None
    done = next((c for c in root.children if c.dep_ in ("xcomp", "dobj") and c.tag_ in ("VBG", "NN")
                 and c.lower_.endswith("ing")), None)
    if done is None:
        return None
    # Only a habit nobody would own to loads the question ("wasting", "cheating", "so much"):
    # "Have you stopped using the old app?" asks a plain change.
    blamed = any(form_valence(t.lower_, t.lemma_.lower()) <= -1.0 for t in done.subtree) or any(
        t.lower_ in ("so", "such") for t in done.subtree)
    return root if blamed else None


def _phrasal(verb: "Token") -> str:
    """'put off', 'let down': the verb's lemma with its particle, as a phrasal verb is listed."""
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.lemma_.lower()} {particle.lower_}" if particle is not None else ""


def _degree_premise(sent: "Span") -> "Token | None":
    """'What made the queue *so frustrating*?': the degree is taken as given."""
    for t in span_tokens(sent):
        if t.lower_ in ("so", "such") and t.head.pos_ in ("ADJ", "NOUN") and t.head.i > t.i:
            if abs(valence(t.head.lower_)) >= 1.0:
                return t.head
    return None


def _why_premise(sent: "Span", change_of_state: frozenset[str]) -> "Token | None":
    """"Why did you find X more useful than Y?": a why-question whose clause judges or compares."""
    tokens = [t for t in span_tokens(sent) if not t.is_space and not t.is_punct]
    if len(tokens) < 4 or tokens[0].lower_ != "why" or tokens[1].lower_ in ("not", "or"):
        return None
    for t in tokens[1:]:
        if t.tag_ in ("JJR", "RBR") or (t.pos_ in ("ADJ", "ADV", "VERB") and abs(valence(t.lower_)) >= 1.0):
            return t
        if t.pos_ == "VERB" and t.lemma_.lower() in change_of_state:
            return t  # "Why has the food quality dropped?": the drop is taken as given
    return None


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the presupposing verb or adjective."""
    lists = per_options(options, _lists)
    verbs, adjectives = lists.verbs, lists.adjectives
    floor = float(options.get("min_valence", 1.0))
    for sent in question_sentences(doc):
        low = span_text(sent).lower().lstrip()
        side = _one_sided(sent, question, context, lists.sides)
        if side is not None:
            other = lists.sides[side.lemma_.lower()]
            end = side.idx + len(side.text)
            # "How much do you support or oppose the plan?": both sides named, as Pew asks them.
            both = (question.text[:end] + f" or {other}" + question.text[end:],) if side.tag_ == "VB" else ()
            yield Hit.saying("one-sided", side.idx, end, word=side.text, other=other, rewrites=both,
                             suggestion=f"Name both sides ('{side.text} or {other}') and offer both on the scale.")
            continue
        stopped = _stopped(sent, lists.ceased)
        if stopped is not None:
            yield Hit.saying("premise", stopped.idx, stopped.idx + len(stopped.text), word=stopped.text)
            continue
        hedged = _hedged(sent, question, context, lists)
        asks_degree = wh_word(sent) is not None and wh_word(sent).i == sent.start or low.startswith(("in what", "to what"))
        if hedged and asks_degree and not any(h in low for h in lists.hedges):
            # A zero on the scale answers "how much", not whether the blamed cause or the harm is
            # real: "To what extent has overcrowding affected…? Not at all" still grants overcrowding.
            found = _harm_premise(sent, floor, lists)
            if found is not None:
                yield Hit.saying("premise", found.idx, found.idx + len(found.text), word=_phrasal(found) or found.text,
                                 suggestion=_neutral_premise(question.text, found, lists))
                continue
        if not hedged:
            found = _why_premise(sent, lists.change_of_state) if low.startswith("why") else None
            if found is None and asks_degree:
                found = (_negative_premise(sent, floor, lists.effect) or _degree_premise(sent)
                         or _harm_premise(sent, floor, lists))
            if found is None:
                found = _trend_premise(sent, lists)
            if found is not None:
                yield Hit.saying("premise", found.idx, found.idx + len(found.text), word=_phrasal(found) or found.text,
                                 suggestion=_neutral_premise(question.text, found, lists))
                continue
        if not low.startswith(("how ", "in what", "in which", "what ways", "to what extent")):
            continue
        if hedged:
            continue
        tokens = [t for t in span_tokens(sent) if not t.is_space]
        if low.startswith(WAYS):
            # "would like to…" is a wish about the future, not an experience taken for granted.
            verb = next((t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in verbs
                         and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children)), None)
            if verb is not None:
                # The rule's message, with the verb as its {match}.
                yield Hit(verb.idx, verb.idx + len(verb.text), suggestion=hedged_rewrite(sent))
                continue
        # "How helpful were…": only for open items, where no scale carries the other end.
        if question.type in ("open", "unknown") and len(tokens) > 1 and tokens[0].lower_ == "how":
            adj = tokens[1]
            if adj.lower_ in adjectives:
                rest = "".join(t.text_with_ws for t in tokens[2:]).strip()
                opposite = lists.opposites.get(adj.lower_)
                if len(tokens) > 2 and tokens[2].dep_ == "cc":
                    better = None  # "How useful and clear were…": double-barreled first; no balanced pair reads well
                else:
                    better = f"How {adj.lower_} or {opposite} {rest}" if opposite else hedged_rewrite(sent)
                yield Hit.saying("was-not", adj.idx, adj.idx + len(adj.text), word=adj.text, suggestion=better)
