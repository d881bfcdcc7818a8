"""Editors' Markdown to safe HTML: Python-Markdown with tables, footnotes and a TOC, then nh3."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from xml.etree.ElementTree import Element

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "li": {"value"},
}
# Footnotes mark their list and back-links with classes that the theme styles.
_CLASSES = {"div": {"footnote", "toc"}, "a": {"footnote-ref", "footnote-backref"}, "sup": {"footnote-ref"}}


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: str  # nested <ul> of the headings, empty when there are fewer than two


class _HeadingLevels(Treeprocessor):
    """Moves the text's headings so its highest one sits at `top` (h2 on a page, h3 inside a section)."""

    top = 2

    def run(self, root: Element) -> None:
        headings = [e for e in root.iter() if e.tag in _HEADINGS]
        if not headings:
            return
        shift = self.top - min(int(e.tag[1]) for e in headings)
        for heading in headings:
            heading.tag = f"h{min(6, int(heading.tag[1]) + shift)}"


class _HeadingLevelsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_HeadingLevels(md), "heading_levels", 30)  # before toc (5)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "toc", "sane_lists", "attr_list", "def_list", "abbr",
                    _HeadingLevelsExtension()],
        extension_configs={
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
            # The default back-link title is English; a number reads the same in every language.
            "footnotes": {"BACKLINK_TITLE": "%d"},
        },
        output_format="html",
    )


_md = _converter()


@lru_cache(maxsize=8192)
def render_markdown(source: str, top_heading: int = 2) -> Rendered:
    """Pure in its input, so cached: fallback text and repeated blocks render once per process.

    The page's title is its only h1, so the text's headings start at `top_heading`.
    """
    _md.reset()
    _md.treeprocessors["heading_levels"].top = top_heading
    html = _md.convert(source)
    toc = sanitize(_md.toc) if _count_headings(_md.toc_tokens) >= 2 else ""
    return Rendered(html=sanitize(html), toc=toc)


def _count_headings(tokens: list[dict]) -> int:
    return sum(1 + _count_headings(token["children"]) for token in tokens)


def sanitize(html: str) -> str:
    return nh3.clean(
        html, tags=_TAGS, attributes={k: set(v) for k, v in _ATTRIBUTES.items()},
        allowed_classes=_CLASSES, url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"}, link_rel=None,
    )
