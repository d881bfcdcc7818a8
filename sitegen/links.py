"""Check the internal links of editors' Markdown: each must lead to a program, partner, article, page or file."""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from .catalog import Catalog
from .model import Localized
from .parse import parse_yaml_file, read_text
from .problems import Position, Problems
from .targets import Targets, link_problem
from .urls import Route, route_path

MARKDOWN_FIELDS = {"programs": ("description", "eligibility", "documents", "how_to_apply"),
                   "partners": ("description",)}
# Converting Markdown is slow, so only texts that may link inside the site are converted: an inline
# link or a reference definition whose target has no scheme, raw <a>/<img>, or the site's own address.
_NO_SCHEME = r"\s*+<?+(?![a-z][a-z0-9+.-]*:|#)"
_MAY_LINK_INSIDE = re.compile(rf"\]\({_NO_SCHEME}|^ {{0,3}}\[[^\]]+\]:{_NO_SCHEME}|<(?:a|img)\b",
                              re.IGNORECASE | re.MULTILINE)
_converter = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists"], output_format="html")


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        self.urls += [value for name, value in attrs if name == wanted and value]


def may_link_inside(source: str, base_url: str) -> bool:
    return bool(_MAY_LINK_INSIDE.search(source)) or base_url in source


def markdown_links(source: str) -> list[str]:
    """The href of every link and the src of every image in a Markdown text, in document order."""
    _converter.reset()
    collector = _LinkCollector()
    collector.feed(_converter.convert(source))
    return collector.urls


def site_path(url: str, page: str, base_url: str) -> str | None:
    """The path under the base URL a link leads to from `page`; None for other sites, mail and anchors."""
    if url.startswith(base_url):
        url = "/" + url[len(base_url):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return path[1:]
    joined = posixpath.normpath(posixpath.join("/" + posixpath.dirname(page.rstrip("/") + "/x"), path))
    return joined.lstrip("/") + ("/" if path.endswith("/") and joined != "/" else "")


class _Locator:
    """Finds each link of a text in its file, from where the text starts, to report its line and column."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines, self.start, self.cursor = lines, start, (start, 0)

    def find(self, url: str) -> tuple[int, int]:
        for line, column in (self.cursor, (self.start, 0)):
            for index in range(line, len(self.lines)):
                found = self.lines[index].find(url, column if index == line else 0)
                if found >= 0:
                    self.cursor = (index, found + len(url))
                    return index + 1, found + 1
        return self.start + 1, 1


def check_links(catalog: Catalog, root: Path, problems: Problems) -> None:
    """Report every internal link in Markdown that leads nowhere, at its line in the source file."""
    targets, content = Targets.of(catalog, root), catalog.content
    for folder, items in (("programs", content.programs), ("partners", content.partners)):
        for item in items:
            texts = [(name, getattr(item, name)) for name in MARKDOWN_FIELDS[folder]]
            if any(value and any(may_link_inside(text, targets.base_url) for text in value.values.values())
                   for _, value in texts):
                _check_yaml_item(root, item.source, folder[:-1], item.slug, texts, targets, problems)
    for kind, articles in (("article", content.news), ("page", content.pages)):
        for article in articles:
            for code, text in article.texts.items():
                urls = markdown_links(text.body) if may_link_inside(text.body, targets.base_url) else []
                if urls:
                    lines = (read_text(root, text.source, Problems()) or "").splitlines()
                    start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
                    page = route_path(Route(kind, article.slug), code)
                    _report(urls, page, _Locator(lines, start), Position(text.source), "", targets, problems)


def _check_yaml_item(root: Path, source: str, kind: str, slug: str, texts: list[tuple[str, Localized | None]],
                     targets: Targets, problems: Problems) -> None:
    document = parse_yaml_file(root, source, Problems())
    lines = (read_text(root, source, Problems()) or "").splitlines()
    for name, value in texts:
        for code, text in (value.values.items() if value else ()):
            urls = markdown_links(text) if may_link_inside(text, targets.base_url) else []
            if not urls:
                continue
            mapping = document.data.get(name) if document else None
            line = mapping.value_pos.get(code, (1, 1))[0] if hasattr(mapping, "value_pos") else 1
            page = route_path(Route(kind, slug), code)
            _report(urls, page, _Locator(lines, line - 1), Position(source), f"{name}.{code}", targets, problems)


def _report(urls: list[str], page: str, locator: _Locator, position: Position, field: str, targets: Targets,
            problems: Problems) -> None:
    for url in urls:
        path = site_path(url, page, targets.base_url)
        found = None if path is None else link_problem(path, targets)
        line, column = locator.find(url)
        if found is None:
            continue
        message, hint = found
        relative = not url.startswith("/") and not url.startswith(targets.base_url)
        if relative:
            message += f" (the relative link leads to /{path})"
            hint += "; links written from the site's root, starting with /, do not depend on the page"
        problems.error(position.at(line, column), field, f"broken link '{url}': {message}", hint)
