"""Atom feeds (RFC 4287), one per language: news articles and newly published programs.

Every entry has a summary, so a reader's list never shows a bare title: the item's own, else the start of its
text. News entries also carry their whole text as sanitised HTML (as Zola's and jekyll-feed's feeds do), so
readers show an article without a visit; a program's page is more than its description, so it gets a link."""
from __future__ import annotations

import datetime as dt
import html
import uuid
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import nh3

from ..foundation.model import Article, Program
from ..plan.catalog import Catalog
from ..plan.urls import Route, Urls, feed_path
from ..render.localize import Localizer
from ..render.markup import MarkdownStore

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SUMMARY_LENGTH = 300  # characters of an article's text that stand in for a summary it does not have


@dataclass(frozen=True)
class Entry:
    key: str  # stable identity, independent of the domain
    title: str
    lang: str
    updated: dt.date
    link: str
    summary: str
    content: str | None = None  # HTML


def stable_id(key: str) -> str:
    """A URN that survives moving the site to another domain or sub-folder."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:{key}").urn


def _entries(catalog: Catalog, localizer: Localizer, urls: Urls, markdown_store: MarkdownStore) -> list[Entry]:
    """The newest entries, chosen by date and key before any text is looked up or converted."""
    code = localizer.code
    dated = [*((article.date, f"news/{article.slug}/{code}", article) for article in catalog.news),
             *((program.updated, f"program/{program.slug}/{code}", program) for program in catalog.programs)]
    dated.sort(key=lambda item: item[:2], reverse=True)
    return [_entry(key, item, localizer, urls, markdown_store) for _, key, item in dated[:FEED_SIZE]]


def _entry(key: str, item: Article | Program, localizer: Localizer, urls: Urls, markdown_store: MarkdownStore) -> Entry:
    code = localizer.code
    if isinstance(item, Article):
        text_lang, text = localizer.pick(item.texts)
        body = markdown_store.render(text.body, 2, urls.base_path).html
        return Entry(key, text.title, text_lang, item.date, urls.page_absolute(Route("article", item.slug), code),
                     text.summary or excerpt(plain_text(body)), body or None)
    title, summary = localizer.text(item.title), localizer.text(item.summary)
    return Entry(key, title.value, title.lang, item.updated, urls.page_absolute(Route("program", item.slug), code),
                 summary.value)


def plain_text(body: str) -> str:
    """What a reader sees of sanitised HTML, on one line."""
    return " ".join(html.unescape(nh3.clean(body, tags=set())).split())


def excerpt(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The start of a text, cut at a word boundary near `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    space = cut.rfind(" ")
    # Chinese, and a very long word, give no space to cut at: cut within them.
    cut = cut[:space] if space > limit * 2 // 3 else text[:limit]
    return cut.rstrip(" ,.;:—–-") + "…"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(catalog: Catalog, localizer: Localizer, urls: Urls, markdown_store: MarkdownStore) -> bytes:
    site = catalog.content.site
    code = localizer.code
    entries = _entries(catalog, localizer, urls, markdown_store)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": localizer.language.hreflang})
    ET.SubElement(feed, "id").text = stable_id(f"feed/{code}")
    ET.SubElement(feed, "title").text = localizer.text(site.title).value
    if site.description:
        ET.SubElement(feed, "subtitle").text = localizer.text(site.description).value
    updated = max((e.updated for e in entries), default=catalog.today)
    ET.SubElement(feed, "updated").text = _timestamp(updated)
    ET.SubElement(feed, "link", {"rel": "self", "href": urls.absolute(feed_path(code))})
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
        if entry.content:  # relative links in it are relative to the article's page
            ET.SubElement(element, "content", {"type": "html", "xml:lang": lang, "xml:base": entry.link}).text = entry.content
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
