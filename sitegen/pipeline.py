"""The build, stage by stage, each stage a package: source (load and validate) → plan (catalog, URLs, pages) →
render (a renderer per language) → output (write in the worker pool, then publish). `build` reads as the
architecture; the stages below it import nothing from here."""
from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import NullTranslations

from .checks.stale import TranslationsMemo, record_translations
from .foundation.builtin import DEFAULT_LOCALES, DEFAULT_THEME, PACKAGE, PACKAGE_ROOT, editor_script, layers
from .foundation.fingerprints import code_digest, digest, files_digest
from .foundation.fonts import share_font
from .foundation.problems import Position, Problems
from .foundation.workers import Workers
from .output.cache import PageCache, build_id
from .output.calendarcache import CalendarEvents
from .output.catalogindex import write_catalog_indexes
from .output.comparedata import compare_data_tasks
from .output.editor import write_editor
from .output.kept import Kept
from .output.opendata import OpenDataMemo, write_open_data
from .output.outfolder import Published, check_output, read_marker
from .output.publish import (link_unchanged, output_lock, publish, published_path, remove_leftovers, same_as_published,
                             staging, update_in_place)
from .output.search import SearchProblem, index_site, previous_index
from .output.shareimage import share_image_tasks
from .output.sitefiles import calendar_tasks, static_folders, write_site_files
from .output.sitemap import SITEMAP_LIMIT
from .output.status import write_status_page
from .output.write import Rendered, render_pages
from .plan.assets import collect_assets
from .plan.catalog import Catalog, build_catalog
from .plan.coverage import item_texts
from .plan.pages import PlannedPage, plan_pages
from .plan.urls import Urls
from .render.markup import MarkdownStore
from .render.renderer import Renderer, SharedBytecode, TemplateProblem, preload_templates
from .source.load import load_content
from .source.memo import SourceMemo
from .source.translations import load_translations


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    today: dt.date
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    processes: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    cache_dir: Path | None = None  # where page fingerprints are kept between builds; None: render every page
    sitemap_limit: int = SITEMAP_LIMIT  # URLs per sitemap file; past it sitemap.xml becomes an index
    search: bool = False  # index the output with Pagefind; off by default so small builds stay fast (cli turns it on)
    force: bool = False  # replace an output folder that holds files this generator did not write
    # Update an earlier output of ours file by file instead of replacing it whole (the dev server's own folder):
    # much faster for a small change, but a reader of the folder may see old and new files side by side.
    in_place: bool = False


@dataclass
class BuildResult:
    problems: Problems
    pages: Counter = field(default_factory=Counter)
    files: int = 0
    reused: int = 0  # pages taken unchanged from the previous build
    seconds: float = 0.0
    search_seconds: float | None = None  # time the search index took, when it was built
    written: bool = False


class BuildMemo(SourceMemo):
    """What a long-running process (the dev server) keeps between its builds: the source memo's parsed files,
    and the Markdown converted so far and the calendar events serialised, which a rebuild would otherwise reload
    from the cache or make again."""

    def __init__(self) -> None:
        super().__init__()
        self.markdown_store = MarkdownStore()

    def forget(self) -> None:
        super().forget()
        self.calendars = CalendarEvents()
        self.open_data = OpenDataMemo()
        self.lock_entries = TranslationsMemo()  # the translation lock's current entries, per item


def protected_folders() -> list[Path]:
    """The generator's own folders, which no output may overlap."""
    return [PACKAGE, DEFAULT_THEME, DEFAULT_LOCALES]


def template_dirs(root: Path) -> list[Path]:
    """The site's own templates first; the built-in theme fills in the rest."""
    return [folder.path for folder in layers(root, "theme/templates")]


def check(root: Path, today: dt.date, drafts: bool = False, processes: int = 1) -> Problems:
    problems = Problems()
    load_content(root, today, problems, drafts=drafts, workers=Workers(processes))
    return problems


@dataclass(frozen=True)
class _Prepared:
    """What the stages before writing hand to it."""

    options: BuildOptions
    out: Path
    workers: Workers
    markdown_store: MarkdownStore
    catalog: Catalog
    pages: list[PlannedPage]
    urls: Urls
    renderers: dict[str, Renderer]
    translations: dict[str, NullTranslations]
    calendars: CalendarEvents  # serialised events of earlier builds, to serialise only what changed
    open_data: OpenDataMemo | None = None  # a memo's, to serialise only what changed
    lock_entries: TranslationsMemo | None = None  # likewise


