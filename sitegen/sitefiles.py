"""The files besides the HTML pages: root chooser and 404, feeds, calendars, sitemap, robots.txt, assets."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

from babel.support import NullTranslations

from .cache import PageCache
from .catalog import Catalog
from .feeds import atom_feed
from .ics import calendar_file
from .plan import PlannedPage
from .render import Renderer
from .sitemap import robots_txt, sitemap_xml
from .translations import DEFAULT_THEME
from .urls import Urls
from .write import Rendered, copy_tree, write_file


def _calendar_inputs(catalog: Catalog) -> str:
    """Everything a calendar shows, to tell whether last build's file can be reused."""
    return repr([(p.slug, p.title, p.sessions, catalog.status[p.slug]) for p in catalog.programs])


def calendar_tasks(stage: Path, catalog: Catalog, urls: Urls, renderers: dict[str, Renderer],
                   translations: dict[str, NullTranslations], cache: PageCache) -> list[Callable[[], Rendered]]:
    """One task per language; calendars are slow to serialise, so they run beside the pages and are reused."""
    inputs = _calendar_inputs(catalog)

    def write_calendar(code: str) -> Rendered:
        relative, renderer = f"{code}/calendar.ics", renderers[code]
        fingerprint = cache.fingerprint(renderer.salt, "calendar", {"programs": inputs})
        if not cache.unchanged(relative, fingerprint):
            write_file(stage, relative, calendar_file(catalog, renderer.localizer, urls, translations[code]))
        return Rendered(files=[relative], fingerprints={relative: fingerprint} if fingerprint else {})

    return [functools.partial(write_calendar, code) for code in renderers]


def write_site_files(stage: Path, pages: list[PlannedPage], catalog: Catalog, urls: Urls,
                     renderers: dict[str, Renderer], root: Path) -> list[str]:
    """Write the remaining files; returns their paths."""
    default = renderers[catalog.content.site.default_language]
    files: dict[str, Callable[[], bytes | str]] = {
        "index.html": lambda: default.render_chooser(not_found=False),
        "404.html": lambda: default.render_chooser(not_found=True),
        "sitemap.xml": lambda: sitemap_xml(pages, catalog, urls),
        "robots.txt": lambda: robots_txt(urls),
    }
    for code, renderer in renderers.items():
        files[f"{code}/feed.xml"] = lambda r=renderer: atom_feed(catalog, r.localizer, urls)
    for relative, produce in files.items():
        write_file(stage, relative, produce())
    written = list(files)
    folders = {DEFAULT_THEME / "static": "static", (root / "theme" / "static").resolve(): "static",
               root / "content" / "media": "media", root / "partners" / "logos": "logos"}
    for source, target in folders.items():  # a site's own static files, copied after the built-in ones, win
        written += copy_tree(source, stage, target)
    return sorted(set(written))
