"""The askwell YAML survey format: questions, exact positions, strict validation, safety."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from askwell.errors import InputError, InputErrors, NotASurvey
from askwell.sources import extract as extract_by_suffix
from askwell.sources import survey_yaml
from askwell.sources.survey_yaml import extract

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "feedback-survey.yaml"
SCHEMA = ROOT / "src" / "askwell" / "sources" / "survey.schema.json"


LOADERS = ["python"] + (["libyaml"] if survey_yaml._C_LOADER is not None else [])


@pytest.fixture(params=LOADERS, autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with the pure-Python composer and, where installed, with libyaml."""
    if request.param == "python":
        monkeypatch.setattr(survey_yaml, "_C_LOADER", None)
    return request.param


def _find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line/column of the ``nth`` occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _char_at(text: str, line: int, column: int) -> str:
    return text.split("\n")[line - 1][column - 1]


# -- the example survey -------------------------------------------------------------


def test_example_survey_reads_in_order_with_sections() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    qs = extract(text, "examples/feedback-survey.yaml")
    assert [q.id for q in qs] == ["pace", "instructors", "liked", "comfort", "tools", "change", "anything-else"]
    assert [q.type for q in qs] == ["scale", "single", "yes-no", "scale", "multiple", "open", "open"]
    assert {q.title for q in qs} == {"Post-workshop feedback"}
    assert [q.section for q in qs][:4] == ["About the sessions"] * 4
    assert qs[-1].section == "Looking ahead"
    assert qs[0].required is True and qs[1].required is None and qs[-1].required is False
    assert all(q.path == "examples/feedback-survey.yaml" for q in qs)
    assert [c.text for c in qs[2].choices] == ["Yes", "No"]


def test_example_positions_are_exact() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    qs = extract(text, "x.yaml")
    pace = qs[0]
    assert (pace.line, pace.column) == _find(text, "How would you rate the pace") == (10, 15)
    assert (pace.choices[0].line, pace.choices[0].column) == _find(text, "Much too slow")
    assert (pace.choices[2].line, pace.choices[2].column) == _find(text, "About right")
    # every character of every question sits where the map says (folded breaks aside)
    for q in qs:
        for i, ch in enumerate(q.text):
            line, column = q.position(i)
            if ch != " ":
                assert _char_at(text, line, column) == ch, (q.id, i)


def test_folded_text_maps_late_characters_to_their_line() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    comfort = extract(text, "x.yaml")[3]
    assert comfort.text.startswith("How comfortable did you feel asking questions during the sessions")
    assert (comfort.line, comfort.column) == _find(text, "How comfortable") == (24, 11)
    late = comfort.text.index("shared notes")
    assert comfort.position(late) == _find(text, "shared notes") == (25, 55)
    assert comfort.position(comfort.text.index("during")) == (25, 11)


def test_inline_ignore_comment_is_recorded() -> None:
    text = """title: Inline
questions:
  - id: plain
    text: How would you rate the pace?
  - id: waived
    text: Any other comments?  # askwell: ignore[closed]
"""
    qs = extract(text, "x.yaml")
    assert qs[-1].ignore == frozenset({"closed"})
    assert qs[0].ignore == frozenset()


# -- scalar styles ---------------------------------------------------------------------

STYLES = """\
title: Styles
questions:
  - id: plain
    text: A plain question
      that continues here?
  - id: single
    text: 'It''s a quoted one?'
  - id: double
    text: "Caf\\u00e9 or \\"tea\\" today?"
  - id: literal
    text: |
      First line of a literal block
      and its second line?
  - id: tagged
    text: !!str &anchor Tagged and anchored?
"""


def test_scalar_styles_positions() -> None:
    qs = {q.id: q for q in extract(STYLES, "s.yaml")}
    plain = qs["plain"]
    assert plain.text == "A plain question that continues here?"
    assert (plain.line, plain.column) == (4, 11)
    assert plain.position(plain.text.index("that")) == (5, 7)

    single = qs["single"]
    assert single.text == "It's a quoted one?"
    assert (single.line, single.column) == (7, 12)  # after the quote
    assert single.position(single.text.index("s a")) == (7, 16)  # '' counts as two source chars

    double = qs["double"]
    assert double.text == 'Café or "tea" today?'
    assert (double.line, double.column) == (9, 12)
    assert double.position(3) == (9, 15)  # the é is the escape \u00e9
    assert double.position(double.text.index("or")) == (9, 22)

    literal = qs["literal"]
    assert literal.text == "First line of a literal block\nand its second line?"
    assert (literal.line, literal.column) == (12, 7)  # the first content line, not the '|'
    assert literal.position(literal.text.index("and")) == (13, 7)

    tagged = qs["tagged"]
    assert tagged.text == "Tagged and anchored?"
    assert (tagged.line, tagged.column) == (15, 25)