def build(options: BuildOptions, memo: BuildMemo | None = None) -> BuildResult:
    """Build the site; a memo (the dev server's) keeps between builds what unchanged source files need again:
    their reading, their validation, the conversion of their Markdown."""
    started = time.perf_counter()
    problems = Problems()
    result = BuildResult(problems)
    out = options.out.resolve()
    check_output(out, options.root, protected_folders(), options.force, thorough=False)  # a refusal touches nothing
    workers = Workers(options.processes)
    markdown_store = memo.markdown_store if memo else MarkdownStore()
    content = load_content(options.root, options.today, problems, options.drafts, workers, memo, options.cache_dir)
    if content is not None and content.site.web_editor and not editor_script().is_file():
        problems.error(Position("site.yaml"), "web_editor",
                       f"the web editor's script is not installed ({editor_script().relative_to(PACKAGE_ROOT)})",
                       "run scripts/setup, which fetches it from the npm registry, or remove 'web_editor' from site.yaml")
    if content is None or problems.has_errors(options.strict):
        return result
    catalog = build_catalog(content, options.today)
    urls = Urls((options.base_url or content.site.base_url).rstrip("/") + "/", collect_assets(static_folders(options.root)))
    load_catalog = memo.translations if memo else load_translations
    translations = {code: load_catalog(options.root, code, problems) for code in content.site.codes}
    if problems.has_errors(options.strict):
        return result
    try:
        renderers = _renderers(catalog, urls, options.root, translations, markdown_store,
                               memo.compiled_templates if memo else {})
    except TemplateProblem as exc:
        problems.items.append(exc.problem(options.root))
        return result
    prepared = _Prepared(options, out, workers, markdown_store, catalog, plan_pages(catalog), urls, renderers,
                         translations, memo.calendars if memo else CalendarEvents(),
                         memo.open_data if memo else None, memo.lock_entries if memo else TranslationsMemo())
    if not _stage_and_publish(prepared, result):
        return result
    record_translations(options.root, item_texts(content), content.site, prepared.lock_entries)
    result.written = True
    result.seconds = time.perf_counter() - started
    return result


def _stage_and_publish(prepared: _Prepared, result: BuildResult) -> bool:
    """Under the output's lock, write the site into a staging folder and publish it; False when it failed."""
    out, options = prepared.out, prepared.options
    try:
        with output_lock(out):
            remove_leftovers(out)
            in_place = options.in_place and not options.search and read_marker(out)
            published = in_place or check_output(out, options.root, protected_folders(), options.force)  # no other build now
            with staging(out) as stage:
                return _write(stage, published, prepared, result)
    except OSError as exc:
        result.problems.error(Position(str(published_path(exc, out))), "", f"cannot write the site: {exc.strerror or exc}",
                              "free some space or fix the folder's permissions, then build again; "
                              "the previous site is untouched")
        return False


def _write(stage: Path, published: Published, prepared: _Prepared, result: BuildResult) -> bool:
    """Render and write everything into the stage, then publish it; False (with the problems recorded) when it failed."""
    options = prepared.options
    cache = PageCache.open(options.cache_dir, prepared.out, _salt(options, prepared.urls), published,
                           prepared.markdown_store)
    if options.cache_dir is not None:
        prepared.calendars.load(options.cache_dir)
    rendered = _render(stage, prepared, cache, result)
    if rendered is None:
        return False
    files = _write_site_files(Kept(stage, cache, rendered.fingerprints, options.cache_dir), prepared, rendered, result)
    if files is None:
        return False
    return _publish(stage, published, prepared, cache, rendered, files, result)


def _render(stage: Path, prepared: _Prepared, cache: PageCache, result: BuildResult) -> Rendered | None:
    """Every page in every language, with the calendars and share images beside them, in the worker pool."""
    catalog, urls, renderers = prepared.catalog, prepared.urls, prepared.renderers
    localizers, salts = {c: r.localizer for c, r in renderers.items()}, {c: r.salt for c, r in renderers.items()}
    tasks = [*calendar_tasks(stage, catalog, urls, localizers, salts, prepared.translations, cache,
                             prepared.calendars),
             *share_image_tasks(stage, catalog, {c: r.share_cards for c, r in renderers.items()}, cache),
             *compare_data_tasks(stage, catalog, {c: r.compare_data for c, r in renderers.items()}, cache,
                                 prepared.options.root)]
    rendered = render_pages(prepared.pages, renderers, stage, prepared.workers, cache, prepared.markdown_store,
                            prepared.options.root, tasks)
    result.pages, result.reused = rendered.written, rendered.reused
    prepared.calendars.update(rendered.calendars)
    result.problems.items.extend(rendered.problems)
    return None if result.problems.has_errors(prepared.options.strict) else rendered


