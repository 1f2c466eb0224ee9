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
positions.  Aliases are refused outright: a survey has no use for them and they
are how "billion laughs" documents blow up.  Validation is strict and every
message names the key path, e.g. ``questions[2].type``.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right

import yaml
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from askwell.errors import InputError, NotASurvey
from askwell.model import Choice, OffsetMap, Question, Segment

# No survey needs more; larger YAML is refused before parsing.
MAX_CHARS = 2_000_000

TYPES: tuple[str, ...] = ("open", "single", "multiple", "scale", "yes-no")
TOP_KEYS: tuple[str, ...] = ("title", "description", "questions", "sections")
SECTION_KEYS: tuple[str, ...] = ("title", "description", "questions")
QUESTION_KEYS: tuple[str, ...] = ("id", "text", "type", "choices", "required", "ignore")

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SURROGATE = re.compile("[\ud800-\udfff]")
_IGNORE_COMMENT = re.compile(r"#\s*askwell:\s*ignore\b(?:\[([^\]]*)\])?", re.IGNORECASE)


# No survey nests anywhere near this deep; deeper documents are refused before composing.
MAX_DEPTH = 64


def _refuse_alias(event: AliasEvent) -> yaml.YAMLError:
    return yaml.composer.ComposerError(
        None, None, f"aliases (*{event.anchor}) are not allowed in survey files", event.start_mark)


def _too_deep(event: yaml.events.Event) -> yaml.YAMLError:
    return yaml.composer.ComposerError(None, None, f"nested too deeply (more than {MAX_DEPTH} levels)",
                                       event.start_mark)


class _Loader(yaml.SafeLoader):
    """Pure-Python SafeLoader that refuses aliases and deep nesting while composing."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            raise _refuse_alias(self.peek_event())
        if self.check_event(MappingStartEvent, SequenceStartEvent):
            if self._depth >= MAX_DEPTH:
                raise _too_deep(self.peek_event())
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


# libyaml is much faster, but its composer recurses in C (a deep document would crash
# the interpreter) and cannot be hooked: its events are checked first, in a flat loop.
_C_LOADER = getattr(yaml, "CSafeLoader", None) if getattr(yaml, "__with_libyaml__", False) else None


def _compose(text: str) -> Node | None:
    """The document's node graph, with positions; aliases and deep nesting refused."""
    loader = _C_LOADER
    if loader is None:
        return yaml.compose(text, Loader=_Loader)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, AliasEvent):
                raise _refuse_alias(event)
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # Some libyaml builds stop deep flow collections in their scanner, ahead of the
        # events above; say it the same way whichever layer noticed.
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise yaml.composer.ComposerError(None, None, f"nested too deeply (more than {MAX_DEPTH} levels)",
                                              exc.problem_mark) from None
        raise
    return yaml.compose(text, Loader=loader)


