"""Named rewrites and the rewrites coded checks build: the better question beside a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from askwell.errors import ConfigError
from askwell.rules.packs import parse_rule
from askwell.rules.rewrites import balanced_agreement, drop_word

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("text", "start", "better"), [
    # The dimension the claim judged is kept as a degree ("How long…", "How warm…")…
    ("Don't you agree that the breaks were long enough?", 0, "How long were the breaks?"),
    ("Isn't it true that Git saves time?", 0, None),  # no thing-and-verb claim to ask about: advice instead
    ("The room was warm enough, right?", 24, "How warm was the room?"),
    # …but not strong praise, a comparison or what is no degree: then ask about the thing, in its tense.
    ("Don't you agree that the workshop was excellent?", 0, "What did you think of the workshop?"),
    ("Isn't it true that the new timetable is better?", 0, "What do you think of the new timetable?"),
    ("Don't you agree that the fair was a success?", 0, "What did you think of the fair?"),
    # "too high" is one side of an amount: both sides and the middle are offered ("too noisy" has no other end).
    ("Don't you agree that fares on this route are too high?", 0,
     "Are fares on this route too high, about right or too low?"),
    ("The room was too noisy, right?", 22, "What did you think of the room?"),
])
def test_balanced_agreement(text: str, start: int, better: str | None) -> None:
    assert balanced_agreement(text, start, start + 5) == better


def test_a_rewrite_that_fails_the_rules_is_not_offered(lint_text) -> None:  # type: ignore[no-untyped-def]
    # Every offered question is linted again: it must raise nothing in its rule's category and no error.
    for text in ("Don't you agree the workshop was great?", "Did you like the workshop?", "How often do you use Git?"):
        for finding in lint_text(text):
            for rewrite in finding.rewrites:
                again = {f.category for f in lint_text(rewrite)} | {f.severity for f in lint_text(rewrite)}
                assert finding.category not in again and "error" not in again, (text, rewrite)


def test_drop_word_only_where_a_word_follows() -> None:
    text = "How would you rate our excellent instructors?"
    start = text.index("excellent")
    assert drop_word(text, start, start + 9) == "How would you rate our instructors?"
    text = "Were the instructors excellent?"
    start = text.index("excellent")
    assert drop_word(text, start, start + 9) is None


def test_unknown_rewrite_is_refused() -> None:
    raw = {"id": "x", "category": "leading", "severity": "info", "values": ["act-openly"], "message": "m",
           "why": "w", "kind": "phrase", "phrases": ["a"], "rewrite": "balanced_agreemnt",
           "examples": {"bad": ["a"], "good": ["b"]}}
    with pytest.raises(ConfigError, match="did you mean 'balanced_agreement'"):
        parse_rule(raw, "r.yaml", {"act-openly"})


@pytest.mark.parametrize(("text", "rule", "better"), [
    ("Any questions?", "closed-question", "What questions do you have?"),
    ("Do you have any suggestions for the next workshop?", "closed-question",
     "What suggestions, if any, do you have for the next workshop?"),
    ("Is the club's newsletter worth reading?", "closed-question",
     "How worthwhile is the club's newsletter to read?"),
    ("Was the concert worth the ticket price?", "closed-question",
     "To what extent was the concert worth the ticket price?"),
    ("Is the club's website easy to use?", "closed-question", "How easy is the club's website to use?"),
    ("Do you like the new icons?", "closed-question", "What do you think of the new icons?"),
    ("Would you recommend this workshop to a colleague?", "closed-question",
     "How likely are you to recommend this workshop to a colleague?"),
    ("How much did you enjoy the workshop?", "presupposition", "How much, if at all, did you enjoy the workshop?"),
    ("How did you simply fix the error?", "dismissive-words", "How did you fix the error?"),
    # Dropping 'just' would leave the deficit framing of "Why didn't you…": no rewrite, the advice instead.
    ("Why didn't you just use the search bar?", "dismissive-words", "Leave the word out."),
    # Closed questions become the "How…" or "What, if anything,…" form a person would write.
    ("Were the seats at the venue comfortable?", "closed-question", "How comfortable were the seats at the venue?"),
    ("Did you feel valued as a volunteer?", "closed-question", "How valued did you feel as a volunteer?"),
    ("Did the welcome letter feel personal?", "closed-question", "How personal did the welcome letter feel?"),
    # The adjective's own "well" stays with it (a reader found "How insulated is your home well?").
    ("Is your home well insulated?", "closed-question", "How well insulated is your home?"),
    ("Did you feel safe walking home after the meetup?", "closed-question",
     "How safe did you feel walking home after the meetup?"),
    ("Do you think the signs in the building are clear?", "closed-question",
     "How clear do you think the signs in the building are?"),
    ("Is there anything you would change about the course?", "closed-question",
     "What, if anything, would you change about the course?"),
    ("Did the handbook meet your needs?", "closed-question", "How well did the handbook meet your needs?"),
    ("Did the venue live up to your expectations?", "closed-question",
     "How well did the venue live up to your expectations?"),
    ("Have you got any ideas for the next meetup?", "closed-question",
     "What ideas, if any, do you have for the next meetup?"),
    # Praise that is the scale itself: the thing is rated instead.
    ("How delicious was the lunch at the workshop?", "loaded-words", "How would you rate the lunch at the workshop?"),
    # Praise of the respondent goes, wherever it stands among the fronted phrases.
    ("In the past month, as a responsible resident, how often did you cycle to work?", "framing",
     "In the past month, how often did you cycle to work?"),
    # A pronoun left by the framing claim gets the thing it meant.
    ("Thousands of members have already joined our new forum. How would you rate it?", "framing",
     "How would you rate our new forum?"),
    ("Research shows that the new timetable reduces stress. How clear do you find it?", "framing",
     "How clear do you find the new timetable?"),
    # "a lot of X" becomes "How much X…" ("How many" for a plural), not "How much … of X".
    ("Do you have a lot of contact with other learners?", "vague-quantifier",
     "How much contact do you have with other learners?"),
    ("Do you have a lot of friends at work?", "vague-quantifier", "How many friends do you have at work?"),
    # "long enough" asks whether an amount is right: both sides of it, not "How long…".
    ("Were the breaks long enough?", "closed-question", "Were the breaks too long, about right or too short?"),
    ("Do you think the fees are high enough?", "closed-question", "Are the fees too high, about right or too low?"),
    ("Do you think that the signs are clear enough?", "closed-question", "How clear do you think the signs are?"),
    # The framing claim goes; a time frame fronted in the question stays.
    ("Most learners say the breaks are too short. In the last workshop, how long were the breaks?", "framing",
     "In the last workshop, how long were the breaks?"),
    ("Considering how generous the sponsors were, how would you rate the venue?", "framing",
     "How would you rate the venue?"),
    # Item-specific questions instead of agreement with a claim.
    ("Do you agree that the lesson notes are clear?", "agree-disagree", "How clear are the lesson notes?"),
    ("Do you agree or disagree that the organisers have handled the move online well?", "agree-disagree",
     "How well have the organisers handled the move online?"),
    # A claim of what should happen: both sides offered; a claim that something is too much: both ends.
    ("To what extent do you agree that the workshop should be extended to a third day?", "agree-disagree",
     "Do you think the workshop should or should not be extended to a third day?"),
    ("Do you agree that class sizes at our school have become too large?", "agree-disagree",
     "Are class sizes at our school too large, about right or too small?"),
    # Two acts, each with its own object; two things, each with its own phrase: written out in full.
    ("How well did your tutor explain new topics and answer questions in class?", "double-barreled",
     "How well did your tutor explain new topics? How well did your tutor answer questions in class?"),
    ("How would you rate the cleanliness of the pool and the temperature of the water?", "double-barreled",
     "How would you rate the cleanliness of the pool? How would you rate the temperature of the water?"),
    # Two verbs in different forms are a misread noun phrase ("volunteering roles"): the advice.
    ("How easy was it to find out about volunteering roles and apply for one?", "double-barreled",
     "Split it into one question per thing, each written out in full."),
    # An amount judged right or not has two ways to be wrong: both are offered.
    ("Was the pace of the lectures appropriate?", "closed-question",
     "Was the pace of the lectures too fast, about right or too slow?"),
    # Each half of a split stands alone: a pronoun names what it meant.
    ("How satisfied are you with how your donation was acknowledged and how it was spent?", "double-barreled",
     "How satisfied are you with how your donation was acknowledged? How satisfied are you with how your "
     "donation was spent?"),
    ("How fair was the exam, and was there enough time to finish it?", "double-barreled",
     "How fair was the exam? Was there enough time to finish the exam?"),
    # "well lit" is one judgement, its participle kept with it.
    ("How safe and well lit did the car park feel?", "double-barreled",
     "How safe did the car park feel? How well lit did the car park feel?"),
    # A yes/no question about two things keeps the advice: the double-barreled split comes first.
    ("Was the room tidy and well organised?", "closed-question",
     "Start with how, what or why, e.g. \"What questions do you have?\" instead of \"Any questions?\""),
    # A premise made neutral.
    ("How satisfied are you with the improvements to the lesson website?", "presupposition",
     "How satisfied are you with the changes to the lesson website?"),
    ("How concerned are you about rising hotel prices?", "presupposition", "How concerned are you about hotel prices?"),
    # A negative question is asked in its positive form, with the degree open.
    ("Wouldn't a weekly summary email be useful to you?", "closed-question",
     "How useful would a weekly summary email be to you?"),
    ("Won't the new hours be convenient for families?", "closed-question",
     "How convenient will the new hours be for families?"),
    # A comparative has no "How …" form ("How clearer is…"): the advice instead.
    ("Is the new timetable clearer?", "closed-question",
     "Start with how, what or why, e.g. \"What questions do you have?\" instead of \"Any questions?\""),
])
def test_coded_rewrites(lint_text, text: str, rule: str, better: str) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in lint_text(text) if f.rule == rule]
    # A verified rewrite goes in ``rewrites``; without one, the advice is all there is.
    assert found and (found[0].rewrites[:1] or (found[0].suggestion,))[0] == better


def test_pattern_triggers_are_required_words() -> None:
    from askwell.rules.kinds import _required_words

    # The optional first token cannot be required; both required sets are, the rarer first.
    pattern = [{"LOWER": "please", "OP": "?"}, {"LOWER": {"IN": ["which", "what"]}}, {"LOWER": {"IN": ["state", "county"]}}]
    assert _required_words(pattern) == (frozenset({"state", "county"}), frozenset({"which", "what"}))
    assert _required_words([{"POS": "ADJ", "OP": "*"}, {"IS_PUNCT": True}]) == ()


def test_pattern_groups_run_only_when_the_doc_holds_all_their_words(lint_text) -> None:  # type: ignore[no-untyped-def]
    import spacy

    from askwell.rules.kinds import MatcherPool

    nlp = spacy.blank("en")
    pool = MatcherPool(nlp)
    pool.add("r", [[{"LOWER": "which"}, {"LOWER": "state"}], [{"LOWER": "zip"}, {"LOWER": "code"}]])
    assert [s.text for s in pool.matches(nlp("Which state are you in?"), "r")] == ["Which state"]
    calls: list[str] = []
    entry = pool.rules["r"]
    for i, (required, real) in enumerate(entry.groups):
        entry.groups[i] = (required, lambda doc, as_spans, _real=real: calls.append(doc.text) or _real(doc, as_spans=as_spans))
    # "which" and "code" are both present, but no single pattern has all its words: no Matcher call.
    assert pool.matches(nlp("Which code editor do you use?"), "r") == []
    assert calls == []
    # Only the group whose words are all present runs.
    assert [s.text for s in pool.matches(nlp("What is your zip code?"), "r")] == ["zip code"]
    assert calls == ["What is your zip code?"]
    # A pattern without literal words runs on every Doc.
    pool.add("any", [[{"IS_DIGIT": True}], [{"LOWER": "zip"}]])
    assert [s.text for s in pool.matches(nlp("Age 42?"), "any")] == ["42"]


def test_phrase_gate_is_open_on_every_bad_example_of_a_phrase_rule() -> None:
    """A phrase or substitution rule's only gate is its own word runs (kinds.Phrases): open on every bad example."""
    from askwell.config import active_rules, load
    from askwell.rules.kinds import Phrases, _phrases

    checked = 0
    for active in active_rules(load(None)):
        rule = active.rule
        if rule.kind == "substitution" or (rule.kind == "phrase" and not rule.spec.get("lemma")):
            phrases = list(rule.spec["substitutions"]) if rule.kind == "substitution" else _phrases(rule)
            gated = Phrases.of(phrases)
            assert gated.rare is not None, rule.id  # the gate can reason about every shipped phrase
            for example in rule.bad:
                assert gated.search(example.text) is not None, (rule.id, example.text)
                checked += 1
    assert checked >= 6


