"""User errors (exit code 2), kept apart from bugs (tracebacks)."""

from __future__ import annotations


class AskwellError(Exception):
    """A mistake in what the user gave askwell; shown as one line, exit code 2."""


class ConfigError(AskwellError):
    """A config file or option that is wrong: names the file and the key path."""

    def __init__(self, path: str, key: str | None, message: str) -> None:
        self.path = path
        self.key = key
        where = f"{path}: {key}" if key else path
        super().__init__(f"{where}: {message}")


class InputError(AskwellError):
    """A file that cannot be read or parsed; names the file and, where known, the place."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.detail = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class InputErrors(InputError):
    """Several problems in one file, and the questions that could still be read around them.

    Behaves as its first problem where one ``InputError`` is expected; ``problems`` holds
    them all, in file order, and ``questions`` what is still worth linting.
    """

    def __init__(self, problems: list[InputError], questions: list) -> None:  # type: ignore[type-arg]
        first = problems[0]
        super().__init__(first.path, first.detail, first.line, first.column)
        self.problems = tuple(problems)
        self.questions = list(questions)


class NotASurvey(Exception):
    """A file of a survey extension that holds something else (e.g. CI YAML): skipped with a note."""


class ModelError(AskwellError):
    """No usable spaCy pipeline is installed."""
