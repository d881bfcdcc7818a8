"""Derived facts (status, next session, order) and the URL scheme, as units."""
from __future__ import annotations

import datetime as dt

import pytest

from sitegen.plan.catalog import next_session, program_status
from sitegen.foundation.model import Localized, Program, Session
from sitegen.plan.urls import Route, Urls, output_file, route_path

D = dt.date


def program(*sessions: Session, status: str | None = None) -> Program:
    return Program(slug="p", source="programs/p.yaml", title=Localized({"en": "P"}), summary=Localized({"en": "S"}),
                   type="internship", audience=("students",), field="f", partners=("a",), mode="online",
                   location=None, languages=("en",), updated=D(2026, 1, 1), sessions=sessions, status=status)


SPRING = Session(start=D(2026, 4, 1), end=D(2026, 4, 30), application_opens=D(2026, 1, 10), application_deadline=D(2026, 3, 1))
AUTUMN = Session(start=D(2026, 10, 1), end=D(2026, 10, 30), application_opens=D(2026, 6, 1), application_deadline=D(2026, 9, 1))


@pytest.mark.parametrize("today, expected", [
    (D(2026, 1, 1), "upcoming"),   # before any window opens
    (D(2026, 1, 10), "open"),      # the day applications open
    (D(2026, 3, 1), "open"),       # the deadline day itself (it ends at 23:59)
    (D(2026, 3, 2), "upcoming"),   # between the spring deadline and the autumn window
    (D(2026, 7, 1), "open"),
    (D(2026, 9, 2), "closed"),     # every deadline has passed
])
def test_status_follows_the_application_windows(today, expected):
    assert program_status(program(SPRING, AUTUMN), today) == expected


def test_explicit_status_wins_and_no_sessions_means_dates_to_be_announced():
    assert program_status(program(SPRING, status="archived"), D(2026, 2, 1)) == "archived"
    assert program_status(program(), D(2026, 2, 1)) == "upcoming"


def test_a_session_without_dates_for_applications_takes_them_until_it_starts():
    session = Session(start=D(2026, 5, 1), end=D(2026, 5, 10))
    assert program_status(program(session), D(2026, 4, 30)) == "open"
    assert program_status(program(session), D(2026, 5, 1)) == "open"
    assert program_status(program(session), D(2026, 5, 2)) == "closed"


def test_next_session_is_the_next_deadline_then_the_next_start():
    assert next_session(program(AUTUMN, SPRING), D(2026, 2, 1)) == SPRING
    assert next_session(program(SPRING, AUTUMN), D(2026, 3, 2)) == AUTUMN
    late = Session(start=D(2026, 12, 1), end=D(2026, 12, 5), application_deadline=D(2026, 9, 1))
    assert next_session(program(late), D(2026, 10, 1)) == late  # applications closed, but it has not started
    assert next_session(program(SPRING), D(2027, 1, 1)) is None


def test_every_route_has_one_path_per_language():
    assert route_path(Route("home"), "zh") == "zh/"
    assert route_path(Route("program", "summer-school"), "ru") == "ru/programs/summer-school/"
    assert route_path(Route("news", number=3), "en") == "en/news/page/3/"
    assert route_path(Route("article", "opening"), "en") == "en/news/opening/"
    assert route_path(Route("page", "about"), "en") == "en/about/"
    assert output_file("en/about/") == "en/about/index.html" and output_file("en/404.html") == "en/404.html"


@pytest.mark.parametrize("slug", ["../etc", "a/b", "", "Upper", "a..b"])
def test_a_slug_cannot_leave_its_folder(slug):
    with pytest.raises(ValueError):
        route_path(Route("program", slug), "en")


def test_links_keep_the_base_urls_sub_folder():
    urls = Urls("https://example.org/internships/")
    assert urls.page(Route("partners"), "en") == "/internships/en/partners/"
    assert urls.page_absolute(Route("home"), "ru") == "https://example.org/internships/ru/"
    assert Urls("https://example.org/").static("css/site.css") == "/static/css/site.css"
