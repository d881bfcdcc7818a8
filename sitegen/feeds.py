"""Atom feeds (RFC 4287), one per language: news articles and newly published programs."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from .catalog import Catalog
from .localize import Localizer
from .urls import Route, Urls

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


@dataclass(frozen=True)
class Entry:
    key: str  # stable identity, independent of the domain
    title: str
    lang: str
    updated: dt.date
    link: str
    summary: str | None


def stable_id(key: str) -> str:
    """A URN that survives moving the site to another domain or sub-folder."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:{key}").urn


def _entries(catalog: Catalog, localizer: Localizer, urls: Urls) -> list[Entry]:
    code = localizer.code
    entries = []
    for article in catalog.news:
        text_lang, text = localizer.pick(article.texts)
        entries.append(Entry(f"news/{article.slug}/{code}", text.title, text_lang, article.date,
                             urls.page_absolute(Route("article", article.slug), code), text.summary))
    for program in catalog.programs:
        title, summary = localizer.text(program.title), localizer.text(program.summary)
        entries.append(Entry(f"program/{program.slug}/{code}", title.value, title.lang, program.updated,
                             urls.page_absolute(Route("program", program.slug), code), summary.value))
    entries.sort(key=lambda e: (e.updated, e.key), reverse=True)
    return entries[:FEED_SIZE]


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(catalog: Catalog, localizer: Localizer, urls: Urls) -> bytes:
    site = catalog.content.site
    code = localizer.code
    entries = _entries(catalog, localizer, urls)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": localizer.language.hreflang})
    ET.SubElement(feed, "id").text = stable_id(f"feed/{code}")
    ET.SubElement(feed, "title").text = localizer.text(site.title).value
    if site.description:
        ET.SubElement(feed, "subtitle").text = localizer.text(site.description).value
    updated = max((e.updated for e in entries), default=catalog.today)
    ET.SubElement(feed, "updated").text = _timestamp(updated)
    ET.SubElement(feed, "link", {"rel": "self", "href": urls.absolute(f"{code}/feed.xml")})
    ET.SubElement(feed, "link", {"rel": "alternate", "href": urls.page_absolute(Route("home"), code)})
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = localizer.text(site.title).value
    ET.SubElement(feed, "generator").text = "sitegen"
    for entry in entries:
        element = ET.SubElement(feed, "entry")
        lang = site.language(entry.lang).hreflang
        ET.SubElement(element, "id").text = stable_id(entry.key)
        ET.SubElement(element, "title", {"xml:lang": lang}).text = entry.title
        ET.SubElement(element, "updated").text = _timestamp(entry.updated)
        ET.SubElement(element, "link", {"rel": "alternate", "href": entry.link})
        if entry.summary:
            ET.SubElement(element, "summary", {"xml:lang": lang}).text = entry.summary
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
