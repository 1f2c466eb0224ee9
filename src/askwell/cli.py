"""The command line: parses options, wires the stages together, sets the exit code.

Heavy imports (spaCy, the engine) happen inside ``check`` and its helpers only, so ``--help``,
``rules`` and ``explain`` start fast.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import sys
from pathlib import Path
from datetime import datetime, timezone
from typing import Any, Callable

import click

from askwell import __version__
from askwell.errors import AskwellError

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "markdown", "html")


def _fail(message: str) -> None:
    click.echo(f"askwell: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _tolerant_streams() -> None:
    """Never crash on output the terminal cannot encode.

    File names that are not UTF-8 reach askwell as lone surrogates: they go out as
    the bytes they came from.  On a non-UTF-8 stream (a cp1252 pipe, a latin-1
    terminal) characters it cannot hold are shown as escapes.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = getattr(stream, "encoding", None)
        if reconfigure is None or not isinstance(encoding, str):
            continue
        try:
            utf8 = codecs.lookup(encoding).name == "utf-8"
            reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")
        except (LookupError, ValueError, OSError):
            continue


class Group(click.Group):
    """Turns user errors raised anywhere into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        _tolerant_streams()
        try:
            return super().invoke(ctx)
        except AskwellError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("askwell: interrupted", err=True)
            sys.exit(130)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="askwell")
def main() -> None:
    """askwell: lint survey questions, feedback forms and discussion prompts.

    Finds leading, closed, double-barreled, jargon-heavy, overlong, dismissive and
    exclusionary wording, explains each finding, suggests a better question, and
    scores every question against The Carpentries' core values.
    """


class FormatFile(click.ParamType):
    """``FORMAT:FILE`` for --output-format: a report format and the file to write it to."""

    name = "FORMAT:FILE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        """Split at the first colon (so ``sarif:C:\\x.sarif`` keeps its drive) and check both halves."""
        if isinstance(value, tuple):
            return value
        fmt, colon, file = str(value).partition(":")
        if not colon:
            self.fail(f"expected FORMAT:FILE (e.g. sarif:askwell.sarif), got {value!r}", param, ctx)
        if fmt not in FORMATS:
            self.fail(f"unknown format {fmt!r} in {value!r}; choose from {', '.join(FORMATS)}", param, ctx)
        if not file:
            self.fail(f"{value!r} names no file: expected FORMAT:FILE", param, ctx)
        if file == "-":
            self.fail(f"{value!r}: standard output takes the --format report; give a file", param, ctx)
        if os.path.isdir(file):
            self.fail(f"{value!r}: {file!r} is a folder", param, ctx)
        return fmt, file


class Jobs(click.ParamType):
    """``--jobs``: a number of processes (1-64), or ``auto`` (None: the run's size decides)."""

    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        """'auto' → None; otherwise a whole number from 1 to 64."""
        if value is None or isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return None
        try:
            number = int(str(value))
        except ValueError:
            self.fail(f"{value!r} is neither a number of processes nor 'auto'", param, ctx)
        if not 1 <= number <= 64:
            self.fail(f"{number} is not in the range 1-64", param, ctx)
        return number


def _same_file_twice(output: str | None, outputs: tuple[tuple[str, str], ...]) -> str | None:
    """The first file that -o and --output-format (or two --output-format values) both name, if any."""
    seen: set[str] = set()
    for file in ([output] if output else []) + [file for _, file in outputs]:
        key = os.path.normcase(os.path.abspath(file))
        if key in seen:
            return file
        seen.add(key)
    return None


def _use_color(choice: bool | None, output: str | None) -> bool:
    if choice is not None:
        return choice
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--text", "texts", multiple=True, metavar="QUESTION", help="Lint this question text (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write the report to FILE (atomically).")
@click.option("--output-format", "outputs", type=FormatFile(), multiple=True,
              help="Also write the same report as FORMAT to FILE, atomically (repeatable; e.g. "
                   "sarif:askwell.sarif). The same bytes as a run with --format FORMAT -o FILE; "
                   "--statistics changes only the --format report.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of discovering one.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules or categories (comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules or categories (comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the run fail (exit 1).  [config default: error]")
@click.option("--fail-under", type=click.FloatRange(0, 100), help="Fail (exit 1) when the run score is below this.")
@click.option("--model", help="spaCy pipeline package or path to use.")
@click.option("--stdin-filename", help="Read stdin as if it were this file (chooses the format, names findings).")
@click.option("--show-config", is_flag=True, help="Print the merged config as YAML and exit.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal, unless NO_COLOR).")
@click.option("--jobs", "-j", type=Jobs(), default="auto", show_default=True,
              help="Processes for the NLP and rules stage: a number, or auto (several only for runs "
                   "big enough to gain, at most one per CPU). The output is the same for any number.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of the findings.")
@click.option("--values", "show_values", is_flag=True,
              help="Text output: show a bar for every core value (by default only values scoring below 90).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the current findings in FILE (then exit 0) so later runs report only new ones.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to keep .askwell_cache (default: the config file's folder, else the current one).")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes (inclusive, dismissive and plain-language word swaps) in place, atomically, "
                   "in .txt, .md, .yaml and .csv files; then report what remains.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the safe fixes as a unified diff instead of writing them (also .xlsx, .json, .qsf); "
                   "exit 1 when there is something to fix.")
def check(paths: tuple[str, ...], texts: tuple[str, ...], fmt: str, output: str | None,
          outputs: tuple[tuple[str, str], ...], config_file: Path | None,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, fail_under: float | None,
          model: str | None, stdin_filename: str | None, show_config: bool, color: bool | None, jobs: int | None,
          statistics: bool, show_values: bool, baseline_file: Path | None, write_baseline: Path | None, no_cache: bool,
          cache_dir: Path | None, fix: bool, show_diff: bool) -> None:
    """Lint question files, folders, stdin (-) or --text drafts.

    Exit codes: 0 nothing fails, 1 findings at or above --fail-on or a score under
    --fail-under, 2 usage, config or input errors (other files are still linted).

    --fix rewrites files only with fixes that keep what a question asks, skips any it
    cannot map exactly onto the file (saying why), never touches suppressed findings or
    files that fail to parse, and reports the findings that remain. --diff shows the
    same changes without writing and exits 1 when there are any (2 on input errors).

    --output-format FORMAT:FILE (repeatable) writes more formats from the same run,
    each as --format FORMAT -o FILE would, with the same exit code (2 when a file
    cannot be written); for example:

    \b
      askwell check surveys/ --format github --output-format sarif:askwell.sarif
                             --output-format markdown:summary.md
    """
    _check_outputs(output, outputs, show_diff, write_baseline)
    config, found, folder, snapshot = _configure(paths, config_file, no_cache, cache_dir,
                                                 _overrides(select, ignore, fail_on, fail_under, model))
    if show_config:
        import yaml

        click.echo(yaml.safe_dump(config.as_dict(), sort_keys=False, allow_unicode=True), nl=False)
        return
    if not paths and not texts:
        raise click.UsageError("give files or folders to lint, '-' for stdin, or --text QUESTION")

    lint = _Lint.prepare(paths, texts, stdin_filename, config, folder, baseline_file, jobs)
    inputs = lint.gather()
    checked = lint.check_with_progress(inputs)
    if snapshot is not None:
        snapshot.save()
    report = dataclasses.replace(lint.report(inputs, checked), run=_run_info(config, found))
    if fix or show_diff:
        report = _fix(report, lint.relinter(report.run), show_diff, lint.piped())
    if report.empty():
        from askwell.model import empty_note

        click.echo(f"askwell: {empty_note(report)}", err=True)
    if write_baseline:
        _write_baseline(report, write_baseline)
    failures = _publish(report, config.packs, fmt=fmt, output=output, outputs=outputs, color=color,
                        statistics=statistics, show_values=show_values)
    for failure in failures:
        click.echo(f"askwell: error: {failure}", err=True)
    sys.exit(EXIT_ERROR if failures else exit_code(report, config.fail_on, config.fail_under))


def _overrides(select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, fail_under: float | None,
               model: str | None) -> dict[str, Any]:
    """The config keys the command line sets; an option left out keeps the config file's value."""
    overrides: dict[str, Any] = {}
    if select:
        overrides["select"] = _split(select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if fail_on:
        overrides["fail_on"] = fail_on
    if fail_under is not None:
        overrides["fail_under"] = fail_under
    if model:
        overrides["model"] = model
    return overrides


def _configure(paths: tuple[str, ...], config_file: Path | None, no_cache: bool, cache_dir: Path | None,
               overrides: dict[str, Any]) -> tuple[Any, Path | None, Path | None, Any]:
    """The run's config, the config file it came from, the cache folder and the packs' cache snapshot.

    The folder and the snapshot are None when the run is not cached.
    """
    from askwell import config as config_mod
    from askwell.rules.packs import load_packs

    start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    found = config_file or config_mod.discover(start)
    # Only files are cached: stdin and --text drafts change every time.
    caching = not no_cache and bool(paths) and set(paths) != {"-"}
    folder = (cache_dir or (found.parent if found else Path.cwd())) if caching else None
    snapshot = None
    if folder is not None:
        from askwell.cache import PackSnapshot

        # The run's rule packs are parsed through the cache's JSON snapshot of them.
        snapshot = PackSnapshot(folder)
    config = config_mod.load(found, overrides, packs=load_packs(snapshot=snapshot))
    return config, found, folder, snapshot


@dataclasses.dataclass(frozen=True)
class _Lint:
    """What a check run lints and with what, kept so that --fix and --diff can lint their edits again."""

    files: list[str]
    texts: tuple[str, ...]
    stdin_text: bytes | None
    stdin_filename: str | None
    config: Any
    engine: Any
    cache: Any
    known: Any  # the --baseline findings, or None
    jobs: int | None

    @classmethod
    def prepare(cls, paths: tuple[str, ...], texts: tuple[str, ...], stdin_filename: str | None, config: Any,
                folder: Path | None, baseline_file: Path | None, jobs: int | None) -> "_Lint":
        """Read the baseline and stdin, and load the engine (and the cache in ``folder``, when given)."""
        from askwell import baseline as baseline_mod
        from askwell import run

        known = baseline_mod.read(baseline_file) if baseline_file else None
        stdin_text = _read_stdin() if "-" in paths else None
        engine, cache = run.prepare(config, cache_dir=folder)
        return cls([p for p in paths if p != "-"], texts, stdin_text, stdin_filename, config, engine, cache, known,
                   jobs)

    def gather(self, contents: dict[str, bytes] | None = None) -> Any:
        """The sources stage; ``contents`` is read instead of those files on disk."""
        from askwell import run

        return run.gather(self.files, self.config, list(self.texts), self.stdin_text, self.stdin_filename,
                          memo=self.cache, contents=contents)

    def check_with_progress(self, inputs: Any) -> Any:
        """The NLP and rules stage, with a progress bar on a terminal."""
        from askwell import run
        from askwell.progress import Progress

        total = sum(len(qs) for _, qs in inputs.files)
        with Progress(total, sys.stderr, enabled=Progress.wanted(sys.stderr)) as bar:
            return run.check(inputs, self.engine, self.cache, progress=bar.update, jobs=self.jobs)

    def report(self, inputs: Any, checked: Any) -> Any:
        """The scoring stage, with the --baseline findings left out."""
        from askwell import run

        return run.report(inputs, checked, self.config, self.known)

    def relinter(self, run_info: Any) -> Callable[[dict[str, bytes]], Any]:
        """``relint`` for ``fixing.fix_run``: the report of the run with some files read from bytes."""
        from askwell import run

        def relint(contents: dict[str, bytes]) -> Any:
            again = self.gather(contents)
            return dataclasses.replace(self.report(again, run.check(again, self.engine, self.cache, jobs=self.jobs)),
                                       run=run_info)
        return relint

    def piped(self) -> frozenset[str]:
        """Inputs --fix must never write: stdin read as --stdin-filename is not that file."""
        return frozenset({self.stdin_filename or "-"}) if self.stdin_text is not None else frozenset()


def _write_baseline(report: Any, file: Path) -> None:
    """--write-baseline: record the report's findings in ``file`` and exit (2 when an input had errors)."""
    from askwell import baseline as baseline_mod

    count = baseline_mod.write(file, report.placed())
    click.echo(f"askwell: recorded {count} finding{'s' if count != 1 else ''} in {file}", err=True)
    sys.exit(EXIT_ERROR if report.errors else EXIT_OK)


def _publish(report: Any, packs: Any, *, fmt: str, output: str | None, outputs: tuple[tuple[str, str], ...],
             color: bool | None, statistics: bool, show_values: bool) -> list[str]:
    """Print (or write with -o) the --format report, then write each --output-format one; the write errors."""
    from askwell import reporters

    colour = _use_color(color, output) and fmt == "text"
    if statistics:
        from askwell.reporters.statistics import statistics as stats

        rendered = stats(report, packs)
    else:
        rendered = reporters.get(fmt, color=colour, values=show_values, packs=packs).render(report)
    failures: list[str] = []
    if output:
        failures += _write(output, rendered)
    else:
        # click strips ANSI codes off a non-terminal unless told the colour was asked for.
        click.echo(rendered, nl=False, color=colour)
    for extra_fmt, file in outputs:
        # Rendered as `--format extra_fmt -o file` would render it (colour only when forced with --color).
        extra_colour = _use_color(color, file) and extra_fmt == "text"
        failures += _write(file, reporters.get(extra_fmt, color=extra_colour, values=show_values,
                                               packs=packs).render(report))
    return failures


def _check_outputs(output: str | None, outputs: tuple[tuple[str, str], ...], show_diff: bool,
                   write_baseline: Path | None) -> None:
    """Usage errors for --output-format that need other options: one file named twice, or no report to write."""
    twice = _same_file_twice(output, outputs)
    if twice is not None:
        raise click.BadParameter(f"{twice!r} is named more than once (with -o or another --output-format)",
                                 param_hint="'--output-format'")
    if outputs and (show_diff or write_baseline):
        other = "--diff" if show_diff else "--write-baseline"
        raise click.BadParameter(f"{other} writes no report to save", param_hint="'--output-format'")


def _write(file: str, rendered: str) -> list[str]:
    """Write one report atomically; the error line when that fails (so the other reports are still written)."""
    from askwell.atomic import write_atomic

    try:
        write_atomic(Path(file), rendered)
    except AskwellError as exc:
        return [str(exc)]
    return []


def _fix(report: Any, relint: Any, show_diff: bool, skip: frozenset[str]) -> Any:
    """--fix / --diff: apply (or show) the safe fixes; returns the report of what remains after --fix.

    With --diff, prints the diff and exits: 2 on input errors, 1 when something would change, else 0.
    """
    from askwell import fixing

    outcome = fixing.fix_run(report, relint, write=not show_diff, skip=skip)
    for skipped in outcome.skipped:
        click.echo(f"askwell: {skipped}", err=True)
    if show_diff:
        click.echo(fixing.diff(outcome), nl=False)
        click.echo(f"askwell: {fixing.summary(outcome, wrote=False)}", err=True)
        sys.exit(EXIT_ERROR if report.errors else EXIT_FAIL if outcome.files else EXIT_OK)
    for path, count in outcome.unwritable.items():
        click.echo(f"askwell: {path}: {count} fix{'es' if count != 1 else ''} not written: askwell writes .txt, .md, "
                   ".yaml and .csv files; use --diff to see them", err=True)
    failed = fixing.write(outcome)
    remaining = outcome.report if not failed else relint({})  # what is on disk now
    line = fixing.summary(outcome, wrote=True)
    if failed:
        written = sum(f.applied for f in outcome.files if f.path not in {e.path for e in failed})
        line = (f"Fixed {written} of {outcome.applied} findings; {len(failed)} file{'s' if len(failed) != 1 else ''} "
                "not written (see the errors).")
    # The line goes into the report's notes, so every format (and -o files) carries it.
    return dataclasses.replace(remaining, errors=remaining.errors + tuple(failed), notes=remaining.notes + (line,))


def _run_info(config: Any, found: Path | None) -> Any:
    """What the reports say about the run's setup: limits, config file, preset, date."""
    from askwell import config as config_mod
    from askwell.model import RunInfo

    preset = "carpentries"
    if found is not None:
        try:
            preset = str(config_mod.read_config_file(found).get("extends") or preset)
        except (AskwellError, OSError, AttributeError):
            pass
    # SOURCE_DATE_EPOCH (reproducible builds) pins the date, so a report can be rebuilt byte for byte.
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return RunInfo(fail_on=config.fail_on, fail_under=config.fail_under, config=str(found) if found else None,
                   preset=preset, date=when.strftime("%Y-%m-%d %H:%M UTC"))


def _read_stdin() -> bytes:
    """Standard input as bytes, to be decoded like a file's (the locale's codec would let bad bytes through)."""
    if sys.stdin is None:  # started with standard input closed
        return b""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return sys.stdin.read().encode("utf-8", "surrogateescape")


def exit_code(report: Any, fail_on: str, fail_under: float) -> int:
    """2 for unreadable input; 1 when a finding reaches ``fail_on`` or the score is under ``fail_under``."""
    if report.errors:
        return EXIT_ERROR
    if fail_on != "never" and report.at_or_above(fail_on):
        return EXIT_FAIL
    if report.summary.score is not None and report.summary.score < fail_under:
        return EXIT_FAIL
    return EXIT_OK


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="List every rule, not only those the config enables.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
def rules_cmd(fmt: str, show_all: bool, config_file: Path | None) -> None:
    """List the rules: id, category, severity and the core values each serves."""
    from askwell import config as config_mod
    from askwell import ruledocs
    from askwell.rules.packs import load_packs

    packs = load_packs()
    if fmt == "markdown":
        click.echo(ruledocs.markdown(packs=packs), nl=False)
        return
    if show_all:
        chosen = list(packs.rules)
    else:
        config = config_mod.load(config_file or config_mod.discover(Path.cwd()), packs=packs)
        chosen = [a.rule for a in config_mod.active_rules(config)]
    click.echo(ruledocs.as_json(chosen) if fmt == "json" else ruledocs.table(chosen), nl=False)


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain RULE: what it does, why, bad and good examples, and the core values it serves."""
    from askwell import ruledocs
    from askwell.rules.packs import close_match, load_packs

    packs = load_packs()
    rules = packs.by_id()
    if rule not in rules:
        raise AskwellError(f"unknown rule {rule!r}{close_match(rule, rules)}; see 'askwell rules'")
    click.echo(ruledocs.explain(rules[rule], packs), nl=False)


def entry() -> None:
    """The console script: run the CLI, then exit without tearing the heap down.

    Freeing a loaded spaCy pipeline object by object takes about half a second at
    interpreter exit; everything askwell writes is flushed or renamed into place by
    then, so the process can leave at once.
    """
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            click.echo(str(exc.code), err=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
