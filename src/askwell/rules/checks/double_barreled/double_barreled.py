"""double-barreled: two things asked about at once, joined by 'and' (or 'or' between judgements).

Uses the dependency parse: a coordination ('conj') whose heads are the thing
asked about (object, attribute, complement, prepositional object of the
question) or two evaluative adjectives.  Fixed pairs ("pros and cons"), numeric
ranges ("between 1 and 5") and follow-up probes ("and why?") do not count.
Two wh-clauses joined by 'and' ("how your gift was thanked and how it was spent",
"what changed and why") ask two questions however the parser attached them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, question_sentences, sentences, span_text, span_tokens, tokens
from askwell.analysis.stems import HYPHENS, capitalise, form, in_brackets
from askwell.valence import valence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {"pair": ("first", "second")}

ASKED_DEPS = {"dobj", "pobj", "attr", "acomp", "oprd", "nsubj", "nsubjpass", "xcomp", "ccomp", "advmod", "npadvmod"}


def _coordinated(doc: "Doc") -> Iterator[tuple["Token", "Token", "Token"]]:
    for second in tokens(doc):
        if second.dep_ != "conj":
            continue
        first = second.head
        cc = next((t for t in first.children if t.dep_ == "cc" and first.i < t.i < second.i), None)
        if cc is None or cc.lower_ not in ("and", "or", "&", "but"):
            continue
        if cc.lower_ == "but" and first.pos_ not in ("ADJ", "VERB"):
            continue  # "challenging but achievable": two judgements; "not X but Y" corrects itself
        yield first, cc, second


NOUN_SUFFIXES = ("ness", "ity", "tion", "sion", "ment", "ance", "ence", "ship")
# (The words that mark a choice, ask for a judgement or ask an amount are the rule's options.)
# Prepositions after which "A or B" lists examples or recipients, not things to judge.
INCLUSIVE_PREPS = {"to", "from", "like", "as", "including", "with", "via", "through", "by", "for"}
NEGATIVE_PREFIXES = ("un", "dis", "in", "im", "ir", "il", "non")


# Words that make a noun a different thing ("opening hours", "wheelchair users"), not one shared by a pair.
NOUN_MODIFIERS = {"amod", "compound", "nmod", "npadvmod"}


def _kind(t: "Token") -> str:
    """A coarse part of speech that forgives the tagger's common slips."""
    if t.pos_ == "PROPN" or (t.pos_ == "VERB" and t.lower_.endswith(NOUN_SUFFIXES)):
        return "NOUN"  # "knowledge and friendliness" with "friendliness" tagged a verb
    if t.pos_ == "VERB" and t.tag_ == "VBN" and (t.dep_ in ("acomp", "advcl", "amod") or (
            t.dep_ == "conj" and t.head.i != t.i and _kind(t.head) == "ADJ")):
        return "ADJ"  # "prepared and supported": participles used as adjectives ("thanked and rewarded" stay verbs)
    if t.pos_ == "NOUN" and t.dep_ == "conj" and t.head.pos_ == "ADJ" and not any(True for _ in t.children):
        return "ADJ"  # "safe and welcome" with "welcome" tagged a noun
    if t.pos_ == "AUX" and t.dep_ in ("ROOT", "conj"):
        return "VERB"  # "…arrived on time and the driver was courteous": two clauses
    if t.pos_ == "ADV" and t.dep_ == "acomp":
        return "ADJ"  # "Was the check-in fast and easy?" with "fast" tagged an adverb
    if t.pos_ == "ADV" and t.lower_ in ("well", "badly", "poorly") and t.i + 1 < len(t.doc) \
            and t.doc[t.i + 1].tag_ == "VBN":
        return "ADJ"  # "How safe and well lit was the car park?": "well lit" is one judgement
    return t.pos_


def _conjunct_end(t: "Token") -> "Token":
    """The last word of a conjunct: its participle after "well" ("well lit"), else the word itself."""
    return t.doc[t.i + 1] if _kind(t) == "ADJ" and t.pos_ == "ADV" else t


