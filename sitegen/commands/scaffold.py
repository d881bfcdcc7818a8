"""`build.py new`: write a commented template for a new program, partner, news article or page."""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import jinja2

from ..foundation.model import AUDIENCES, DURATION_UNITS, MODES, PARTNER_KINDS, PROGRAM_TYPES, RESERVED_SLUGS, Site
from ..foundation.problems import Position, Problems
from ..source.discover import SourceFile, Sources, check_slug, discover
from ..source.load import read_site, report_reserved_page
from ..source.wording import report_unknown_language
from .schema import schema_file, write_schemas

KINDS = ("program", "partner", "news", "page")
TEMPLATES = Path(__file__).resolve().parent / "scaffolds"
_SHOWN_CHOICES = 12  # a long list of slugs in a comment helps nobody; the check lists them all


@dataclass(frozen=True)
class NewItem:
    """What the editor asked for: the kind, its slug and, for news and pages, the language and date."""

    kind: str
    slug: str
    language: str | None = None  # news and pages; None: the site's default language
    date: dt.date | None = None  # news; None: the date of an existing translation, else `today`


def target(item: NewItem, language: str, date: dt.date) -> str:
    """The file the item lives in, relative to the site root."""
    if item.kind in ("program", "partner"):
        return f"{item.kind}s/{item.slug}.yaml"
    if item.kind == "news":
        return f"content/news/{date.isoformat()}-{item.slug}.{language}.md"
    return f"content/pages/{item.slug}.{language}.md"


def create(root: Path, item: NewItem, today: dt.date, stream: TextIO | None = None) -> int:
    """Write the template into the site; 0 when written, 1 with every reason (on `stream`) when not."""
    stream = stream or sys.stderr
    problems = Problems()
    sources = discover(root, Problems())  # only the names are needed; `check` reports the files
    site = read_site(root, sources, problems)
    if site is None:
        return _fail(problems, stream, "site.yaml must be readable to know the site's languages")
    language = item.language or site.default_language
    date = item.date or _translation_date(sources.news, item.slug) or today
    path = target(item, language, date)
    if not _acceptable(item, path, language, site, sources, root, problems):
        return _fail(problems, stream)
    text = render(item.kind, _context(item, site, sources, language, date, today))
    if path.endswith(".yaml"):  # the YAML extension of VS Code reads the schema this comment names
        text = f"# yaml-language-server: $schema=../{schema_file(item.kind)}\n" + text
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    write_schemas(root, Problems())  # with the new slug among the choices
    print(f"Created {path}: replace every <<...>>, delete the optional fields you do not need, "
          "then run `python build.py check`.")
    return 0


def _fail(problems: Problems, stream: TextIO, reason: str = "") -> int:
    for problem in problems.sorted():
        print(problem.format(), file=stream)
    print(f"Nothing was created{': ' + reason if reason else ''}.", file=stream)
    return 1


def _translation_date(news: list[SourceFile], slug: str) -> dt.date | None:
    """Translations of an article share its date, so a new one takes the date of the others."""
    dates = sorted(source.date for source in news if source.slug == slug and source.date)
    return dt.date.fromisoformat(dates[0]) if dates else None


def _acceptable(item: NewItem, path: str, language: str, site: Site, sources: Sources, root: Path,
                problems: Problems) -> bool:
    before = len(problems)
    if check_slug(item.slug, path, problems) and item.kind == "page" and item.slug in RESERVED_SLUGS:
        report_reserved_page(SourceFile(path, item.slug, language), problems)
    if language not in site.codes:
        report_unknown_language(problems, Position(path), "", language, site.codes,
                                "use --lang with one of: " + ", ".join(site.codes))
    # A news article in this language under another date would be the same article twice.
    same = [s.path for s in sources.news if (s.slug, s.language) == (item.slug, language)] if item.kind == "news" else []
    clash = path if (root / path).exists() else next(iter(same), None)
    if clash:
        problems.error(Position(clash), "", "the file already exists; it was left as it is",
                       "edit that file, or choose another slug for a new item")
    return len(problems) == before


def _context(item: NewItem, site: Site, sources: Sources, language: str, date: dt.date, today: dt.date) -> dict:
    others = [code for code in site.codes if code != language]
    return {
        "slug": item.slug, "lang": language, "language_name": site.language(language).name,
        "other_language": (others or [language])[0], "languages": site.codes, "date": date.isoformat(),
        "today": today.isoformat(), "types": PROGRAM_TYPES, "audiences": AUDIENCES, "modes": MODES,
        "units": DURATION_UNITS, "kinds": PARTNER_KINDS, "fields": sorted(site.fields),
        "partners": sorted(s.slug for s in sources.partners), "programs": sorted(s.slug for s in sources.programs),
    }


def render(kind: str, context: dict) -> str:
    """The template of `kind` filled with the site's languages and choices."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                                     keep_trailing_newline=True, autoescape=False)
    languages = context["languages"]
    environment.filters["localized"] = lambda text, indent=2: "".join(
        f"\n{' ' * indent}{code}: <<{text}>>" for code in languages)
    environment.filters["markdown"] = lambda text, indent=2: "".join(
        f"\n{' ' * indent}{code}: |\n{' ' * (indent + 2)}<<{text}>>" for code in languages)
    environment.filters["choices"] = _choices
    suffix = ".yaml" if kind in ("program", "partner") else ".md"
    return environment.get_template(kind + suffix).render(context)


def _choices(values: list[str]) -> str:
    if not values:
        return "(none yet)"
    shown = ", ".join(values[:_SHOWN_CHOICES])
    return shown if len(values) <= _SHOWN_CHOICES else f"{shown} ... ({len(values)} in all)"
