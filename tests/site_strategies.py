"""Hypothesis strategies for whole sites: site.yaml in ru, en and zh, programs, partners, news and pages
using every field of the content model (docs/content.md), written as YAML text so that aliases, tags and
odd styles occur too.

Three sites in four are within every documented limit (up to exactly each limit, with hostile text in every
field); the fourth has one to three deliberate mistakes just outside a limit, each named in `mistakes`, and
check must reject it."""
from __future__ import annotations

import base64
import functools
from dataclasses import dataclass

from hypothesis import strategies as st

from sitegen.foundation import limits
from site_values import (BROKEN_LINK_TARGETS, COUNTRIES, CURRENCIES, DATES, EMAILS, LINK_TARGETS, MARKDOWN_MISTAKES,
                         PHONES, URLS, WRONG_COUNTRIES, WRONG_CURRENCIES, WRONG_DATES, WRONG_EMAILS, WRONG_PHONES,
                         WRONG_URLS, Scale, alias_bomb, amounts, counts, markdown, one_line, past_alias_budget,
                         past_text, plain_text, quoted, raw, text_node, weighted, within_markdown_limits,
                         wrong_amounts, wrong_counts, wrong_type)
from yaml_text import Mapping, Node, Raw, Seq, Text, yaml_text

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n'
MEDIA = {"content/media/photo.png": PNG, "content/media/diagram.svg": SVG, "partners/logos/logo.svg": SVG}

LANGUAGES = {  # code: (locales, hreflangs, names), the first of each as the sample site has it
    "ru": (("ru_RU", "ru", "ru_UA"), ("ru", "ru-RU"), ("Русский", "русский язык")),
    "en": (("en_GB", "en_US", "en", "en_US_POSIX", "en_001"), ("en", "en-GB", "en-US"), ("English", "EN")),
    "zh": (("zh_Hans_CN", "zh_Hant_TW", "zh", "zh_Hans_SG"), ("zh-Hans", "zh-Hant", "zh", "zh-CN"), ("中文", "简体中文")),
    "ar": (("ar_EG", "ar"), ("ar", "ar-EG"), ("العربية",)),
}
WRONG_LOCALES = ("zh_Hanz_CN", "xx_XX", "ru_RU.UTF-8", "klingon")
WRONG_HREFLANGS = ("zh_Hans", "EN_gb", "x-default", "zh-Hans-CN-", "Русский", "en-" + "-".join(["abcdefgh"] * 4))
TIMEZONES = ("Europe/Moscow", "UTC", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns",
             "Asia/Kathmandu", "Etc/GMT+12", "Etc/GMT-14", "Antarctica/Troll")
WRONG_TIMEZONES = ("Europe/Mosco", "Europe", "../etc/passwd", "Moscow", "/etc/localtime")
BASE_URLS = ("https://example.org/", "https://example.org/internships/", "http://localhost:8000/",
             "https://例子.中国/目录/", "https://example.org/a%20b/", "https://EXAMPLE.org/Path/", "https://example.org")
WRONG_BASE_URLS = ("ftp://example.org/", "/internships/", "example.org", "https://example.org/a b/",
                   "https://example.org/cat?x=1#y", "https://example.org/\"<'>/")
SLUGS = ("a", "0", "summer", "summer-school-2026", "x-1-y-2", "2026", "z" * 80)
WRONG_SLUGS = ("Bad_Slug", "über", "a--b", "-a", "a-", "A", "a b", "a.b", "a\n")
RESERVED_SLUGS = ("feed", "search", "compare", "programs", "404", "media")
TYPES = ("internship", "professional-development", "summer-school", "exchange", "joint-program")
AUDIENCES = ("students", "graduates", "researchers", "faculty", "company-employees")
KINDS = ("university", "institute", "company", "education-group", "government", "other")
# What a file may begin or end with and stay the same YAML; and what makes it no site file at all.
FILE_ODDITIES = ("\ufeff{text}", "{text}...\n", "%YAML 1.1\n---\n{text}", "---\n{text}", "{text}# a last comment\n")
FILE_MISTAKES = ("{text}---\nsecond: document\n", "\t{text}", "", "- {text}", "just text\n", "# only a comment\n",
                 "{text}key without value\n", "{text}? [complex, key]\n: value\n", "{text}1: number key\n")

Entry = tuple[str, st.SearchStrategy[Node]]
Wrong = st.SearchStrategy[tuple[str, Node]]  # (what is wrong, the value)