class _Lines:
    """Character index in the text → 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def pos(self, index: int) -> tuple[int, int]:
        k = bisect_right(self.starts, index) - 1
        return k + 1, index - self.starts[k] + 1

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end


def _suggest(word: str, options: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


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
        self.lines = _Lines(text)

    # -- errors ------------------------------------------------------------------------

    def error(self, node: Node, key: str, message: str) -> InputError:
        line, column = self.lines.pos(self._content_start(node))
        return InputError(self.path, f"{key}: {message}" if key else message, line, column)

    # -- node helpers ------------------------------------------------------------------

    def mapping(self, node: Node, key: str, allowed: tuple[str, ...]) -> dict[str, tuple[ScalarNode, Node]]:
        if not isinstance(node, MappingNode):
            raise self.error(node, key, f"expected a mapping, got {_kind(node)}")
        out: dict[str, tuple[ScalarNode, Node]] = {}
        for k, v in node.value:
            if not isinstance(k, ScalarNode):
                raise self.error(k, key, "keys must be plain names, not a list or mapping")
            name = k.value
            if name not in allowed:
                where = f"{key}: unknown key" if key else "unknown top-level key"
                raise self.error(k, "", f"{where} {name!r}{_suggest(name, allowed)}; "
                                 f"expected one of {', '.join(allowed)}")
            if name in out:
                line, _ = self.lines.pos(out[name][0].start_mark.index)
                raise self.error(k, key, f"duplicate key {name!r} (first at line {line})")
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
        text, value = self.text, node.value
        j = self._content_start(node)
        end = min(node.end_mark.index, len(text))
        style = node.style
        if style in ("'", '"'):
            j += 1
            end -= 1  # closing quote
        elif style in ("|", ">"):
            newline = text.find("\n", j, end)
            j = end if newline < 0 else newline + 1
        out: list[int | None] = []
        for c in value:
            if j >= end:
                out.append(None)
                continue
            s = text[j]
            if style == "'" and c == "'" and text.startswith("''", j):
                out.append(j)
                j += 2
                continue
            if style == '"' and s == "\\":
                # an escaped line break produces nothing: skip it and the next line's indent
                while j < end and text[j] == "\\" and j + 1 < end and text[j + 1] == "\n":
                    j += 2
                    while j < end and text[j] in " \t":
                        j += 1
                if j < end and text[j] == "\\":
                    out.append(j)
                    nxt = text[j + 1] if j + 1 < end else ""
                    j += {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
                    continue
                s = text[j] if j < end else ""
            if s == c:
                out.append(j)
                j += 1
                continue
            if s in " \t\n":
                k = j
                while k < end and text[k] in " \t\n":
                    k += 1
                if k < end and text[k] == c:
                    out.append(k)
                    j = k + 1
                    continue
                if c in " \n":  # folded break, nothing in the file stands for it
                    out.append(None)
                    j = k
                    continue
            found = text.find(c, j, min(end, j + 8))
            if found >= 0:
                out.append(found)
                j = found + 1
            else:
                out.append(None)
        return out

    def offset_map(self, indices: list[int | None], first: int) -> OffsetMap:
        segments: list[Segment] = []
        prev: int | None = None
        for i, idx in enumerate(indices):
            if idx is None:
                continue
            if prev is None or idx != prev + 1 or self.text[prev] == "\n":
                line, column = self.lines.pos(idx)
                segments.append(Segment(i, line, column))
            prev = idx
        if not segments:
            line, column = self.lines.pos(first)
            segments.append(Segment(0, line, column))
        elif segments[0].offset != 0:
            s = segments[0]
            segments[0] = Segment(0, s.line, max(s.column - s.offset, 1))
        return OffsetMap(tuple(segments))

    def located(self, node: ScalarNode, value: str) -> tuple[str, int, int, OffsetMap]:
        """The stripped value with its first character's line/column and offset map."""
        idx = self.indices(node)
        lead = len(value) - len(value.lstrip())
        stripped = value.strip()
        idx = idx[lead:lead + len(stripped)]
        first = next((i for i in idx if i is not None), self._content_start(node))
        offsets = self.offset_map(idx, first)
        line, column = offsets.position(0)
        return stripped, line, column, offsets

    def inline_ignores(self, key: ScalarNode, value: ScalarNode) -> set[str]:
        """``# askwell: ignore[...]`` comments on the ``text:`` line (and the value's last line)."""
        regions = [(key.end_mark.index, self._content_start(value))]
        start = self._content_start(value)
        if value.style in ("|", ">"):
            regions.append((start, self.lines.line_end(start)))
        else:
            end = value.end_mark.index
            regions.append((end, self.lines.line_end(end)))
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
        if not isinstance(root, MappingNode) or not any(
                isinstance(k, ScalarNode) and k.value in ("questions", "sections") for k, _ in root.value):
            raise NotASurvey("not an askwell survey (no 'questions' or 'sections' key)")
        top = self.mapping(root, "", TOP_KEYS)
        title = self.string(top["title"][1], "title") if "title" in top else None
        if "description" in top:
            self.string(top["description"][1], "description", allow_empty=True)
        if "questions" in top and "sections" in top:
            raise self.error(top["sections"][0], "sections", "use either 'questions' or 'sections', not both")
        questions: list[Question] = []
        ids: dict[str, int] = {}
        if "questions" in top:
            for i, node in enumerate(self.sequence(top["questions"][1], "questions")):
                questions.append(self.question(node, f"questions[{i}]", title, None, ids))
            return questions
        for s, snode in enumerate(self.sequence(top["sections"][1], "sections")):
            skey = f"sections[{s}]"
            section = self.mapping(snode, skey, SECTION_KEYS)
            name = self.string(section["title"][1], f"{skey}.title") if "title" in section else None
            if "description" in section:
                self.string(section["description"][1], f"{skey}.description", allow_empty=True)
            if "questions" not in section:
                raise self.error(snode, skey, "missing 'questions'")
            for i, node in enumerate(self.sequence(section["questions"][1], f"{skey}.questions")):
                questions.append(self.question(node, f"{skey}.questions[{i}]", title, name, ids))
        return questions

    def question(self, node: Node, key: str, title: str | None, section: str | None,
                 ids: dict[str, int]) -> Question:
        if isinstance(node, ScalarNode) and node.tag == _STR:
            # shorthand: a bare string is an open question
            text, line, column, offsets = self.located(node, self.string(node, key))
            return Question(text=text, path=self.path, line=line, column=column, offsets=offsets,
                            type="open", title=title, section=section)
        fields = self.mapping(node, key, QUESTION_KEYS)
        if "text" not in fields:
            raise self.error(node, key, "missing 'text' (the question as respondents read it)")
        text_key, text_node = fields["text"]
        raw = self.string(text_node, f"{key}.text")
        assert isinstance(text_node, ScalarNode)
        text, line, column, offsets = self.located(text_node, raw)

        qid = None
        if "id" in fields:
            id_node = fields["id"][1]
            qid = self.string(id_node, f"{key}.id").strip()
            if qid in ids:
                raise self.error(id_node, f"{key}.id", f"duplicate id {qid!r} (first at line {ids[qid]})")
            ids[qid] = self.lines.pos(self._content_start(id_node))[0]

        qtype = "open"
        if "type" in fields:
            type_node = fields["type"][1]
            qtype = self.string(type_node, f"{key}.type").strip()
            if qtype not in TYPES:
                raise self.error(type_node, f"{key}.type", f"{qtype!r} is not one of {', '.join(TYPES)}"
                                 f"{_suggest(qtype, TYPES)}")

        choices: list[Choice] = []
        if "choices" in fields:
            for c, cnode in enumerate(self.sequence(fields["choices"][1], f"{key}.choices")):
                ckey = f"{key}.choices[{c}]"
                if not isinstance(cnode, ScalarNode):
                    raise self.error(cnode, ckey, f"expected a string, got {_kind(cnode)}")
                ctext, cline, ccol, _ = self.located(cnode, self.string(cnode, ckey))
                choices.append(Choice(ctext, cline, ccol))

        required = None
        if "required" in fields:
            req_node = fields["required"][1]
            if not isinstance(req_node, ScalarNode) or req_node.tag != _BOOL:
                raise self.error(req_node, f"{key}.required", f"expected true or false, got {_kind(req_node)}")
            required = req_node.value.lower() in ("true", "yes", "on", "y")

        ignore: set[str] = set()
        if "ignore" in fields:
            ign_node = fields["ignore"][1]
            if isinstance(ign_node, ScalarNode):
                ignore.add(self.string(ign_node, f"{key}.ignore").strip())
            else:
                for r, rnode in enumerate(self.sequence(ign_node, f"{key}.ignore")):
                    ignore.add(self.string(rnode, f"{key}.ignore[{r}]").strip())
        ignore |= self.inline_ignores(text_key, text_node)

        return Question(text=text, path=self.path, line=line, column=column, offsets=offsets, id=qid,
                        type=qtype, choices=tuple(choices), title=title, section=section,
                        required=required, ignore=frozenset(ignore))


def _yaml_error(exc: yaml.YAMLError, text: str, path: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = column = None
    if mark is not None:
        index = min(max(mark.index, 0), len(text))
        line, column = _Lines(text).pos(index)
    elif isinstance(exc, yaml.reader.ReaderError):
        line, column = _Lines(text).pos(min(max(exc.position, 0), len(text)))
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
    """Questions of an askwell YAML survey; NotASurvey for other YAML; InputError when invalid."""
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
    try:
        return _Reader(text, path).survey(root)
    except RecursionError:
        raise InputError(path, "survey nested too deeply") from None