def test_choices_keep_their_text_as_written() -> None:
    qs = extract("questions:\n  - text: Ready?\n    type: yes-no\n    choices:\n      - Yes\n      - No\n      - 3\n",
                 "c.yaml")
    assert [(c.text, c.line, c.column) for c in qs[0].choices] == [("Yes", 5, 9), ("No", 6, 9), ("3", 7, 9)]


def test_ignore_key_and_comment_forms() -> None:
    src = """\
questions:
  - text: First?  # askwell: ignore[vague-quantifier, closed]
    ignore: [long-question]
  - text: Second?  # askwell: ignore
  - text: >  # askwell: ignore[jargon]
      Third?
  - text: Fourth?
    ignore: leading
"""
    qs = extract(src, "i.yaml")
    assert qs[0].ignore == frozenset({"vague-quantifier", "closed", "long-question"})
    assert qs[1].ignore == frozenset({"all"})
    assert qs[2].ignore == frozenset({"jargon"})
    assert qs[3].ignore == frozenset({"leading"})


def test_bare_string_questions_and_defaults() -> None:
    qs = extract("questions:\n  - What went well?\n  - text: What could be better?\n", "b.yaml")
    assert [(q.text, q.type, q.line, q.column, q.id) for q in qs] == [
        ("What went well?", "open", 2, 5, None), ("What could be better?", "open", 3, 11, None)]


def test_registered_by_suffix() -> None:
    data = "questions:\n  - text: Hello?\n".encode()
    assert extract_by_suffix(data, "a.yml", ".yml")[0].text == "Hello?"
    assert extract_by_suffix(data, "a.YAML", ".YAML")[0].line == 2


# -- errors --------------------------------------------------------------------------------


def _error(src: str) -> InputError:
    with pytest.raises(InputError) as info:
        extract(src, "bad.yaml")
    return info.value


def test_bad_yaml_reports_line_and_column() -> None:
    err = _error("title: x\nquestions:\n  - text: fine\n   bad: [1, 2\n")
    assert err.path == "bad.yaml"
    assert err.line is not None and err.line >= 4
    assert err.detail.startswith("invalid YAML: ")
    assert "\n" not in str(err)


def test_bad_yaml_mapping_error_position() -> None:
    err = _error("questions:\n  - text: a: b\n")
    assert (err.line, err.column) == (2, 12)
    assert err.detail.startswith("invalid YAML: mapping values are not allowed")


def test_unknown_key_suggests_close_match() -> None:
    err = _error("questions:\n  - id: a\n    txt: How?\n")
    assert err.detail.startswith("questions[0]: unknown key 'txt' (did you mean 'text'?)")
    assert (err.line, err.column) == (3, 5)


def test_unknown_top_level_key() -> None:
    err = _error("titel: S\nquestions: []\n")
    assert "unknown top-level key 'titel' (did you mean 'title'?)" in err.detail
    assert err.line == 1


def test_bad_type_suggests_close_match() -> None:
    err = _error("questions:\n  - text: a\n  - text: b\n  - text: c\n    type: scal\n")
    assert err.detail == ("questions[2].type: 'scal' is not one of open, single, multiple, scale, yes-no "
                          "(did you mean 'scale'?)")
    assert (err.line, err.column) == (5, 11)


