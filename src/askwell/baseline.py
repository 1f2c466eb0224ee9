"""Baselines: record today's findings so that only new ones fail the run.

A finding matches a baseline entry by rule, file and question text (not line), so
moving a question keeps it matched while editing its text makes it new, as it
should: the edited question deserves a fresh look.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from askwell import __version__
from askwell.atomic import write_atomic
from askwell.engine import Checked
from askwell.errors import AskwellError
from askwell.model import QuestionResult

FORMAT = 1
Key = tuple[str, str, str]


def _key(rule: str, path: str, text: str) -> Key:
    return (rule, Path(path).as_posix(), " ".join(text.split()))


def write(path: Path, checked: "Iterable[Checked | QuestionResult]") -> int:
    """Write every current finding to ``path``; returns how many were recorded."""
    counts = Counter(_key(f.rule, c.question.path, c.question.text) for c in checked for f in c.findings)
    entries = [{"rule": r, "path": p, "text": t, "count": n} for (r, p, t), n in sorted(counts.items())]
    write_atomic(path, json.dumps({"format": FORMAT, "askwell": __version__, "findings": entries},
                                  indent=2, ensure_ascii=False) + "\n")
    return sum(counts.values())


def read(path: Path) -> Counter[Key]:
    """The recorded findings as a multiset; a broken file is a user error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown baseline format {data.get('format')!r}")
        return Counter({_key(e["rule"], e["path"], e["text"]): int(e.get("count", 1)) for e in data["findings"]})
    except OSError as exc:
        raise AskwellError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AskwellError(f"{path}: not an askwell baseline ({exc})") from None


def apply(checked: list[Checked], known: Counter[Key]) -> list[Checked]:
    """Drop findings the baseline already records (each entry absorbs up to its count)."""
    left = Counter(known)
    out = []
    for c in checked:
        kept = []
        for f in c.findings:
            key = _key(f.rule, c.question.path, c.question.text)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(f)
        out.append(Checked(c.question, kept))
    return out
