"""The result cache: an unchanged file costs no NLP, and no parsing, on the next run.

Entries hold the raw rule hits of one file, keyed by a digest of that file's
questions (text, type, choices, masked spans).  A second table keeps each file's
extracted questions, keyed by a digest of its name and raw bytes, so an unchanged
workbook or Markdown file is not even parsed again.  The whole cache file is keyed by a
fingerprint of everything else that can change a result: askwell's version, the
merged config, the rule data and the spaCy model.  A cache from another
fingerprint, or one that fails to parse, is ignored and rebuilt, never trusted.

Beside it, ``packs.json`` (``PackSnapshot``) keeps the rule data files as parsed
JSON, so that a run served wholly from the cache does not parse YAML either.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from askwell import __version__
from askwell.atomic import write_atomic
from askwell.config import Config
from askwell.engine import RuleHit
from askwell.errors import AskwellError
from askwell.model import Choice, Fix, Hit, OffsetMap, Question, Segment, Suppression
from askwell.nlp import FALLBACK_MODELS
from askwell.rules.packs import data_dir

DIRNAME = ".askwell_cache"
# 4: hits carry a message variant and its values (Hit.variant, Hit.fields).
FORMAT = 4
# Files whose entries a results cache keeps at most: this run's files first, then those it
# already had, so runs on a few changed files (pre-commit) do not evict the rest of a repository.
MAX_FILES = 5000
MAX_LANGUAGES = 50_000


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def rules_digest(root: Path | None = None) -> str:
    """A digest of every rule data file (YAML and word lists)."""
    base = root or data_dir()
    h = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(path.relative_to(base).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def model_id(model: str | None) -> str:
    """The installed model package that would be loaded, with its version, without importing spaCy."""
    for name in ([model] if model else []) + list(FALLBACK_MODELS):
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        # spaCy model packages carry their meta.json beside __init__.py: reading it is
        # cheaper than importing importlib.metadata and searching the installed distributions.
        for folder in spec.submodule_search_locations or []:
            try:
                meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
                return f"{name}=={meta['version']}"
            except (OSError, ValueError, KeyError, TypeError):
                continue
        from importlib import metadata

        for dist in (name.replace("_", "-"), name):
            try:
                return f"{name}=={metadata.version(dist)}"
            except metadata.PackageNotFoundError:
                continue
        return name
    return str(model)


def fingerprint(config: Config) -> str:
    """Everything besides the questions themselves that decides a file's findings."""
    settings = {k: v for k, v in config.as_dict().items() if k not in ("config_file", "fail_on", "fail_under", "exclude")}
    return _digest(str(FORMAT), __version__, json.dumps(settings, sort_keys=True, default=str),
                   rules_digest(), model_id(config.model))


def file_key(questions: tuple[Question, ...]) -> str:
    """A digest of the parts of a file's questions that rules read."""
    parts = []
    for q in questions:
        parts.append(json.dumps([q.text, q.type, [c.text for c in q.choices], list(q.masked),
                                 q.id, q.required], ensure_ascii=False, default=str))
    return _digest(*parts)


