"""Load and validate the rule packs, core values, presets and word lists from ``rules/``.

Everything here is plain YAML parsing: no spaCy, so ``askwell rules`` and
``askwell explain`` stay fast.  Validation is strict because a typo in a rule
file would otherwise silently disable a check.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from askwell.errors import ConfigError
from askwell.rules.checks import CHECK_MODULES
from askwell.rules.messages import VARIANT_NAME, mismatches, placeholders
from askwell.rules.rewrites import REWRITES
from askwell.model import CATEGORIES, QUESTION_TYPES, SEVERITIES

if TYPE_CHECKING:
    from askwell.cache import PackSnapshot

# "policy" rules are raised by the policy stage itself (e.g. unused suppressions), not by a check.
KINDS = ("phrase", "substitution", "pattern", "metric", "check", "policy")
SCOPES = ("question", "survey")
COMMON_KEYS = {
    "id", "category", "severity", "values", "message", "why", "suggestion", "references",
    "examples", "kind", "options", "applies_to", "scope", "tags",
}
KIND_KEYS: dict[str, set[str]] = {
    "phrase": {"phrases", "wordlist", "lemma", "exceptions", "rewrite"},
    "substitution": {"substitutions", "exceptions"},
    "pattern": {"patterns", "fix", "rewrite"},
    "metric": {"metric"},
    "check": {"check", "messages"},
    "policy": set(),
}
METRICS = ("words", "question_words", "sentences", "clauses", "grade", "syllables_per_word", "characters")
# Token-pattern keys askwell accepts: spaCy's own names, minus REGEX and other
# unbounded predicates so that a rule file cannot make matching hang.
TOKEN_KEYS = {"ORTH", "TEXT", "LOWER", "LEMMA", "POS", "TAG", "DEP", "OP", "IS_SENT_START",
              "IS_PUNCT", "LIKE_NUM", "IS_TITLE", "IS_UPPER"}
TOKEN_OPS = {"!", "?", "+", "*"}
BOUNDED_OP = re.compile(r"\{\d{0,2},?\d{0,2}\}")
STRING_KEYS = {"ORTH", "TEXT", "LOWER", "LEMMA", "POS", "TAG", "DEP"}
SET_PREDICATES = {"IN", "NOT_IN"}


@dataclass(frozen=True)
class Example:
    """A rule example: a question text with the type and choices it is asked with."""

    text: str
    type: str = "unknown"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One rule's metadata and its kind-specific specification."""

    id: str
    category: str
    severity: str
    values: tuple[str, ...]
    message: str
    why: str
    kind: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    suggestion: str | None = None
    references: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    applies_to: tuple[str, ...] = QUESTION_TYPES
    scope: str = "question"
    spec: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    # A coded rule's message variants: name → one-line template its check fills (``message`` is the default).
    messages: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CoreValue:
    """One of the core values a rule protects."""

    id: str
    name: str
    description: str


def data_dir() -> Path:
    """The rule data folder: inside the installed package, else the repository's ``rules/``."""
    packaged = resources.files("askwell").joinpath("_rules")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