@dataclass(frozen=True)
class Ctx:
    """What values in a site's files may refer to: only what the site publishes."""

    codes: tuple[str, ...]
    programs: tuple[str, ...]  # published ones; drafts are not linked
    partners: tuple[str, ...]
    pages: tuple[str, ...]
    news: tuple[str, ...]
    fields: tuple[str, ...]
    media: tuple[str, ...]
    scale: Scale

    @functools.lru_cache(maxsize=256)
    def links(self, broken: bool = False) -> st.SearchStrategy[str]:
        """Links to pages the site publishes, or (`broken`) to what it does not publish."""
        kinds = {"program": self.programs, "partner": self.partners, "page": self.pages, "news": self.news}
        targets = tuple(t for t in (BROKEN_LINK_TARGETS if broken else LINK_TARGETS)
                        if all(kinds[k] or "{" + k + "}" not in t for k in kinds))
        return st.builds(lambda target, code, *slugs: target.format(code=code, **dict(zip(kinds, slugs))),
                         st.sampled_from(targets), st.sampled_from(self.codes),
                         *(st.sampled_from(slugs or ("none",)) for slugs in kinds.values()))

    @functools.lru_cache(maxsize=256)
    def text(self, limit: int = limits.TITLE) -> st.SearchStrategy[Node]:
        """A one-line text of at most `limit` characters."""
        return text_node(one_line(limit))

    @functools.lru_cache(maxsize=256)
    def plain(self, limit: int) -> st.SearchStrategy[Node]:
        """A text of at most `limit` characters that may run over lines."""
        return text_node(plain_text(limit))

    @functools.lru_cache(maxsize=256)
    def markdown_text(self) -> st.SearchStrategy[Node]:
        return text_node(markdown(self.scale, self.links()))

    @functools.lru_cache(maxsize=256)
    def localized(self, text: st.SearchStrategy[Node] | None = None) -> st.SearchStrategy[Node]:
        """A mapping of most or all of the site's languages to text, now and then in flow style."""
        in_all = st.just(self.codes)
        some = st.lists(st.sampled_from(self.codes), min_size=1, unique=True).map(tuple)
        return st.builds(lambda codes, texts, flow: Mapping(tuple(zip(codes, texts)), flow=flow),
                         weighted((in_all, 3), (some, 1)), st.lists(self.text() if text is None else text, min_size=len(self.codes),
                                                                    max_size=len(self.codes)), st.booleans())

    @functools.lru_cache(maxsize=256)
    def wrong_localized(self, wrong: Wrong) -> Wrong:
        """A localized value whose text in one language is wrong, or that has a language the site has not."""
        def spoil(good: Mapping, mistake: tuple[str, Node], code: str) -> tuple[str, Node]:
            what, node = mistake
            return f"{code}: {what}", Mapping(((code, node),) + tuple(e for e in good.entries if e[0] != code), good.flow)
        in_language = st.builds(spoil, self.localized(), wrong, st.sampled_from(self.codes))
        foreign = st.builds(lambda good: ("a language the site has not", Mapping(good.entries + (("de", Text("x")),))),
                            self.localized())
        return weighted((in_language, 4), (foreign, 1))

    @functools.lru_cache(maxsize=256)
    def wrong_text(self, limit: int | None, single_line: bool) -> Wrong:
        return past_text(limit, single_line).map(lambda p: (p[0], Text(p[1], "double")))

    @functools.lru_cache(maxsize=256)
    def wrong_markdown(self) -> Wrong:
        """Markdown with an image without alt, a broken link, or past one of Markdown's limits."""
        kinds = st.sampled_from(sorted(MARKDOWN_MISTAKES)).flatmap(
            lambda what: st.tuples(st.just(what), st.sampled_from(MARKDOWN_MISTAKES[what])))
        broken = self.links(broken=True).map(lambda url: (f"a broken link {url}", f"[broken]({url})"))
        mistake = weighted((kinds, 3), (broken, 2))
        return st.builds(lambda good, m: (m[0], Text(f"{good}\n\n{m[1]}", "double")),
                         markdown(self.scale, self.links()), mistake)

    @functools.lru_cache(maxsize=256)
    def slug_list(self, slugs: tuple[str, ...], at_least: int) -> st.SearchStrategy[Node]:
        chosen = st.lists(st.sampled_from(slugs), min_size=at_least, max_size=3, unique=True) if slugs else st.just([])
        return st.builds(lambda items, flow: Seq(tuple(map(Text, items)), flow=flow), chosen, st.booleans())


def wrong_values(values: tuple[str, ...], write=Raw) -> Wrong:
    return st.sampled_from(values).map(lambda v: (repr(v)[:60], write(v)))


