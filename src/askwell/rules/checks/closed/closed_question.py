"""closed-question: yes/no phrasing (subject-auxiliary inversion) where open input is wanted.

Found with the parse, not a word list: the question sentence starts with an
auxiliary or modal whose subject follows it ("Did you…", "Is the…", "Would you…"),
or it is a bare "Any questions?" fragment, or a statement with a question tag
("The room was comfortable, wasn't it?").  Only questions that seek feedback or
opinion count: an evaluative verb or adjective ("like", "useful", "enough"), a
request for comments, or "anything else".  Factual screeners ("Was the workshop
held online?") are rightly yes/no, and alternative questions ("Do you prefer R or
Python?") offer their own answers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, question_sentences, sentences, span_text, span_tokens
from askwell.analysis.stems import HYPHENS, by_respondent, neighbour, wh_word
from askwell.valence import valence
from askwell.rules.rewrites import OTHER_END, too_form

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# What makes a yes/no question a request for an opinion rather than a fact is its predicate:
# a word people rate as positive or negative (VADER's lexicon: "enjoy", "useful", "fair",
# "difficult"), a verb of attitude or judgement, or an adjective of fit or degree that VADER
# does not rate. Only the predicate counts: "Have you used pirated software?" is a fact.
# Those verdict words (attitude verbs, fit and state adjectives, feedback nouns…) are the rule's
# options; the grammar they are looked for in stays here.
# Predicate dependents whose words carry the judgement ("Was it *fair*?", "Did it *work for you*?").
PREDICATE_DEPS = {"acomp", "attr", "oprd", "xcomp", "ccomp", "advmod", "dobj"}
# Attitude verbs that judge a thing only with the respondent as their subject ("Did you find it…"),
# or too loosely ("Did it go…"): not verdicts after a subject that is a thing.
NOT_OF_THINGS = {"go", "think", "feel", "find"}


class Lists(NamedTuple):
    """The rule's word lists (its options) as the check uses them, made once per options dict."""

    attitude_verbs: frozenset[str]
    fit_adjectives: frozenset[str]
    state_adjectives: frozenset[str]
    consent_verbs: frozenset[str]
    feedback_nouns: frozenset[str]
    event_nouns: frozenset[str]
    standard_nouns: frozenset[str]
    verdict_adjectives: frozenset[str]  # the fit adjectives and the other adjectives of a verdict
    verdict_verbs: frozenset[str]  # the attitude verbs said of things and the verbs of fit
    how_well_verbs: frozenset[str]  # "Did the training meet your needs?" → "How well did…"
    follow_up_verbs: frozenset[str]  # "Please explain.": a later sentence that asks for the detail
    follow_up_item: "re.Pattern[str]"  # how the next item opens when it asks for the detail
    dimensions: dict[str, tuple[str, str]]  # "pace": ("fast", "slow"): the two ends of a noun's amount
    right_words: frozenset[str]  # "Was the pace appropriate?": the amount was right, asked as yes/no


def lists(options: dict[str, Any]) -> Lists:
    """The verdict words of the rule's options (``per_options`` keeps them per options dict)."""
    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in options[key])

    attitude, fit = words("attitude_verbs"), words("fit_adjectives")
    return Lists(attitude, fit, words("state_adjectives"), words("consent_verbs"), words("feedback_nouns"),
                 words("event_nouns"), words("standard_nouns"), fit | words("verdict_adjectives"),
                 (attitude | words("fit_verbs")) - NOT_OF_THINGS, words("how_well_verbs"), words("follow_up_verbs"),
                 _opening(options["follow_up_openers"]),
                 {k.lower(): (v[0].lower(), v[1].lower()) for k, v in options["dimensions"].items()},
                 words("right_words"))


def _opening(openers: list[str]) -> "re.Pattern[str]":
    """An item that opens with one of ``openers`` (whole words, "please" allowed before them)."""
    body = "|".join(re.escape(" ".join(o.lower().split())) for o in openers) or r"(?!x)x"
    return re.compile(rf"^\W*(?:please\s+)?(?:{body})\b", re.IGNORECASE)