def _opposites(a: "Token", b: "Token") -> bool:
    """'satisfied or dissatisfied', 'support or oppose', 'easy or difficult': the two ends of one scale."""
    x, y = a.lower_, b.lower_
    if any(y == p + x or x == p + y for p in NEGATIVE_PREFIXES):
        return True
    va, vb = valence(x) or valence(a.lemma_.lower()), valence(y) or valence(b.lemma_.lower())
    return va * vb < 0


class Lists(NamedTuple):
    """The rule's word lists (its options) as the check uses them, made once per options dict."""

    # The binomials and near-synonym pairs that name one thing, both ways round.
    one_thing: frozenset[tuple[str, str]]
    choice: frozenset[str]
    evaluating: frozenset[str]
    quantity: frozenset[str]


def _judging(sent: "Span", lists: Lists) -> bool:
    """The sentence asks for a judgement ("How satisfied…", "How well…", "Rate…"), not an amount."""
    if any(t.lower_ == "how" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].pos_ in ("ADJ", "ADV")
           and t.doc[t.i + 1].lower_ not in lists.quantity for t in sent):
        return True
    return not lists.evaluating.isdisjoint({t.lower_ for t in sent} | {t.lemma_.lower() for t in sent})


def _judged_pair(first: "Token", second: "Token", lists: Lists) -> bool:
    """Two things joined by 'or' in a question that asks for one judgement of them."""
    sent = first.sent
    lowered = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    if lowered & lists.choice or _opposites(first, second):
        return False
    if not _judging(sent, lists):
        return False
    if first.pos_ == "ADP" and second.pos_ == "ADP":
        # "communication by email or through the app": two channels, each judged on its own.
        return first.lower_ != second.lower_ and first.head.pos_ in ("NOUN", "VERB")
    if first.dep_ == "pobj" and first.head.lower_ in INCLUSIVE_PREPS:
        return False  # "to a friend or colleague", "such as a hall or pool": any one of them will do
    return _kind(first) in ("NOUN", "ADJ") and _kind(second) == _kind(first)


def _judged_kinds(first: "Token", lists: Lists) -> bool:
    """'How satisfied are you with our mobile and desktop apps?': the judged noun names two kinds of thing.

    The pair modifies the very noun the question asks the respondent to judge (the object of
    "rate", or of the preposition after "How satisfied…"): two kinds of thing, one rating.
    """
    noun = first.head
    return first.dep_ in NOUN_MODIFIERS and _judged_noun(noun, lists)


def _judged_noun(noun: "Token", lists: Lists) -> bool:
    """The noun is what the question asks the respondent to judge: the object of "rate", or of
    the preposition after "How satisfied…"."""
    if noun.pos_ != "NOUN" or not _judging(noun.sent, lists):
        return False
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lists.evaluating:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in ("with", "of") and noun.head.head.pos_ in ("AUX", "ADJ", "VERB") \
        and noun.head.head.lemma_.lower() not in ("component", "part")


def _rated_statement(t: "Token") -> bool:
    """The token's sentence is the whole item and a statement to rate, not a question or an instruction."""
    doc = t.doc
    return len(sentences(doc)) == 1 and not question_sentences(doc) and form(t.sent) == "statement"


