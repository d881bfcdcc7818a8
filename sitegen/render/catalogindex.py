"""The catalog's facet index of one language: every program's filter values, sort keys and card facts, coded
in columns so the catalog's script can filter and sort the whole catalog at once, whatever page it is on.

Facet values are small whole numbers into a table of values per facet, dates are day numbers (days since
1970-01-01, as JavaScript's Date counts them divided by a day), programs are positions in the catalog's order
(its default sort), and a program's address is the catalog's folder followed by its slug.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from ..plan.catalog import Catalog
from .facets import CatalogEntry, Facet
from .localize import Text
from .views import ProgramCard, ViewBuilder

INDEX_VERSION = 1
EPOCH = dt.date(1970, 1, 1)
MULTIPLE = ("audience", "partner", "lang", "month")  # facets a program may have several values of


def day_number(day: dt.date | None) -> int | None:
    return None if day is None else (day - EPOCH).days


def catalog_index(catalog: Catalog, views: ViewBuilder, entries: Sequence[CatalogEntry],
                  facets: Sequence[Facet]) -> dict[str, Any]:
    """The index as JSON-ready columns; `entries` are every program's card and filter data, in catalog order."""
    tables = {facet.name: [option.value for option in facet.options] for facet in facets}
    codes = {name: {value: number for number, value in enumerate(values)} for name, values in tables.items()}
    columns: dict[str, list[Any]] = {name: [] for name in tables}
    for name in ("deadline", "start", "updated"):
        columns[name] = []
    for entry in entries:
        data = dict(entry.data)
        for name in tables:
            value = data[name]
            if name in MULTIPLE:
                columns[name].append([codes[name][v] for v in value.split(" ") if v])
            else:
                columns[name].append(codes[name].get(value, -1) if value else -1)
        for name in ("deadline", "start", "updated"):
            columns[name].append(day_number(dt.date.fromisoformat(data[name])) if data[name] else None)
    prefix = views.href("program", "x").removesuffix("x/")
    return {
        "version": INDEX_VERSION, "prefix": prefix, "pageSize": catalog.content.site.programs_per_page,
        "slugs": [entry.card.slug for entry in entries],
        "titles": [entry.card.title.value for entry in entries],
        # Positions in the order of titles by code point: instant sorting by title, until the browser's own
        # collation (the language's alphabet, pinyin for Chinese) has been computed in idle time.
        "titleOrder": sorted(range(len(entries)), key=lambda n: (entries[n].card.title.value.casefold(), n)),
        "titleLang": {str(n): views.site.language(entry.card.title.lang).hreflang
                      for n, entry in enumerate(entries) if entry.card.title.fallback},
        "values": tables, "columns": columns, **_unlisted_labels(facets, views),
        "cards": _card_facts([entry.card for entry in entries], views),
    }


def _unlisted_labels(facets: Sequence[Facet], views: ViewBuilder) -> dict[str, Any]:
    """The labels of the facets whose form lists only some options, for the script to list the others; with the
    language of each label that falls back to another language's text."""
    cut = [facet for facet in facets if facet.listed is not None]
    if not cut:
        return {}
    return {"labels": {facet.name: [str(option.label) for option in facet.options] for facet in cut},
            "labelLangs": {facet.name: {str(n): views.site.language(option.label.lang).hreflang
                                        for n, option in enumerate(facet.options)
                                        if isinstance(option.label, Text) and option.label.fallback}
                           for facet in cut}}


def _card_facts(cards: Sequence[ProgramCard], views: ViewBuilder) -> dict[str, Any]:
    """What a result card shows besides its title and filter values: dates, the deadline, the fee's amount."""
    fees: dict[str, int] = {}
    fee_column: list[int | None] = []
    for card in cards:
        fee = card.fee
        if fee is None or fee.free:
            fee_column.append(None)
        else:
            fee_column.append(fees.setdefault(views.l10n.currency(fee.amount, fee.currency), len(fees)))
    sessions = [card.next_session for card in cards]
    return {
        "sessionStart": [day_number(s.start) if s else None for s in sessions],
        "sessionEnd": [day_number(s.end) if s else None for s in sessions],
        "deadline": [day_number(s.application_deadline) if s else None for s in sessions],
        "amount": fee_column, "amounts": list(fees),
    }