AUX_LEMMAS = {"be", "do", "have", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}


def _inverted(sent: "Span") -> "Token | None":
    """The sentence-initial auxiliary when a subject follows it, else None."""
    tokens = [t for t in span_tokens(sent) if not t.is_space]
    # "At the last election, did you…": a fronted phrase before the question proper.
    comma = next((i for i, t in enumerate(tokens[:8]) if t.text == ","), None)
    if comma is not None and tokens[0].pos_ in ("ADP", "SCONJ", "ADV") and tokens[0].tag_ not in ("WRB",):
        tokens = tokens[comma + 1:]
    words = [t for t in tokens if not t.is_punct]
    if len(words) < 2:
        return None
    first = words[0]
    if first.lemma_.lower() not in AUX_LEMMAS and first.lower_ not in ("ca", "wo"):
        return None
    if first.tag_ not in ("VBP", "VBZ", "VBD", "MD", "VB"):
        return None
    # A subject (or expletive "there") must follow the auxiliary for this to be a question form;
    # with a question mark the form is plain even where the small parser found no subject.
    for t in words[1:9]:
        if t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") or (t.lower_ in ("you", "there", "it", "they", "we", "i")):
            return first
    return first if tokens[-1].text == "?" and first.i == sent.start else None


TAG_SUBJECTS = {"it", "they", "you", "we", "he", "she", "there", "i", "that"}


def _tag(sent: "Span") -> "Token | None":
    """The auxiliary of a question tag ("The room was comfortable, wasn't it?"), else None.

    A statement with a tag asks for a yes, the way an inverted question does, and its
    predicate is the main clause's."""
    words = [t for t in span_tokens(sent) if not t.is_space]
    if len(words) < 6 or words[-1].text != "?" or words[-2].lower_ not in TAG_SUBJECTS:
        return None
    aux, negation, comma = words[-4], words[-3], words[-5]
    if negation.lower_ not in ("n't", "not") or comma.text != "," or (
            aux.lemma_.lower() not in AUX_LEMMAS and aux.lower_ not in ("ca", "wo")):
        return None
    return aux


def _alternative(sent: "Span") -> bool:
    """"Do you prefer A or B?", "Is it too long, about right or not long enough?": an 'or' joining
    answers (but not a bare 'or not?', which only restates yes/no)."""
    doc = sent.doc
    for t in span_tokens(sent):
        if t.lower_ == "or" and t.dep_ == "cc":
            nxt = t.nbor(1) if t.i + 1 < len(doc) else None
            after = doc[t.i + 2] if t.i + 2 < len(doc) else None
            if nxt is not None and nxt.lower_ in ("not", "no") and (after is None or after.is_punct):
                return False
            return True
    return False