def texts_of(ctx: Ctx, fields: dict[str, tuple[int | None, bool, bool]],
             draft: bool = False) -> tuple[dict[str, st.SearchStrategy[Node]], dict[str, Wrong]]:
    """Good and wrong values of text fields, from {key: (limit, one line, localized)}. The links and images of a
    draft's Markdown are not checked (it is not published), so a draft's Markdown gets no mistakes."""
    good, wrong = {}, {}
    for key, (limit, single_line, localized) in fields.items():
        text = ctx.text(limit) if single_line else ctx.plain(limit) if limit else ctx.markdown_text()
        good[key] = ctx.localized(text) if localized else text
        if limit or single_line or not draft:
            mistake = ctx.wrong_text(limit, single_line) if limit or single_line else ctx.wrong_markdown()
            wrong[key] = ctx.wrong_localized(mistake) if localized else mistake
    return good, wrong


@st.composite
def fields_of(draw, required: list[Entry], optional: list[Entry]) -> tuple[list[tuple[str, Node]], set[str]]:
    """Every required field and any of the optional ones, in an order an editor might write them."""
    entries = [(key, draw(value)) for key, value in required]
    entries += [(key, draw(value)) for key, value in optional if draw(st.booleans())]
    return draw(st.permutations(entries)), {key for key, _ in required}


def _aliased(entries: list[tuple[str, Node]], aliases: dict[str, str]) -> list[tuple[str, Node]]:
    """A localized value named by an anchor and repeated by an alias where the same text fits: {anchored key:
    key of the alias}, for optional keys the file does not have (the budget of repeated values is far off)."""
    present = dict(entries)
    for index, (key, value) in enumerate(entries):
        later = aliases.get(key)
        if later and later not in present and isinstance(value, Mapping) and value.entries:
            return entries[:index] + [(key, Mapping(value.entries, value.flow, anchor="shared"))] + entries[index + 1:] + \
                [(later, Raw("*shared"))]
    return entries


MISTAKES = ("outside", "outside", "outside", "type", "drop", "unknown", "repeat", "aliases", "raw control", "file")


@st.composite
def spoiled(draw, entries: list[tuple[str, Node]], required: set[str], wrong: dict[str, Wrong], bomb_depth: int,
            templates: tuple[str, ...]) -> tuple[list[tuple[str, Node]], str | None, str]:
    """The file's fields with one mistake an editor makes: a value just outside the field's limits, a value
    of a type no field takes, a required key left out, an unknown or repeated key, aliases past their
    budget, a raw control character; or a broken file. (entries, file template or None, what is wrong)."""
    entries = list(entries)
    index = draw(st.integers(0, len(entries) - 1))
    key = entries[index][0]
    mistake = draw(st.sampled_from(MISTAKES))
    if mistake == "outside" and key in wrong:
        what, value = draw(wrong[key])
        entries[index] = (key, value)
        return entries, None, f"{key}: {what}"
    if mistake == "drop" and key in required:
        entries.pop(index)
        return entries, None, f"{key}: required, left out"
    if mistake == "unknown":
        unknown = draw(st.sampled_from((key + "s", key.upper(), "titel", "<<", "", "ключ")))
        entries.insert(index, (unknown, Raw("x")))
        return entries, None, f"an unknown key {unknown!r}"
    if mistake == "repeat":
        return entries + [entries[index]], None, f"{key}: written twice"
    if mistake == "aliases":
        bomb = draw(st.sampled_from((alias_bomb(draw(st.integers(4, bomb_depth))), past_alias_budget())))
        entries[index] = (key, Raw(bomb))
        return entries, None, f"{key}: aliases past the budget"
    if mistake == "raw control":
        entries[index] = (key, Text(draw(st.sampled_from(("a\x01b", "a\x00b", "a\x1bb", "a\x7fb"))), "double", True))
        return entries, None, f"{key}: a raw control character in the file"
    if mistake == "file":
        template = draw(st.sampled_from(templates))
        return entries, template, f"the file is {template!r}"
    value = draw(wrong_type())
    entries[index] = (key, value)
    return entries, None, f"{key}: a value of the wrong type {value.yaml[:40]!r}"


@st.composite
def yaml_file(draw, ctx: Ctx, required: list[Entry], optional: list[Entry], wrong: dict[str, Wrong], spoil: bool,
              front_matter: bool = False, aliases: dict[str, str] | None = None) -> tuple[str, str | None]:
    """(the file's text, what is wrong with it or None)."""
    entries, required_keys = draw(fields_of(required, optional))
    if draw(st.integers(0, 3)) == 0:
        entries = _aliased(entries, aliases or {})
    what, template = None, None
    if spoil:
        # A second document in front matter is the article's text.
        templates = FILE_MISTAKES[1:] if front_matter else FILE_MISTAKES
        entries, template, what = draw(spoiled(entries, required_keys, wrong, ctx.scale.bomb_depth, templates))
    text = yaml_text(Mapping(tuple(entries)), "\r\n" if draw(st.integers(0, 4)) == 0 else "\n")
    if template is None and not front_matter and draw(st.integers(0, 5)) == 0:
        template = draw(st.sampled_from(FILE_ODDITIES))
    if template is not None:
        text = template.format(text=text)
    return text, what


