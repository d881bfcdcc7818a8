"""Hypothesis strategies for the values editors write: text with odd Unicode and markup, Markdown,
numbers, dates, codes and URLs, each within the content model's documented limits (up to exactly
each limit) or just outside them (one past it). The limits come from sitegen, never copied."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import get_currency_precision
from hypothesis import strategies as st

from sitegen.foundation import limits
from sitegen.foundation.limits import ALIAS_BUDGET, MAX_DEPTH, MAX_DIGITS
from yaml_text import STYLES, Node, Raw, Text


# Strategy factories are cached: Hypothesis labels every new strategy object by its repr, which is large here.


@dataclass(frozen=True)
class Scale:
    """How far generated values reach: the suite keeps each example fast, the long run goes further."""

    markdown_bytes: int  # the largest Markdown text of a news article or page (its file stays within the limit)
    bomb_depth: int  # levels of the deepest YAML alias bomb (nine aliases a level), a mistake
    items: int  # most programs, partners, news articles and pages of each kind


SUITE_SCALE = Scale(markdown_bytes=20_000, bomb_depth=4, items=3)
LONG_SCALE = Scale(markdown_bytes=limits.MAX_FILE_BYTES, bomb_depth=6, items=4)

WORDS = ("Summer school", "Летняя школа", "暑期学校", "Инженерия и менеджмент", "工程", "Études d'été",
         "Ünïcödé", "שלום עולם", "مرحبا بالعالم", "नमस्ते", "Ἀθῆναι", "Q&A", "C++ / C#", "50% off", "İstanbul",
         "1" + "0" * (MAX_DIGITS - 1))  # a number as long as YAML allows, read as text
ODD = ("\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u00ad", "\u00a0", "\u3000", "e\u0301",
       "\u0301", "Z\u0335\u0321\u0355\u0317", "🎓", "👩🏽\u200d🔬", "🇨🇳", "𝕏", "\ufdfd", "\ufffd", "\U0010fffd",
       "ß", "ǅ", "\ufb01", "ⅷ", "\u2060", "\ufe0f", "\ufeff", "\u061c", "\U000e0041")
# Not characters at all: HTML forbids them, and check refuses them like controls.
NONCHARACTERS = ("\ufdd0", "\uffff", "\U0001fffe")
MARKUP = ("<script>alert(1)</script>", "{{ 7*7 }}", "{% if x %}", "{# c #}", "]]>", "-->", "<!--",
          "<![CDATA[", "&amp;", "&#0;", "&nbsp", "<b>bold</b>", "<img src=/media/photo.png onerror=alert(1)>",
          "javascript:alert(1)", "\"'><", "`", "%(x)s", "{0}", "\\", "$&", "<?xml", "</title>", "</script>",
          "*emph*", "[link](javascript:alert(1))", "@", "#", ": ", " - ", "|", ">", "&", "!", "<x>", ",;\\,")
# An <img> without alt in Markdown is a mistake; in a plain-text field it is text.
MARKDOWN_MARKUP = tuple(m for m in MARKUP if "<img" not in m) + ('<img src=/media/photo.png alt="x" onerror=alert(1)>',)
# Line breaks a one-line value may not hold; a longer text may hold the first two and the separators.
BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e")
TEXT_BREAKS = ("\n", "\r\n", "\n\n", "\t", "\u2028", "\u2029")
# C0 and C1 controls: no text may hold them (a longer text keeps its tabs and line breaks).
CONTROLS = ("\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x80", "\x9f", "\x0b", "\x0c", "\x85") + NONCHARACTERS
TINY = ("x", "中", "é", "🎓", "\u200b", "-", "0", "\u0301")


def weighted(*choices: tuple[st.SearchStrategy, int]) -> st.SearchStrategy:
    """One of the strategies, picked in proportion to its weight; shrinks toward the first."""
    return st.one_of([s for s, weight in choices for _ in range(weight)])


@functools.lru_cache(maxsize=256)
def pieces(markup: tuple[str, ...] = MARKUP, breaks: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    choices = [(st.sampled_from(WORDS), 8), (st.sampled_from(ODD), 3), (st.sampled_from(markup), 3)]
    choices += [(st.sampled_from(breaks), 2)] * bool(breaks)
    return weighted(*choices)


def _exactly(text: str, length: int) -> str:
    """The text repeated or cut to `length` characters, with no space at its ends (values are stripped)."""
    text = (text * (length // max(1, len(text)) + 1))[:length]
    if text.strip() != text:
        text = "x" + text[1:-1] + "x" if length > 1 else "x"
    return text


@functools.lru_cache(maxsize=256)
def one_line(limit: int, markup: tuple[str, ...] = MARKUP, breaks: tuple[str, ...] = (),
) -> st.SearchStrategy[str]:
    """Text for a field of at most `limit` characters: words with odd characters and markup among them
    (and `breaks`, for a longer text); tiny, or exactly at the limit or one short of it."""
    visible = st.sampled_from(WORDS + ODD[9:] + markup)  # ODD[:9] are invisible or spaces
    joined = st.tuples(visible, st.lists(pieces(markup, breaks), max_size=4), st.sampled_from((" ", ""))).map(
        lambda parts: parts[2].join((parts[0], *parts[1]))[:limit])
    long = st.builds(_exactly, joined, st.sampled_from((limit, limit - 1)))
    return weighted((joined, 10), (st.sampled_from(TINY), 1), (long, 2))


def plain_text(limit: int) -> st.SearchStrategy[str]:
    """A longer plain text (a summary, funding): as one_line, with line breaks and tabs too."""
    return one_line(limit, MARKUP, TEXT_BREAKS)


@functools.lru_cache(maxsize=256)
def past_text(limit: int | None, single_line: bool) -> st.SearchStrategy[tuple[str, str]]:
    """(what is wrong, text) just outside a text field's limits: one character too long, a control character,
    a line break in a one-line field."""
    inside = one_line(limit or limits.TEXT)
    spoilers = [st.tuples(st.just("a control character"), st.builds(_inserted, inside, st.sampled_from(CONTROLS)))]
    if limit:
        spoilers.append(st.tuples(st.just(f"{limit + 1} characters"), st.builds(_exactly, inside, st.just(limit + 1))))
    if single_line:
        spoilers.append(st.tuples(st.just("a line break"), st.builds(_inserted, inside, st.sampled_from(BREAKS))))
    return st.one_of(spoilers)


def _inserted(text: str, char: str) -> str:
    middle = len(text) // 2
    return f"x{text[:middle]}{char}{text[middle:]}x"  # inside, where stripping leaves it


@functools.lru_cache(maxsize=256)
def text_node(text: st.SearchStrategy[str], raw_controls: bool = False) -> st.SearchStrategy[Node]:
    """A text in any YAML style; with `raw_controls`, double-quoted with raw control characters."""
    return st.builds(Text, text, st.sampled_from(STYLES), st.just(raw_controls))


# Links to what every site publishes ({program} and the like are filled in only when the site has one).
LINK_TARGETS = ("/{code}/", "/{code}/programs/", "/{code}/partners/", "/{code}/programs/{program}/",
                "/{code}/partners/{partner}/", "/{code}/news/", "/{code}/feed.xml", "/{code}/calendar.ics",
                "/{code}/{page}/", "/{code}/news/{news}/", "/media/photo.png", "/media/diagram.svg", "/logos/logo.svg",
                "/", "#top", "https://example.com/x?a=1&b=2", "mailto:a@example.org", "tel:+70000000000",
                "javascript:alert(1)", "data:text/html,<script>x</script>", "//evil.example/",
                "/{code}/programs/{program}/#apply", "/{code}/compare/", "/{code}/search/", "/sitemap.xml",
                "/programs.json", "/robots.txt", "/{code}/404.html", "/404.html", "/static/css/site.css")
# Links to nothing the build publishes: check must report each.
BROKEN_LINK_TARGETS = ("../relative/", "x", "/{code}/programs/missing/", "/media/missing.png", "/%D0%B0/",
                       "/{code}/programs/{program}", "/xx/", "relative.html", "/{code}//programs/",
                       "/{code}/programs/../", "/{code}/news/page/999/")
# Blocks that take Markdown to a limit exactly, and their twins one past it.
DEEP_LIST = "- " * limits.MAX_NESTING + "deep"
QUOTES = "> " * limits.MAX_NESTING + "deep"
CITED = " ".join(["Cited[^n]."] * limits.MAX_FOOTNOTE_REFERENCES) + "\n\n[^n]: The note."
# One paragraph of unclosed brackets scanned about half as far as the limit allows.
BRACKETS = "[(" * 250 + "x" * (limits.MAX_SCANNED // 1000)
MARKDOWN_MISTAKES = {
    "an image without alt text": ("![](/media/photo.png)", '<img src="/media/photo.png">', "![ ](/logos/logo.svg)",
                                  '<img src="/media/photo.png" onerror="alert(1)">', "![][img]\n\n[img]: /media/photo.png"),
    f"a list nested {limits.MAX_NESTING + 1} levels": ("- " + DEEP_LIST, "    " + DEEP_LIST),
    f"a footnote cited {limits.MAX_FOOTNOTE_REFERENCES + 1} times": ("Once more[^n].\n\n" + CITED,),
    "brackets that take too long to scan": ("[" * 3_000 + "x" * 1_000,),
    "a control character": tuple(f"Text{c}here" for c in CONTROLS if c not in "\x0b\x0c\x85") + ("Text\x0bhere",),
}


@functools.lru_cache(maxsize=256)
def markdown(scale: Scale, links: st.SearchStrategy[str], huge: bool = False) -> st.SearchStrategy[str]:
    """Markdown with every construct editors use, raw HTML and links to every kind of page, within every
    limit; with `huge`, as large as the scale allows (one text of a site at most: a megabyte takes seconds
    to convert in each language)."""
    line = one_line(limits.TEXT, MARKDOWN_MARKUP, ())
    block = weighted(
        (line, 6),
        (st.tuples(st.integers(1, 7), line).map(lambda h: "#" * h[0] + " " + h[1]), 2),
        (st.lists(line, min_size=1, max_size=4).map(lambda items: "\n".join("- " + i for i in items)), 2),
        (st.tuples(line, links).map(lambda p: f"[{p[0]}]({p[1]})"), 3),
        (st.tuples(st.sampled_from(IMAGE_ALTS), links).map(lambda p: f"![{p[0]}]({p[1]})"), 2),
        (st.sampled_from(RAW_HTML), 2),
        (st.sampled_from(MARKDOWN_ODDITIES), 2),
        (links.map(lambda target: f'<a href="{target}">link</a> <img src="{target}" alt="x">'), 1),
    ).filter(within_markdown_limits)  # a long line of ' - ' is a list nested past the limit
    body = st.lists(block, min_size=1, max_size=8).map("\n\n".join).filter(within_markdown_limits)  # brackets add up
    huge_body = st.builds(_repeated, body, st.sampled_from((scale.markdown_bytes // 2, scale.markdown_bytes)))
    return huge_body if huge else body


def within_markdown_limits(text: str) -> bool:
    return not (limits.too_deep(text) or limits.too_many_unclosed(text) or limits.most_cited_footnote(text))


def _repeated(body: str, size: int) -> str:
    """The body repeated to about `size` bytes; a body whose brackets or footnotes would pass a limit when
    repeated gives way to plain paragraphs that keep every limit at any length."""
    times = size // (len(body.encode()) + 2) + 1
    text = "\n\n".join([body] * times)
    return text if within_markdown_limits(text) else "\n\n".join([FILLER] * (size // (len(FILLER.encode()) + 2) + 1))


FILLER = "Летняя школа *emph* 暑期学校 <b>bold</b> [link](/) e\u0301 🎓 &amp; <x> 50% off"
IMAGE_ALTS = ("-", "A photo", "<b>", "Фото 🎓", "\u202eRTL", "x" * limits.ALT, "[nested]")
RAW_HTML = ('<img src="/media/photo.png" alt="-" onerror="alert(1)">', '<img src="/media/photo.png" alt="-">',
            '<img src="/media/photo.png" alt="A photo" width="1" height="1">',
            "<iframe src=//example.org/></iframe>",
            '<div style="color:red" onclick="x()">div</div>', "<details><summary>More</summary>Text</details>",
            "<table><tr><td>cell", "</div></div>", "<p align=center>centred</p>", "<video src=/media/diagram.svg></video>",
            '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)><circle r=1 /></svg>",
            "<math><mi>x</mi></math>", "<form action=/><input name=q></form>", '<span id="main">dup id</span>',
            "<h1>Heading one</h1>", "<br/><hr/><wbr>", "<ruby>漢<rt>kan</rt></ruby>", "<!-- comment -- -->")
MARKDOWN_ODDITIES = ("```python\nprint('<b>')\n```", "```\nunclosed fence", "| a | b |\n|---|---|\n| 1 | 2 |",
                     "Footnote[^1].\n\n[^1]: The note.", "> > > > deeply quoted", "    indented code <script>",
                     "***\n---\n___", "Term\n: Definition", "[ref]\n\n[ref]: /en/ \"Title\"",
                     "<https://example.com/auto>", "![-][img]\n\n[img]: /media/photo.png", "- [ ] task\n- [x] done",
                     "1. one\n1. two\n   - nested\n     - deeper", "Line with trailing spaces  \nbreak",
                     "\\<escaped\\> \\*chars\\*", "&copy; &unknown; &#x110000;", "* * *", "#hashtag without space",
                     DEEP_LIST, "\t" * 24 + "- " * (limits.MAX_NESTING - 24) + "tabs and markers", CITED, BRACKETS,
                     "> " * 20 + "quoted twenty levels")

_DAY = dt.timedelta(days=1)
DATES = tuple(str(d) for d in (limits.FIRST_DATE, limits.FIRST_DATE + _DAY, limits.LAST_DATE - _DAY, limits.LAST_DATE)) + (
    "1970-01-01", "1999-12-31", "2000-02-29", "2024-02-29", "2026-02-28", "2026-11-23", "2026-11-24", "2026-11-25",
    "2026-12-31", "2027-03-01", "2028-02-29", "2038-01-19", "2100-01-01", "!!timestamp 2026-11-24")
WRONG_DATES = (str(limits.FIRST_DATE - _DAY), str(limits.LAST_DATE + _DAY), "0001-01-01", "9999-12-31",
               "2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "10000-01-01", "2026-1-1",
               "26-01-01", "2026/01/01", "20260101", "2026-11-24T10:00:00", "!!timestamp 2026-02-30",
               "'2026-11-24 '", "2026-W48")


@functools.lru_cache(maxsize=256)
def counts(maximum: int) -> tuple[str, ...]:
    """Whole numbers from 1 to `maximum`, written as YAML may write them."""
    return tuple(n for n in ("1", "2", "7", "0x10", "1_000", str(maximum - 1), str(maximum)) if int(n, 0) <= maximum)


@functools.lru_cache(maxsize=256)
def wrong_counts(maximum: int) -> tuple[str, ...]:
    return (str(maximum + 1), "1" + "0" * MAX_DIGITS, "0", "-1", "1.5", "'10'", "true", "10 weeks", ".inf", ".nan",
            "1e3", "[1]")


@functools.lru_cache(maxsize=256)
def amounts(currency: str) -> tuple[str, ...]:
    """Amounts from the currency's smallest unit to the limit, with as many decimals as the currency has."""
    unit = Decimal(1).scaleb(-get_currency_precision(currency))
    return (str(unit), "1", "1500", "1e3", "0.1e1", "'1500'", "1.0e+12", str(limits.MAX_AMOUNT),
            f"'{limits.MAX_AMOUNT - unit}'", str(Decimal(1500) + unit))