def _shipped_phrases() -> list[str]:
    from askwell.config import active_rules, load
    from askwell.rules.kinds import _phrases

    phrases: list[str] = []
    for active in active_rules(load(None)):
        if active.rule.kind == "phrase" and not active.rule.spec.get("lemma"):
            phrases += _phrases(active.rule)
        elif active.rule.kind == "substitution":
            phrases += list(active.rule.spec["substitutions"])
    return phrases


PHRASES = _shipped_phrases()


@pytest.mark.parametrize("text", [
    "Did (s)he enjoy it?", "Did you guys enjoy it?", "Was it a no-brainer?", "What's your ZIP code?",
    "How was the K-12 outreach?", "Wasn’t it crazy?", "Ｃrazy?", "Was it crazyish?", "",
    "Did you guyſ enjoy it?",  # the long s matches "s" case-insensitively
])
def test_run_gate_never_closes_where_a_phrase_matches(text: str) -> None:
    from askwell.rules.kinds import could_hold, phrase_regex, rarest_runs

    rare = rarest_runs(set(PHRASES))
    assert rare is not None
    if phrase_regex(PHRASES).search(text):
        assert could_hold(rare, text)


def _glossary_terms() -> list[str]:
    from askwell.rules.checks.jargon.glossary_term import _terms

    return sorted(_terms(("basic", "advanced"))[1])


