"""``askwell check --fix`` and ``--diff``: apply the safe fixes findings carry, back in the file's own bytes.

A safe fix is a ``Finding.fix``: the substitutions of the inclusive, dismissive and
plain-language rules (a word swapped or dropped), never a rewrite of what a question
asks.  Each fix is an edit of the question's text; it is mapped back to the file
through the question's ``OffsetMap`` and applied only when

- every character of the span sits verbatim, in order, on one line of the file (no
  escape, markup, quoting or line break inside it), and
- the edited file, read again by its own extractor, gives exactly the questions
  expected: the same items, with only the fixed ones changed.

A fix that fails either test is skipped with its reason rather than risk a corrupt
file.  Fixes run in passes, as ruff's do, until none is left (a fix may uncover or
unblock another), so a second ``--fix`` changes nothing.  Files with read or parse
errors are never touched.  Spreadsheets (.xlsx) and JSON exports (SurveyJS, Qualtrics
QSF) are shown as a diff but never written: askwell does not own their other content.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from askwell import sources
from askwell.errors import AskwellError
from askwell.model import FileError, Finding, Question, Report
from askwell.sources.xlsx import column_letters

# Formats whose text askwell writes back.
WRITABLE = frozenset({".txt", ".md", ".markdown", ".yaml", ".yml", ".csv"})
# Text formats edited in memory for --diff only.
DIFF_ONLY_TEXT = frozenset({".json", ".qsf"})
# A binary format: the diff shows question texts, cell by cell.
DIFF_ONLY_CELLS = frozenset({".xlsx"})

# ruff stops after 100 passes; askwell's fixes are single words, so a handful settle any file.
MAX_PASSES = 10

_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Edit:
    """One fix as an edit of the file text (``start``/``end`` in characters), and of the question it fixes."""

    start: int
    end: int
    replacement: str
    question: int  # index in the file's extracted questions
    q_start: int
    q_end: int


# An edit with the question and finding it comes from (for the skip message when it cannot be kept).
_Candidate = tuple[Edit, Question, Finding]


@dataclass(frozen=True)
class Skipped:
    """A fix that was not applied, where, and why."""

    path: str
    line: int
    column: int
    rule: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.rule}: fix not applied: {self.reason}"


@dataclass
class FileFix:
    """A file's contents before and after its fixes; ``after`` is None for spreadsheets (see ``cells``)."""

    path: str
    before: bytes
    after: bytes | None
    applied: int = 0
    # For .xlsx: (place, old text, new text) of each fixed cell.
    cells: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def writable(self) -> bool:
        return Path(self.path).suffix.lower() in WRITABLE


@dataclass
class Outcome:
    """What the fix passes gave: the changed files, the skipped fixes, and the report of what remains."""

    files: list[FileFix]
    skipped: list[Skipped]
    report: Report
    # Files with fixes that --fix does not write (spreadsheets, JSON exports): path → fix count.
    unwritable: dict[str, int] = field(default_factory=dict)

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.files)


@dataclass(frozen=True)
class _Text:
    """A file's text as written (line breaks kept), and how to encode it back byte for byte."""

    text: str
    encoding: str
    bom: bytes

    @classmethod
    def of(cls, data: bytes) -> "_Text":
        for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                              (codecs.BOM_UTF8, "utf-8")):
            if data.startswith(bom):
                return cls(data[len(bom):].decode(encoding), encoding, bom)
        return cls(data.decode("utf-8"), "utf-8", b"")

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    def line_starts(self) -> list[int]:
        """Character offset of each line's start, breaking lines as the sources do (CRLF, CR, LF)."""
        return [0] + [m.end() for m in _BREAK.finditer(self.text)]


def fixable(finding: Finding) -> bool:
    """True for a finding with a safe fix on the question's own text (not on an answer option)."""
    return finding.fix is not None and finding.choice is None and finding.fix.end > finding.fix.start


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in ".?!:"


