"""Reporters: one small class per output format, each turning a ``Report`` into a string.

Reporters never import spaCy and never print; the CLI writes what they return.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Protocol

from askwell.model import Report
from askwell.rules.packs import Packs

# format name -> "module:Class"; imported only when chosen.
FORMATS: dict[str, str] = {
    "text": "askwell.reporters.text:TextReporter",
    "json": "askwell.reporters.json_report:JsonReporter",
    "sarif": "askwell.reporters.sarif:SarifReporter",
    "github": "askwell.reporters.github:GithubReporter",
    "markdown": "askwell.reporters.markdown:MarkdownReporter",
    "html": "askwell.reporters.html:HtmlReporter",
}


class Reporter(Protocol):
    """What every reporter offers."""

    def render(self, report: Report) -> str:
        """The whole output for one run."""


def available() -> list[str]:
    """Format names whose module ships with this version."""
    names = []
    for name, target in FORMATS.items():
        module = target.split(":")[0]
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    return names


def get(name: str, color: bool = False, values: bool = False, packs: Packs | None = None) -> Reporter:
    """An instance of the reporter for ``name``; ``values`` (every core-value bar) concerns text only.

    ``packs`` are the run's rule packs (value names, rule docs); without them a reporter parses its own.
    """
    module_name, cls_name = FORMATS[name].split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(color=color, values=values, packs=packs) if name == "text" else cls(color=color, packs=packs)
