"""sitemap.xml with xhtml:link alternates, and robots.txt that points to it."""
from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from .catalog import Catalog
from .plan import PlannedPage
from .urls import Urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def _lastmod(page: PlannedPage, catalog: Catalog) -> dt.date | None:
    route = page.route
    if route.kind == "program":
        return catalog.programs_by_slug[route.slug].updated
    if route.kind == "article":
        return catalog.news_by_slug[route.slug].date
    return None


def sitemap_xml(pages: list[PlannedPage], catalog: Catalog, urls: Urls) -> bytes:
    """One <url> per translated language version, each listing the whole set of alternates."""
    site = catalog.content.site
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for page in pages:
        if page.route.kind in ("not-found", "compare", "search"):  # all noindex
            continue
        links = [(site.language(code).hreflang, urls.page_absolute(page.route, code)) for code in page.translated]
        links.append(("x-default", urls.absolute("")))
        lastmod = _lastmod(page, catalog)
        for code in page.translated:
            url = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = urls.page_absolute(page.route, code)
            if lastmod:
                ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = lastmod.isoformat()
            for hreflang, href in links:
                ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(urls: Urls) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('sitemap.xml')}\n".encode()
