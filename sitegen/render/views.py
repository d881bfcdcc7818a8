"""View objects for templates: values resolved for one language, lists sorted, links made."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..foundation.model import Article, Contact, Duration, Fee, Partner, Program, Session
from ..plan.catalog import Catalog, next_session
from ..plan.urls import Route, Urls
from .localize import Localizer, Text
from .markup import MarkdownStore


@dataclass(frozen=True)
class Link:
    href: str
    label: Text | str


@dataclass(frozen=True)
class Markdown:
    """Editors' Markdown in the language it was written in, converted when a template first shows it.

    The view holds the source, not the HTML, so a page's fingerprint (see cache.py) is cheap to take;
    the store it converts through is not part of its value (nor of its repr, which fingerprints read).
    """

    source: str
    lang: str
    fallback: bool
    field: str  # its name among the page's texts, which starts its ids
    top_heading: int = 2
    base_path: str = "/"
    store: MarkdownStore = field(kw_only=True, repr=False, compare=False)

    @property
    def html(self) -> str:
        return self.store.render(self.source, self.top_heading, self.base_path, self.field).html

    @property
    def toc(self) -> str:
        return self.store.render(self.source, self.top_heading, self.base_path, self.field).toc


@dataclass(frozen=True)
class PartnerCard:
    slug: str
    href: str
    name: Text
    short_name: Text | None
    kind: str
    country: str
    city: Text | None
    logo: str | None
    website: str | None
    program_count: int


@dataclass(frozen=True)
class ProgramCard:
    slug: str
    href: str
    title: Text
    summary: Text
    type: str
    status: str
    mode: str | None
    field: Text
    city: Text | None
    country: str | None
    languages: tuple[str, ...]
    duration: Duration | None
    fee: Fee | None
    next_session: Session | None
    partners: tuple[Link, ...]
    updated: dt.date


@dataclass(frozen=True)
class ArticleCard:
    slug: str
    href: str
    title: Text
    date: dt.date | None
    summary: Text | None


@dataclass(frozen=True)
class Deadline:
    """An application deadline: 23:59 in the site's time zone on its day."""

    day: dt.date
    moment: str  # ISO 8601 with the zone's offset, for <time datetime> and the browser's countdown
    days_left: int  # counted from the build date; the browser recounts from its own clock


@dataclass(frozen=True)
class ProgramView:
    card: ProgramCard
    description: Markdown | None
    audience: tuple[str, ...]
    sessions: tuple[Session, ...]
    fee_includes: Text | None
    funding: Text | None
    credential: Text | None
    eligibility: Markdown | None
    how_to_apply: Markdown | None
    apply_url: str | None
    contact: Contact
    image: str | None
    image_alt: Text | None
    partners: tuple[PartnerCard, ...]
    news: tuple[ArticleCard, ...]
    timezone: str
    deadline: Deadline | None = None  # of the next session
    page_url: str = ""  # absolute, for the QR code on the page and its printout
    visa_note: bool = False  # on site in Russia: foreign visitors need an invitation and a visa
    documents: Markdown | None = None


@dataclass(frozen=True)
class PartnerView:
    card: PartnerCard
    description: Markdown | None
    programs: tuple[ProgramCard, ...]
    news: tuple[ArticleCard, ...]


@dataclass(frozen=True)
class ArticleView:
    slug: str
    title: Text
    date: dt.date | None
    summary: Text | None
    body: Markdown
    image: str | None
    image_alt: Text | None
    partners: tuple[PartnerCard, ...]
    programs: tuple[ProgramCard, ...]


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[Link, ...] = field(default_factory=tuple)


