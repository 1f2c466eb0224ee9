"""Markdown pages: the questions are the sentences ending in "?" in a page's prose.

Prose is what markdown-it-py finds in paragraphs, headings (ATX and setext), list
items, blockquotes and table cells.  Front matter, code blocks, HTML blocks and
comments, Liquid/Jinja tags and kramdown attribute lists are never linted.

Positions must be exact, but markdown-it gives block tokens line ranges only, so
the extractor works in three steps:

1. Template syntax (Liquid/Jinja tags, kramdown IALs) is overwritten with a
   placeholder character of the same length before parsing.  Line and column
   numbers stay put, Markdown structure does not change (a placeholder is plain
   text, unlike spaces, which could turn a line into an indented code block),
   and characters under the placeholders are dropped afterwards.
2. Each ``inline`` token's content is located on its source lines (after any
   blockquote or list-marker prefix), and its children are matched forward
   through that raw content, so every kept character gets a line and column.
3. The block's plain text is split into sentences; those ending in "?" become
   ``Question`` objects with an ``OffsetMap`` built from the character positions.

The extractor never raises on text: where exact matching fails it keeps the best
position it has.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from askwell.errors import InputError
from askwell.model import OffsetMap, Question, Segment

_MD = MarkdownIt("commonmark").enable("table")

# A private-use character: markdown-it treats it as an ordinary letter.
PLACEHOLDER = "\ue000"

# How far ahead a piece of inline content is looked for when it is not exactly
# where expected; bounded so that a bad guess costs little on long lines.
_WINDOW = 64

_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

# Template syntax.  Block forms hide everything up to their end tag; single tags
# hide themselves.  The Jinja comment needs a space or "-" after "{#" so that a
# kramdown/pandoc header id such as "{#intro}" is not taken for one.
_OPENER = re.compile(
    r"(?P<lblock>\{%-?\s*(?P<lname>comment|raw)\s*-?%\})"
    r"|(?P<kblock>\{::(?P<kname>comment|nomarkdown)\b[^}\n]*\})"
    r"|(?P<tag>\{%|\{\{|\{#[\s-])"
    r"|(?P<ial>\{:[^}\n]*\}|\{#[A-Za-z][^}\n]*\})"
)
_LIQUID_END = {
    "comment": re.compile(r"\{%-?\s*endcomment\s*-?%\}"),
    "raw": re.compile(r"\{%-?\s*endraw\s*-?%\}"),
}
_KRAMDOWN_END = {
    "comment": re.compile(r"\{:/(?:comment)?\}"),
    "nomarkdown": re.compile(r"\{:/(?:nomarkdown)?\}"),
}
_TAG_END = {"{%": "%}", "{{": "}}", "{#": "#}"}

# An address is only tried from the start of a run of its characters: tried at every
# position, a long run without "@" (a base64 image, say) cost quadratic time.
_URL = re.compile(r"(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")

_QUESTION_MARKS = frozenset("?\uff1f\u061f")
_TERMINATORS = _QUESTION_MARKS | frozenset(".!")
# What may follow a sentence's final mark and still belong to the sentence.
_CLOSERS = frozenset("\"'\u201d\u2019\u00bb\u203a)]}*_")
_QUOTES = frozenset("\"'\u201d\u2019\u00bb\u203a")
_OPENING_BRACKETS = {"(": ")", "[": "]"}
# A period after these never ends a sentence ("e.g. Python", "Dr. Lee").
_ABBREVIATIONS = frozenset(
    "e.g eg i.e ie cf vs viz dr mr mrs ms prof st jr sr fig approx incl ca dept resp".split()
)
_GAP_PUNCTUATION = frozenset("?!.,;:")
_TASK_BOX = re.compile(r"\[[ xX]\] ")


class _Char(NamedTuple):
    """One character of a block's plain text and where it sits in the file."""

    ch: str
    line: int
    column: int
    masked: bool  # inline code, autolink or URL: kept in the text, ignored by rules


