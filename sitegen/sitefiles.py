"""The files besides the HTML pages: root chooser and 404, feeds, calendars, sitemap, robots.txt, assets."""
from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Callable

from babel.support import NullTranslations

from .assets import static_sources
from .cache import PageCache
from .catalog import Catalog
from .feeds import atom_feed
from .ics import calendar_file, has_calendar, program_calendar_file
from .plan import PlannedPage
from .render import Renderer
from .sitemap import sitemap_files, robots_txt
from .translations import DEFAULT_THEME
from .urls import Urls, program_calendar_path
from .write import Rendered, copy_tree, write_file

PROGRAMS_PER_TASK = 200  # per-program calendars are written in batches beside the pages


def static_folders(root: Path) -> list[Path]:
    """The built-in theme's static files, then the site's own, which win."""
    return list(dict.fromkeys([DEFAULT_THEME / "static", (root / "theme" / "static").resolve()]))


def _calendar_inputs(catalog: Catalog, programs) -> str:
    """Everything a calendar shows, to tell whether last build's file can be reused."""
    return repr([(p.slug, p.title, p.sessions, catalog.status[p.slug]) for p in programs])


def calendar_tasks(stage: Path, catalog: Catalog, urls: Urls, renderers: dict[str, Renderer],
                   translations: dict[str, NullTranslations], cache: PageCache) -> list[Callable[[], Rendered]]:
    """The site calendar and the programs' calendars of each language, as tasks run beside the pages.

    Calendars are slow to serialise, so they run in the worker pool and are reused when unchanged.
    """
    def write_calendar(code: str, relative: str, programs, produce: Callable[[], bytes]) -> Rendered:
        fingerprint = cache.fingerprint(renderers[code].salt, relative, {"programs": _calendar_inputs(catalog, programs)})
        if not cache.unchanged(relative, fingerprint):
            write_file(stage, relative, produce())
        return Rendered(files=[relative], fingerprints={relative: fingerprint} if fingerprint else {})

    def site_calendar(code: str) -> Rendered:
        localizer = renderers[code].localizer
        return write_calendar(code, f"{code}/calendar.ics", catalog.programs,
                              lambda: calendar_file(catalog, localizer, urls, translations[code]))

    def program_calendars(code: str, batch) -> Rendered:
        localizer, result = renderers[code].localizer, Rendered()
        for program in batch:
            result.add(write_calendar(code, program_calendar_path(program.slug, code), (program,),
                                      lambda p=program: program_calendar_file(p, catalog, localizer, urls, translations[code])))
        return result

    dated = [program for program in catalog.programs if has_calendar(program, catalog)]
    batches = [dated[i:i + PROGRAMS_PER_TASK] for i in range(0, len(dated), PROGRAMS_PER_TASK)]
    return [*(functools.partial(site_calendar, code) for code in renderers),
            *(functools.partial(program_calendars, code, batch) for code in renderers for batch in batches)]


def write_site_files(stage: Path, pages: list[PlannedPage], catalog: Catalog, urls: Urls,
                     renderers: dict[str, Renderer], root: Path, sitemap_limit: int) -> list[str]:
    """Write the remaining files; returns their paths."""
    default = renderers[catalog.content.site.default_language]
    files: dict[str, Callable[[], bytes | str]] = {
        "index.html": lambda: default.render_chooser(not_found=False),
        "404.html": lambda: default.render_chooser(not_found=True),
        "robots.txt": lambda: robots_txt(urls),
    }
    for relative, data in sitemap_files(pages, catalog, urls, sitemap_limit).items():
        files[relative] = lambda data=data: data
    for code, renderer in renderers.items():
        files[f"{code}/feed.xml"] = lambda r=renderer: atom_feed(catalog, r.localizer, urls)
    for relative, produce in files.items():
        write_file(stage, relative, produce())
    written = [*files, *copy_assets(static_folders(root), stage, urls)]
    for source, target in {root / "content" / "media": "media", root / "partners" / "logos": "logos"}.items():
        written += copy_tree(source, stage, target)
    return sorted(set(written))


def copy_assets(folders: list[Path], stage: Path, urls: Urls) -> list[str]:
    """Each theme file under its content-hashed name (what pages link to, cacheable forever) and its plain one.

    The plain copy keeps relative references inside assets working (a stylesheet's url(), a script's import).
    """
    copied = []
    for name, source in static_sources(folders).items():
        for published in dict.fromkeys((urls.assets.name(name), name)):
            destination = stage / "static" / published
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            copied.append(f"static/{published}")
    return copied
