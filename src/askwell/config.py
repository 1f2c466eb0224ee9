"""Config: discovery (like ruff), presets via ``extends``, merging, and strict validation.

Loaded and validated once per run; every stage reads the resulting ``Config``.
Every mistake is a ``ConfigError`` naming the file, the key path and a close match.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from askwell.errors import ConfigError, InputError
from askwell.language import SETTINGS as LANGUAGES
from askwell.model import CATEGORIES, SEVERITIES
from askwell.rules.packs import Packs, Rule, close_match, load_packs, preset_names, preset_path
from askwell.sources.reading import decode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10 fallback
    tomllib = None

CONFIG_NAMES = (".askwell.yaml", "askwell.yaml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
AUDIENCES = ("learners", "instructors", "maintainers")
KEYS = ("extends", "select", "ignore", "severity", "rules", "vocabulary", "fail_on", "fail_under",
        "exclude", "model", "weights", "audience", "language")
# `language:` the language askwell lints (items detected in another are skipped with a
# note), or "off" to lint every item as English; see askwell.language.


@dataclass(frozen=True)
class Config:
    """The merged, validated configuration of one run."""

    select: tuple[str, ...] = ("all",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    fail_on: str = "error"
    fail_under: float = 0.0
    exclude: tuple[str, ...] = ()
    model: str | None = None
    weights: dict[str, float] = field(default_factory=lambda: {"error": 25.0, "warning": 10.0, "info": 3.0})
    audience: str = "learners"
    language: str = "en"
    path: str | None = None
    # The rule packs this config was validated against; the run's stages read them from here.
    packs: Packs = field(default_factory=load_packs, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """The merged config in config-file shape, for ``--show-config``."""
        return {
            "config_file": self.path, "select": list(self.select), "ignore": list(self.ignore),
            "severity": dict(sorted(self.severity.items())), "rules": {k: dict(v) for k, v in sorted(self.rules.items())},
            "vocabulary": {"accept": list(self.accept), "reject": list(self.reject)},
            "fail_on": self.fail_on, "fail_under": self.fail_under, "exclude": list(self.exclude),
            "model": self.model, "weights": dict(self.weights), "audience": self.audience,
            "language": self.language,
        }


@dataclass(frozen=True)
class ActiveRule:
    """A rule as this run uses it: its severity and options after config."""

    rule: Rule
    severity: str
    options: dict[str, Any]


def _matches(selector: str, rule: Rule) -> bool:
    return selector in ("all", rule.id, rule.category)


def active_rules(config: Config, rules: tuple[Rule, ...] | None = None) -> list[ActiveRule]:
    """The rules this run enables, with severities and options applied.

    A rule is on when a ``select`` entry names it, its category or ``all``, and no
    ``ignore`` entry does; ``ignore`` wins, as in ruff.
    """
    out = []
    for rule in rules if rules is not None else config.packs.rules:
        if not any(_matches(s, rule) for s in config.select) or any(_matches(s, rule) for s in config.ignore):
            continue
        options = {**rule.options, **config.rules.get(rule.id, {})}
        if rule.category == "jargon":
            options.setdefault("audience", config.audience)
        out.append(ActiveRule(rule, config.severity.get(rule.id, rule.severity), options))
    return out


# --- validation -------------------------------------------------------------------------

def _type_name(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "true or false", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)


def _str_list(where: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, key, f"must be a list of strings, not {_type_name(value)}")
    return tuple(value)


def _selectors(where: str, key: str, value: Any, rule_ids: set[str]) -> tuple[str, ...]:
    items = _str_list(where, key, value)
    known = rule_ids | set(CATEGORIES) | {"all"}
    for i, item in enumerate(items):
        if item not in known:
            raise ConfigError(where, f"{key}[{i}]", f"unknown rule or category {item!r}{close_match(item, known)}")
    return items


def _option_ok(default: Any, value: Any) -> bool:
    """True when ``value`` has the shape of ``default``, down to list items and mapping values."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if default is None:
        return True
    if isinstance(default, list):
        return isinstance(value, list) and (not default or all(_option_ok(default[0], v) for v in value))
    if isinstance(default, dict):
        sample = next(iter(default.values()), None)
        return isinstance(value, dict) and all(isinstance(k, str) for k in value) and (
            sample is None or all(_option_ok(sample, v) for v in value.values()))
    return isinstance(value, type(default))


def _plural(default: Any) -> str:
    if isinstance(default, list) and default:
        return f"lists of {_plural(default[0])}"
    if isinstance(default, dict) and default:
        return f"mappings of names to {_plural(next(iter(default.values())))}"
    return {str: "strings", int: "numbers", float: "numbers", bool: "true/false values", list: "lists",
            dict: "mappings"}.get(type(default), f"{type(default).__name__} values")


def _shape_name(default: Any) -> str:
    """``a list of strings``, ``a mapping of names to lists of strings``: what ``_option_ok`` wants."""
    if isinstance(default, list) and default:
        return f"a list of {_plural(default[0])}"
    if isinstance(default, dict) and default:
        return f"a mapping of names to {_plural(next(iter(default.values())))}"
    return _type_name(default)


