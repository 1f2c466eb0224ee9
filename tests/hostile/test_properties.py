"""Property tests for the whole pipeline: sources → engine → policy and scoring → reporters.

Arbitrary Unicode (control characters, RTL text and bidi controls, emoji
sequences, combining marks), very long lines, empty files, mixed line endings and
byte-order marks go in as ``.txt`` and ``.md`` files, and arbitrary question texts
as a YAML survey written by ``yaml.safe_dump``.  Whatever goes in:

* nothing raises: unreadable input is a ``FileError``, never an exception;
* every finding's span lies inside its question's text (or option's text);
* every question and finding maps to a line of the file, at a column >= 1;
* the JSON report is the same bytes on a second run, and every reporter renders.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from askwell import reporters, run
from askwell.config import Config, active_rules, load
from askwell.engine import Engine
from askwell.model import Report
from askwell.nlp import Pipeline
from askwell.sources import MAX_QUESTION_CHARS

# ASKWELL_EXAMPLES=500 for a longer hunt; the default keeps the module well under a minute.
SETTINGS = settings(max_examples=int(os.environ.get("ASKWELL_EXAMPLES", "30")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

RTL = ["هل استمتعت بالورشة؟", "מה דעתך על הסדנה?", "آیا کارگاه مفید بود؟",
       "\u202eDon't you agree it was great?\u202c", "\u200fLTR \u05d0\u05d1 mixed?\u200e"]
EMOJI = ["👍", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇳🇿", "❤️", "\U0001f9d1\u200d\U0001f4bb"]
COMBINING = ["e\u0301", "a\u0308\u0323", "Z\u0351\u0358\u0337\u0336", "\u0301\u0301", "ก\u0e34\u0e4a"]
PROSE = ["Don't you agree the workshop was great?", "How often do you use Git and Python?", "Any questions?",
         "Why didn't you just ask the helpers?", "What, if anything, would you change?",
         "Did you simply copy the commands, or did you try your own?", "# a heading?", "- [ ] a task?",
         "`code?`", "See https://example.org/?q=1 for more?", "{{ site.title }} was it useful?"]
SPECIAL = ["\x00", "\ufeff", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\t", "\u00a0", "\u3000"]

# Mostly printable, with a fair share of control and format characters, never a lone surrogate.
_chars = st.one_of(st.characters(codec="utf-8"), st.characters(categories=["Cc", "Cf", "Mn", "Zs", "Zl", "Zp"]))
_piece = st.one_of(
    st.text(_chars, max_size=40),
    st.sampled_from(RTL + EMOJI + COMBINING + PROSE + SPECIAL),
)
# A very long line: sometimes over the question length limit, mostly under it.
_long = st.builds(lambda word, n: " ".join([word] * n) + "?", st.sampled_from(["word", "réponse", "😀", "שלום"]),
                  st.integers(100, MAX_QUESTION_CHARS // 4))
_line = st.one_of(st.lists(_piece, max_size=5).map(" ".join), _long)
_ending = st.sampled_from(["\n", "\r\n", "\r"])
_encoding = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"])


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A text file's bytes: lines with mixed endings, in UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    lines = draw(st.lists(st.one_of(_line, st.just("")), max_size=10))
    text = "".join(line + draw(_ending) for line in lines)
    if draw(st.booleans()) and text:
        text = text.rstrip("\r\n")  # no final line break
    encoding = draw(_encoding)
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


_question_text = st.one_of(st.text(_chars, min_size=1, max_size=80), st.sampled_from(RTL + PROSE + COMBINING),
                           _long).filter(lambda t: t.strip())


@st.composite
def surveys(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A YAML survey as ``yaml.safe_dump`` writes it, and its question texts."""
    texts = draw(st.lists(_question_text, min_size=1, max_size=6))
    questions = []
    for i, text in enumerate(texts):
        q: dict[str, object] = {"id": f"q{i}", "text": text}
        kind = draw(st.sampled_from(["open", "single", "multiple", "scale", "yes-no"]))
        q["type"] = kind
        if kind != "open":
            q["choices"] = draw(st.lists(st.text(_chars, min_size=1, max_size=20).filter(lambda t: t.strip()),
                                         max_size=4))
        questions.append(q)
    title = draw(st.text(_chars, min_size=1, max_size=20).filter(lambda t: t.strip()))
    survey = {"title": title, "questions": questions}
    width = draw(st.sampled_from([80, 20, 10_000]))
    return yaml.safe_dump(survey, allow_unicode=draw(st.booleans()), width=width, sort_keys=False), texts