@pytest.mark.parametrize("phrase_list", ["phrase rules", "glossary"])
def test_run_gate_holds_for_generated_texts(phrase_list: str) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from askwell.rules.kinds import could_hold, phrase_regex, rarest_runs

    phrases = PHRASES if phrase_list == "phrase rules" else _glossary_terms()
    rare = rarest_runs(set(phrases))
    regex = phrase_regex(phrases)
    pieces = st.sampled_from(phrases) | st.text(alphabet=st.sampled_from(list("aeiou sthK'’-.()?,_0123ſ")), max_size=8)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=6).map("".join), st.booleans())
    def holds(text: str, upper: bool) -> None:
        text = text.upper() if upper else text
        if regex.search(text):
            assert could_hold(rare, text), text
        if not could_hold(rare, text):
            assert regex.search(text) is None

    holds()
    # The gate closes on ordinary text, or it would save nothing.
    assert not could_hold(rare, "How would you rate the pace of the workshop?")


def test_run_gate_gives_up_on_phrases_it_cannot_reason_about() -> None:
    from askwell.rules.kinds import could_hold, rarest_runs

    assert rarest_runs({"ſimply"}) is None and rarest_runs({"--"}) is None
    assert could_hold(None, "anything")
    assert rarest_runs({"you guys"}) == frozenset({"guys"})  # the rarer word of the two
    assert len(rarest_runs({"(s)he"}) or ()) == 1 and rarest_runs({"(s)he"}) <= {"s", "he"}