def _question_edit(question: Question, finding: Finding) -> tuple[int, int, str]:
    """The fix as (start, end, replacement) in the question text.

    A deletion that leaves a sentence starting in lower case ("Obviously, version
    control…") takes the next letter along and capitalises it.
    """
    assert finding.fix is not None
    start, end, replacement = finding.fix.start, finding.fix.end, finding.fix.replacement
    text = question.text
    if (not replacement and end < len(text) and text[start:start + 1].isupper() and text[end].islower()
            and _sentence_start(text, start)):
        return start, end + 1, text[end].upper()
    return start, end, replacement


def _map(question: Question, start: int, end: int, raw: str, starts: list[int]) -> int | str:
    """The file offset of question text ``[start, end)``, or why it does not sit verbatim in the file."""
    offsets = []
    for i in range(start, end):
        line, column = question.position(i)
        if not 1 <= line <= len(starts) or column < 1:
            return "its place in the file is not known exactly"
        at = starts[line - 1] + column - 1
        limit = starts[line] if line < len(starts) else len(raw)
        if at >= limit or raw[at] in "\r\n":
            return "the words span a line break in the file"
        if raw[at] != question.text[i]:
            return "the text is not written verbatim in the file there (escapes, markup or quoting)"
        offsets.append(at)
    if offsets != list(range(offsets[0], offsets[0] + len(offsets))):
        return "the words span a line break, markup or quoting in the file"
    return offsets[0]


def _apply(raw: str, edits: list[Edit]) -> str:
    out = raw
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[:e.start] + e.replacement + out[e.end:]
    return out


def _expected(questions: tuple[Question, ...], edits: list[Edit]) -> list[str]:
    """The question texts the file should read back as once ``edits`` are applied."""
    texts = [q.text for q in questions]
    by_question: dict[int, list[Edit]] = {}
    for e in edits:
        by_question.setdefault(e.question, []).append(e)
    for index, mine in by_question.items():
        text = texts[index]
        for e in sorted(mine, key=lambda e: e.q_start, reverse=True):
            text = text[:e.q_start] + e.replacement + text[e.q_end:]
        texts[index] = text
    return texts


def _reads_back(data: bytes, path: str, suffix: str, expected: list[str]) -> bool:
    loaded = sources.load_bytes(data, path, suffix)
    return not loaded.errors and loaded.note is None and [q.text for q in loaded.questions] == expected


def fix_file(data: bytes, path: str, items: list[tuple[Question, Finding]]) -> tuple[bytes, int, list[Skipped]]:
    """Apply the fixes of ``items`` (questions of this file with their findings) to ``data``.

    Returns the new bytes, the number of findings fixed and the fixes skipped.  Edits
    that overlap one already taken wait for the next pass.
    """
    suffix = Path(path).suffix.lower()
    base = sources.load_bytes(data, path, suffix)
    if base.errors or base.note:
        return data, 0, [_skipped(path, f, "the file does not read cleanly") for _, f in items]
    source = _Text.of(data)
    skipped: list[Skipped] = []
    chosen = _without_overlaps(_candidates(items, base.questions, source, path, skipped))
    if not chosen:
        return data, 0, skipped
    edits = [edit for edit, _, _ in chosen]
    new = source.encode(_apply(source.text, edits))
    if _reads_back(new, path, suffix, _expected(base.questions, edits)):
        return new, len(edits), skipped
    kept = _one_at_a_time(chosen, source, path, base.questions, skipped)
    if not kept:
        return data, 0, skipped
    return source.encode(_apply(source.text, kept)), len(kept), skipped


def _skipped(path: str, finding: Finding, reason: str) -> Skipped:
    return Skipped(path, finding.line, finding.column, finding.rule, reason)


