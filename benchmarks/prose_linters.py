"""askwell against the prose linters a user might try instead: proselint, write-good and alex.

    python benchmarks/prose_linters.py                     # installs write-good and alex into /tmp/linters if missing
    python benchmarks/prose_linters.py --node-prefix DIR --runs 5 --big 1000

Input: ``benchmarks/planted.txt``, our own questions, one a line, each with one
known planted problem (``PLANTED`` below names it, the category askwell should
report, and the words that carry it), plus a few clean questions.  Each tool
runs on the same file:

* askwell: ``askwell check FILE --no-cache --format json`` (the installed script);
* proselint (PyPI, in this virtualenv: ``pip install -e '.[bench]'``): ``proselint check --output-format json FILE``;
* write-good (npm): ``write-good --parse FILE``;
* alex (npm): ``alex --text FILE``.

The npm tools are installed with ``npm install --prefix DIR write-good alex``
into a directory outside the repository (default /tmp/linters; nothing
is committed).  A tool that is missing and cannot be installed is skipped.

For each planted line the table shows what each tool reported there.  A
problem counts as found by askwell when a finding of the expected category is
on that line; by another tool when one of its findings on that line overlaps
the words that carry the problem (the tools have no comparable categories).
Any finding on a clean line is a false positive.  Times: median wall time of
``--runs`` fresh processes on planted.txt, and on ``--big`` generated questions
(the throughput corpus) to compare speed at size.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as common  # noqa: E402

PLANTED_FILE = common.HERE / "planted.txt"

# line -> (problem, askwell category expected, words that carry the problem; None = clean).
# The words must occur verbatim in that line of planted.txt (checked at start-up).  Problems of
# the whole question's form (STRUCTURAL) have no such words: a word-level finding that happens
# to fall inside them is not counted as finding the problem.
PLANTED: dict[int, tuple[str, str | None, str | None]] = {
    1: ("leading: loaded praise", "leading", "brilliant"),
    2: ("double-barreled", "double-barreled", "clear and useful"),
    3: ("yes/no question", "closed", "Did the exercises help you"),
    4: ("jargon", "jargon", "vectorised"),
    5: ("unexplained acronyms", "jargon", "LMS"),
    6: ("dismissive 'simply'", "dismissive", "simply"),
    7: ("dismissive 'easy'", "dismissive", "easy"),
    8: ("gendered 'guys'", "inclusive", "guys"),
    9: ("ableist 'crazy'", "inclusive", "crazy"),
    10: ("too long (48 words)", "length", "Thinking about all"),
    11: ("vague quantifier", "vague", "several"),
    12: ("double negative", "negative", "unlikely are you to not"),
    13: ("negative wording", "negative", "not ask"),
    14: ("hypothetical", "hypothetical", "If we ran"),
    15: ("absolute terms", "absolute", "always"),
    16: ("no reference period", "vague", "How many times have you used Python"),
    17: ("social proof", "leading", "Most learners loved"),
    18: ("presupposition", "leading", "Why did you stop"),
    19: ("sensitive, no opt-out", "sensitive", "annual household income"),
    20: ("idiom", "inclusive", "hit it out of the park"),
    21: ("clean", None, None),
    22: ("clean", None, None),
    23: ("clean", None, None),
}
STRUCTURAL = {3, 10, 16}


@dataclass
class Finding:
    line: int
    start: int  # 0-based column
    end: int
    rule: str
    category: str | None = None


def planted_lines() -> list[str]:
    lines = PLANTED_FILE.read_text(encoding="utf-8").splitlines()
    for number, (problem, _cat, words) in PLANTED.items():
        if number > len(lines) or (words and words not in lines[number - 1]):
            raise SystemExit(f"planted.txt line {number} does not contain {words!r} ({problem}); update PLANTED")
    return lines


# ---- one runner + parser per tool -------------------------------------------------------------------

def askwell_cmd(path: Path) -> list[str]:
    return [common.ASKWELL, "check", str(path), "--no-cache", "--format", "json"]


def askwell_parse(out: str, err: str, text: str) -> list[Finding]:
    found = []
    for q in json.loads(out)["questions"]:
        for f in q["findings"]:
            found.append(Finding(f["line"], f["column"] - 1, (f["end_column"] - 1) if f["end_line"] == f["line"]
                                 else 10**6, f["rule"], f["category"]))
    return found


def proselint_cmd(path: Path) -> list[str]:
    exe = shutil.which("proselint", path=str(common.VENV_BIN)) or "proselint"
    return [exe, "check", "--output-format", "json", str(path)]


def proselint_parse(out: str, err: str, text: str) -> list[Finding]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = []
    data = json.loads(out) if out.strip() else {}
    for file_result in (data.get("result") or {}).values():
        for d in file_result.get("diagnostics", []):
            a, b = d["span"]
            line = max(i for i, s in enumerate(starts) if s <= a) + 1
            found.append(Finding(line, a - starts[line - 1], b - starts[line - 1], d["check_path"]))
    return found


def writegood_cmd(prefix: Path):
    def cmd(path: Path) -> list[str]:
        return [str(prefix / "node_modules" / ".bin" / "write-good"), "--parse", str(path)]
    return cmd


def writegood_parse(out: str, err: str, text: str) -> list[Finding]:
    found = []
    for line in out.splitlines():
        m = re.match(r"^.*?:(\d+):(\d+):(.*)$", line)
        if not m:
            continue
        quoted = re.match(r'\s*"([^"]*)"', m.group(3))
        length = len(quoted.group(1)) if quoted else 1
        reason = m.group(3).strip()
        kind = re.sub(r'^"[^"]*"\s*', "", reason)
        found.append(Finding(int(m.group(1)), int(m.group(2)), int(m.group(2)) + length, kind))
    return found


def alex_cmd(prefix: Path):
    def cmd(path: Path) -> list[str]:
        return [str(prefix / "node_modules" / ".bin" / "alex"), "--text", str(path)]
    return cmd


def alex_parse(out: str, err: str, text: str) -> list[Finding]:
    found = []
    for line in (out + "\n" + err).splitlines():
        m = re.match(r"^\s*(\d+):(\d+)-(\d+):(\d+)\s+(?:warning|error)\s+.*?\s{2,}(\S+)\s+(\S+)\s*$", line)
        if m:
            l1, c1, l2, c2 = (int(m.group(k)) for k in range(1, 5))
            found.append(Finding(l1, c1 - 1, (c2 - 1) if l2 == l1 else 10**6, m.group(5)))
    return found


def ensure_node_tools(prefix: Path, install: bool) -> dict[str, str]:
    """Versions of write-good and alex under ``prefix``, installing them with npm when missing."""
    bins = prefix / "node_modules" / ".bin"
    if not ((bins / "write-good").exists() and (bins / "alex").exists()) and install and shutil.which("npm"):
        print(f"installing write-good and alex: npm install --prefix {prefix} write-good alex", flush=True)
        subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "write-good", "alex"],
                       check=False, capture_output=True, text=True)
    versions = {}
    for name in ("write-good", "alex"):
        pkg = prefix / "node_modules" / name / "package.json"
        if (bins / name).exists() and pkg.exists():
            versions[name] = json.loads(pkg.read_text())["version"]
    return versions


def overlaps(f: Finding, line_text: str, words: str | None) -> bool:
    if not words:
        return False
    start = line_text.find(words)
    return start >= 0 and f.start < start + len(words) and start < f.end


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--node-prefix", type=Path, default=Path(tempfile.gettempdir()) / "linters",
                    help="where write-good and alex are (or get) installed; keep it outside the repository")
    ap.add_argument("--no-install", action="store_true", help="do not run npm install")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big", type=int, default=1000, help="also time each tool on this many generated questions (0: skip)")
    args = ap.parse_args(argv)
    if common.REPO in args.node_prefix.resolve().parents:
        raise SystemExit("--node-prefix must be outside the repository (node_modules must not be committed)")

    lines = planted_lines()
    text = PLANTED_FILE.read_text(encoding="utf-8")
    import importlib.metadata as md

    try:
        proselint_version = md.version("proselint")
    except md.PackageNotFoundError:
        raise SystemExit("proselint is not installed in this virtualenv: pip install -e '.[bench]'") from None
    node = ensure_node_tools(args.node_prefix, not args.no_install)
    tools = [("askwell", md.version("askwell"), askwell_cmd, askwell_parse),
             ("proselint", proselint_version, proselint_cmd, proselint_parse)]
    if "write-good" in node:
        tools.append(("write-good", node["write-good"], writegood_cmd(args.node_prefix), writegood_parse))
    if "alex" in node:
        tools.append(("alex", node["alex"], alex_cmd(args.node_prefix), alex_parse))
    print(f"machine: {common.machine()}")
    print("tools: " + ", ".join(f"{name} {version}" for name, version, _, _ in tools))

    findings: dict[str, list[Finding]] = {}
    times: dict[str, tuple[float, float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="askwell-prose-") as tmp_name:
        big = None
        if args.big:
            big = common.write_txt(common.corpus(args.big), Path(tmp_name) / "big.txt")
        for name, _version, cmd, parse in tools:
            _w, _c, _u, out, err = common.run_timed(cmd(PLANTED_FILE), cwd=common.REPO, ok=(0, 1, 255))
            findings[name] = parse(out, err, text)
            small_t, _, _ = common.median_time(cmd(PLANTED_FILE), runs=args.runs, cwd=common.REPO, ok=(0, 1, 255))
            big_t = None
            if big is not None:
                big_t, _, _ = common.median_time(cmd(big), runs=max(1, args.runs // 2), warmup=0, cwd=common.REPO,
                                                 ok=(0, 1, 255))
            times[name] = (small_t, big_t)
            print(f"  {name}: {len(findings[name])} findings on planted.txt, {common.ms(small_t)}", flush=True)

    names = [t[0] for t in tools]
    rows = []
    caught = {n: 0 for n in names}
    false_pos = {n: 0 for n in names}
    planted_count = sum(1 for p in PLANTED.values() if p[1])
    for number, (problem, category, words) in PLANTED.items():
        line_text = lines[number - 1]
        cells = []
        for n in names:
            here = [f for f in findings[n] if f.line == number]
            if category is None:
                hit = False
                false_pos[n] += len(here)
            elif n == "askwell":
                hit = any(f.category == category for f in here)
            elif number in STRUCTURAL:
                hit = False
            else:
                hit = any(overlaps(f, line_text, words) for f in here)
            caught[n] += hit
            rules = sorted({f.rule for f in here})
            shown = ", ".join(rules) if rules else "–"
            mark = ("**yes**: " if hit else "no: ") if category else ("false positive: " if here else "")
            cells.append(mark + shown if here or category else "–")
        rows.append((number, problem, *cells))
    print()
    print(f"What each tool reports on each line of benchmarks/planted.txt (\"yes\" = the planted problem is found; "
          f"askwell: a finding of the expected category; others: a finding on the planted words, never for "
          f"problems of the question's form: lines {', '.join(map(str, sorted(STRUCTURAL)))}):")
    print()
    print(common.table(["line", "planted problem", *names], rows))
    print()
    summary = []
    for n in names:
        small_t, big_t = times[n]
        summary.append((n, f"{caught[n]} / {planted_count}", false_pos[n], len(findings[n]), common.ms(small_t),
                        f"{big_t:.2f} s" if big_t is not None else "–"))
    print(common.table(["tool", "planted problems found", "findings on clean lines", "findings in all",
                        f"time, planted.txt ({len(lines)} lines)", f"time, {args.big:,} questions"], summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