@pytest.mark.parametrize(("src", "message", "line"), [
    ("questions:\n  - id: a\n", "questions[0]: missing 'text'", 2),
    ("questions:\n  - text: [a, b]\n", "questions[0].text: expected a string, got a list", 2),
    ("questions:\n  - text:\n", "questions[0].text: expected a string, got nothing (null)", 2),
    ("questions:\n  - text: ''\n", "questions[0].text: is empty", 2),
    ("questions:\n  - text: a\n    required: maybe\n", "questions[0].required: expected true or false", 3),
    ("questions:\n  - text: a\n    choices: Yes\n", "questions[0].choices: expected a list, got a boolean", 3),
    ("questions:\n  - text: a\n    choices: [{x: 1}]\n", "questions[0].choices[0]: expected a string, got a mapping", 3),
    ("questions: {a: 1}\n", "questions: expected a list, got a mapping", 1),
    ("questions:\n  - id: a\n    text: x\n  - id: a\n    text: y\n", "questions[1].id: duplicate id 'a' (first at line 2)", 4),
    ("questions:\n  - text: x\n    text: y\n", "questions[0]: duplicate key 'text' (first at line 2)", 3),
    ("questions: []\nsections: []\n", "sections: use either 'questions' or 'sections', not both", 2),
    ("sections:\n  - title: A\n    questons: []\n", "sections[0]: unknown key 'questons' (did you mean 'questions'?)", 3),
    ("sections:\n  - title: A\n", "sections[0]: missing 'questions'", 2),
])
def test_validation_errors_name_the_key(src: str, message: str, line: int) -> None:
    err = _error(src)
    assert err.detail.startswith(message), err.detail
    assert err.line == line


def test_sections_key_paths_in_errors() -> None:
    err = _error("sections:\n  - title: A\n    questions:\n      - text: a\n        type: yesno\n")
    assert err.detail.startswith("sections[0].questions[0].type: 'yesno' is not one of")
    assert "did you mean 'yes-no'?" in err.detail


@pytest.mark.parametrize("src", [
    "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "extends: carpentries\nselect: [leading]\n",
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "just a string\n",
])
def test_other_yaml_is_not_a_survey(src: str) -> None:
    with pytest.raises(NotASurvey, match="no 'questions' or 'sections' key"):
        extract(src, "other.yaml")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"x-{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("questions:\n  - text: *i")
    start = time.monotonic()
    err = _error("\n".join(lines) + "\n")
    assert time.monotonic() - start < 2  # refused from the event stream, never expanded
    assert err.detail == ("invalid YAML: aliases expand the document to more than 100,000 nodes; "
                          "a survey needs far fewer")
    assert 2 <= err.line <= 9 and not isinstance(err, InputErrors)


def test_alias_bomb_in_one_wide_level_is_refused() -> None:
    # Many aliases of a mid-sized node add up as surely as nested ones.
    scale = "[" + ",".join(["o"] * 1000) + "]"
    src = f"x-s: &s {scale}\nquestions:\n" + "".join(f"  - {{text: 'Q{i}?', choices: *s}}\n" for i in range(200))
    assert "aliases expand the document" in _error(src).detail


@pytest.mark.parametrize(("src", "message"), [
    ("questions:\n  - &q [*q]\n", "invalid YAML: alias *q refers to a node that contains it"),
    ("questions:\n  - *nowhere\n", "invalid YAML: alias *nowhere has no anchor before it"),
])
def test_cyclic_and_undefined_aliases_are_refused(src: str, message: str) -> None:
    assert _error(src).detail.startswith(message)


def test_aliases_share_a_scale() -> None:
    src = ("title: Shared scales\n"
           "x-scales:\n"
           "  agree: &agree [Disagree, Neutral, Agree]\n"
           "questions:\n"
           "  - {id: a, text: The pace suited me., type: scale, choices: *agree}\n"
           "  - id: b\n"
           "    text: The examples suited me.\n"
           "    type: scale\n"
           "    choices: *agree\n")
    first, second = extract(src, "s.yaml")
    assert [c.text for c in first.choices] == [c.text for c in second.choices] == ["Disagree", "Neutral", "Agree"]
    # an aliased option is where it is written out: at its anchor
    assert (second.choices[0].line, second.choices[0].column) == _find(src, "Disagree")
    assert (second.line, second.column) == _find(src, "The examples")


def test_merge_keys_share_fields_and_explicit_keys_win() -> None:
    src = ("questions:\n"
           "  - &base {id: a, text: 'How clear was the first part?', type: scale, choices: [Unclear, Clear]}\n"
           "  - <<: *base\n"
           "    id: b\n"
           "    text: How clear was the second part?\n")
    first, second = extract(src, "m.yaml")
    assert (second.id, second.text, second.type) == ("b", "How clear was the second part?", "scale")
    assert [c.text for c in second.choices] == ["Unclear", "Clear"]
    assert err_detail("questions:\n  - <<: [1]\n    text: Hi\n").endswith(
        "questions[0]: '<<' merges a mapping (or a list of mappings) into this one")