def _asks_again(second: "Token") -> bool:
    """A coordinated clause that is itself a question: a wh-word or an auxiliary before its subject."""
    subj = next((c for c in second.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is not None and second.pos_ == "AUX" and second.i < subj.i:
        return True  # "…, and was there enough time?"
    for c in second.children:
        if c.tag_ in ("WRB", "WP", "WDT") or any(g.tag_ in ("WRB", "WP", "WDT") for g in c.children):
            return True
        if subj is not None and c.dep_ == "aux" and c.i < subj.i:
            return True
    return False


def _lists(options: dict[str, Any]) -> Lists:
    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in options[key])

    pairs = {tuple(p.lower().split(" and ", 1)) for p in options["one_thing"]}
    return Lists(frozenset(pairs | {(b, a) for a, b in pairs}), words("choice_words"), words("evaluating"),
                 words("quantity"))


def _excluded(first: "Token", cc: "Token", second: "Token", lists: Lists) -> bool:
    doc = first.doc
    fixed = lists.one_thing
    if (first.lower_, second.lower_) in fixed or (first.lemma_.lower(), second.lemma_.lower()) in fixed:
        return True
    if 0 < cc.i < len(doc) - 1 and (doc[cc.i - 1].lower_, doc[cc.i + 1].lower_) in fixed:
        return True  # "rate the look and feel": the pair is fixed whatever the parse joined
    if cc.lower_ == "or" and not _judged_pair(first, second, lists):
        # "R or Python?" offers alternatives and "easy or difficult" balances a scale; only two
        # things put up for one judgement ("rate the slides or the handouts") ask twice.
        return True
    if cc.lower_ != "or" and first.dep_ in ("nmod", "compound") and first.head.pos_ == "NOUN" \
            and first.head.i > second.i and not (first.lower_.endswith("ing") and second.lower_.endswith("ing")) \
            and not _judged_kinds(first, lists):
        return True  # "a research and teaching post": one named field (a binomial is in one_thing)
    if in_brackets(doc, first.i):
        return True
    if first.dep_ == "pobj" and (first.head.lower_ == "including" or (
            first.head.lower_ == "as" and first.head.i > 0 and doc[first.head.i - 1].lower_ == "such")):
        return True  # "…, including street collections and online donations": examples that define the term
    if any(c.lower_ in ("many", "much") and any(h.lower_ == "how" for h in c.children) for c in first.children):
        return True  # "How many portions of fruit and vegetables…": one count of both together
    # "the difference between A and B" compares; it does not ask twice.
    if any(a.lower_ in ("between", "both") and a.i < first.i for a in first.ancestors) or (
            first.i > 0 and doc[first.i - 1].lower_ in ("between", "both")):
        return True
    # Parts of one hyphenated or compound word ("host and co-host features").
    if second.i + 1 < len(doc) and doc[second.i + 1].text in HYPHENS or first.dep_ == "compound":
        return True
    if first.like_num or second.like_num or first.pos_ == "NUM" or second.pos_ == "NUM":
        return True
    if second.lower_ in ("why", "how", "what", "where", "when", "which", "not", "no"):
        return True
    if second.lower_ in ("explain", "describe") and not any(
            c.dep_ == "nsubj" and c.lower_ != "you" for c in first.children):
        return True  # "Did you like it and explain why?" asks the respondent to say more, not a second thing
    if _rated_statement(first) and first.dep_ in ("ROOT", "acomp") and second.dep_ == "conj" \
            and second.pos_ in ("VERB", "AUX") and _kind(first) in ("VERB", "ADJ"):
        return False  # "The course was well organised and has prepared me…": two claims to rate at once
    if first.pos_ in ("PRON", "DET") or second.pos_ in ("PRON", "DET"):
        return True
    if _kind(first) != _kind(second):
        return True
    # Whole clauses joined by "and" are separate sentences' worth, unless the second is a
    # question of its own ("How well did X explain…, and did they leave time…?").
    if first.pos_ in ("VERB", "AUX") and first.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in second.children):
        # In a statement to rate, two clauses are two claims to agree with at once.
        return not ((_asks_again(second) and first.sent.text.rstrip().endswith("?")) or _rated_statement(first))
    if first.pos_ == "PROPN" and second.pos_ == "PROPN":
        # Names of tools or places read as one list item ("Git and GitHub") more often than as two questions.
        return True
    return False


