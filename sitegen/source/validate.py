"""Validate programs, partners, news and pages into model objects, reporting every problem."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.core import get_global

from ..foundation import limits
from ..foundation.model import (AUDIENCES, DURATION_UNITS, EXPLICIT_STATUSES, MODES, PARTNER_KINDS, PROGRAM_TYPES,
                                Article, ArticleText, Duration, Location, Partner, Program, Session, Site)
from ..foundation.problems import Position, Problems, did_you_mean
from .characters import CONTROL, PLACEHOLDER, report_control, report_placeholder
from .discover import SourceFile
from .fees import read_fee
from .fields import Reader, read_each
from .parse import Document
from .siteconfig import read_contact
from .wording import report_unknown_language

_ENGLISH = Locale("en")
COUNTRIES = frozenset(code for code in _ENGLISH.territories if len(code) == 2 and code.isalpha())
# 'CHN', 'RUS' and 'UK' are codes editors also meet; they point to the alpha-2 code.
_COUNTRY_ALIASES = {alias: codes[0] for alias, codes in get_global("territory_aliases").items()
                    if alias.isalpha() and codes and codes[0] in COUNTRIES}
LANGUAGE_CODES = frozenset(code for code in _ENGLISH.languages if "_" not in code)
# 'eng', 'rus', 'chi' and 'English' name a language too; they point the editor to its code.
_LANGUAGE_NAMES = {**{name.lower(): code for code, name in _ENGLISH.languages.items() if code in LANGUAGE_CODES},
                   **{alias: code for alias, code in get_global("language_aliases").items() if code in LANGUAGE_CODES}}
STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class Known:
    """What references in content may point to, and the build date."""

    site: Site
    today: dt.date
    programs: frozenset[str]
    partners: frozenset[str]
    media: frozenset[str]  # file names under content/media/
    logos: frozenset[str]  # file names under partners/logos/


def _reader(document: Document, known: Known, problems: Problems) -> Reader:
    return Reader(document.data, Position(document.path), problems, known.site.codes, chains=known.site.languages)


def _country(reader: Reader, key: str, required: bool) -> str | None:
    value = reader.text(key, required)
    if value is not None and value not in COUNTRIES:
        alias = _COUNTRY_ALIASES.get(value.upper())
        suggestion = f" (did you mean '{alias}'?)" if alias else did_you_mean(value.upper(), COUNTRIES)
        reader.error(key, f"'{value}' is not an ISO 3166-1 alpha-2 country code{suggestion}",
                     "use two capital letters, e.g. CN or RU")
        return None
    return value


def _slugs(reader: Reader, key: str, choices: frozenset[str], what: str, required: bool = False) -> tuple[str, ...]:
    return reader.enum_list(key, choices, required=required, min_items=1 if required else 0, what=what)


def _language_suggestion(value: str) -> str:
    code = _LANGUAGE_NAMES.get(value.lower())
    return f" (did you mean '{code}'?)" if code else did_you_mean(value, LANGUAGE_CODES)


def _file(reader: Reader, key: str, choices: frozenset[str], folder: str) -> str | None:
    value = reader.text(key)
    if value is not None and value not in choices:
        reader.error(key, f"no file '{value}' in {folder}{did_you_mean(value, choices)}",
                     f"put the file in {folder} and give its name here")
        return None
    return value


def validate_program(document: Document, source: SourceFile, known: Known, problems: Problems) -> Program | None:
    return read_program(_reader(document, known, problems), source, known)


def read_program(reader: Reader, source: SourceFile, known: Known) -> Program | None:
    """The program's fields, each read by `reader` (whose calls the editors' schemas are recorded from)."""
    title = reader.localized("title", required=True, max_length=limits.TITLE, one_line=True)
    summary = reader.localized("summary", required=True, max_length=limits.SUMMARY)
    program_type = reader.enum("type", PROGRAM_TYPES, required=True, what="program type")
    audience = reader.enum_list("audience", AUDIENCES, required=True, min_items=1, what="audience")
    field = reader.enum("field", sorted(known.site.fields), required=True, what="field of study",
                        hint="use a key of 'fields' in site.yaml: " + (", ".join(sorted(known.site.fields)) or "(none yet)"))
    partners = _slugs(reader, "partners", known.partners, "partner", required=True)
    status = reader.enum("status", EXPLICIT_STATUSES, what="status",
                         hint="set only in-preparation or archived; open, upcoming and closed follow from the sessions")
    # A program still in preparation may be published before its format is known. A status that
    # cannot be read may have meant in-preparation; its own error is enough.
    details_known = status == "archived" or (status is None and reader.data.get("status") is None)
    mode = reader.enum("mode", MODES, required=details_known, what="mode")
    location = _read_location(reader, required=details_known and mode in ("onsite", "blended"))
    languages = reader.enum_list("languages", LANGUAGE_CODES, required=details_known, min_items=int(details_known),
                                 what="language code", hint="use ISO 639-1 codes such as en, ru or zh",
                                 suggest=_language_suggestion)
    duration = _read_duration(reader)
    sessions = tuple(read_each(reader, "sessions", _read_session))
    fee = read_fee(reader)
    contact_reader = reader.mapping("contact")
    image = _file(reader, "image", known.media, "content/media/")
    image_alt = reader.localized("image_alt", max_length=limits.ALT, one_line=True)
    _require_alt(reader, image, image_alt)
    updated = reader.date("updated", required=True)
    program = Program(
        slug=source.slug, source=source.path, title=title, summary=summary, type=program_type,
        audience=audience, field=field, partners=partners, mode=mode, location=location,
        languages=languages, updated=updated, description=reader.localized("description"),
        duration=duration, sessions=sessions, fee=fee, funding=reader.localized("funding", max_length=limits.TEXT),
        credential=reader.localized("credential", max_length=limits.TEXT), eligibility=reader.localized("eligibility"),
        documents=reader.localized("documents"),
        how_to_apply=reader.localized("how_to_apply"), apply_url=reader.url("apply_url"),
        contact=read_contact(contact_reader) if contact_reader else None, status=status,
        image=image, image_alt=image_alt, featured=reader.boolean("featured"), draft=reader.boolean("draft"),
    )
    reader.finish()
    if not (title and summary and program_type and audience and field and partners and updated):
        return None
    if (mode or not details_known) and (languages or not details_known):
        _warn_if_outdated(reader, program, known.today)
        return program
    return None


def _require_alt(reader: Reader, image: str | None, image_alt: object) -> None:
    if image is not None and image_alt is None and reader.data.get("image_alt") is None:
        reader.error("image", "an image needs 'image_alt'",
                     "add 'image_alt:' describing the image for readers who cannot see it")


def _warn_if_outdated(reader: Reader, program: Program, today: dt.date) -> None:
    if program.status == "archived":
        return
    if today - program.updated > STALE_AFTER:
        reader.warning("updated", f"the facts were last checked on {program.updated}, more than a year ago",
                       "check dates, fees and contacts, then set 'updated' to today's date")
    if program.sessions and all(session.end < today for session in program.sessions):
        reader.warning("sessions", "every session is in the past",
                       "add the next session, or set 'status: archived'")


def _read_location(reader: Reader, required: bool) -> Location | None:
    location = reader.mapping("location", required=required)
    if location is None:
        return None
    city = location.localized("city", required=True, max_length=limits.NAME, one_line=True)
    country = _country(location, "country", required=True)
    location.finish()
    return Location(city=city, country=country) if city and country else None


def _read_duration(reader: Reader) -> Duration | None:
    duration = reader.mapping("duration")
    if duration is None:
        return None
    values = {unit: duration.integer(unit, maximum=limits.MAX_DURATION[unit]) for unit in DURATION_UNITS}
    duration.finish()
    if sum(unit in duration.data for unit in DURATION_UNITS) != 1:
        reader.error("duration", "give exactly one of hours, days, weeks or months", "e.g. 'duration: {weeks: 2}'")
        return None
    given = [(unit, value) for unit, value in values.items() if value is not None]
    return Duration(*given[0]) if given else None


def _read_session(reader: Reader) -> Session | None:
    start, end = reader.date("start", required=True), reader.date("end", required=True)
    opens, deadline = reader.date("application_opens"), reader.date("application_deadline")
    seats = reader.integer("seats", maximum=limits.MAX_SEATS)
    steps = [("application_opens", opens), ("application_deadline", deadline), ("start", start), ("end", end)]
    present = [(key, value) for key, value in steps if value is not None]
    for (before_key, before), (after_key, after) in zip(present, present[1:]):
        reader.check(after_key, before <= after, f"{after_key} ({after}) is before {before_key} ({before})",
                     "dates go in this order: application_opens ≤ application_deadline ≤ start ≤ end")
    if start is None or end is None:
        return None
    return Session(start=start, end=end, application_opens=opens, application_deadline=deadline, seats=seats)


def validate_partner(document: Document, source: SourceFile, known: Known, problems: Problems) -> Partner | None:
    return read_partner(_reader(document, known, problems), source, known)


def read_partner(reader: Reader, source: SourceFile, known: Known) -> Partner | None:
    partner = Partner(
        slug=source.slug, source=source.path, name=reader.localized("name", required=True, max_length=limits.TITLE, one_line=True),
        short_name=reader.localized("short_name", max_length=limits.NAME, one_line=True),
        kind=reader.enum("kind", PARTNER_KINDS, required=True, what="kind"),
        country=_country(reader, "country", required=True),
        city=reader.localized("city", max_length=limits.NAME, one_line=True),
        website=reader.url("website"), logo=_file(reader, "logo", known.logos, "partners/logos/"),
        description=reader.localized("description"),
    )
    reader.finish()
    return partner if partner.name and partner.kind and partner.country else None


@dataclass(frozen=True)
class ArticleFile:
    """One language's file of an article, validated, before the translations are joined."""

    source: SourceFile
    text: ArticleText
    date: dt.date | None
    date_position: Position
    partners: tuple[str, ...]
    programs: tuple[str, ...]
    draft: bool