@pytest.fixture(scope="module")
def config() -> Config:
    # Random text in any script: every item is to be linted here, whatever its language.
    return load(None, {"select": ["all"], "language": "off"})


def lint(folder: Path, config: Config, pipeline: Pipeline) -> tuple[run.Inputs, Report]:
    inputs = run.gather([str(folder)], config)
    engine = Engine(config, active_rules(config), pipeline)
    return inputs, run.report(inputs, run.check(inputs, engine), config)


def file_lines(data: bytes) -> list[str]:
    """The file's lines as askwell numbers them (\\n, \\r\\n and \\r each end one)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8-sig", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def check_report(report: Report, files: dict[str, bytes]) -> None:
    """Spans inside their texts; questions and findings inside their files."""
    for result in report.results:
        q = result.question
        lines = file_lines(files[q.path])
        assert 1 <= q.line <= len(lines) and q.column >= 1, (q.path, q.line, q.column, q.text)
        for start, end in q.masked:
            assert 0 <= start <= end <= len(q.text)
        for f in result.findings:
            target = q.text if f.choice is None else q.choices[f.choice].text
            assert 0 <= f.start <= f.end <= len(target), (f, q.text)
            if f.fix is not None:
                assert 0 <= f.fix.start <= f.fix.end <= len(q.text), (f, q.text)
            for line, column in ((f.line, f.column), (f.end_line, f.end_column)):
                assert 1 <= line <= len(lines), (f, q.text, len(lines))
                assert column >= 1, (f, q.text)
            if f.choice is None:
                assert f.column <= len(lines[f.line - 1]) + 1, (f, q.text, lines[f.line - 1])
                assert (f.line, f.column) <= (f.end_line, f.end_column), f
    for error in report.errors:
        assert error.path in files and error.message and "\n" not in error.message, error


def render_all(report: Report) -> str:
    """Every format renders; the JSON is returned for comparison."""
    for fmt in reporters.available():
        assert isinstance(reporters.get(fmt).render(report), str)
    return reporters.get("json").render(report)


@SETTINGS
@given(documents())
def test_text_and_markdown_files(pipeline: Pipeline, config: Config, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {}
        for name in ("doc.txt", "doc.md"):
            (folder / name).write_bytes(data)
            files[(folder / name).as_posix()] = data
        inputs, report = lint(folder, config, pipeline)
        check_report(report, files)
        for error in inputs.errors:  # the only reasons a text file is refused
            assert "NUL" in error.message or "question is" in error.message, error
        first = render_all(report)
        assert render_all(lint(folder, config, pipeline)[1]).encode() == first.encode()


@SETTINGS
@given(surveys())
def test_yaml_surveys(pipeline: Pipeline, config: Config, survey: tuple[str, list[str]]) -> None:
    source, texts = survey
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.yaml"
        path.write_text(source, encoding="utf-8")
        inputs, report = lint(Path(tmp), config, pipeline)
        check_report(report, {path.as_posix(): source.encode("utf-8")})
        if any(len(t.strip()) > MAX_QUESTION_CHARS for t in texts):
            assert [e.message for e in inputs.errors][0].startswith("question is"), inputs.errors
            return
        assert inputs.errors == [], (inputs.errors, source)
        # Every text comes back as written (stripped), each at the place it was written.
        assert [r.question.text for r in report.results] == [t.strip() for t in texts]
        first = render_all(report)
        assert render_all(lint(Path(tmp), config, pipeline)[1]).encode() == first.encode()


@SETTINGS
@given(st.lists(st.sampled_from(["", " ", "\t", "\n", "\r\n", "\r", "\ufeff", "\u00a0", "\u3000"]), max_size=8),
       st.sampled_from([".txt", ".md", ".yaml", ".csv", ".json", ".qsf"]))
def test_blank_files_hold_no_questions(pipeline: Pipeline, config: Config, parts: list[str], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"blank{suffix}").write_text("".join(parts), encoding="utf-8")
        inputs, report = lint(Path(tmp), config, pipeline)
        assert inputs.errors == [] and report.results == () and report.summary.files == 1
