"""Markdown source: which sentences become questions, and exactly where they sit."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from askwell.model import Question
from askwell.sources import extract as extract_any
from askwell.sources.markdown import PLACEHOLDER, extract

_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


def texts(source: str) -> list[str]:
    return [q.text for q in extract(source, "page.md")]


def where(source: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first occurrence of ``needle`` in ``source``."""
    index = source.index(needle)
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1


def check_positions(source: str, questions: list[Question]) -> None:
    """Every character of every question is found in the file where its offset map says."""
    lines = source.split("\n")
    for q in questions:
        assert q.position(0) == (q.line, q.column)
        for i, ch in enumerate(q.text):
            if ch.isspace() or ch == PLACEHOLDER:
                continue
            line, column = q.position(i)
            assert 1 <= line <= len(lines), (q.text, i)
            assert 1 <= column <= len(lines[line - 1]), (q.text, i, line, column)
            actual = lines[line - 1][column - 1]
            if actual != ch:  # only an entity may stand for another character
                entity = _ENTITY.match(lines[line - 1], column - 1)
                assert entity is not None and ch in html.unescape(entity.group()), (q.text, i, line, column)
        for start, end in q.masked:
            assert 0 <= start < end <= len(q.text)


def run(source: str) -> list[Question]:
    """Extract and check the position invariant on the way."""
    questions = extract(source, "page.md")
    check_positions(source, questions)
    return questions


# --- paragraphs and sentences ---------------------------------------------------------

PARAGRAPH = "Intro line. Which editor do you prefer?\n"


def test_single_line_paragraph_position() -> None:
    [q] = run(PARAGRAPH)
    assert q.text == "Which editor do you prefer?"
    assert (q.line, q.column) == (1, 13)
    assert q.offsets.segments[0].offset == 0
    assert q.type == "unknown" and q.path == "page.md"


WRAPPED = """\
Some context first.

  How long did it take you to
set up the software on your
   laptop before the workshop began?
"""


def test_soft_wrapped_paragraph_maps_every_line() -> None:
    [q] = run(WRAPPED)
    assert q.text == ("How long did it take you to set up the software on your "
                      "laptop before the workshop began?")
    assert (q.line, q.column) == (3, 3)
    assert q.position(q.text.index("set")) == (4, 1)
    late = q.text.index("began")
    assert q.position(late) == where(WRAPPED, "began")
    assert q.position(len(q.text) - 1) == (5, 36)
    # The soft break is one space, placed at the end of its line; the next line is a new segment.
    assert q.text[27] == " " and q.position(27) == (3, 30)
    assert [(s.offset, s.line, s.column) for s in q.offsets.segments] == [(0, 3, 3), (28, 4, 1), (56, 5, 4)]


def test_sentences_split_on_terminators_and_keep_questions_only() -> None:
    src = "We met today! Did the room work for you? It did. What about the food?\n"
    assert texts(src) == ["Did the room work for you?", "What about the food?"]


def test_abbreviations_do_not_end_sentences() -> None:
    src = "Tools, e.g. Git and R, i.e. the basics, etc. are covered by Dr. Okafor. Which one helped most?\n"
    assert texts(src) == ["Which one helped most?"]
    src = "We bring fruit, tea, etc. Do you need anything else?\n"
    assert texts(src) == ["Do you need anything else?"]


def test_closing_quotes_and_brackets_stay_with_the_question() -> None:
    src = 'She asked "is it on?" Then: (Why not?) **Was it clear?** Done.\n'
    assert texts(src) == ['She asked "is it on?"', "Then: (Why not?)", "Was it clear?"]
    # A question quoted inside a longer sentence does not end it.
    assert texts('He said "ready?" and then left. Was that rude?\n') == ["Was that rude?"]


def test_question_marks_inside_brackets_do_not_split() -> None:
    src = "How often (daily? weekly?) do you write code? Fine.\n"
    assert texts(src) == ["How often (daily? weekly?) do you write code?"]