@dataclass(frozen=True)
class GeneratedSite:
    """A site's files, {path: text or bytes}; shown as the files themselves when an example fails."""

    files: tuple[tuple[str, str | bytes], ...]
    mistakes: tuple[str, ...] = ()  # what is wrong in it on purpose, "path: what"; check must reject it

    @property
    def wild(self) -> bool:
        return bool(self.mistakes)

    def write(self, root) -> None:
        for relative, content in self.files:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_bytes(content.encode("utf-8", "surrogatepass"))

    def __repr__(self) -> str:
        shown = [f"--- {path} ---\n{_shown(content)}" for path, content in self.files if (path, content) not in MEDIA.items()]
        mistakes = "".join(f"\n  mistake: {_shown(m, 300)}" for m in self.mistakes)
        return f"GeneratedSite, with {len(self.mistakes)} mistakes{mistakes}\nits files but the media:\n" + "\n".join(shown)

    def _repr_pretty_(self, printer, cycle) -> None:  # how Hypothesis prints a failing example
        printer.text(repr(self))


def _shown(content: str | bytes, limit: int = 3000) -> str:
    if isinstance(content, bytes):
        return f"<{len(content)} bytes>"
    text = "".join(c if c.isprintable() or c == "\n" else repr(c)[1:-1] for c in content[:limit])
    return text + (f"\n... ({len(content)} characters in all)" if len(content) > limit else "")


def _date_order(date: str) -> str:
    return date.split()[-1]  # '!!timestamp 2026-11-24' is the day it names


def _session(dates: list[str], keep: tuple[bool, bool], seats: Node | None) -> Node:
    opens, deadline, start, end = sorted(dates, key=_date_order)
    entries = [("application_opens", Raw(opens))] * keep[0] + [("application_deadline", Raw(deadline))] * keep[1]
    entries += [("start", Raw(start)), ("end", Raw(end))] + ([("seats", seats)] if seats else [])
    return Mapping(tuple(entries), flow=True)


def _sessions() -> st.SearchStrategy[Node]:
    one = st.builds(_session, st.lists(st.sampled_from(DATES), min_size=4, max_size=4),
                    st.tuples(st.booleans(), st.booleans()), st.none() | raw(counts(limits.MAX_SEATS)))
    return st.lists(one, max_size=3).map(lambda items: Seq(tuple(items)))


def _wrong_sessions() -> Wrong:
    def reversed_dates(dates: list[str]) -> tuple[str, Node]:
        start, end = sorted(set(dates), key=_date_order)[::-1][:2]
        return (f"end {end} before start {start}",
                Seq((Mapping((("start", Raw(start)), ("end", Raw(end))), flow=True),)))
    reversed_ = st.lists(st.sampled_from(DATES[:-1]), min_size=2, max_size=2, unique=True).map(reversed_dates)
    date = st.builds(lambda d: (f"a date {d}", Seq((Mapping((("start", Raw(d)), ("end", Raw("2199-12-31"))), flow=True),))),
                     st.sampled_from(WRONG_DATES))
    seats = st.builds(lambda n: (f"seats {n}", Seq((Mapping((("start", Raw("2026-01-01")), ("end", Raw("2026-01-02")),
                                                             ("seats", Raw(n))), flow=True),))),
                      st.sampled_from(wrong_counts(limits.MAX_SEATS)))
    return st.one_of(reversed_, date, seats)


def _fee(ctx: Ctx) -> st.SearchStrategy[Node]:
    def paid(currency: str) -> st.SearchStrategy[Node]:
        return st.builds(lambda amount, style, includes: Mapping(
            (("amount", amount), ("currency", Text(currency, style))) + ((("includes", includes),) if includes else ())),
            raw(amounts(currency)), st.sampled_from(("plain", "single", "double")),
            st.none() | ctx.localized(ctx.plain(limits.TEXT)))
    return weighted((st.just(Text("free")), 1), (st.sampled_from(CURRENCIES).flatmap(paid), 3))


def _wrong_fee(ctx: Ctx) -> Wrong:
    amount = st.sampled_from(CURRENCIES).flatmap(lambda c: st.sampled_from(wrong_amounts(c)).map(
        lambda a: (f"amount {a} {c}", Mapping((("amount", Raw(a)), ("currency", Text(c)))))))
    currency = st.sampled_from(WRONG_CURRENCIES).map(
        lambda c: (f"currency {c!r}", Mapping((("amount", Raw("1500")), ("currency", Text(c, "double"))))))
    includes = ctx.wrong_localized(ctx.wrong_text(limits.TEXT, False)).map(
        lambda w: (f"includes {w[0]}", Mapping((("amount", Raw("1")), ("currency", Text("EUR")), ("includes", w[1])))))
    return weighted((amount, 3), (currency, 1), (includes, 1))