def _candidates(items: list[tuple[Question, Finding]], questions: tuple[Question, ...], source: _Text, path: str,
                skipped: list[Skipped]) -> list[_Candidate]:
    """Each fix as an edit of the file text, in file order; a fix that cannot be placed goes to ``skipped``."""
    starts = source.line_starts()
    # Questions of the report are matched to the file's by place and text (language filtering
    # may have left some out of the report).
    slots: dict[tuple[int, int, str], list[int]] = {}
    for index, q in enumerate(questions):
        slots.setdefault((q.line, q.column, q.text), []).append(index)
    taken: dict[int, int] = {}  # id(question in report) -> index
    candidates: list[_Candidate] = []
    for q, f in items:
        if id(q) not in taken:
            free = slots.get((q.line, q.column, q.text), [])
            if not free:
                skipped.append(_skipped(path, f, "the question is no longer where it was read"))
                continue
            taken[id(q)] = free.pop(0)
        start, end, replacement = _question_edit(q, f)
        at = _map(q, start, end, source.text, starts)
        if isinstance(at, str):
            skipped.append(_skipped(path, f, at))
            continue
        candidates.append((Edit(at, at + end - start, replacement, taken[id(q)], start, end), q, f))
    candidates.sort(key=lambda c: (c[0].start, c[0].end))
    return candidates


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates (in file order) that overlap none taken before them."""
    chosen: list[_Candidate] = []
    for c in candidates:
        if chosen and c[0].start < chosen[-1][0].end:
            continue  # overlaps: the next pass, on the edited text, decides
        chosen.append(c)
    return chosen


def _one_at_a_time(chosen: list[_Candidate], source: _Text, path: str, questions: tuple[Question, ...],
                   skipped: list[Skipped]) -> list[Edit]:
    """The edits that read back as intended when taken one by one; the others go to ``skipped``.

    For when the edits together do not read back (a replacement the quoting cannot hold).
    """
    suffix = Path(path).suffix.lower()
    kept: list[Edit] = []
    for edit, _, f in chosen:
        trial = kept + [edit]
        if _reads_back(source.encode(_apply(source.text, trial)), path, suffix, _expected(questions, trial)):
            kept = trial
        else:
            skipped.append(_skipped(path, f, "the file would not read back as the fixed question "
                                             "(quoting or escaping)"))
    return kept


def _fix_cells(data: bytes, path: str, items: list[tuple[Question, Finding]]) -> FileFix:
    """A spreadsheet's fixes as old and new cell texts (never written)."""
    by_question: dict[int, tuple[Question, list[tuple[int, int, str]]]] = {}
    for q, f in items:
        by_question.setdefault(id(q), (q, []))[1].append(_question_edit(q, f))
    out = FileFix(path, data, None)
    for q, edits in by_question.values():
        text, last = q.text, len(q.text) + 1
        for start, end, replacement in sorted(edits, reverse=True):
            if end > last:
                continue  # overlapping: shown once the first is applied
            text, last = text[:start] + replacement + text[end:], start
            out.applied += 1
        out.cells.append((f"{column_letters(q.column)}{q.line}", q.text, text))
    return out


def _fixables(report: Report, skip: frozenset[str]) -> dict[str, list[tuple[Question, Finding]]]:
    """The fixable findings that survived policy (suppressions, --ignore, the baseline), by file."""
    broken = {e.path for e in report.errors} | skip
    out: dict[str, list[tuple[Question, Finding]]] = {}
    for r in report.placed():
        path = r.question.path
        if path in broken or path == "-" or path.startswith("<text"):
            continue
        for f in r.findings:
            if fixable(f) and (f.path is None or f.path == path):
                out.setdefault(path, []).append((r.question, f))
    return out