def _write_site_files(kept: Kept, prepared: _Prepared, rendered: Rendered, result: BuildResult) -> set[str] | None:
    """The files besides the pages; with the pages', every file of the new output (None when a template failed)."""
    catalog, urls, options, stage = prepared.catalog, prepared.urls, prepared.options, kept.stage
    render_template = prepared.renderers[catalog.content.site.default_language].render_template
    localizers = {code: renderer.localizer for code, renderer in prepared.renderers.items()}
    try:  # the root pages and the status page are templates too
        return {*rendered.files,
                *write_site_files(kept, prepared.pages, catalog, urls, render_template, localizers,
                                  prepared.markdown_store, options.root, options.sitemap_limit),
                write_status_page(kept, catalog, urls, render_template, options.root, prepared.lock_entries),
                *write_editor(stage, catalog.content.site, urls),
                *write_open_data(kept, catalog, urls, prepared.open_data),
                *write_catalog_indexes(stage, {code: r.catalog_index for code, r in prepared.renderers.items()})}
    except TemplateProblem as exc:
        result.problems.items.append(exc.problem(options.root))
        return None


def _publish(stage: Path, published: Published, prepared: _Prepared, cache: PageCache, rendered: Rendered,
             files: set[str], result: BuildResult) -> bool:
    """Index the stage for search, publish it, and record the cache; True also when nothing would change."""
    options, out = prepared.options, prepared.out
    nothing_rendered = rendered.reused == sum(rendered.written.values())
    kept_index = options.search and cache.incremental and previous_index(files, cache.previous_files, nothing_rendered)
    files.update(kept_index or ())
    build = build_id(rendered.fingerprints)
    result.files = len(files) - sum(result.pages.values())
    if options.in_place and not options.search and published.build is not None:
        update_in_place(stage, out, build, files, published)
    else:
        if (kept_index or not options.search) and same_as_published(stage, out, build, files, published):
            return True  # nothing would change: the output stays as it is
        link_unchanged(stage, out, files)
        if options.search and not kept_index and not _index_for_search(stage, out, files, result):
            return False
        result.files = len(files) - sum(result.pages.values())  # with the search index
        publish(stage, out, build, files)
    try:
        cache.save(build, rendered.fingerprints, files, rendered_all=not rendered.reused,
                   markdown_store=prepared.markdown_store)
        if options.cache_dir is not None:
            prepared.calendars.save(options.cache_dir, prepared.renderers)
    except OSError as exc:  # the site is published; the next build just renders everything
        result.problems.warning(Position(exc.filename or str(options.cache_dir)), "",
                                f"cannot record the build cache: {exc.strerror or exc}",
                                "the next build renders every page")
    return True


def _index_for_search(stage: Path, out: Path, files: set[str], result: BuildResult) -> bool:
    """Add the search index to the staged site; False (with the problem recorded) when it failed."""
    try:
        index = index_site(stage, files)
    except SearchProblem as exc:
        result.problems.error(Position(str(out)), "", f"search index: {exc}", "or build with --no-search")
        return False
    files.update(index.files)
    result.search_seconds = index.seconds
    return True


def _salt(options: BuildOptions, urls: Urls) -> str:
    """What every page depends on besides its view: templates, translations, the generator itself."""
    themes = template_dirs(options.root)
    locales = [folder.path for folder in layers(options.root, "locales")]
    # Pages name the drawn share images only where a font to draw them with is installed.
    return digest(code_digest(), files_digest(themes, site=options.root), files_digest(locales, "*.po", options.root),
                  urls.base_url, repr(share_font()))


def _renderers(catalog: Catalog, urls: Urls, root: Path, translations, markdown_store: MarkdownStore,
               compiled: dict[str, bytes]) -> dict[str, Renderer]:
    bytecode = SharedBytecode(compiled)
    renderers = {}
    for language in catalog.content.site.languages:
        renderer = Renderer(catalog, language, urls, template_dirs(root), translations[language.code], markdown_store,
                            bytecode)
        preload_templates(renderer)
        renderers[language.code] = renderer
    return renderers

