"""The documented limits of editors' files and values: what `check` accepts, every output can write
and every stage reads in time proportional to its size.

Each limit is wide enough for any real catalog and narrow enough for every place the value ends
up (Babel's formatting, iCalendar, Atom, sitemaps, JSON-LD, the catalog's script). docs/content.md
lists them for editors; a change here belongs there too.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

# Dates: a year outside these is a typo in a catalog of programs and news. The span also keeps
# clear of what breaks outputs: the calendar's exclusive end day and its time zone's end year
# overflow past 9998, four-digit years are what RFC 3339 and sitemaps allow, and before 1900
# time zones have local mean time offsets that calendar apps round differently.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)

# Amounts: Babel formats with 28 significant digits, so a trillion with a currency's three
# decimals stays far inside them (and inside the 15 digits a browser's number keeps exactly).
MAX_AMOUNT = Decimal(1_000_000_000_000)

# Counts: far above any real program, far below what a browser's numbers or Babel's decimals lose.
MAX_SEATS = 1_000_000
MAX_DURATION = {"hours": 10_000, "days": 3_660, "weeks": 520, "months": 120}  # ten years, or 10,000 hours
MAX_NEWS_PER_PAGE = 100
MAX_PROGRAMS_PER_PAGE = 500  # a catalog page of 500 cards is about 60 KB gzipped

# Lengths in characters. One-line values (titles, names) end up in <title>, calendar names and
# share images; the longer ones are plain text that may run over a few lines.
TITLE = 200         # titles and names: programs, partners, news, pages, the site, fields of study
NAME = 100          # short names, cities, menu titles, language names, phone numbers and WeChat IDs
ALT = 500           # alt text of images
SUMMARY = 300       # a program's summary, on the catalog's cards
TEXT = 1_000        # other plain texts: an article's summary, the site's description, funding, credential, what a fee includes
URL = 2_000         # web addresses: what browsers and search engines keep whole
EMAIL = 254         # what an address may be by RFC 5321
LANGUAGE_CODE = 35  # BCP 47 tags that every implementation must accept

# YAML. Aliases share one object, but the checks walk (and print) each use: nested aliases ("billion laughs")
# grow exponentially. Reusing a location or a list of sessions a few times stays far below this.
ALIAS_BUDGET = 10_000
# Reading nests a few calls per level: far deeper than any content needs, far short of Python's recursion limit.
MAX_DEPTH = 100
# Python refuses to read integers past 4,300 digits; a count or an amount needs a few.
MAX_DIGITS = 30

# Files and Markdown. Python-Markdown converts some 250 KB a second; it recurses once per list level,
# and scans from each '[', '(' or '<' to its partner, or to the paragraph's end when there is none:
# 10 KB of '[[[[' take 18 s.
# A megabyte is a few seconds of converting, and a book's length of text: 160 times the longest sample file.
MAX_FILE_BYTES = 1_000_000
# It fails past some 230 levels (fewer when called deep in a template); content needs a handful.
MAX_NESTING = 100
# Characters scanned to match brackets, in one text: about half a second of converting.
MAX_SCANNED = 2_000_000
# A line's indentation, then the list markers and quote marks that open it.
_LINE_START = re.compile(r"^([ \t]*)((?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*)", re.MULTILINE)
_LONG_LINE_START = re.compile(rf"^[ \t>*+\d.)-]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_LIST_MARKER = re.compile(r"[-*+>]|\d+[.)]")  # quotes nest like lists: '>>>' is three levels
_BRACKET = re.compile(r"\\.|[\[\]()<>]|\n[ \t]*\n")
_CLOSING = {"]": "[", ")": "(", ">": "<"}
# Python-Markdown's footnotes link each reference back from the note, in time that grows with the
# square of the references to one note: 1,000 take 0.6 s, 2,000 take 2.6 s. A note is cited a few times.
MAX_FOOTNOTE_REFERENCES = 100
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def too_deep(text: str) -> tuple[int, int] | None:
    """(line within the text, levels) of the first line that opens more list or quote levels than MAX_NESTING."""
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


def most_cited_footnote(text: str) -> tuple[int, str, int] | None:
    """(line within the text, name, references) of a footnote cited more than MAX_FOOTNOTE_REFERENCES times:
    the line of its first reference past the limit."""
    if text.count("[^") <= MAX_FOOTNOTE_REFERENCES:
        return None
    references = list(_FOOTNOTE_REFERENCE.finditer(text))
    counts = Counter(match.group(1) for match in references)
    name, count = counts.most_common(1)[0]
    if count <= MAX_FOOTNOTE_REFERENCES:
        return None
    past = [match for match in references if match.group(1) == name][MAX_FOOTNOTE_REFERENCES]
    return text.count("\n", 0, past.start()), name, count