class _Source:
    """The page as read and as parsed: original text, parsed lines and hidden characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        self.front_matter_lines, self.title = _front_matter(self.lines)
        body = self.starts[self.front_matter_lines] if self.front_matter_lines < len(self.lines) else len(text)
        self.hidden = _hide_templates(text, body)
        self.lines_with_hidden: set[int] = set()  # 1-based
        self.parsed_lines = self._prepare()

    def _prepare(self) -> list[str]:
        """Source lines for the parser: front matter blanked, hidden characters replaced."""
        out: list[str] = []
        for number, line in enumerate(self.lines):
            if number < self.front_matter_lines:
                out.append("")
                continue
            start = self.starts[number]
            mask = self.hidden[start:start + len(line)]
            if any(mask):
                self.lines_with_hidden.add(number + 1)
                line = "".join(PLACEHOLDER if m else c for c, m in zip(line, mask))
            out.append(line)
        return out

    def is_hidden(self, line: int, column: int) -> bool:
        """True when the character at 1-based ``line``/``column`` was template syntax."""
        if not 1 <= line <= len(self.lines) or not 1 <= column <= len(self.lines[line - 1]):
            return False
        return bool(self.hidden[self.starts[line - 1] + column - 1])

    def original(self, line: int, column: int, default: str) -> str:
        """The character as written at ``line``/``column`` (before hiding)."""
        if 1 <= line <= len(self.lines) and 1 <= column <= len(self.lines[line - 1]):
            return self.lines[line - 1][column - 1]
        return default


def extract(text: str, path: str) -> list[Question]:
    """Every sentence ending in "?" in the page's prose, with exact positions."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    source = _Source(text)
    try:
        tokens = _MD.parse("\n".join(source.parsed_lines))
    except RecursionError:
        raise InputError(path, "Markdown nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the run, nor pass unseen
        detail = " ".join(str(exc).split())[:200]
        raise InputError(path, f"the Markdown parser failed on this file ({exc.__class__.__name__}"
                         f"{': ' + detail if detail else ''}); no questions read") from None

    blocks: list[tuple[list[_Char], str | None]] = []  # (plain text, section)
    title = source.title
    section: str | None = None
    table_cursor: dict[int, int] = {}  # row line -> column where the next cell is looked for
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        parent = tokens[index - 1] if index else None
        chars = _block_chars(token, parent, source, table_cursor)
        if parent is not None and parent.type == "heading_open":
            heading = _plain(chars) or None
            if title is None and parent.tag == "h1":
                title = heading
            blocks.append((chars, section))
            section = heading
        else:
            blocks.append((chars, section))

    questions: list[Question] = []
    for chars, block_section in blocks:
        questions.extend(_questions(chars, path, title, block_section))
    return questions


def _front_matter(lines: Sequence[str]) -> tuple[int, str | None]:
    """Number of lines of YAML front matter at the top (0 if none) and its ``title``."""
    if not lines or lines[0].rstrip() != "---":
        return 0, None
    for number in range(1, len(lines)):
        if lines[number].rstrip() in ("---", "..."):
            break
    else:
        return 0, None  # no closing line: a thematic break, not front matter
    title: str | None = None
    try:
        data = yaml.safe_load("\n".join(lines[1:number]))
    except Exception:  # noqa: BLE001 - front matter is Jekyll's to validate; a broken one has no title
        data = None
    if isinstance(data, dict):
        value = data.get("title")
        if isinstance(value, (str, int, float)) and str(value).strip():
            title = str(value).strip()
    return number + 1, title


def _hide_templates(text: str, start: int) -> bytearray:
    """Mark Liquid/Jinja tags and blocks and kramdown IALs/extensions from ``start`` on.

    Each opener is searched for its end once; when an end tag is missing, no later
    opener of that kind can find one either, so it is never searched for again,
    which keeps the scan linear.
    """
    hidden = bytearray(len(text))
    exhausted: set[str] = set()
    pos = start
    while True:
        match = _OPENER.search(text, pos)
        if match is None:
            return hidden
        begin, end = match.span()
        if match.group("lblock") or match.group("kblock"):
            name = match.group("lname") or match.group("kname")
            ends = _LIQUID_END if match.group("lblock") else _KRAMDOWN_END
            key = ("l" if match.group("lblock") else "k") + name
            closing = None if key in exhausted else ends[name].search(text, end)
            if closing is None:
                exhausted.add(key)
            else:
                end = closing.end()
        elif match.group("tag"):
            opener = match.group("tag")[:2]
            closing_at = -1 if opener in exhausted else text.find(_TAG_END[opener], end)
            if closing_at < 0:
                # A stray "{{" in prose is text, not a tag.
                exhausted.add(opener)
                pos = begin + 2
                continue
            end = closing_at + 2
        _hide(text, hidden, begin, end)
        pos = end


def _hide(text: str, hidden: bytearray, begin: int, end: int) -> None:
    """Hide ``text[begin:end]`` line by line, leaving whitespace around each line's part.

    Keeping line-edge whitespace means a blank line inside a Liquid comment stays
    blank, so paragraphs around it split the way they do in the raw page.
    """
    line_start = begin
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline < 0 else newline
        piece = text[line_start:line_end]
        stripped = piece.strip(" \t")
        if stripped:
            first = line_start + len(piece) - len(piece.lstrip(" \t"))
            hidden[first:first + len(stripped)] = b"\x01" * len(stripped)
        line_start = line_end + 1


def _block_chars(token: Token, parent: Token | None, source: _Source,
                 table_cursor: dict[int, int]) -> list[_Char]:
    """The characters of one inline token, each with its file position."""
    if parent is not None and parent.type in ("th_open", "td_open"):
        raw, position = _locate_cell(token, source, table_cursor)
    else:
        atx = parent is not None and parent.type == "heading_open" and parent.markup.startswith("#")
        raw, position = _locate_lines(token, source, atx)
    walker = _InlineWalker(raw, position, source)
    walker.walk(token.children or [])
    return walker.out


def _locate_lines(token: Token, source: _Source, atx: bool) -> tuple[str, Callable[[int], tuple[int, int]]]:
    """Map offsets in a paragraph's or heading's content to file positions.

    markdown-it's content is the block's lines with prefixes (blockquote markers,
    list indentation) removed, so each content line is a suffix of its source
    line; an ATX heading's content is followed by optional closing "#"s instead.
    """
    raw = token.content
    assert token.map is not None
    lines = source.parsed_lines
    content_lines = raw.split("\n")
    # Content lines follow source lines one to one, except that stripping the
    # content can drop lines of Unicode whitespace at either end: the slack says
    # how many source lines may be passed over looking for the next content line.
    number = min(token.map[0], len(lines) - 1)
    slack = max(min(token.map[1], len(lines)) - number - len(content_lines), 0)
    offsets: list[int] = []
    anchors: list[tuple[int, int]] = []  # (1-based line, 0-based column of content offset 0 on it)
    offset = 0
    for content_line in content_lines:
        target = content_line.strip()
        for candidate in range(number, min(number + slack, len(lines) - 1) + 1):
            if target and target in lines[candidate]:
                slack -= candidate - number
                number = candidate
                break
        line = lines[number]
        lead = len(content_line) - len(content_line.lstrip())
        trimmed = line.rstrip()
        if target and not atx and trimmed.endswith(target):
            column = len(trimmed) - len(content_line.rstrip())
        else:
            floor = 0
            if atx:  # look past the opening "#"s, which the content never starts with
                floor = line.find("#")
                while 0 <= floor < len(line) and line[floor] == "#":
                    floor += 1
                floor = max(floor, 0)
            found = line.find(target, floor) if target else -1
            if found < 0:
                found = floor + len(line[floor:]) - len(line[floor:].lstrip())
            column = found - lead
        offsets.append(offset)
        anchors.append((number + 1, column))
        offset += len(content_line) + 1
        number = min(number + 1, len(lines) - 1)

    segments = OffsetMap(tuple(Segment(o, line_no, column + 1) for o, (line_no, column) in zip(offsets, anchors)))
    return raw, segments.position


def _locate_cell(token: Token, source: _Source,
                 table_cursor: dict[int, int]) -> tuple[str, Callable[[int], tuple[int, int]]]:
    """Find a table cell's raw text on its row line, left to right across the row.

    markdown-it unescapes "\\|" in cell content, so the escaped form is tried first.
    """
    assert token.map is not None
    number = min(token.map[0], len(source.parsed_lines) - 1)
    line = source.parsed_lines[number]
    start = table_cursor.get(number, 0)
    content = token.content
    found = -1
    raw = content
    if content:
        escaped = content.replace("|", "\\|")
        found = line.find(escaped, start)
        raw = escaped
        if found < 0:
            found = line.find(content, start)
            raw = content
    if found < 0:
        found = start
        raw = content
    table_cursor[number] = found + len(raw)

    return raw, OffsetMap.at(number + 1, found + 1).position


class _InlineWalker:
    """Walks an inline token's children forward through its raw Markdown."""

    def __init__(self, raw: str, position: Callable[[int], tuple[int, int]], source: _Source) -> None:
        self.raw = raw
        self.position = position
        self.source = source
        self.p = 0
        self.out: list[_Char] = []
        self._state: StateInline | None = None

    def walk(self, children: Sequence[Token]) -> None:
        """Emit the characters of ``children``; on an unexpected failure, degrade, never raise."""
        autolink = 0
        done = 0
        try:
            for child in children:
                kind = child.type
                if kind == "text":
                    self._text(child.content, masked=autolink > 0)
                elif kind == "code_inline":
                    self._code(child)
                elif kind in ("softbreak", "hardbreak"):
                    self._break()
                elif kind == "link_open":
                    if child.markup == "autolink":
                        autolink += 1
                        self._skip("<")
                    else:
                        self._skip("[")
                elif kind == "link_close":
                    if child.markup == "autolink":
                        autolink = max(autolink - 1, 0)
                        self._skip(">")
                    else:
                        self._link_tail()
                elif kind == "image":
                    self._image()
                elif kind == "html_inline":
                    self._html(child.content)
                elif child.markup:  # emphasis and other paired markup
                    self._skip(child.markup)
                done += 1
        except Exception:  # noqa: BLE001 - best effort: the rest sits at the last known place
            for child in children[done + 1:]:
                if child.type in ("text", "code_inline"):
                    for ch in child.content:
                        self._emit(ch, self.p, masked=child.type == "code_inline")

    def _emit(self, ch: str, offset: int, masked: bool = False) -> None:
        line, column = self.position(max(min(offset, len(self.raw)), 0))
        line, column = max(line, 1), max(column, 1)
        if self.source.is_hidden(line, column):
            if not masked:
                return  # template syntax: not part of the text
            ch = self.source.original(line, column, ch)  # inline code keeps what was written
        self.out.append(_Char(ch, line, column, masked))

    def _text(self, content: str, masked: bool) -> None:
        """Match unescaped, entity-decoded text against its raw form."""
        raw, n = self.raw, len(self.raw)
        if content and "\n" not in content and raw.startswith(content, self.p):
            # Fast path, the common case: the text is verbatim on one line.
            line, column = self.position(self.p)
            if line not in self.source.lines_with_hidden and column >= 1:
                self.out.extend(_Char(ch, line, column + j, masked) for j, ch in enumerate(content))
                self.p += len(content)
                return
        i = 0
        while i < len(content):
            ch = content[i]
            p = self.p
            if p + 1 < n and raw[p] == "\\" and raw[p + 1] == ch and ch in _ASCII_PUNCT:
                self._emit(ch, p + 1, masked)
                self.p = p + 2
                i += 1
                continue
            if p < n and raw[p] == "&":
                entity = _ENTITY.match(raw, p)
                if entity is not None:
                    decoded = html.unescape(entity.group())
                    if decoded != entity.group() and decoded and content.startswith(decoded, i):
                        for piece in decoded:
                            self._emit(piece, p, masked)
                        self.p = entity.end()
                        i += len(decoded)
                        continue
            if p < n and raw[p] == ch:
                self._emit(ch, p, masked)
                self.p = p + 1
            else:
                found = raw.find(ch, p, p + _WINDOW)
                if found >= 0:
                    self._emit(ch, found, masked)
                    self.p = found + 1
                else:
                    self._emit(ch, p, masked)
            i += 1

    def _code(self, child: Token) -> None:
        """Code keeps its content (masked); one space or line end after the backticks may be stripped."""
        self._skip(child.markup or "`")
        raw, n = self.raw, len(self.raw)
        for ch in child.content:
            while self.p < n and raw[self.p] != ch and raw[self.p] in " \n" \
                    and not (ch == " " and raw[self.p] == "\n"):
                self.p += 1
            if self.p < n and (raw[self.p] == ch or (ch == " " and raw[self.p] == "\n")):
                self._emit(ch, self.p, masked=True)
                self.p += 1
            else:
                self._emit(ch, self.p, masked=True)
        self._skip(child.markup or "`")

    def _break(self) -> None:
        """A line break is one space, placed on the line end it stands for."""
        newline = self.raw.find("\n", self.p)
        if newline < 0:
            self._emit(" ", self.p)
            return
        self._emit(" ", newline)
        self.p = newline + 1
        while self.p < len(self.raw) and self.raw[self.p] in " \t":
            self.p += 1

    def _skip(self, markup: str) -> None:
        """Step over markup that is at (or just after) the cursor."""
        if self.raw.startswith(markup, self.p):
            self.p += len(markup)
            return
        found = self.raw.find(markup, self.p, self.p + _WINDOW + len(markup))
        if found >= 0:
            self.p = found + len(markup)

    def _html(self, content: str) -> None:
        """Inline HTML is dropped; a <br> still separates words."""
        if self.raw.startswith(content, self.p):
            found = self.p
        else:
            found = self.raw.find(content, self.p, self.p + _WINDOW + len(content))
        if found < 0:
            return
        if content[:3].lower() == "<br":
            self._emit(" ", found)
        self.p = found + len(content)

    def _link_tail(self) -> None:
        """Step over "](destination "title")", "][label]" or "]" after a link's text."""
        label_end = self.p if self.raw.startswith("]", self.p) else self.raw.find("]", self.p, self.p + _WINDOW)
        if label_end >= 0:
            self.p = self._after_label(label_end)

    def _image(self) -> None:
        """Images are markup through and through: skip alt text and destination."""
        start = self.p if self.raw.startswith("![", self.p) else self.raw.find("![", self.p, self.p + _WINDOW)
        if start < 0:
            return
        label_end = _MD.helpers.parseLinkLabel(self._inline_state(), start + 1, False)
        self.p = self._after_label(label_end) if label_end >= 0 else start + 2

    def _inline_state(self) -> StateInline:
        if self._state is None:
            self._state = StateInline(self.raw, _MD, {}, [])
        return self._state

    def _after_label(self, label_end: int) -> int:
        """Where a link or image ends, given its "]"; mirrors markdown-it's link rule."""
        raw, n = self.raw, len(self.raw)
        pos = label_end + 1
        if pos < n and raw[pos] == "(":
            q = pos + 1
            while q < n and raw[q] in " \t\n":
                q += 1
            if q < n:
                dest = _MD.helpers.parseLinkDestination(raw, q, n)
                if dest.ok:
                    q = dest.pos
                    before = q
                    while q < n and raw[q] in " \t\n":
                        q += 1
                    title = _MD.helpers.parseLinkTitle(raw, q, n)
                    if q < n and before != q and title.ok:
                        q = title.pos
                        while q < n and raw[q] in " \t\n":
                            q += 1
                if q < n and raw[q] == ")":
                    return q + 1
        if pos < n and raw[pos] == "[":
            end = _MD.helpers.parseLinkLabel(self._inline_state(), pos)
            if end >= 0:
                return end + 1
        return pos


def _normalise(chars: Sequence[_Char]) -> list[_Char]:
    """Collapse runs of spaces, tabs and line breaks to one space (code is kept verbatim).

    A space left before punctuation only because markup between them was removed
    ("before {{ date }}?") goes too, so the text reads as the page renders.
    """
    out: list[_Char] = []
    run_end: _Char | None = None  # last whitespace character of the current run
    for c in chars:
        if c.ch in " \t\n" and not c.masked:
            if run_end is None:
                out.append(c._replace(ch=" "))
            run_end = c
            continue
        if run_end is not None and c.ch in _GAP_PUNCTUATION and not c.masked and len(out) > 1 \
                and (c.line, c.column) != (run_end.line, run_end.column + 1):
            out.pop()
        out.append(c)
        run_end = None
    return out


def _plain(chars: Sequence[_Char]) -> str:
    """A heading's text, for section and title."""
    return "".join(c.ch for c in _normalise(chars)).strip()


def _questions(chars: Sequence[_Char], path: str, title: str | None, section: str | None) -> list[Question]:
    """Split one block's text into sentences and keep those ending in "?"."""
    block = _normalise(chars)
    start = 0
    while start < len(block) and block[start].ch.isspace():
        start += 1
    text = "".join(c.ch for c in block)
    box = _TASK_BOX.match(text, start)
    if box is not None:  # "- [ ] Did you...?": the box is not prose
        start = box.end()
    masked = [c.masked for c in block]
    for url in _URL.finditer(text):
        end = url.end()
        while end > url.start() and text[end - 1] in ".,;:!?)]}'\"" and not (
                text[end - 1] == ")" and "(" in text[url.start():end - 1]):
            end -= 1
        masked[url.start():end] = [True] * (end - url.start())

    questions: list[Question] = []
    for begin, end in _sentences(text, masked, start):
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        last = end - 1
        while last >= begin and text[last] in _CLOSERS:
            last -= 1
        if last < begin or text[last] not in _QUESTION_MARKS or masked[last]:
            continue
        questions.append(_question(block[begin:end], masked[begin:end], path, title, section))
    return questions


def _sentences(text: str, masked: Sequence[bool], start: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: a . ! or ? (plus closing quotes/brackets) before whitespace.

    No split inside a bracket pair ("How often (daily? weekly?) do you...?"), nor
    after abbreviations, nor at a period followed by a lowercase word.
    """
    n = len(text)
    # depth[k]: matched bracket pairs open just before offset k.
    delta = [0] * (n + 1)
    stack: list[tuple[int, str]] = []
    for k, ch in enumerate(text):
        if masked[k]:
            continue
        if ch in _OPENING_BRACKETS:
            stack.append((k, _OPENING_BRACKETS[ch]))
        elif ch in ")]":
            while stack and stack[-1][1] != ch:
                stack.pop()  # an unclosed "(" inside "[...]" does not count
            if stack:
                opened, _ = stack.pop()
                delta[opened + 1] += 1
                delta[k + 1] -= 1
    depth = [0] * (n + 1)
    running = 0
    for k in range(n + 1):
        running += delta[k]
        depth[k] = running

    spans: list[tuple[int, int]] = []
    k = start
    while k < n:
        ch = text[k]
        if ch not in _TERMINATORS or masked[k]:
            k += 1
            continue
        after = k + 1
        while after < n and text[after] in _CLOSERS:
            after += 1
        if after < n and not text[after].isspace():
            k = after if after > k + 1 else k + 1
            continue
        if after < n and (depth[after] > 0 or _no_break(text, k, after, depth)):
            k = after
            continue
        spans.append((start, after))
        start = k = after
    if start < n:
        spans.append((start, n))
    return spans


def _no_break(text: str, mark: int, after: int, depth: Sequence[int]) -> bool:
    """True when the terminator at ``mark`` does not end a sentence after all."""
    following = after
    while following < len(text) and text[following].isspace():
        following += 1
    lower_next = following < len(text) and text[following].islower()
    if text[mark] == ".":
        word_start = mark
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
            word_start -= 1
        if text[word_start:mark].lower() in _ABBREVIATIONS:
            return True
        return lower_next
    # '(Why?) because' and 'asks "ready?" and waits': a question quoted or bracketed
    # inside a sentence ends it only when a capital follows.
    enclosed = depth[mark] > depth[after] or any(c in _QUOTES for c in text[mark + 1:after])
    return enclosed and lower_next


def _question(chars: Sequence[_Char], masked: Sequence[bool], path: str,
              title: str | None, section: str | None) -> Question:
    """Build one Question: segments start wherever the next character is not the next column."""
    segments: list[Segment] = []
    previous: tuple[int, int] | None = None
    for offset, c in enumerate(chars):
        if previous is None or c.line != previous[0] or c.column != previous[1] + 1:
            segments.append(Segment(offset, c.line, c.column))
        previous = (c.line, c.column)
    spans: list[tuple[int, int]] = []
    for offset, flag in enumerate(masked):
        if flag and spans and spans[-1][1] == offset:
            spans[-1] = (spans[-1][0], offset + 1)
        elif flag:
            spans.append((offset, offset + 1))
    return Question(
        text="".join(c.ch for c in chars),
        path=path,
        line=chars[0].line,
        column=chars[0].column,
        offsets=OffsetMap(tuple(segments)),
        type="unknown",
        title=title,
        section=section,
        masked=tuple(spans),
    )
