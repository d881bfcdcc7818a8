"""The one URL scheme of a site: every path the generator writes or links to comes from here."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from .assets import Assets
from .discover import SLUG


@dataclass(frozen=True)
class Route:
    """A page independent of language: its kind, its slug, its page number in a paginated list."""

    kind: str  # home, programs, program, partners, partner, news, article, page, compare, search, not-found
    slug: str | None = None
    number: int = 1


def route_path(route: Route, language: str) -> str:
    """The page's path under the base URL, e.g. 'en/programs/usst-entrepreneurship/'."""
    if route.slug is not None and not SLUG.match(route.slug):
        raise ValueError(f"unsafe slug {route.slug!r}")  # slugs are validated on load; this is a guard
    kind, slug = route.kind, route.slug
    if kind == "home":
        return f"{language}/"
    if kind in ("programs", "partners", "compare"):
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
        return f"{language}/404.html"
    raise ValueError(f"unknown route kind {kind!r}")


def output_file(path: str) -> str:
    """The file that serves a path: folders get index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


def program_calendar_path(slug: str, language: str) -> str:
    """The iCalendar file of one program, beside its page."""
    return route_path(Route("program", slug), language) + "calendar.ics"


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

    def page(self, route: Route, language: str) -> str:
        return self.href(route_path(route, language))

    def page_absolute(self, route: Route, language: str) -> str:
        return self.absolute(route_path(route, language))

    def media(self, name: str) -> str:
        return self.href(f"media/{name}")

    def logo(self, name: str) -> str:
        return self.href(f"logos/{name}")

    def static(self, name: str) -> str:
        """A theme asset by its name under static/, published under its content-hashed name."""
        return self.href(f"static/{self.assets.name(name)}")

    def feed(self, language: str) -> str:
        return self.href(f"{language}/feed.xml")

    def calendar(self, language: str) -> str:
        return self.href(f"{language}/calendar.ics")

    def program_calendar(self, slug: str, language: str) -> str:
        """Absolute: calendar apps subscribe to it from outside the site."""
        return self.absolute(program_calendar_path(slug, language))

    def sitemap(self, number: int | None = None) -> str:
        """The sitemap (or, past the URL limit, the index) and its numbered parts, absolute."""
        return self.absolute("sitemap.xml" if number is None else f"sitemap-{number}.xml")