class ViewBuilder:
    """Builds the views of one language; every method is pure in the catalog."""

    def __init__(self, catalog: Catalog, localizer: Localizer, urls: Urls, markdown_store: MarkdownStore) -> None:
        self.catalog = catalog
        self.site = catalog.content.site
        self.l10n = localizer
        self.urls = urls
        self.code = localizer.code
        self.markdown_store = markdown_store

    def href(self, kind: str, slug: str | None = None, number: int = 1) -> str:
        return self.urls.page(Route(kind, slug, number), self.code)

    def markdown(self, values: dict[str, str] | None, field: str, top_heading: int = 3) -> Markdown | None:
        """The Markdown `field` in this language or its fallback; inside a page section headings start at h3."""
        chosen = self.l10n.pick(values) if values else None
        if chosen is None:
            return None
        code, source = chosen
        return Markdown(source, code, code != self.code, field, top_heading, self.urls.base_path,
                        store=self.markdown_store)

    def program_card(self, program: Program) -> ProgramCard:
        location = program.location
        return ProgramCard(
            slug=program.slug, href=self.href("program", program.slug), title=self.l10n.text(program.title),
            summary=self.l10n.text(program.summary), type=program.type, status=self.catalog.status[program.slug],
            mode=program.mode, field=self.l10n.text(self.site.fields[program.field]),
            city=self.l10n.text(location.city) if location else None, country=location.country if location else None,
            languages=program.languages, duration=program.duration, fee=program.fee,
            next_session=next_session(program, self.catalog.today),
            partners=tuple(Link(self.href("partner", slug), self.l10n.text(self.catalog.partners[slug].name))
                           for slug in program.partners),
            updated=program.updated,
        )

    def partner_card(self, partner: Partner) -> PartnerCard:
        return PartnerCard(
            slug=partner.slug, href=self.href("partner", partner.slug), name=self.l10n.text(partner.name),
            short_name=self.l10n.text(partner.short_name), kind=partner.kind, country=partner.country,
            city=self.l10n.text(partner.city), logo=self.urls.logo(partner.logo) if partner.logo else None,
            website=partner.website, program_count=len(self.catalog.programs_by_partner.get(partner.slug, ())),
        )

    def article_card(self, article: Article) -> ArticleCard:
        code, text = self.l10n.pick(article.texts)
        kind = "article" if article.kind == "news" else "page"
        return ArticleCard(
            slug=article.slug, href=self.href(kind, article.slug), title=Text(text.title, code, code != self.code),
            date=article.date, summary=Text(text.summary, code, code != self.code) if text.summary else None,
        )

    def program(self, program: Program) -> ProgramView:
        fee = program.fee
        return ProgramView(
            card=self.program_card(program),
            description=self.markdown(program.description.values if program.description else None, "description"),
            audience=program.audience, sessions=tuple(sorted(program.sessions, key=lambda s: s.start)),
            fee_includes=self.l10n.text(fee.includes) if fee and fee.includes else None,
            funding=self.l10n.text(program.funding), credential=self.l10n.text(program.credential),
            eligibility=self.markdown(program.eligibility.values if program.eligibility else None, "eligibility"),
            how_to_apply=self.markdown(program.how_to_apply.values if program.how_to_apply else None, "how_to_apply"),
            apply_url=program.apply_url, contact=program.contact or self.site.contact,
            image=self.urls.media(program.image) if program.image else None,
            image_alt=self.l10n.text(program.image_alt),
            partners=tuple(self.partner_card(self.catalog.partners[slug]) for slug in program.partners),
            news=tuple(self.article_card(a) for a in self.catalog.news_by_program.get(program.slug, ())),
            timezone=self.site.timezone, deadline=self.deadline(program),
            page_url=self.urls.page_absolute(Route("program", program.slug), self.code),
            visa_note=program.mode in ("onsite", "blended") and program.location is not None
            and program.location.country == "RU",
            documents=self.markdown(program.documents.values if program.documents else None, "documents"),
        )

    def deadline(self, program: Program) -> Deadline | None:
        session = next_session(program, self.catalog.today)
        if session is None or session.application_deadline is None:
            return None
        day = session.application_deadline
        moment = dt.datetime.combine(day, dt.time(23, 59), tzinfo=ZoneInfo(self.site.timezone))
        return Deadline(day, moment.isoformat(), (day - self.catalog.today).days)

    def partner(self, partner: Partner) -> PartnerView:
        return PartnerView(
            card=self.partner_card(partner),
            description=self.markdown(partner.description.values if partner.description else None, "description",
                                      top_heading=2),
            programs=tuple(self.program_card(p) for p in self.catalog.programs_by_partner.get(partner.slug, ())),
            news=tuple(self.article_card(a) for a in self.catalog.news_by_partner.get(partner.slug, ())),
        )

    def article(self, article: Article) -> ArticleView:
        code, text = self.l10n.pick(article.texts)
        fallback = code != self.code
        programs = [self.catalog.programs_by_slug[s] for s in article.programs if s in self.catalog.programs_by_slug]
        return ArticleView(
            slug=article.slug, title=Text(text.title, code, fallback), date=article.date,
            summary=Text(text.summary, code, fallback) if text.summary else None,
            body=self.markdown({code: text.body}, "text", top_heading=2),
            image=self.urls.media(text.image) if text.image else None,
            image_alt=Text(text.image_alt, code, fallback) if text.image_alt else None,
            partners=tuple(self.partner_card(self.catalog.partners[s]) for s in article.partners),
            programs=tuple(self.program_card(p) for p in programs),
        )

    def partners(self) -> tuple[PartnerCard, ...]:
        cards = [self.partner_card(p) for p in self.catalog.partners.values()]
        return tuple(sorted(cards, key=lambda card: (card.name.value.casefold(), card.slug)))

    def pagination(self, number: int, count: int, kind: str = "news") -> Pagination:
        link = lambda n: self.href(kind, number=n)  # noqa: E731
        # A window of page numbers, not all of them: a long archive would make every list page grow.
        shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
        return Pagination(
            number=number, count=count, previous=link(number - 1) if number > 1 else None,
            next=link(number + 1) if number < count else None,
            pages=tuple(Link(link(n), str(n)) for n in shown),
        )
