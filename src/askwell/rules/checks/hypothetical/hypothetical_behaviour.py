"""hypothetical-behaviour: asking people to imagine a situation or predict what they would do.

Fires on:
- a scenario set up for the respondent: "Imagine…", "Suppose…", "What if…";
- "Would/Will you attend…?", "Would you be willing to pay…?" and the same as a
  statement to rate ("I would attend…"), when the verb is an action (attend, use,
  pay, join, teach…);
- "How much would you pay…?", "How many sessions would you attend…?";
- a question under a counterfactual or conditional clause ("If the workshop were
  online, would you…?", "If you had a mentor, how would you…?") and "How likely
  would you be to…", the likelihood of acting in a situation that does not exist.

Left alone: preferences ("Would you like to…", "How much time would you like to
spend…": what someone wants today), polite requests ("Would you like to add
anything?"), suggestions ("What would you change?", "If you could change one
thing, what would it be?"), ratings ("How would you rate…"), the accepted
likelihood-to-recommend item and any "How likely are you to…", arrangements already
made ("Will you be attending with colleagues?") and stated plans ("Which tools do
you plan to use?"): a plan is a present state the respondent can report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from askwell.memo import per_options
from askwell.model import Context, Hit, Question
from askwell.analysis.views import doc_words, sentences, span_text, span_tokens
from askwell.analysis.stems import form, inverted_aux, sent_root, stem_sentences, subject, wh_word

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# The word lists (action verbs, verbs of wanting, scenario and suggestion verbs) are the rule's
# options; what stays here is English grammar: modals, wh-phrases of amount, dependency labels.
MODALS = {"would", "will", "'d", "'ll", "wo", "’d", "’ll"}
AMOUNT_WH = ("how much", "how many", "how often", "how long", "what price", "what amount", "how frequently")


class Lists(NamedTuple):
    """The rule's options as the check uses them, made once per options dict."""

    actions: frozenset[str]
    exempt: frozenset[str]  # main verbs that make a question a request or a rating
    desire: frozenset[str]  # verbs whose 'to' clause names the action, and the copula of 'be willing to'
    readiness: frozenset[str]  # adjectives of 'be willing/able/ready to' whose clause names the action
    scenario: frozenset[str]
    suggesting: frozenset[str]


def _lists(options: dict[str, Any]) -> Lists:
    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in options[key])

    # "be" is grammar, not a wish: "Would you be willing to pay…" names its action under the copula.
    return Lists(words("actions"), words("not_actions"), words("desire_verbs") | {"be"}, words("readiness"),
                 words("scenario_verbs"), words("suggestion_verbs"))


def _modal(verb: "Token") -> "Token | None":
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS), None)


def _action(verb: "Token", lists: Lists) -> "Token | None":
    """The action verb a predicate asks about: the verb itself, or the one after 'like to', 'be willing to'."""
    actions = lists.actions
    if verb.lemma_.lower() in actions and verb.pos_ == "VERB":
        return verb
    if verb.lemma_.lower() in lists.desire:
        for c in verb.children:
            target = c
            if c.dep_ == "acomp" and c.lower_ in lists.readiness:
                target = next((x for x in c.children if x.dep_ in ("xcomp", "prep")), c)
                if target.dep_ == "prep":
                    target = next((x for x in target.children if x.dep_ == "pcomp"), target)
            if target.dep_ in ("xcomp", "pcomp") and target.lemma_.lower() in actions and target.pos_ == "VERB":
                return target
    return None


def _counterfactual(sent: "Span") -> bool:
    """An 'if' clause in the past or with 'were': 'If the workshop were online, …'."""
    for t in span_tokens(sent):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "if" for c in t.children):
            if t.tag_ == "VBD" or any(c.lower_ in ("were", "had") for c in t.children) or t.lower_ == "were":
                return True
    return False


def _suggest(sent: "Span", action: "Token", modal: "Token") -> str:
    """'Would you attend X?' → 'How likely are you to attend X?', keeping a leading condition."""
    verb = action.lemma_ if action.tag_ == "VBG" else action.text
    rest = (verb + action.whitespace_ + "".join(t.text_with_ws for t in sent[action.i - sent.start + 1:]))
    rest = rest.strip().rstrip("?.!").strip()
    lead = "".join(t.text_with_ws for t in sent[:modal.i - sent.start]).strip().rstrip(",").strip()
    if lead:
        return f"{lead}, how likely would you be to {rest}?"
    return f"How likely are you to {rest}?"


