"""Message variants: one-line templates in a rule's YAML, filled with the values a check supplies.

A coded rule's YAML may hold ``messages:``, a mapping of variant name → template
with ``{name}`` placeholders (Python format fields: ``{share:.0%}``, ``{phrase!r}``).
Its check module lists what it fills in each variant in ``MESSAGES``, and yields
``Hit.saying(variant, start, end, name=value, …)``; the engine fills the template
where it builds the Finding. The wording thus lives with the rest of the rule's
documentation, and a methodologist can change it without reading Python.

Nothing here imports spaCy: the packs loader uses it to validate rule files.
"""

from __future__ import annotations

import re
import string
from typing import Any, Iterable, Mapping

VARIANT_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CONVERSIONS = (None, "r", "s")
_FORMATTER = string.Formatter()


def placeholders(template: str) -> tuple[str, ...]:
    """The names a template fills, in order of first use; ValueError on anything but plain named fields.

    Attribute and index access (``{a.b}``, ``{a[0]}``) and positional fields are refused: a
    template reads the values it is given, nothing reachable from them.
    """
    names: list[str] = []
    for _, name, spec, conversion in _FORMATTER.parse(template):
        if name is None:
            continue
        if not name.isidentifier():
            raise ValueError(f"placeholder {{{name}}} must be a plain name such as {{option}}")
        if conversion not in CONVERSIONS:
            raise ValueError(f"placeholder {{{name}!{conversion}}}: only !r and !s are allowed")
        if spec and "{" in spec:
            raise ValueError(f"placeholder {{{name}}}: a format spec cannot hold another placeholder")
        if name not in names:
            names.append(name)
    return tuple(names)


def fill(template: str, fields: Iterable[tuple[str, Any]]) -> str:
    """The template with every placeholder replaced by its value."""
    return _FORMATTER.vformat(template, (), dict(fields))


def mismatches(templates: Mapping[str, str], supplied: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    """(variant, problem) for every way a rule's templates and its check's ``MESSAGES`` disagree.

    A template the check never yields, a variant the check yields that the YAML lacks,
    and a placeholder the check does not fill are all mistakes: the first two leave
    dead or missing text, the last would fail when the message is built.
    """
    problems: list[tuple[str, str]] = []
    for variant, template in templates.items():
        if variant not in supplied:
            problems.append((variant, "the check has no such message variant"))
            continue
        missing = [p for p in placeholders(template) if p not in set(supplied[variant])]
        if missing:
            problems.append((variant, f"the check does not supply {', '.join('{' + m + '}' for m in missing)}"))
    for variant in supplied:
        if variant not in templates:
            problems.append((variant, "the check yields this variant but the rule file has no template for it"))
    return problems
