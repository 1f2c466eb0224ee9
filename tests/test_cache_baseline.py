"""The result cache (hits, invalidation, corruption) and baselines (moved vs edited questions)."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from askwell import cache as cache_mod
from askwell import run
from askwell.cli import main
from askwell.config import active_rules, load
from askwell.engine import Engine
from askwell.nlp import Pipeline
from askwell.rules.packs import data_dir

DRAFT = "Don't you agree the workshop was great?\nAny questions?\nHow would you rate the pace of the workshop?\n"


def _run(tmp_path: Path, pipeline: Pipeline, config=None):  # type: ignore[no-untyped-def]
    config = config or load(None)
    inputs = run.gather([str(tmp_path / "q.txt")], config)
    cache = cache_mod.Cache(tmp_path, config)
    checked = run.check(inputs, Engine(config, active_rules(config), pipeline), cache)
    return cache, checked


def test_second_run_is_served_from_cache(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "q.txt").write_text(DRAFT)
    first, checked1 = _run(tmp_path, pipeline)
    assert (first.hits, first.misses) == (0, 1)
    second, checked2 = _run(tmp_path, pipeline)
    assert (second.hits, second.misses) == (1, 0)
    assert [c.findings for c in checked1] == [c.findings for c in checked2]


def test_moved_lines_keep_positions_right_from_cache(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "q.txt").write_text(DRAFT)
    _run(tmp_path, pipeline)
    (tmp_path / "q.txt").write_text("\n\n" + DRAFT)  # same questions, two lines lower
    second, checked = _run(tmp_path, pipeline)
    assert second.hits == 1
    assert checked[0].findings[0].line == 3


def test_config_change_invalidates(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "q.txt").write_text(DRAFT)
    _run(tmp_path, pipeline)
    changed = replace(load(None), rules={"long-question": {"max": 5}})
    second, _ = _run(tmp_path, pipeline, changed)
    assert (second.hits, second.misses) == (0, 1)


def test_rule_data_change_changes_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(data_dir(), copy)
    before = cache_mod.rules_digest(copy)
    target = next(copy.glob("closed/*.yaml"))
    target.write_text(target.read_text() + "\n# edited\n")
    assert cache_mod.rules_digest(copy) != before


def test_corrupt_or_foreign_cache_is_ignored(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "q.txt").write_text(DRAFT)
    folder = tmp_path / cache_mod.DIRNAME
    folder.mkdir()
    for junk in ("{not json", json.dumps({"format": 1, "fingerprint": "x", "entries": {"k": 3}}),
                 json.dumps([1, 2, 3])):
        (folder / "results.json").write_text(junk)
        c, checked = _run(tmp_path, pipeline)
        assert c.hits == 0 and any(f.rule == "agreement-seeking" for f in checked[0].findings)
    # ...and was rebuilt as a valid cache.
    assert json.loads((folder / "results.json").read_text())["format"] == cache_mod.FORMAT


def test_cli_no_cache_writes_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.txt").write_text(DRAFT)
    CliRunner().invoke(main, ["check", "--no-cache", "q.txt"])
    assert not (tmp_path / cache_mod.DIRNAME).exists()
    CliRunner().invoke(main, ["check", "q.txt"])
    assert (tmp_path / cache_mod.DIRNAME / "results.json").exists()


def test_baseline_moved_question_stays_known_edited_one_is_new(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.txt").write_text(DRAFT)
    result = CliRunner().invoke(main, ["check", "--no-cache", "q.txt", "--write-baseline", "base.json"])
    assert result.exit_code == 0 and "recorded" in result.stderr
    (tmp_path / "q.txt").write_text("How would you rate the pace of the workshop?\n" + DRAFT.split("\n", 1)[0] + "\nAny questions?\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "q.txt", "--baseline", "base.json", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["findings"] == 0
    (tmp_path / "q.txt").write_text("Don't you agree the workshop was really great?\nAny questions?\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "q.txt", "--baseline", "base.json", "--format", "json"])
    assert result.exit_code == 1
    by_text = {q["text"]: [f["rule"] for f in q["findings"]] for q in json.loads(result.stdout)["questions"]}
    # The edited question's findings are all new; the unchanged one's stay known to the baseline.
    assert "agreement-seeking" in by_text["Don't you agree the workshop was really great?"]
    assert by_text["Any questions?"] == []


def test_broken_baseline_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text("[]")
    result = CliRunner().invoke(main, ["check", "--baseline", str(tmp_path / "base.json"), "--text", "Any questions?"])
    assert result.exit_code == 2 and "not an askwell baseline" in result.stderr


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_recalled_questions_equal_freshly_extracted_ones(tmp_path: Path) -> None:
    from askwell import sources

    config = load(None)
    cache = cache_mod.Cache(tmp_path, config)
    files = [p for p in sorted(EXAMPLES.rglob("*")) if p.is_file() and sources.supported(p)]
    assert {p.suffix for p in files} >= {".txt", ".md", ".yaml", ".xlsx", ".json", ".qsf"}
    for path in files:
        fresh = sources.load(path)
        cache.remember(fresh.path, path.read_bytes(), fresh.questions)
    cache.save()
    reopened = cache_mod.Cache(tmp_path, config)
    for path in files:
        fresh = sources.load(path)
        assert reopened.recall(fresh.path, path.read_bytes()) == fresh.questions, path


def test_unchanged_file_is_not_parsed_again(tmp_path: Path, pipeline: Pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from askwell import sources

    shutil.copy(EXAMPLES / "xlsform" / "form.xlsx", tmp_path / "form.xlsx")
    config = load(None)

    def lint():  # type: ignore[no-untyped-def]
        cache = cache_mod.Cache(tmp_path, config)
        inputs = run.gather([str(tmp_path / "form.xlsx")], config, memo=cache)
        return run.report(inputs, run.check(inputs, Engine(config, active_rules(config), pipeline), cache), config)

    first = lint()

    def refuse(*args: object) -> None:
        raise AssertionError("extractor called for an unchanged file")

    monkeypatch.setattr(sources, "extract", refuse)
    assert lint().results == first.results
    # Changed bytes are parsed again (and the refusing extractor shows up as an error).
    (tmp_path / "form.xlsx").write_bytes((tmp_path / "form.xlsx").read_bytes() + b"\0")
    with pytest.raises(AssertionError, match="extractor called"):
        lint()


def test_csv_surveys_are_reparsed_because_they_read_a_sibling_choices_file(tmp_path: Path) -> None:
    from askwell import sources

    (tmp_path / "survey.csv").write_text("type,name,label\nselect_one yn,q1,Did you attend?\n")
    (tmp_path / "choices.csv").write_text("list_name,name,label\nyn,y,Yes\nyn,n,No\n")
    cache = cache_mod.Cache(tmp_path, load(None))
    first = sources.load(tmp_path / "survey.csv", memo=cache)
    assert [c.text for c in first.questions[0].choices] == ["Yes", "No"]
    (tmp_path / "choices.csv").write_text("list_name,name,label\nyn,y,Yes\nyn,n,No\nyn,m,Maybe\n")
    second = sources.load(tmp_path / "survey.csv", memo=cache)
    assert [c.text for c in second.questions[0].choices] == ["Yes", "No", "Maybe"]


def _fresh_copy(tmp_path: Path) -> Path:
    # A folder of its own, so that an edit does not touch the shipped packs.
    copy = tmp_path / "rules"
    shutil.copytree(data_dir(), copy)
    return copy


def test_pack_snapshot_gives_the_same_rules_without_parsing_yaml(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from askwell.rules import packs

    parsed = packs.load_rules(_fresh_copy(tmp_path), cache_mod.PackSnapshot(tmp_path))
    cache_mod.PackSnapshot(tmp_path).save()  # nothing read or added: writes nothing
    assert not (tmp_path / cache_mod.DIRNAME).exists()
    first = cache_mod.PackSnapshot(tmp_path)
    again = packs.load_rules(tmp_path / "rules", first)
    first.save()
    assert json.loads((tmp_path / cache_mod.DIRNAME / "packs.json").read_text())["files"]

    def no_yaml(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed YAML although the snapshot had the file")

    shipped = packs.load_rules()
    monkeypatch.setattr(packs.yaml, "load", no_yaml)
    from_snapshot = packs.load_rules(tmp_path / "rules", cache_mod.PackSnapshot(tmp_path))
    assert from_snapshot == again == parsed
    assert len(from_snapshot) == len(shipped)


def test_pack_snapshot_reparses_an_edited_file_and_drops_its_old_entry(tmp_path: Path) -> None:
    from askwell.rules import packs

    copy = _fresh_copy(tmp_path)
    snap = cache_mod.PackSnapshot(tmp_path)
    packs.load_rules(copy, snap)
    snap.save()
    before = set(json.loads((tmp_path / cache_mod.DIRNAME / "packs.json").read_text())["files"])
    target = copy / "closed" / "closed-question.yaml"
    old_key = hashlib.sha256(target.read_bytes()).hexdigest()
    assert old_key in before
    target.write_text(target.read_text().replace("message:", "message: EDITED", 1))
    snap = cache_mod.PackSnapshot(tmp_path)
    rules = {r.id: r for r in packs.load_rules(copy, snap)}
    assert rules["closed-question"].message.startswith("EDITED")
    snap.save()
    after = set(json.loads((tmp_path / cache_mod.DIRNAME / "packs.json").read_text())["files"])
    assert len(after - before) == 1 and old_key not in after


def test_pack_snapshot_ignores_junk_and_never_stores_what_json_would_change(tmp_path: Path) -> None:
    import datetime

    folder = tmp_path / cache_mod.DIRNAME
    folder.mkdir()
    for junk in ("{not json", "[1, 2]", json.dumps({"format": cache_mod.FORMAT, "files": [1]})):
        (folder / "packs.json").write_text(junk)
        assert cache_mod.PackSnapshot(tmp_path).entries == {}
    snap = cache_mod.PackSnapshot(tmp_path)
    snap.put("a", {"when": datetime.date(2026, 1, 1)})
    snap.put("b", {1: "integer key"})
    snap.put("c", {"fine": [1, 2.5, None, True, "x"]})
    assert snap.get("a") == (False, None) and snap.get("b") == (False, None)
    assert snap.get("c") == (True, {"fine": [1, 2.5, None, True, "x"]})


def test_cli_writes_the_pack_snapshot_beside_the_results(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.txt").write_text(DRAFT)
    first = CliRunner().invoke(main, ["check", "q.txt", "--format", "json"])
    assert (tmp_path / cache_mod.DIRNAME / "packs.json").exists()
    second = CliRunner().invoke(main, ["check", "q.txt", "--format", "json"])
    assert first.output == second.output and first.exit_code == second.exit_code == 1


def test_two_check_runs_in_one_process_keep_the_pack_snapshot(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Each run parses its own packs through the snapshot: the second must write what the first did
    # (it once shared a process-wide table, read nothing through the snapshot and emptied it).
    survey = tmp_path / "s.txt"
    survey.write_text("How did the workshop go for you?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    snapshots = []
    for _ in range(2):
        result = CliRunner().invoke(main, ["check", str(survey), "--format", "json"])
        assert result.exit_code == 0, result.output
        path = tmp_path / cache_mod.DIRNAME / "packs.json"
        snapshots.append(json.loads(path.read_text())["files"])
    assert snapshots[0] and snapshots[1] == snapshots[0]