def test_question_mark_inside_a_word_or_url_does_not_split() -> None:
    qs = run("See https://example.org/form?id=3 first. Is the link https://example.org/a?\n")
    assert [q.text for q in qs] == ["Is the link https://example.org/a?"]
    [q] = qs
    start = q.text.index("https")
    assert q.masked == ((start, len(q.text) - 1),)


def test_a_question_never_spans_two_blocks() -> None:
    assert texts("Why is\n\nthis split?\n") == ["this split?"]


# --- inline markup ----------------------------------------------------------------------

EMPHASIS = "Did you ***really*** enjoy the _whole_\n**second `day`** session?\n"


def test_emphasis_is_removed_and_starts_new_segments() -> None:
    [q] = run(EMPHASIS)
    assert q.text == "Did you really enjoy the whole second day session?"
    assert q.position(q.text.index("really")) == (1, 12)
    assert q.position(q.text.index("whole")) == (1, 33)
    assert q.position(q.text.index("second")) == (2, 3)
    assert q.position(q.text.index("session")) == where(EMPHASIS, "session")
    assert q.masked == ((q.text.index("day"), q.text.index("day") + 3),)


LINKS = """\
Have you read [the *setup* guide](https://example.org/setup "Setup?") and the
[glossary][terms] or [FAQ] before, or <https://example.org/help>?

[terms]: https://example.org/terms
[faq]: https://example.org/faq "Questions?"
"""


def test_links_keep_their_text_and_drop_their_targets() -> None:
    [q] = run(LINKS)
    assert q.text == ("Have you read the setup guide and the glossary or FAQ before, "
                      "or https://example.org/help?")
    assert q.position(q.text.index("and the")) == where(LINKS, "and the")
    assert q.position(q.text.index("FAQ")) == (2, 23)
    url = q.text.index("https")
    assert q.masked == ((url, url + len("https://example.org/help")),)
    assert q.position(url) == where(LINKS, "https://example.org/help")


def test_images_are_not_text() -> None:
    src = "Is the ![diagram? yes](fig.png \"Fig?\") chart [![badge](b.svg)](x) readable?\n"
    [q] = run(src)
    assert q.text == "Is the chart readable?"


INLINE_CODE = "Have you used `git log`?\nOr ``a `b` c`` and ` x ` in code?\n"


def test_inline_code_is_kept_but_masked() -> None:
    qs = run(INLINE_CODE)
    assert [q.text for q in qs] == ["Have you used git log?", "Or a `b` c and x in code?"]
    first, second = qs
    start = first.text.index("git")
    assert first.masked == ((start, start + len("git log")),)
    assert first.text[slice(*first.masked[0])] == "git log"
    assert [second.text[s:e] for s, e in second.masked] == ["a `b` c", "x"]


def test_escapes_and_entities() -> None:
    src = "Is 2 \\* 3 &lt; 7 &amp; is \\`this\\` plain\\? Surely &#63;\n"
    first, second = run(src)
    assert first.text == "Is 2 * 3 < 7 & is `this` plain?"
    assert second.text == "Surely ?"
    assert first.position(first.text.index("*")) == where(src, "* 3")
    assert first.position(first.text.index("<")) == where(src, "&lt;")
    assert first.position(first.text.index("`this")) == where(src, "`this")
    assert first.position(len(first.text) - 1) == where(src, "? Surely")
    assert second.position(len(second.text) - 1) == where(src, "&#63;")
    assert first.masked == ()


def test_inline_html_and_comments_are_dropped() -> None:
    src = "Can you <em>see</em> this<!-- hidden? --> line?<br>And this one?\n"
    assert texts(src) == ["Can you see this line?", "And this one?"]
    run(src)


def test_hard_breaks_become_spaces() -> None:
    src = "First part  \nsecond part\\\nthird part?\n"
    [q] = run(src)
    assert q.text == "First part second part third part?"
    assert q.position(q.text.index("third")) == (3, 1)


