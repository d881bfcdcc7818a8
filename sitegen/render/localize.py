"""One language's view of values: the fallback policy and Babel's locale-aware formatting."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Hashable, Mapping, TypeVar

from babel import Locale
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval, get_timezone_name
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit

from ..foundation.fallback import choose
from ..foundation.model import Duration, Language, Localized, Site

T = TypeVar("T")


@dataclass(frozen=True)
class Text:
    """A value shown in a page of another language when `fallback` is true."""

    value: str
    lang: str  # the site language code the text is written in
    fallback: bool

    def __str__(self) -> str:
        return self.value


class Localizer:
    """Resolves and formats values for one language of one site.

    Babel formats each distinct value once: the same dates, fees and durations come back on a program's page,
    its cards in lists and the compare page, and formatting is a large part of what those cost.
    """

    def __init__(self, site: Site, language: Language) -> None:
        self.site = site
        self.language = language
        self.locale = Locale.parse(language.locale)
        self._order = site.codes
        self._formatted: dict[Hashable, str] = {}

    def _once(self, key: Hashable, format_value: Callable[[], str]) -> str:
        found = self._formatted.get(key)
        if found is None:
            found = self._formatted[key] = format_value()
        return found

    @property
    def code(self) -> str:
        return self.language.code

    def text(self, value: Localized | None) -> Text | None:
        if not value:
            return None
        code, text = choose(value.values, self.language, self._order)
        return Text(text, code, code != self.code)

    def pick(self, values: Mapping[str, T]) -> tuple[str, T] | None:
        return choose(values, self.language, self._order)

    # Babel formatting
    # Keys name the value's type and text: 1500 and 1500.00 are equal as Decimals, not always alike on a page.
    def date(self, value: dt.date, format: str = "long") -> str:
        return self._once(("date", type(value), value, format),
                          lambda: format_date(value, format=format, locale=self.locale))

    def interval(self, start: dt.date, end: dt.date) -> str:
        if start == end:
            return self.date(start)
        return self._once(("interval", type(start), start, type(end), end),
                          lambda: format_interval(start, end, skeleton="yMMMd", locale=self.locale))

    def number(self, value: int | Decimal) -> str:
        return self._once(("number", type(value), str(value)), lambda: format_decimal(value, locale=self.locale))

    def currency(self, amount: Decimal, currency: str) -> str:
        """€1,500 for whole amounts, €1,500.50 otherwise (KWD 1.505: the currency's own decimals), in the locale's pattern."""
        return self._once(("currency", type(amount), str(amount), currency), lambda: self._currency(amount, currency))

    def _currency(self, amount: Decimal, currency: str) -> str:
        pattern = self.locale.currency_formats["standard"].pattern
        whole = amount == amount.to_integral_value()
        if whole:
            pattern = pattern.replace(".00", "")
        return format_currency(amount, currency, format=pattern, locale=self.locale, currency_digits=not whole)

    def deadline_zone(self, day: dt.date) -> str:
        """The site's time zone as people of this language name it on that day, e.g. 'Moscow Standard Time'."""
        return self._once(("zone", type(day), day), lambda: self._deadline_zone(day))

    def _deadline_zone(self, day: dt.date) -> str:
        moment = dt.datetime.combine(day, dt.time(23, 59), tzinfo=ZoneInfo(self.site.timezone))
        return get_timezone_name(moment, "long", locale=self.locale)

    def duration(self, duration: Duration) -> str:
        return self._once(("duration", duration), lambda: self._duration(duration))

    def _duration(self, duration: Duration) -> str:
        unit = {"hours": "duration-hour", "days": "duration-day", "weeks": "duration-week",
                "months": "duration-month"}[duration.unit]
        text = format_unit(duration.value, unit, length="long", locale=self.locale)
        if unit in text:  # CLDR lacks some long forms (Chinese hours); Babel then prints the unit's id
            text = format_unit(duration.value, unit, length="short", locale=self.locale)
        return text

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def language_name(self, code: str) -> str:
        return self.locale.languages.get(code, code)