UNITS = tuple(limits.MAX_DURATION)


def _duration() -> st.SearchStrategy[Node]:
    return st.sampled_from(UNITS).flatmap(lambda unit: raw(counts(limits.MAX_DURATION[unit])).map(
        lambda n: Mapping(((unit, n),), flow=True)))


def _wrong_duration() -> Wrong:
    past = st.sampled_from(UNITS).flatmap(lambda unit: st.sampled_from(wrong_counts(limits.MAX_DURATION[unit])).map(
        lambda n: (f"{unit}: {n}", Mapping(((unit, Raw(n)),), flow=True))))
    two = st.just(("two units", Mapping((("days", Raw("1")), ("weeks", Raw("1"))), flow=True)))
    return weighted((past, 4), (two, 1))


def _contact(ctx: Ctx) -> st.SearchStrategy[Node]:
    return st.builds(lambda email, phone, wechat: Mapping(tuple(
        (key, value) for key, value in (("email", email), ("phone", phone), ("wechat", wechat)) if value)),
        st.none() | quoted(EMAILS), st.none() | quoted(PHONES), st.none() | ctx.text(limits.NAME))


def _wrong_contact(ctx: Ctx) -> Wrong:
    return st.one_of(
        st.sampled_from(WRONG_EMAILS).map(lambda e: (f"email {e[:40]!r}", Mapping((("email", Text(e, "double")),)))),
        st.sampled_from(WRONG_PHONES).map(lambda p: (f"phone {p[:40]!r}", Mapping((("phone", Text(p, "double")),)))),
        ctx.wrong_text(limits.NAME, True).map(lambda w: (f"wechat: {w[0]}", Mapping((("wechat", w[1]),)))))


def _enum_list(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.builds(lambda items, flow: Seq(tuple(map(Text, items)), flow=flow),
                     st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True), st.booleans())


def _wrong_enum_list(good: tuple[str, ...], wrong: tuple[str, ...]) -> Wrong:
    return st.builds(lambda first, bad: (f"{bad!r} in the list", Seq((Text(first), Text(bad)), flow=True)),
                     st.sampled_from(good), st.sampled_from(wrong))


def _image(ctx: Ctx, localized_alt: bool) -> list[Entry]:
    alt = ctx.text(limits.ALT)
    return [("image", st.sampled_from(ctx.media).map(Text)), ("image_alt", ctx.localized(alt) if localized_alt else alt)]


BOOLEAN = st.sampled_from(("true", "false")).map(Raw)
WRONG_BOOLEANS = ("yes", "no", "on", "'true'", "1", "True ")


@st.composite
def program_file(draw, ctx: Ctx, draft: bool, spoil: bool) -> tuple[str, str | None]:
    status = draw(st.sampled_from((None, None, None, "in-preparation", "archived")))
    mode = draw(st.sampled_from(("onsite", "online", "blended")))
    settled = status != "in-preparation" or draw(st.booleans())
    texts, wrong_texts = texts_of(ctx, {
        "title": (limits.TITLE, True, True), "summary": (limits.SUMMARY, False, True),
        "funding": (limits.TEXT, False, True), "credential": (limits.TEXT, False, True),
        "description": (None, False, True), "eligibility": (None, False, True), "documents": (None, False, True),
        "how_to_apply": (None, False, True), "image_alt": (limits.ALT, True, True)}, draft)
    location = st.builds(lambda city, country: Mapping((("city", city), ("country", country))),
                         ctx.localized(ctx.text(limits.NAME)), quoted(COUNTRIES))
    required = [("title", texts["title"]), ("summary", texts["summary"]), ("type", quoted(TYPES)),
                ("audience", _enum_list(AUDIENCES)), ("field", quoted(ctx.fields)),
                ("partners", ctx.slug_list(ctx.partners, 1)), ("updated", raw(DATES))]
    required += [("mode", st.just(Text(mode))), ("languages", _enum_list(("en", "ru", "zh", "yue", "haw", "ar")))] * settled
    required += [("location", location)] * (settled and mode != "online")
    required += [("status", st.just(Text(status)))] if status else []
    required += [("draft", st.just(Raw("true")))] if draft else []
    optional = [(key, texts[key]) for key in ("description", "funding", "credential", "eligibility", "documents",
                                              "how_to_apply")]
    optional += [("duration", _duration()), ("sessions", _sessions()), ("fee", _fee(ctx)), ("apply_url", quoted(URLS)),
                 ("contact", _contact(ctx)), ("featured", BOOLEAN)]
    optional += [("draft", st.just(Raw("false")))] * (not draft)
    optional += [("location", location)] * (not settled or mode == "online")
    if draw(st.booleans()):
        required += [("image", st.sampled_from(ctx.media).map(Text)), ("image_alt", texts["image_alt"])]
    city = ctx.wrong_localized(ctx.wrong_text(limits.NAME, True))
    wrong = {**wrong_texts, "type": wrong_values(("Internship", "school", ""), Text),
             "audience": _wrong_enum_list(AUDIENCES, ("student", "all", "Faculty")),
             "field": wrong_values(("unknown-field", "Engineering"), Text),
             "partners": _wrong_enum_list(ctx.partners, ("missing-partner",)),
             "mode": wrong_values(("offline", "Online"), Text),
             "languages": _wrong_enum_list(("en",), ("English", "xx", "zh-Hans")),
             "updated": wrong_values(WRONG_DATES), "sessions": _wrong_sessions(), "fee": _wrong_fee(ctx),
             "duration": _wrong_duration(), "apply_url": wrong_values(WRONG_URLS, Text), "contact": _wrong_contact(ctx),
             "status": wrong_values(("open", "Archived", "draft"), Text), "image": wrong_values(("missing.png", "photo.PNG"), Text),
             "featured": wrong_values(WRONG_BOOLEANS), "draft": wrong_values(WRONG_BOOLEANS),
             "location": st.one_of(
                 st.sampled_from(WRONG_COUNTRIES).map(lambda c: (f"country {c!r}", Mapping((("city", Text("X")), ("country", Text(c)))))),
                 city.map(lambda w: (f"city {w[0]}", Mapping((("city", w[1]), ("country", Text("CN")))))))}
    return draw(yaml_file(ctx, required, optional, wrong, spoil, aliases={"title": "funding", "summary": "credential"}))