def fix_run(report: Report, relint: Callable[[dict[str, bytes]], Report], write: bool,
            skip: frozenset[str] = frozenset(), max_passes: int = MAX_PASSES) -> Outcome:
    """Fix in passes until nothing is left to fix; nothing is written here.

    ``relint`` lints the run again with some files read from the given bytes;
    with ``write`` set, formats askwell does not write are left out of the passes
    (and counted in ``unwritable``), so the final report matches the files on disk.
    ``skip`` names inputs that are not files to write (stdin under ``--stdin-filename``).
    """
    originals: dict[str, bytes] = {}
    current: dict[str, bytes] = {}
    applied: dict[str, int] = {}
    cells: dict[str, FileFix] = {}
    unwritable: dict[str, int] = {}
    skipped: list[Skipped] = []
    for number in range(max_passes):
        skipped = []
        changed = False
        for path, items in _fixables(report, skip).items():
            suffix = Path(path).suffix.lower()
            if suffix not in WRITABLE | DIFF_ONLY_TEXT | DIFF_ONLY_CELLS:
                continue
            if write and suffix not in WRITABLE:
                if number == 0:
                    unwritable[path] = len(items)
                continue
            if path not in current:
                try:
                    originals[path] = current[path] = Path(path).read_bytes()
                except OSError as exc:
                    raise AskwellError(f"{path}: cannot read: {exc.strerror or exc}") from None
            if suffix in DIFF_ONLY_CELLS:
                if number == 0:
                    cells[path] = _fix_cells(current[path], path, items)
                continue
            new, count, missed = fix_file(current[path], path, items)
            skipped += missed
            if count:
                current[path] = new
                applied[path] = applied.get(path, 0) + count
                changed = True
        if not changed:
            break
        report = relint({p: current[p] for p in applied})
    files = [FileFix(p, originals[p], current[p], n) for p, n in applied.items() if current[p] != originals[p]]
    files += [c for c in cells.values() if c.applied]
    files.sort(key=lambda f: f.path)
    return Outcome(files, skipped, report, unwritable)


def _read_only(path: Path) -> bool:
    """True when the file may not be written, by access rights or by its mode.

    The mode counts even for root, who may write anything: a file made read-only
    is meant to stay as it is, and an atomic rename would replace it regardless.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def write(outcome: Outcome) -> list[FileError]:
    """Write every fixed file atomically (keeping its mode); one error per file that could not be written."""
    from askwell.atomic import write_atomic_bytes

    errors: list[FileError] = []
    for ff in outcome.files:
        if not ff.writable or ff.after is None:
            continue
        target = Path(ff.path)
        if _read_only(target):
            errors.append(FileError(ff.path, f"read-only file; {_count(ff.applied, 'fix', 'fixes')} not written"))
            continue
        try:
            if target.read_bytes() != ff.before:
                errors.append(FileError(ff.path, "changed on disk while askwell ran; fixes not written"))
                continue
            write_atomic_bytes(target, ff.after)
        except OSError as exc:
            errors.append(FileError(ff.path, f"cannot write fixes: {exc.strerror or exc}"))
        except AskwellError as exc:
            reason = str(exc).split(": cannot write: ", 1)[-1]
            errors.append(FileError(ff.path, f"cannot write fixes: {reason}"))
    return errors


def _lines(text: str) -> list[str]:
    """Lines with their endings; a last line without one is marked as diff and patch expect."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def diff(outcome: Outcome) -> str:
    """Unified diffs of every changed file (``patch -p0`` applies them); spreadsheets as cell texts."""
    out: list[str] = []
    for ff in outcome.files:
        if ff.after is not None:
            old, new = _Text.of(ff.before).text, _Text.of(ff.after).text
            out += difflib.unified_diff(_lines(old), _lines(new), ff.path, ff.path)
        else:
            note = " (cell texts; askwell does not write .xlsx)"
            old_cells = [f"{place}: {old}\n" for place, old, _ in ff.cells]
            new_cells = [f"{place}: {new}\n" for place, _, new in ff.cells]
            out += difflib.unified_diff(old_cells, new_cells, ff.path + note, ff.path + note, n=0)
    return "".join(out)


def summary(outcome: Outcome, wrote: bool) -> str:
    """One line: how many findings were (or would be) fixed, in how many files."""
    n, files = outcome.applied, len(outcome.files)
    if not n:
        return "No safe fixes to apply."
    s = "" if n == 1 else "s"
    where = f" in {files} file{'' if files == 1 else 's'}"
    verb = "Fixed" if wrote else "Would fix"
    return f"{verb} {n} finding{s}{where}."