@pytest.mark.parametrize(("text", "plain"), [
    ("How (if at all) did it help?", "How did it help?"),
    ("Rate it (1 = low [worst], 5 = high) now.", "Rate it now."),
    ("Stray ) bracket (open", "Stray ) bracket"),
    ("No brackets,\n  just   spaces.", "No brackets, just spaces."),
])
def test_without_brackets_drops_asides(text: str, plain: str) -> None:
    from askwell.rules.kinds import without_brackets

    assert without_brackets(text) == plain


def test_without_brackets_keeps_exactly_what_bracketed_marks_outside() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from askwell.rules.kinds import bracketed, without_brackets

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet="ab ()[]\n"))
    def same(text: str) -> None:
        inside = bracketed(text)
        assert without_brackets(text) == " ".join("".join(c for c, skip in zip(text, inside) if not skip).split())

    same()


def test_run_gate_holds_for_the_sensitive_topic_pattern() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from askwell.analysis.topics import _topics
    from askwell.rules.kinds import could_hold

    pattern, table, gate = _topics()
    assert gate is not None
    pieces = st.sampled_from(sorted(table)) | st.text(alphabet=st.sampled_from(list("aeiou sthK'’-.()?,_0123")), max_size=8)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=6).map("".join), st.booleans())
    def holds(text: str, upper: bool) -> None:
        text = text.upper() if upper else text
        if pattern.search(text.lower().replace("’", "'")):
            assert could_hold(gate, text), text

    holds()