def _asked_about(first: "Token", lists: Lists) -> bool:
    """True when the first conjunct is what the question asks about, not background."""
    if _judged_kinds(first, lists):
        return True
    if first.dep_ == "conj" and _kind(first) == "NOUN":
        # "…with the new cycle lanes, the bus timetable and the 20mph limit?": the end of a list
        # whose first item is the thing judged.
        head = first.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        return _judged_noun(head, lists)
    if _kind(first) == "ADJ" and first.dep_ == "amod" and first.head.dep_ == "pobj" and not _judged_kinds(first, lists):
        return False  # "a component of effective and reproducible research": a description
    if _kind(first) == "ADJ" or first.pos_ == "ADP":
        return True  # two judgements, or two conditions ("during the day and after dark")
    if first.pos_ in ("VERB", "AUX"):
        if first.dep_ == "ROOT" and _rated_statement(first):
            return True  # "The teacher sets homework and marks it promptly.": two claims
        if first.pos_ == "VERB" and first.dep_ == "ROOT" and first.tag_ in ("VBD", "VBN") \
                and any(c.dep_ == "aux" for c in first.children) and first.sent.text.rstrip().endswith("?"):
            return True  # "How often has your manager recognised and rewarded…?": two actions asked about
        return first.pos_ == "VERB" and first.dep_ in ("xcomp", "pcomp", "pobj", "dobj", "ROOT", "ccomp") \
            and first.tag_ in ("VBG", "VB")
    if first.dep_ == "nmod" and first.lower_.endswith("ing") and first.head.dep_ in ASKED_DEPS:
        # "writing and testing functions": two activities the tagger read as noun modifiers.
        return True
    return first.dep_ in ASKED_DEPS


def _anchor(sent: "Span") -> int:
    """Index of the wh-word or fronted auxiliary where the question proper begins."""
    for t in span_tokens(sent):
        if t.i == sent.start and t.pos_ == "AUX":
            return t.i
        if t.tag_ in ("WDT", "WP", "WP$", "WRB") and not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors]):
            # A wh-word inside a relative clause ("sessions that you attended") is background.
            return t.i
    return sent.start


def _scope(doc: "Doc") -> list[tuple[int, int]]:
    """Token ranges to examine: the question sentences from their anchor on, or the whole item
    when it has no question sentence (a statement to rate)."""
    asked = list(question_sentences(doc))
    if not asked:
        return [(0, len(doc))]
    return [(_anchor(s), s.end) for s in asked]


def split(first: "Token", cc: "Token", second: "Token", sent: "Span") -> str | None:
    """The sentence written out once for each of its two things, where the parse makes that safe.

    - Two things that share what is around them: the words before the first and after the
      second belong to both ("How satisfied are you with the content and length of the
      course?" → "…with the content of the course? …with the length of the course?";
      "How quickly did they notice and fix problems?"). The first has nothing of its own
      and the second nothing before it.
    - Two things with their own words, the second running to the end of the sentence
      ("explain new topics and answer questions in class": each verb keeps its object).
    - Two things that each have their own determiner and nothing after them ("rate the
      slides or the handouts").

    Anything else (three things, a second thing with its own modifiers and a shared tail)
    is left to the advice: a wrong split is worse than none.
    """
    if not _splittable(first, cc, second):
        return None
    words = [t for t in span_tokens(sent) if not t.is_space]
    end_mark = words[-1].text if words and words[-1].text in ("?", ".") else ""
    if end_mark != "?" and any(c.dep_ == "advmod" and c.i < first.i for c in first.children):
        return None  # "The workshop was well organised and good value": the adverb is the first's alone
    halves = _halves(first, cc, second, sent, words[-2] if end_mark else words[-1], end_mark)
    if halves is None:
        return None
    one, two = (half.strip() for half in halves)
    if one == two or not end_mark:
        return None
    return f"{capitalise(one)} {capitalise(two)}"


def _at_the_join(cc: "Token", sent: "Span", mark: str) -> str | None:
    """The sentence cut where 'and' joins two whole questions or claims, each ending with ``mark``:
    "How fair was the exam, and was there enough time?" → "How fair was the exam? Was there enough time?"."""
    text, base = span_text(sent).strip(), sent.start_char
    one = text[:cc.idx - base].rstrip(" ,;")
    two = _named(sent.doc[sent.start:cc.i], text[cc.idx + len(cc.text) - base:].strip().rstrip("?.!"))
    if not one or not two:
        return None
    return f"{one.rstrip('?.!')}{mark} {capitalise(two)}{mark}"


PRONOUN_NUMBER = {"it": False, "its": False, "they": True, "them": True, "their": True}