CONDITIONAL_MODALS = {"would", "could", "might", "'d", "’d"}


def _scenario(doc: "Doc", imagine: frozenset[str]) -> "Token | None":
    """'Imagine…', 'Suppose…', 'What if…': the item sets up a situation that is not real."""
    for sent in sentences(doc):
        words = [t for t in span_tokens(sent) if not t.is_space]
        if not words:
            continue
        first = words[0]
        if first.lemma_.lower() in imagine and first.tag_ in ("VB", "VBP"):
            return first
        if len(words) > 1 and first.lower_ == "what" and words[1].lower_ == "if":
            return words[1]  # "What if…", not "What, if anything, …"
    return None


def _counterfactual_wh(sent: "Span", suggesting: frozenset[str]) -> "Token | None":
    """'If you had a second instructor, how would you…', 'How likely would you be to… if…'."""
    modal = next((t for t in span_tokens(sent) if t.lower_ in CONDITIONAL_MODALS and t.tag_ == "MD"), None)
    if modal is None or subject(sent) is None or subject(sent).lower_ not in ("you", "i", "we"):
        return None
    root = sent_root(sent)
    if root.lemma_.lower() in suggesting:
        return None  # "If you could change one thing, what would it be?": a request for suggestions
    if _counterfactual(sent) or any(t.lower_ == "if" and t.dep_ == "mark" for t in span_tokens(sent)):
        return modal
    low = span_text(sent).lower()
    if "how likely would" in low or "how likely do you think you would" in low:
        return modal  # the likelihood of acting in a situation that does not exist
    return None


def check(question: Question, doc: "Doc", options: dict[str, Any], context: Context) -> Iterator[Hit]:
    """A hit from the modal to the action it predicts."""
    lists = per_options(options, _lists)
    scenario = _scenario(doc, lists.scenario)
    if scenario is not None:
        yield Hit(scenario.idx, scenario.idx + len(scenario.text))
        return
    if MODALS.isdisjoint(doc_words(doc)):
        return  # every other hit starts at a modal ("would", "will"): without one there is nothing to find
    for sent in stem_sentences(doc):
        kind = form(sent)
        root = sent_root(sent)
        subj = subject(sent)
        if subj is None or subj.lower_ not in ("you", "i", "we"):
            continue
        low = span_text(sent).lower()
        if ("how likely" in low or "likelihood" in low) and _counterfactual_wh(sent, lists.suggesting) is None:
            continue
        modal = _modal(root)
        progressive = root.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ == "aux" for c in root.children)
        if modal is not None and progressive:
            continue  # "Will you be attending…": an arrangement, not a prediction
        if modal is not None and root.lemma_.lower() in ("like", "love", "want", "prefer"):
            continue  # "Would you want to…", "Would you like to…": a preference today, not a prediction
        if modal is not None and root.lemma_.lower() not in lists.exempt:
            action = _action(root, lists)
            if kind == "wh":
                if root.lemma_.lower() in ("like", "love", "prefer", "want"):
                    continue  # "How much time would you like to spend…": a preference today, not a prediction
                conditional = _counterfactual_wh(sent, lists.suggesting)
                if conditional is not None:
                    yield Hit(conditional.idx, root.idx + len(root.text))
                    continue
                wh = wh_word(sent)
                wh_phrase = low[wh.idx - sent.start_char:] if wh is not None else ""
                if action is not None and (wh_phrase.startswith(AMOUNT_WH) or action.lemma_ in ("pay", "spend")):
                    yield Hit(modal.idx, action.idx + len(action.text))
                continue
            if kind in ("yes-no", "statement"):
                if action is not None:
                    better = _suggest(sent, action, modal) if kind == "yes-no" else None
                    yield Hit(modal.idx, action.idx + len(action.text), suggestion=better)
                    continue
                if kind == "yes-no" and modal.lower_ in ("would", "'d", "’d") and _counterfactual(sent) \
                        and inverted_aux(sent) is not None:
                    yield Hit(modal.idx, root.idx + len(root.text), suggestion=_suggest(sent, root, modal))
                    continue
