"""The catalog's filters for one language: facet options and each program's filter data."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_skeleton

from ..foundation.model import AUDIENCES, MODES, PROGRAM_TYPES, Program
from ..plan.catalog import Catalog, next_session
from .localize import Localizer, Text
from .views import Pagination, ProgramCard, ViewBuilder

FEES = ("free", "paid")
SHOWN_STATUSES = ("open", "upcoming", "in-preparation", "closed", "archived")
SORTS = ("deadline", "start", "updated", "title")
# Past this many partners the form lists the most used ones, and the script adds the others from the index when
# a visitor first touches the filters: a catalog of 100,000 programs has 20,000 partners, on each of its pages.
FORM_PARTNERS = 100


@dataclass(frozen=True)
class Option:
    value: str
    label: Text | str | None = None  # None: the theme labels a fixed vocabulary (types, modes…)
    group: str | None = None  # place options: the country a city belongs to


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter and the card's data attribute
    options: tuple[Option, ...]
    listed: tuple[Option, ...] | None = None  # what the form lists when not every option: the most used ones

    @property
    def form_options(self) -> tuple[Option, ...]:
        return self.options if self.listed is None else self.listed


@dataclass(frozen=True)
class CatalogEntry:
    """A program card with the values the catalog's script filters and sorts on."""

    card: ProgramCard
    data: tuple[tuple[str, str], ...]  # (data attribute without "data-", value), in a fixed order


@dataclass(frozen=True)
class CatalogView:
    """One page of the catalog: its programs' cards, the filters over the whole catalog, the links to other pages."""

    entries: tuple[CatalogEntry, ...]
    # The same on every page of a language, and large (every partner): a page's fingerprint, made from its view's
    # repr, takes the facets' digest, made once, instead of their repr on each page.
    facets: tuple[Facet, ...] = field(repr=False)
    facets_digest: str
    total: int  # programs in the whole catalog
    first: int  # the place of the page's first program in the catalog, from 1
    pagination: Pagination
    index: str  # the address of the facet index the script fetches
    sorts: tuple[str, ...] = SORTS


def plural_samples(locale: str) -> tuple[tuple[str, int], ...]:
    """One whole number per CLDR plural category of the locale, e.g. ru: one 1, few 2, many 5.

    The page carries a message for each, so the browser can pick one with Intl.PluralRules.
    """
    rule = Locale.parse(locale).plural_form
    found: dict[str, int] = {}
    for number in range(0, 200):
        found.setdefault(rule(number), number)
    return tuple(sorted(found.items()))


def month_label(month: str, localizer: Localizer) -> str:
    """'2026-03' as the locale writes a month on its own: 'March 2026', 'март 2026 г.', '2026年3月'."""
    year, number = (int(part) for part in month.split("-"))
    return format_skeleton("yMMMM", dt.date(year, number, 1), locale=localizer.locale)


def filter_data(program: Program, card: ProgramCard, today: dt.date) -> tuple[tuple[str, str], ...]:
    session = next_session(program, today)
    fee = "" if program.fee is None else "free" if program.fee.free else "paid"
    return (
        ("type", program.type), ("audience", " ".join(program.audience)), ("field", program.field),
        ("partner", " ".join(program.partners)), ("place", place_value(card) or card.country or ""),
        ("lang", " ".join(program.languages)), ("mode", program.mode or ""),
        ("fee", fee), ("status", card.status),
        ("month", " ".join(sorted({s.start.strftime("%Y-%m") for s in program.sessions}))),
        ("deadline", session.applications_close.isoformat() if session else ""),
        ("start", session.start.isoformat() if session else ""), ("updated", program.updated.isoformat()),
    )


def place_value(card: ProgramCard) -> str | None:
    """A city as a filter value: country code and the city's name in the page's language."""
    return f"{card.country}/{card.city.value}" if card.city and card.country else None


