"""Editors' Markdown to safe HTML: Python-Markdown with tables, footnotes and a TOC, then nh3."""
from __future__ import annotations

from dataclasses import dataclass
import functools
import json
import os
import re
from pathlib import Path
from typing import Callable

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from xml.etree.ElementTree import Element

from ..foundation.fingerprints import digest, signature

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


class _SiteExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_HeadingLevels(md), "heading_levels", 30)  # before toc (5)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        # Each extension costs time on every text: only those editors need (attr_list alone adds 15%).
        extensions=["tables", "footnotes", "toc", "sane_lists", _SiteExtension()],
        extension_configs={
            "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
            # The default back-link title is English; a number reads the same in every language.
            "footnotes": {"BACKLINK_TITLE": "%d"},
        },
        output_format="html",
    )


def _convert(md: markdown.Markdown, source: str, top_heading: int, base_path: str, ids: str) -> Rendered:
    md.reset()
    md.treeprocessors["heading_levels"].top = top_heading
    html = md.convert(source)
    toc = sanitize(md.toc, None, ids) if _count_headings(md.toc_tokens) >= 2 else ""
    return Rendered(html=sanitize(html, base_path, ids), toc=toc)


def editors_html(source: str) -> str:
    """Markdown as safe HTML with its links and alt texts as the editor wrote them: what `check` reads.

    Raw HTML and Markdown come out alike, and only what the sanitiser keeps is there, as on the page."""
    return _clean(_converter().convert(source), None)


class MarkdownStore:
    """Converted Markdown by a digest of its source, kept between builds (conversion is the costliest step).

    The build owns one (the dev server keeps its own across builds) and hands it to whatever shows Markdown.
    It converts with a Python-Markdown instance of its own; forked workers, each with a copy of the store,
    hand back what they converted with `take_fresh`.
    """

    def __init__(self) -> None:
        self.converter = _converter()
        self.entries: dict[str, Rendered] = {}
        # Read from the cache file, which anyone with the checkout can edit: sanitised again when first used.
        self.loaded: dict[str, Rendered] = {}
        self.fresh: dict[str, Rendered] = {}
        self.used: set[str] = set()
        self.changed = False  # since the last load or save: whether the file on disk is behind
        self.synced: tuple = ()  # the file as last loaded or saved, to skip loading it again

    def render(self, source: str, top_heading: int = 2, base_path: str = "/", field: str = "text") -> Rendered:
        """Like `render_markdown`, converting each text once."""
        ids = id_prefix(field)
        key = digest(str(top_heading), base_path, ids, source)
        self.used.add(key)
        found = self.entries.get(key)
        if found is None and key in self.loaded:
            cached = self.loaded.pop(key)
            found = self.entries[key] = Rendered(sanitize(cached.html), sanitize(cached.toc))
        if found is None:
            found = self.entries[key] = self.fresh[key] = _convert(self.converter, source, top_heading, base_path, ids)
            self.changed = True
        return found

    def take_fresh(self) -> dict[str, Rendered]:
        fresh, self.fresh = self.fresh, {}
        return fresh

    def add(self, entries: dict[str, Rendered]) -> None:
        self.changed = self.changed or not entries.keys() <= self.entries.keys() | self.loaded.keys()
        self.entries.update(entries)
        self.used.update(entries)

    def load(self, path: Path, salt: str) -> None:
        if self.synced and self.synced == _file_state(path, salt):
            return  # what the file holds is here already (a long-running process builds again and again)
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
            if recorded["salt"] == salt:
                self.loaded.update({key: Rendered(html, toc) for key, (html, toc) in recorded["entries"].items()
                                    if isinstance(html, str) and isinstance(toc, str) and key not in self.entries})
                self.synced = _file_state(path, salt)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no usable cache: convert everything

    def save(self, path: Path, salt: str, prune: bool) -> None:
        """Write the store; `prune` (after a build that rendered every page) drops texts no page used.

        Nothing is written when nothing changed: a rebuild after a small edit need not rewrite megabytes.
        """
        if not self.changed and not (prune and (self.entries.keys() | self.loaded.keys()) - self.used) and path.is_file():
            return
        known = {**self.loaded, **self.entries}
        keys = sorted(self.used if prune else known)
        entries = {key: [known[key].html, known[key].toc] for key in keys if key in known}
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"salt": salt, "entries": entries}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
        self.changed, self.synced = False, _file_state(path, salt)


def _file_state(path: Path, salt: str) -> tuple:
    try:
        return str(path), *signature(path.stat()), salt
    except OSError:
        return ()


def render_markdown(source: str, top_heading: int = 2, base_path: str = "/", field: str = "text") -> Rendered:
    """Editors' Markdown as safe HTML. The page's title is its only h1, so headings start at `top_heading`;
    `base_path` is the folder of the site's base URL, put before links written from the site's root;
    `field` names the text among the others of its page, and starts each of its ids (see `id_prefix`).

    Converted afresh each time: a build converts through its `MarkdownStore`."""
    return _convert(_converter(), source, top_heading, base_path, id_prefix(field))


