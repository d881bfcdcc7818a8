"""Open data: programs.json, an index of every published program (and the partners), and one file per program
with all its facts in every language (schemas: docs/programs.schema.json and docs/program.schema.json)."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ..foundation.fingerprints import digest, published_digest
from ..foundation.model import Contact, Fee, Localized, Partner, Program, Session
from ..plan.catalog import Catalog
from ..plan.urls import OPEN_DATA_PATH, Route, Urls, file_path, open_data_program_path
from .kept import Kept, Pieces

SCHEMA_VERSION = "2.0"  # bump the major number when a field is removed or changes meaning


class OpenDataMemo(Pieces):
    """Each program's index entry by its fingerprint, kept by the dev server between builds (and in the cache)."""

    def __init__(self) -> None:
        super().__init__("opendata")


def write_open_data(kept: Kept, catalog: Catalog, urls: Urls, memo: Pieces | None = None) -> list[str]:
    """The index and each program's file; the index gives each file's digest, so readers fetch only what changed.

    A program's file and its index entry follow from its source file, its status, the site settings and the base
    URL alone: one whose fingerprint is unchanged is kept from the previous output, its entry from `memo` (the dev
    server's, else the build cache's)."""
    memo = memo if memo is not None else OpenDataMemo()
    memo.load(kept.cache_dir)
    site = catalog.content.site
    settings, digests = digest(repr(site)), catalog.content.digests
    written, entries = [OPEN_DATA_PATH], []
    for program in sorted(catalog.programs, key=lambda p: p.slug):
        path = open_data_program_path(program.slug)
        shown = digests.get(program.source) or repr(program)  # with its path: the file's name is the slug
        fingerprint = kept.fingerprint("open data", settings, catalog.status[program.slug], program.source, shown)
        data = functools.cache(lambda program=program: program_json(program, catalog, urls).encode("utf-8"))
        written.append(kept.write(path, fingerprint, data))
        entries.append(memo.get(fingerprint, lambda: _nested(_index_entry(program, catalog, urls,
                                                                          published_digest(data())))))
    memo.save(kept.cache_dir)
    partners = [f"{p.source} {digests.get(p.source) or repr(p)}" for p in catalog.partners.values()]
    index = kept.fingerprint("open data index", settings, catalog.today.isoformat(), *partners, *entries)
    kept.write(OPEN_DATA_PATH, index, lambda: index_json(catalog, urls, entries))
    return written


def _nested(entry: dict[str, Any]) -> str:
    """An index entry serialised as it stands in the index's list of programs (two levels deep)."""
    return json.dumps(entry, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def index_json(catalog: Catalog, urls: Urls, entries: list[str]) -> str:
    """The index, its program entries given serialised (see _nested): the same text as serialising it whole."""
    site = catalog.content.site
    document = {
        "schema_version": SCHEMA_VERSION,
        "generated": catalog.today.isoformat(),
        "site": {"title": _text(site.title), "url": urls.base_url, "languages": list(site.codes),
                 "default_language": site.default_language, "timezone": site.timezone},
        "programs": [],
        "partners": [_partner(p, urls, site.codes) for p in sorted(catalog.partners.values(), key=lambda p: p.slug)],
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if not entries:
        return text
    # Quotes inside strings are escaped and newlines too, so this is the "programs" key of the document itself.
    return text.replace('\n "programs": [],', '\n "programs": [\n  ' + ",\n  ".join(entries) + "\n ],", 1)


def program_json(program: Program, catalog: Catalog, urls: Urls) -> str:
    """One program's file: the same for the same program whatever the build date, unless its status changed."""
    document = {"schema_version": SCHEMA_VERSION, "program": _program(program, catalog, urls)}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _index_entry(program: Program, catalog: Catalog, urls: Urls, digest: str) -> dict[str, Any]:
    return {"slug": program.slug, "title": _text(program.title),
            "urls": _pages(Route("program", program.slug), urls, catalog.content.site.codes),
            "status": catalog.status[program.slug], "updated": program.updated.isoformat(),
            "data": urls.open_data_program(program.slug), "digest": digest}


def _pages(route: Route, urls: Urls, codes: tuple[str, ...]) -> dict[str, str]:
    return {code: urls.page_absolute(route, code) for code in codes}


def _text(value: Localized | None) -> dict[str, str] | None:
    """Only the languages editors wrote: a missing language is missing here too."""
    return dict(value.values) if value else None


def _program(program: Program, catalog: Catalog, urls: Urls) -> dict[str, Any]:
    site = catalog.content.site
    location = program.location
    return {
        "slug": program.slug, "urls": _pages(Route("program", program.slug), urls, site.codes),
        "status": catalog.status[program.slug], "title": _text(program.title), "summary": _text(program.summary),
        "description": _text(program.description), "type": program.type, "audience": list(program.audience),
        "field": {"key": program.field, "name": _text(site.fields[program.field])},
        "partners": list(program.partners), "mode": program.mode,
        "location": {"city": _text(location.city), "country": location.country} if location else None,
        "languages": list(program.languages),
        "duration": {"unit": program.duration.unit, "value": program.duration.value} if program.duration else None,
        "sessions": [_session(s) for s in sorted(program.sessions, key=lambda s: (s.start, s.end))],
        "fee": _fee(program.fee), "funding": _text(program.funding), "credential": _text(program.credential),
        "eligibility": _text(program.eligibility), "documents": _text(program.documents),
        "how_to_apply": _text(program.how_to_apply),
        "apply_url": program.apply_url, "contact": _contact(program.contact),
        "image": urls.absolute(file_path("media", program.image)) if program.image else None,
        "image_alt": _text(program.image_alt), "featured": program.featured, "updated": program.updated.isoformat(),
    }


def _session(session: Session) -> dict[str, Any]:
    iso = lambda day: day.isoformat() if day else None  # noqa: E731
    return {"start": iso(session.start), "end": iso(session.end), "application_opens": iso(session.application_opens),
            "application_deadline": iso(session.application_deadline), "seats": session.seats}


def _fee(fee: Fee | None) -> dict[str, Any] | None:
    if fee is None:
        return None
    if fee.free:
        return {"free": True, "amount": None, "currency": None, "includes": _text(fee.includes)}
    return {"free": False, "amount": str(fee.amount), "currency": fee.currency, "includes": _text(fee.includes)}


def _contact(contact: Contact | None) -> dict[str, str | None] | None:
    return {"email": contact.email, "phone": contact.phone, "wechat": contact.wechat} if contact else None


def _partner(partner: Partner, urls: Urls, codes: tuple[str, ...]) -> dict[str, Any]:
    return {
        "slug": partner.slug, "urls": _pages(Route("partner", partner.slug), urls, codes),
        "name": _text(partner.name), "short_name": _text(partner.short_name), "kind": partner.kind,
        "country": partner.country, "city": _text(partner.city), "website": partner.website,
        "logo": urls.absolute(file_path("logo", partner.logo)) if partner.logo else None,
        "description": _text(partner.description),
    }