def close_match(word: str, options: list[str] | set[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` when a close option exists, else an empty string."""
    match = difflib.get_close_matches(str(word), sorted(options), n=1, cutoff=0.6)
    if not match:
        # "max_words" for "max": a shared prefix is as telling as a typo.
        match = [o for o in sorted(options) if len(o) >= 3 and (str(word).startswith(o) or o.startswith(str(word)))][:1]
    return f" (did you mean {match[0]!r}?)" if match else ""


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
def read_yaml(path: Path, snapshot: PackSnapshot | None = None) -> Any:
    """Parse a data file safely (no object construction), through ``snapshot`` if given; errors name file and place."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    key = hashlib.sha256(data).hexdigest() if snapshot else ""
    if snapshot:
        found, value = snapshot.get(key)
        if found:
            return value
    try:
        # libyaml's safe loader when PyYAML has it: the rule packs parse ten times faster.
        value = yaml.load(data.decode("utf-8"), Loader=SAFE_LOADER)
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), None, f"cannot read: not UTF-8 (byte {exc.start})") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}", None, f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc}") from None
    if snapshot:
        snapshot.put(key, value)
    return value


def _examples(raw: Any, where: str, key: str) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(where, f"examples.{key}", "needs at least one example")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            qtype = item.get("type", "unknown")
            if qtype not in QUESTION_TYPES:
                raise ConfigError(where, f"examples.{key}[{i}].type", f"unknown type {qtype!r}")
            out.append(Example(item["text"], qtype, tuple(str(c) for c in item.get("choices", []))))
        else:
            raise ConfigError(where, f"examples.{key}[{i}]", "must be a string or {text, type, choices}")
    return tuple(out)


def _check_token_pattern(pattern: Any, where: str, key: str) -> None:
    if not isinstance(pattern, list) or not pattern:
        raise ConfigError(where, key, "a pattern is a non-empty list of token specs")
    for j, token in enumerate(pattern):
        if not isinstance(token, dict):
            raise ConfigError(where, f"{key}[{j}]", "a token spec is a mapping")
        for attr, value in token.items():
            if attr not in TOKEN_KEYS:
                raise ConfigError(where, f"{key}[{j}].{attr}", f"unsupported token attribute{close_match(attr, TOKEN_KEYS)}")
            if attr == "OP" and value not in TOKEN_OPS and not BOUNDED_OP.fullmatch(str(value)):
                raise ConfigError(where, f"{key}[{j}].OP", f"must be one of {sorted(TOKEN_OPS)} or a bound like {{0,3}}")
            if isinstance(value, dict):
                bad = set(value) - SET_PREDICATES
                if bad:
                    raise ConfigError(where, f"{key}[{j}].{attr}", f"only IN and NOT_IN are allowed, not {sorted(bad)}")
                members = [m for v in value.values() for m in (v if isinstance(v, list) else [v])]
            else:
                members = [value]
            if attr in STRING_KEYS and not all(isinstance(m, str) for m in members):
                # YAML reads bare yes/no/true as booleans: a silent non-match without this check.
                raise ConfigError(where, f"{key}[{j}].{attr}", "values must be strings (quote yes, no, true, false)")


def _check_keys(raw: dict[str, Any], kind: str, where: str) -> None:
    """No unknown key for the rule's kind, and every required key present."""
    allowed = COMMON_KEYS | KIND_KEYS[kind]
    for key in raw:
        if key not in allowed:
            raise ConfigError(where, str(key), f"unknown key for a {kind} rule{close_match(key, allowed)}")
    for key in ("id", "category", "severity", "values", "message", "why", "examples"):
        if key not in raw:
            raise ConfigError(where, key, "is required")


def _check_common(raw: dict[str, Any], where: str, value_ids: set[str]) -> None:
    """The fields every rule has: category, severity, values, texts, examples, types, scope, options."""
    if raw["category"] not in CATEGORIES:
        raise ConfigError(where, "category", f"unknown category {raw['category']!r}{close_match(raw['category'], CATEGORIES)}")
    if raw["severity"] not in SEVERITIES:
        raise ConfigError(where, "severity", f"must be one of {', '.join(SEVERITIES)}")
    values = raw["values"]
    if not isinstance(values, list) or not values:
        raise ConfigError(where, "values", "list at least one core value")
    for v in values:
        if v not in value_ids:
            raise ConfigError(where, "values", f"unknown core value {v!r}{close_match(v, value_ids)}")
    for key in ("message", "why"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ConfigError(where, key, "must be a non-empty string")
    examples = raw["examples"]
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise ConfigError(where, "examples", "must be a mapping with 'bad' and 'good' lists")
    for t in raw.get("applies_to", list(QUESTION_TYPES)):
        if t not in QUESTION_TYPES:
            raise ConfigError(where, "applies_to", f"unknown question type {t!r}{close_match(t, QUESTION_TYPES)}")
    if raw.get("scope", "question") not in SCOPES:
        raise ConfigError(where, "scope", f"must be one of {', '.join(SCOPES)}")
    if not isinstance(raw.get("options") or {}, dict):
        raise ConfigError(where, "options", "must be a mapping")


def _kind_spec(raw: dict[str, Any], kind: str, where: str) -> dict[str, Any]:
    """The kind-specific keys of a rule, validated for its kind."""
    spec = {k: raw[k] for k in KIND_KEYS[kind] if k in raw}
    if kind == "phrase" and not (spec.get("phrases") or spec.get("wordlist")):
        raise ConfigError(where, "phrases", "a phrase rule needs 'phrases' or 'wordlist'")
    if kind == "substitution" and not isinstance(spec.get("substitutions"), dict):
        raise ConfigError(where, "substitutions", "must map a phrase to its replacement")
    if kind == "pattern":
        patterns = spec.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise ConfigError(where, "patterns", "needs a list of token patterns")
        for i, p in enumerate(patterns):
            _check_token_pattern(p, where, f"patterns[{i}]")
        if spec.get("fix", "delete") != "delete":
            raise ConfigError(where, "fix", "the only pattern fix is 'delete'")
    if kind == "metric":
        if spec.get("metric") not in METRICS:
            raise ConfigError(where, "metric", f"must be one of {', '.join(METRICS)}{close_match(spec.get('metric') or '', METRICS)}")
        if "max" not in (raw.get("options") or {}):
            raise ConfigError(where, "options.max", "a metric rule needs a 'max' option")
    if "rewrite" in spec and spec["rewrite"] not in REWRITES:
        raise ConfigError(where, "rewrite", f"unknown rewrite {spec['rewrite']!r}{close_match(str(spec['rewrite']), REWRITES)}")
    if kind == "check" and spec.get("check") not in CHECK_MODULES:
        raise ConfigError(where, "check", f"unknown coded check {spec.get('check')!r}{close_match(str(spec.get('check')), CHECK_MODULES)}")
    if "messages" in spec:
        _check_templates(spec["messages"], where)
    return spec


def _check_templates(raw: Any, where: str) -> None:
    """``messages:`` is a mapping of kebab-case variant names to one-line templates that parse."""
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(where, "messages", "must map a variant name to a one-line message template")
    for name, template in raw.items():
        key = f"messages.{name}"
        if not isinstance(name, str) or not VARIANT_NAME.fullmatch(name):
            raise ConfigError(where, key, "a variant name is kebab-case, e.g. 'binary-options'")
        if not isinstance(template, str) or not template.strip() or "\n" in template.strip():
            raise ConfigError(where, key, "must be a non-empty one-line string")
        try:
            placeholders(template)
        except ValueError as exc:
            raise ConfigError(where, key, f"bad template: {exc}") from None


def check_messages(rule: Rule, supplied: dict[str, tuple[str, ...]]) -> None:
    """Fail unless the rule's templates and what its check fills (its ``MESSAGES``) agree.

    Called when a coded check is built for a run and by the tests for every rule, so a
    template naming a value the check does not give fails before any message is made.
    """
    problems = mismatches(rule.messages, supplied)
    if problems:
        variant, problem = problems[0]
        names = sorted(set(rule.messages) | set(supplied))
        hint = close_match(variant, [n for n in names if n != variant]) if "no such" in problem else ""
        raise ConfigError(rule.source, f"messages.{variant}", f"{problem}{hint}")


def parse_rule(raw: Any, where: str, value_ids: set[str]) -> Rule:
    """Validate one rule mapping and build a ``Rule``; every mistake names the key."""
    if not isinstance(raw, dict):
        raise ConfigError(where, None, "a rule file holds one mapping")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ConfigError(where, "kind", f"must be one of {', '.join(KINDS)}{close_match(kind or '', KINDS)}")
    _check_keys(raw, kind, where)
    _check_common(raw, where, value_ids)
    spec = _kind_spec(raw, kind, where)
    examples = raw["examples"]
    return Rule(
        id=str(raw["id"]), category=raw["category"], severity=raw["severity"], values=tuple(raw["values"]),
        message=raw["message"].strip(), why=" ".join(raw["why"].split()), kind=kind,
        bad=_examples(examples.get("bad"), where, "bad"), good=_examples(examples.get("good"), where, "good"),
        suggestion=" ".join(str(raw["suggestion"]).split()) if raw.get("suggestion") else None, references=tuple(raw.get("references") or ()),
        options=dict(raw.get("options") or {}), applies_to=tuple(raw.get("applies_to", list(QUESTION_TYPES))),
        scope=raw.get("scope", "question"), spec=spec, source=where,
        messages={k: v.strip() for k, v in (raw.get("messages") or {}).items()},
    )


@dataclass(frozen=True)
class Packs:
    """The rule packs of one folder as parsed for one run: rules and core values.

    Built by ``load_packs`` and handed down (config, engine, policy, scoring, reporters)
    instead of being kept in a module table, so that every run sees, and its cache
    snapshot records, the packs it actually used.
    """

    root: Path
    rules: tuple[Rule, ...]
    values: tuple[CoreValue, ...]

    def by_id(self) -> dict[str, Rule]:
        """Rules keyed by id."""
        return {r.id: r for r in self.rules}

    def value_names(self) -> dict[str, str]:
        """Core value id → its published name, in published order."""
        return {v.id: v.name for v in self.values}


def load_packs(root: Path | None = None, snapshot: PackSnapshot | None = None) -> Packs:
    """Parse the core values and every rule of a folder (through ``snapshot`` when given).

    Each call parses afresh: a caller that needs the packs more than once keeps the result.
    """
    base = root or data_dir()
    values = _parse_values(base, snapshot)
    return Packs(base, _parse_rules(base, {v.id for v in values}, snapshot), values)


def _parse_values(base: Path, snapshot: PackSnapshot | None) -> tuple[CoreValue, ...]:
    raw = read_yaml(base / "values.yaml", snapshot)
    return tuple(CoreValue(v["id"], v["name"], " ".join(v["description"].split())) for v in raw["values"])


def core_values(root: Path | None = None, snapshot: PackSnapshot | None = None) -> tuple[CoreValue, ...]:
    """The core values of a folder, in their published order (parsed afresh)."""
    return _parse_values(root or data_dir(), snapshot)


def load_rules(root: Path | None = None, snapshot: PackSnapshot | None = None) -> tuple[Rule, ...]:
    """Every rule in the packs, sorted by category order then id (parsed afresh; prefer ``load_packs``)."""
    return load_packs(root, snapshot).rules


def _parse_rules(base: Path, value_ids: set[str], snapshot: PackSnapshot | None) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    for path in sorted(base.glob("*/*.yaml")):
        if path.parent.name in ("presets", "wordlists"):
            continue
        rule = parse_rule(read_yaml(path, snapshot), str(path.relative_to(base.parent)), value_ids)
        if rule.id in rules:
            raise ConfigError(str(path), "id", f"duplicate rule id {rule.id!r} (also in {rules[rule.id].source})")
        rules[rule.id] = rule
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return tuple(sorted(rules.values(), key=lambda r: (order[r.category], r.id)))


def wordlist(name: str, root: Path | None = None) -> tuple[str, ...]:
    """A word list from ``rules/wordlists``: one entry a line, ``#`` comments, tab-separated extras kept."""
    return _wordlist(name, root or data_dir())


@lru_cache(maxsize=None)
def _wordlist(name: str, base: Path) -> tuple[str, ...]:
    path = base / "wordlists" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.rstrip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def preset_path(name: str, root: Path | None = None) -> Path | None:
    """The file of a named preset, or None."""
    path = (root or data_dir()) / "presets" / f"{name}.yaml"
    return path if path.is_file() else None


def preset_names(root: Path | None = None) -> list[str]:
    """Names of the shipped presets."""
    return sorted(p.stem for p in ((root or data_dir()) / "presets").glob("*.yaml"))