def err_detail(src: str) -> str:
    return _error(src).detail


def test_every_problem_is_reported_and_valid_questions_are_kept() -> None:
    src = ("title: T\n"
           "questions:\n"
           "  - id: a\n"
           "    text: What did you learn?\n"
           "  - id: b\n"
           "    name: second\n"
           "    text: Anything else?\n"
           "  - id: c\n"
           "    type: scale\n"
           "  - id: d\n"
           "    text: How was the pace?\n"
           "    type: scael\n"
           "    notes: asked last year too\n"
           "  - Where did you hear about us?\n")
    with pytest.raises(InputErrors) as info:
        extract(src, "p.yaml")
    err = info.value
    assert [q.id or q.text for q in err.questions] == ["a", "Where did you hear about us?"]
    got = [(p.line, p.column, p.detail) for p in err.problems]
    assert got == [
        (6, 5, "questions[1]: unknown key 'name'; expected one of id, text, type, choices, required, ignore"),
        (8, 5, "questions[2]: missing 'text' (the question as respondents read it)"),
        (12, 11, "questions[3].type: 'scael' is not one of open, single, multiple, scale, yes-no "
                 "(did you mean 'scale'?)"),
        (13, 5, "questions[3]: unknown key 'notes'; expected one of id, text, type, choices, required, ignore"),
    ]
    # as an InputError it is its first problem
    assert (err.line, err.column) == (6, 5) and err.detail == got[0][2]


def test_a_problem_in_a_section_keeps_its_questions() -> None:
    src = ("sections:\n"
           "  - title: A\n"
           "    intro: hello\n"
           "    questions: ['What helped?']\n"
           "  - title: B\n"
           "    questions: ['What hindered?']\n")
    with pytest.raises(InputErrors) as info:
        extract(src, "s.yaml")
    assert [q.text for q in info.value.questions] == ["What helped?", "What hindered?"]
    assert [p.line for p in info.value.problems] == [3]


def test_top_level_metadata_is_accepted() -> None:
    src = ("name: post-workshop\n"
           "title: Post-workshop survey\n"
           "description: Sent a day after.\n"
           "notes: [reviewed in 2024]\n"
           "version: 3\n"
           "authors: [{name: A}, B]\n"
           "licence: CC-BY-4.0\n"
           "license: CC-BY-4.0\n"
           "questions: ['What did you learn?']\n")
    (q,) = extract(src, "m.yaml")
    assert q.title == "Post-workshop survey"


def test_a_partial_file_is_linted_and_reported(tmp_path: Path) -> None:
    from askwell import sources

    path = tmp_path / "p.yaml"
    path.write_text("questions:\n  - text: What helped?\n  - txt: What hindered?\n  - {text: 'Anything else?', "
                    "bogus: 1}\n", encoding="utf-8")
    loaded = sources.load(path, display="p.yaml")
    assert [q.text for q in loaded.questions] == ["What helped?"]
    assert [e.location() for e in loaded.errors] == ["p.yaml:3:5", "p.yaml:4:30"]
    assert loaded.error == loaded.errors[0]


def test_deep_nesting_and_huge_documents_are_input_errors() -> None:
    err = _error("questions: " + "[" * 900_000 + "]" * 900_000)
    assert err.detail == "invalid YAML: nested too deeply (more than 64 levels)"
    # Where depends on which layer stops it: askwell's event check (column 75) or, in some
    # libyaml builds, the scanner a little further on; always on line 1, past the limit.
    assert err.line == 1 and err.column >= 12 + 63
    assert "nested too deeply" in _error("questions:\n" + "".join("  " * i + "- \n" for i in range(100))).detail
    assert "too large" in _error("questions:\n" + "  - text: Why?\n" * 200_000).detail


def test_several_documents() -> None:
    err = _error("questions: []\n---\nquestions: []\n")
    assert err.detail == "invalid YAML: expected a single document in the stream, but found another document"
    assert err.line == 2


def test_non_printable_characters() -> None:
    err = _error("questions:\n  - text: a\x07b\n")
    assert err.line == 2 and err.detail.startswith("invalid YAML")


# -- schema ----------------------------------------------------------------------------------