@st.composite
def partner_file(draw, ctx: Ctx, spoil: bool) -> tuple[str, str | None]:
    texts, wrong_texts = texts_of(ctx, {"name": (limits.TITLE, True, True), "short_name": (limits.NAME, True, True),
                                        "city": (limits.NAME, True, True), "description": (None, False, True)})
    required = [("name", texts["name"]), ("country", quoted(COUNTRIES)), ("kind", quoted(KINDS))]
    optional = [("short_name", texts["short_name"]), ("city", texts["city"]), ("website", quoted(URLS)),
                ("logo", st.just(Text("logo.svg"))), ("description", texts["description"])]
    wrong = {**wrong_texts, "country": wrong_values(WRONG_COUNTRIES, Text), "kind": wrong_values(("University", "school"), Text),
             "website": wrong_values(WRONG_URLS, Text), "logo": wrong_values(("missing.svg", "../logo.svg"), Text)}
    return draw(yaml_file(ctx, required, optional, wrong, spoil, aliases={"city": "short_name", "short_name": "city"}))


@st.composite
def article_file(draw, ctx: Ctx, date: str | None, draft: bool, huge: bool, spoil: bool) -> tuple[str, str | None]:
    """A news article's (with its date) or a page's file in one language: front matter and Markdown (`huge`: up
    to MAX_FILE_BYTES together); with `spoil`, one mistake in its front matter or its text."""
    texts, wrong = texts_of(ctx, {"title": (limits.TITLE, True, False), "summary": (limits.TEXT, False, False),
                                  "menu_title": (limits.NAME, True, False), "image_alt": (limits.ALT, True, False)})
    required = [("title", texts["title"])] + ([("date", st.just(Raw(date)))] if date else [])
    required += [("draft", st.just(Raw("true")))] if draft else []
    optional = [("summary", texts["summary"]), ("partners", ctx.slug_list(ctx.partners, 0)),
                ("programs", ctx.slug_list(ctx.programs, 0))] + [("draft", st.just(Raw("false")))] * (not draft)
    optional += [] if date else [("menu_title", texts["menu_title"]), ("date", raw(DATES))]
    if draw(st.booleans()):
        required += _image(ctx, localized_alt=False)
    wrong.update({"date": wrong_values(WRONG_DATES + tuple(d for d in DATES if date and d[-10:] != date[-10:])),
                  "partners": _wrong_enum_list(ctx.partners, ("missing-partner",)),
                  "programs": _wrong_enum_list(ctx.programs or ("x",), ("missing-program",)),
                  "image": wrong_values(("missing.png",), Text)})
    in_text = spoil and not draft and draw(st.integers(0, 2)) == 0
    front, what = draw(yaml_file(ctx, required, optional, wrong, spoil and not in_text, front_matter=True))
    body = draw(markdown(ctx.scale, ctx.links(), huge=huge))
    if in_text:
        what, value = draw(st.one_of(ctx.wrong_markdown().map(lambda w: (w[0], w[1].value)),
                                     st.just((f"more than {limits.MAX_FILE_BYTES} bytes", None))))
        body = value if value is not None else _sized(f"---\n{front}---\n", body, limits.MAX_FILE_BYTES + 1)
    elif huge:  # as large as it came, or (at a scale that reaches it) exactly as large as a file may be
        head = f"---\n{front}---\n"
        size = min(len(head.encode()) + len(body.encode()) + 1, limits.MAX_FILE_BYTES)
        body = _sized(head, body, draw(st.sampled_from((size, max(size, min(ctx.scale.markdown_bytes, limits.MAX_FILE_BYTES))))))
    return f"---\n{front}---\n{body}\n", what


