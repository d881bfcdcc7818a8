"""iCalendar (RFC 5545) files: application deadlines and sessions, per language and per program."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Container
from zoneinfo import ZoneInfo

from babel.support import NullTranslations
from icalendar import Calendar, Event, Timezone, vText

from ..foundation.fingerprints import digest
from ..foundation.model import Program
from ..plan.calendars import has_calendar
from ..plan.catalog import Catalog
from ..plan.urls import Route, Urls
from ..render.localize import Localizer

PRODID = "-//sitegen//program catalog//EN"
# A program's events serialised, and the years its deadlines fall in, by a digest of all they show (see event_key).
Serialised = dict[str, tuple[bytes, tuple[int, ...]]]


def _text(value: str, lang: str) -> vText:
    text = vText(value)
    text.params["LANGUAGE"] = lang
    return text


def _event(uid: str, stamp: dt.datetime, url: str, summary: vText) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("url", url)
    return event


def program_events(program: Program, catalog: Catalog, localizer: Localizer, urls: Urls,
                   translations: NullTranslations) -> list[Event]:
    """Each session (all-day dates) and each application deadline (23:59 in the site's time zone).

    UIDs come from the slug, the session's start and the language, never from the domain, so a
    calendar app updates its copy when the site moves or is rebuilt.
    """
    site = catalog.content.site
    zone = ZoneInfo(site.timezone)
    title = localizer.text(program.title)
    lang, own = site.language(title.lang).hreflang, localizer.language.hreflang
    url = urls.page_absolute(Route("program", program.slug), localizer.code)
    stamp = dt.datetime.combine(catalog.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    events = []
    for session in sorted(program.sessions, key=lambda s: s.start):
        uid = f"{program.slug}-{session.start.isoformat()}-{{}}-{localizer.code}@sitegen"
        dated = _event(uid.format("session"), stamp, url, _text(title.value, lang))
        dated.add("dtstart", session.start)
        dated.add("dtend", session.end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        events.append(dated)
        if session.application_deadline:
            label = translations.gettext("Application deadline: %(program)s") % {"program": title.value}
            deadline = _event(uid.format("deadline"), stamp, url, _text(label, own))
            end = dt.datetime.combine(session.application_deadline, dt.time(23, 59), tzinfo=zone)
            deadline.add("dtstart", end)
            deadline.add("dtend", end)
            events.append(deadline)
    return events


def _calendar(name: str, timezone: str, deadlines: list[int], blocks: bytes) -> bytes:
    """The calendar around `blocks`, the events already serialised: the site's calendar reuses its programs'."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # As vText, escaped like SUMMARY: icalendar writes a plain str of an X- property as it is, guarded
    # only by an assert, so under python -O a line break in a title would start a new line (and event).
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", vText(timezone))
    zone = b""
    if deadlines:  # deadlines are local times in the site's zone: describe its rules over the years they fall in
        zone = _vtimezone(timezone, min(deadlines), max(deadlines) + 1)
    end = b"END:VCALENDAR\r\n"
    # The calendar's own lines come before its components; the zone's follow, then the events'.
    return calendar.to_ical().removesuffix(end) + zone + blocks + end


@functools.lru_cache(maxsize=None)
def _vtimezone(tzid: str, first_year: int, end_year: int) -> bytes:
    """The zone's rules from 1 January of the first year to that of the end year, built and serialised once per span.

    Limited to the span, the component stays a few lines: the zone's whole history since 1970 made
    every program's calendar kilobytes long and slow to write.
    """
    return Timezone.from_tzinfo(ZoneInfo(tzid), tzid, dt.date(first_year, 1, 1), dt.date(end_year, 1, 1)).to_ical()


def event_key(program: Program, catalog: Catalog, salt: str) -> str:
    """Names a program's serialised events by everything they show: `salt` covers the language, its translations,
    the site's settings and URLs, and the generator; the rest is the program's own, the date and the time zone."""
    return digest(salt, repr((program.slug, program.title, program.sessions, catalog.today,
                              catalog.content.site.timezone)), size=20)


def calendar_files(catalog: Catalog, localizer: Localizer, urls: Urls, translations: NullTranslations,
                   wanted: Container[str] | None = None, serialised: Serialised | None = None, salt: str = ""
                   ) -> tuple[bytes, dict[str, bytes]]:
    """The site's calendar (every program but the archived ones) and each dated program's own, by slug.

    Each event is serialised once and shared by both files: serialising is most of a calendar's cost.
    `wanted`: the slugs whose own calendars are needed (None: all). `serialised`: this language's events of
    earlier builds (event_key with `salt`), taken from and brought up to date with exactly this build's.
    """
    site = catalog.content.site
    earlier, kept = (serialised if serialised is not None else {}), {}
    deadlines, blocks, programs = [], [], {}
    for program in catalog.programs:
        if not has_calendar(program, catalog):
            continue
        key = event_key(program, catalog, salt)
        if key not in earlier:
            own = program_events(program, catalog, localizer, urls, translations)
            earlier[key] = (b"".join(event.to_ical() for event in own),
                            tuple(start.year for start in (event.decoded("dtstart") for event in own)
                                  if isinstance(start, dt.datetime)))
        kept[key] = block, own_deadlines = earlier[key]
        if wanted is None or program.slug in wanted:
            name = f"{localizer.text(program.title).value} — {localizer.text(site.title).value}"
            programs[program.slug] = _calendar(name, site.timezone, list(own_deadlines), block)
        deadlines += own_deadlines
        blocks.append(block)
    if serialised is not None:  # what this build no longer shows is forgotten
        serialised.clear()
        serialised.update(kept)
    return _calendar(localizer.text(site.title).value, site.timezone, deadlines, b"".join(blocks)), programs