def test_clause_bound_never_undercounts(pipeline) -> None:  # type: ignore[no-untyped-def]
    """complex-sentence skips a Doc whose bound is within the limit: the bound must hold for every parse."""
    from askwell.analysis.views import remember_text
    from askwell.rules.kinds import clause_bound, clauses_may_exceed, count_clauses

    texts = [line for path in sorted(EXAMPLES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    texts += ["If you had the time and the money, and if your manager agreed, which workshop that we offer would you "
              "attend, and why would you choose it over the others that colleagues recommended?",
              "We asked (because the survey that you took said so) what you thought. Did it help?", "", "Why?"]
    checked = 0
    for text, doc in zip(texts, pipeline.nlp.pipe(texts)):
        remember_text(doc, text)
        assert clause_bound(doc) >= count_clauses(doc), text
        assert all(clauses_may_exceed(doc, limit) for limit in range(count_clauses(doc))), text
        checked += count_clauses(doc) > 2
    assert checked  # some texts have enough clauses for the bound to matter


def _needled_cases() -> list[tuple[str, object, list[str]]]:
    from askwell.rules.checks.response_options.forced_single_identity import RACE
    from askwell.rules.checks.vague.missing_reference_period import FREQUENCY

    return [("race", RACE, ["race", "Racial", "ETHNICITY", "ethnic", "ancestry", "races", "ra", "ce"]),
            ("frequency", FREQUENCY, ["how", "HOW", "often", "many times", "much time", "many", "days", "ho", "w"])]


@pytest.mark.parametrize("name", ["race", "frequency"])
def test_needled_regexes_match_exactly_as_their_regex(name: str) -> None:
    """The substring gate before RACE and FREQUENCY never hides a match, with case and Unicode folding."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    _, needled, words = next(case for case in _needled_cases() if case[0] == name)
    pieces = st.sampled_from(words) | st.text(alphabet=st.sampled_from(list(" \t\n-_.(e1ſıİKk")), max_size=4)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=8).map("".join), st.booleans())
    def same(text: str, upper: bool) -> None:
        text = text.upper() if upper else text
        want = needled.regex.search(text)  # type: ignore[attr-defined]
        got = needled.search(text)  # type: ignore[attr-defined]
        assert (got and got.span()) == (want and want.span()), repr(text)

    same()
    assert needled.search("Which of these best describes you?") is None  # type: ignore[attr-defined]


def test_required_mark_gate_agrees_with_the_mark_pattern() -> None:
    """required-share looks for a required mark only in texts ending in "*", ")" or "]"."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from askwell.model import OffsetMap, Question
    from askwell.rules.checks.response_options.many_required import MARK, _required

    tails = st.sampled_from(["?*", "? *", " *", "*", "(required)", "[REQUIRED]", "(Required)", "?", ")", "]", "x"])
    space = st.text(alphabet=st.sampled_from([" ", "\t", "\n", "\x1c", "\u00a0", "\u2003", "\x85"]), max_size=3)

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=10), tails, space)
    def agrees(head: str, tail: str, trailing: str) -> None:
        text = head + tail + trailing
        question = Question(text=text, path="q.txt", line=1, column=1, offsets=OffsetMap.at(1, 1))
        assert _required(question) == (True if MARK.search(text) else None), repr(text)

    agrees()