def validate_article_file(document: Document, source: SourceFile, kind: str, known: Known,
                          problems: Problems) -> ArticleFile | None:
    if _without_text(document):  # a web editor writes a file for every language, a language left blank too
        problems.warning(Position(source.path), "", "this file has no title and no text yet, so it is not published",
                         "write its title and text, or delete the file; until then readers see another language's",
                         language=source.language)
        return None
    if source.language not in known.site.codes:
        report_unknown_language(problems, Position(source.path), "", str(source.language), known.site.codes,
                                "end the file name with one of: " + ", ".join(f".{code}.md" for code in known.site.codes))
    _check_body(document, problems)
    return read_article(_reader(document, known, problems), source, kind, known, document.body)


def _without_text(document: Document) -> bool:
    return not document.body.strip() and not any(
        str(document.data.get(name) or "").strip() for name in ("title", "summary", "menu_title", "image_alt"))


def read_article(reader: Reader, source: SourceFile, kind: str, known: Known, body: str = "") -> ArticleFile | None:
    title = reader.text("title", required=True, max_length=limits.TITLE, one_line=True)
    date = reader.date("date", required=kind == "news")
    if kind == "news" and date is not None and source.date != date.isoformat():
        reader.error("date", f"the date {date} differs from the date {source.date} in the file name",
                     "make the file name and the 'date' field agree")
    menu_title = reader.text("menu_title", max_length=limits.NAME, one_line=True) if kind == "page" else None
    image = _file(reader, "image", known.media, "content/media/")
    image_alt = reader.text("image_alt", max_length=limits.ALT, one_line=True)
    _require_alt(reader, image, image_alt)
    text = ArticleText(source=source.path, title=title or "", body=body, summary=reader.text("summary", max_length=limits.TEXT),
                       menu_title=menu_title, image=image, image_alt=image_alt)
    article = ArticleFile(
        source=source, text=text, date=date, date_position=reader.where("date"),
        partners=_slugs(reader, "partners", known.partners, "partner"),
        programs=_slugs(reader, "programs", known.programs, "program"), draft=reader.boolean("draft"),
    )
    reader.finish()
    if title is None or source.language not in known.site.codes or (kind == "news" and date is None):
        return None
    return article


