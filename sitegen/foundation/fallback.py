"""The fallback policy: which language's text a page shows when its own language has none; and the warning
that tells editors which text that is."""
from __future__ import annotations

from typing import Mapping, TypeVar

from .model import Language
from .problems import Position, Problems

T = TypeVar("T")


def choose(values: Mapping[str, T], language: Language, order: tuple[str, ...]) -> tuple[str, T] | None:
    """The fallback policy: the page's language, then its fallback chain, then any language in site order."""
    for code in (language.code, *language.fallback, *order):
        if code in values and values[code] is not None:
            return code, values[code]
    return None


def warn_untranslated(problems: Problems, position: Position, field: str, code: str, shown: str, hint: str) -> None:
    """A text missing in language `code`; `shown` is the language `choose` gives that page instead."""
    problems.warning(position, field, f"has no {code} translation; the {code} page shows the {shown} text", hint,
                     language=code)
