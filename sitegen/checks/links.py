"""Check what editors' Markdown and raw HTML link to and show: every link and image leads to a page or file
the build publishes, and every image has an alt text."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..foundation.model import Localized
from ..foundation.problems import Position, Problems
from ..plan.catalog import Catalog
from ..plan.targets import Targets, link_problem
from ..plan.urls import Route, route_path, site_path
from ..render.markup import DECORATIVE_ALT, editors_html
from ..source.parse import parse_yaml_file, read_text

MARKDOWN_FIELDS = {"programs": ("description", "eligibility", "documents", "how_to_apply"),
                   "partners": ("description",)}
# Converting Markdown is slow, so only texts that may link inside the site or show an image are converted: an
# inline link or a reference definition whose target has no scheme, an image, raw <a>/<img>, the site's address.
_NO_SCHEME = r"\s*+<?+(?![a-z][a-z0-9+.-]*:|#)"
_MAY_LINK_INSIDE = re.compile(rf"\]\({_NO_SCHEME}|^ {{0,3}}\[[^\]]+\]:{_NO_SCHEME}|!\[|<(?:a|img)\b",
                              re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Reference:
    """A link or an image of editors' HTML, as the sanitiser keeps it."""

    tag: str  # a or img
    url: str
    alt: str | None = None  # an image's alt text; None when it has none


class _ReferenceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        url = values.get({"a": "href", "img": "src"}.get(tag, ""))
        if url:
            self.found.append(Reference(tag, url, values.get("alt")))


def worth_checking(source: str, base_url: str) -> bool:
    """Whether a text may link inside the site or show an image (whose alt text is checked wherever it is)."""
    return bool(_MAY_LINK_INSIDE.search(source)) or base_url in source


def references(source: str) -> list[Reference]:
    """Every link and image of a Markdown text, whether Markdown or raw HTML wrote it, in document order."""
    collector = _ReferenceCollector()
    collector.feed(editors_html(source))
    return collector.found


class _Locator:
    """Finds each link of a text in its file, from where the text starts, to report its line and column."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines, self.start, self.cursor = lines, start, (start, 0)

    def find(self, *spellings: str) -> tuple[int, int]:
        """Where the first of the spellings (a URL as read, as HTML escapes it) is found next."""
        for spelling in spellings:
            for line, column in (self.cursor, (self.start, 0)):
                for index in range(line, len(self.lines)):
                    found = self.lines[index].find(spelling, column if index == line else 0)
                    if found >= 0:
                        self.cursor = (index, found + len(spelling))
                        return index + 1, found + 1
        return self.start + 1, 1


def check_links(catalog: Catalog, root: Path, problems: Problems) -> None:
    """Report every link of editors' HTML that leads nowhere and every image without an alt text, at its line."""
    targets, content = Targets.of(catalog, root), catalog.content
    for folder, items in (("programs", content.programs), ("partners", content.partners)):
        for item in items:
            texts = [(name, getattr(item, name)) for name in MARKDOWN_FIELDS[folder]]
            if any(value and any(worth_checking(text, targets.base_url) for text in value.values.values())
                   for _, value in texts):
                _check_yaml_item(root, item.source, folder[:-1], item.slug, texts, targets, problems)
    for kind, articles in (("article", content.news), ("page", content.pages)):
        for article in articles:
            for code, text in article.texts.items():
                found = references(text.body) if worth_checking(text.body, targets.base_url) else []
                if found:
                    lines = (read_text(root, text.source, Problems()) or "").splitlines()
                    start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
                    page = route_path(Route(kind, article.slug), code)
                    _report(found, page, _Locator(lines, start), Position(text.source), "", targets, problems)


def _check_yaml_item(root: Path, source: str, kind: str, slug: str, texts: list[tuple[str, Localized | None]],
                     targets: Targets, problems: Problems) -> None:
    document = parse_yaml_file(root, source, Problems())
    lines = (read_text(root, source, Problems()) or "").splitlines()
    for name, value in texts:
        for code, text in (value.values.items() if value else ()):
            found = references(text) if worth_checking(text, targets.base_url) else []
            if not found:
                continue
            mapping = document.data.get(name) if document else None
            line = mapping.value_pos.get(code, (1, 1))[0] if hasattr(mapping, "value_pos") else 1
            page = route_path(Route(kind, slug), code)
            _report(found, page, _Locator(lines, line - 1), Position(source), f"{name}.{code}", targets, problems)


def _report(found: list[Reference], page: str, locator: _Locator, position: Position, field: str, targets: Targets,
            problems: Problems) -> None:
    for reference in found:
        url = reference.url
        line, column = locator.find(url, html.escape(url))
        where = position.at(line, column)
        if reference.tag == "img" and not (reference.alt or "").strip():
            problems.error(where, field, f"image '{url}' has no alt text",
                           f"describe what it shows for readers who cannot see it: ![what it shows]({url}), or "
                           f"alt=\"what it shows\" in HTML; mark an image that only decorates with the alt text "
                           f"{DECORATIVE_ALT}, e.g. ![{DECORATIVE_ALT}]({url})")
        path = site_path(url, page, targets.base_url)
        broken = None if path is None else link_problem(path, targets)
        if broken is None:
            continue
        message, hint = broken
        relative = not url.startswith("/") and not url.startswith(targets.base_url)
        if relative:
            message += f" (the relative link leads to /{path})"
            hint += "; links written from the site's root, starting with /, do not depend on the page"
        problems.error(where, field, f"broken link '{url}': {message}", hint)
