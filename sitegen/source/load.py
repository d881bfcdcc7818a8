"""Read a site folder into validated Content: discover, parse, validate, cross-check."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..foundation.fallback import choose, warn_untranslated
from ..foundation.model import RESERVED_SLUGS, Content, Site
from ..foundation.problems import Position, Problems
from ..foundation.workers import Workers, chunks
from .discover import SourceFile, Sources, discover, report_no_site
from .parse import parse_source, parse_yaml_file
from .sharefont import check_share_font
from .siteconfig import validate_site
from .sourcecache import FILE, Checked, SourceCache
from .validate import ArticleFile, Known, join_translations, validate_source

if TYPE_CHECKING:
    from .memo import SourceMemo

def load_content(root: Path, today: dt.date, problems: Problems, drafts: bool = False,
                 workers: Workers = Workers(), memo: SourceMemo | None = None,
                 cache_dir: Path | None = None) -> Content | None:
    """Everything the site publishes, or None when site.yaml itself cannot be used.

    With a memo (kept by the dev server), files unchanged since the last call are not read again; without one,
    files validated by an earlier build are taken from the cache folder, when one is given.
    """
    sources = memo.discover(root, problems) if memo else discover(root, problems)
    sources.pages = _allowed_pages(sources.pages, problems)
    if sources.site is None:
        return None
    site_document = parse_yaml_file(root, sources.site, problems)
    page_slugs = {source.slug for source in sources.pages}
    media = frozenset(path.removeprefix("content/media/") for path in sources.media)
    site = validate_site(site_document, page_slugs, problems, media) if site_document else None
    if site is None:
        return None
    check_share_font(site, site_document.path, problems)
    known = Known(
        site=site, today=today,
        programs=frozenset(source.slug for source in sources.programs),
        partners=frozenset(source.slug for source in sources.partners),
        media=media,
        logos=frozenset(path.removeprefix("partners/logos/") for path in sources.logos),
    )
    items = [*(("program", s) for s in sources.programs), *(("partner", s) for s in sources.partners),
             *(("news", s) for s in sources.news), *(("page", s) for s in sources.pages)]
    cache = SourceCache(cache_dir / FILE, known) if cache_dir is not None and not memo else None
    checked = (memo.validate_all(root, items, known, problems) if memo
               else _validate_all(root, items, known, problems, workers, cache))
    by_kind: dict[str, list] = {"program": [], "partner": [], "news": [], "page": []}
    digests = {}
    for (kind, source), (result, text_digest) in zip(items, checked):
        if result is not None:
            by_kind[kind].append(result)
            digests[source.path] = text_digest
    programs, partners = by_kind["program"], by_kind["partner"]
    news = _articles(by_kind["news"], sources.news, "news", known, problems)
    pages = _articles(by_kind["page"], sources.pages, "page", known, problems)
    keep = lambda item: item is not None and (drafts or not item.draft)  # noqa: E731
    return Content(
        site=site,
        programs=tuple(p for p in programs if keep(p)),
        partners=tuple(p for p in partners if p is not None),
        news=tuple(a for a in news if keep(a)),
        pages=tuple(a for a in pages if keep(a)),
        media=tuple(sorted(known.media)), logos=tuple(sorted(known.logos)), digests=digests,
    )


def _validate_one(kind: str, source: SourceFile, root: Path, known: Known) -> Checked:
    """The file's model object (None when invalid), the digest of its text, and the problems found in it."""
    problems = Problems()
    document = parse_source(kind, source, root, problems)
    if document is None:
        return Checked(None, "", tuple(problems.items))
    result = validate_source(kind, document, source, known, problems)
    return Checked(result, document.digest, tuple(problems.items))


def _validate_chunk(root: Path, known: Known, items: list[tuple[str, SourceFile]]) -> list[Checked]:
    return [_validate_one(kind, source, root, known) for kind, source in items]


def _validate_all(root: Path, items: list[tuple[str, SourceFile]], known: Known, problems: Problems,
                  workers: Workers, cache: SourceCache | None = None) -> list[tuple[Any, str]]:
    """Each file's model object (or None) and text digest, in the order of `items`; the cache's where it has them."""
    found = [cache.find(root, kind, source) for kind, source in items] if cache else [("", None)] * len(items)
    missing = [item for item, (_, hit) in zip(items, found) if hit is None]
    tasks = [functools.partial(_validate_chunk, root, known, chunk) for chunk in chunks(missing)]
    fresh = iter([checked for part in workers.run(tasks, units=len(missing)) for checked in part])
    results = []
    for (_, source), (key, hit) in zip(items, found):
        checked = hit or next(fresh)
        if cache and hit is None:
            cache.record(source, key, checked)
        problems.items.extend(checked.problems)
        results.append((checked.result, checked.digest))
    if cache:
        with contextlib.suppress(OSError):  # the next build validates again what could not be kept
            cache.save()
    return results


def _articles(files: list[ArticleFile], sources: list[SourceFile], kind: str, known: Known, problems: Problems):
    articles = join_translations(kind, files, problems)
    # A translation whose file exists but could not be read has its own error already.
    broken = ({(source.slug, source.language) for source in sources}
              - {(file.source.slug, file.source.language) for file in files})
    for article in articles:
        missing = [code for code in known.site.codes if code not in article.texts and (article.slug, code) not in broken]
        for code in missing if not article.draft else ():
            shown, text = choose(article.texts, known.site.language(code), known.site.codes)
            warn_untranslated(problems, Position(text.source), "", code, shown,
                              "add " + text.source.rsplit(".", 2)[0] + f".{code}.md, a translation of this file")
    return articles


def _allowed_pages(pages: list[SourceFile], problems: Problems) -> list[SourceFile]:
    """Pages whose slugs are free; the others are reported and left out, translations and all."""
    for source in pages:
        if source.slug in RESERVED_SLUGS:
            report_reserved_page(source, problems)
    return [source for source in pages if source.slug not in RESERVED_SLUGS]


def report_reserved_page(source: SourceFile, problems: Problems) -> None:
    problems.error(Position(source.path), "", f"the page slug '{source.slug}' is reserved for the site's own URLs",
                   "rename the file, e.g. 'about-" + source.slug + f".{source.language}.md'")


def read_site(root: Path, sources: Sources, problems: Problems) -> Site | None:
    """site.yaml alone, for commands that need the site's languages but not its content.

    Problems are kept only when the settings cannot be used at all; `check` reports the rest.
    """
    if sources.site is None:
        report_no_site(root, problems, "create it first, or pass the site's folder with --root")
        return None
    found = Problems()
    document = parse_yaml_file(root, sources.site, found)
    media = frozenset(path.removeprefix("content/media/") for path in sources.media)
    site = validate_site(document, {s.slug for s in sources.pages}, found, media) if document else None
    if site is None:
        problems.extend(found)
    return site