def _schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_example_validates_against_schema() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert data["sections"] and all(s["questions"] for s in data["sections"]), "the example has questions to validate"
    assert [e.message for e in jsonschema.Draft202012Validator(_schema()).iter_errors(data)] == []


@pytest.mark.parametrize("broken", [
    {"questions": [{"text": "How?", "type": "scal"}]},
    {"questions": [{"txt": "How?"}]},
    {"questions": [{"id": "a"}]},
    {"questions": [], "sections": []},
    {"title": "No questions"},
    {"sections": [{"title": "A", "questions": [{"text": "Why?", "required": "maybe"}]}]},
])
def test_broken_surveys_do_not_validate(broken: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(broken)


def test_broken_example_does_not_validate() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["sections"][0]["questions"][0]["type"] = "rating"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(data)


def test_schema_properties_are_described() -> None:
    schema = _schema()
    for name, prop in schema["$defs"]["questionObject"]["properties"].items():
        assert prop.get("description"), name
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name


# -- the Carpentries surveys, converted by benchmarks/carpentries.py ---------------------------


def _carpentries():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("carpentries_bench", ROOT / "benchmarks" / "carpentries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_carpentries_conversion_reads_back(tmp_path: Path) -> None:
    bench = _carpentries()
    if not bench.DATA.is_dir():
        pytest.skip("shared Carpentries surveys not present")
    items = list(bench.iter_items())
    assert items and all(kind in ("open", "single", "multiple", "scale", "yes-no", "unknown")
                         for _, _, _, kind, _ in items)
    written = bench.convert(tmp_path / "out")
    assert len(written) == len(bench.files())
    read = []
    for path in written:
        read.extend(extract(path.read_text(encoding="utf-8"), path.name))
    assert [q.text for q in read] == [text for _, _, text, _, _ in items]
    assert [tuple(c.text for c in q.choices) for q in read] == [choices for *_, choices in items]
    with pytest.raises(SystemExit):
        bench.convert(ROOT / "build-inside-repo")


def test_carpentries_type_mapping() -> None:
    bench = _carpentries()
    assert bench.map_type("choice", "Which of these do you use? Select all that apply.") == "multiple"
    assert bench.map_type("choice", "Which one do you use most?") == "single"
    assert bench.map_type("ranking", "Rank these.") == "unknown"
    assert bench.map_type("yes-no", "Did you?") == "yes-no"
    assert bench.map_type(None, "Anything?") == "unknown"
    survey = {"title": "T", "questions": [
        {"id": "g", "text": "How much do you agree?", "type": "group", "items": [
            {"id": "g.1", "text": "Item one.", "type": "scale", "scale": {"min": 1, "max": 5,
                                                                         "labels": {5: "High", 1: "Low", 3: "Mid"}}}]},
        {"id": "h", "text": "Rate the following.", "type": "group", "items": [
            {"id": "h.1", "text": "Item two.", "type": "choice", "choices": ["A", "B"]}]},
        {"id": "s", "text": "Welcome to the survey.", "type": "statement"}]}
    doc = bench.to_askwell(survey)
    assert doc == {"title": "T", "questions": [
        {"id": "g", "text": "How much do you agree?"},
        {"id": "g.1", "text": "Item one.", "type": "scale", "choices": ["Low", "Mid", "High"]},
        {"id": "h.1", "text": "Item two.", "type": "single", "choices": ["A", "B"]}]}


# -- robustness -------------------------------------------------------------------------------

_YAMLISH = st.lists(st.sampled_from(list("qtexsion:- \n\"'|>&*!#[]{},?\\abc") +
                                   ["questions:", "text:", "sections:", "type:", "choices:", "  ", "\n  - ",
                                    "ignore:", "required:", "# askwell: ignore[", "\\u00e9", "''"]),
                   max_size=80).map("".join)


def _only_user_errors(src: str) -> None:
    try:
        qs = extract(src, "h.yaml")
    except (InputError, NotASurvey):
        return
    for q in qs:
        for i in range(len(q.text) + 1):
            q.position(i)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_only_raises_user_errors(src: str) -> None:
    _only_user_errors(src)


@settings(max_examples=500, deadline=None)
@given(_YAMLISH)
def test_yamlish_text_only_raises_user_errors(src: str) -> None:
    _only_user_errors(src)
