"""closed-question: yes/no phrasing (subject-auxiliary inversion) where open input is wanted.

Found with the parse, not a word list: the question sentence starts with an
auxiliary or modal whose subject follows it ("Did you…", "Is the…", "Would you…"),
or it is a bare "Any questions?" fragment.  Only questions that seek feedback or
opinion count: an evaluative verb or adjective ("like", "useful", "enough"), a
request for comments, or "anything else".  Factual screeners ("Was the workshop
held online?") are rightly yes/no, and alternative questions ("Do you prefer R or
Python?") offer their own answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.rules.checks.questions import question_sentences, span_text, span_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Words that make a yes/no question a request for an evaluation or for feedback.
EVALUATIVE_VERBS = {"like", "enjoy", "love", "hate", "dislike", "find", "think", "feel", "agree", "recommend",
                    "learn", "understand", "help", "benefit", "improve", "want", "need", "wish", "expect",
                    "struggle", "appreciate", "prefer", "satisfy", "meet", "work", "go", "matter", "suggest"}
EVALUATIVE_ADJECTIVES = {"useful", "helpful", "clear", "good", "right", "enough", "appropriate", "easy", "difficult",
                         "hard", "interesting", "engaging", "relevant", "satisfied", "happy", "confident",
                         "comfortable", "effective", "valuable", "well", "worthwhile", "accessible", "welcome",
                         "welcoming", "fast", "slow", "long", "short", "sufficient", "adequate", "inclusive",
                         "friendly", "fun", "enjoyable", "informative", "organised", "organized", "prepared",
                         "knowledgeable", "enthusiastic", "successful", "beneficial", "important", "better",
                         "worse", "ok", "okay", "fine"}
FEEDBACK_NOUNS = {"comment", "comments", "suggestion", "suggestions", "question", "questions", "feedback", "idea",
                  "ideas", "thought", "thoughts", "concern", "concerns", "issue", "issues", "problem", "problems",
                  "recommendation", "recommendations", "advice", "remark", "remarks"}

AUX_LEMMAS = {"be", "do", "have", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}


def _inverted(sent: "Span") -> "Token | None":
    """The sentence-initial auxiliary when a subject follows it, else None."""
    words = [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]
    if len(words) < 2:
        return None
    first = words[0]
    if first.lemma_.lower() not in AUX_LEMMAS and first.lower_ not in ("ca", "wo"):
        return None
    if first.tag_ not in ("VBP", "VBZ", "VBD", "MD", "VB"):
        return None
    # A subject (or expletive "there") must follow the auxiliary for this to be a question form.
    for t in words[1:6]:
        if t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") or (t.lower_ in ("you", "there", "it", "they", "we", "i")):
            return first
    return None


def _alternative(sent: "Span") -> bool:
    """"Do you prefer A or B?": an 'or' joining two answers (but not 'or not')."""
    for t in span_tokens(sent):
        if t.lower_ == "or" and t.dep_ == "cc":
            nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.lower_ in ("not", "no"):
                return False
            return True
    return False


def seeks_feedback(sent: "Span") -> bool:
    """True when the yes/no question asks for an evaluation or for comments, not a fact."""
    lowered = [t.lower_ for t in span_tokens(sent)]
    if "anything" in lowered or ("any" in lowered and "there" in lowered):
        return True
    for t in span_tokens(sent):
        if any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors]):
            # "Do you have a dataset that you would like to analyse?": the opinion verb is
            # inside a relative clause and does not make the question evaluative.
            continue
        if t.lemma_.lower() in EVALUATIVE_VERBS and t.pos_ == "VERB":
            return True
        if t.lower_ in EVALUATIVE_ADJECTIVES and t.pos_ in ("ADJ", "ADV"):
            return True
        if t.dep_ == "acomp" and t.pos_ == "ADJ" and t.tag_ == "JJ" and not any(c.like_num for c in t.subtree):
            # "Was the schedule crazy?", "Is the room accessible?": a judgement, not a fact
            # ("Are you 18 or older?" is comparative and numeric, so it stays a fact).
            return True
        if t.lower_ in FEEDBACK_NOUNS and t.pos_ == "NOUN":
            return True
    return False


def rewrite(sent: "Span") -> str:
    """An open rewrite of a yes/no question, conservative where the parse is unsure."""
    words = [t for t in span_tokens(sent) if not t.is_space]
    lowered = [t.lower_ for t in words]
    text = span_text(sent).strip()
    body = text.rstrip("?").strip()
    if lowered[:1] == ["any"]:
        noun = body.split(None, 1)[1] if " " in body else "questions"
        return f"What {noun} do you have?"
    if "anything" in lowered and "else" in lowered:
        return "What else would you like to tell us?"
    if len(lowered) > 3 and lowered[1] == "you" and lowered[2] == "have" and lowered[3] == "any":
        rest = " ".join(t.text for t in words[4:] if not t.is_punct)
        return f"What {rest} {words[0].lower_} you have?"
    if len(lowered) > 2 and lowered[1] == "you" and words[2].lemma_ == "recommend":
        rest = " ".join(t.text for t in words[3:] if not t.is_punct)
        return f"How likely are you to recommend {rest}?"
    if lowered[0] in ("is", "are", "was", "were"):
        for t in words[1:]:
            if t.dep_ == "acomp" and t.pos_ == "ADJ":
                subject = " ".join(w.text for w in words[1:t.i - sent.start] if not w.is_punct)
                return f"How {t.lower_}, if at all, {lowered[0]} {subject}?"
    first = words[0].text.lower()
    remainder = body.split(None, 1)[1] if " " in body else ""
    return f"How, if at all, {first} {remainder}?".replace("  ", " ")


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """Yield a hit on the auxiliary of each yes/no question sentence."""
    for sent in question_sentences(doc):
        words = [t for t in span_tokens(sent) if not t.is_punct and not t.is_space]
        if not words:
            continue
        if words[0].lower_ in ("any", "anything") and len(words) <= 3:
            yield Hit(sent.start_char, sent.end_char, suggestion=rewrite(sent))
            continue
        aux = _inverted(sent)
        if aux is None or _alternative(sent) or not seeks_feedback(sent):
            continue
        if len(words) > 1 and words[1].lower_ in ("n't", "not"):
            # "Don't you agree…?" is agreement-seeking; that rule explains it better.
            continue
        yield Hit(aux.idx, aux.idx + len(aux.text), suggestion=rewrite(sent))
