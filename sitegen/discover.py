"""Find a site's source files and check that their names follow the content model."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Position, Problems

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_HINT = "use lowercase Latin letters, digits and single hyphens, e.g. 'summer-school-2026'"
_NEWS_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.([a-zA-Z-]+)\.md$")
_PAGE_NAME = re.compile(r"^(.+)\.([a-zA-Z-]+)\.md$")
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


def is_ignored(name: str) -> bool:
    return name.startswith(("_", "."))


def _files(folder: Path) -> list[Path]:
    """Files under folder, sorted, skipping names (of files or folders) starting with _ or ."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(is_ignored(part) for part in parts):
            found.append(path)
    return found


def discover(root: Path, problems: Problems) -> Sources:
    """List the site's files by kind; a name that fits nowhere is a problem."""
    sources = Sources(root=root)
    rel = lambda path: path.relative_to(root).as_posix()  # noqa: E731
    if (root / "site.yaml").is_file():
        sources.site = "site.yaml"
    else:
        problems.error(Position("site.yaml"), "", f"the site has no site.yaml (looked in {root})",
                       "create it with title, base_url, default_language, languages, timezone and fields, "
                       "or pass the site's folder with --root")
    for kind in ("programs", "partners"):
        folder = root / kind
        for path in _files(folder):
            if kind == "partners" and path.parent == folder / "logos":
                _add_asset(sources.logos, path, rel(path), LOGO_SUFFIXES, problems)
            elif path.parent != folder:
                problems.error(Position(rel(path)), "", f"unexpected file in a subfolder of {kind}/",
                               f"put {kind} directly in {kind}/ (logos go in partners/logos/)")
            elif path.suffix != ".yaml":
                problems.error(Position(rel(path)), "", f"{kind} are .yaml files",
                               f"rename it to {path.stem}.yaml, or start its name with _ to keep it out")
            elif _check_slug(path.stem, rel(path), problems):
                getattr(sources, kind).append(SourceFile(rel(path), path.stem))
    for path in _files(root / "content" / "news"):
        _add_article(sources.news, path, rel(path), _NEWS_NAME, problems)
    for path in _files(root / "content" / "pages"):
        _add_article(sources.pages, path, rel(path), _PAGE_NAME, problems)
    for path in _files(root / "content" / "media"):
        _add_asset(sources.media, path, rel(path), MEDIA_SUFFIXES, problems)
    for path in _files(root / "content"):
        if path.relative_to(root / "content").parts[0] not in ("news", "pages", "media"):
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
    if _check_slug(slug, relative, problems):
        into.append(SourceFile(relative, slug, language, date))


def _check_slug(slug: str, relative: str, problems: Problems) -> bool:
    if SLUG.match(slug):
        return True
    problems.error(Position(relative), "", f"'{slug}' is not a valid slug", SLUG_HINT)
    return False
