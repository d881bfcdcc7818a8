"""The <head> of every page of a built site, parsed with lxml once per site and shared by the tests."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from lxml import html

ROOT_PAGES = ("index.html", "404.html")  # the language chooser, which only redirects


@functools.cache
def page_heads(site: Path) -> dict[str, html.HtmlElement]:
    """{path relative to the site: its parsed <head>} for every page but the root chooser."""
    heads = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative not in ROOT_PAGES:
            text = page.read_text(encoding="utf-8")
            heads[relative] = html.document_fromstring(text[:text.index("</head>")] + "</head></html>").head
    return heads


def meta(head: html.HtmlElement, key: str) -> list[str]:
    """The contents of <meta property=key> or <meta name=key>, in order."""
    return head.xpath("meta[@property=$key or @name=$key]/@content", key=key)


def json_ld_blocks(head: html.HtmlElement) -> list[Any]:
    return [json.loads(script.text) for script in head.xpath('script[@type="application/ld+json"]')]
