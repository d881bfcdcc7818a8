"""Read a site folder into validated Content: discover, parse, validate, cross-check."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .discover import SourceFile, Sources, discover
from .model import SECTIONS, Content
from .parse import parse_markdown_file, parse_yaml_file
from .problems import Position, Problems
from .siteconfig import validate_site
from .validate import (Known, join_translations, validate_article_file, validate_partner, validate_program)

# Page slugs that would collide with the site's own URLs.
RESERVED_SLUGS = frozenset({*SECTIONS, "feed", "calendar", "media", "logos", "static", "sitemap", "robots", "404"})


def load_content(root: Path, today: dt.date, problems: Problems, drafts: bool = False) -> Content | None:
    """Everything the site publishes, or None when site.yaml itself cannot be used."""
    sources = discover(root, problems)
    sources.pages = _allowed_pages(sources.pages, problems)
    if sources.site is None:
        return None
    site_document = parse_yaml_file(root, sources.site, problems)
    page_slugs = {source.slug for source in sources.pages}
    site = validate_site(site_document, page_slugs, problems) if site_document else None
    if site is None:
        return None
    known = Known(
        site=site, today=today,
        programs=frozenset(source.slug for source in sources.programs),
        partners=frozenset(source.slug for source in sources.partners),
        media=frozenset(path.removeprefix("content/media/") for path in sources.media),
        logos=frozenset(path.removeprefix("partners/logos/") for path in sources.logos),
    )
    programs = [_validated(root, source, validate_program, known, problems) for source in sources.programs]
    partners = [_validated(root, source, validate_partner, known, problems) for source in sources.partners]
    news = _articles(root, sources, "news", known, problems)
    pages = _articles(root, sources, "page", known, problems)
    keep = lambda item: item is not None and (drafts or not item.draft)  # noqa: E731
    return Content(
        site=site,
        programs=tuple(p for p in programs if keep(p)),
        partners=tuple(p for p in partners if p is not None),
        news=tuple(a for a in news if keep(a)),
        pages=tuple(a for a in pages if keep(a)),
        media=tuple(sorted(known.media)), logos=tuple(sorted(known.logos)),
    )


def _validated(root: Path, source, validate, known: Known, problems: Problems):
    document = parse_yaml_file(root, source.path, problems)
    return validate(document, source, known, problems) if document else None


def _articles(root: Path, sources: Sources, kind: str, known: Known, problems: Problems):
    files = []
    for source in sources.news if kind == "news" else sources.pages:
        document = parse_markdown_file(root, source.path, problems)
        if document is not None:
            file = validate_article_file(document, source, kind, known, problems)
            if file is not None:
                files.append(file)
    articles = join_translations(kind, files, problems)
    # A translation whose file exists but could not be read has its own error already.
    broken = ({(source.slug, source.language) for source in (sources.news if kind == "news" else sources.pages)}
              - {(file.source.slug, file.source.language) for file in files})
    for article in articles:
        missing = [code for code in known.site.codes if code not in article.texts and (article.slug, code) not in broken]
        if missing and not article.draft:
            first = next(iter(article.texts.values()))
            problems.warning(Position(first.source), "", "missing translation: " + ", ".join(missing),
                             "add a file for each language, e.g. " + first.source.rsplit(".", 2)[0] + f".{missing[0]}.md")
    return articles


def _allowed_pages(pages: list[SourceFile], problems: Problems) -> list[SourceFile]:
    """Pages whose slugs are free; the others are reported and left out, translations and all."""
    for source in pages:
        if source.slug in RESERVED_SLUGS:
            problems.error(Position(source.path), "", f"the page slug '{source.slug}' is reserved for the site's own URLs",
                           "rename the file, e.g. 'about-" + source.slug + f".{source.language}.md'")
    return [source for source in pages if source.slug not in RESERVED_SLUGS]
