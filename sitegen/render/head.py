"""What every page's <head> and chrome show: its addresses in each language, the language switcher, the menu,
the image it is shared with; and the context of the root pages that send visitors to their language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..foundation.model import Language
from ..plan.pages import PlannedPage
from ..plan.urls import Route, Urls, file_path, share_image_path
from .localize import Localizer, Text
from .sharecard import HEIGHT as SHARE_HEIGHT, WIDTH as SHARE_WIDTH
from .sharecard import draws_share_images, draws_site_card, share_card


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


def page_head(page: PlannedPage, localizer: Localizer, urls: Urls) -> Head:
    site, code = localizer.site, localizer.code
    translated = code in page.translated
    alternates = tuple(Alternate(site.language(c).hreflang, urls.page_absolute(page.route, c))
                       for c in page.translated)
    if page.route.kind != "not-found":
        alternates += (Alternate("x-default", urls.absolute("")),)
    original = code if translated else (localizer.pick({c: c for c in page.translated}) or (code,))[0]
    return Head(
        route=page.route, canonical=urls.page_absolute(page.route, original),
        alternates=alternates if page.route.kind != "not-found" else (),
        switcher=tuple(SwitcherEntry(lang, urls.page(page.route, lang.code), lang.code == code)
                       for lang in site.languages),
        translated=translated,
    )


def share_image(context: dict[str, Any], localizer: Localizer, urls: Urls) -> dict[str, Any]:
    """The page's own image, else the program's drawn one, else the site's share image, else the site's drawn card."""
    site = localizer.site
    view = context.get("program") or context.get("article")
    if view is not None and view.image:
        return {"image": urls.absolute_href(view.image),
                "image_alt": view.image_alt.value if view.image_alt else ""}
    if "program" in context and draws_share_images(site):
        card = context["program"].card
        return {"image": urls.absolute(share_image_path(card.slug, localizer.code)),
                "image_alt": share_card(card, localizer.text(site.title).value).alt,
                "image_size": (SHARE_WIDTH, SHARE_HEIGHT)}
    return site_image(localizer, urls)


def site_image(localizer: Localizer, urls: Urls) -> dict[str, Any]:
    """The image a page without its own is shared with: the site's share image, else its drawn card."""
    site = localizer.site
    if site.share_image:
        alt = localizer.text(site.share_image_alt) or localizer.text(site.title)
        return {"image": urls.absolute(file_path("media", site.share_image)), "image_alt": alt.value}
    if draws_site_card(site):
        return {"image": urls.absolute(share_image_path(None, localizer.code)),
                "image_alt": localizer.text(site.title).value, "image_size": (SHARE_WIDTH, SHARE_HEIGHT)}
    return {}


def chooser_context(localizer: Localizer, urls: Urls, not_found: bool) -> dict[str, Any]:
    """What the root page (or root 404) gets, in the site's default language (the localizer's)."""
    site = localizer.site
    target = "not_found" if not_found else "home"
    homes = tuple(SwitcherEntry(lang, urls.page(Route("home"), lang.code), False) for lang in site.languages)
    default_first = sorted(site.languages, key=lambda lang: lang.code != site.default_language)
    choices = [{"code": lang.code, "lang": lang.hreflang, "home": urls.page(Route("home"), lang.code),
                "not_found": urls.page(Route("not-found"), lang.code)} for lang in default_first]
    alternates = () if not_found else tuple(
        Alternate(lang.hreflang, urls.page_absolute(Route("home"), lang.code)) for lang in site.languages
    ) + (Alternate("x-default", urls.absolute("")),)
    head = RootHead(canonical=None if not_found else urls.absolute(""), alternates=alternates,
                    switcher=homes, robots="noindex" if not_found else None,
                    **({} if not_found else site_image(localizer, urls)))
    return {"head": head, "choices": choices, "target": target}

