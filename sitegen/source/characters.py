"""What editors' text may not hold: invisible control characters, line breaks in a one-line value, and the
placeholders `build.py new` leaves; and the problems that name them, for YAML fields and Markdown bodies alike."""
from __future__ import annotations

import re

from ..foundation.problems import Position, Problems

# Invisible characters that break calendars, feeds and HTML: C0 and C1 controls (a text may keep
# its tabs and line breaks), Unicode's noncharacters (U+FFFF...), which HTML forbids, and for a
# one-line value also the line and paragraph separators.
_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef{_NONCHARACTERS}]")
LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
CONTROL_IN_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufdd0-\\ufdef{_NONCHARACTERS}]")
# What `build.py new` writes where the editor has a value to give; never a value itself.
PLACEHOLDER = re.compile(r"<<[^<>\n]*>>")


def report_placeholder(problems: Problems, position: Position, field: str, placeholder: str, hint: str) -> None:
    problems.error(position, field, f"'{placeholder}' is a placeholder from the template", hint)


def report_control(problems: Problems, position: Position, field: str, character: str) -> None:
    problems.error(position, field, f"contains the invisible control character U+{ord(character):04X}",
                   "delete it; retyping the words around it is the easiest way")
