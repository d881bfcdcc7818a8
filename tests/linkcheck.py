"""A link and anchor checker for a built site, independent of the generator.

Every href, src and srcset of every HTML page is resolved against the page's URL (for the base URL
the site was built for); a link into the site must name a file of the output, and its #fragment an
id in that file. Links to other hosts are not followed (test_outputs checks nothing is loaded from them).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

LINK_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "data")
NOT_FOLLOWED = ("mailto:", "tel:", "data:")


@dataclass(frozen=True)
class Page:
    """What the checks need from one HTML file."""

    url: str  # as served: a folder's index.html is served at the folder's URL
    links: tuple[tuple[str, str], ...]  # (tag, URL as written), srcset split into its URLs
    ids: frozenset[str]
    canonical: str | None
    alternates: tuple[tuple[str, str], ...]  # (hreflang, href) of <link rel=alternate hreflang>
    feeds: tuple[str, ...]  # hrefs of <link rel=alternate type=application/atom+xml>
    noindex: bool  # <meta name=robots content=noindex>: not for search engines (404s, editors' pages)


def page_url(base_url: str, relative: str) -> str:
    return base_url + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def read_page(path: Path, url: str) -> Page:
    root = lxml.html.parse(str(path)).getroot()
    links = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        for attribute in LINK_ATTRIBUTES:
            value = element.get(attribute)
            if value is None or (attribute == "data" and element.tag != "object"):
                continue
            urls = _srcset_urls(value) if attribute == "srcset" else [value]
            links.extend((str(element.tag), u) for u in urls)
    ids = {*root.xpath("//@id"), *root.xpath("//a/@name")}
    canonical = root.xpath("//head/link[@rel='canonical']/@href")
    alternates = [(link.get("hreflang"), link.get("href")) for link in root.xpath("//head/link[@rel='alternate'][@hreflang]")]
    feeds = root.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")
    noindex = any("noindex" in value for value in root.xpath("//head/meta[@name='robots']/@content"))
    return Page(url, tuple(links), frozenset(ids), canonical[0] if canonical else None, tuple(alternates),
                tuple(feeds), noindex)


@functools.lru_cache(maxsize=4)
def scan(out: Path, base_url: str) -> dict[str, Page]:
    """Every HTML page of the output by its path relative to `out` (read once per site and base URL)."""
    return {path.relative_to(out).as_posix(): read_page(path, page_url(base_url, path.relative_to(out).as_posix()))
            for path in sorted(out.rglob("*.html"))}


def target_file(url: str, base_url: str) -> str | None:
    """The output file (relative path) that serves an absolute URL under the base URL; None outside it."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
        return None
    relative = unquote(parts.path[len(base.path):])
    return relative + "index.html" if relative.endswith("/") or relative == "" else relative


def _problem(out: Path, pages: dict[str, Page], page: Page, written: str, base_url: str) -> str | None:
    """What is wrong with one link, or None."""
    if written.startswith(NOT_FOLLOWED):
        return None
    url = urljoin(page.url, written)
    if url.startswith("webcal://"):  # the same file as its https:// form
        url = urlsplit(base_url).scheme + url.removeprefix("webcal")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"unexpected scheme {parts.scheme!r}"
    if parts.netloc != urlsplit(base_url).netloc:
        return None  # another host: not ours to check
    relative = target_file(url, base_url)
    if relative is None:
        return "points outside the site's base URL"
    if (out / relative).is_dir():
        return "names a folder without its trailing slash"
    if not (out / relative).is_file():
        return "no such file in the output"
    if parts.fragment and relative.endswith(".html") and unquote(parts.fragment) not in pages[relative].ids:
        return f"no element with id {unquote(parts.fragment)!r} in {relative}"
    return None


def broken_links(out: Path, base_url: str) -> list[str]:
    """Every broken link or anchor of the site as 'page: <tag> URL: problem'; empty when all resolve."""
    pages = scan(out, base_url)
    problems = []
    for relative, page in pages.items():
        for tag, written in dict.fromkeys(page.links):
            problem = _problem(out, pages, page, written, base_url)
            if problem:
                problems.append(f"{relative}: <{tag}> {written}: {problem}")
    return problems


def links_checked(out: Path, base_url: str) -> int:
    """How many links the checker resolved (to show a check did not pass by finding nothing)."""
    return sum(len(set(page.links)) for page in scan(out, base_url).values())
