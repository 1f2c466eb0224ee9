"""``python -m askwell``."""

from askwell.cli import main

main()
