"""not-a-question: an item that asks nothing.

Two cases, both conservative because forms are full of legitimate non-questions
(labels like "Name:", headings of scale rows like "Planning", statements to rate):

- an item that breaks off: it ends in an ellipsis, or it is only a subordinate
  clause ("If you had any concerns…"), whatever its type;
- an open item whose sentences are all statements: there is no question mark, no
  request ("Please describe…", "Tell us…", "We would love to hear…") and no
  wh-question missing its mark, so respondents must guess what to write;
- an open or untyped item without choices that is only a phrase and not a field
  label: a heading such as "Workshop feedback." ("Comments", "Name" and phrases
  about the respondent, "Your department", are labels).

Statements in scale, choice, yes/no and untyped items are taken to be statements
to rate, "I consent…" to be a confirmation, and a statement next
to other untyped statements to be one row of a battery whose scale the file does
not give (survey YAML items default to open, so a lost scale looks like an open
item).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from askwell.model import Context, Hit, Question
from askwell.analysis.views import question_sentences, sentences, tokens
from askwell.analysis.stems import form, neighbour, sent_root, words
from askwell.rules.kinds import Folded

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

SUBORDINATORS = {"if", "when", "whenever", "because", "although", "though", "while", "since", "unless", "whether",
                 "as", "before", "after"}
# Requests and invitations anywhere in the item, whatever the parser makes of the sentence.
INVITATION = Folded(re.compile(r"\b(?:please|welcome|appreciate[ds]?|invite[ds]?|encourage[ds]?|would (?:love|like)|"
                        r"(?:want|like|love) to (?:hear|know|learn)|feel free|let us know|let me know|tell us|"
                        r"share with us|describe|explain|list|rate|select|choose|indicate|specify|comment on|"
                        r"give us|write (?:down|about|a few))\b", re.IGNORECASE))
# Statements respondents tick to confirm rather than answer.
CONFIRMATION = re.compile(r"^\W*(?:I|we)\s+(?:\w+\s+)?(?:consent|agree|confirm|understand|acknowledge|certify|"
                          r"accept|have read)\b", re.IGNORECASE)
ASKS = re.compile(r"[?:]\s*$")


# Message variants (templates in the rule's YAML ``messages:``) and the values this check fills in each.
MESSAGES: dict[str, tuple[str, ...]] = {
    "breaks-off": (),
    "heading": (),
    "statement": (),
}


def _lone_subordinate(sent: "Span") -> bool:
    """Only a subordinate clause: "If you had any concerns", "When you think about day two"."""
    root = sent_root(sent)
    if any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS and c.i < root.i for c in root.children):
        return True
    first = words(sent)[0]
    # "When you think about…" without a question mark or inversion: a clause, not a question.
    return (first.lower_ in ("when", "whenever", "while") and first.head.i == root.i
            and form(sent) != "yes-no" and root.i > first.i
            and any(c.dep_ in ("nsubj", "nsubjpass") and first.i < c.i < root.i for c in root.children))


# Conventional labels of an answer box: what to write is clear.
BOX_LABELS = {"comments", "comment", "additional comments", "other comments", "any other comments", "notes",
              "remarks", "suggestions", "other", "other (please specify)", "please specify", "name", "email",
              "e-mail", "email address", "affiliation", "institution", "organisation", "organization", "department",
              "country", "role", "job title", "position", "title", "age", "gender", "pronouns", "date", "signature"}


def _label(text: str, doc: "Doc") -> bool:
    """A field label: a conventional box name, or a phrase about the respondent ("Your department")."""
    core = re.sub(r"[^\w\s()-]", "", text).strip().lower()
    if core in BOX_LABELS:
        return True
    return any(t.lower_ in ("your", "you", "yours", "my", "i") for t in tokens(doc))


def _statement_like(q: Question) -> bool:
    """A neighbour that reads like another statement or row: no question mark, no request, no choices."""
    return not q.choices and not ASKS.search(q.text) and not INVITATION.search(q.text) \
        and q.type in ("open", "unknown")


def _in_battery(question: Question, context: Context) -> bool:
    """Next to other untyped statements: a battery of statements to rate whose scale the file does not give."""
    return any(n is not None and _statement_like(n) for n in (neighbour(question, context, -1),
                                                             neighbour(question, context, 1)))


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit on the whole item when it asks nothing."""
    text = question.text.rstrip()
    if not text or any(True for _ in question_sentences(doc)):
        return
    sents = [s for s in sentences(doc) if words(s)]
    if not sents:
        return
    if text.endswith(("...", "…")) or (len(sents) == 1 and _lone_subordinate(sents[0])):
        yield Hit.saying("breaks-off", 0, len(text))
        return
    if question.type not in ("open", "unknown") or question.choices or text.endswith(":") \
            or INVITATION.search(text) or CONFIRMATION.match(text):
        return
    kinds = [form(s) for s in sents]
    if any(k in ("request", "wh", "yes-no") for k in kinds):
        return
    if all(k == "fragment" for k in kinds):
        # A heading ("Workshop feedback.") rather than a field label ("Your department", "Comments").
        if _label(text, doc) or _in_battery(question, context):
            return
        yield Hit.saying("heading", 0, len(text))
        return
    if question.type != "open" or _in_battery(question, context):
        return  # untyped statements are usually statements to rate
    yield Hit.saying("statement", 0, len(text))
