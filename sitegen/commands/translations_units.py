"""What a translation file holds: one unit per translatable field of an item, and per block of an article's
Markdown body, with its source text, its current translation and where it is used."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..checks.lockfiles import read_lock
from ..checks.stale import fingerprint, stale_fields
from ..foundation.model import Site
from ..plan.coverage import ItemTexts
from ..plan.urls import route_path
from ..source.roundtrip import block_texts

WHICH = ("missing", "stale", "all")
BODY = "body"


@dataclass(frozen=True)
class Unit:
    item: str  # the item's key: its YAML file, or an article's files without the language suffix
    field: str  # e.g. 'title', 'location.city', 'fields.robotics', 'body'
    block: int | None  # an article body's block, from 1; None for the whole field
    source: str
    source_language: str
    target: str | None  # the current translation
    state: str  # 'missing', 'stale' or 'current'
    notes: tuple[str, ...]

    @property
    def name(self) -> str:
        """The unit's id within its item: the field, and the block after a dot."""
        return self.field if self.block is None else f"{self.field}.{self.block}"

    @property
    def id(self) -> str:
        return f"{self.item}#{self.name}"

    @property
    def digest(self) -> str:
        return fingerprint(self.source)


def target_file(item: ItemTexts, code: str) -> str:
    """The file a translation into `code` is written to (an article's may not exist yet)."""
    if item.kind in ("news", "page"):
        return f"{item.key}.{code}.md"
    return item.key


def field_state(item: ItemTexts, name: str, code: str, stale: Mapping[tuple[str, str], tuple[str, ...]]) -> str:
    if code not in item.fields[name]:
        return "missing"
    return "stale" if name in stale.get((item.key, code), ()) else "current"


def item_units(item: ItemTexts, site: Site, code: str, which: str,
               stale: Mapping[tuple[str, str], tuple[str, ...]]) -> list[Unit]:
    """The units of one item that `which` asks for ('missing', 'stale' or 'all')."""
    units = []
    page = site.base_url + route_path(item.route, code)
    for name, values in item.fields.items():
        original = item.original(values, site)
        state = field_state(item, name, code, stale)
        if original == code or which != "all" and state != which:
            continue
        where = f"{item.files[original]}, field {name}"
        notes = (f"source: {where} ({original}); translation: {target_file(item, code)}; shown on {page}",)
        target = values.get(code)
        if name != BODY:
            units.append(Unit(item.key, name, None, values[original], original, target, state, notes))
            continue
        blocks, translated = block_texts(values[original]), block_texts(target or "")
        if target and len(translated) != len(blocks):  # the translation's paragraphs do not line up: one unit
            units.append(Unit(item.key, name, None, values[original], original, target, state, notes))
            continue
        for number, block in enumerate(blocks, 1):
            units.append(Unit(item.key, name, number, block, original, translated[number - 1] if target else None,
                              state, (notes[0] + f"; block {number} of {len(blocks)}",)))
    return units


def select_units(root: Path, items: list[ItemTexts], site: Site, code: str, which: str) -> list[Unit]:
    stale = stale_fields(items, site, read_lock(root) or {})
    return [unit for item in items for unit in item_units(item, site, code, which, stale)]
