"""How problems word editors' values: a value quoted at a readable length, the choices offered instead of
it, and a language the site does not have."""
from __future__ import annotations

from typing import Any

from ..foundation.problems import Position, Problems, did_you_mean
from .yamlsource import YList, YMap

QUOTED = 80  # characters of a value quoted in a message


def describe(value: Any) -> str:
    """A value as messages quote it: long texts cut, so that a megabyte of text does not become a problem line."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    text = str(value)
    return f"'{text[:QUOTED - 1]}…'" if len(text) > QUOTED else f"'{text}'"


def one_of(choices: tuple[str, ...]) -> str:
    if not choices:
        return "there is nothing to choose from yet"
    shown = ", ".join(choices[:20])
    return f"use one of: {shown}" + (f" ... ({len(choices)} in all)" if len(choices) > 20 else "")


def report_unknown_language(problems: Problems, position: Position, field: str, code: str, codes: tuple[str, ...],
                            hint: str) -> None:
    problems.error(position, field, f"'{code}' is not a language of this site{did_you_mean(code, codes)}", hint)
