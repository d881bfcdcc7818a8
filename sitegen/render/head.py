"""What every page's <head> and chrome show: its addresses in each language, the language switcher, the menu."""
from __future__ import annotations

from dataclasses import dataclass

from ..foundation.model import Language
from ..plan.urls import Route, Urls
from .localize import Text


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class SwitcherEntry:
    language: Language
    href: str
    current: bool


@dataclass(frozen=True)
class MenuEntry:
    key: str  # a section name or a page slug
    href: str
    label: Text | None  # pages have their own title; sections are labelled by the theme


@dataclass(frozen=True)
class Head:
    """What every page's <head> and chrome need."""

    route: Route
    canonical: str
    alternates: tuple[Alternate, ...]
    switcher: tuple[SwitcherEntry, ...]
    translated: bool
    image: str | None = None  # absolute URL of the image shown when the page is shared
    image_alt: str | None = None
    image_size: tuple[int, int] | None = None  # (width, height), known for the images the build draws


@dataclass(frozen=True)
class RootHead:
    canonical: str | None
    alternates: tuple[Alternate, ...]
    switcher: tuple[SwitcherEntry, ...]
    robots: str | None
    image: str | None = None  # as in Head: the site's image, for the address shared most
    image_alt: str | None = None
    image_size: tuple[int, int] | None = None


def absolute_url(urls: Urls, href: str) -> str:
    """An absolute URL for a root-relative link made by the views (they start with the base path)."""
    return urls.absolute(href.removeprefix(urls.base_path))
