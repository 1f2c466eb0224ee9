"""The askwell YAML survey format (``.yaml`` / ``.yml``).

::

    title: Post-workshop survey
    questions:                  # or sections: [{title, questions: [...]}]
      - id: pace
        text: How would you rate the pace of the workshop?   # askwell: ignore[rule-id]
        type: scale             # open | single | multiple | scale | yes-no (default: open)
        choices: [Too slow, About right, Too fast]
        required: false
        ignore: [rule-id]

The file is read with PyYAML's *compose* API only (nodes with source marks, no
object construction), so every question and choice knows where it sits, and
offsets inside multi-line plain, quoted and block scalars map back to file
positions.  Anchors, aliases and ``<<`` merge keys are how people share a scale
between questions; they are allowed while the document, with every alias
expanded, stays under ``MAX_EXPANDED`` nodes (a "billion laughs" document is
refused while it is parsed, before anything is expanded), and an alias to a node
that contains it is refused.  An aliased value keeps the position where it is
written out (its anchor).

Validation is strict and every message names the key path, e.g.
``questions[2].type``; but a problem costs only the question (or key) it is in:
every problem is reported (``InputErrors``) and every valid question still linted.
Top-level metadata keys (``name``, ``notes``, ``version``, ``authors``,
``licence``…) are accepted and not linted.
"""

from __future__ import annotations

import difflib
import re

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from askwell.errors import InputError, InputErrors, NotASurvey
from askwell.model import Choice, OffsetMap, Question

# No survey needs more; larger YAML is refused before parsing.
MAX_CHARS = 2_000_000

TYPES: tuple[str, ...] = ("open", "single", "multiple", "scale", "yes-no")
TOP_KEYS: tuple[str, ...] = ("title", "description", "questions", "sections")
# What people write about a survey beside its questions: accepted as they are, not linted.
METADATA_KEYS: tuple[str, ...] = ("name", "notes", "version", "authors", "author", "licence", "license",
                                  "date", "url")
# Top-level keys starting with this are extension fields (as in Compose files): a place to
# keep anchors (``x-scales: {agree: &agree [...]}``) that questions refer to by alias.
EXTENSION_PREFIX = "x-"
SECTION_KEYS: tuple[str, ...] = ("title", "description", "questions")
QUESTION_KEYS: tuple[str, ...] = ("id", "text", "type", "choices", "required", "ignore")

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_SURROGATE = re.compile("[\ud800-\udfff]")
_IGNORE_COMMENT = re.compile(r"#\s*askwell:\s*ignore\b(?:\[([^\]]*)\])?", re.IGNORECASE)


# No survey nests anywhere near this deep; deeper documents are refused before composing.
MAX_DEPTH = 64
# Nodes in the document with every alias expanded (a 1,000-question survey sharing one
# 5-point scale by alias is about 12,000): past this it is a "billion laughs", not a survey.
MAX_EXPANDED = 100_000


def _refused(problem: str, event: yaml.events.Event) -> yaml.YAMLError:
    return yaml.composer.ComposerError(None, None, problem, event.start_mark)


class _Loader(yaml.SafeLoader):
    """Pure-Python SafeLoader that refuses deep nesting while composing (a second guard)."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(MappingStartEvent, SequenceStartEvent):
            if self._depth >= MAX_DEPTH:
                raise _refused(f"nested too deeply (more than {MAX_DEPTH} levels)", self.peek_event())
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


# libyaml is much faster, but its composer recurses in C (a deep document would crash
# the interpreter) and cannot be hooked: its events are checked first, in a flat loop.
_C_LOADER = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None


def _check_events(text: str, loader: type) -> None:
    """Refuse, from the event stream alone, documents too deep or too large once aliases expand.

    Each open collection counts its nodes with aliases expanded; an anchored node's
    count is kept for the aliases that name it, so the expanded size of the whole
    document is known without expanding anything.
    """
    open_nodes: list[list] = []  # [anchor, expanded size so far] of each collection still open
    sizes: dict[str, int] = {}  # anchor -> expanded size of the finished node it names
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            if len(open_nodes) >= MAX_DEPTH:
                raise _refused(f"nested too deeply (more than {MAX_DEPTH} levels)", event)
            open_nodes.append([event.anchor, 1])
            continue
        if isinstance(event, AliasEvent):
            if event.anchor not in sizes:
                inside = any(anchor == event.anchor for anchor, _ in open_nodes)
                raise _refused(f"alias *{event.anchor} refers to a node that contains it" if inside
                               else f"alias *{event.anchor} has no anchor before it", event)
            size = sizes[event.anchor]
        elif isinstance(event, ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = size
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            anchor, size = open_nodes.pop()
            if anchor:
                sizes[anchor] = size
        else:
            continue
        if open_nodes:
            open_nodes[-1][1] += size
            size = open_nodes[-1][1]
        if size > MAX_EXPANDED:
            raise _refused(f"aliases expand the document to more than {MAX_EXPANDED:,} nodes; "
                           "a survey needs far fewer", event)


def _compose(text: str) -> Node | None:
    """The document's node graph, with positions; deep nesting and alias bombs refused first."""
    loader = _C_LOADER or _Loader
    try:
        _check_events(text, loader)
    except yaml.MarkedYAMLError as exc:
        # Some libyaml builds stop deep flow collections in their scanner, ahead of the
        # events above; say it the same way whichever layer noticed.
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise yaml.composer.ComposerError(None, None, f"nested too deeply (more than {MAX_DEPTH} levels)",
                                              exc.problem_mark) from None
        raise
    return yaml.compose(text, Loader=loader)