@functools.lru_cache(maxsize=256)
def wrong_amounts(currency: str) -> tuple[str, ...]:
    """Amounts just past the limit, or finer than the currency's smallest unit, or no amount at all."""
    unit = Decimal(1).scaleb(-get_currency_precision(currency))
    return (f"'{limits.MAX_AMOUNT + unit}'", str(limits.MAX_AMOUNT + 1), str(unit / 10), str(1500 + unit / 10),
            "1.0e+13", "1" + "0" * MAX_DIGITS, "0", "-1", "-0.0", ".inf", ".nan", "'1 500'", "€1500", "true", "abc",
            "'1,500'")


CURRENCIES = ("EUR", "RUB", "CNY", "USD", "JPY", "KWD", "CLF", "XAU", "XXX", "XTS", "BOV", "IRR", "VES")
WRONG_CURRENCIES = ("eur", "RMB", "€", "EURO", "US$", "123")
COUNTRIES = ("CN", "RU", "DE", "US", "BR", "GB", "AQ", "XK", "EU", "UN", "ZZ", "QO", "IL", "SA", "KP")
WRONG_COUNTRIES = ("cn", "CHN", "UK", "C", "Russia", "RUS", "XX", "NO_", "中国")
_LONG_PATH = "https://example.org/"
URLS = ("https://example.org/apply", "http://example.com", "https://例子.中国/申请?x=1&y=%3C2%3E",
        "https://example.org/a'b(c)", "https://x", "https://example.org/%41", "https://example.org/path#frag",
        "https://example.org:8443/", _LONG_PATH + "a" * (limits.URL - len(_LONG_PATH)),
        _LONG_PATH + "é" * (limits.URL - len(_LONG_PATH)), "HTTPS://EXAMPLE.ORG/", "https://[::1]/",
        "https://example.org/x?q=$&r=*+,;=~@!")