@pytest.mark.parametrize(("text", "better"), [
    ("How clear and accurate were the explanations?",
     "How clear were the explanations? How accurate were the explanations?"),
    ("How would you rate the slides or the handouts?", "How would you rate the slides? How would you rate the handouts?"),
    ("How clear were the slides and the handout?", "How clear were the slides? How clear was the handout?"),
    # Two whole questions or two whole claims joined by "and" are cut at the join.
    ("How fair was the final exam, and was there enough time to finish it?",
     "How fair was the final exam? Was there enough time to finish the final exam?"),
    # The first's own adverb stays with it.
    ("How well organised and relevant was the course?", "How well organised was the course? How relevant was the course?"),
])
def test_double_barreled_items_are_split_and_written_out(lint_text, text: str, better: str) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in lint_text(text) if f.rule == "double-barreled"]
    assert found and found[0].rewrites[:1] == (better,)


def test_a_split_that_brings_a_new_problem_is_not_offered(lint_text) -> None:  # type: ignore[no-untyped-def]
    # Written out, "How engaging were the explanations?" assumes they were engaging (an open
    # item); the split is offered only with that fixed too, by the rule that finds it.
    found = [f for f in lint_text("How clear and engaging were the explanations?") if f.rule == "double-barreled"]
    assert found and found[0].rewrites == (
        "How clear were the explanations? How engaging or unengaging were the explanations?",)


def test_a_sentence_rewrite_keeps_the_rest_of_the_item(lint_text) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in lint_text("We tried a new format this time, with shorter talks. Did it work for you?")
             if f.rule == "closed-question"]
    assert found and found[0].rewrites[0] == (
        "We tried a new format this time, with shorter talks. How well did it work for you?")


def test_a_sentence_rewrite_is_never_shown_as_advice(lint_text) -> None:  # type: ignore[no-untyped-def]
    # The rule rewrote the question sentence; the item's rewrite keeps the sentence before it, and the
    # advice beside it is the rule's own, not the bare sentence.
    found = [f for f in lint_text("Think about the workshop you attended last week. Were the notes helpful?")
             if f.rule == "closed-question"]
    assert found and not found[0].suggestion.endswith("?")


def test_rewrites_fixing_every_problem_come_first(lint_text) -> None:  # type: ignore[no-untyped-def]
    # Two loaded words, one rewrite each; the rewrite of a rewrite fixes both, and comes first for both.
    found = [f for f in lint_text("How satisfied were you with our brilliant and friendly helpers?")
             if f.rule == "loaded-words"]
    assert len(found) == 2
    assert all(f.rewrites[0] == "How satisfied were you with our helpers?" for f in found)


