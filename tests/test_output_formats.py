"""--output-format FORMAT:FILE: several formats from one run, byte for byte as separate runs would write them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from askwell.cli import main

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = str(ROOT / "examples" / "drafts.txt")
ENV = {"SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"}  # the HTML page carries the date


def run(*args: str) -> tuple[int, str, str]:
    """askwell with the given arguments; exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


def separately(fmt: str, target: Path, *extra: str) -> bytes:
    """The bytes `askwell check DRAFTS --format fmt -o target` writes."""
    code, out, _ = run("check", DRAFTS, "--no-cache", "--format", fmt, "-o", str(target), *extra)
    assert code == 1 and out == ""
    return target.read_bytes()


def test_extra_formats_are_the_bytes_of_separate_runs(tmp_path: Path) -> None:
    sarif, markdown, html = tmp_path / "askwell.sarif", tmp_path / "summary.md", tmp_path / "report.html"
    code, out, _ = run("check", DRAFTS, "--no-cache", "--format", "github", "--output-format", f"sarif:{sarif}",
                       "--output-format", f"markdown:{markdown}", "--output-format", f"html:{html}")
    plain_code, plain_out, _ = run("check", DRAFTS, "--no-cache", "--format", "github")
    assert (code, out) == (plain_code, plain_out) == (1, plain_out)  # stdout and exit code as without extras
    assert out.startswith("::error file=")
    alone = tmp_path / "alone"
    alone.mkdir()
    for fmt, written in (("sarif", sarif), ("markdown", markdown), ("html", html)):
        assert written.read_bytes() == separately(fmt, alone / written.name), fmt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alone", "askwell.sarif", "report.html", "summary.md"]


def test_text_extra_keeps_values_option_and_has_no_colour(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    code, _, _ = run("check", DRAFTS, "--no-cache", "--values", "--format", "json", "--output-format", f"text:{target}")
    assert code == 1
    assert target.read_bytes() == separately("text", tmp_path / "alone.txt", "--values")
    assert b"\x1b[" not in target.read_bytes()


def test_with_output_file_both_are_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    main_file, extra = tmp_path / "report.json", tmp_path / "askwell.sarif"
    code, out, _ = run("check", DRAFTS, "--no-cache", "--format", "json", "-o", str(main_file),
                       "--output-format", f"sarif:{extra}")
    assert (code, out) == (1, "")
    assert json.loads(main_file.read_text(encoding="utf-8"))["summary"]["questions"] > 0
    assert main_file.read_bytes() == separately("json", tmp_path / "alone.json")
    assert extra.read_bytes() == separately("sarif", tmp_path / "alone.sarif")


def test_exit_code_follows_fail_on_as_before(tmp_path: Path) -> None:
    target = tmp_path / "r.sarif"
    code, _, _ = run("check", DRAFTS, "--no-cache", "--fail-on", "never", "--output-format", f"sarif:{target}")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_statistics_changes_only_the_main_report(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, out, _ = run("check", DRAFTS, "--no-cache", "--statistics", "--output-format", f"json:{target}")
    assert code == 1 and "agreement-seeking" in out and not out.lstrip().startswith("{")
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == 2


def test_file_name_with_a_colon_keeps_it(tmp_path: Path) -> None:
    # Split at the first colon only, so a path such as C:\x.sarif (or a:b.json here) stays whole.
    code, _, _ = run("check", "--text", "Any questions?", "--output-format", f"json:{tmp_path}/a:b.json")
    assert code == 0 and json.loads((tmp_path / "a:b.json").read_text(encoding="utf-8"))["summary"]["questions"] == 1


@pytest.mark.parametrize(("value", "says"), [
    ("bogus:out.txt", "unknown format 'bogus'"),
    ("SARIF:out.txt", "unknown format 'SARIF'"),
    ("sarif", "expected FORMAT:FILE"),
    ("sarif:", "names no file"),
    (":out.txt", "unknown format ''"),
    ("json:-", "standard output"),
    ("json:{folder}", "is a folder"),
])
def test_bad_values_are_usage_errors(tmp_path: Path, value: str, says: str) -> None:
    code, out, err = run("check", "--text", "Any questions?", "--output-format", value.format(folder=tmp_path))
    assert code == 2 and out == ""
    assert "Invalid value for '--output-format'" in err and says in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("twice", [["-o", "{t}", "--output-format", "json:{t}"],
                                   ["--output-format", "json:{t}", "--output-format", "sarif:{t}"],
                                   ["-o", "{t}", "--output-format", "sarif:{folder}/./r.txt"]])
def test_one_file_named_twice_is_a_usage_error(tmp_path: Path, twice: list[str]) -> None:
    args = [a.format(t=tmp_path / "r.txt", folder=tmp_path) for a in twice]
    code, _, err = run("check", "--text", "Any questions?", *args)
    assert code == 2 and "'--output-format'" in err and "named more than once" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("other", [["--diff"], ["--write-baseline", "{folder}/baseline.json"]])
def test_options_that_write_no_report_refuse_it(tmp_path: Path, other: list[str]) -> None:
    args = [a.format(folder=tmp_path) for a in other]
    code, _, err = run("check", DRAFTS, *args, "--output-format", f"json:{tmp_path}/r.json")
    assert code == 2 and "'--output-format'" in err
    assert list(tmp_path.iterdir()) == []


def test_unwritable_extra_is_exit_2_and_the_rest_is_still_written(tmp_path: Path) -> None:
    good = tmp_path / "r.md"
    code, out, err = run("check", "--text", "Any questions?", "--format", "github",
                         "--output-format", f"sarif:{tmp_path}/missing/r.sarif", "--output-format", f"markdown:{good}")
    assert code == 2 and "cannot write" in err and "r.sarif" in err
    assert good.read_text(encoding="utf-8").strip()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]  # no temporary file left behind