# --- blocks -----------------------------------------------------------------------------

HEADINGS = """\
# Workshop feedback #

## Why did you come? ##

Setext heading that
wraps over lines?
-----------------

Which session was best?
"""


def test_headings_atx_and_setext_with_sections_and_title() -> None:
    qs = run(HEADINGS)
    assert [q.text for q in qs] == [
        "Why did you come?", "Setext heading that wraps over lines?", "Which session was best?"]
    why, setext, best = qs
    assert (why.line, why.column) == (3, 4)
    assert setext.position(setext.text.index("wraps")) == (6, 1)
    assert {q.title for q in qs} == {"Workshop feedback"}
    assert why.section == "Workshop feedback"
    assert best.section == "Setext heading that wraps over lines?"


LISTS = """\
Some prompts:

- Was the pace right?
- Did the helpers
  respond quickly?
  1. Was the first exercise clear?
  2) no, wait
  3. Was the second one?
* [ ] Would you come again?
10. Numbered with a long marker?
"""


def test_list_items_and_nested_lists() -> None:
    qs = run(LISTS)
    assert [q.text for q in qs] == [
        "Was the pace right?", "Did the helpers respond quickly?",
        "Was the first exercise clear?", "Was the second one?",
        "Would you come again?", "Numbered with a long marker?"]
    assert [(q.line, q.column) for q in qs] == [(3, 3), (4, 3), (6, 6), (8, 6), (9, 7), (10, 5)]
    assert qs[1].position(qs[1].text.index("respond")) == (5, 3)


QUOTES = """\
> Did the instructor
> explain things well?
>
> > Was the nested quote
> > clear? Or was it
lazy continuation?
>
> - A list in a quote?
"""


def test_blockquotes_nested_and_lazy() -> None:
    qs = run(QUOTES)
    assert [q.text for q in qs] == [
        "Did the instructor explain things well?", "Was the nested quote clear?",
        "Or was it lazy continuation?", "A list in a quote?"]
    assert qs[0].position(qs[0].text.index("explain")) == (2, 3)
    assert (qs[1].line, qs[1].column) == (4, 5)
    assert qs[2].position(qs[2].text.index("lazy")) == (6, 1)
    assert (qs[3].line, qs[3].column) == (8, 5)


TABLE = """\
| Topic | Prompt |
| ----- | ------ |
| Shell | Did `ls -l` make sense? |
|  Git  | Was a \\| pipe ok? Or [this](x)? |
"""


def test_table_cells() -> None:
    qs = run(TABLE)
    assert [q.text for q in qs] == ["Did ls -l make sense?", "Was a | pipe ok?", "Or this?"]
    assert [(q.line, q.column) for q in qs] == [(3, 11), (4, 11), (4, 29)]


def test_crlf_input_is_normalised_by_the_source_reader() -> None:
    data = b"Intro.\r\nWhat did you\r\nlearn today?\r\n"
    [q] = extract_any(data, "page.md", ".md")
    assert q.text == "What did you learn today?"
    assert (q.line, q.column) == (2, 1)
    assert q.position(q.text.index("learn")) == (3, 1)
    # A bare CR is a line break too, even when the text did not come through the reader.
    [q] = extract("Intro.\rWhat now?", "page.md")
    assert (q.line, q.column) == (2, 1)


# --- never linted -----------------------------------------------------------------------

FRONT_MATTER = """\
---
title: "Lesson: one"
questions:
- "Is this a front matter question?"
---
Is this real prose?
"""


def test_front_matter_is_skipped_and_gives_the_title() -> None:
    [q] = run(FRONT_MATTER)
    assert q.text == "Is this real prose?"
    assert (q.line, q.column) == (6, 1)
    assert q.title == "Lesson: one"


