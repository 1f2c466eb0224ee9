"""The Carpentries' real surveys (../shared/data/carpentries-surveys) as askwell input.

``iter_items()`` yields one ``(file name, id, text, type, choices)`` tuple per
leaf item of every survey file, with the shared data's types mapped to
askwell's question types.  ``python benchmarks/carpentries.py convert OUTDIR``
writes each survey as an askwell-format YAML survey into OUTDIR (which must be
outside the repository: the texts are CC BY 4.0 test data, not project content).

The shared folder is optional: when it is absent, ``iter_items()`` yields
nothing and ``convert`` says so and exits 0.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "carpentries-surveys"

_ALL_THAT_APPLY = re.compile(r"\b(?:select|check|choose|mark|tick)\s+(?:all\s+that\s+apply|one\s+or\s+more|"
                             r"as\s+many\s+as)\b", re.IGNORECASE)
_DIRECT = {"open": "open", "single": "single", "multiple": "multiple", "scale": "scale", "yes-no": "yes-no"}

Item = tuple[str, str, str, str, tuple[str, ...]]


def files(data: Path = DATA) -> list[Path]:
    """The survey files, sorted by name; empty when the shared data is absent."""
    if not data.is_dir():
        return []
    return sorted(p for p in data.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _scale_choices(scale: Any) -> tuple[str, ...]:
    if not isinstance(scale, dict) or not isinstance(scale.get("labels"), dict):
        return ()
    labels = scale["labels"]

    def key(k: Any) -> tuple[int, float, str]:
        try:
            return (0, float(k), "")
        except (TypeError, ValueError):
            return (1, 0.0, str(k))

    return tuple(str(labels[k]) for k in sorted(labels, key=key) if labels[k] is not None)


def map_type(kind: Any, text: str) -> str:
    """Shared-data type → askwell type (see the module docstring of the data README)."""
    if kind in _DIRECT:
        return _DIRECT[kind]
    if kind == "choice":
        return "multiple" if _ALL_THAT_APPLY.search(text) else "single"
    return "unknown"  # ranking, missing type, anything new


def _walk(entries: Any, section: str | None = None) -> Iterator[dict[str, Any]]:
    for entry in entries or ():
        if not isinstance(entry, dict):
            continue
        text = " ".join(str(entry.get("text") or "").split())
        kind = entry.get("type")
        if kind == "statement":
            continue
        if kind == "group" or entry.get("items"):
            if text.endswith("?"):
                yield {"id": str(entry.get("id") or ""), "text": text, "type": "unknown", "choices": (),
                       "required": entry.get("required"), "section": section}
            yield from _walk(entry.get("items"), text or section)
            continue
        if not text:
            continue
        choices = tuple(str(c) for c in entry.get("choices") or () if c is not None)
        if not choices and entry.get("scale") is not None:
            choices = _scale_choices(entry.get("scale"))
        yield {"id": str(entry.get("id") or ""), "text": text, "type": map_type(kind, text),
               "choices": choices, "required": entry.get("required"), "section": section}


def load(path: Path) -> dict[str, Any]:
    """One shared survey file as plain data."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def iter_items(data: Path = DATA) -> Iterator[Item]:
    """Every leaf item of every survey: (file name, id, text, askwell type, choices)."""
    for path in files(data):
        for item in _walk(load(path).get("questions")):
            yield path.name, item["id"], item["text"], item["type"], item["choices"]


def iter_sections(data: Path = DATA) -> Iterator[tuple[str, str, str | None]]:
    """(file name, item id, the text of the group the item sits in, or None) for every leaf item."""
    for path in files(data):
        for item in _walk(load(path).get("questions")):
            yield path.name, item["id"], item["section"]


def to_askwell(survey: dict[str, Any]) -> dict[str, Any]:
    """One shared survey as an askwell YAML survey document (plain data)."""
    questions = []
    seen: set[str] = set()
    for item in _walk(survey.get("questions")):
        q: dict[str, Any] = {}
        if item["id"]:
            ident, n = item["id"], 1
            while ident in seen:  # askwell ids must be unique in a file
                n += 1
                ident = f"{item['id']}-{n}"
            seen.add(ident)
            q["id"] = ident
        q["text"] = item["text"]
        if item["type"] != "unknown":  # the askwell format has no 'unknown'; omitted means open
            q["type"] = item["type"]
        if item["choices"]:
            q["choices"] = list(item["choices"])
        if isinstance(item["required"], bool):
            q["required"] = item["required"]
        questions.append(q)
    doc: dict[str, Any] = {}
    if survey.get("title"):
        doc["title"] = str(survey["title"])
    doc["questions"] = questions
    return doc


def convert(outdir: Path, data: Path = DATA) -> list[Path]:
    """Write every shared survey as askwell YAML into ``outdir``; returns the files written."""
    out = outdir.resolve()
    if out == REPO or REPO in out.parents:
        raise SystemExit(f"refusing to write inside the repository ({REPO}); choose a directory outside it")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in files(data):
        survey = load(path)
        header = (f"# Converted from {path.name} (The Carpentries, CC BY 4.0; "
                  f"source: {survey.get('source', 'unknown')}). Texts verbatim.\n")
        body = yaml.safe_dump(to_askwell(survey), sort_keys=False, allow_unicode=True, width=10_000)
        target = out / path.name
        target.write_text(header + body, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "convert":
        if not DATA.is_dir():
            print(f"skipped: no shared surveys at {DATA}")
            return 0
        written = convert(Path(args[1]))
        print(f"wrote {len(written)} askwell surveys to {Path(args[1]).resolve()}")
        return 0
    if args == ["list"] or not args:
        for name, ident, text, kind, choices in iter_items():
            print(f"{name}\t{ident}\t{kind}\t{len(choices)}\t{text}")
        return 0
    print("usage: python benchmarks/carpentries.py [list | convert OUTDIR]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
