"""Find a site's source files and check that their names follow the content model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..foundation.model import SLUG, SLUG_HINT
from ..foundation.problems import Position, Problems
from ..foundation.walk import is_ignored, look, nothing_ignored, walk

_NEWS_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.([a-zA-Z-]+)\.md\Z")
_PAGE_NAME = re.compile(r"^(.+)\.([a-zA-Z-]+)\.md\Z")
MEDIA_SUFFIXES = {".svg", ".png", ".webp", ".jpg", ".jpeg", ".gif", ".avif", ".pdf"}
LOGO_SUFFIXES = {".svg", ".png", ".webp", ".jpg", ".jpeg"}


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the site root, with forward slashes
    slug: str
    language: str | None = None
    date: str | None = None


@dataclass
class Sources:
    root: Path
    site: str | None = None
    programs: list[SourceFile] = field(default_factory=list)
    partners: list[SourceFile] = field(default_factory=list)
    news: list[SourceFile] = field(default_factory=list)
    pages: list[SourceFile] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    logos: list[str] = field(default_factory=list)


# Files the generator reads from the site's root by name, besides site.yaml (translations.lock: the single lock
# file of earlier versions, read once to move its records into translations/).
ROOT_FILES = ("translations.lock", "babel.cfg")


def discover(root: Path, problems: Problems) -> Sources:
    """List the site's files by kind; a name that fits nowhere is a problem, and so is a file it may not read."""
    sources = Sources(root=root)
    rel = lambda path: path.relative_to(root).as_posix()  # noqa: E731
    site = look(root / "site.yaml", root)
    if site.kind == "file":
        sources.site = "site.yaml"
    elif site.kind != "refused":
        report_no_site(root, problems, "create it with title, base_url, default_language, languages, timezone and "
                       "fields, or pass the site's folder with --root")
    listings = {top: walk(root / top, root) for top in ("programs", "partners", "content")}
    refused = [found.problem for found in (site, *(look(root / name, root) for name in ROOT_FILES))
               if found.kind == "refused"]
    # Read by later stages, not listed here: only what they may not read is reported.
    for folder, skip in (("theme/templates", nothing_ignored), ("theme/static", is_ignored), ("locales", is_ignored),
                         ("translations", is_ignored)):
        refused += walk(root / folder, root, skip).problems
    for listing in listings.values():
        refused += listing.problems
    problems.items.extend(dict.fromkeys(refused))  # a linked folder holding both theme folders is told once
    for kind in ("programs", "partners"):
        folder = root / kind
        for path in listings[kind].files:
            if kind == "partners" and path.parent == folder / "logos":
                _add_asset(sources.logos, path, rel(path), LOGO_SUFFIXES, problems)
            elif path.parent != folder:
                problems.error(Position(rel(path)), "", f"unexpected file in a subfolder of {kind}/",
                               f"put {kind} directly in {kind}/ (logos go in partners/logos/)")
            elif path.suffix != ".yaml":
                problems.error(Position(rel(path)), "", f"{kind} are .yaml files",
                               f"rename it to {path.stem}.yaml, or start its name with _ to keep it out")
            elif check_slug(path.stem, rel(path), problems):
                getattr(sources, kind).append(SourceFile(rel(path), path.stem))
    for path in listings["content"].files:
        parts = path.relative_to(root / "content").parts
        section = parts[0] if len(parts) > 1 else None
        if section == "news":
            _add_article(sources.news, path, rel(path), _NEWS_NAME, problems)
        elif section == "pages":
            _add_article(sources.pages, path, rel(path), _PAGE_NAME, problems)
        elif section == "media":
            _add_asset(sources.media, path, rel(path), MEDIA_SUFFIXES, problems)
        else:
            problems.error(Position(rel(path)), "", "unexpected file in content/",
                           "put news in content/news/, pages in content/pages/ and images in content/media/")
    return sources


def _add_asset(into: list[str], path: Path, relative: str, suffixes: set[str], problems: Problems) -> None:
    if path.suffix.lower() in suffixes:
        into.append(relative)
    else:
        problems.error(Position(relative), "", f"unsupported file type '{path.suffix}'",
                       "use one of " + ", ".join(sorted(suffixes)))


def _add_article(into: list[SourceFile], path: Path, relative: str, pattern: re.Pattern, problems: Problems) -> None:
    is_news = pattern is _NEWS_NAME
    match = pattern.match(path.name)
    if not match:
        expected = "YYYY-MM-DD-slug.LANG.md" if is_news else "slug.LANG.md"
        problems.error(Position(relative), "", f"file name does not fit '{expected}'",
                       f"rename it like {'2025-10-14-shanghai-agreements.en.md' if is_news else 'about.en.md'}")
        return
    date, slug, language = match.groups() if is_news else (None, *match.groups())
    if check_slug(slug, relative, problems):
        into.append(SourceFile(relative, slug, language, date))


def check_slug(slug: str, relative: str, problems: Problems) -> bool:
    if SLUG.match(slug):
        return True
    problems.error(Position(relative), "", f"'{slug}' is not a valid slug", SLUG_HINT)
    return False


def report_no_site(root: Path, problems: Problems, hint: str) -> None:
    problems.error(Position("site.yaml"), "", f"the site has no site.yaml (looked in {root})", hint)
