"""iCalendar (RFC 5545) files: application deadlines and sessions, one calendar per language."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.support import NullTranslations
from icalendar import Calendar, Event, vText

from .catalog import Catalog
from .localize import Localizer
from .model import Program
from .urls import Route, Urls


def _text(value: str, lang: str) -> vText:
    text = vText(value)
    text.params["LANGUAGE"] = lang
    return text


def program_events(program: Program, catalog: Catalog, localizer: Localizer, urls: Urls,
                   translations: NullTranslations) -> list[Event]:
    site = catalog.content.site
    zone = ZoneInfo(site.timezone)
    title = localizer.text(program.title)
    lang = site.language(title.lang).hreflang
    url = urls.page_absolute(Route("program", program.slug), localizer.code)
    stamp = dt.datetime.combine(catalog.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    events = []
    for session in sorted(program.sessions, key=lambda s: s.start):
        run = session.start.isoformat()
        dated = Event()
        dated.add("uid", f"{program.slug}-{run}-session-{localizer.code}@sitegen")
        dated.add("dtstamp", stamp)
        dated.add("dtstart", session.start)
        dated.add("dtend", session.end + dt.timedelta(days=1))
        dated.add("summary", _text(title.value, lang))
        dated.add("url", url)
        events.append(dated)
        if session.application_deadline:
            deadline = Event()
            deadline.add("uid", f"{program.slug}-{run}-deadline-{localizer.code}@sitegen")
            deadline.add("dtstamp", stamp)
            end = dt.datetime.combine(session.application_deadline, dt.time(23, 59), tzinfo=zone)
            deadline.add("dtstart", end)
            deadline.add("dtend", end)
            label = translations.gettext("Application deadline: %(program)s") % {"program": title.value}
            deadline.add("summary", _text(label, localizer.language.hreflang))
            deadline.add("url", url)
            events.append(deadline)
    return events


def calendar_file(catalog: Catalog, localizer: Localizer, urls: Urls, translations: NullTranslations) -> bytes:
    site = catalog.content.site
    calendar = Calendar()
    calendar.add("prodid", "-//sitegen//program catalog//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", localizer.text(site.title).value)
    calendar.add("x-wr-timezone", site.timezone)
    for program in catalog.programs:
        if catalog.status[program.slug] != "archived":
            for event in program_events(program, catalog, localizer, urls, translations):
                calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
