"""Atom feeds (RFC 4287): one per language, parsed by feedparser, ids that survive rebuilds and moves."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import build_site, require_module
from linkcheck import scan

ATOM = "{http://www.w3.org/2005/Atom}"
LANGS = ("ru", "en", "zh")


def rfc4287_problems(path: Path) -> list[str]:
    """The elements RFC 4287 requires of a feed and of each entry (4.1.1, 4.1.2)."""
    feed = ET.parse(path).getroot()
    problems = [] if feed.tag == f"{ATOM}feed" else ["the root is not atom:feed"]
    for name in ("id", "title", "updated"):
        if len(feed.findall(f"{ATOM}{name}")) != 1:
            problems.append(f"feed needs exactly one atom:{name}")
    if feed.find(f"{ATOM}link[@rel='self']") is None:
        problems.append("feed has no rel=self link")
    authored = feed.find(f"{ATOM}author/{ATOM}name") is not None
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        for name in ("id", "title", "updated"):
            if len(entry.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"entry {number} needs exactly one atom:{name}")
        if entry.find(f"{ATOM}content") is None and entry.find(f"{ATOM}link[@rel='alternate']") is None:
            problems.append(f"entry {number} has neither content nor a rel=alternate link")
        if not authored and entry.find(f"{ATOM}author") is None:
            problems.append(f"entry {number} has no author (and the feed has none)")
    return problems


def check_feeds(out: Path) -> int:
    """Parse every language's feed with feedparser and check RFC 4287; returns the number of entries."""
    feedparser = require_module("feedparser")
    entries = 0
    for lang in LANGS:
        parsed = feedparser.parse((out / lang / "feed.xml").read_bytes())
        assert not parsed.bozo, f"{lang}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10"
        assert rfc4287_problems(out / lang / "feed.xml") == []
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)
        entries += len(ids)
    return entries


def test_sample_feeds_parse_and_have_the_required_elements(sample_site: Path):
    assert check_feeds(sample_site) == 3 * 4  # the news article and the three programs, in each language


def test_1000_program_feeds_parse_and_have_the_required_elements(catalog_1000: Path):
    assert check_feeds(catalog_1000) == 3 * 50  # the newest fifty items


def test_every_page_announces_the_feed_of_its_language(sample_site: Path):
    for relative, page in scan(sample_site, "https://example.org/internships/").items():
        lang = relative.split("/")[0]
        if lang in LANGS:
            assert page.feeds == (f"/internships/{lang}/feed.xml",), relative


def _ids(out: Path, lang: str) -> list[str]:
    feed = ET.parse(out / lang / "feed.xml").getroot()
    return [feed.find(f"{ATOM}id").text, *(entry.find(f"{ATOM}id").text for entry in feed.iter(f"{ATOM}entry"))]


def test_feed_and_entry_ids_stay_the_same_across_rebuilds_and_domains(make_site, tmp_path: Path):
    root = make_site()
    builds = {"a": "https://example.org/", "b": "https://example.org/", "c": "https://mirror.example.com/catalog/"}
    for name, base_url in builds.items():
        assert build_site(root, tmp_path / name, base_url=base_url).written
    for lang in ("en", "ru"):
        assert _ids(tmp_path / "a", lang) == _ids(tmp_path / "b", lang) == _ids(tmp_path / "c", lang)
        assert "example" not in " ".join(_ids(tmp_path / "c", lang))
    assert _ids(tmp_path / "a", "en") != _ids(tmp_path / "a", "ru")  # each language's feed is its own


def test_the_rfc_check_reports_a_missing_element(tmp_path: Path):
    (tmp_path / "feed.xml").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>T</title>'
                                      '<entry><id>urn:y</id><title>E</title></entry></feed>')
    assert rfc4287_problems(tmp_path / "feed.xml") == [
        "feed needs exactly one atom:updated", "feed has no rel=self link", "entry 1 needs exactly one atom:updated",
        "entry 1 has neither content nor a rel=alternate link", "entry 1 has no author (and the feed has none)"]


@pytest.mark.parametrize("lang", LANGS)
def test_feed_entries_carry_the_language_of_their_text(sample_site: Path, lang: str):
    feed = ET.parse(sample_site / lang / "feed.xml").getroot()
    hreflang = {"zh": "zh-Hans"}.get(lang, lang)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == hreflang
    assert all(e.find(f"{ATOM}title").get("{http://www.w3.org/XML/1998/namespace}lang") for e in feed.iter(f"{ATOM}entry"))


LONG_TEXT = ("The delegation met the partners in Shanghai and agreed on **two programs** & a schedule. " * 6).strip()


def parsed_entry(out: Path, lang: str, title: str):
    feedparser = require_module("feedparser")
    parsed = feedparser.parse((out / lang / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    [entry] = [entry for entry in parsed.entries if entry.title == title]
    return entry


def test_an_article_without_a_summary_is_summarised_by_the_start_of_its_text(make_site, tmp_path: Path):
    root = make_site({
        "content/news/2026-11-01-visit.en.md": f"---\ntitle: A visit\ndate: 2026-11-01\n---\n{LONG_TEXT}\n\n"
                                               "See [the catalog](/en/programs/).\n",
        "content/news/2026-11-01-visit.ru.md": "---\ntitle: Визит\ndate: 2026-11-01\nsummary: Делегация в Шанхае.\n---\n"
                                               "Делегация встретилась с партнёрами.\n",
    })
    out = tmp_path / "public"
    assert build_site(root, out).written
    english = parsed_entry(out, "en", "A visit")
    # The text as a reader sees it (no Markdown, entities decoded), cut after the last whole word within 300 characters:
    # three sentences of 85 characters, then the words that end by the 300th character, which falls inside "and".
    sentence = "The delegation met the partners in Shanghai and agreed on two programs & a schedule. "
    assert english.summary == 3 * sentence + "The delegation met the partners in Shanghai…"
    [content] = english.content
    assert content.type == "text/html" and content.base == "https://example.org/en/news/visit/"
    assert "<strong>two programs</strong> &amp; a schedule" in content.value
    assert '<a href="https://example.org/en/programs/">the catalog</a>' in content.value  # resolved by the reader
    russian = parsed_entry(out, "ru", "Визит")
    assert russian.summary == "Делегация в Шанхае."  # its own
    assert russian.content[0].value == "<p>Делегация встретилась с партнёрами.</p>"


def test_a_text_without_spaces_is_cut_at_the_limit():
    from sitegen.output.feeds import excerpt
    assert excerpt("中" * 400) == "中" * 300 + "…"
    assert excerpt("中" * 300) == "中" * 300
    assert excerpt("word " * 100, limit=12) == "word word…"


def test_every_entry_of_the_sample_feeds_has_a_summary(sample_site: Path):
    feedparser = require_module("feedparser")
    for lang in LANGS:
        entries = feedparser.parse((sample_site / lang / "feed.xml").read_bytes()).entries
        assert entries and all(entry.get("summary", "").strip() for entry in entries), lang