def _check_body(document: Document, problems: Problems) -> None:
    """A text still showing what `build.py new` wrote in it is not ready to publish, nor one with invisible controls."""
    for offset, line in enumerate(document.body.split("\n")):  # not splitlines(), which also splits at \x0c and \x85
        for match in PLACEHOLDER.finditer(line):
            report_placeholder(problems, Position(document.path, document.body_line + offset, match.start() + 1), "",
                               match.group(), "write the text in its place, in Markdown")
        control = CONTROL.search(line)
        if control:
            report_control(problems, Position(document.path, document.body_line + offset, control.start() + 1), "",
                           control.group())


def join_translations(kind: str, files: list[ArticleFile], problems: Problems) -> list[Article]:
    """Group one article's language files; their file names must agree on the date."""
    groups: dict[str, list[ArticleFile]] = {}
    for file in files:
        groups.setdefault(file.source.slug, []).append(file)
    articles = []
    for slug, group in sorted(groups.items()):
        published = [file for file in group if not file.draft]
        first = group[0]
        for file in group[1:]:
            # Each file's 'date' is checked against its own name, so comparing the names reports a
            # wrong date once, in the file that has it.
            if file.source.date != first.source.date:
                problems.error(file.date_position, "date",
                               f"the date differs from {first.source.path} ({first.source.date})",
                               "every translation of a news article has the same date; a different article needs another slug")
        articles.append(Article(
            kind=kind, slug=slug, texts={file.source.language: file.text for file in published or group},
            date=first.date, partners=tuple(sorted({p for file in group for p in file.partners})),
            programs=tuple(sorted({p for file in group for p in file.programs})), draft=not published,
        ))
    return articles


def validate_source(kind: str, document: Document, source: SourceFile, known: Known, problems: Problems) -> Any:
    """The file's model object, None when invalid."""
    if kind == "program":
        return validate_program(document, source, known, problems)
    if kind == "partner":
        return validate_partner(document, source, known, problems)
    return validate_article_file(document, source, kind, known, problems)