WRONG_URLS = ("ftp://example.org/", "example.org", "javascript:alert(1)", "https://", "https:// x", "//x.org",
              "mailto:a@b.co", "https://exa mple.org/", _LONG_PATH + "a" * (limits.URL + 1 - len(_LONG_PATH)),
              "https://example.org/a\"b", "https://example.org/<script>", "https://example.org/{{x}}",
              "https://example.org/a|b", "https://example.org/%zz", "https://example.org/a`b",
              "https://user:pass@example.org:8443/", "https://example.org/[x]", "https://example.org/a#b#c",
              "https://example..org/", "https://example.org:99999/")
_DOMAIN = "@example.org"
EMAILS = ("a@b.co", "internships@example.org", "Ünïcödé@例子.中国", "a+tag@sub.example.org", "x@y.z",
          "o'brien@example.org", "a" * (limits.EMAIL - len(_DOMAIN)) + _DOMAIN)
WRONG_EMAILS = ("a@b", "@example.org", "a b@example.org", "a@@b.co", "<b>@x.y", "a\"b@example.org", "a[b]@example.org",
                "a" * (limits.EMAIL + 1 - len(_DOMAIN)) + _DOMAIN)
PHONES = ("+7 (495) 123-45-67", "+86 10 1234 5678", "８８８ ８８８", "+44 20 7946 0958 доб. 12", "1",
          "+" + "1" * (limits.NAME - 1))
