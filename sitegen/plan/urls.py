"""The one URL scheme of a site: every path the generator writes or links to comes from here."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Collection
from urllib.parse import unquote, urlsplit

from ..foundation.model import SECTIONS, SLUG
from .assets import Assets


ROUTE_KINDS = ("home", "programs", "program", "partners", "partner", "news", "article", "page", "compare", "search",
               "not-found")


@dataclass(frozen=True)
class Route:
    """A page independent of language: its kind, its slug, its page number in a paginated list."""

    kind: str  # one of ROUTE_KINDS
    slug: str | None = None
    number: int = 1


def route_path(route: Route, language: str) -> str:
    """The page's path under the base URL, e.g. 'en/programs/usst-entrepreneurship/'."""
    if route.slug is not None and not SLUG.match(route.slug):
        raise ValueError(f"unsafe slug {route.slug!r}")  # slugs are validated on load; this is a guard
    kind, slug = route.kind, route.slug
    if kind == "home":
        return f"{language}/"
    if kind == "programs":
        return f"{language}/programs/" if route.number == 1 else f"{language}/programs/page/{route.number}/"
    if kind in ("partners", "compare"):
        return f"{language}/{kind}/"
    if kind == "program":
        return f"{language}/programs/{slug}/"
    if kind == "partner":
        return f"{language}/partners/{slug}/"
    if kind == "news":
        return f"{language}/news/" if route.number == 1 else f"{language}/news/page/{route.number}/"
    if kind == "article":
        return f"{language}/news/{slug}/"
    if kind == "page":
        return f"{language}/{slug}/"
    if kind == "search":
        return f"{language}/search/"
    if kind == "not-found":
        return f"{language}/{NOT_FOUND_FILE}"
    raise ValueError(f"unknown route kind {kind!r}")


INDEX_FILE = "index.html"  # the file that serves a folder's address
NOT_FOUND_FILE = "404.html"  # at the root, and in each language's folder (Route("not-found"))


def output_file(path: str) -> str:
    """The file that serves a path: folders get index.html."""
    return path + INDEX_FILE if path.endswith("/") or path == "" else path


def path_language(path: str) -> str:
    """The first folder of a path, where every page of a language lies (a root file's path has none)."""
    return path.lstrip("/").split("/", 1)[0]


def feed_path(language: str) -> str:
    return f"{language}/feed.xml"


def calendar_path(language: str) -> str:
    """The iCalendar file of every program of the site."""
    return f"{language}/calendar.ics"


def catalog_index_path(language: str) -> str:
    """The catalog's facet index of a language, which its script fetches when a visitor first filters or sorts."""
    return f"{language}/programs/facets.json"


def program_calendar_path(slug: str, language: str) -> str:
    """The iCalendar file of one program, beside its page."""
    return route_path(Route("program", slug), language) + "calendar.ics"


def share_image_path(slug: str | None, code: str) -> str:
    """Beside the program's page (B/L/programs/<slug>/share.png), or the site's (B/L/share.png)."""
    return route_path(Route("program", slug) if slug else Route("home"), code) + "share.png"


def compare_data_path(slug: str, language: str) -> str:
    """What the compare page shows of one program in a language, beside its page; fetched only once saved."""
    return route_path(Route("program", slug), language) + COMPARE_DATA_FILE


def compare_data_pattern(language: str) -> str:
    """compare_data_path with the slug left as '{slug}', for the compare page's script to fill in."""
    return compare_data_path(SLUG_MARK, language).replace(f"/{SLUG_MARK}/", "/{slug}/")


def open_data_program_path(slug: str) -> str:
    """One program's open data, listed in programs.json."""
    if not SLUG.match(slug):
        raise ValueError(f"unsafe slug {slug!r}")
    return f"{OPEN_DATA_FOLDER}/{slug}.json"


def file_path(kind: str, name: str) -> str:
    """A file shared by every language: media (content/media/), logo (partners/logos/), static (the theme's)."""
    return f"{FILE_FOLDERS[kind]}/{name}"


def sitemap_path(number: int | None = None) -> str:
    """The sitemap (or, past the URL limit, its index), and its numbered parts."""
    return "sitemap.xml" if number is None else f"sitemap-{number}.xml"


def editor_path(name: str = "") -> str:
    """The web editor (B/admin/) and its files: its configuration and the editor's script."""
    return f"{EDITOR_FOLDER}{name}"


FILE_FOLDERS = {"media": "media", "logo": "logos", "static": "static"}
EDITOR_FOLDER = "admin/"
OPEN_DATA_PATH = "programs.json"  # the index; each program's own file is in OPEN_DATA_FOLDER
OPEN_DATA_FOLDER = "programs"
COMPARE_DATA_FILE = "compare.json"
SLUG_MARK = "slug"  # stands for any slug in compare_data_pattern
# The files at the root besides the sitemaps: the language chooser, its 404 page, robots.txt, the open data.
STATUS_PATH = "translation-status/"  # the editors' page, linked from nowhere and kept out of the sitemap
ROOT_FILES = {"": "chooser", NOT_FOUND_FILE: "chooser-404", "robots.txt": "robots", OPEN_DATA_PATH: "open-data"}


@dataclass(frozen=True)
class Address:
    """What a path under the base URL names: a page (`kind` "page": its route and language) or another file.

    A file's kind says what it belongs to: a language (feed, calendar), a program's route and a language
    (program-calendar), a program's route (open-data-program), a name in its folder (media, logo, static), a part
    number (sitemap; None for the whole).
    """

    kind: str
    route: Route | None = None
    language: str | None = None
    name: str | None = None
    number: int | None = None