def test_unclosed_front_matter_is_markdown() -> None:
    assert texts("---\nIs this a paragraph?\n") == ["Is this a paragraph?"]


CODE = """\
Before?

```python
print("is this code?")
```

    indented code?

~~~
another fence?
~~~

After?
"""


def test_fenced_and_indented_code_are_skipped() -> None:
    assert [q.text for q in run(CODE)] == ["Before?", "After?"]


HTML = """\
<!-- Is this comment a question?
Still in the comment? -->

<div class="note">
Is this raw HTML?
</div>

<details><summary>Inline summary?</summary></details>

Is this after the HTML?
"""


def test_html_comments_and_blocks_are_skipped() -> None:
    assert texts(HTML) == ["Is this after the HTML?"]


LIQUID = """\
{% include links.md %}
Did you read {{ page.title }} before {{ site.start }}?

{% comment %}
Is this commented out?

Is this too?
{% endcomment %}

{% raw %}Is {{ this }} raw?{% endraw %}
{# Is this a Jinja comment? #}
Is {%- if x -%}this{% endif %} kept?
"""


def test_liquid_and_jinja_are_hidden() -> None:
    qs = run(LIQUID)
    assert [q.text for q in qs] == ["Did you read before?", "Is this kept?"]
    assert qs[0].position(qs[0].text.index("before")) == where(LIQUID, "before")
    assert qs[1].position(qs[1].text.index("kept")) == where(LIQUID, "kept")


def test_liquid_inside_inline_code_keeps_the_code() -> None:
    src = "Does `{{ page.url }}` print the address?\n"
    [q] = run(src)
    assert q.text == "Does {{ page.url }} print the address?"
    assert q.text[slice(*q.masked[0])] == "{{ page.url }}"


def test_stray_braces_are_text() -> None:
    assert texts("Is {{ an unclosed tag ok?\n") == ["Is {{ an unclosed tag ok?"]


KRAMDOWN = """\
## Setup {#setup}

Is the heading id gone? {: .note}
{: .callout}

{::comment}
Is this kramdown comment hidden?
{:/comment}
Is this visible?
"""


def test_kramdown_attribute_lists_are_hidden() -> None:
    qs = run(KRAMDOWN)
    assert [q.text for q in qs] == ["Is the heading id gone?", "Is this visible?"]
    assert qs[0].section == "Setup"


# --- a whole Jekyll lesson page ------------------------------------------------------------

LESSON = """\
---
title: "Working with Files"
teaching: 15
exercises: 10
questions:
- "How do I copy a file?"
- "Where do deleted files go?"
objectives:
- "Copy and remove files."
keypoints:
- "`cp` copies; `rm` removes for good."
---

Files pile up quickly. What happens when you need two copies of one?
The shell has a command for that.

> ## Prerequisites
>
> Can you already move between directories with `cd`?
{: .prereq}

~~~
$ cp notes.txt notes-backup.txt
~~~
{: .language-bash}

Where did the copy end up? Check with `ls`:

~~~
notes.txt  notes-backup.txt
~~~
{: .output}

> ## Removing files
>
> What does `rm -i` ask before deleting?
>
> > ## Solution
> >
> > It asks "remove notes.txt?" and waits for `y`.
> {: .solution}
{: .challenge}

<!-- Instructors: is the next section too long? -->

{% include links.md %}
"""


def test_jekyll_lesson_page() -> None:
    qs = run(LESSON)
    assert [q.text for q in qs] == [
        "What happens when you need two copies of one?",
        "Can you already move between directories with cd?",
        "Where did the copy end up?",
        "What does rm -i ask before deleting?",
    ]
    assert [(q.line, q.column) for q in qs] == [(14, 24), (19, 3), (27, 1), (36, 3)]
    assert [(q.line, q.column) for q in qs] == [where(LESSON, q.text[:9]) for q in qs]
    assert {q.title for q in qs} == {"Working with Files"}
    assert [q.section for q in qs] == [None, "Prerequisites", "Prerequisites", "Removing files"]


