"""The catalog's domain: plain frozen dataclasses, built once from validated content."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

PROGRAM_TYPES = ("internship", "professional-development", "summer-school", "exchange", "joint-program")
AUDIENCES = ("students", "graduates", "researchers", "faculty", "company-employees")
MODES = ("onsite", "online", "blended")
DURATION_UNITS = ("hours", "days", "weeks", "months")
EXPLICIT_STATUSES = ("in-preparation", "archived")
PARTNER_KINDS = ("university", "institute", "company", "education-group", "government", "other")
SECTIONS = ("programs", "partners", "news")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")  # \Z: "$" would let a trailing line break through
SLUG_HINT = "use lowercase Latin letters, digits and single hyphens, e.g. 'summer-school-2026'"
# Page slugs that would collide with the site's own URLs.
RESERVED_SLUGS = frozenset({*SECTIONS, "feed", "calendar", "media", "logos", "static", "sitemap", "robots", "404",
                            "search", "pagefind", "compare"})


@dataclass(frozen=True)
class Localized:
    """Text in some of the site's languages: {language code: text}."""

    values: Mapping[str, str]

    def get(self, code: str) -> str | None:
        return self.values.get(code)

    def __bool__(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    hreflang: str
    name: str
    fallback: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    email: str | None = None
    phone: str | None = None
    wechat: str | None = None


@dataclass(frozen=True)
class WebEditor:
    """The web editor at /admin/: the GitHub repository and branch it commits to, and its OAuth proxy."""

    repo: str  # owner/name
    branch: str = "main"
    auth_url: str | None = None  # the OAuth proxy's address (GitHub Pages has none of its own)


@dataclass(frozen=True)
class Site:
    title: Localized
    description: Localized
    base_url: str
    default_language: str
    languages: tuple[Language, ...]
    timezone: str
    fields: Mapping[str, Localized]
    menu: tuple[str, ...]
    contact: Contact
    news_per_page: int
    programs_per_page: int = 50
    share_image: str | None = None  # in content/media/: shown when a link to a page is shared
    share_image_alt: Localized | None = None
    draw_share_images: bool = False  # draw a share image for each program, and for the site without share_image
    web_editor: WebEditor | None = None  # publish the web editor at /admin/

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)


@dataclass(frozen=True)
class Location:
    city: Localized
    country: str


@dataclass(frozen=True)
class Duration:
    unit: str  # one of DURATION_UNITS
    value: int


@dataclass(frozen=True)
class Session:
    start: dt.date
    end: dt.date
    application_opens: dt.date | None = None
    application_deadline: dt.date | None = None
    seats: int | None = None

    @property
    def applications_close(self) -> dt.date:
        """Applications are taken until the deadline or, without one, until the start."""
        return self.application_deadline or self.start


@dataclass(frozen=True)
class Fee:
    free: bool
    amount: Decimal | None = None
    currency: str | None = None
    includes: Localized | None = None


@dataclass(frozen=True)
class Program:
    slug: str
    source: str
    title: Localized
    summary: Localized
    type: str
    audience: tuple[str, ...]
    field: str
    partners: tuple[str, ...]
    mode: str | None
    location: Location | None
    languages: tuple[str, ...]
    updated: dt.date
    description: Localized | None = None
    duration: Duration | None = None
    sessions: tuple[Session, ...] = ()
    fee: Fee | None = None
    funding: Localized | None = None
    credential: Localized | None = None
    eligibility: Localized | None = None
    documents: Localized | None = None  # what an application must include (Markdown)
    how_to_apply: Localized | None = None
    apply_url: str | None = None
    contact: Contact | None = None
    status: str | None = None  # explicit status only; see catalog.program_status
    image: str | None = None
    image_alt: Localized | None = None
    featured: bool = False
    draft: bool = False


@dataclass(frozen=True)
class Partner:
    slug: str
    source: str
    name: Localized
    kind: str
    country: str
    short_name: Localized | None = None
    city: Localized | None = None
    website: str | None = None
    logo: str | None = None
    description: Localized | None = None


@dataclass(frozen=True)
class ArticleText:
    """One language's file of a news article or page."""

    source: str
    title: str
    body: str  # Markdown
    summary: str | None = None
    menu_title: str | None = None
    image: str | None = None
    image_alt: str | None = None


@dataclass(frozen=True)
class Article:
    """A news article (with a date) or a static page (without), in its languages."""

    kind: str  # "news" or "page"
    slug: str
    texts: Mapping[str, ArticleText]
    date: dt.date | None = None
    partners: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    draft: bool = False


@dataclass(frozen=True)
class Content:
    """Everything a site publishes, validated."""

    site: Site
    programs: tuple[Program, ...] = ()
    partners: tuple[Partner, ...] = ()
    news: tuple[Article, ...] = ()
    pages: tuple[Article, ...] = ()
    media: tuple[str, ...] = ()
    logos: tuple[str, ...] = ()
    digests: Mapping[str, str] = field(default_factory=dict)  # source path → digest of its text
