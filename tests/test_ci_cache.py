"""A CI run that restores the previous run's output and page cache into a fresh checkout builds the same site as a cold build.

The deploy job (.github/workflows/site.yml) saves `public/` and `.cache/sitegen` after each build and restores the
latest one before the next, whatever content or generator it came from; these tests play that out on disk.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, TODAY, build_site
from test_build import tree_digest

SAVED = ("public", ".cache/sitegen")  # what the workflow's cache steps keep


def ci_build(checkout: Path, today: dt.date = TODAY):
    return build_site(checkout, checkout / "public", cache_dir=checkout / ".cache/sitegen", today=today)


def save_cache(checkout: Path, cache: Path) -> None:
    for path in SAVED:
        shutil.copytree(checkout / path, cache / path, symlinks=True)  # keeps modification times, as tar does


def fresh_checkout(checkout: Path, cache: Path | None) -> None:
    """Replace the checkout by a new copy of its sources (new files, new times), then restore the saved cache."""
    sources = checkout.with_name("sources")
    shutil.rmtree(sources, ignore_errors=True)
    shutil.copytree(checkout, sources, ignore=shutil.ignore_patterns("public", ".cache"))
    shutil.rmtree(checkout)
    shutil.copytree(sources, checkout, copy_function=shutil.copy)
    if cache is not None:
        for path in SAVED:
            shutil.copytree(cache / path, checkout / path, symlinks=True)


def cold_build_digest(checkout: Path, tmp_path: Path, today: dt.date = TODAY) -> str:
    cold = tmp_path / "cold"
    shutil.copytree(checkout, cold, ignore=shutil.ignore_patterns("public", ".cache"))
    assert build_site(cold, cold / "public", today=today).written
    return tree_digest(cold / "public")


def edit_program_title(checkout: Path) -> None:
    path = checkout / "programs/summer.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Summer school", "Summer institute"), encoding="utf-8")


def test_a_run_with_the_restored_cache_reuses_pages_and_builds_what_a_cold_build_would(make_site, tmp_path):
    checkout, cache = make_site(), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    fresh_checkout(checkout, cache)
    edit_program_title(checkout)
    result = ci_build(checkout)
    assert result.written and result.reused > 0
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)


def test_a_cache_saved_by_another_theme_is_restored_without_harm(make_site, tmp_path):
    checkout, cache = make_site(), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    fresh_checkout(checkout, cache)
    (checkout / "theme/templates").mkdir(parents=True)
    (checkout / "theme/templates/404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Gone</h1>{% endblock %}', encoding="utf-8")
    result = ci_build(checkout)
    assert result.written and result.reused == 0
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)


def test_a_restore_cut_short_is_not_trusted(make_site, tmp_path):
    """A restore that failed half-way leaves its last file truncated; the build must not reuse it."""
    checkout, cache = make_site(), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    page = cache / "public/en/programs/summer/index.html"
    page.write_bytes(page.read_bytes()[:100])
    fresh_checkout(checkout, cache)
    result = ci_build(checkout)
    assert result.written and result.reused == 0
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)


def dated(program: str, title: str, partner: str, session: str) -> str:
    text = MINIMAL_SITE["programs/summer.yaml"].replace("Summer school", title).replace("[acme]", f"[{partner}]")
    return text.rstrip() + f"\n        sessions:\n          - {session}\n"


DATED_SITE = {
    "partners/other.yaml": MINIMAL_SITE["partners/acme.yaml"].replace("Acme", "Other"),
    "programs/summer.yaml": dated("summer", "Summer school", "acme",
                                  "{start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}"),
    "programs/winter.yaml": dated("winter", "Winter school", "other",
                                  "{start: 2027-12-01, end: 2027-12-14, application_deadline: 2027-10-01}"),
}


def replace_in(checkout: Path, relative: str, old: str, new: str) -> None:
    path = checkout / relative
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


EDITS = {
    "a program's dates": lambda c: replace_in(c, "programs/summer.yaml", "{start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}",
                                              "{start: 2028-07-02, end: 2028-07-15, application_deadline: 2028-02-29}"),
    "a program's partner": lambda c: replace_in(c, "programs/summer.yaml", "[acme]", "[other]"),
    "a partner's name": lambda c: replace_in(c, "partners/other.yaml", "Other University", "Other Institute"),
    "the site's time zone": lambda c: replace_in(c, "site.yaml", "Europe/Moscow", "America/New_York"),
    "the site's address": lambda c: replace_in(c, "site.yaml", "https://example.org/", "https://example.net/cat/"),
    "nothing": lambda c: None,
}


@pytest.mark.parametrize("edit", EDITS)
def test_calendars_built_with_the_restored_cache_are_those_of_a_cold_build(make_site, tmp_path, edit):
    checkout, cache = make_site(DATED_SITE), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    fresh_checkout(checkout, cache)
    EDITS[edit](checkout)
    assert ci_build(checkout).written
    assert sorted((checkout / "public").rglob("*.ics"))
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)


def test_calendars_built_with_the_restored_cache_on_a_later_date_are_those_of_a_cold_build(make_site, tmp_path):
    checkout, cache = make_site(DATED_SITE), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    fresh_checkout(checkout, cache)
    later = TODAY + dt.timedelta(days=1)
    assert ci_build(checkout, today=later).written
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path, today=later)


def saved_events(cache: Path) -> dict:
    return json.loads((cache / ".cache/sitegen/calendars.json").read_text(encoding="utf-8"))["languages"]


def test_the_cache_keeps_each_languages_serialised_events(make_site, tmp_path):
    checkout = make_site(DATED_SITE)
    assert ci_build(checkout).written
    languages = saved_events(checkout)
    assert sorted(languages) == ["en", "ru"]
    for code, entries in languages.items():
        site_calendar = (checkout / f"public/{code}/calendar.ics").read_text(encoding="utf-8")
        assert len(entries) == 2  # one entry per dated program
        for block, years, _ in entries.values():
            assert block.startswith("BEGIN:VEVENT") and block in site_calendar.replace("\r\n", "\n").replace("\n", "\r\n")
            assert years == [2027]


@pytest.mark.parametrize("tamper", ["the events", "the years", "the key", "the file's shape"])
def test_a_tampered_calendar_entry_in_the_restored_cache_is_not_trusted(make_site, tmp_path, tamper):
    checkout, cache = make_site(DATED_SITE), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    saved = cache / ".cache/sitegen/calendars.json"
    recorded = json.loads(saved.read_text(encoding="utf-8"))
    entries = recorded["languages"]["en"]
    for key, (block, years, check) in list(entries.items()):
        if tamper == "the events":
            entries[key] = [block.replace("school", "camp"), years, check]
        elif tamper == "the years":
            entries[key] = [block, [1900], check]
        elif tamper == "the key":
            entries[key[::-1]] = entries.pop(key)
        else:
            recorded["languages"]["en"] = [block]
    saved.write_text(json.dumps(recorded), encoding="utf-8")
    fresh_checkout(checkout, cache)
    edit_program_title(checkout)  # the site calendar is written again, from the events kept and the cache's
    assert ci_build(checkout).written
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)
