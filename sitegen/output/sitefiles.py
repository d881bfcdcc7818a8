"""The files besides the HTML pages: root chooser and 404, feeds, calendars, sitemap, robots.txt, assets."""
from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Callable, Mapping

from babel.support import NullTranslations

from ..foundation.walk import Folder
from ..plan.assets import static_folders, static_sources
from ..plan.calendars import has_calendar
from ..plan.catalog import Catalog
from ..plan.pages import PlannedPage
from ..plan.urls import INDEX_FILE, NOT_FOUND_FILE, Urls, calendar_path, feed_path, file_path, program_calendar_path
from ..render.head import chooser_context
from ..render.localize import Localizer
from ..render.markup import MarkdownStore
from .cache import PageCache
from .calendarcache import CalendarEvents
from .calendars import calendar_files
from .feeds import atom_feed
from .kept import Kept
from .sitemap import robots_txt, write_sitemaps
from .write import Rendered, write_file


def _calendar_inputs(catalog: Catalog, programs) -> str:
    """Everything a calendar shows, to tell whether last build's file can be reused."""
    return repr([(p.slug, p.title, p.sessions, catalog.status[p.slug]) for p in programs])


def calendar_tasks(stage: Path, catalog: Catalog, urls: Urls, localizers: Mapping[str, Localizer],
                   salts: Mapping[str, str], translations: Mapping[str, NullTranslations],
                   cache: PageCache, events: CalendarEvents | None = None) -> list[Callable[[], Rendered]]:
    """One task per language writing its site calendar and its programs' calendars, run beside the pages.

    Calendars are slow to serialise, so they run in the worker pool, and a language whose files are all
    unchanged since the last build is not serialised again. `salts` are what every page of a language
    depends on (see Renderer.salt), so calendars are written again when those change. `events`: the events
    serialised by earlier builds; a task hands back its language's, brought up to date, in its result.
    """
    dated = [program for program in catalog.programs if has_calendar(program, catalog)]

    def write_calendars(code: str) -> Rendered:
        salt = salts[code]
        inputs = {calendar_path(code): catalog.programs,
                  **{program_calendar_path(p.slug, code): (p,) for p in dated}}
        fingerprints = {relative: cache.fingerprint(salt, relative, {"programs": _calendar_inputs(catalog, programs)})
                        for relative, programs in inputs.items()}
        changed = [relative for relative, fingerprint in fingerprints.items() if not cache.unchanged(relative, fingerprint)]
        done = Rendered(files=list(inputs), fingerprints={r: f for r, f in fingerprints.items() if f})
        if changed:
            earlier = events.of(code) if events is not None else {}
            wanted = {p.slug for p in dated if program_calendar_path(p.slug, code) in changed}
            site, programs = calendar_files(catalog, localizers[code], urls, translations[code], wanted, earlier,
                                            cache.salt + salt)
            files = {calendar_path(code): site, **{program_calendar_path(slug, code): data for slug, data in programs.items()}}
            for relative in changed:
                write_file(stage, relative, files[relative])
            done.calendars[code] = earlier
        return done

    return [functools.partial(write_calendars, code) for code in localizers]


def write_site_files(kept: Kept, pages: list[PlannedPage], catalog: Catalog, urls: Urls,
                     render_template: Callable[..., str], localizers: Mapping[str, Localizer],
                     markdown_store: MarkdownStore, root: Path, sitemap_limit: int) -> list[str]:
    """Write the remaining files; returns their paths.

    The root pages are templates in the site's default language: render_template(name, what, **context) renders
    one (see Renderer.render_template), the one thing of a renderer they need.
    """
    default = localizers[catalog.content.site.default_language]
    files: dict[str, Callable[[], bytes | str]] = {
        INDEX_FILE: lambda: render_template("chooser.html", INDEX_FILE, **chooser_context(default, urls, False)),
        NOT_FOUND_FILE: lambda: render_template("chooser.html", NOT_FOUND_FILE, **chooser_context(default, urls, True)),
        "robots.txt": lambda: robots_txt(urls),
    }
    for code, localizer in localizers.items():
        files[feed_path(code)] = lambda localizer=localizer: atom_feed(catalog, localizer, urls, markdown_store)
    stage = kept.stage
    for relative, produce in files.items():
        write_file(stage, relative, produce())
    written = [*files, *write_sitemaps(kept, pages, catalog, urls, sitemap_limit),
               *copy_assets(static_folders(root), stage, urls)]
    content = catalog.content
    for source, kind, names in (("content/media", "media", content.media), ("partners/logos", "logo", content.logos)):
        written += copy_files(root / source, names, stage, kind)
    return sorted(set(written))


def copy_files(source: Path, names: tuple[str, ...], stage: Path, kind: str) -> list[str]:
    """Media and logos: exactly the files the load found and checked, so nothing it refused (a link out) is read."""
    copied = []
    for name in names:
        destination = stage / file_path(kind, name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, destination)  # content only, for reproducible output
        copied.append(file_path(kind, name))
    return copied


def copy_assets(folders: list[Folder], stage: Path, urls: Urls) -> list[str]:
    """Each theme file under its content-hashed name (what pages link to, cacheable forever) and its plain one.

    The plain copy keeps relative references inside assets working (a stylesheet's url(), a script's import).
    """
    copied = []
    for name, source in static_sources(folders).items():
        for published in dict.fromkeys((urls.assets.name(name), name)):
            destination = stage / file_path("static", published)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            copied.append(file_path("static", published))
    return copied
