"""Word lists and thresholds live in a rule's YAML options and a project's config overrides them (issue 19)."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from askwell.config import active_rules, load
from askwell.engine import Engine
from askwell.errors import ConfigError
from askwell.model import OffsetMap, Question

# The checks whose word lists moved to their YAML, and whose messages come from it.
ROOT = Path(__file__).resolve().parents[2] / "src" / "askwell" / "rules" / "checks"
FOLDERS = ("leading", "closed", "double_barreled", "jargon", "hypothetical", "absolute", "sensitive")


def _rules_fired(config: Any, pipeline: Any, rule_id: str, text: str) -> list[str]:
    """The messages ``rule_id`` gives on ``text`` under ``config``."""
    config = replace(config, select=(rule_id,))
    question = Question(text=text, path="t.txt", line=1, column=1, offsets=OffsetMap.at(1, 1))
    engine = Engine(config, active_rules(config), pipeline)
    return [f.message for checked in engine.run([("t.txt", (question,))]) for f in checked.findings]


def _config(tmp_path: Path, body: str) -> Any:
    path = tmp_path / ".askwell.yaml"
    path.write_text(body, encoding="utf-8")
    return load(path)


def test_a_reason_added_to_the_list_in_a_config_file_clears_a_sensitive_question(tmp_path: Path, pipeline: Any) -> None:
    text = "For our records only, what is your household income?"
    assert _rules_fired(load(None), pipeline, "sensitive-topic", text)
    config = _config(tmp_path, "rules:\n  sensitive-topic:\n    reasons: [for our records, we ask]\n")
    assert _rules_fired(config, pipeline, "sensitive-topic", text) == []


def test_the_crowd_threshold_from_a_config_file_decides_whether_a_head_count_frames(tmp_path: Path,
                                                                                      pipeline: Any) -> None:
    text = "Over 300 residents have already signed the petition. Do you support the new cycle lane?"
    assert _rules_fired(load(None), pipeline, "framing", text)
    config = _config(tmp_path, "rules:\n  framing:\n    crowd: 500\n")
    assert _rules_fired(config, pipeline, "framing", text) == []


def test_a_moved_list_of_the_wrong_shape_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        _config(tmp_path, "rules:\n  double-barreled:\n    choice_words: which\n")
    assert err.value.key == "rules.double-barreled.choice_words"


def test_these_checks_write_no_message_text_of_their_own() -> None:
    """No Hit of these checks carries its own message: each is a template in the rule's YAML or its default."""
    leftover = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Hit" and (
                        len(node.args) > 2 or any(k.arg == "message" for k in node.keywords)):
                    leftover.append(f"{path.stem}:{node.lineno}")
    assert leftover == []


@pytest.mark.parametrize(("rule_id", "text", "override", "fires_after"), [
    # A lead-in the community uses to make the less flattering answer easy clears the item.
    ("socially-desirable", "Between us, did you vote in the last local election?", "face_saving: [between us]", False),
    # "install" asks for a judgement once it is a verb of opinion: "everyone" becomes a bar to clear.
    ("absolute-terms", "Did everyone install the software before the workshop?", "opinion_verbs: [install]", True),
    # Without "envision" among the scenario verbs, the item sets up no imagined situation.
    ("hypothetical-behaviour", "Envision a rainy day. What would you teach first?", "scenario_verbs: [imagine]",
     False),
    # A later sentence with a follow-up verb asks for the detail, so the yes/no question is open after all.
    ("closed-question", "Was the pace right for you? Please comment.", "follow_up_verbs: [comment]", False),
])
def test_the_remaining_word_lists_are_overridden_from_a_config_file(
        tmp_path: Path, pipeline: Any, rule_id: str, text: str, override: str, fires_after: bool) -> None:
    """hypothetical-behaviour, absolute-terms, socially-desirable and closed-question read their lists from options."""
    assert bool(_rules_fired(load(None), pipeline, rule_id, text)) is not fires_after
    config = _config(tmp_path, f"rules:\n  {rule_id}:\n    {override}\n")
    assert bool(_rules_fired(config, pipeline, rule_id, text)) is fires_after
