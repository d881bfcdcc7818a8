"""What a link inside the site may lead to: exactly the pages and files a build publishes, and what is
wrong with a link to anything else, in words an editor can act on."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..foundation.problems import did_you_mean
from .assets import static_folders, static_sources
from .calendars import has_calendar
from .catalog import Catalog
from .pages import plan_routes
from .urls import FILE_FOLDERS, ROOT_FILES, Address, Route, parse_path

_FILE_SOURCES = {"media": "content/media/", "logo": "partners/logos/", "static": "theme/static/"}
_ITEM_WORDS = {"program": ("program", "programs"), "partner": ("partner", "partners")}


@dataclass(frozen=True)
class Targets:
    """Every page and file a build of the site publishes, as addresses (see urls.parse_path)."""

    base_url: str
    languages: tuple[str, ...]
    published: frozenset[Address]
    news_pages: int
    programs_pages: int = 1

    @classmethod
    def of(cls, catalog: Catalog, root: Path) -> "Targets":
        """What the build of this catalog publishes, but the numbered sitemaps (they depend on a build option)."""
        codes, content = catalog.content.site.codes, catalog.content
        pages = [Address("page", route, code) for route in plan_routes(catalog) for code in codes]
        per_language = [Address(kind, route, code) for code in codes for kind, route in (
            ("feed", None), ("calendar", None), ("catalog-index", None),
            *(("program-calendar", Route("program", p.slug)) for p in catalog.programs if has_calendar(p, catalog)))]
        files = [Address(kind, name=name) for kind, names in (
            ("media", content.media), ("logo", content.logos), ("static", static_sources(static_folders(root))))
            for name in names]
        shared = [Address(kind) for kind in (*ROOT_FILES.values(), "sitemap")]
        open_data = [Address("open-data-program", Route("program", p.slug)) for p in catalog.programs]
        return cls(content.site.base_url, codes, frozenset([*pages, *per_language, *files, *shared, *open_data]),
                   catalog.news_pages, catalog.programs_pages)

    def slugs(self, kind: str) -> list[str]:
        """The slugs of the published routes of a kind (program, partner, article, page)."""
        return sorted({a.route.slug for a in self.published if a.route and a.route.kind == kind and a.route.slug})

    def names(self, kind: str) -> list[str]:
        """The names of the published files of a kind (media, logo, static)."""
        return sorted(a.name for a in self.published if a.kind == kind and a.name)


def link_problem(path: str, targets: Targets) -> tuple[str, str] | None:
    """What is wrong with a link to `path` (message ending, hint), or None when the build publishes it."""
    address = parse_path(path, targets.languages)
    if address in targets.published:
        return None
    if address is not None:
        return _unpublished_problem(address, targets)
    with_slash = parse_path(path + "/", targets.languages)
    if with_slash in targets.published:
        return ("a page's address ends with /", f"write /{path}/")
    if with_slash is not None:
        return _unpublished_problem(with_slash, targets)
    return _unknown_address_problem(path, targets)


def _unpublished_problem(address: Address, targets: Targets) -> tuple[str, str]:
    if address.kind in _FILE_SOURCES:
        return _no_file_problem(address.kind, address.name or "", targets)
    route, code = address.route, address.language
    if route is None or code is None:
        return _unknown_address_problem("", targets)
    if address.kind == "program-calendar" and route.slug in targets.slugs("program"):
        return (f"program '{route.slug}' has no calendar", f"a program has a calendar once it has sessions and is not "
                f"archived; link its page /{code}/programs/{route.slug}/")
    if route.kind in _ITEM_WORDS:
        what, folder = _ITEM_WORDS[route.kind]
        return (f"no {what} '{route.slug}'{did_you_mean(route.slug or '', targets.slugs(route.kind))}",
                f"{what}s are linked as /{code}/{folder}/SLUG/, SLUG being the name of a file in {folder}/ without .yaml")
    if route.kind == "article":
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", route.slug or "")
        return (f"no news article '{route.slug}'{did_you_mean(slug, targets.slugs('article'))}",
                f"news articles are linked as /{code}/news/SLUG/, without the date of the file name")
    if route.kind == "news":
        return (f"no news list page {route.number}", f"the news list has {targets.news_pages} page(s)")
    if route.kind == "programs":
        return (f"no catalog page {route.number}", f"the catalog has {targets.programs_pages} page(s)")
    if route.kind == "page":
        choices = [*targets.slugs("page"), "programs", "partners", "news", "compare", "search"]
        return (f"no page '{route.slug}'{did_you_mean(route.slug or '', choices)}",
                f"pages are linked as /{code}/SLUG/, SLUG being the name of a file in content/pages/ "
                "without the language and .md")
    return _unknown_address_problem(f"{code}/", targets)


def _no_file_problem(kind: str, name: str, targets: Targets) -> tuple[str, str]:
    folder, source = FILE_FOLDERS[kind], _FILE_SOURCES[kind]
    return (f"no file '{name}' in {source}{did_you_mean(name, targets.names(kind))}",
            f"put the file in {source} and link it as /{folder}/NAME")


def _unknown_address_problem(path: str, targets: Targets) -> tuple[str, str]:
    first, _, rest = path.partition("/")
    kinds = {folder: kind for kind, folder in FILE_FOLDERS.items()}
    if first in kinds:
        return _no_file_problem(kinds[first], rest, targets)
    if first and first not in targets.languages:
        with_language = parse_path(f"{targets.languages[0]}/{path}", targets.languages)
        if with_language in targets.published or (with_language and with_language.route
                                                  and with_language.route.kind != "page"):
            return ("the address has no language", f"start it with a language code, e.g. /{targets.languages[0]}/{path}")
        return (f"'{first}' is not a language of this site{did_you_mean(first, targets.languages)}",
                "links to pages start with a language code: " + ", ".join(f"/{code}/" for code in targets.languages))
    return ("the site has no page at this address",
            f"write links from the site's root, e.g. /{first or targets.languages[0]}/programs/SLUG/ or /media/FILE")
