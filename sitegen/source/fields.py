"""Typed readers for the fields of editors' YAML: each reads one key and reports what is wrong with it."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Callable, Iterable

from ..foundation import limits
from ..foundation.fallback import choose, warn_untranslated
from ..foundation.model import Language, Localized
from ..foundation.problems import Position, Problems, did_you_mean
from .addresses import address_flaw, is_email, is_url, url_flaw
from .characters import CONTROL, CONTROL_IN_LINE, LINE_BREAK, PLACEHOLDER, report_control, report_placeholder
from .wording import describe, one_of, report_unknown_language
from .yamlsource import YList, YMap

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # not \d, which takes any script's digits


class Reader:
    """Reads the keys of one YAML mapping; remembers which keys it knows for `finish`."""

    def __init__(self, data: YMap, position: Position, problems: Problems,
                 languages: tuple[str, ...], prefix: str = "", chains: tuple[Language, ...] = ()) -> None:
        self.data, self.position, self.problems = data, position, problems
        self.languages, self.prefix = languages, prefix
        self.chains = chains  # the site's languages with their fallbacks, to name the text a page shows
        self.known: list[str] = []

    # positions and messages
    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def where(self, key: str | None = None, in_value: bool = True) -> Position:
        positions = self.data.value_pos if in_value else self.data.key_pos
        line, column = positions.get(key, self.data.pos) if key is not None else self.data.pos
        return self.position.at(line, column)

    def error(self, key: str, message: str, hint: str = "", at_key: bool = False) -> None:
        self.problems.error(self.where(key, in_value=not at_key), self.name(key), message, hint)

    def warning(self, key: str, message: str, hint: str = "") -> None:
        self.problems.warning(self.where(key), self.name(key), message, hint)

    def report_over_maximum(self, key: str, value: Any, maximum: int | Decimal) -> None:
        """A number above its documented limit, most often a typo."""
        self.error(key, f"must be at most {maximum}, not {describe(value)}", "check the number; a typo may have added digits")

    def _get(self, key: str, required: bool, hint: str = "") -> Any:
        self.known.append(key)
        if self._is_placeholder(self.data.get(key), self.where(key), key):
            return None
        if key in self.data and self.data[key] is None and required:
            self.problems.error(self.where(key, in_value=False), self.name(key), "required field has no value",
                                hint or f"write the value after '{key}:'")
        elif key not in self.data and required:
            place = f"under '{self.prefix[:-1]}'" if self.prefix else "to this file"
            self.problems.error(self.where(), self.name(key), "required field is missing",
                                hint or f"add '{key}:' {place}")
        return self.data.get(key)

    def _is_placeholder(self, value: Any, position: Position, key: str) -> bool:
        if not (isinstance(value, str) and PLACEHOLDER.search(value)):
            return False
        report_placeholder(self.problems, position, self.name(key), value.strip(),
                           "write the real value instead, or delete the field if it is optional")
        return True

    def finish(self) -> None:
        """Report every key this reader was not asked for, with a did-you-mean."""
        for key in self.data:
            if key not in self.known:
                self.problems.error(self.where(key, in_value=False), self.name(str(key)),
                                    f"unknown field{did_you_mean(key, self.known)}",
                                    "allowed here: " + ", ".join(dict.fromkeys(self.known)))

    # readers
    def raw(self, key: str, required: bool = False) -> Any:
        return self._get(key, required)

    def text(self, key: str, required: bool = False, max_length: int | None = None,
             one_line: bool = False) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(key, f"must be text, not {describe(value)}", "write it as plain text")
            return None
        value = value.strip()
        if not value:
            self.error(key, "must not be empty", f"write the text or remove '{key}'")
            return None
        if not self._plain(key, value, one_line):
            return None
        if max_length and len(value) > max_length:
            self.error(key, f"is {len(value)} characters long; at most {max_length} are allowed",
                       "shorten it; a title or name fits on one line" if one_line
                       else "shorten it; put the details in the description")
        return value

    def _plain(self, key: str, value: str, one_line: bool) -> bool:
        """False, with the problem reported, for a line break in a one-line value or an invisible control."""
        if one_line and LINE_BREAK.search(value):
            self.error(key, "must be one line, without line breaks",
                       "write it on one line; the details belong in the description")
            return False
        control = (CONTROL_IN_LINE if one_line else CONTROL).search(value)
        if control:
            report_control(self.problems, self.where(key), self.name(key), control.group())
            return False
        return True

    def localized(self, key: str, required: bool = False, max_length: int | None = None,
                  one_line: bool = False) -> Localized | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, YMap):
            self.error(key, f"must be a mapping of languages to text, not {describe(value)}",
                       "write it as {" + ", ".join(f"{c}: ..." for c in self.languages) + "}")
            return None
        child = self.child(key, value)
        texts, before = {}, len(self.problems)
        for code in value:
            if code not in self.languages:
                child.known.append(code)
                report_unknown_language(self.problems, child.where(code, in_value=False), child.name(code), code,
                                        self.languages, "the languages are listed in site.yaml: " + ", ".join(self.languages))
                continue
            text = child.text(code, max_length=max_length, one_line=one_line)
            if text is not None:
                texts[code] = text
        if not texts:
            if len(self.problems) == before:  # '{}' or '{en: }': nothing to show, and nothing said yet
                self.error(key, "has no text in any language",
                           "write it as {" + ", ".join(f"{c}: ..." for c in self.languages) + "}")
            return None
        for code in self.languages:
            if value.get(code) is None:
                self._missing_translation(key, code, texts)
        return Localized(texts)

    def _missing_translation(self, key: str, code: str, texts: dict[str, str]) -> None:
        language = next((lang for lang in self.chains if lang.code == code), Language(code, code, code, code, ()))
        shown, _ = choose(texts, language, self.languages)
        warn_untranslated(self.problems, self.where(key), self.name(key), code, shown,
                          f"add the {code} text, e.g. '{code}: ...' in {self.name(key)}")

    def enum(self, key: str, choices: Iterable[str], required: bool = False, what: str = "value",
             hint: str = "") -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        choices = tuple(choices)
        if not isinstance(value, str) or value not in choices:
            self.error(key, f"unknown {what} {describe(value)}{did_you_mean(str(value), choices)}",
                       hint or one_of(choices))
            return None
        return value

    def items(self, key: str, required: bool = False, min_items: int = 0) -> list[tuple[Any, Position]]:
        """A list's items with their positions; a single value stands for a list of one."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, YList):
            example = "" if isinstance(value, YMap) else f"[{value}] or "
            self.error(key, f"must be a list, not {describe(value)}", f"write it as {example}lines starting with '- '")
            return []
        if len(value) < min_items:
            self.error(key, f"needs at least {min_items} item{'s' if min_items > 1 else ''}",
                       f"list {'them' if min_items > 1 else 'it'} between the brackets, e.g. [first, second]")
        return [(item, self.position.at(*pos)) for item, pos in zip(value, value.item_pos)]

    def enum_list(self, key: str, choices: Iterable[str], required: bool = False, min_items: int = 0,
                  what: str = "value", hint: str = "", suggest: Callable[[str], str] | None = None) -> tuple[str, ...]:
        # A set stays a set: lists of slugs are checked against every program of a large catalog.
        members = choices if isinstance(choices, (set, frozenset)) else tuple(choices)
        suggest = suggest or (lambda item: did_you_mean(item, members))
        found = []
        for item, position in self.items(key, required, min_items):
            if self._is_placeholder(item, position, key):
                continue
            if not isinstance(item, str) or item not in members:
                self.problems.error(position, self.name(key), f"unknown {what} {describe(item)}{suggest(str(item))}",
                                    hint or one_of(members if isinstance(members, tuple) else tuple(sorted(members))))
            elif item in found:
                self.problems.error(position, self.name(key), f"'{item}' is listed twice", "remove one")
            else:
                found.append(item)
        return tuple(found)

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not _DATE.fullmatch(str(value)):
            self.error(key, f"{describe(value)} is not a date", "write dates as YYYY-MM-DD, e.g. 2026-03-01")
            return None
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.error(key, f"{describe(value)} is not a real date", "check the month and the day")
            return None
        if not limits.FIRST_DATE <= day <= limits.LAST_DATE:
            self.error(key, f"{describe(value)} is not between {limits.FIRST_DATE} and {limits.LAST_DATE}",
                       "check the year")
            return None
        return day

    def integer(self, key: str, required: bool = False, minimum: int = 1, maximum: int | None = None) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(key, f"must be a whole number of at least {minimum}, not {describe(value)}",
                       "write the number alone, without quotes or units")
            return None
        if maximum is not None and value > maximum:
            self.report_over_maximum(key, value, maximum)
            return None
        return value

    def boolean(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, not {describe(value)}", "write true or false; yes and no are text")
            return False
        return value

    def url(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required, max_length=limits.URL, one_line=True)
        if value is not None and not is_url(value):
            self.error(key, f"'{value}' is not an http(s) URL",
                       "write the full address, starting with https://, as the browser's address bar shows it")
            return None
        return self._linkable(key, value, "copy the address from the browser's address bar, which writes such characters as %XX",
                              url_flaw)

    def email(self, key: str) -> str | None:
        value = self.text(key, max_length=limits.EMAIL, one_line=True)
        if value is not None and not is_email(value):
            self.error(key, f"'{value}' is not an email address", "write it like name@example.org")
            return None
        return self._linkable(key, value, "write the address alone, like name@example.org", address_flaw)

    def phone(self, key: str) -> str | None:
        value = self.text(key, max_length=limits.NAME, one_line=True)
        return self._linkable(key, value, "write the number with digits, spaces, +, -, ( and )", address_flaw)

    def _linkable(self, key: str, value: str | None, hint: str, flaw: Callable[[str], str | None]) -> str | None:
        """The value, unless `flaw` finds in it a character its kind of link cannot hold."""
        bad = flaw(value) if value is not None else None
        if bad:
            self.error(key, f"'{value}' contains '{bad}', which a link cannot contain", hint)
            return None
        return value

    def mapping(self, key: str, required: bool = False) -> "Reader | None":
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, YMap):
            self.error(key, f"must be a mapping, not {describe(value)}", "write its fields on indented lines below it")
            return None
        return self.child(key, value)

    def child(self, key: str, value: YMap) -> "Reader":
        return Reader(value, self.position, self.problems, self.languages, f"{self.name(key)}.", self.chains)

    def reader_at(self, item: Any, position: Position, key: str, index: int) -> "Reader | None":
        if not isinstance(item, YMap):
            self.problems.error(position, f"{self.name(key)}[{index}]", f"must be a mapping, not {describe(item)}",
                                "write the entry as {key: value, ...} or as indented 'key: value' lines")
            return None
        return Reader(item, self.position, self.problems, self.languages, f"{self.name(key)}[{index}].", self.chains)

    def check(self, key: str, ok: bool, message: str, hint: str = "") -> bool:
        if not ok:
            self.error(key, message, hint)
        return ok


def read_each(reader: Reader, key: str, read: Callable[[Reader], Any], required: bool = False,
              min_items: int = 0) -> list[Any]:
    """Read every mapping in a list with `read`; a non-mapping item is a problem."""
    results = []
    for index, (item, position) in enumerate(reader.items(key, required, min_items)):
        child = reader.reader_at(item, position, key, index)
        if child is not None:
            result = read(child)
            child.finish()
            if result is not None:
                results.append(result)
    return results
