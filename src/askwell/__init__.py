"""askwell: a linter for the questions communities ask themselves."""

__version__ = "0.1.0"