def _sized(head: str, body: str, size: int) -> str:
    """The body cut or padded so that head, body and a last line break take exactly `size` bytes, if it may."""
    room = size - len(head.encode()) - 1
    cut = body.encode()[:room].decode(errors="ignore")
    cut = cut[:cut.rfind("\n\n") + 1] if len(cut) < len(body) else cut  # no paragraph cut short: '<img src="x"' has no alt
    text = cut + "x" * (room - len(cut.encode()))
    return text if size > limits.MAX_FILE_BYTES or within_markdown_limits(text) else cut[:cut.rfind("\n\n", 0, room // 2) + 1]


def _language(code: str, codes: tuple[str, ...]) -> st.SearchStrategy[Node]:
    locales, hreflangs, names = LANGUAGES[code]
    others = tuple(c for c in codes if c != code)
    return st.builds(
        lambda locale, hreflang, name, fallback: Mapping(
            (("code", Text(code)), ("locale", locale)) + ((("hreflang", hreflang),) if hreflang else ())
            + (("name", name), ("fallback", Seq(tuple(map(Text, fallback)), flow=True))), flow=True),
        quoted(locales), st.none() | quoted(hreflangs), quoted(names) | text_node(one_line(limits.NAME)),
        st.lists(st.sampled_from(others), max_size=3, unique=True))


def _wrong_language_entry(codes: tuple[str, ...]) -> Wrong:
    wrong = {"locale": WRONG_LOCALES, "hreflang": WRONG_HREFLANGS, "fallback": ("de",),
             "name": ("x" * (limits.NAME + 1), "a\nb")}

    def spoil(languages: tuple[Mapping, ...], index: int, key: str, value: str) -> tuple[str, Node]:
        language = languages[index]
        node = Seq((Text(value),), flow=True) if key == "fallback" else Text(value, "double")
        entries = tuple(e for e in language.entries if e[0] != key) + ((key, node),)
        return f"{language.entries[0][1].value}.{key}: {value[:40]!r}", Seq(
            languages[:index] + (Mapping(entries, flow=True),) + languages[index + 1:])
    key_value = st.sampled_from(sorted(wrong)).flatmap(lambda key: st.tuples(st.just(key), st.sampled_from(wrong[key])))
    return st.builds(lambda languages, index, kv: spoil(languages, index, *kv),
                     st.tuples(*(_language(c, codes) for c in codes)), st.integers(0, len(codes) - 1), key_value)


@st.composite
def site_file(draw, ctx: Ctx, spoil: bool) -> tuple[str, str | None]:
    texts, wrong_texts = texts_of(ctx, {"title": (limits.TITLE, True, True), "description": (limits.TEXT, False, True),
                                        "share_image_alt": (limits.ALT, True, True)})
    languages = st.builds(lambda items: Seq(tuple(items)), st.tuples(*(_language(c, ctx.codes) for c in ctx.codes)))
    fields = Mapping(tuple((key, draw(ctx.localized(ctx.text(limits.TITLE)))) for key in ctx.fields))
    menu = st.lists(st.sampled_from(("programs", "partners", "news") + ctx.pages), unique=True).map(
        lambda items: Seq(tuple(map(Text, items)), flow=True))
    required = [("title", texts["title"]), ("base_url", quoted(BASE_URLS)),
                ("default_language", quoted(ctx.codes)), ("languages", languages), ("timezone", quoted(TIMEZONES)),
                ("fields", st.just(fields))]
    optional = [("description", texts["description"]), ("menu", menu), ("contact", _contact(ctx)),
                ("news_per_page", raw(counts(limits.MAX_NEWS_PER_PAGE))), ("share_image", quoted(ctx.media)),
                ("share_image_alt", texts["share_image_alt"]), ("draw_share_images", BOOLEAN)]
    wrong = {**wrong_texts, "base_url": wrong_values(WRONG_BASE_URLS, Text),
             "default_language": wrong_values(("de", "RU"), Text), "languages": _wrong_language_entry(ctx.codes),
             "timezone": wrong_values(WRONG_TIMEZONES, Text), "news_per_page": wrong_values(wrong_counts(limits.MAX_NEWS_PER_PAGE)),
             "share_image": wrong_values(("missing.png",), Text), "draw_share_images": wrong_values(WRONG_BOOLEANS),
             "menu": st.just(("a repeated and an unknown entry", Seq((Text("programs"), Text("programs"), Text("nowhere")), flow=True))),
             "fields": st.just(("keys that are no slugs", Mapping((("Bad Key", Text("x")), ("1", Text("y")))))),
             "contact": _wrong_contact(ctx)}
    return draw(yaml_file(ctx, required, optional, wrong, spoil, aliases={"title": "description"}))


def _slugs(scale: Scale, at_least: int, taken: tuple[str, ...] = ()) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from([s for s in SLUGS if s not in taken]), min_size=at_least, max_size=scale.items,
                    unique=True).map(tuple)


@st.composite
def sites(draw, scale: Scale, wild: bool | None = None) -> GeneratedSite:
    """A whole site; one in four (or as `wild` says) has one to three mistakes, the others are within every limit."""
    wild = draw(st.integers(0, 3)) == 2 if wild is None else wild  # not 0, which Hypothesis favours when a test is slow
    extra = draw(st.sampled_from(((),) * 5 + (("ar",),)))
    programs = draw(_slugs(scale, 1))
    ctx = Ctx(codes=("ru", "en", "zh") + extra, programs=programs, partners=draw(_slugs(scale, 1)),
              pages=draw(_slugs(scale, 0)), news=draw(_slugs(scale, 0)),
              fields=tuple(draw(st.lists(st.sampled_from(("engineering", "x", "a-1", "z" * 60)), min_size=1, unique=True))),
              media=tuple(name.rsplit("/", 1)[1] for name in MEDIA if name.startswith("content/media/")), scale=scale)
    drafts = draw(st.lists(st.sampled_from([s for s in SLUGS if s not in programs]), max_size=1))
    plan: list[tuple[str, st.SearchStrategy]] = [("site.yaml", functools.partial(site_file, ctx))]
    plan += [(f"partners/{slug}.yaml", functools.partial(partner_file, ctx)) for slug in ctx.partners]
    plan += [(f"programs/{slug}.yaml", functools.partial(program_file, ctx, slug in drafts)) for slug in programs + tuple(drafts)]
    for kind, slugs in (("news", ctx.news), ("pages", ctx.pages)):
        for slug in slugs:
            date = draw(st.sampled_from(DATES[:4] + DATES[4:-1])) if kind == "news" else None
            codes = draw(st.lists(st.sampled_from(ctx.codes), min_size=1, unique=True))
            for number, code in enumerate(codes):  # one translation at least is published
                draft = number > 0 and draw(st.integers(0, 4)) == 0
                plan.append((f"content/{kind}/{date + '-' if date else ''}{slug}.{code}.md",
                             functools.partial(article_file, ctx, date, draft, huge=False)))
    articles = [number for number, (path, _) in enumerate(plan) if path.startswith("content/")]
    huge = draw(st.sampled_from(articles + [None] * max(1, len(articles)))) if articles else None
    if huge is not None:  # one text of the site at most is as large as the scale allows
        plan[huge] = (plan[huge][0], functools.partial(plan[huge][1], huge=True))
    spoilt = set(draw(st.lists(st.sampled_from([path for path, _ in plan]), min_size=1, max_size=3, unique=True))) if wild else set()
    files: dict[str, str | bytes] = dict(MEDIA)
    mistakes = []
    for path, strategy in plan:
        spoil = path in spoilt
        if spoil and path != "site.yaml" and draw(st.integers(0, 5)) == 0:
            path, what = draw(_misnamed(path))
            files[path], _ = draw(strategy(spoil=False))
        else:
            files[path], what = draw(strategy(spoil=spoil))
        if what:
            mistakes.append(f"{path}: {what}")
    return GeneratedSite(tuple(sorted(files.items())), tuple(mistakes))


@st.composite
def _misnamed(draw, path: str) -> tuple[str, str]:
    """The path with a slug no file may have, or (a news article or page) a language the site has not."""
    folder, name = path.rsplit("/", 1)
    stem, _, suffix = name.partition(".")
    if folder.startswith("content/") and draw(st.booleans()):
        return f"{folder}/{stem}.de.md", "a language the site has not"
    date = stem[:11] if folder == "content/news" else ""
    slug = draw(st.sampled_from(WRONG_SLUGS + RESERVED_SLUGS * (folder == "content/pages")))
    return f"{folder}/{date}{slug}.{suffix}", f"the slug {slug!r}"