def _named(first: "Span", second: str) -> str:
    """``second`` with its first "it"/"them" naming the first part's subject, so that each
    question stands alone: "…, and I intend to follow them" → "I intend to follow the new rules"."""
    subject = next((t for t in first if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")), None)
    found = re.search(r"\b(it|its|they|them|their)\b", second)
    if subject is None or found is None or PRONOUN_NUMBER[found.group(1)] != (subject.tag_ in ("NNS", "NNPS")):
        return second
    phrase = first.doc[subject.left_edge.i:subject.i + 1].text
    if phrase.split(" ", 1)[0] in ("The", "Your", "Our", "This", "These", "Their", "Its"):
        phrase = phrase[:1].lower() + phrase[1:]
    if found.group(1) in ("its", "their"):
        phrase += "'" if phrase.endswith("s") else "'s"
    return second[:found.start()] + phrase + second[found.end():]


def _two_claims(first: "Token", cc: "Token", second: "Token", sent: "Span") -> str | None:
    """'The bus arrived on time and the driver was courteous.' → two statements to rate, each whole:
    the second clause has its own subject, so nothing is shared."""
    if not (_rated_statement(first) and first.dep_ == "ROOT" and second.dep_ == "conj" and cc.lower_ == "and"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in second.children):
        return None
    return _at_the_join(cc, sent, ".")


def _splittable(first: "Token", cc: "Token", second: "Token") -> bool:
    """Two things the parse joined to each other, and only two, whose words can be told apart.

    A compound before the first noun is part of its name ("the *opening* hours and location")
    and goes with it. Any other modifier there, or one after the second ("parents *with
    pushchairs*"), may belong to one or to both; a wrong guess makes up a new thing.
    """
    if not first.i < cc.i < second.i or _kind(first) != _kind(second):
        return False
    if first.dep_ == "conj" or any(c.dep_ == "conj" and c.i != second.i for c in first.children) or any(
            c.dep_ == "conj" for c in second.children):
        return False  # three or more things
    if first.left_edge.i > 0 and first.doc[first.left_edge.i - 1].text == ",":
        return False  # "rate the slides, the exercises and the handouts": a list the parse broke up
    if second.head.i != first.i or second.dep_ != "conj":
        return False  # the parse did not join the two things to each other
    if _kind(first) == "NOUN" and _own_phrases(first, cc, second):
        return True  # "the cleanliness of the pool and the temperature of the water": each its own
    return not (_kind(first) == "NOUN" and (
        any(c.dep_ in NOUN_MODIFIERS - {"compound"} for c in first.children if c.i < first.i)
        or any(c.dep_ not in ("punct", "cc", "conj") for c in second.children if c.i > second.i)))


def _own_phrases(first: "Token", cc: "Token", second: "Token") -> bool:
    """Two noun phrases that each have a determiner and a phrase of their own after the noun
    ("your waiter's knowledge of the menu and the speed of service"): nothing is shared."""
    def determined(t: "Token") -> bool:
        return any(c.dep_ in ("det", "poss") for c in t.children)

    def after(t: "Token", end: int) -> list["Token"]:
        return [c for c in t.children if t.i < c.i < end and c.dep_ not in ("punct", "cc", "conj")]

    return determined(first) and determined(second) and bool(after(first, cc.i)) \
        and bool(after(second, len(second.doc))) and all(c.dep_ == "prep" for c in after(first, cc.i))


def _halves(first: "Token", cc: "Token", second: "Token", sent: "Span", last: "Token",
            end_mark: str) -> tuple[str, str] | None:
    """The sentence once for each thing, in the first of the three forms ``split`` names that fits."""
    doc = first.doc
    text, base = span_text(sent), sent.start_char
    # Words before the first thing ("How", "the", "to") are in the head, which both halves share.
    # Words after the second thing hang on the first in the parse but belong to both ("the
    # content and length *of the course*"); only what sits between the first and "and" is its own.
    own = [c for c in first.children if c.dep_ not in ("cc", "conj", "punct") and first.i < c.i < cc.i]
    before_second = [c for c in second.children if c.i < second.i]
    named = [c for c in first.children if c.i < first.i and c.dep_ == "compound"] if _kind(first) == "NOUN" else []
    name_start = min((c.left_edge.idx for c in named), default=first.idx)
    head = text[:name_start - base]
    if not own and not before_second and not (_kind(first) == "ADJ" and list(second.children)):
        # (An adjective's complement is its own: "relevant to your role" is not "organised to your role".)
        # "well lit" is the second thing whole, its participle with it.
        last_word = _conjunct_end(second)
        tail = text[last_word.idx + len(last_word.text) - base:]
        if named and tail.strip(" ?.!"):
            return None  # "wheelchair users and parents with pushchairs": whose is the tail?
        if _kind(first) == "ADJ" and _own_preposition(first, second):
            return None
        # The first's own adverb is not the second's: "How well organised and relevant…" →
        # "How well organised…? How relevant…?"
        adverb = next((c for c in first.children if c.dep_ == "advmod" and c.i < first.i
                       and c.lower_ != "how" and c.i > sent.start), None)
        second_head = text[:adverb.idx - base] if adverb is not None and _kind(first) == "ADJ" else head
        return (_agree(head, first) + text[name_start - base:first.idx + len(first.text) - base] + tail,
                _agree(second_head, second) + doc[second.i:last_word.i + 1].text + tail)
    if own and not before_second and second.right_edge.i == last.i \
            and first.pos_ in ("VERB", "AUX") and all(c.right_edge.i < cc.i for c in own) and first.tag_ == second.tag_:
        # (The first's own words end before "and"; its right edge runs on through the second. Two
        # verbs in different forms, "volunteering roles and apply", are a misread noun phrase.)
        return text[:cc.idx - base].rstrip(" ,;") + end_mark, head + text[second.idx - base:]
    if _kind(first) == "NOUN" and _own_phrases(first, cc, second):
        # "How would you rate your waiter's knowledge of the menu and the speed of service?"
        head = text[:first.left_edge.idx - base]
        one = doc[first.left_edge.i:max(c.right_edge.i for c in own) + 1].text
        two = doc[second.left_edge.i:second.right_edge.i + 1].text
        tail = text[second.right_edge.idx + len(second.right_edge.text) - base:]
        return _agree(head, first) + one + tail, _agree(head, second) + two + tail
    if first.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("det", "poss") for c in first.children) \
            and any(c.dep_ in ("det", "poss") for c in second.children) and not any(
                first.i < c.i < cc.i for c in first.children) and not any(c.i > second.i for c in second.children):
        head = text[:first.left_edge.idx - base]
        tail = text[second.idx + len(second.text) - base:]
        return (_agree(head, first) + doc[first.left_edge.i:first.i + 1].text + tail,
                _agree(head, second) + doc[second.left_edge.i:second.i + 1].text + tail)
    return None


# Prepositions that set a scene ("at the meetup", "during the week") and suit any judgement.
SETTING_PREPS = {"at", "during", "on", "after", "before", "while", "over", "throughout"}


def _own_preposition(first: "Token", second: "Token") -> bool:
    """'How informed and involved do you feel in decisions…?': a participle chooses its own
    preposition ("informed about", "involved in"), so the one they share may fit only one of them."""
    if not (first.lower_.endswith("ed") or second.lower_.endswith("ed")):
        return False
    prep = next((t for t in first.sent if t.i > second.i and t.dep_ == "prep"
                 and t.head.i in (first.i, second.i, first.head.i)), None)
    return prep is not None and prep.lower_ not in SETTING_PREPS


def _agree(head: str, noun: "Token") -> str:
    """'…how helpful were the forum?' → '…was the forum?': the verb agrees with one thing, not two."""
    if noun.tag_ in ("NN", "NNP"):
        return re.sub(r"\b(were|are)(\s+)(?=\S+\s*$|$)", lambda m: ("was" if m.group(1) == "were" else "is")
                      + m.group(2), head) if re.search(r"\b(?:were|are)\s+(?:the|your|our|their|this|that)?\s*$",
                                                       head) else head
    return head


WH_WORDS = {"how", "what", "when", "why", "where", "who", "which"}


def _wh_joins(doc: "Doc", ranges: list[tuple[int, int]]) -> Iterator[tuple["Token", "Token", "Token"]]:
    """(earlier wh-word, 'and', later wh-word) where 'and' starts a second wh-clause.

    "How satisfied are you with how your gift was thanked and how it was spent?", "explain
    what changed and why it changed", "how often and how reliably…": each wh-word opens a
    question of its own. A bare "…, and why?" asks the respondent to say more and is not one;
    nor does a topic to rate knowledge of ("What the project is and what it does"), which asks nothing.
    """
    for lo, hi in ranges:
        if not span_text(doc[lo:hi]).rstrip(" \"'”’)]*_").endswith("?"):
            continue
        words = [t for t in doc[lo:hi] if not t.is_punct]
        for k, cc in enumerate(words[1:-2], 1):
            later = words[k + 1]
            if cc.lower_ != "and" or later.lower_ not in WH_WORDS or later.tag_ not in ("WRB", "WP", "WDT"):
                continue
            earlier = next((t for t in reversed(words[:k]) if t.lower_ in WH_WORDS
                            and t.tag_ in ("WRB", "WP", "WDT")
                            and not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors])), None)
            if earlier is not None:
                yield earlier, cc, later


