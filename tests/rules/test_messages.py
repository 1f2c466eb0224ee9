"""Message variants: templates live in the rule's YAML, checks supply only the values (issue 19)."""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pytest
from askwell import engine
from askwell.cache import _hit_from
from askwell.config import active_rules
from askwell.engine import Engine, to_finding
from askwell.errors import ConfigError
from askwell.model import Choice, Hit, OffsetMap, Question
from askwell.rules.checks import CHECK_MODULES
from askwell.rules.messages import fill, mismatches, placeholders
from askwell.rules.packs import check_messages, load_packs, load_rules, parse_rule

RULES = load_rules()
VALUES = {v.id for v in load_packs().values}


def _module(rule: Any) -> Any:
    return importlib.import_module(CHECK_MODULES[rule.spec["check"]])


WITH_VARIANTS = [r for r in RULES if r.kind == "check" and hasattr(_module(r), "MESSAGES")]


def _raw(**extra: Any) -> dict[str, Any]:
    """A valid coded rule as it would be read from its YAML file, plus ``extra`` keys."""
    raw = {"id": "demo", "category": "structure", "severity": "info", "values": [sorted(VALUES)[0]],
           "kind": "check", "check": "not_a_question", "message": "Default message.",
           "why": "Respondents cannot tell what the item asks of them at all.",
           "examples": {"bad": ["Workshop"], "good": ["What did you learn?"]}}
    raw.update(extra)
    return raw


# -- the rule files and the check modules agree ---------------------------------------------------


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "check"], ids=lambda r: r.id)
def test_rule_templates_match_what_its_check_fills(rule: Any) -> None:
    check_messages(rule, getattr(_module(rule), "MESSAGES", {}))


def test_the_converted_checks_write_no_message_text_of_their_own() -> None:
    """Every check of response-options, structure, negative and length yields variants, not text.

    gapped-ranges and overlapping-ranges too: askwell.analysis.options gives a RangeProblem's
    variant and values, and their sentences are in the rules' YAML.
    """
    root = Path(engine.__file__).parent / "rules" / "checks"
    leftover = []
    for folder in ("response_options", "structure", "negative", "length"):
        for path in sorted((root / folder).glob("*.py")):
            if "message=" in path.read_text(encoding="utf-8"):
                leftover.append(path.stem)
    assert leftover == []


