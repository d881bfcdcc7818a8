"""Hypothesis strategies for the values editors write: text with odd Unicode and markup, Markdown,
numbers, dates, codes and URLs, each within the content model's limits or just outside them."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from hypothesis import strategies as st

from yaml_text import STYLES, Node, Raw, Text


# Strategy factories are cached: Hypothesis labels every new strategy object by its repr, which is large here.


@dataclass(frozen=True)
class Scale:
    """How far generated values reach: the suite keeps each example fast, the long run goes further."""

    long_text: int  # characters in the longest one-line text
    markdown_bytes: int  # the largest Markdown text
    bomb_depth: int  # levels of the deepest YAML alias bomb (nine aliases a level)
    items: int  # most programs, partners, news articles and pages of each kind


SUITE_SCALE = Scale(long_text=400, markdown_bytes=20_000, bomb_depth=3, items=3)
LONG_SCALE = Scale(long_text=5_000, markdown_bytes=1_000_000, bomb_depth=6, items=4)

WORDS = ("Summer school", "Летняя школа", "暑期学校", "Инженерия и менеджмент", "工程", "Études d'été",
         "Ünïcödé", "שלום עולם", "مرحبا بالعالم", "नमस्ते", "Ἀθῆναι", "Q&A", "C++ / C#", "50% off", "İstanbul")
ODD = ("\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u00ad", "\u00a0", "\u3000", "e\u0301",
       "\u0301", "Z\u0335\u0321\u0355\u0317", "🎓", "👩🏽\u200d🔬", "🇨🇳", "𝕏", "\ufdfd", "\ufffd", "\U0010fffd",
       "ß", "ǅ", "\ufb01", "ⅷ", "\u2060", "\ufe0f")
MARKUP = ("<script>alert(1)</script>", "{{ 7*7 }}", "{% if x %}", "{# c #}", "]]>", "-->", "<!--",
          "<![CDATA[", "&amp;", "&#0;", "&nbsp", "<b>bold</b>", "<img src=/media/photo.png onerror=alert(1)>",
          "javascript:alert(1)", "\"'><", "`", "%(x)s", "{0}", "\\", "$&", "<?xml", "</title>", "</script>",
          "*emph*", "[link](javascript:alert(1))", "@", "#", ": ", " - ", "|", ">", "&", "!", "<x>", ",;\\,")
BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")
CONTROLS = ("\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x9f", "\t", "\ufeff", "\uffff", "\ufdd0")
TINY = ("x", "中", "é", "🎓", "\u200b", "-", "0", "\u0301")


def weighted(*choices: tuple[st.SearchStrategy, int]) -> st.SearchStrategy:
    """One of the strategies, picked in proportion to its weight; shrinks toward the first."""
    return st.one_of([s for s, weight in choices for _ in range(weight)])


@functools.lru_cache(maxsize=256)
def pieces() -> st.SearchStrategy[str]:
    return weighted((st.sampled_from(WORDS), 8), (st.sampled_from(ODD), 3), (st.sampled_from(MARKUP), 3),
                    (st.sampled_from(BREAKS), 1), (st.sampled_from(CONTROLS), 1))


@functools.lru_cache(maxsize=256)
def one_line(scale: Scale, max_length: int | None = None) -> st.SearchStrategy[str]:
    """Text for a one-line field: words with odd characters, markup and line breaks among them; tiny or long.
    With `max_length`, long texts reach it but do not pass it."""
    visible = st.sampled_from(WORDS + ODD[9:] + MARKUP)  # ODD[:9] are invisible or spaces
    joined = st.tuples(visible, st.lists(pieces(), max_size=4), st.sampled_from((" ", ""))).map(
        lambda parts: parts[2].join((parts[0], *parts[1])))
    lengths = tuple(n for n in (299, 300, 301, scale.long_text) if max_length is None or n <= max_length)
    long = st.tuples(visible, st.sampled_from(lengths)).map(lambda p: (p[0] * (p[1] // len(p[0]) + 1))[:p[1]])
    return weighted((joined, 10), (st.sampled_from(TINY), 1), (long, 1))


@functools.lru_cache(maxsize=256)
def text_node(text: st.SearchStrategy[str], raw_controls: bool = False) -> st.SearchStrategy[Node]:
    """A text in any YAML style; with `raw_controls`, now and then double-quoted with raw control characters."""
    return st.builds(Text, text, st.sampled_from(STYLES), st.sampled_from((False,) * 7 + (raw_controls,)))


# Links to what the site publishes ({program} and the like are filled in only when the site has one).
LINK_TARGETS = ("/{code}/", "/{code}/programs/", "/{code}/partners/", "/{code}/programs/{program}/",
                "/{code}/partners/{partner}/", "/{code}/news/", "/{code}/feed.xml", "/{code}/calendar.ics",
                "/{code}/{page}/", "/{code}/news/{news}/", "/media/photo.png", "/media/diagram.svg", "/logos/logo.svg",
                "/", "#top", "https://example.com/x?a=1&b=2", "mailto:a@example.org", "tel:+70000000000",
                "javascript:alert(1)", "data:text/html,<script>x</script>", "//evil.example/",
                "/{code}/programs/{program}/#apply")
# Published too, but the link checker does not know them all yet; one site in five links to them.
RARE_LINK_TARGETS = ("/{code}/compare/", "/{code}/search/", "/sitemap.xml", "/programs.json", "/robots.txt",
                     "/{code}/404.html")
BROKEN_LINK_TARGETS = ("../relative/", "/{code}/programs/{program}/calendar.ics", "x", "/{code}/programs/missing/", "/media/missing.png", "/%D0%B0/",
                       "/static/css/site.css", "/{code}/programs/{program}", "/{code}/news/page/2/", "/xx/",
                       "relative.html", "/{code}//programs/", "/{code}/programs/../")


@functools.lru_cache(maxsize=256)
def markdown(scale: Scale, links: st.SearchStrategy[str], huge: bool = False) -> st.SearchStrategy[str]:
    """Markdown with every construct editors use, raw HTML and links to every kind of page; with `huge`,
    now and then as large as the scale allows (news and pages only, so that few sites are slow to build)."""
    line = one_line(SUITE_SCALE)
    block = weighted(
        (line, 6),
        (st.tuples(st.integers(1, 7), line).map(lambda h: "#" * h[0] + " " + h[1]), 2),
        (st.lists(line, min_size=1, max_size=4).map(lambda items: "\n".join("- " + i for i in items)), 2),
        (st.tuples(line, links).map(lambda p: f"[{p[0]}]({p[1]})"), 3),
        (st.tuples(st.sampled_from(("", "A photo", "<b>")), links).map(lambda p: f"![{p[0]}]({p[1]})"), 2),
        (st.sampled_from(RAW_HTML), 2),
        (st.sampled_from(MARKDOWN_ODDITIES), 2),
        (links.map(lambda target: f'<a href="{target}">link</a> <img src="{target}" alt="x">'), 1),
    )
    body = st.lists(block, min_size=1, max_size=8).map("\n\n".join)
    huge_body = st.tuples(body, st.sampled_from((scale.markdown_bytes // 2, scale.markdown_bytes))).map(
        lambda p: (p[0] + "\n\n") * (p[1] // (len(p[0].encode()) + 2) + 1))
    return weighted((body, 30), (huge_body, 1)) if huge else body


RAW_HTML = ('<img src="/media/photo.png" onerror="alert(1)">', '<img src="/media/photo.png">',
            "<iframe src=//example.org/></iframe>",
            '<div style="color:red" onclick="x()">div</div>', "<details><summary>More</summary>Text</details>",
            "<table><tr><td>cell", "</div></div>", "<p align=center>centred</p>", "<video src=/media/diagram.svg></video>",
            '<a href="javascript:alert(1)">x</a>', "<svg onload=alert(1)><circle r=1 /></svg>",
            "<math><mi>x</mi></math>", "<form action=/><input name=q></form>", '<span id="main">dup id</span>',
            "<h1>Heading one</h1>", "<br/><hr/><wbr>", "<ruby>漢<rt>kan</rt></ruby>", "<!-- comment -- -->")
MARKDOWN_ODDITIES = ("```python\nprint('<b>')\n```", "```\nunclosed fence", "| a | b |\n|---|---|\n| 1 | 2 |",
                     "Footnote[^1].\n\n[^1]: The note.", "> > > > deeply quoted", "    indented code <script>",
                     "***\n---\n___", "Term\n: Definition", "[ref]\n\n[ref]: /en/ \"Title\"",
                     "<https://example.org/auto>", "![][img]\n\n[img]: /media/photo.png", "- [ ] task\n- [x] done",
                     "1. one\n1. two\n   - nested\n     - deeper", "Line with trailing spaces  \nbreak",
                     "\\<escaped\\> \\*chars\\*", "&copy; &unknown; &#x110000;", "* * *", "#hashtag without space")

DATES = ("0001-01-01", "0001-01-02", "1900-01-01", "1970-01-01", "1999-12-31", "2000-02-29", "2024-02-29",
         "2026-02-28", "2026-11-23", "2026-11-24", "2026-11-25", "2026-12-31", "2027-03-01", "2028-02-29",
         "2038-01-19", "2100-01-01", "9999-12-30", "9999-12-31")
WRONG_DATES = ("2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "10000-01-01", "2026-1-1",
               "26-01-01", "2026/01/01", "20260101", "2026-11-24T10:00:00", "!!timestamp 2026-02-30",
               "!!timestamp 2026-11-24", "'2026-11-24 '", "2026-W48")
WHOLE_NUMBERS = ("1", "2", "7", "12", "40", "365", "1000", "1000000", "2147483647", "2147483648",
                 "9007199254740993", "9223372036854775808", "1" + "0" * 30, "1" + "0" * 100, "0x10", "1_000")
WRONG_WHOLE_NUMBERS = ("0", "-1", "1.5", "'10'", "true", "10 weeks", ".inf", "-.inf", ".nan", "1e3", "[1]", "0o17")
AMOUNTS = ("1", "0.01", "0.5", "1500", "1500.50", "99999.999", "1e-10", "1.0e-7", "1000000", "123456789012",
           "1e27", "1e28", "1.0e+100", "9.999999999999999e+307", "1e308", "5e-324", "'1500'", "0.1e1",
           "999999999999999999999999999999")
WRONG_AMOUNTS = ("0", "-1", "-0.0", ".inf", ".nan", "'1 500'", "€1500", "true", "[1]", "abc", "1e400", "'1,500'")
CURRENCIES = ("EUR", "RUB", "CNY", "USD", "JPY", "KWD", "CLF", "XAU", "XXX", "XTS", "BOV", "IRR", "VES")
WRONG_CURRENCIES = ("eur", "RMB", "€", "EURO", "", "US$", "123")
COUNTRIES = ("CN", "RU", "DE", "US", "BR", "GB", "AQ", "XK", "EU", "UN", "ZZ", "QO", "IL", "SA", "KP")
WRONG_COUNTRIES = ("cn", "CHN", "UK", "C", "Russia", "RUS", "", "XX", "NO_", "中国")
URLS = ("https://example.org/apply", "http://example.com", "https://例子.中国/申请?x=1&y=<2>",
        "https://example.org/a\"b'c", "https://x", "https://example.org/%zz", "https://example.org/path#frag",
        "https://user:pass@example.org:8443/", "https://example.org/" + "a" * 300, "HTTPS://EXAMPLE.ORG/",
        "https://example.org/<script>", "https://[::1]/", "https://example.org/{{x}}")
WRONG_URLS = ("ftp://example.org/", "example.org", "javascript:alert(1)", "https://", "https:// x", "//x.org",
              "mailto:a@b.co", "https://exa mple.org/")
EMAILS = ("a@b.co", "internships@example.org", "Ünïcödé@例子.中国", "a+tag@sub.example.org", "<b>@x.y",
          "a\"b@example.org", "x@y.z")
WRONG_EMAILS = ("a@b", "@example.org", "a b@example.org", "a@@b.co", "mailto:a@b.co")


@functools.lru_cache(maxsize=256)
def raw(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.sampled_from(values).map(Raw)


@functools.lru_cache(maxsize=256)
def quoted(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.builds(Text, st.sampled_from(values), st.sampled_from(("plain", "single", "double")))


WRONG_TYPES = ("[]", "{}", "~", "true", "42", "3.5", "[a, [b]]", "{x: y}", "'<<placeholder>>'", "!!binary aGVsbG8=",
               "!!python/object/apply:os.system ['true']", "!!set {a, b}", "!!omap [a: 1]", "!custom x",
               "*undefined", "'   '", "''", "!!int abc", "!!float x", "[&a x, *a]", "'\u00a0'", "!!null ''")


def wrong_type() -> st.SearchStrategy[Node]:
    return raw(WRONG_TYPES)


def alias_bomb(depth: int) -> str:
    """A flow list whose every level names the level below nine times."""
    level = "&b0 [" + ", ".join(["lol"] * 9) + "]"
    for number in range(1, depth + 1):
        level = f"&b{number} [{level}, " + ", ".join([f"*b{number - 1}"] * 8) + "]"
    return level
