"""SARIF: valid against the official 2.1.0 schema, rules from the rule docs, positions and fixes right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from askwell.model import Report
from askwell.reporters.sarif import SarifReporter, artifact_location
from askwell.rules.packs import load_rules

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
# Characters RFC 3986 allows in a URI reference (the schema's "uri-reference" format is not
# checked by jsonschema without optional packages, so check it here).
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


@pytest.fixture(scope="module")
def log(report: Report) -> dict:
    return json.loads(SarifReporter().render(report))


def test_valid_against_official_schema(log: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)
    assert validator_cls is jsonschema.Draft4Validator  # the schema declares draft-04
    validator_cls.check_schema(schema)
    errors = sorted(validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_rules_are_every_rule_and_indexes_match(log: dict) -> None:
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in load_rules()]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    dismissive = next(r for r in rules if r["id"] == "dismissive-words")
    assert "{" not in dismissive["shortDescription"]["text"] and "…" in dismissive["shortDescription"]["text"]
    assert dismissive["properties"]["tags"] == ["dismissive", "empower-one-another"]
    assert dismissive["defaultConfiguration"]["level"] == "warning"
    assert {r["defaultConfiguration"]["level"] for r in rules} <= {"error", "warning", "note"}


def test_results_levels_and_locations(log: dict, report: Report) -> None:
    results = log["runs"][0]["results"]
    findings = [f for r in report.placed() for f in r.findings]
    assert len(results) == len(findings)
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    for result, finding in zip(results, findings):
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert URI_CHARS.match(location["artifactLocation"]["uri"])
        assert location["region"] == {"startLine": finding.line, "startColumn": finding.column,
                                      "endLine": finding.end_line, "endColumn": finding.end_column}
        better = finding.rewrites[0] if finding.rewrites else finding.suggestion
        if better:
            assert result["message"]["text"].endswith(better.strip())
    multi_line = [r for r in results if r["locations"][0]["physicalLocation"]["region"]["endLine"] == 4
                  and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/feedback.md"]
    assert multi_line and multi_line[0]["ruleId"] == "double-barreled"


def test_fix_maps_to_the_file(log: dict) -> None:
    """Applying the deletedRegion to the fixture file gives the rule's rewritten question."""
    here = Path(__file__).resolve().parent
    fixed = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert fixed
    for result in fixed:
        change = result["fixes"][0]["artifactChanges"][0]
        (replacement,) = change["replacements"]
        region = replacement["deletedRegion"]
        assert region["startLine"] == region["endLine"]
        lines = (here / change["artifactLocation"]["uri"]).read_text(encoding="utf-8").split("\n")
        line = lines[region["startLine"] - 1]
        new = line[: region["startColumn"] - 1] + replacement["insertedContent"]["text"] + line[region["endColumn"] - 1:]
        assert len(new) < len(line)
        assert result["fixes"][0]["description"]["text"].startswith("Delete ")


def test_no_fix_across_markup(log: dict) -> None:
    """``**simply**`` in Markdown: the fix's text offsets do not map to one stretch of the file."""
    md = [r for r in log["runs"][0]["results"]
          if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/feedback.md"
          and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 6]
    assert md and "fixes" not in md[0]


def test_input_errors_are_notifications(log: dict) -> None:
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    broken = next(n for n in notes if "broken" in n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert broken["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 7}


def test_clean_run_is_successful(one_question) -> None:  # type: ignore[no-untyped-def]
    log = json.loads(SarifReporter().render(one_question("What would you change?", [])))
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    assert log["runs"][0]["results"] == []


def test_artifact_locations() -> None:
    assert artifact_location("surveys/a b.yaml") == {"uri": "surveys/a%20b.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("<text>")["uri"] == "%3Ctext%3E"
    assert artifact_location("/srv/s.md") == {"uri": "file:///srv/s.md"}
