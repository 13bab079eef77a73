"""Parse task text (Markdown with inline ``$...$`` math) into a small document model.

Every output (the teacher's screen, the projector, PDF cards and sheets) renders from this
one model, so a task looks the same everywhere. markdown-it-py does the parsing; the
dollarmath plugin finds the math. Only what task cards need survives: paragraphs, lists,
bold and italic, code blocks and math. Links keep their text; raw HTML stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Math:
    source: str  # the LaTeX between the dollar signs


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


Inline = Text | Math | LineBreak


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Inline, ...]
    heading: bool = False
    display: bool = False  # a ``$$...$$`` block: centred math on its own line


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Inline, ...], ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str


Block = Paragraph | ListBlock | CodeBlock


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.disable(["html_block", "html_inline", "image"])
    return md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=False)


_MARKDOWN = _parser()


def _inline_runs(token: Token) -> tuple[Inline, ...]:
    runs: list[Inline] = []
    bold = italic = 0
    for child in token.children or ():
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "math_inline":
            runs.append(Math(child.content.strip()))
        elif kind == "softbreak":
            runs.append(Text(" ", bold > 0, italic > 0))
        elif kind == "hardbreak":
            runs.append(LineBreak())
        elif kind in ("text", "code_inline") and child.content:
            runs.append(Text(child.content, bold > 0, italic > 0))
    return _merge(runs)


def _merge(runs: list[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring text runs of the same style (markdown-it splits on escapes)."""
    merged: list[Inline] = []
    for run in runs:
        last = merged[-1] if merged else None
        if (
            isinstance(run, Text)
            and isinstance(last, Text)
            and (last.bold, last.italic) == (run.bold, run.italic)
        ):
            merged[-1] = Text(last.text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


# Plain sentences with inline math (a practice problem, an answer) parse to one paragraph
# without markdown-it, which costs about 0.1 ms a text and a packet has a few thousand. Any
# character or shape that could be Markdown, or math that dollarmath might not take, goes to
# markdown-it; a property test keeps the two paths equal.
_MARKDOWN_ANYWHERE = frozenset("*`[]<>!&#|~\n\r")
_MARKDOWN_IN_TEXT = frozenset("_\\")
_BLOCK_START = re.compile(r"[-+=]|\d{1,9}[.)](?:\s|$)")


def _plain_paragraph(source: str) -> tuple[Block, ...] | None:
    """The one paragraph of text and ``$math$`` that ``source`` is, or None to parse it."""
    if (
        not source
        or source != source.strip()
        or not _MARKDOWN_ANYWHERE.isdisjoint(source)
        or "\\$" in source
        or _BLOCK_START.match(source)
    ):
        return None
    pieces = source.split("$")
    if len(pieces) % 2 == 0:
        return None  # an unpaired dollar: money, or a mistake markdown-it should judge
    runs: list[Inline] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            if not _MARKDOWN_IN_TEXT.isdisjoint(piece):
                return None
            if piece:
                runs.append(Text(piece))
            continue
        before, after = pieces[index - 1], pieces[index + 1]
        if (
            not piece
            or piece != piece.strip()
            # dollarmath's allow_digits=False; at the very start it looks at src[-1], the
            # text's last character (Python's negative index), so the shortcut does too.
            or (before or source)[-1].isdigit()
            or (after and after[0].isdigit())
        ):
            return None
        runs.append(Math(piece))
    return (Paragraph(tuple(runs)),)


@lru_cache(maxsize=2048)
def parse(source: str) -> tuple[Block, ...]:
    """The blocks of a piece of task text. Never raises: any text is some document."""
    plain = _plain_paragraph(source)
    return plain if plain is not None else markdown_blocks(source)


def markdown_blocks(source: str) -> tuple[Block, ...]:
    """What markdown-it makes of ``source`` (``parse`` without its plain-text shortcut)."""
    tokens = _MARKDOWN.parse(source)
    blocks: list[Block] = []
    lists: list[tuple[bool, int, list[tuple[Inline, ...]]]] = []
    # The open list items, innermost last, each with its place in its list.
    items: list[tuple[list[Inline], int]] = []
    heading = False
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1)
            lists.append((kind == "ordered_list_open", start, []))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordered, start, done = lists.pop()
            if lists:  # a nested list's items follow its parent item, flattened
                lists[-1][2].extend(done)
            else:
                blocks.append(ListBlock(ordered, tuple(done), start))
        elif kind == "list_item_open":
            lists[-1][2].append(())  # keeps the item's place before any nested items
            items.append(([], len(lists[-1][2]) - 1))
        elif kind == "list_item_close":
            runs, place = items.pop()
            lists[-1][2][place] = _merge(runs)
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            inline = _inline_runs(token)
            if items:
                if items[-1][0]:
                    items[-1][0].append(LineBreak())
                items[-1][0].extend(inline)
            elif inline:
                blocks.append(Paragraph(inline, heading=heading))
        elif kind == "math_block":
            blocks.append(Paragraph((Math(token.content.strip()),), display=True))
        elif kind in ("fence", "code_block"):
            blocks.append(CodeBlock(token.content.rstrip("\n")))
    return tuple(blocks)


def math_sources(source: str) -> list[str]:
    """Every piece of math in the text, in order."""
    found: list[str] = []
    for block in parse(source):
        runs: tuple[Inline, ...] = ()
        if isinstance(block, Paragraph):
            runs = block.runs
        elif isinstance(block, ListBlock):
            runs = tuple(run for item in block.items for run in item)
        found.extend(run.source for run in runs if isinstance(run, Math))
    return found


def plain_text(source: str) -> str:
    """The words and math of the text on one line, for search and summaries."""
    parts: list[str] = []

    def add(runs: tuple[Inline, ...]) -> None:
        for run in runs:
            if isinstance(run, Text):
                parts.append(run.text)
            elif isinstance(run, Math):
                parts.append(f" {run.source} ")
            else:
                parts.append(" ")
        parts.append(" ")

    for block in parse(source):
        if isinstance(block, Paragraph):
            add(block.runs)
        elif isinstance(block, ListBlock):
            for item in block.items:
                add(item)
        else:
            parts.append(block.text + " ")
    return " ".join("".join(parts).split())
