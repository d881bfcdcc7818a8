"""How large a source file, and how tangled a Markdown text, may be before reading it would stall or crash.

Python-Markdown converts some 250 KB a second; it recurses once per list level, and scans from each
'[', '(' or '<' to its partner, or to the paragraph's end when there is none: 10 KB of '[[[[' take 18 s."""
from __future__ import annotations

import re

# A megabyte is a few seconds of converting, and a book's length of text: 160 times the longest sample file.
MAX_FILE_BYTES = 1_000_000
# It fails past some 230 levels (fewer when called deep in a template); content needs a handful.
MAX_NESTING = 100
# Characters scanned to match brackets, in one text: about half a second of converting.
MAX_SCANNED = 2_000_000
# A line's indentation, then the list markers and quote marks that open it.
_LINE_START = re.compile(r"^([ \t]*)((?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*)", re.MULTILINE)
_LONG_LINE_START = re.compile(rf"^[ \t>*+\d.)-]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_LIST_MARKER = re.compile(r"[-*+]|\d+[.)]")
_BRACKET = re.compile(r"\\.|[\[\]()<>]|\n[ \t]*\n")
_CLOSING = {"]": "[", ")": "(", ">": "<"}


def too_deep(text: str) -> tuple[int, int] | None:
    """(line within the text, levels) of the first line that opens more list levels than MAX_NESTING."""
    if not _LONG_LINE_START.search(text):  # each level takes a character at least (a tab)
        return None
    for match in _LINE_START.finditer(text):
        indent, markers = match.groups()
        depth = len(indent.expandtabs(4)) // 4 + len(_LIST_MARKER.findall(markers))
        if depth > MAX_NESTING:
            return text.count("\n", 0, match.start()), depth
    return None


def too_many_unclosed(text: str) -> int | None:
    """The line within the text of the paragraph where matching brackets would scan past MAX_SCANNED, or None."""
    if len(text) ** 2 // 2 <= MAX_SCANNED:  # at most one scan from each character to the end
        return None
    scanned, paragraph = 0, 0
    opened: dict[str, list[int]] = {"[": [], "(": [], "<": []}
    for match in _BRACKET.finditer(text):
        token, at = match.group(), match.start()
        if token in opened:
            opened[token].append(at)
        elif token in _CLOSING and opened[_CLOSING[token]]:
            scanned += at - opened[_CLOSING[token]].pop()
        elif token[0] == "\n":  # a blank line ends the paragraph and every scan in it
            scanned += sum(at - start for starts in opened.values() for start in starts)
            opened = {key: [] for key in opened}
        if scanned > MAX_SCANNED:
            return text.count("\n", 0, paragraph)
        if token[0] == "\n":
            paragraph = match.end()
    scanned += sum(len(text) - start for starts in opened.values() for start in starts)
    return text.count("\n", 0, paragraph) if scanned > MAX_SCANNED else None
