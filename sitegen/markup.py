"""Editors' Markdown to safe HTML: Python-Markdown with tables, footnotes and a TOC, then nh3."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

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


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: str  # nested <ul> of the headings, empty when there are fewer than two


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "toc", "sane_lists", "attr_list", "def_list", "abbr"],
        extension_configs={
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
            # The default back-link title is English; a number reads the same in every language.
            "footnotes": {"BACKLINK_TITLE": "%d"},
        },
        output_format="html",
    )


_md = _converter()


@lru_cache(maxsize=8192)
def render_markdown(source: str) -> Rendered:
    """Pure in its input, so cached: fallback text and repeated blocks render once per process."""
    _md.reset()
    # Headings in editors' text start at h2: the page's title is the only h1.
    html = _md.convert(_demote_h1(source))
    toc = sanitize(_md.toc) if _count_headings(_md.toc_tokens) >= 2 else ""
    return Rendered(html=sanitize(html), toc=toc)


def _count_headings(tokens: list[dict]) -> int:
    return sum(1 + _count_headings(token["children"]) for token in tokens)


def _demote_h1(source: str) -> str:
    return "\n".join("#" + line if line.startswith("# ") else line for line in source.splitlines())


def sanitize(html: str) -> str:
    return nh3.clean(
        html, tags=_TAGS, attributes={k: set(v) for k, v in _ATTRIBUTES.items()},
        allowed_classes=_CLASSES, url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"}, link_rel=None,
    )
