"""sitemap.xml with xhtml:link alternates (an index of numbered parts past the URL limit), and robots.txt."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from ..plan.catalog import Catalog
from ..plan.pages import PlannedPage
from ..plan.urls import Route, Urls, sitemap_path
from .kept import Kept, Pieces

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP_LIMIT = 50_000  # the protocol's maximum number of URLs in one sitemap file

ET.register_namespace("", SITEMAP)
ET.register_namespace("xhtml", XHTML)  # the prefix search engines' documentation shows; any prefix is valid XML


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: dt.date | None
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last


def lastmod(route: Route, catalog: Catalog) -> dt.date | None:
    """When what the page shows last changed: the `updated` and `date` of its items; None for static pages."""
    dates = [*(p.updated for p in _programs_shown(route, catalog)), *(a.date for a in _news_shown(route, catalog))]
    return max((d for d in dates if d), default=None)


def _programs_shown(route: Route, catalog: Catalog):
    if route.kind == "program":
        return (catalog.programs_by_slug[route.slug],)
    if route.kind == "partner":
        return catalog.programs_by_partner.get(route.slug, ())
    return catalog.programs if route.kind in ("home", "programs", "partners") else ()


def _news_shown(route: Route, catalog: Catalog):
    if route.kind == "article":
        return (catalog.news_by_slug[route.slug],)
    if route.kind == "partner":
        return catalog.news_by_partner.get(route.slug, ())
    if route.kind == "news":
        return catalog.news_on_page(route.number)
    return catalog.news[:3] if route.kind == "home" else ()


def sitemap_entries(pages: list[PlannedPage], catalog: Catalog, urls: Urls) -> list[SitemapEntry]:
    """One entry per translated language version, each listing the whole set of alternates."""
    site = catalog.content.site
    entries = []
    for page in pages:
        if page.route.kind in ("not-found", "compare", "search"):  # all noindex
            continue
        links = tuple((site.language(code).hreflang, urls.page_absolute(page.route, code)) for code in page.translated)
        links += (("x-default", urls.absolute("")),)
        changed = lastmod(page.route, catalog)
        entries.extend(SitemapEntry(urls.page_absolute(page.route, code), changed, links) for code in page.translated)
    return entries


def write_sitemaps(kept: Kept, pages: list[PlannedPage], catalog: Catalog, urls: Urls,
                   limit: int = SITEMAP_LIMIT) -> list[str]:
    """sitemap.xml alone, or past `limit` URLs an index sitemap.xml over sitemap-1.xml, sitemap-2.xml, …; a file
    is made only when its URLs changed, from each URL's entry kept in the cache when it did not."""
    entries = sitemap_entries(pages, catalog, urls)
    parts = [entries[start:start + limit] for start in range(0, len(entries), limit)] or [[]]
    pieces = Pieces("sitemap")
    numbered = len(parts) > 1
    written = [kept.write(sitemap_path(number if numbered else None), kept.fingerprint("sitemap", repr(part)),
                          functools.partial(_urlset_kept, part, kept, pieces))
               for number, part in enumerate(parts, 1)]
    if pieces.used:
        pieces.save(kept.cache_dir)
    if numbered:
        # A part without any dated page was still made by this build: its lastmod is the build date.
        changed = [max((e.lastmod for e in part if e.lastmod), default=catalog.today) for part in parts]
        index = [(urls.sitemap(n), day) for n, day in enumerate(changed, 1)]
        written.append(kept.write(sitemap_path(), kept.fingerprint("sitemap index", repr(index)),
                                  lambda: _index(index)))
    return written


def _urlset_kept(entries: list[SitemapEntry], kept: Kept, pieces: Pieces) -> bytes:
    """The same bytes as _urlset(entries), joined from each entry serialised alone (and kept by what it shows)."""
    if not entries or not all(entry.alternates for entry in entries):  # the namespaces declared would differ
        return _urlset(entries)
    pieces.load(kept.cache_dir)
    head, _, tail = _split(_urlset(entries[:1]).decode("utf-8"))  # the namespaces' prefixes are ElementTree's
    urls = [pieces.get(kept.fingerprint("sitemap url", head, repr(entry)), functools.partial(_alone, entry))
            for entry in entries]
    return (head + "".join(urls) + tail).encode("utf-8")


def _alone(entry: SitemapEntry) -> str:
    """One entry's <url> element as it stands, indented, in a sitemap of many."""
    return _split(_urlset([entry]).decode("utf-8"))[1]


def _split(text: str) -> tuple[str, str, str]:
    """A serialised urlset as its first two lines (declaration, root tag), its URLs, and its closing line."""
    head = text.index("\n", text.index("\n") + 1) + 1
    tail = text.rindex("\n", 0, len(text) - 1) + 1
    return text[:head], text[head:tail], text[tail:]


def _urlset(entries: list[SitemapEntry]) -> bytes:
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for entry in entries:
        url = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = entry.loc
        if entry.lastmod:
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = entry.lastmod.isoformat()
        for hreflang, href in entry.alternates:
            ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href})
    return _serialise(root)


def _index(parts: list[tuple[str, dt.date]]) -> bytes:
    root = ET.Element(f"{{{SITEMAP}}}sitemapindex")
    for loc, changed in parts:
        sitemap = ET.SubElement(root, f"{{{SITEMAP}}}sitemap")
        ET.SubElement(sitemap, f"{{{SITEMAP}}}loc").text = loc
        ET.SubElement(sitemap, f"{{{SITEMAP}}}lastmod").text = changed.isoformat()
    return _serialise(root)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(urls: Urls) -> bytes:
    """Everything may be crawled; the sitemap (or its index) is named so crawlers find every language."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.sitemap()}\n".encode()
