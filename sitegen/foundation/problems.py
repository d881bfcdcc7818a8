"""Problems found in a site's content: collected as values, reported once at the end."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable


# A line break or other control character in a file name or value would split or garble the problem's one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _escaped(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


@dataclass(frozen=True, order=True)
class Position:
    """A place in an editor's file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def at(self, line: int, column: int) -> "Position":
        return Position(self.path, line, column)

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


@dataclass(frozen=True, order=True)
class Problem:
    position: Position
    severity: str  # "error" or "warning"
    field: str
    message: str
    hint: str = ""
    language: str = ""  # the site language a translation problem is about; '' for the others

    def format(self) -> str:
        where = f"{self.field}: " if self.field else ""
        text = _CONTROL.sub(_escaped, f"{self.position}: {self.severity}: {where}{self.message}")
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Problems:
    """The one collector every stage appends to; it never raises."""

    items: list[Problem] = field(default_factory=list)

    def error(self, position: Position, field: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(position, "error", field, message, hint))

    def warning(self, position: Position, field: str, message: str, hint: str = "", language: str = "") -> None:
        self.items.append(Problem(position, "warning", field, message, hint, language))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def errors(self, strict: bool = False) -> list[Problem]:
        return [p for p in self.items if p.severity == "error" or strict]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors(strict))

    def __len__(self) -> int:
        return len(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix when a close choice exists, else ''."""
    by_lower = {str(choice).lower(): str(choice) for choice in sorted(choices, key=str)}
    text = str(word).lower()
    # difflib compares in time length × length; a word this much longer than every choice can match none
    # (a ratio of 0.6 needs it at most 2⅓ times as long; a prefix is shorter still).
    if len(text) > 3 * max(map(len, by_lower), default=0):
        return ""
    # Editors abbreviate ('univ') and mistype case ('EN'), which similarity alone misses.
    starting = [choice for choice in by_lower if choice.startswith(text)] if len(text) >= 3 else []
    matches = starting if len(starting) == 1 else difflib.get_close_matches(text, list(by_lower), n=1, cutoff=0.6)
    return f" (did you mean '{by_lower[matches[0]]}'?)" if matches else ""
