"""The translation status page for editors: per language, what is missing, falls back or is stale.

It lives at an unlinked address, asks search engines not to index it and is left out of the sitemap."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..checks.lockfiles import read_lock
from ..checks.stale import TranslationsMemo, stale_fields
from ..foundation.fallback import choose
from ..foundation.model import Language
from ..plan.catalog import Catalog
from ..plan.coverage import Gap, gaps, item_texts
from ..plan.urls import STATUS_PATH, Urls, output_file
from .kept import Kept, Pieces
from .write import write_file



@dataclass(frozen=True)
class StatusEntry:
    title: str
    title_lang: str  # hreflang of the title shown
    href: str
    source: str  # the file editors open
    fields: tuple[str, ...]


@dataclass(frozen=True)
class LanguageStatus:
    language: Language
    items: int
    complete: int
    texts: int
    own_texts: int
    missing: tuple[StatusEntry, ...]
    fallback: tuple[StatusEntry, ...]
    stale: tuple[StatusEntry, ...]


def _entry(gap: Gap, fields: tuple[str, ...], catalog: Catalog, urls: Urls) -> StatusEntry:
    site = catalog.content.site
    code, title = choose(gap.item.title, site.language(gap.language), site.codes)
    source = gap.item.files.get(gap.language) or next(iter(gap.item.files.values()))
    return StatusEntry(title, site.language(code).hreflang, urls.page(gap.item.route, gap.language), source, fields)


def language_statuses(catalog: Catalog, urls: Urls, root: Path, memo: TranslationsMemo | None = None
                      ) -> list[LanguageStatus]:
    content = catalog.content
    items = item_texts(content)
    stale = stale_fields(items, content.site, read_lock(root) or {}, memo)
    texts = sum(len(item.fields) for item in items)
    statuses = []
    for language in content.site.languages:
        found = gaps(items, language.code, stale)
        statuses.append(LanguageStatus(
            language, len(items), len(items) - len(found), texts,
            texts - sum(len(gap.fallback_fields) for gap in found),
            tuple(_entry(g, (), catalog, urls) for g in found if g.missing),
            tuple(_entry(g, g.fallback_fields, catalog, urls) for g in found if g.fallback_fields and not g.missing),
            tuple(_entry(g, g.stale_fields, catalog, urls) for g in found if g.stale_fields)))
    return statuses


def write_status_page(kept: Kept, catalog: Catalog, urls: Urls, render_template: Callable[..., str],
                      root: Path, memo: TranslationsMemo | None = None) -> str:
    """Write the page; returns its path. It is a template of the theme: render_template(name, what, **context)
    renders one in the site's default language (see Renderer.render_template), the one thing of a renderer it needs.

    Each item's lock entries, which the page compares with the lock, are kept in the build cache by the item's
    files; `memo` (the dev server's, else the build's) hands them on to recording the lock after publishing."""
    memo = memo if memo is not None else TranslationsMemo()
    pieces = Pieces("translations")
    pieces.load(kept.cache_dir)
    memo.saved, memo.digests, memo.salt = pieces.get, catalog.content.digests, kept.cache.salt
    statuses = language_statuses(catalog, urls, root, memo)
    pieces.save(kept.cache_dir)
    relative = output_file(STATUS_PATH)
    write_file(kept.stage, relative, render_template("translation-status.html", relative, statuses=statuses,
                                                     canonical=urls.absolute(STATUS_PATH)))
    return relative