FIXTURES = [PARAGRAPH, WRAPPED, EMPHASIS, LINKS, INLINE_CODE, HEADINGS, LISTS, QUOTES, TABLE,
            FRONT_MATTER, CODE, HTML, LIQUID, KRAMDOWN, LESSON]


@pytest.mark.parametrize("source", FIXTURES)
def test_every_character_maps_to_itself(source: str) -> None:
    check_positions(source, extract(source, "page.md"))


# --- properties -----------------------------------------------------------------------------

# Random text built from Markdown's building blocks, so that the parser meets
# nested structure, markup, escapes and template syntax, not just words.
_MARKDOWNISH = st.lists(
    st.sampled_from([
        "a", "b?", "c.", " ", "\t", "\n", "\n\n", "> ", "> > ", "- ", "1. ", "    ", "  \n", "\\\n",
        "*", "**", "_", "`", "``", "[", "]", "(", ")", "[x](y \"t?\")", "![i?](j)", "<http://a.b/?c>",
        "<br>", "<!--", "-->", "&amp;", "&#63;", "\\*", "\\|", "|", "\n|-|-|\n", "## ", "\n===\n",
        "```", "{{", "}}", "{%", "%}", "{% comment %}", "{% endcomment %}", "{: .x}", "---\n",
        "e.g.", "Dr.", "\u00a0", "\u200f\u05d0", "\U0001f600", "\x00", "\x07", "\r\n",
    ]),
    max_size=80,
).map("".join)


def _sane(source: str) -> None:
    for q in extract(source, "p.md"):
        assert q.line >= 1 and q.column >= 1
        for segment in q.offsets.segments:
            assert segment.line >= 1 and segment.column >= 1
        for i in range(len(q.text)):
            line, column = q.position(i)
            assert line >= 1 and column >= 1
        for start, end in q.masked:
            assert 0 <= start < end <= len(q.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_on_arbitrary_text(source: str) -> None:
    _sane(source)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWNISH)
def test_positions_hold_on_markdown_like_text(source: str) -> None:
    _sane(source)
    normalised = source.replace("\r\n", "\n").replace("\x00", "\ufffd")
    check_positions(normalised, extract(source, "p.md"))


def test_long_lines_and_odd_characters() -> None:
    long_line = "word " * 20000 + "end?\n"
    [q] = extract(long_line, "p.md")
    assert q.column == 1 and q.text.endswith("end?")
    _sane("\u202eIs this RTL? \U0001f600 Is this emoji?\x0b\x0c\x1c Why?\n" + "{{" * 5000 + "%}" * 10)


class _Broken:
    """A stand-in parser that fails as a parser bug would."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def parse(self, text: str) -> list:  # type: ignore[type-arg]
        raise self.exc


@pytest.mark.parametrize(("exc", "message"), [
    (ValueError("bad\nstate"), "the Markdown parser failed on this file (ValueError: bad state); no questions read"),
    (IndexError(), "the Markdown parser failed on this file (IndexError); no questions read"),
    (RecursionError(), "Markdown nested too deeply to read"),
])
def test_a_parser_failure_is_a_file_error(monkeypatch: pytest.MonkeyPatch, exc: BaseException, message: str,
                                          tmp_path) -> None:  # type: ignore[no-untyped-def]
    from askwell import sources
    from askwell.errors import InputError
    from askwell.sources import markdown

    monkeypatch.setattr(markdown, "_MD", _Broken(exc))
    with pytest.raises(InputError) as info:
        extract("Is this read?\n", "page.md")
    assert info.value.detail == message and info.value.path == "page.md"
    page = tmp_path / "page.md"
    page.write_text("Is this read?\n", encoding="utf-8")
    loaded = sources.load(page, display="page.md")
    assert loaded.questions == () and [str(e.message) for e in loaded.errors] == [message]