def _predicate(sent: "Span") -> list["Token"]:
    """The words that say what the question asks of its subject: the root and its complements."""
    root = sent.root
    tag = _tag(sent)
    if tag is not None and tag.i == root.i:
        # "You enjoyed the lessons, didn't you?": the tag heads the parse; the statement is asked.
        root = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), root)
    out = [root]
    if root.lemma_ == "be":
        # "Were the notes helpful?", "Were the seats at the venue comfortable?" are often parsed
        # with the adjective inside the subject: an adjective that no noun follows is the
        # predicate all the same.
        for t in span_tokens(sent):
            after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if t.pos_ == "ADJ" and t.i > root.i and (after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")):
                out.append(t)
    for child in root.children:
        if child.dep_ in PREDICATE_DEPS:
            out.append(child)
            # "Did you feel comfortable…", "Was it easy to follow": one level further down.
            out += [g for g in child.children if g.dep_ in ("acomp", "attr", "oprd", "xcomp", "advmod")
                    or (child.dep_ == "attr" and g.dep_ == "amod")]
    return out


def _judgement(t: "Token", words: Lists) -> bool:
    """A word that asks for an evaluation: rated by the lexicon, or an attitude or fit word."""
    lemma = t.lemma_.lower()
    if lemma in words.consent_verbs or (lemma == "agree" and any(c.dep_ == "xcomp" for c in t.children)):
        return False  # "Do you consent to…", "Do you agree to take part": permission, not opinion
    if t.pos_ in ("VERB", "AUX") and lemma in words.attitude_verbs:
        # "Did the format work for you?" judges; "Do you work late?" reports a habit.
        return lemma not in ("work", "go") or not by_respondent(t)
    if t.pos_ == "NOUN" and t.dep_ not in ("attr", "ROOT"):
        return False  # "Do you have debts?": a thing owned; "Was it a success?": a judgement
    if t.lower_ in words.fit_adjectives and t.pos_ in ("ADJ", "ADV"):
        return True
    score = valence(t.lower_) or valence(lemma)
    if t.pos_ == "VERB" and score and t.dep_ not in ("ROOT", "ccomp"):
        return False  # "…taken stimulants to help you study": a purpose, not the question's verb
    if t.pos_ == "VERB" and score:
        # "Did the exercises help you?" judges the exercises and "Did you enjoy it?" reports a
        # liking; "Have you ever been arrested?" reports an event that happened to you.
        you = by_respondent(t, passive=True)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        return not you or (score >= 1.5 and not passive)  # "share" (1.2) is an act, "enjoy" (2.2) a liking
    if t.pos_ in ("ADJ", "ADV", "NOUN") and score:
        return True
    # "Was the schedule crazy?": a gradable adjective as the predicate is a judgement, not a fact
    # ("Are you 18 or older?" is comparative and numeric, so it stays a fact; "Have you ever
    # fly-tipped?" is one hyphenated verb the tagger split).
    return (t.dep_ == "acomp" and t.pos_ == "ADJ" and t.tag_ == "JJ" and t.lower_ not in words.state_adjectives
            and not any(c.like_num for c in t.subtree) and not (t.i > 0 and t.doc[t.i - 1].text in HYPHENS))


def seeks_feedback(sent: "Span", words: Lists, screener: bool = False, text_box: bool = False) -> bool:
    """True when the yes/no question asks for an evaluation or for comments, not a fact.

    With ``screener`` (an item typed yes/no), "Were there any issues?" is a filter whose
    follow-up asks for the detail, so only a judgement in the predicate counts.
    """
    lowered = [t.lower_ for t in span_tokens(sent)]
    wish = any(t.tag_ == "MD" for t in span_tokens(sent))  # "anything you would change"
    if not text_box:
        # With a text box, a request for anything else or for comments gets its answer in words.
        if "anything" in lowered and (wish or not screener):
            return True
        if not screener and "any" in lowered and "there" in lowered:
            return True
        nouns = words.feedback_nouns if screener else words.feedback_nouns | words.event_nouns
        if any(t.lower_ in nouns and t.pos_ == "NOUN" for t in span_tokens(sent)):
            return True
    return any(_judgement(t, words) for t in _predicate(sent) if t.lower_ not in ("please", "ever", "still", "yet")) \
        or _evaluated(sent, words)


def _evaluated(sent: "Span", words: Lists) -> bool:
    """A thing, not the respondent, judged anywhere after its subject.

    The parse often hides the predicate ("Was the concert *worth* the price?", "Are the
    halls *good value*?", "Did the planner give you *useful* information?", "Is the
    system *working* for your family?"): any rated or fit adjective, attitude verb or
    standard after the subject asks for a verdict on it. When the respondent is the
    subject ("Did you get a *free* ticket?") the question reports what happened to them.
    """
    tokens = span_tokens(sent)
    subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or any(t.lower_ in ("you", "i", "we", "there") for t in subjects):
        return False
    subject = subjects[0]
    after = subject.right_edge.i
    root = sent.root
    if root.lemma_ == "be" and subject.head.i == root.i and not any(
            c.dep_ in ("acomp", "attr", "oprd") for c in root.children):
        # "Is the workload in this module manageable?": a be-question whose predicate the parser
        # took into the subject ("…module manageable" as one phrase); it follows the subject's noun.
        after = subject.i
    for t in tokens:
        if t.i > after and not t.is_punct and _verdict_word(t, words) and not any(
                a.dep_ in ("relcl", "acl", "advcl") for a in [t, *t.ancestors]):
            return True  # (a clause describing something, "a plan, agreed with the school, that…", is no verdict)
    return False


def _verdict_word(t: "Token", words: Lists) -> bool:
    """A fit or rated adjective, a verb of attitude or fit, or a standard to meet."""
    low = t.lower_
    return (low in words.verdict_adjectives or low in words.standard_nouns
            or (t.pos_ == "ADJ" and abs(valence(low)) >= 1.0)
            or (t.pos_ == "VERB" and t.tag_ in ("VB", "VBG", "VBP", "VBZ")
                and t.lemma_.lower() in words.verdict_verbs))


def rewrite(sent: "Span", verdict: Lists) -> str | None:
    """An open rewrite of a yes/no question, conservative where the parse is unsure.

    A negative question is rewritten from its positive form: "Wouldn't a newsletter be
    useful?" asks what "Would a newsletter be useful?" asks, with a lean ("How useful…").
    """
    words = [t for t in span_tokens(sent) if not t.is_space]
    text = span_text(sent).strip()
    if len(words) > 2 and words[1].lower_ == "n't" and words[0].idx + len(words[0].text) == words[1].idx:
        cut = words[1].idx - sent.start_char
        text = (FULL_MODALS.get(words[0].lower_, words[0].text).capitalize() + text[cut + len(words[1].text):])
        words = [words[0]] + words[2:]
    lowered = [FULL_MODALS.get(t.lower_, t.lower_) if k == 0 else t.lower_ for k, t in enumerate(words)]
    body = text.rstrip("?").strip()
    if lowered[:1] == ["any"]:
        noun = body.split(None, 1)[1] if " " in body else "questions"
        return f"What {noun} do you have?"  # "Any questions?": the customary open form
    if "anything" in lowered and "else" in lowered:
        return "What else would you like to tell us?"
    if len(lowered) > 3 and lowered[1] == "you" and lowered[2] == "have" and lowered[3] == "any":
        return _what_any(words[4:], words[0].lower_)
    if len(lowered) > 4 and lowered[:4] == ["have", "you", "got", "any"]:
        return _what_any(words[4:], "do")  # "Have you got any ideas…?" → "What ideas, if any, do you have…?"
    if "worth" in lowered and words[0].pos_ == "AUX" and lowered[0] in ("is", "are", "was", "were"):
        k = lowered.index("worth")
        after = [w for w in words[k + 1:] if not w.is_punct]
        if k > 1 and len(after) == 1 and after[0].tag_ == "VBG":
            # "Is the newsletter worth reading?" → "How worthwhile is the newsletter to read?"
            return f"How worthwhile {lowered[0]} {_joined(words[1:k])} to {after[0].lemma_.lower()}?"
    if "worth" in lowered and words[0].pos_ == "AUX":
        # "Was the concert worth the ticket price?" → "To what extent was the concert worth…?":
        # "worth" has no degree of its own ("How worth…" is not English).
        return f"To what extent {text[0].lower()}{text[1:]}"
    if len(lowered) > 2 and lowered[1] == "you" and words[2].lemma_ == "recommend":
        return f"How likely are you to recommend {_joined(words[3:])}?"
    enough = next((t for t in words[1:-1] if t.pos_ in ("ADJ", "ADV") and t.nbor(1).lower_ == "enough"), None)
    if enough is not None and enough.lower_ in OTHER_END:
        body = [t for t in words if not t.is_punct]
        balanced = _enough(body, body.index(enough), lowered[0], words)
        if balanced:
            return balanced
    if lowered[0] in ("is", "are", "was", "were") and "anything" not in lowered:
        balanced = _right_amount(words, lowered, verdict)
        if balanced:
            return balanced
        for t in words[1:]:
            if t.dep_ == "acomp" and t.pos_ == "ADJ" and t.lower_ not in UNGRADED and t.tag_ == "JJ" \
                    and not any(c.dep_ == "conj" for c in t.children):
                # ("Was the room tidy and well organised?" asks two things: double-barreled splits it.)
                # ("Is the new timetable clearer?" has no "How clearer…": a comparative keeps the advice.)
                # "Were the menu prices reasonable?" → "How reasonable were the menu prices?", keeping
                # what follows the adjective ("…satisfied with the pavements").
                k = words.index(t)
                # The adjective's own adverbs are not the subject's: "Is your home well insulated?"
                # → "How well insulated is your home?" ("very", "really" go: "How" asks the degree).
                adverbs = {c.i for c in t.children if c.dep_ == "advmod" and c.i < t.i}
                manner = "".join(f"{c.lower_} " for c in t.children if c.i in adverbs and c.lower_ in ("well", "badly", "poorly"))
                subject = _joined([w for w in words[1:k] if w.i not in adverbs])
                rest = _as_written([w for w in words[k + 1:] if w.lower_ != "enough"]).rstrip("?").strip()
                return f"How {manner}{t.lower_} {lowered[0]} {subject}{' ' + rest if rest else ''}?"
    if len(words) > 3 and lowered[1] == "you" and words[2].lemma_ in ("like", "enjoy", "love", "hate", "dislike"):
        # "Did you like the workshop?" → "What did you think of…?"; "Do you like…?" keeps the present.
        tense = "did" if lowered[0] == "did" else "do"
        return f"What {tense} you think of {_joined(words[3:])}?"
    if len(words) > 3 and lowered[1] == "you" and words[2].lemma_ in ("find",) and words[-2].pos_ == "ADJ":
        # "Did you find the evening useful?" → "How useful did you find the evening?"
        thing = _as_written(words[3:-2])
        return f"How {words[-2].lower_} did you find {thing}?"
    return _degree_rewrite(words, lowered, verdict.how_well_verbs)


def _right_amount(words: "list[Token]", lowered: list[str], verdict: Lists) -> str | None:
    """'Was the pace appropriate?' → 'Was the pace too fast, about right or too slow?': an amount
    judged right or not has two ways to be wrong, and the question should offer both (Pew's
    "too high, about right, too low")."""
    body = [t for t in words if not t.is_punct]
    r = next((k for k, t in enumerate(body) if k >= 2 and t.lower_ in verdict.right_words), None)
    if r is None or (r + 1 < len(body) and body[r + 1].lower_ != "for"):
        return None  # only "…appropriate?" or "…appropriate for you?"
    subject, tail = body[1:r], _as_written(body[r + 1:])
    noun = next((t for t in subject if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"), None)
    if noun is None or noun.lemma_.lower() not in verdict.dimensions:
        return None
    high, low = verdict.dimensions[noun.lemma_.lower()]
    return f"{lowered[0].capitalize()} {_as_written(subject)} too {high}, about right or too {low}{' ' + tail if tail else ''}?"


# "Won't", "can't": the tokens spaCy splits off before "n't", as whole words.
FULL_MODALS = {"wo": "will", "ca": "can", "sha": "shall"}
# Verbs of seeming whose adjective is the judgement: "Did it feel personal?", "Did you feel valued?"
SENSE_VERBS = {"feel", "seem", "look", "sound"}
# Adjectives that take a complement but no degree: "How worth is it reading?" is not English.
UNGRADED = {"worth", "due", "able", "unable", "liable", "subject", "right"}


def _as_written(words: "list[Token]") -> str:
    """The words with their own spacing, so "club's" stays one word."""
    return "".join(t.text_with_ws for t in words).strip()


def _joined(words: "list[Token]") -> str:
    """The words as written, punctuation left out."""
    return _as_written([t for t in words if not t.is_punct])


def _what_any(rest: "list[Token]", aux: str) -> str | None:
    """"Do you have any comments on the plan?" → "What comments, if any, do you have on the plan?"."""
    noun = next((t for t in rest if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None:
        return None
    thing = _joined([t for t in rest if t.i <= noun.i])
    tail = _joined([t for t in rest if t.i > noun.i])
    return f"What {thing}, if any, {aux} you have{' ' + tail if tail else ''}?"


def _degree_rewrite(words: "list[Token]", lowered: list[str], how_well: frozenset[str]) -> str | None:
    """The "How ADJ…" or "What, if anything,…" form a person would write, where the parse allows.

    Only sentences that open with their auxiliary; no general template reads as English
    ("How, if at all, do you feel…"), so anything else keeps the advice.
    """
    if len(words) < 3 or words[0].pos_ not in ("AUX", "VERB"):
        return None
    aux = lowered[0]
    body = [t for t in words if not t.is_punct or t.text in ("-", "'")]

    if "anything" in lowered and lowered[1] == "there":
        # "Is there anything you would change…?" → "What, if anything, would you change…?"
        k = lowered.index("anything")
        modal = next((t for t in body[k + 1:] if t.tag_ == "MD"), None)
        if modal is None:
            return None
        m = body.index(modal)
        subject = [t for t in body[k + 1:m] if t.lower_ != "that"]
        if not subject:
            return None
        return f"What, if anything, {modal.lower_} {_as_written(subject)} {_as_written(body[m + 1:])}?"
    adjective = next((t for t in body[1:] if t.tag_ in ("JJ", "VBN") and t.pos_ in ("ADJ", "VERB")
                      and (t.head.i < t.i or t.dep_ in ("acomp", "oprd", "ccomp", "xcomp")
                           or (t.dep_ == "ROOT" and t.i > 0 and t.doc[t.i - 1].lemma_ in SENSE_VERBS))), None)
    if adjective is not None and adjective.lower_ in UNGRADED:
        return None
    if adjective is not None and (adjective.dep_ == "conj" or any(c.dep_ == "conj" for c in adjective.children)):
        return None  # "Were they friendly and approachable?": two questions; double-barreled splits it
    if adjective is not None:
        k = body.index(adjective)
        rest = [t for t in body[k + 1:] if t.lower_ != "enough"]
        if aux in ("is", "are", "was", "were") and words[0].dep_ == "ROOT":
            # "Were the notes helpful after class?" → "How helpful were the notes after class?";
            # the adjective's adverb stays with it ("Is your home well insulated?" → "How well insulated…").
            adverbs = {c.i for c in adjective.children if c.dep_ == "advmod" and c.i < adjective.i}
            manner = "".join(f"{c.lower_} " for c in adjective.children
                             if c.i in adverbs and c.lower_ in ("well", "badly", "poorly"))
            subject = _as_written([t for t in body[1:k] if t.i not in adverbs])
            return f"How {manner}{adjective.lower_} {aux} {subject}{' ' + _as_written(rest) if rest else ''}?"
        if lowered[1] == "you" and words[2].lemma_ in ("feel", "find") and (words[2].lemma_ == "find" or k == 3):
            # "Did you feel safe…?", "Did you find the platform easy to navigate?"
            middle = _as_written(body[3:k])
            return f"How {adjective.lower_} {aux} you {words[2].lower_}{' ' + middle if middle else ''}" \
                   f"{' ' + _as_written(rest) if rest else ''}?"
        verb = body[k - 1]
        if aux in ("would", "will", "could", "should") and verb.lower_ == "be" and k > 2 and lowered[1] != "you":
            # "Would a weekly email be useful to you?" → "How useful would a weekly email be to you?"
            return f"How {adjective.lower_} {aux} {_as_written(body[1:k - 1])} be{' ' + _as_written(rest) if rest else ''}?"
        if aux in ("do", "does", "did") and lowered[1] != "you" and verb.lemma_ in SENSE_VERBS and not rest \
                and verb.dep_ == "ROOT":
            # "Did the thank-you letter feel personal?" → "How personal did the thank-you letter feel?"
            return f"How {adjective.lower_} {aux} {_as_written(body[1:k - 1])} {verb.lower_}?"
        if lowered[1] == "you" and words[2].lemma_ in ("think", "feel") and body[k - 1].lemma_ == "be" \
                and not rest:
            # "Do you think the signs are clear?" → "How clear do you think the signs are?"
            subject = [t for t in body[3:k - 1] if t.lower_ != "that"]
            return f"How {adjective.lower_} {aux} you {words[2].lower_} {_as_written(subject)} {body[k - 1].lower_}?"
    verb = next((t for t in body[1:] if t.pos_ == "VERB" and t.dep_ == "ROOT"), None)
    if aux in ("do", "does", "did") and verb is not None and verb.lemma_ in how_well and lowered[1] != "you":
        # "Did the training meet your needs?" → "How well did the training meet your needs?"
        return f"How well {aux} {_as_written(body[1:])}?"
    return None


def _enough(body: "list[Token]", k: int, aux: str, words: "list[Token]") -> str | None:
    """'Were the breaks long enough?' → 'Were the breaks too long, about right or too short?':
    "How long…" would drop what was asked (is it enough?), so both sides of the right amount are
    offered, as an alternative question. Only amounts with another end ("long", "high") read so;
    "clear enough" keeps the degree form ("How clear…"), since nothing is too clear."""
    adjective, rest = body[k], body[k + 2:]
    if aux in ("is", "are", "was", "were") and words[0].dep_ == "ROOT":
        return too_form(_as_written(body[1:k]), aux, adjective.text, " " + _as_written(rest) if rest else "")
    if len(body) > 4 and body[1].lower_ == "you" and body[2].lemma_ == "think" and body[k - 1].lemma_ == "be" \
            and body[k - 1].lower_ in ("is", "are", "was", "were") and not rest:
        # "Do you think the free plan is generous enough?"
        subject = [t for t in body[3:k - 1] if t.lower_ != "that"]
        return too_form(_as_written(subject), body[k - 1].lower_, adjective.text) if subject else None
    return None


def _follow_up(sent: "Span", doc: "Doc", follow_up_verbs: frozenset[str]) -> bool:
    """A later sentence of the item that asks for the detail: a wh-question or 'Please explain.'."""
    for later in sentences(doc):
        if later.start <= sent.start:
            continue
        words = [t for t in later if not t.is_punct]
        if len(words) > 1 and words[0].lower_ == "how" and words[1].pos_ == "ADJ":
            continue  # "How friendly were they?": a judgement of its own, not the detail of a yes
        if wh_word(later) is not None or any(t.lemma_.lower() in follow_up_verbs and t.dep_ == "ROOT" for t in later):
            return True
    return False


def _follow_up_item(question: Question, context: Context, opening: "re.Pattern[str]") -> bool:
    """The next item asks for the detail ("Please explain.", "If yes, which…"): this one filters."""
    after = neighbour(question, context, 1)
    return after is not None and bool(opening.match(after.text))


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """Yield a hit on the auxiliary of each yes/no question sentence."""
    verdict = per_options(options, lists)
    for sent in question_sentences(doc):
        words = [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]
        if not words:
            continue
        if words[0].lower_ in ("any", "anything") and len(words) <= 3:
            yield Hit(sent.start_char, sent.end_char, suggestion=rewrite(sent, verdict))
            continue
        tag = _tag(sent)
        aux = _inverted(sent) or tag
        # An item with a text box ("open") that asks for anything else or for comments gets
        # them whatever its wording: "Is there anything else you would like to tell us?" is
        # the accepted closing question. A judgement ("Was it useful?") is closed either way.
        if aux is None or _alternative(sent) or not seeks_feedback(sent, verdict, screener=question.type == "yes-no",
                                                                   text_box=question.type == "open"):
            continue
        if _follow_up(sent, doc, verdict.follow_up_verbs) or _follow_up_item(question, context, verdict.follow_up_item):
            continue  # "Are there other resources? What were they?": the open follow-up is there
        if any(t.dep_ == "expl" for t in span_tokens(sent)) and "anything" not in doc_words(doc):
            continue  # "Were there enough helpers?", "Were there any issues?": a count or a screener
        # A negative or tagged question ("Wouldn't a newsletter be useful?", "…, wasn't it?") is
        # closed as well as agreement-seeking; a tag leaves the open form to the joint rewrite.
        yield Hit(aux.idx, aux.idx + len(aux.text), suggestion=None if tag is not None else rewrite(sent, verdict))