def catalog_entries(catalog: Catalog, views: ViewBuilder) -> tuple[CatalogEntry, ...]:
    """Every program's card and filter data, in catalog order."""
    entries = []
    for program in catalog.programs:
        card = views.program_card(program)
        entries.append(CatalogEntry(card, filter_data(program, card, catalog.today)))
    return tuple(entries)


def catalog_facets(catalog: Catalog, entries: tuple[CatalogEntry, ...], views: ViewBuilder) -> tuple[Facet, ...]:
    return _facets(catalog, entries, views.l10n)


def catalog_view(catalog: Catalog, views: ViewBuilder, number: int, entries: tuple[CatalogEntry, ...],
                 facets: tuple[Facet, ...], facets_digest: str) -> CatalogView:
    """The catalog's page `number` (from 1); `entries` and `facets` are the whole catalog's."""
    per_page = catalog.content.site.programs_per_page
    start = (number - 1) * per_page
    return CatalogView(entries[start:start + per_page], facets, facets_digest, len(entries), start + 1,
                       views.pagination(number, catalog.programs_pages, "programs"),
                       views.urls.catalog_index(views.code))


def _sorted(options: list[Option]) -> tuple[Option, ...]:
    return tuple(sorted(options, key=lambda o: (str(o.label).casefold(), o.value)))


def _present(entries: tuple[CatalogEntry, ...], name: str) -> set[str]:
    """Values a data attribute takes (lists are space-separated; not for place, whose cities may hold spaces)."""
    return {value for entry in entries for value in dict(entry.data)[name].split(" ") if value}


def _facets(catalog: Catalog, entries: tuple[CatalogEntry, ...], l10n: Localizer) -> tuple[Facet, ...]:
    """Options that occur in the catalog; fixed vocabularies in their own order, the others by label."""
    def fixed(name: str, vocabulary: tuple[str, ...]) -> Facet:
        present = _present(entries, name)
        return Facet(name, tuple(Option(value) for value in vocabulary if value in present))

    site = catalog.content.site
    fields = _present(entries, "field")
    partners = _present(entries, "partner")
    languages = _present(entries, "lang")
    months = sorted(_present(entries, "month"))
    return (
        fixed("type", PROGRAM_TYPES), fixed("audience", AUDIENCES),
        Facet("field", _sorted([Option(key, l10n.text(site.fields[key])) for key in fields])),
        _most_used(Facet("partner", _sorted([Option(slug, l10n.text(catalog.partners[slug].name)) for slug in partners])),
                   entries, FORM_PARTNERS),
        Facet("place", _places(entries, l10n)),
        Facet("lang", _sorted([Option(code, l10n.language_name(code)) for code in languages])),
        fixed("mode", MODES), fixed("fee", FEES), fixed("status", SHOWN_STATUSES),
        Facet("month", tuple(Option(month, month_label(month, l10n)) for month in months)),
    )


def _most_used(facet: Facet, entries: tuple[CatalogEntry, ...], limit: int) -> Facet:
    """The facet, listing in the form only its `limit` options with the most programs (in the options' order)."""
    if len(facet.options) <= limit:
        return facet
    counts = Counter(value for entry in entries for value in dict(entry.data)[facet.name].split(" ") if value)
    kept = set(sorted(counts, key=lambda value: (-counts[value], value))[:limit])
    return dataclasses.replace(facet, listed=tuple(option for option in facet.options if option.value in kept))


def _places(entries: tuple[CatalogEntry, ...], l10n: Localizer) -> tuple[Option, ...]:
    """Each country (all its cities), followed by its cities."""
    cities: dict[str, dict[str, Text]] = {}
    for entry in entries:
        card = entry.card
        if card.country:
            group = cities.setdefault(card.country, {})
            if card.city:
                group[place_value(card)] = card.city
    options: list[Option] = []
    for country in sorted(cities, key=lambda code: (l10n.country(code).casefold(), code)):
        options.append(Option(country, l10n.country(country)))
        options += [Option(value, label, country) for value, label in
                    sorted(cities[country].items(), key=lambda item: (item[1].value.casefold(), item[0]))]
    return tuple(options)
