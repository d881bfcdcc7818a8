"""Facts derived from the content once per build: program status, sort order, and who links to whom."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Mapping

from ..foundation.model import Article, Content, Partner, Program, Session

STATUS_ORDER = {"open": 0, "upcoming": 1, "in-preparation": 2, "closed": 3, "archived": 4}


def program_status(program: Program, today: dt.date) -> str:
    """Explicit status wins; otherwise open, upcoming or closed from the application windows."""
    if program.status:
        return program.status
    if not program.sessions:
        return "upcoming"
    if any(_window_open(session, today) for session in program.sessions):
        return "open"
    if any(session.applications_close >= today for session in program.sessions):
        return "upcoming"
    return "closed"


def _window_open(session: Session, today: dt.date) -> bool:
    opens = session.application_opens or dt.date.min
    return opens <= today <= session.applications_close


def next_session(program: Program, today: dt.date) -> Session | None:
    """The first session still taking applications, else the next to start."""
    upcoming = [s for s in program.sessions if s.applications_close >= today]
    if upcoming:
        return min(upcoming, key=lambda s: (s.applications_close, s.start))
    later = [s for s in program.sessions if s.start >= today]
    return min(later, key=lambda s: s.start) if later else None


@dataclass(frozen=True)
class Catalog:
    """The content plus what every page needs from it, computed once."""

    content: Content
    today: dt.date
    status: Mapping[str, str]
    programs: tuple[Program, ...]  # in catalog order: status, then next deadline
    partners: Mapping[str, Partner]
    programs_by_partner: Mapping[str, tuple[Program, ...]] = field(default_factory=dict)
    news_by_partner: Mapping[str, tuple[Article, ...]] = field(default_factory=dict)
    news_by_program: Mapping[str, tuple[Article, ...]] = field(default_factory=dict)
    news: tuple[Article, ...] = ()  # newest first
    programs_by_slug: Mapping[str, Program] = field(default_factory=dict)
    news_by_slug: Mapping[str, Article] = field(default_factory=dict)
    pages_by_slug: Mapping[str, Article] = field(default_factory=dict)

    @property
    def news_pages(self) -> int:
        """How many pages the news list takes (one even when there is no news yet)."""
        return max(1, -(-len(self.news) // self.content.site.news_per_page))

    @property
    def programs_pages(self) -> int:
        """How many pages the catalog takes (one even when no program is published)."""
        return max(1, -(-len(self.programs) // self.content.site.programs_per_page))

    def programs_on_page(self, number: int) -> tuple[Program, ...]:
        """The programs the catalog shows on its page `number` (from 1), in catalog order."""
        per_page = self.content.site.programs_per_page
        return self.programs[(number - 1) * per_page: number * per_page]

    def news_on_page(self, number: int) -> tuple[Article, ...]:
        """The articles the news list shows on its page `number` (from 1)."""
        per_page = self.content.site.news_per_page
        return self.news[(number - 1) * per_page: number * per_page]


def build_catalog(content: Content, today: dt.date) -> Catalog:
    status = {program.slug: program_status(program, today) for program in content.programs}

    def order(program: Program):
        session = next_session(program, today)
        key_date = session.applications_close if session else dt.date.max
        return (STATUS_ORDER[status[program.slug]], key_date, program.slug)

    programs = tuple(sorted(content.programs, key=order))
    published = {program.slug for program in programs}
    news = tuple(sorted(content.news, key=lambda a: (a.date, a.slug), reverse=True))
    by_partner: dict[str, list[Program]] = defaultdict(list)
    for program in programs:
        for slug in program.partners:
            by_partner[slug].append(program)
    news_by_partner: dict[str, list[Article]] = defaultdict(list)
    news_by_program: dict[str, list[Article]] = defaultdict(list)
    for article in news:
        for slug in article.partners:
            news_by_partner[slug].append(article)
        for slug in article.programs:
            if slug in published:
                news_by_program[slug].append(article)
    return Catalog(
        content=content, today=today, status=status, programs=programs,
        partners={partner.slug: partner for partner in content.partners},
        programs_by_partner={k: tuple(v) for k, v in by_partner.items()},
        news_by_partner={k: tuple(v) for k, v in news_by_partner.items()},
        news_by_program={k: tuple(v) for k, v in news_by_program.items()}, news=news,
        programs_by_slug={program.slug: program for program in programs},
        news_by_slug={article.slug: article for article in news},
        pages_by_slug={page.slug: page for page in content.pages},
    )
