"""Validate site.yaml into a Site: languages first, since every localized value depends on them."""
from __future__ import annotations

import re
import zoneinfo

from babel import Locale, UnknownLocaleError

from .discover import SLUG
from .fields import Reader, read_each
from .model import SECTIONS, Contact, Language, Localized, Site
from .parse import Document
from .problems import Position, Problems, did_you_mean

_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)*$")


def read_contact(reader: Reader) -> Contact:
    contact = Contact(email=reader.email("email"), phone=reader.text("phone"), wechat=reader.text("wechat"))
    reader.finish()
    return contact


def validate_site(document: Document, page_slugs: set[str], problems: Problems) -> Site | None:
    top = Reader(document.data, Position(document.path), problems, ())
    languages = read_each(top, "languages", _read_language, required=True, min_items=1)
    codes = tuple(language.code for language in languages)
    _check_languages(top, languages)
    reader = Reader(document.data, Position(document.path), problems, codes)
    reader.known = top.known
    title = reader.localized("title", required=True)
    description = reader.localized("description") or Localized({})
    base_url = reader.url("base_url", required=True)
    default_language = reader.enum("default_language", codes, required=True, what="language")
    timezone = _read_timezone(reader)
    fields = _read_fields(reader)
    menu = _read_menu(reader, page_slugs)
    contact_reader = reader.mapping("contact")
    contact = read_contact(contact_reader) if contact_reader else Contact()
    news_per_page = reader.integer("news_per_page") or 10
    reader.finish()
    if not (languages and title and base_url and default_language and timezone):
        return None
    return Site(
        title=title, description=description, base_url=base_url.rstrip("/") + "/",
        default_language=default_language, languages=tuple(languages), timezone=timezone,
        fields=fields, menu=menu, contact=contact, news_per_page=news_per_page,
    )


def _read_language(reader: Reader) -> Language | None:
    code = reader.text("code", required=True)
    locale = reader.text("locale", required=True)
    hreflang = reader.text("hreflang")
    name = reader.text("name", required=True)
    fallback = tuple(item for item, _ in reader.items("fallback") if isinstance(item, str))
    if code and not reader.check("code", bool(_CODE.match(code)), f"'{code}' is not a language code",
                                 "use a short lowercase code such as ru, en or zh"):
        return None
    if locale:
        try:
            Locale.parse(locale)
        except (ValueError, UnknownLocaleError):
            reader.error("locale", f"'{locale}' is not a locale Babel knows", "use a locale such as ru_RU, en_GB or zh_Hans_CN")
            return None
    if not (code and locale and name):
        return None
    return Language(code=code, locale=locale, hreflang=hreflang or code, name=name, fallback=fallback)


def _check_languages(reader: Reader, languages: list[Language]) -> None:
    codes = [language.code for language in languages]
    for language in languages:
        if codes.count(language.code) > 1:
            reader.error("languages", f"language '{language.code}' is listed twice")
        for other in language.fallback:
            if other not in codes or other == language.code:
                reader.error("languages", f"fallback '{other}' of '{language.code}' is not another language of the site"
                             f"{did_you_mean(other, codes)}", "fallbacks name other entries of 'languages'")


def _read_timezone(reader: Reader) -> str | None:
    name = reader.text("timezone", required=True)
    if name is None:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        reader.error("timezone", f"unknown time zone '{name}'", "use an IANA name such as Europe/Moscow")
        return None
    return name


def _read_fields(reader: Reader) -> dict[str, Localized]:
    fields_reader = reader.mapping("fields", required=True)
    if fields_reader is None:
        return {}
    fields = {}
    for key in list(fields_reader.data):
        if not (isinstance(key, str) and SLUG.match(key)):
            fields_reader.known.append(key)
            fields_reader.error(key, f"'{key}' is not a valid key", "use lowercase letters, digits and hyphens")
            continue
        value = fields_reader.localized(key, required=True)
        if value:
            fields[key] = value
    return fields


def _read_menu(reader: Reader, page_slugs: set[str]) -> tuple[str, ...]:
    entries = []
    choices = (*SECTIONS, *sorted(page_slugs))
    for item, position in reader.items("menu"):
        if item in choices:
            entries.append(item)
        else:
            reader.problems.error(position, "menu", f"'{item}' is neither a section nor a page{did_you_mean(str(item), choices)}",
                                  "use programs, partners, news or the slug of a file in content/pages/")
    return tuple(entries)