def source_key(path: str, data: bytes) -> str:
    """A digest of a file's shown name (questions carry it) and raw bytes."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()


def question_to_json(q: Question) -> list[Any]:
    """A question as plain JSON values, every field, in declaration order."""
    return [q.text, q.path, q.line, q.column, [[s.offset, s.line, s.column] for s in q.offsets.segments],
            q.id, q.type, [[c.text, c.line, c.column, c.path] for c in q.choices], q.title, q.section,
            q.required, sorted(q.ignore), [list(m) for m in q.masked],
            [[sorted(s.rules), s.line, s.column, s.text] for s in q.suppressions]]


def question_from_json(raw: list[Any]) -> Question:
    """The inverse of ``question_to_json``; raises on anything malformed."""
    (text, path, line, column, segments, qid, qtype, choices, title, section, required, ignore, masked,
     supps) = raw
    return Question(
        text=text, path=path, line=line, column=column,
        offsets=OffsetMap(tuple(Segment(*seg) for seg in segments)), id=qid, type=qtype,
        choices=tuple(Choice(*c) for c in choices), title=title, section=section, required=required,
        ignore=frozenset(ignore), masked=tuple((a, b) for a, b in masked),
        suppressions=tuple(Suppression(frozenset(r), ln, col, t) for r, ln, col, t in supps))


def _hit_from(data: dict[str, Any]) -> Hit:
    fix = data.get("fix")
    return Hit(start=int(data["start"]), end=int(data["end"]), message=data.get("message"),
               suggestion=data.get("suggestion"), fix=Fix(**fix) if fix else None, choice=data.get("choice"),
               rewrites=tuple(str(r) for r in data.get("rewrites") or ()), variant=data.get("variant"),
               fields=tuple((str(k), v) for k, v in data.get("fields") or ()))


class Cache:
    """One run's view of the cache directory: read once, written once at the end."""

    def __init__(self, folder: Path, config: Config) -> None:
        self.path = folder / DIRNAME / "results.json"
        self.fingerprint = fingerprint(config)
        self.entries: dict[str, list[list[list[Any]]]] = {}
        self.sources: dict[str, list[list[Any]]] = {}
        self._sources_used: set[str] = set()
        # The language of each item that needed the detector (language.verdict): looking it up
        # costs loading lingua's models, more than a cached run takes otherwise.
        self.languages: dict[str, str] = {}
        self._languages_loaded = 0
        self.hits = 0
        self.misses = 0
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("fingerprint") == self.fingerprint:
                entries, known = data["entries"], data.get("sources", {})
                languages = data.get("languages", {})
                if isinstance(entries, dict) and isinstance(known, dict) and isinstance(languages, dict):
                    self.entries, self.sources = entries, known
                    self.languages = {str(k): str(v) for k, v in languages.items()}
                    self._languages_loaded = len(self.languages)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # Missing, corrupt or foreign: start afresh.
            self.entries, self.sources, self.languages = {}, {}, {}

    def recall(self, path: str, data: bytes) -> tuple[Question, ...] | None:
        """The questions extracted from these very bytes last time, or None."""
        key = source_key(path, data)
        raw = self.sources.get(key)
        if raw is None:
            return None
        try:
            questions = tuple(question_from_json(q) for q in raw)
        except (TypeError, ValueError):
            return None
        self._sources_used.add(key)
        return questions

    def remember(self, path: str, data: bytes, questions: tuple[Question, ...]) -> None:
        """Keep a file's extracted questions for the next run."""
        key = source_key(path, data)
        self.sources[key] = [question_to_json(q) for q in questions]
        self._sources_used.add(key)
        self._dirty = True

    def get(self, questions: tuple[Question, ...]) -> list[list[RuleHit]] | None:
        """The cached hits for a file's questions, or None."""
        raw = self.entries.get(file_key(questions))
        if raw is None or len(raw) != len(questions):
            self.misses += 1
            return None
        try:
            result = [[(str(rid), _hit_from(h)) for rid, h in per_q] for per_q in raw]
        except (KeyError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, questions: tuple[Question, ...], hits: list[list[RuleHit]]) -> None:
        """Remember a file's hits."""
        self.entries[file_key(questions)] = [[[rid, asdict(h)] for rid, h in per_q] for per_q in hits]
        self._dirty = True

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache atomically: the entries this run used (``keep``) plus those it already had.

        A run over a few files must not evict the entries of the others; past ``MAX_FILES`` the
        oldest entries this run did not use go first, so the file cannot grow forever.
        """
        if not self._dirty and len(self.languages) == self._languages_loaded:
            return
        entries = _newest_first(self.entries, keep)
        known = _newest_first(self.sources, self._sources_used)
        # Newest verdicts are last (dict order); keep as many as the questions of MAX_FILES small files.
        languages = dict(list(self.languages.items())[-MAX_LANGUAGES:])
        payload = {"format": FORMAT, "askwell": __version__, "fingerprint": self.fingerprint, "entries": entries,
                   "sources": known, "languages": languages}
        _write(self.path, payload)


def _newest_first(table: dict[str, Any], used: set[str] | None) -> dict[str, Any]:
    """``table`` with the ``used`` keys first (in table order), then the others, at most ``MAX_FILES`` in all."""
    if used is None:
        return table
    ordered = [k for k in table if k in used] + [k for k in table if k not in used]
    return {k: table[k] for k in ordered[:MAX_FILES]}


def _write(path: Path, payload: dict[str, Any]) -> None:
    """Write one cache file atomically, creating the cache folder (git-ignored) if need be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        gitignore = path.parent / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# Automatically created by askwell.\n*\n", encoding="utf-8")
        write_atomic(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    except (OSError, AskwellError):
        # A read-only checkout must not fail the lint: the cache is an optimisation.
        pass


class PackSnapshot:
    """The rule data files as an earlier run parsed them: JSON, keyed by a digest of each file's bytes.

    Parsing the shipped packs' YAML is most of what a fully cached ``askwell check``
    costs; the same data as JSON reads about forty times faster.  An entry serves only
    the very bytes it was parsed from, so an edited pack is parsed again, and a value
    JSON cannot carry unchanged (a date, an integer key) is never stored.  JSON builds
    no objects, so a tampered snapshot can at worst hand the rule validator bad data.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / DIRNAME / "packs.json"
        self.entries: dict[str, Any] = {}
        self._used: set[str] = set()
        self._dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and isinstance(data.get("files"), dict):
                self.entries = data["files"]
        except (OSError, ValueError, AttributeError):
            pass  # missing or corrupt: every file is parsed from YAML and the snapshot rewritten

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, data) when bytes with this digest were parsed before, else (False, None)."""
        if key in self.entries:
            self._used.add(key)
            return True, self.entries[key]
        return False, None

    def put(self, key: str, value: Any) -> None:
        """Keep a freshly parsed file's data if JSON carries it unchanged."""
        try:
            same = json.loads(json.dumps(value)) == value
        except (TypeError, ValueError):
            same = False
        if same:
            self.entries[key] = value
            self._used.add(key)
            self._dirty = True

    def save(self) -> None:
        """Write the snapshot if it changed, keeping the entries this run read or added.

        Every run parses its packs through its own snapshot (``load_packs(snapshot=...)``), so
        what it read is every current pack file; entries of files since edited are dropped.
        A run that read nothing through it leaves the file alone instead of emptying it.
        """
        if not self._used and not self._dirty:
            return
        if self._dirty or self._used != set(self.entries):
            _write(self.path, {"format": FORMAT, "files": {k: v for k, v in self.entries.items() if k in self._used}})