def test_an_unsafe_split_gives_the_advice(lint_text) -> None:  # type: ignore[no-untyped-def]
    # "well" belongs to "organised" alone and "good" to "value": no split reads as English.
    found = [f for f in lint_text("The workshop was well organised and good value for money.")
             if f.rule == "double-barreled"]
    assert found and not found[0].rewrites and not found[0].suggestion.endswith("?")


@pytest.mark.parametrize(("text", "better"), [
    # What comes before the first thing and after the second belongs to both.
    ("How satisfied are you with the content and length of the course?",
     "How satisfied are you with the content of the course? How satisfied are you with the length of the course?"),
    ("How quickly did the helpers notice and fix problems with your laptop?",
     "How quickly did the helpers notice problems with your laptop? "
     "How quickly did the helpers fix problems with your laptop?"),
    ("How confident are you in cleaning and analysing data?",
     "How confident are you in cleaning data? How confident are you in analysing data?"),
    # A statement to rate becomes two statements.
    ("The exercises were challenging but achievable.", "The exercises were challenging. The exercises were achievable."),
])
def test_shared_words_go_to_both_halves(lint_text, text: str, better: str) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in lint_text(text) if f.rule == "double-barreled"]
    assert found and found[0].rewrites[:1] == (better,)


def test_a_participle_pair_keeps_its_own_prepositions(lint_text) -> None:  # type: ignore[no-untyped-def]
    # "informed in decisions" is not English: the shared preposition is the second's; a scene fits both.
    found = [f for f in lint_text("How informed and involved do you feel in decisions about the park?")
             if f.rule == "double-barreled"]
    assert found and not found[0].rewrites
    found = [f for f in lint_text("How safe and welcome did you feel at the meetup?") if f.rule == "double-barreled"]
    assert found and found[0].rewrites[:1] == (
        "How safe did you feel at the meetup? How welcome did you feel at the meetup?",)


def test_every_yes_no_sentence_is_rewritten_together(lint_text) -> None:  # type: ignore[no-untyped-def]
    # Each closed sentence proposes its own; only both rewritten leave no yes/no question.
    found = [f for f in lint_text("Were the instructors knowledgeable? Were they patient?") if f.rule == "closed-question"]
    assert len(found) == 2
    assert all(f.rewrites == ("How knowledgeable were the instructors? How patient were they?",) for f in found)


def test_a_second_judgement_is_not_a_follow_up(lint_text) -> None:  # type: ignore[no-untyped-def]
    # "How useful were the slides?" is a question of its own, not the detail of a yes; "How often?" is.
    assert any(f.rule == "closed-question" for f in lint_text("Were the notes useful? How useful were the slides?"))
    assert not any(f.rule == "closed-question" for f in lint_text("Do you use Git? What for?"))


def test_two_claims_to_rate_become_two_statements(lint_text) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in lint_text("The bus arrived on time and the driver was courteous.", "scale",
                                  ("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"))
             if f.rule == "double-barreled"]
    assert found and found[0].rewrites[:1] == ("The bus arrived on time. The driver was courteous.",)


def test_a_harm_verb_becomes_a_neutral_one(lint_text) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in lint_text("How badly did the noisy building work spoil your visit?") if f.rule == "presupposition"]
    assert found and found[0].rewrites[:1] == ("How, if at all, did the building work affect your visit?",)


def test_no_closed_rewrite_half_splits_a_pair(lint_text) -> None:  # type: ignore[no-untyped-def]
    # "How easy was the check-in fast and?" was offered: a pair of judgements is double-barreled's to split.
    found = [f for f in lint_text("Was the check-in fast and easy?") if f.rule == "closed-question"]
    assert found and not any(" and?" in r for r in found[0].rewrites)
    assert any(f.rule == "double-barreled" for f in lint_text("Was the check-in fast and easy?"))