def id_prefix(field: str) -> str:
    """What the ids of a Markdown field start with: 'eligibility:' gives 'eligibility:how-to-apply', 'eligibility:fn:1'.

    Heading anchors, footnotes and editors' own ids would otherwise repeat between two texts of one page
    and the theme's ids ('main', 'facts-heading'). Theme ids never hold a colon, and each field has its own
    prefix, so no id on a page can appear twice."""
    return field.replace("_", "-") + ":"


def _count_headings(tokens: list[dict]) -> int:
    return sum(1 + _count_headings(token["children"]) for token in tokens)


def sanitize(html: str, base_path: str | None = None, ids: str = "") -> str:
    """Safe HTML in which every image has a source and an alt text, "" for one marked decorative (or never
    described, which `check` reports); an image whose source was missing or unsafe is left out.

    With `base_path`, links and images written from the site's root (`/media/photo.jpg`, `/en/about/`) get
    the base URL's folder, whether Markdown or raw HTML wrote them; `ids` goes before every id and every
    link to one (`#...`)."""
    return _complete_tags(_unwrap_misnested(_clean(html, functools.partial(_published_attribute, base_path, ids))))


def _clean(html: str, attribute_filter: Callable[[str, str, str], str | None] | None) -> str:
    return nh3.clean(
        html, tags=_TAGS, attributes={k: set(v) for k, v in _ATTRIBUTES.items()}, attribute_filter=attribute_filter,
        allowed_classes=_CLASSES, url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"}, link_rel=None,
    )


DECORATIVE_ALT = "-"  # the alt text editors give an image that only decorates; published as alt=""
_SITE_URLS = {("a", "href"), ("img", "src")}


def _published_attribute(base_path: str | None, ids: str, tag: str, attribute: str, value: str) -> str:
    if tag == "img" and attribute == "alt" and value.strip() == DECORATIVE_ALT:
        return ""
    if attribute == "id":
        return ids + value
    if tag == "a" and attribute == "href" and value.startswith("#") and len(value) > 1:
        return "#" + ids + value[1:]
    if base_path and (tag, attribute) in _SITE_URLS and value.startswith("/") and not value.startswith("//"):
        return base_path + value[1:]
    return value


# nh3 writes every tag as <name name="value" ...> with '"' escaped inside values, and '<' in text as &lt;, so
# reading text and whole tags one after the other never starts a tag inside an attribute's value.
_TOKEN = re.compile(r'[^<]+|<(/?[a-z][a-z0-9]*)((?:\s[^\s"\'>/=]+="[^"]*")*)>')
_ALT = re.compile(r'\salt="')
_SRC = re.compile(r'\ssrc="')
_ID = re.compile(r'\sid="([^"]*)"')


_PHRASING = frozenset({"a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
                       "span", "strong", "sub", "sup", "u"})
_BLOCKS = frozenset({"blockquote", "details", "div", "dl", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p",
                     "pre", "table", "ul"})
_VOID = frozenset({"br", "hr", "img"})
_ONLY_ITEMS = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"})  # hold their items alone


def _unwrap_misnested(html: str) -> str:
    """The text without the tags of inline elements that hold blocks or stand between a list's items, which
    HTML forbids. An editor's unclosed `<b>` would otherwise spread over the paragraphs after it (the parser
    wraps each of them in it)."""
    tokens = list(_TOKEN.finditer(html))
    if sum(len(token[0]) for token in tokens) != len(html):  # not nh3's own output: leave it as it is
        return html
    stack: list[int] = []  # the open elements, by their index in tokens
    unwrap: set[int] = set()
    for index, token in enumerate(tokens):
        name = token[1]
        if not name:
            continue
        if name.startswith("/"):
            if not stack or tokens[stack[-1]][1] != name[1:]:
                return html
            opened = stack.pop()
            if opened in unwrap:
                unwrap.add(index)
            continue
        if name in _BLOCKS:
            unwrap.update(open_index for open_index in stack if tokens[open_index][1] in _PHRASING)
        if name in _PHRASING and stack and tokens[stack[-1]][1] in _ONLY_ITEMS:
            unwrap.add(index)
        if name not in _VOID:
            stack.append(index)
    return html if not unwrap else "".join(token[0] for index, token in enumerate(tokens) if index not in unwrap)


def _complete_tags(html: str) -> str:
    """Every kept image with an alt, none without a source, and each id once (an editor's raw id="x" may
    repeat a heading's anchor: the first keeps it, as the text's own links expect)."""
    if "<img" not in html and ' id="' not in html:
        return html
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    while position < len(html):
        token = _TOKEN.match(html, position)
        if token is None:  # not nh3's own output: leave the rest as it is
            parts.append(html[position:])
            break
        position = token.end()
        name, attributes = token[1], token[2] or ""
        if name == "img" and not _SRC.search(attributes):
            continue
        if (found := _ID.search(attributes)) and found[1] in seen:
            attributes = attributes[:found.start()] + attributes[found.end():]
        elif found:
            seen.add(found[1])
        if name == "img" and not _ALT.search(attributes):
            attributes = ' alt=""' + attributes
        parts.append(f"<{name}{attributes}>" if name else token[0])
    return "".join(parts)