WRONG_PHONES = ("+7 <495>", "+7 [495] 123#45", "call \"me\"", "{phone}", "+1 | +2", "+" + "1" * limits.NAME, "+7\n495")


@functools.lru_cache(maxsize=256)
def raw(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.sampled_from(values).map(Raw)


@functools.lru_cache(maxsize=256)
def quoted(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.builds(Text, st.sampled_from(values), st.sampled_from(("plain", "single", "double")))


# Values of a type no field takes (null, empty lists and numbers are right for some fields, text for most).
WRONG_TYPES = ("'<<placeholder>>'", "!!binary aGVsbG8=", "!!python/object/apply:os.system ['true']", "!!set {a, b}",
               "!!omap [a: 1]", "!custom x", "*undefined", "'   '", "''", "!!int abc", "!!float x", "[&a x, *a]",
               "'\u00a0'", "{x: y}", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def wrong_type() -> st.SearchStrategy[Node]:
    return raw(WRONG_TYPES)


def alias_bomb(depth: int) -> str:
    """A flow list whose every level names the level below eight times: past ALIAS_BUDGET from four levels."""
    level = "&b0 [" + ", ".join(["lol"] * 9) + "]"
    for number in range(1, depth + 1):
        level = f"&b{number} [{level}, " + ", ".join([f"*b{number - 1}"] * 8) + "]"
    return level


def past_alias_budget() -> str:
    """A list of a hundred values named a hundred and one times: one alias past ALIAS_BUDGET."""
    values = ALIAS_BUDGET // 100 - 1  # with the list itself, each alias repeats ALIAS_BUDGET // 100 values
    return "[&a [" + ", ".join(["x"] * values) + "], " + ", ".join(["*a"] * 101) + "]"