def _line_end(text: str, index: int) -> int:
    """Index of the line break ending the line that holds ``index`` (or the text's length)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _suggest(word: str, options: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _misspelt(node: Node, wanted: str) -> bool:
    """True when the mapping has a key close to ``wanted`` (reported as unknown, with the match)."""
    keys = [k.value for k, _ in getattr(node, "value", ()) if isinstance(k, ScalarNode) and k.value != wanted]
    return bool(difflib.get_close_matches(wanted, keys, n=1, cutoff=0.6))


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing (null)"
    if node.tag == _BOOL:
        return "a boolean"
    if node.tag == _STR:
        return "a string"
    return "a number" if node.tag.endswith((":int", ":float")) else f"a scalar ({node.tag})"


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = OffsetMap.of_lines(text)
        # Every schema problem found so far; a problem costs only the part it is in.
        self.problems: list[InputError] = []

    # -- errors ------------------------------------------------------------------------

    def error(self, node: Node, key: str, message: str) -> InputError:
        line, column = self.lines.position(self._content_start(node))
        return InputError(self.path, f"{key}: {message}" if key else message, line, column)

    # -- node helpers ------------------------------------------------------------------

    def report(self, problem: InputError) -> None:
        """Keep a problem and read on."""
        self.problems.append(problem)

    def pairs(self, node: MappingNode, key: str) -> list[tuple[Node, Node]]:
        """The mapping's key/value pairs with ``<<`` merge keys applied (explicit keys win)."""
        explicit: list[tuple[Node, Node]] = []
        merged: list[tuple[Node, Node]] = []
        for k, v in node.value:
            if not (isinstance(k, ScalarNode) and k.tag == _MERGE):
                explicit.append((k, v))
                continue
            merges = v.value if isinstance(v, SequenceNode) else [v]
            if not all(isinstance(m, MappingNode) for m in merges):
                self.report(self.error(v, key, "'<<' merges a mapping (or a list of mappings) into this one"))
                continue
            for m in merges:
                merged.extend(self.pairs(m, key))
        taken = {k.value for k, _ in explicit if isinstance(k, ScalarNode)}
        for k, v in merged:
            name = k.value if isinstance(k, ScalarNode) else None
            if name is None or name not in taken:
                explicit.append((k, v))
                if name is not None:
                    taken.add(name)
        return explicit

    def mapping(self, node: Node, key: str, allowed: tuple[str, ...],
                accepted: tuple[str, ...] = ()) -> dict[str, tuple[ScalarNode, Node]]:
        """The allowed keys of a mapping; unknown and duplicate keys are reported and left out.

        ``accepted`` keys (metadata) are allowed but not returned.
        """
        if not isinstance(node, MappingNode):
            raise self.error(node, key, f"expected a mapping, got {_kind(node)}")
        out: dict[str, tuple[ScalarNode, Node]] = {}
        for k, v in self.pairs(node, key):
            if not isinstance(k, ScalarNode):
                self.report(self.error(k, key, "keys must be plain names, not a list or mapping"))
                continue
            name = k.value
            if name in accepted or (not key and name.startswith(EXTENSION_PREFIX)):
                continue
            if name not in allowed:
                where = f"{key}: unknown key" if key else "unknown top-level key"
                self.report(self.error(k, "", f"{where} {name!r}{_suggest(name, allowed + accepted)}; "
                                       f"expected one of {', '.join(allowed + accepted)}"))
                continue
            if name in out:
                line, _ = self.lines.position(out[name][0].start_mark.index)
                self.report(self.error(k, key, f"duplicate key {name!r} (first at line {line})"))
                continue
            out[name] = (k, v)
        return out

    def string(self, node: Node, key: str, *, allow_empty: bool = False) -> str:
        """Any scalar as written in the file (``Yes`` stays ``Yes``); lists, maps, null refused."""
        if not isinstance(node, ScalarNode) or (node.tag == _NULL and not node.style and not allow_empty):
            raise self.error(node, key, f"expected a string, got {_kind(node)}")
        value = "" if node.tag == _NULL and not node.style else node.value
        if not value.strip() and not allow_empty:
            raise self.error(node, key, "is empty")
        if _SURROGATE.search(value):
            raise self.error(node, key, "holds a lone surrogate escape (half of a character)")
        return value

    def sequence(self, node: Node, key: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.error(node, key, f"expected a list, got {_kind(node)}")
        return list(node.value)

    # -- positions ---------------------------------------------------------------------

    def _content_start(self, node: Node) -> int:
        """Index of the node's own first character, after any anchor (&a) or tag (!!str)."""
        text, i = self.text, node.start_mark.index
        end = node.end_mark.index
        while i < end and text[i] in "&!":
            while i < end and text[i] not in " \t\n":
                i += 1
            while i < end and text[i] in " \t\n":
                i += 1
        return i

    def indices(self, node: ScalarNode) -> list[int | None]:
        """For each character of ``node.value``, its index in the file (None where synthetic).

        Exact for plain, quoted and block scalars without escapes; folded line breaks
        map to the end of the line before; escapes map to their backslash.
        """
        j, end = self._body(node)
        out: list[int | None] = []
        for c in node.value:
            index, j = self._place(c, j, end, node.style)
            out.append(index)
        return out

    def _body(self, node: ScalarNode) -> tuple[int, int]:
        """Where the scalar's characters are written: inside its quotes, or below a block's ``|``/``>`` line."""
        text = self.text
        j = self._content_start(node)
        end = min(node.end_mark.index, len(text))
        if node.style in ("'", '"'):
            j += 1
            end -= 1  # closing quote
        elif node.style in ("|", ">"):
            newline = text.find("\n", j, end)
            j = end if newline < 0 else newline + 1
        return j, end

    def _place(self, c: str, j: int, end: int, style: str | None) -> tuple[int | None, int]:
        """The file index of value character ``c``, read on from ``j`` (None: nothing in the file
        stands for it), and the index to read the next character from."""
        if j >= end:
            return None, j
        text = self.text
        s = text[j]
        if style == "'" and c == "'" and text.startswith("''", j):
            return j, j + 2
        if style == '"' and s == "\\":
            j = self._past_escaped_breaks(j, end)
            if j < end and text[j] == "\\":
                nxt = text[j + 1] if j + 1 < end else ""
                return j, j + {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
            s = text[j] if j < end else ""
        if s == c:
            return j, j + 1
        if s in " \t\n":
            k = j
            while k < end and text[k] in " \t\n":
                k += 1
            if k < end and text[k] == c:
                return k, k + 1
            if c in " \n":  # folded break, nothing in the file stands for it
                return None, k
        found = text.find(c, j, min(end, j + 8))
        return (found, found + 1) if found >= 0 else (None, j)

    def _past_escaped_breaks(self, j: int, end: int) -> int:
        """Past any escaped line breaks at ``j`` in a double-quoted scalar: they produce nothing,
        so skip each and the next line's indent."""
        text = self.text
        while j < end and text[j] == "\\" and j + 1 < end and text[j + 1] == "\n":
            j += 2
            while j < end and text[j] in " \t":
                j += 1
        return j

    def located(self, node: ScalarNode, value: str) -> tuple[str, int, int, OffsetMap]:
        """The stripped value with its first character's line/column and offset map."""
        idx = self.indices(node)
        lead = len(value) - len(value.lstrip())
        stripped = value.strip()
        idx = idx[lead:lead + len(stripped)]
        first = next((i for i in idx if i is not None), self._content_start(node))
        offsets = OffsetMap.of_indices(idx, self.text, self.lines, first)
        line, column = offsets.position(0)
        return stripped, line, column, offsets

    def inline_ignores(self, key: ScalarNode, value: ScalarNode) -> set[str]:
        """``# askwell: ignore[...]`` comments on the ``text:`` line (and the value's last line)."""
        regions = [(key.end_mark.index, self._content_start(value))]
        start = self._content_start(value)
        if value.style in ("|", ">"):
            regions.append((start, _line_end(self.text, start)))
        else:
            end = value.end_mark.index
            regions.append((end, _line_end(self.text, end)))
        found: set[str] = set()
        for a, b in regions:
            for m in _IGNORE_COMMENT.finditer(self.text, a, max(a, b)):
                if m.group(1) is None:
                    found.add("all")
                else:
                    found.update(x.strip() for x in m.group(1).split(",") if x.strip())
        return found

    # -- the survey ----------------------------------------------------------------------

    def survey(self, root: Node | None) -> list[Question]:
        """Every valid question of the document; problems are kept in ``self.problems``."""
        if not isinstance(root, MappingNode) or not any(
                isinstance(k, ScalarNode) and k.value in ("questions", "sections") for k, _ in root.value):
            raise NotASurvey("not an askwell survey (no 'questions' or 'sections' key)")
        top = self.mapping(root, "", TOP_KEYS, METADATA_KEYS)
        title = self.attempt(self.string, top["title"][1], "title") if "title" in top else None
        if "description" in top:
            self.attempt(self.string, top["description"][1], "description", allow_empty=True)
        if "questions" in top and "sections" in top:
            self.report(self.error(top["sections"][0], "sections", "use either 'questions' or 'sections', not both"))
        questions: list[Question] = []
        ids: dict[str, int] = {}
        if "questions" in top:
            items = self.attempt(self.sequence, top["questions"][1], "questions") or []
            for i, node in enumerate(items):
                self.keep(questions, self.attempt(self.question, node, f"questions[{i}]", title, None, ids))
        if "sections" in top:
            for s, snode in enumerate(self.attempt(self.sequence, top["sections"][1], "sections") or []):
                self.section(snode, f"sections[{s}]", title, ids, questions)
        return questions

    def attempt(self, read, *args, **kwargs):  # type: ignore[no-untyped-def]
        """``read(*args)``, or None with its problem kept when it raises one."""
        try:
            return read(*args, **kwargs)
        except InputError as problem:
            self.report(problem)
            return None

    @staticmethod
    def keep(questions: list[Question], question: Question | None) -> None:
        if question is not None:
            questions.append(question)

    def section(self, node: Node, key: str, title: str | None, ids: dict[str, int],
                questions: list[Question]) -> None:
        """The questions of one section (a problem in the section's own keys costs none of them)."""
        section = self.attempt(self.mapping, node, key, SECTION_KEYS)
        if section is None:
            return
        name = self.attempt(self.string, section["title"][1], f"{key}.title") if "title" in section else None
        if "description" in section:
            self.attempt(self.string, section["description"][1], f"{key}.description", allow_empty=True)
        if "questions" not in section:
            if not _misspelt(node, "questions"):
                self.report(self.error(node, key, "missing 'questions'"))
            return
        for i, qnode in enumerate(self.attempt(self.sequence, section["questions"][1], f"{key}.questions") or []):
            self.keep(questions, self.attempt(self.question, qnode, f"{key}.questions[{i}]", title, name, ids))

    def question(self, node: Node, key: str, title: str | None, section: str | None,
                 ids: dict[str, int]) -> Question | None:
        """One question, or None when it has a problem (every problem in it is reported)."""
        if isinstance(node, ScalarNode) and node.tag == _STR:
            # shorthand: a bare string is an open question
            text, line, column, offsets = self.located(node, self.string(node, key))
            return Question(text=text, path=self.path, line=line, column=column, offsets=offsets,
                            type="open", title=title, section=section)
        before = len(self.problems)
        fields = self.mapping(node, key, QUESTION_KEYS)
        located = None
        if "text" not in fields:
            if not _misspelt(node, "text"):  # else the unknown key's problem already says so
                self.report(self.error(node, key, "missing 'text' (the question as respondents read it)"))
        else:
            raw = self.attempt(self.string, fields["text"][1], f"{key}.text")
            if raw is not None:
                located = self.located(fields["text"][1], raw)  # type: ignore[arg-type]

        qid = None
        if "id" in fields:
            id_node = fields["id"][1]
            qid = self.attempt(self.string, id_node, f"{key}.id")
            qid = qid.strip() if qid is not None else None
            if qid is not None and qid in ids:
                self.report(self.error(id_node, f"{key}.id", f"duplicate id {qid!r} (first at line {ids[qid]})"))
            elif qid is not None:
                ids[qid] = self.lines.position(self._content_start(id_node))[0]

        qtype = "open"
        if "type" in fields:
            type_node = fields["type"][1]
            qtype = (self.attempt(self.string, type_node, f"{key}.type") or "open").strip()
            if qtype not in TYPES:
                self.report(self.error(type_node, f"{key}.type", f"{qtype!r} is not one of {', '.join(TYPES)}"
                                       f"{_suggest(qtype, TYPES)}"))

        choices = self.choices(fields["choices"][1], f"{key}.choices") if "choices" in fields else []

        required = None
        if "required" in fields:
            req_node = fields["required"][1]
            if not isinstance(req_node, ScalarNode) or req_node.tag != _BOOL:
                self.report(self.error(req_node, f"{key}.required",
                                       f"expected true or false, got {_kind(req_node)}"))
            else:
                required = req_node.value.lower() in ("true", "yes", "on", "y")

        ignore = self.ignores(fields["ignore"][1], f"{key}.ignore") if "ignore" in fields else set()
        if located is None or len(self.problems) > before:
            return None
        ignore |= self.inline_ignores(fields["text"][0], fields["text"][1])  # type: ignore[arg-type]
        text, line, column, offsets = located
        return Question(text=text, path=self.path, line=line, column=column, offsets=offsets, id=qid,
                        type=qtype, choices=tuple(choices), title=title, section=section,
                        required=required, ignore=frozenset(ignore))

    def choices(self, node: Node, key: str) -> list[Choice]:
        """The answer options of a question; each bad one is reported."""
        out: list[Choice] = []
        for c, cnode in enumerate(self.attempt(self.sequence, node, key) or []):
            ckey = f"{key}[{c}]"
            if not isinstance(cnode, ScalarNode):
                self.report(self.error(cnode, ckey, f"expected a string, got {_kind(cnode)}"))
                continue
            value = self.attempt(self.string, cnode, ckey)
            if value is not None:
                ctext, cline, ccol, _ = self.located(cnode, value)
                out.append(Choice(ctext, cline, ccol))
        return out

    def ignores(self, node: Node, key: str) -> set[str]:
        """Rule ids of an ``ignore:`` key: one string or a list of them."""
        if isinstance(node, ScalarNode):
            value = self.attempt(self.string, node, key)
            return {value.strip()} if value is not None else set()
        found: set[str] = set()
        for r, rnode in enumerate(self.attempt(self.sequence, node, key) or []):
            value = self.attempt(self.string, rnode, f"{key}[{r}]")
            if value is not None:
                found.add(value.strip())
        return found


def _yaml_error(exc: yaml.YAMLError, text: str, path: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = column = None
    if mark is not None:
        index = min(max(mark.index, 0), len(text))
        line, column = OffsetMap.of_lines(text).position(index)
    elif isinstance(exc, yaml.reader.ReaderError):
        line, column = OffsetMap.of_lines(text).position(min(max(exc.position, 0), len(text)))
        return InputError(path, f"invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}"
                          if isinstance(exc.character, int) else f"invalid YAML: {exc.reason}", line, column)
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["unreadable"])[0]
    context = getattr(exc, "context", None)
    if context and problem.startswith("but "):
        message = f"invalid YAML: {context}, {problem}"
    else:
        message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    return InputError(path, " ".join(message.split()), line, column)


def extract(text: str, path: str) -> list[Question]:
    """Questions of an askwell YAML survey; NotASurvey for other YAML.

    InputError when the file cannot be read as a survey at all; InputErrors (every
    problem, plus the questions that are valid) when some parts break the schema.
    """
    if len(text) > MAX_CHARS:
        raise InputError(path, f"YAML file too large for a survey ({len(text)} characters; limit {MAX_CHARS})")
    try:
        root = _compose(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, path) from None
    except RecursionError:
        raise InputError(path, "invalid YAML: nested too deeply") from None
    except (ValueError, TypeError, IndexError) as exc:  # defensive: a scanner corner case
        raise InputError(path, f"invalid YAML: {exc}") from None
    reader = _Reader(text, path)
    try:
        questions = reader.survey(root)
    except RecursionError:
        raise InputError(path, "survey nested too deeply") from None
    if reader.problems:
        # In file order, each once (a shared node read through several aliases is reported
        # where it is written, once).
        problems = list({(p.line, p.column, p.detail): p for p in sorted(
            reader.problems, key=lambda p: (p.line or 0, p.column or 0))}.values())
        raise InputErrors(problems, questions)
    return questions