def parse_path(path: str, languages: Collection[str]) -> Address | None:
    """The page or file a path under the base URL names, exactly as the builders above write it; None for a path
    they never write (another spelling, a missing trailing slash, a language the site does not have)."""
    first, slash, rest = path.partition("/")
    if slash and first in FILE_FOLDERS.values():
        return _parse_file(first, rest)
    if slash and first in languages:
        return _parse_language_path(first, rest)
    if slash and first == OPEN_DATA_FOLDER and rest.endswith(".json") and SLUG.match(rest.removesuffix(".json")):
        return Address("open-data-program", Route("program", rest.removesuffix(".json")))
    if path in ROOT_FILES:
        return Address(ROOT_FILES[path])
    if path == sitemap_path():
        return Address("sitemap")
    number = _number(path.removeprefix("sitemap-").removesuffix(".xml"))
    return Address("sitemap", number=number) if number and path == sitemap_path(number) else None


def _parse_file(folder: str, name: str) -> Address | None:
    segments = name.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    kind = next(kind for kind, known in FILE_FOLDERS.items() if known == folder)
    return Address(kind, name=name)


_LANGUAGE_FILES = {"feed.xml": "feed", "calendar.ics": "calendar", "programs/facets.json": "catalog-index"}
_SECTIONS = (*SECTIONS, "compare", "search")  # one-segment pages that are not editors' pages
_ITEMS = {"programs": "program", "partners": "partner", "news": "article"}


def _parse_language_path(language: str, rest: str) -> Address | None:
    if rest in _LANGUAGE_FILES:
        return Address(_LANGUAGE_FILES[rest], language=language)
    if rest == NOT_FOUND_FILE:
        return Address("page", Route("not-found"), language)
    if rest.startswith("programs/") and rest.endswith("/calendar.ics"):
        program = _parse_route(rest.removesuffix("calendar.ics").split("/")[:-1])
        return Address("program-calendar", program, language) if program and program.kind == "program" else None
    if rest != "" and not rest.endswith("/"):
        return None
    route = _parse_route(rest.split("/")[:-1])
    return Address("page", route, language) if route else None


def _parse_route(segments: list[str]) -> Route | None:
    """The route of a page from the segments of its path after the language."""
    if not segments:
        return Route("home")
    if len(segments) == 1:
        if segments[0] in _SECTIONS:
            return Route(segments[0])
        return Route("page", segments[0]) if SLUG.match(segments[0]) else None
    if len(segments) == 2 and segments[0] in _ITEMS and SLUG.match(segments[1]):
        return Route(_ITEMS[segments[0]], segments[1])
    listed = segments[0] if len(segments) == 3 and segments[0] in ("news", "programs") and segments[1] == "page" else None
    number = _number(segments[2]) if listed else None
    return Route(listed, number=number) if listed and number is not None and number >= 2 else None


def _number(text: str) -> int | None:
    """A number as the builders write it: decimal digits, no sign, no leading zero (and not thousands of digits,
    which int() refuses)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        return None
    return int(text) if text == str(int(text)) else None


def site_path(url: str, page: str, base_url: str) -> str | None:
    """The path under the base URL a link leads to from `page`; None for other sites, mail and anchors."""
    if url.startswith(base_url):
        url = "/" + url[len(base_url):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return path[1:]
    joined = posixpath.normpath(posixpath.join("/" + posixpath.dirname(page.rstrip("/") + "/x"), path))
    return joined.lstrip("/") + ("/" if path.endswith("/") and joined != "/" else "")


def webcal(url: str) -> str:
    """The webcal:// form of an http(s) calendar URL, which calendar apps open as a subscription."""
    return "webcal://" + url.split("://", 1)[1]


@dataclass(frozen=True)
class Urls:
    """Turns paths into links for one base URL (which may have a path part)."""

    base_url: str  # absolute, ending in '/'
    assets: Assets = Assets()  # the theme's static files and their content-hashed names

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def href(self, path: str) -> str:
        """A root-relative link, right under a sub-folder base URL too."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        return self.base_url + path

    def absolute_href(self, href: str) -> str:
        """The absolute URL of a root-relative link (one made by `href`, which starts with the base path)."""
        return self.absolute(href.removeprefix(self.base_path))

    def page(self, route: Route, language: str) -> str:
        return self.href(route_path(route, language))

    def page_absolute(self, route: Route, language: str) -> str:
        return self.absolute(route_path(route, language))

    def media(self, name: str) -> str:
        return self.href(file_path("media", name))

    def logo(self, name: str) -> str:
        return self.href(file_path("logo", name))

    def static(self, name: str) -> str:
        """A theme asset by its name under static/, published under its content-hashed name."""
        return self.href(file_path("static", self.assets.name(name)))

    def feed(self, language: str) -> str:
        return self.href(feed_path(language))

    def calendar(self, language: str) -> str:
        return self.href(calendar_path(language))

    def catalog_index(self, language: str) -> str:
        return self.href(catalog_index_path(language))

    def compare_data_pattern(self, language: str) -> str:
        return self.href(compare_data_pattern(language))

    def open_data_program(self, slug: str) -> str:
        """Absolute: other sites read it."""
        return self.absolute(open_data_program_path(slug))

    def program_calendar(self, slug: str, language: str) -> str:
        """Absolute: calendar apps subscribe to it from outside the site."""
        return self.absolute(program_calendar_path(slug, language))

    def sitemap(self, number: int | None = None) -> str:
        """The sitemap (or, past the URL limit, the index) and its numbered parts, absolute."""
        return self.absolute(sitemap_path(number))
