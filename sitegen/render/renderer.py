"""Render planned pages of one language through the theme's Jinja2 templates."""
from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError
from babel.support import NullTranslations
from markupsafe import Markup, escape

from ..foundation.fingerprints import digest
from ..foundation.model import Language

from ..plan.assets import MissingAsset
from ..plan.calendars import CalendarLinks, calendar_links
from ..plan.catalog import Catalog
from ..plan.pages import PlannedPage
from ..plan.urls import Route, Urls, route_path
from .catalogindex import catalog_index
from .compare import CompareData
from .fragments import Fragments
from .facets import CatalogEntry, Facet, catalog_entries, catalog_facets, catalog_view, plural_samples
from .head import MenuEntry, page_head, share_image
from .localize import Localizer, Text
from .markup import MarkdownStore
from .qr import qr_svg
from .sharecard import ShareCards
from .structured import script_json, structured_data
from .templateproblem import TemplateProblem
from .theme import SANDBOX_NOTE, theme_environment
from .views import Markdown, ViewBuilder


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates shared by the languages' environments, so each template compiles once per build.

    Kept in memory only (the dev server keeps them between builds): Jinja's file cache unmarshals code objects,
    so a file planted in the site's .cache/ would run with the build's rights, sandbox or not.
    """

    def __init__(self, compiled: dict[str, bytes] | None = None) -> None:
        self.compiled: dict[str, bytes] = {} if compiled is None else compiled

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def make_environment(template_dirs: list[Path], translations: NullTranslations, localizer: Localizer,
                     bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    env = theme_environment(template_dirs, translations, bytecode)
    language = localizer.language
    site = localizer.site

    def lang_of(code: str) -> str:
        return site.language(code).hreflang

    def text(value: Text | str | None) -> Markup:
        if value is None:
            return Markup("")
        if not isinstance(value, Text) or not value.fallback:
            return escape(str(value))
        notice = translations.gettext("not yet translated")
        return Markup('<span lang="{}">{}</span> <small class="untranslated">({})</small>').format(
            lang_of(value.lang), value.value, notice)

    def markdown(value: Markdown | None) -> Markup:
        if value is None:
            return Markup("")
        if not value.fallback:
            return Markup(value.html)
        notice = translations.gettext("This text has not yet been translated. It is shown in %(language)s.")
        name = Markup('<span lang="{}">{}</span>').format(lang_of(value.lang), site.language(value.lang).name)
        return Markup('<p class="untranslated-notice">{}</p><div lang="{}">{}</div>').format(
            escape(notice) % {"language": name}, lang_of(value.lang), Markup(value.html))

    env.filters.update(
        text=text, markdown=markdown, lang_of=lang_of,
        date=localizer.date, interval=localizer.interval, number=localizer.number,
        currency=localizer.currency, duration=localizer.duration, country=localizer.country,
        language_name=localizer.language_name, deadline_zone=localizer.deadline_zone, iso=lambda d: d.isoformat(),
        qr_svg=qr_svg,
        jsonld=lambda data: Markup(script_json(data)),
    )
    env.globals.update(language=language, site=site, plural_samples=plural_samples(language.locale))
    return env


class Renderer:
    """Renders the pages of one language; language is bound here and nowhere else."""

    def __init__(self, catalog: Catalog, language: Language, urls: Urls, template_dirs: list[Path],
                 translations: NullTranslations, markdown_store: MarkdownStore,
                 bytecode: jinja2.BytecodeCache | None = None) -> None:
        self.catalog = catalog
        self.site = catalog.content.site
        self.language = language
        self.urls = urls
        self.localizer = Localizer(self.site, language)
        self.views = ViewBuilder(catalog, self.localizer, urls, markdown_store)
        self.site_title = self.localizer.text(self.site.title)
        self.share_cards = ShareCards(self.views, self.site_title.value, urls.base_url)
        self.env = make_environment(template_dirs, translations, self.localizer, bytecode)
        # What the theme's `cached` blocks rendered in this language (render/fragments.py).
        self.fragments: Fragments = self.env.fragments  # type: ignore[attr-defined]
        self.env.globals.update(menu=self._menu(), urls=urls, site_title=self.site_title,
                                site_description=self.localizer.text(self.site.description),
                                feed_href=urls.feed(language.code), calendar_href=urls.calendar(language.code),
                                home_href=urls.page(Route("home"), language.code), today=catalog.today,
                                link=self.link, calendar_links=self.calendar_links)

    def link(self, kind: str, slug: str | None = None, number: int = 1) -> str:
        """A link to a page of this language, for templates."""
        try:
            return self.urls.page(Route(kind, slug, number), self.language.code)
        except ValueError as exc:
            raise jinja2.TemplateRuntimeError(f"link(): {exc}") from None

    def calendar_links(self, slug: str) -> CalendarLinks | None:
        """A program's own calendar in this language, for templates; None when it has no dates."""
        if slug not in self.catalog.programs_by_slug:
            raise jinja2.TemplateRuntimeError(f"calendar_links(): there is no program {slug!r}")
        return calendar_links(self.catalog.programs_by_slug[slug], self.catalog, self.urls, self.language.code)

    def _menu(self) -> tuple[MenuEntry, ...]:
        pages = self.catalog.pages_by_slug
        entries = []
        for key in self.site.menu:
            if key in pages:
                code, text = self.localizer.pick(pages[key].texts)
                label = Text(text.menu_title or text.title, code, code != self.language.code)
                entries.append(MenuEntry(key, self.urls.page(Route("page", key), self.language.code), label))
            elif key in ("programs", "partners", "news"):
                entries.append(MenuEntry(key, self.urls.page(Route(key), self.language.code), None))
        return tuple(entries)

    def context(self, page: PlannedPage) -> dict[str, Any]:
        route, views = page.route, self.views
        catalog = self.catalog
        if route.kind == "program":
            return {"program": views.program(catalog.programs_by_slug[route.slug])}
        if route.kind == "partner":
            return {"partner": views.partner(catalog.partners[route.slug])}
        if route.kind in ("article", "page"):
            articles = catalog.news_by_slug if route.kind == "article" else catalog.pages_by_slug
            return {"article": views.article(articles[route.slug])}
        if route.kind == "programs":
            return {"catalog": catalog_view(catalog, views, route.number, *self._catalog_rows, self._facets_digest)}
        if route.kind == "compare":
            return {"entry_url": self.urls.compare_data_pattern(self.language.code)}
        if route.kind == "partners":
            return {"partners": views.partners()}
        if route.kind == "news":
            items = catalog.news_on_page(route.number)
            return {"articles": [views.article_card(a) for a in items],
                    "pagination": views.pagination(route.number, catalog.news_pages)}
        if route.kind == "home":
            return self._home()
        return {}

    @functools.cached_property
    def _catalog_rows(self) -> tuple[tuple[CatalogEntry, ...], tuple[Facet, ...]]:
        """Every program's card and filter data, and the filters: once per language for all the catalog's pages."""
        entries = catalog_entries(self.catalog, self.views)
        return entries, catalog_facets(self.catalog, entries, self.views)

    @functools.cached_property
    def _facets_digest(self) -> str:
        return digest(repr(self._catalog_rows[1]))

    def catalog_index(self) -> dict[str, Any]:
        """The catalog's facet index in this language, as JSON-ready values."""
        return catalog_index(self.catalog, self.views, *self._catalog_rows)

    def _home(self) -> dict[str, Any]:
        programs = self.catalog.programs
        featured = [p for p in programs if p.featured]
        ahead = ("open", "upcoming", "in-preparation")  # the catalog's order puts open ones first
        upcoming = [p for p in programs if self.catalog.status[p.slug] in ahead and not p.featured]
        return {
            "featured": [self.views.program_card(p) for p in featured[:6]],
            "upcoming": [self.views.program_card(p) for p in upcoming[:6]],
            "latest_news": [self.views.article_card(a) for a in self.catalog.news[:3]],
            "program_count": len(programs),
        }

    @functools.cached_property
    def compare_data(self) -> CompareData:
        """What the compare page fetches of each program in this language."""
        return CompareData(self.views, self.render_template, self.salt)

    @functools.cached_property
    def salt(self) -> str:
        """What every page of this language shows besides its own view: site settings, menu, date."""
        return digest(repr((self.site, self.language, self._menu(), self.catalog.today, self.urls)))

    def prepare(self, page: PlannedPage) -> dict[str, Any]:
        """Everything the page's template receives."""
        context = self.context(page)
        head = dataclasses.replace(page_head(page, self.localizer, self.urls),
                                   **share_image(context, self.localizer, self.urls))
        context["structured_data"] = structured_data(page.route, context, head, self.catalog, self.urls,
                                                     self.site_title.value)
        context["head"] = head
        return context

    def render(self, page: PlannedPage, context: dict[str, Any] | None = None) -> str:
        what = page.title_source or route_path(page.route, self.language.code)
        return self.render_template(page.template, what, **(context or self.prepare(page)))

    def render_template(self, name: str, what: str, /, **context: Any) -> str:
        """A template of the theme rendering `what` (a source or output file); any error it makes is a
        TemplateProblem at its line, naming `what` and the language."""
        try:
            return self.env.get_template(name).render(**context)
        except TemplateProblem:
            raise
        except Exception as exc:  # noqa: BLE001 (anything a template did; the generator's own faults re-raise)
            problem = _template_problem(exc, name)
            if problem is None:
                raise
            problem.rendering = (what, self.language.code)
            raise problem from exc


def _template_problem(exc: Exception, name: str) -> TemplateProblem | None:
    """A template's failure at its line, or None when no template was running (a fault of the generator)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateProblem(exc.filename or exc.name or name, exc.lineno, exc.message or str(exc))
    template, line = _template_frame(exc)
    if isinstance(exc, SecurityError):
        return TemplateProblem(template or name, line, f"{str(exc).rstrip('.')}: {SANDBOX_NOTE}")
    if isinstance(exc, (jinja2.TemplateError, MissingAsset)):
        return TemplateProblem(template or name, line, str(exc))
    # Arithmetic, a filter given the wrong value, the sandbox's range() limit, a macro calling itself forever.
    return TemplateProblem(template, line, str(exc) or type(exc).__name__) if template else None


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line in a traceback (Jinja maps them onto the template)."""
    found: tuple[str | None, int] = (None, 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html") or filename.endswith(".xml"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def preload_templates(renderer: Renderer) -> None:
    """Compile every template once, before worker processes fork and inherit them."""
    for name in renderer.env.list_templates(extensions=["html"]):
        try:
            renderer.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise _template_problem(exc, name) from exc
