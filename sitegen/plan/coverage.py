"""The translatable texts of each item, field by field, and what each language lacks of them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..foundation.model import Article, Content, Localized, Partner, Program, Site
from .urls import Route

PROGRAM_FIELDS = ("title", "summary", "description", "funding", "credential", "eligibility", "documents",
                  "how_to_apply", "image_alt")
PARTNER_FIELDS = ("name", "short_name", "city", "description")
ARTICLE_FIELDS = ("title", "summary", "menu_title", "image_alt", "body")


@dataclass(frozen=True)
class ItemTexts:
    """One program, partner, article, page or the site settings: its texts per field and language."""

    key: str  # the lock file's name for it: its file, or an article's files without the language suffix
    kind: str  # program, partner, news, page, site
    route: Route  # the page that shows it
    title: Mapping[str, str]
    fields: Mapping[str, Mapping[str, str]]  # field → {language: text}
    files: Mapping[str, str]  # language → the file its text is in (one file for YAML items)

    def original(self, values: Mapping[str, str], site: Site) -> str:
        """The language a field was written in: the site's default, else the first in site order."""
        if site.default_language in values:
            return site.default_language
        return next(code for code in site.codes if code in values)


@dataclass(frozen=True)
class Gap:
    """What one language lacks of one item."""

    item: ItemTexts
    language: str
    missing: bool  # the item's main text is not translated at all (no file, or no title)
    fallback_fields: tuple[str, ...]  # fields whose text comes from another language
    stale_fields: tuple[str, ...] = ()


def _localized(fields: Mapping[str, Localized | None]) -> dict[str, Mapping[str, str]]:
    return {name: value.values for name, value in fields.items() if value}


def _program(program: Program) -> ItemTexts:
    fields = _localized({name: getattr(program, name) for name in PROGRAM_FIELDS})
    fields.update(_localized({"location.city": program.location.city if program.location else None,
                              "fee.includes": program.fee.includes if program.fee else None}))
    return ItemTexts(program.source, "program", Route("program", program.slug), program.title.values, fields,
                     {code: program.source for code in program.title.values})


def _partner(partner: Partner) -> ItemTexts:
    fields = _localized({name: getattr(partner, name) for name in PARTNER_FIELDS})
    return ItemTexts(partner.source, "partner", Route("partner", partner.slug), partner.name.values, fields,
                     {code: partner.source for code in partner.name.values})


def _article(article: Article) -> ItemTexts:
    fields = {name: {code: getattr(text, name) for code, text in article.texts.items() if getattr(text, name)}
              for name in ARTICLE_FIELDS}
    first = next(iter(article.texts.values())).source
    return ItemTexts(first.rsplit(".", 2)[0], article.kind, Route("article" if article.kind == "news" else "page",
                                                                  article.slug),
                     fields["title"], {name: values for name, values in fields.items() if values},
                     {code: text.source for code, text in article.texts.items()})


def _site(site: Site) -> ItemTexts:
    fields = _localized({"title": site.title, "description": site.description, "share_image_alt": site.share_image_alt})
    fields.update(_localized({f"fields.{key}": value for key, value in site.fields.items()}))
    return ItemTexts("site.yaml", "site", Route("home"), site.title.values, fields,
                     {code: "site.yaml" for code in site.codes})


def item_texts(content: Content) -> list[ItemTexts]:
    """Every translatable item of the site, the settings first."""
    return [_site(content.site), *map(_program, content.programs), *map(_partner, content.partners),
            *map(_article, content.news), *map(_article, content.pages)]


def gaps(items: list[ItemTexts], code: str, stale: Mapping[tuple[str, str], tuple[str, ...]]) -> list[Gap]:
    """What language `code` lacks, item by item; `stale` maps (item key, language) to stale fields."""
    found = []
    for item in items:
        fallback = tuple(name for name, values in item.fields.items() if code not in values)
        stale_fields = stale.get((item.key, code), ())
        if fallback or stale_fields:
            found.append(Gap(item, code, code not in item.title, fallback, stale_fields))
    return found