def test_every_variant_a_check_yields_is_declared_with_exactly_its_values(
        pipeline: Any, default_config: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each rule with variants on its bad examples (one survey per rule) and inspect every hit."""
    seen: list[tuple[str, Hit]] = []

    def spy(active: Any, question: Question, hit: Hit) -> Any:
        seen.append((active.rule.id, hit))
        return to_finding(active, question, hit)

    monkeypatch.setattr(engine, "to_finding", spy)
    for rule in WITH_VARIANTS:
        # rejected-term's example needs the word list its example config gives (as test_rule_examples does).
        config = replace(default_config, select=(rule.id,), reject=("utilize",))
        questions = tuple(
            Question(text=ex.text, path="t.yaml", line=i + 1, column=1, offsets=OffsetMap.at(i + 1, 1), type=ex.type,
                     choices=tuple(Choice(c) for c in ex.choices))
            for i, ex in enumerate(rule.bad))
        Engine(config, active_rules(config), pipeline).run([("t.yaml", questions)])
    assert {rid for rid, _ in seen} >= {r.id for r in WITH_VARIANTS if r.messages}
    declared = {r.id: _module(r).MESSAGES for r in WITH_VARIANTS}
    for rid, hit in seen:
        if hit.variant is None:
            continue
        assert hit.variant in declared[rid], (rid, hit.variant)
        assert {k for k, _ in hit.fields} == set(declared[rid][hit.variant]), (rid, hit)


# -- strict validation of the rule files ----------------------------------------------------------


@pytest.mark.parametrize(("messages", "key", "says"), [
    ({"Binary Options": "Only two."}, "messages.Binary Options", "kebab-case"),
    ({"two": "First line.\nSecond line."}, "messages.two", "one-line"),
    ({"two": ""}, "messages.two", "non-empty"),
    ({"two": "Only {}."}, "messages.two", "plain name"),
    ({"two": "Only {option.text}."}, "messages.two", "plain name"),
    ({"two": "Only {option[0]}."}, "messages.two", "plain name"),
    ({"two": "Only {option!x}."}, "messages.two", "!r and !s"),
    ({"two": "Only {option:{width}}."}, "messages.two", "another placeholder"),
    ({"two": "Only {option."}, "messages.two", "bad template"),
    (["two"], "messages", "must map"),
])
def test_bad_templates_are_config_errors_naming_file_and_key(messages: Any, key: str, says: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_rule(_raw(messages=messages), "rules/structure/demo.yaml", VALUES)
    assert err.value.path == "rules/structure/demo.yaml" and err.value.key == key
    assert says in str(err.value)


def test_only_coded_rules_take_message_variants() -> None:
    raw = _raw(kind="phrase", phrases=["workshop"], messages={"two": "Only two."})
    del raw["check"]
    with pytest.raises(ConfigError, match="unknown key for a phrase rule") as err:
        parse_rule(raw, "rules/structure/demo.yaml", VALUES)
    assert err.value.key == "messages"


def test_a_variant_the_check_does_not_have_is_an_error_with_a_close_match() -> None:
    rule = parse_rule(_raw(messages={"heading": "A heading.", "statment": "A statement."}), "rules/x.yaml", VALUES)
    with pytest.raises(ConfigError, match=r"no such message variant \(did you mean 'statement'\?\)") as err:
        check_messages(rule, {"heading": (), "statement": ()})
    assert (err.value.path, err.value.key) == ("rules/x.yaml", "messages.statment")


def test_a_placeholder_the_check_does_not_supply_is_an_error() -> None:
    rule = parse_rule(_raw(messages={"heading": "'{item}' is a heading."}), "rules/x.yaml", VALUES)
    with pytest.raises(ConfigError, match=r"does not supply \{item\}") as err:
        check_messages(rule, {"heading": ("text",)})
    assert err.value.key == "messages.heading"


def test_a_variant_the_check_yields_without_a_template_is_an_error() -> None:
    rule = parse_rule(_raw(messages={"heading": "A heading."}), "rules/x.yaml", VALUES)
    with pytest.raises(ConfigError, match="no template for it") as err:
        check_messages(rule, {"heading": (), "statement": ()})
    assert err.value.key == "messages.statement"


def test_a_rule_folder_with_a_wrong_template_fails_when_its_check_is_built(tmp_path: Path, pipeline: Any) -> None:
    """A user's edited rule pack fails as a config error (exit 2), not as a KeyError mid-run."""
    from askwell.rules.kinds import build

    rule = parse_rule(_raw(messages={"heading": "A {kind} heading.", "breaks-off": "x", "statement": "y"}),
                      str(tmp_path / "demo.yaml"), VALUES)
    with pytest.raises(ConfigError, match=r"messages.heading: the check does not supply \{kind\}"):
        build(rule, pipeline.nlp)


# -- filling -------------------------------------------------------------------------------------


def test_templates_format_the_values_the_check_gives() -> None:
    template = "{required} of {counted} questions ({share:.0%}) are required; it says it {stated!r}."
    assert placeholders(template) == ("required", "counted", "share", "stated")
    assert fill(template, (("required", 3), ("counted", 4), ("share", 0.75), ("stated", "takes 2 minutes"))) \
        == "3 of 4 questions (75%) are required; it says it 'takes 2 minutes'."
    assert mismatches({"a": "{x}"}, {"a": ("x", "y")}) == []  # a value the template leaves out is fine


def test_the_engine_fills_the_variant_else_keeps_the_message_or_the_default(default_config: Any) -> None:
    active = next(a for a in active_rules(replace(default_config, select=("all",))) if a.rule.id == "missing-other")
    q = Question(text="Which tool?", path="t.txt", line=1, column=1, offsets=OffsetMap.at(1, 1), type="single",
                 choices=(Choice("R"), Choice("Python")))
    filled = to_finding(active, q, Hit.saying("no-other", 0, 6, choice=1, count=2))
    assert filled.message == "2 named options cannot cover every answer, and there is no 'Other (please specify)'."
    assert to_finding(active, q, Hit(0, 5, message="Own text.")).message == "Own text."  # older checks still work
    assert to_finding(active, q, Hit(0, 5)).message == active.rule.message


def test_variants_and_values_survive_the_result_cache() -> None:
    hit = Hit.saying("share", 0, 9, choice=2, suggestion="Fewer.", required=3, counted=4, share=0.75, stated="x")
    assert _hit_from(json.loads(json.dumps(asdict(hit)))) == hit

