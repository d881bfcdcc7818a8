"""Plan the pages of a site: which routes exist, in which languages each is really translated,
and which source files each page shows (so an unchanged page can be reused)."""
from __future__ import annotations

from dataclasses import dataclass

from ..foundation.model import Article, Localized, Program
from .catalog import Catalog
from .urls import Route


@dataclass(frozen=True)
class PlannedPage:
    route: Route
    template: str
    translated: tuple[str, ...]  # languages whose own text is the page's main text
    title_source: str = ""  # the file whose content the page shows, for error messages
    # The sources (and derived facts) the page shows; None for lists that show too much to track.
    depends: tuple[str, ...] | None = None


def _own_languages(codes: tuple[str, ...], *values: Localized | None) -> tuple[str, ...]:
    """Languages in which every given main-text value exists (absent values do not count)."""
    present = [value for value in values if value]
    return tuple(code for code in codes if all(code in value.values for value in present))


class _Dependencies:
    """What each kind of card and page shows, mirroring views.py: keep the two in step."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def partner_card(self, slug: str) -> list[str]:
        count = len(self.catalog.programs_by_partner.get(slug, ()))
        return [self.catalog.partners[slug].source, f"programs of {slug}: {count}"]

    def program_card(self, program: Program) -> list[str]:
        return [program.source, *(self.catalog.partners[slug].source for slug in program.partners)]

    def article_card(self, article: Article) -> list[str]:
        return [text.source for text in article.texts.values()]

    def program(self, program: Program) -> tuple[str, ...]:
        return tuple([*self.program_card(program),
                      *(s for slug in program.partners for s in self.partner_card(slug)),
                      *(s for a in self.catalog.news_by_program.get(program.slug, ()) for s in self.article_card(a))])

    def partner(self, slug: str) -> tuple[str, ...]:
        return tuple([*self.partner_card(slug),
                      *(s for p in self.catalog.programs_by_partner.get(slug, ()) for s in self.program_card(p)),
                      *(s for a in self.catalog.news_by_partner.get(slug, ()) for s in self.article_card(a))])

    def news_page(self, number: int) -> tuple[str, ...]:
        """A page of the news list shows its articles' cards, in order, and how many pages there are."""
        return (f"news pages: {self.catalog.news_pages}",
                *(s for article in self.catalog.news_on_page(number) for s in self.article_card(article)))

    def article(self, article: Article) -> tuple[str, ...]:
        programs = [self.catalog.programs_by_slug[s] for s in article.programs if s in self.catalog.programs_by_slug]
        return tuple([*self.article_card(article), *(s for p in programs for s in self.program_card(p)),
                      *(s for slug in article.partners for s in self.partner_card(slug))])


def program_card_depends(catalog: Catalog, program: Program) -> tuple[str, ...]:
    """The source files a program's card shows (the compare page's entry of it shows no more)."""
    return tuple(_Dependencies(catalog).program_card(program))


def plan_routes(catalog: Catalog) -> list[Route]:
    """Every page the site publishes, each in every language: what a link inside the site may lead to."""
    return [
        Route("home"), *(Route("programs", number=n) for n in range(1, catalog.programs_pages + 1)), Route("partners"),
        *(Route("news", number=n) for n in range(1, catalog.news_pages + 1)),
        Route("search"), Route("not-found"), Route("compare"),
        *(Route("program", program.slug) for program in catalog.programs),
        *(Route("partner", slug) for slug in catalog.partners),
        *(Route("article", article.slug) for article in catalog.news),
        *(Route("page", page.slug) for page in catalog.content.pages),
    ]


# The pages that show lists or the whole site; the others show one program, partner, article or page.
_SITE_TEMPLATES = {"home": "home.html", "programs": "programs.html", "partners": "partners.html", "news": "news.html",
                   "search": "search.html", "not-found": "404.html", "compare": "compare.html"}


def plan_pages(catalog: Catalog) -> list[PlannedPage]:
    depends = _Dependencies(catalog)
    return [_plan_page(route, catalog, depends) for route in plan_routes(catalog)]


def _plan_page(route: Route, catalog: Catalog, depends: _Dependencies) -> PlannedPage:
    codes, slug = catalog.content.site.codes, route.slug or ""
    if route.kind == "news":
        return PlannedPage(route, "news.html", codes, depends=depends.news_page(route.number))
    if route.kind in _SITE_TEMPLATES:
        return PlannedPage(route, _SITE_TEMPLATES[route.kind], codes)
    if route.kind == "program":
        program = catalog.programs_by_slug[slug]
        return PlannedPage(route, "program.html", _own_languages(codes, program.title, program.description),
                           program.source, depends.program(program))
    if route.kind == "partner":
        partner = catalog.partners[slug]
        return PlannedPage(route, "partner.html", _own_languages(codes, partner.name, partner.description),
                           partner.source, depends.partner(slug))
    article = catalog.news_by_slug[slug] if route.kind == "article" else catalog.pages_by_slug[slug]
    translated = tuple(code for code in codes if code in article.texts)
    source = next(iter(article.texts.values())).source
    return PlannedPage(route, f"{route.kind}.html", translated, source, depends.article(article))
