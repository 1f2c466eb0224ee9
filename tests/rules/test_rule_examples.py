"""Every rule's examples are its first tests: each bad example fires the rule, no good one does."""

from __future__ import annotations

import pytest

from askwell.rules.packs import load_rules

RULES = load_rules()


def findings_for(rule_id, example, lint_text, default_config):  # type: ignore[no-untyped-def]
    """Lint one example with only its rule selected; policy rules run the whole pipeline on a .txt draft."""
    from dataclasses import replace

    config = replace(default_config, select=(rule_id,), reject=("utilize",))
    rule = next(r for r in RULES if r.id == rule_id)
    if rule.kind != "policy":
        return lint_text(example.text, example.type, example.choices, config=config)
    from askwell import run
    from askwell.config import active_rules
    from askwell.engine import Engine

    everything = replace(default_config, select=("all",), reject=("utilize",))
    inputs = run.gather([], everything, texts=[example.text])
    engine = Engine(everything, active_rules(everything), lint_text.pipeline)
    report = run.report(inputs, run.check(inputs, engine), everything)
    return [f for r in report.results for f in r.findings]
BAD = [(r.id, ex) for r in RULES for ex in r.bad]
GOOD = [(r.id, ex) for r in RULES for ex in r.good]


@pytest.mark.parametrize(("rule_id", "example"), BAD, ids=[f"{r}-bad-{i}" for i, (r, _) in enumerate(BAD)])
def test_bad_example_fires(rule_id, example, lint_text, default_config):  # type: ignore[no-untyped-def]
    found = findings_for(rule_id, example, lint_text, default_config)
    assert any(f.rule == rule_id for f in found), f"{rule_id} did not fire on bad example {example.text!r}"


@pytest.mark.parametrize(("rule_id", "example"), GOOD, ids=[f"{r}-good-{i}" for i, (r, _) in enumerate(GOOD)])
def test_good_example_is_clean(rule_id, example, lint_text, default_config):  # type: ignore[no-untyped-def]
    found = [f for f in findings_for(rule_id, example, lint_text, default_config) if f.rule == rule_id]
    assert not found, f"{rule_id} fired on good example {example.text!r}: {[f.message for f in found]}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule):  # type: ignore[no-untyped-def]
    assert rule.bad and rule.good, "needs bad and good examples"
    assert rule.message and rule.why and len(rule.why.split()) >= 8, "needs a message and a why of a sentence or more"
    assert rule.references, "needs at least one reference"
    assert rule.suggestion, "needs a suggestion (a better question or phrase)"
    assert rule.values, "needs the core values it serves"
