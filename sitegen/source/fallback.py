"""The fallback policy: which language's text a page shows when its own language has none."""
from __future__ import annotations

from typing import Mapping, TypeVar

from ..foundation.model import Language

T = TypeVar("T")


def choose(values: Mapping[str, T], language: Language, order: tuple[str, ...]) -> tuple[str, T] | None:
    """The fallback policy: the page's language, then its fallback chain, then any language in site order."""
    for code in (language.code, *language.fallback, *order):
        if code in values and values[code] is not None:
            return code, values[code]
    return None
