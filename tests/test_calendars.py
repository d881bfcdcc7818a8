"""iCalendar (RFC 5545): a calendar per language and per program, parsed by icalendar, folded at 75 octets."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from conftest import MINIMAL_SITE, build_site
from linkcheck import scan

LANGS = ("ru", "en", "zh")
HREFLANG = {"ru": "ru", "en": "en", "zh": "zh-Hans"}


def check_calendar(path: Path, lang: str) -> Calendar:
    """Parse one file and check what RFC 5545 and the site promise of it; returns the calendar."""
    data = path.read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")  # CRLF line ends only
    too_long = [line for line in data.split(b"\r\n") if len(line) > 75]
    assert too_long == [], f"{path}: lines longer than 75 octets"
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    uids = []
    for event in calendar.walk("VEVENT"):
        assert all(name in event for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL")), path
        assert event["SUMMARY"].params["LANGUAGE"] in HREFLANG.values()
        uids.append(str(event["UID"]))
        if "-deadline-" in uids[-1]:
            start = event.decoded("DTSTART")
            assert (start.hour, start.minute, str(start.tzinfo)) == (23, 59, "Europe/Moscow")
            assert event["SUMMARY"].params["LANGUAGE"] == HREFLANG[lang]
    assert len(uids) == len(set(uids)), f"{path}: a UID is used twice"
    assert all(uid.endswith(f"-{lang}@sitegen") for uid in uids)
    return calendar


def all_calendars(out: Path) -> dict[Path, Calendar]:
    return {path: check_calendar(path, path.relative_to(out).parts[0]) for path in sorted(out.rglob("*.ics"))}


def test_sample_calendars_parse(sample_site: Path):
    assert sorted(p.relative_to(sample_site).as_posix() for p in all_calendars(sample_site)) == [
        "en/calendar.ics", "ru/calendar.ics", "zh/calendar.ics"]  # the sample's programs have no dates yet


def test_1000_program_calendars_parse_and_fold_cyrillic_and_chinese_at_75_octets(catalog_1000: Path):
    calendars = all_calendars(catalog_1000)
    assert len(calendars) > 2000
    for lang in ("ru", "zh"):
        data = (catalog_1000 / lang / "calendar.ics").read_bytes()
        assert b"\r\n " in data  # long titles were folded (and still decode: from_ical read them)
        assert max(len(line) for line in data.split(b"\r\n")) > 70


def _program_sources(site: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (site / "programs").glob("*.yaml")}


def test_every_dated_program_has_its_own_calendar_linked_from_its_page(catalog_1000: Path):
    pages = scan(catalog_1000, "https://example.org/")
    for lang in LANGS:
        files = {p.parent.name for p in (catalog_1000 / lang / "programs").glob("*/calendar.ics")}
        for slug in {p.parent.name for p in (catalog_1000 / lang / "programs").glob("*/index.html")}:
            links = {href for _, href in pages[f"{lang}/programs/{slug}/index.html"].links if href.endswith(".ics")}
            own = f"example.org/{lang}/programs/{slug}/calendar.ics"
            if slug in files:
                assert links == {f"/{lang}/calendar.ics", f"https://{own}", f"webcal://{own}"}, slug
                events = Calendar.from_ical((catalog_1000 / lang / "programs" / slug / "calendar.ics").read_bytes())
                assert {str(e["URL"]) for e in events.walk("VEVENT")} == {f"https://example.org/{lang}/programs/{slug}/"}
            else:
                assert links == {f"/{lang}/calendar.ics"}, slug
        assert len(files) > 500


def test_a_programs_calendar_has_each_session_and_deadline(make_site, tmp_path: Path):
    program = MINIMAL_SITE["programs/summer.yaml"] + """
        sessions:
          - {start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}
          - {start: 2028-07-01, end: 2028-07-14}
    """
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": program}), out).written
    calendar = check_calendar(out / "ru/programs/summer/calendar.ics", "ru")
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["summer-2027-07-01-deadline-ru@sitegen", "summer-2027-07-01-session-ru@sitegen",
                              "summer-2028-07-01-session-ru@sitegen"]
    deadline = events["summer-2027-07-01-deadline-ru@sitegen"]
    assert deadline.decoded("DTSTART").isoformat() == "2027-03-01T23:59:00+03:00"
    assert str(deadline["SUMMARY"]) == "Срок подачи заявок: Летняя школа"
    session = events["summer-2027-07-01-session-ru@sitegen"]
    assert (session.decoded("DTSTART"), session.decoded("DTEND")) == (dt.date(2027, 7, 1), dt.date(2027, 7, 15))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Moscow"]
    html = (out / "ru/programs/summer/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/ru/programs/summer/calendar.ics"' in html
    assert 'href="webcal://example.org/ru/programs/summer/calendar.ics"' in html


def test_uids_do_not_depend_on_the_domain(make_site, tmp_path: Path):
    program = MINIMAL_SITE["programs/summer.yaml"] + """
        sessions:
          - {start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}
    """
    root = make_site({"programs/summer.yaml": program})
    uids = []
    for name, base_url in (("a", "https://example.org/"), ("b", "https://mirror.example.com/x/")):
        assert build_site(root, tmp_path / name, base_url=base_url).written
        uids.append([str(e["UID"]) for e in Calendar.from_ical((tmp_path / name / "en/calendar.ics").read_bytes()).walk("VEVENT")])
    assert uids[0] == uids[1] and len(uids[0]) == 2


@pytest.mark.parametrize("title", ["Летняя школа, «очень» длинное; название " * 4, "暑期学校：先进制造与人工智能，" * 6])
def test_long_titles_fold_at_75_octets_and_escape_commas_and_semicolons(make_site, tmp_path: Path, title: str):
    program = MINIMAL_SITE["programs/summer.yaml"].replace("ru: Летняя школа}", f'ru: "{title}"}}') + """
        sessions:
          - {start: 2027-07-01, end: 2027-07-14}
    """
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": program}), out).written
    for path in (out / "ru/calendar.ics", out / "ru/programs/summer/calendar.ics"):
        event = check_calendar(path, "ru").walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == title.strip()
        if "," in title:
            assert b"\\," in path.read_bytes() and b"\\;" in path.read_bytes()