def _wh_halves(earlier: "Token", cc: "Token", later: "Token", sent: "Span") -> str | None:
    """The two wh-questions written out: cut at 'and' when the first wh-word opens the sentence,
    else the words before it asked once for each clause ("…with how often your bins are
    collected? …with how reliably your bins are collected?")."""
    text, base = span_text(sent).strip(), sent.start_char
    if earlier.i == sent.start:
        return _at_the_join(cc, sent, "?")
    head = text[:earlier.idx - base]
    one = text[earlier.idx - base:cc.idx - base].rstrip(" ,;")
    two = _named(earlier.doc[earlier.i:cc.i], text[later.idx - base:].strip().rstrip("?.!").strip())
    if not any(t.pos_ in ("VERB", "AUX") for t in earlier.doc[earlier.i:cc.i]):
        # "how often and how reliably your bins are collected": the first borrows the second's clause.
        rest = two.split(None, 2)
        if len(rest) < 3:
            return None
        one = f"{one} {rest[2]}"
    return f"{capitalise(head + one)}? {capitalise(head + two)}?"


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """One hit per coordination of two asked-about things, spanning first to second conjunct."""
    words = doc_words(doc)
    if not {"and", "&", "or", "but"} & words:
        return  # every double-barreled item joins its two things with one of these
    ranges = _scope(doc)
    lists = per_options(options, _lists)
    joins = set()
    for first, cc, second in _coordinated(doc):
        if not any(lo <= first.i < hi for lo, hi in ranges):
            continue
        sent = first.sent
        second_question = first.dep_ == "ROOT" and _asks_again(second) and span_text(sent).rstrip().endswith("?")
        if _excluded(first, cc, second, lists) or not (second_question or _asked_about(first, lists)):
            continue
        last = _conjunct_end(second)
        start, end = first.idx, last.idx + len(last.text)
        written = _at_the_join(cc, sent, "?") if second_question else (
            _two_claims(first, cc, second, sent) or split(first, cc, second, sent))
        whole = (question.text[:sent.start_char] + written + question.text[sent.end_char:]).strip() if written else None
        joins.add(cc.i)
        yield Hit.saying("pair", start, end, first=first.text, second=doc[second.i:last.i + 1].text,
                         rewrites=(whole,) if whole else ())
    if "and" not in words or not {"how", "what", "when", "why", "where", "who", "which"} & words:
        return
    for earlier, cc, later in _wh_joins(doc, ranges):
        if cc.i in joins:
            continue
        sent = earlier.sent
        first = doc[earlier.i:cc.i].text.rstrip(" ,;")
        end = max(t.idx + len(t.text) for t in doc[later.i:sent.end] if not t.is_punct)
        second = question.text[later.idx:end]
        written = _wh_halves(earlier, cc, later, sent)
        whole = (question.text[:sent.start_char] + written + question.text[sent.end_char:]).strip() if written else None
        yield Hit.saying("pair", earlier.idx, end, first=first, second=second, rewrites=(whole,) if whole else ())
