"""Which programs have a calendar of their own, and the links to it; the iCalendar files are output's."""
from __future__ import annotations

from dataclasses import dataclass

from ..foundation.model import Program
from .catalog import Catalog
from .urls import Urls, webcal


def has_calendar(program: Program, catalog: Catalog) -> bool:
    """A program gets its own calendar when it has dates and is not archived."""
    return bool(program.sessions) and catalog.status[program.slug] != "archived"


@dataclass(frozen=True)
class CalendarLinks:
    """A program's calendar twice: https:// to download or paste (Google Calendar), webcal:// to subscribe."""

    https: str
    webcal: str


def calendar_links(program: Program, catalog: Catalog, urls: Urls, language: str) -> CalendarLinks | None:
    if not has_calendar(program, catalog):
        return None
    url = urls.program_calendar(program.slug, language)
    return CalendarLinks(url, webcal(url))
