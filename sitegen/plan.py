"""Plan the pages of a site: which routes exist and in which languages each is really translated."""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog
from .model import Localized
from .urls import Route


@dataclass(frozen=True)
class PlannedPage:
    route: Route
    template: str
    translated: tuple[str, ...]  # languages whose own text is the page's main text
    title_source: str = ""  # the file whose content the page shows, for error messages


def _own_languages(codes: tuple[str, ...], *values: Localized | None) -> tuple[str, ...]:
    """Languages in which every given main-text value exists (absent values do not count)."""
    present = [value for value in values if value]
    return tuple(code for code in codes if all(code in value.values for value in present))


def plan_pages(catalog: Catalog) -> list[PlannedPage]:
    site = catalog.content.site
    codes = site.codes
    news_pages = max(1, -(-len(catalog.news) // site.news_per_page))
    pages = [
        PlannedPage(Route("home"), "home.html", codes),
        PlannedPage(Route("programs"), "programs.html", codes),
        PlannedPage(Route("partners"), "partners.html", codes),
        *(PlannedPage(Route("news", number=n), "news.html", codes) for n in range(1, news_pages + 1)),
        PlannedPage(Route("not-found"), "404.html", codes),
    ]
    for program in catalog.programs:
        pages.append(PlannedPage(Route("program", program.slug), "program.html",
                                 _own_languages(codes, program.title, program.description), program.source))
    for partner in catalog.partners.values():
        pages.append(PlannedPage(Route("partner", partner.slug), "partner.html",
                                 _own_languages(codes, partner.name, partner.description), partner.source))
    for kind, articles in (("article", catalog.news), ("page", catalog.content.pages)):
        for article in articles:
            translated = tuple(code for code in codes if code in article.texts)
            source = next(iter(article.texts.values())).source
            pages.append(PlannedPage(Route(kind, article.slug), f"{kind}.html", translated, source))
    return pages
