"""``python -m askwell``."""

from askwell.cli import entry

entry()