def _check_severity(where: str, key: str, value: Any, rules: dict[str, Rule]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(where, key, f"must map rule ids to a severity, not {_type_name(value)}")
    for rid, sev in value.items():
        if rid not in rules:
            raise ConfigError(where, f"severity.{rid}", f"unknown rule{close_match(str(rid), rules)}")
        if sev not in SEVERITIES:
            raise ConfigError(where, f"severity.{rid}", f"{sev!r} is not one of {', '.join(SEVERITIES)}{close_match(str(sev), SEVERITIES)}")
    return dict(value)


def _check_rule_options(where: str, key: str, value: Any, rules: dict[str, Rule]) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError(where, key, f"must map rule ids to options, not {_type_name(value)}")
    checked: dict[str, dict[str, Any]] = {}
    for rid, opts in value.items():
        if rid not in rules:
            raise ConfigError(where, f"rules.{rid}", f"unknown rule{close_match(str(rid), rules)}")
        if not isinstance(opts, dict):
            raise ConfigError(where, f"rules.{rid}", f"must be a mapping of options, not {_type_name(opts)}")
        defaults = rules[rid].options
        for opt, val in opts.items():
            if opt not in defaults:
                have = ", ".join(sorted(defaults)) or "none"
                raise ConfigError(where, f"rules.{rid}.{opt}", f"unknown option{close_match(str(opt), defaults)}; options: {have}")
            if not _option_ok(defaults[opt], val):
                raise ConfigError(where, f"rules.{rid}.{opt}", f"must be {_shape_name(defaults[opt])}, not {_type_name(val)}")
        checked[rid] = dict(opts)
    return checked


def _check_vocabulary(where: str, key: str, value: Any) -> dict[str, tuple[str, ...]]:
    """``vocabulary.accept`` / ``vocabulary.reject`` as flat keys, so that layers merge them like lists."""
    if not isinstance(value, dict):
        raise ConfigError(where, key, f"must be a mapping with 'accept' and 'reject', not {_type_name(value)}")
    out = {}
    for sub, words in value.items():
        if sub not in ("accept", "reject"):
            raise ConfigError(where, f"vocabulary.{sub}", f"unknown key{close_match(str(sub), ('accept', 'reject'))}")
        out[f"vocabulary.{sub}"] = _str_list(where, f"vocabulary.{sub}", words)
    return out


def _check_string(where: str, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(where, key, f"must be a string, not {_type_name(value)}")
    return value


def _check_fail_on(where: str, key: str, value: Any) -> str:
    if value not in FAIL_ON:
        raise ConfigError(where, key, f"{value!r} is not one of {', '.join(FAIL_ON)}{close_match(str(value), FAIL_ON)}")
    return str(value)


def _check_fail_under(where: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(where, key, "must be a number from 0 to 100")
    return float(value)


def _check_weights(where: str, key: str, value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ConfigError(where, key, "must map severities to points")
    for sev, pts in value.items():
        if sev not in SEVERITIES:
            raise ConfigError(where, f"weights.{sev}", f"not a severity{close_match(str(sev), SEVERITIES)}")
        if isinstance(pts, bool) or not isinstance(pts, (int, float)) or pts < 0:
            raise ConfigError(where, f"weights.{sev}", "must be a number of points, 0 or more")
    return {k: float(v) for k, v in value.items()}


def _check_language(where: str, key: str, value: Any) -> str:
    if value is False:
        value = "off"  # YAML 1.1 reads an unquoted off as false
    if value not in LANGUAGES:
        raise ConfigError(where, key, f"{value!r} is not one of {', '.join(LANGUAGES)} (askwell's rules are "
                          f"English; 'off' lints every item as English){close_match(str(value), LANGUAGES)}")
    return str(value)


def _check_audience(where: str, key: str, value: Any) -> str:
    # Checked against the profiles after merging: a config may define its own audience
    # profile in the glossary-term rule's ``levels`` option.
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(where, key, "must be an audience name")
    return value


def _validate(raw: dict[str, Any], where: str, rules: dict[str, Rule]) -> dict[str, Any]:
    """Check every key of one config mapping against the run's rules; returns the normalised mapping."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in KEYS:
            raise ConfigError(where, str(key), f"unknown key{close_match(str(key), KEYS)}")
        if key in ("select", "ignore"):
            out[key] = _selectors(where, key, value, set(rules))
        elif key == "exclude":
            out[key] = _str_list(where, key, value)
        elif key in ("extends", "model"):
            out[key] = _check_string(where, key, value)
        elif key == "severity":
            out[key] = _check_severity(where, key, value, rules)
        elif key == "rules":
            out[key] = _check_rule_options(where, key, value, rules)
        elif key == "vocabulary":
            out.update(_check_vocabulary(where, key, value))
        else:
            out[key] = _SCALAR_CHECKS[key](where, key, value)
    return out


# Keys whose check needs neither the rules nor more than one output key.
_SCALAR_CHECKS = {"fail_on": _check_fail_on, "fail_under": _check_fail_under, "weights": _check_weights,
                  "language": _check_language, "audience": _check_audience}


# --- files and merging ------------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: no setting needs one, and they make "billion laughs"."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, f"aliases (*{event.anchor}) are not allowed in config files",
                                              event.start_mark)
        return super().compose_node(parent, index)


def _read_yaml(path: Path) -> Any:
    """A YAML config file, safely: no objects, no aliases; every failure a one-line ConfigError."""
    try:
        text = decode(path.read_bytes(), str(path))
        return yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    except InputError as exc:
        where = str(path) + "".join(f":{n}" for n in (exc.line, exc.column) if n is not None)
        raise ConfigError(where, None, exc.detail) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}", None, f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), None, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise ConfigError(str(path), None, "invalid YAML: nested too deeply") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw askwell mapping of a config file (YAML, or ``[tool.askwell]`` in pyproject.toml)."""
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), None, f"cannot read: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
        except RecursionError:
            raise ConfigError(str(path), None, "invalid TOML: nested too deeply") from None
        raw = data.get("tool", {}).get("askwell", {})
    else:
        raw = _read_yaml(path)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(str(path), None, f"must be a mapping of settings, not {_type_name(raw)}")
    return raw


def _resolve_extends(name: str, base: Path | None, where: str, packs: Packs) -> Path:
    found = preset_path(name, packs.root)
    if found:
        return found
    candidate = (base / name) if base else Path(name)
    if candidate.is_file():
        return candidate
    presets = preset_names(packs.root)
    raise ConfigError(where, "extends", f"no preset or file {name!r}{close_match(name, presets)}; presets: {', '.join(presets)}")


def _layers(path: Path, packs: Packs, seen: tuple[Path, ...] = ()) -> list[tuple[str, dict[str, Any]]]:
    """The chain of validated mappings from the root preset down to ``path``."""
    resolved = path.resolve()
    if resolved in seen:
        raise ConfigError(str(path), "extends", "extends itself (a cycle)")
    raw = read_config_file(path)
    where = str(path)
    checked = _validate(raw, where, packs.by_id())
    parents: list[tuple[str, dict[str, Any]]] = []
    if "extends" in checked:
        parent = _resolve_extends(checked["extends"], path.parent, where, packs)
        parents = _layers(parent, packs, seen + (resolved,))
    return parents + [(where, checked)]


def _merge(layers: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if key in ("severity", "weights"):
                merged[key] = {**merged.get(key, {}), **value}
            elif key == "rules":
                rules = {k: dict(v) for k, v in merged.get("rules", {}).items()}
                for rid, opts in value.items():
                    rules[rid] = {**rules.get(rid, {}), **opts}
                merged[key] = rules
            elif key in ("ignore", "exclude", "vocabulary.accept", "vocabulary.reject"):
                merged[key] = tuple(dict.fromkeys(merged.get(key, ()) + tuple(value)))
            else:
                merged[key] = value
    return merged


def discover(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: ``.askwell.yaml``, ``askwell.yaml``, or a
    ``pyproject.toml`` with a ``[tool.askwell]`` table."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    if "askwell" not in tomllib.loads(candidate.read_text(encoding="utf-8")).get("tool", {}):
                        continue
                except (OSError, UnicodeDecodeError, RecursionError, tomllib.TOMLDecodeError):
                    continue
            return candidate
    return None


def load(config_path: Path | None, overrides: dict[str, Any] | None = None, packs: Packs | None = None) -> Config:
    """Build the run's Config: the default preset, then the config file chain, then CLI overrides.

    ``packs`` are the rule packs of the run (parsed here when not given); the Config carries them.
    """
    packs = packs or load_packs()
    default = preset_path("carpentries", packs.root)
    layers = [checked for _, checked in _layers(default, packs)] if default else []
    if config_path is not None:
        if not config_path.is_file():
            raise ConfigError(str(config_path), None, "config file not found")
        chain = _layers(config_path, packs)
        layers += [checked for _, checked in chain]
    if overrides:
        layers.append(_validate(overrides, "command line", packs.by_id()))
    merged = _merge(layers)
    if "audience" in merged:
        levels = packs.by_id().get("glossary-term")
        profiles = set(AUDIENCES) | set(merged.get("rules", {}).get("glossary-term", {}).get("levels", {}))
        profiles |= set((levels.options.get("levels") or {}) if levels else ())
        if merged["audience"] not in profiles:
            where = str(config_path) if config_path else "command line"
            raise ConfigError(where, "audience", f"{merged['audience']!r} is not one of {', '.join(sorted(profiles))}"
                              f"{close_match(merged['audience'], profiles)} (define new profiles under "
                              "rules.glossary-term.levels)")
    fields: dict[str, Any] = {k: v for k, v in merged.items() if k in Config.__dataclass_fields__}
    fields["accept"] = merged.get("vocabulary.accept", ())
    fields["reject"] = merged.get("vocabulary.reject", ())
    fields["path"] = str(config_path) if config_path else None
    return Config(**fields, packs=packs)

