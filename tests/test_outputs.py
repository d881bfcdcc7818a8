"""Feeds, calendars, sitemap and robots.txt of the sample site parse with real parsers."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_atom_feeds_have_the_required_elements(sample_site: Path):
    for lang in ("ru", "en", "zh"):
        feed = ET.parse(sample_site / lang / "feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{name}").text
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 4  # the news article and three programs
        for entry in entries:
            assert all(entry.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated", "link"))


def test_calendars_parse_and_fold_lines_at_75_octets(make_site, tmp_path):
    from icalendar import Calendar
    from conftest import MINIMAL_SITE, build_site
    program = MINIMAL_SITE["programs/summer.yaml"].replace("Летняя школа", "Летняя школа " + "очень длинное название " * 5) + """
        sessions:
          - {start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}
    """
    out = tmp_path / "public"
    build_site(make_site({"programs/summer.yaml": program}), out)
    data = (out / "ru/calendar.ics").read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 2
    deadline = next(e for e in events if "deadline" in str(e["UID"]))
    assert deadline.decoded("DTSTART").isoformat() == "2027-03-01T23:59:00+03:00"
    assert deadline["SUMMARY"].params["LANGUAGE"] == "ru"


def test_sitemap_lists_every_translated_page_with_reciprocal_alternates(sample_site: Path):
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    urls = root.findall(f"{SITEMAP}url")
    locations = {u.find(f"{SITEMAP}loc").text for u in urls}
    for url in urls:
        alternates = {link.get("href") for link in url.findall(f"{XHTML}link") if link.get("hreflang") != "x-default"}
        assert url.find(f"{SITEMAP}loc").text in alternates
        assert alternates <= locations
    for location in locations:
        relative = location.removeprefix("https://example.org/internships/")
        assert (sample_site / relative / "index.html").is_file(), location
    assert "Sitemap: https://example.org/internships/sitemap.xml" in (sample_site / "robots.txt").read_text()


def test_program_pages_carry_json_ld(sample_site: Path):
    html = (sample_site / "en/programs/spbpu-international-research-internships/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["provider"][0]["@type"] == "CollegeOrUniversity"


def test_pages_load_nothing_from_other_hosts(sample_site: Path):
    """No CDN fonts, scripts or images: they are blocked or slow in China."""
    resource = re.compile(r'<(?:script|img|link|iframe|source|video|audio)\b[^>]*?\b(?:src|href)="([^"]+)"')
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.finditer(r"<link\b[^>]*>", html):
            if 'rel="canonical"' in tag.group(0) or 'rel="alternate"' in tag.group(0):
                html = html.replace(tag.group(0), "")
        external = [url for url in resource.findall(html) if re.match(r"(https?:)?//", url)]
        assert external == [], page
        css = (sample_site / "static/css/site.css").read_text(encoding="utf-8")
        assert "@import" not in css and "url(http" not in css and "url(//" not in css
