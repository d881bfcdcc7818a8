"""Hypothesis strategies for whole sites: site.yaml in ru, en and zh, programs, partners, news and pages
using every field of the content model (docs/content.md), with values within and just outside its limits,
written as YAML text so that aliases, tags, duplicate keys and broken files can occur too."""
from __future__ import annotations

import base64
import dataclasses
import functools
from dataclasses import dataclass

from hypothesis import strategies as st

from site_values import (AMOUNTS, BROKEN_LINK_TARGETS, COUNTRIES, CURRENCIES, DATES, EMAILS, LINK_TARGETS,
                         RARE_LINK_TARGETS, URLS, WHOLE_NUMBERS,
                         WRONG_AMOUNTS, WRONG_COUNTRIES, WRONG_CURRENCIES, WRONG_DATES, WRONG_EMAILS, WRONG_URLS,
                         WRONG_WHOLE_NUMBERS, Scale, alias_bomb, markdown, one_line, quoted, raw, text_node,
                         weighted, wrong_type)
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
WRONG_LOCALES = ("zh_Hanz_CN", "xx_XX", "en-GB", "EN", "", "ru_RU.UTF-8")
WRONG_HREFLANGS = ("zh_Hans", "EN_gb", "x-default", "i-klingon", "en-GB-oxendict-x-private", "zh-Hans-CN-", "Русский")
TIMEZONES = ("Europe/Moscow", "UTC", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns",
             "Asia/Kathmandu", "Etc/GMT+12", "Etc/GMT-14", "Antarctica/Troll")
WRONG_TIMEZONES = ("Europe/Mosco", "Europe", "../etc/passwd", "", "Moscow", "GMT+3", "/etc/localtime")
BASE_URLS = ("https://example.org/", "https://example.org/internships/", "http://localhost:8000/",
             "https://例子.中国/目录/", "https://example.org/a%20b/", "https://EXAMPLE.org/Path/",
             "https://example.org/cat?x=1#y", "https://example.org/\"<'>/", "https://example.org")
WRONG_BASE_URLS = ("ftp://example.org/", "/internships/", "example.org", "https://example.org/a b/", "")
SLUGS = ("a", "0", "summer", "summer-school-2026", "x-1-y-2", "2026", "z" * 80)
WRONG_SLUGS = ("Bad_Slug", "über", "a--b", "-a", "a-", "A", "a b", "a.b", "feed", "search", "compare", "programs")


@dataclass(frozen=True)
class Ctx:
    """What values in a site's files may refer to."""

    codes: tuple[str, ...]
    programs: tuple[str, ...]
    partners: tuple[str, ...]
    pages: tuple[str, ...]
    news: tuple[str, ...]
    fields: tuple[str, ...]
    media: tuple[str, ...]
    scale: Scale
    rare_links: bool = False  # link to pages the link checker may not know
    wild: bool = False  # the file being generated has mistakes in it

    @functools.lru_cache(maxsize=256)
    def links(self) -> st.SearchStrategy[str]:
        """Links to pages the site publishes; in a file with mistakes, to pages it does not publish too."""
        kinds = {"program": self.programs, "partner": self.partners, "page": self.pages, "news": self.news}
        good = tuple(t for t in LINK_TARGETS + RARE_LINK_TARGETS * self.rare_links
                     if all(kinds[k] or "{" + k + "}" not in t for k in kinds))
        targets = good + BROKEN_LINK_TARGETS if self.wild else good
        return st.builds(lambda target, code, *slugs: target.format(code=code, **dict(zip(kinds, slugs))),
                         st.sampled_from(targets), st.sampled_from(self.codes),
                         *(st.sampled_from(slugs or ("none",)) for slugs in kinds.values()))

    @functools.lru_cache(maxsize=256)
    def text(self, max_length: int | None = None) -> st.SearchStrategy[Node]:
        return text_node(one_line(self.scale, None if self.wild else max_length), self.wild)

    @functools.lru_cache(maxsize=256)
    def markdown_text(self) -> st.SearchStrategy[Node]:
        return text_node(markdown(self.scale, self.links()), self.wild)

    @functools.lru_cache(maxsize=256)
    def localized(self, text: st.SearchStrategy[Node] | None = None) -> st.SearchStrategy[Node]:
        """A mapping of most or all of the site's languages to text, now and then in flow style."""
        in_all = st.just(self.codes)
        some = st.lists(st.sampled_from(self.codes), min_size=1, unique=True).map(tuple)
        return st.builds(lambda codes, texts, flow: Mapping(tuple(zip(codes, texts)), flow=flow),
                         weighted((in_all, 3), (some, 1)), st.lists(self.text() if text is None else text, min_size=len(self.codes),
                                                                    max_size=len(self.codes)), st.booleans())

    @functools.lru_cache(maxsize=256)
    def slug_list(self, slugs: tuple[str, ...], at_least: int) -> st.SearchStrategy[Node]:
        chosen = st.lists(st.sampled_from(slugs), min_size=at_least, max_size=3, unique=True) if slugs else st.just([])
        return st.builds(lambda items, flow: Seq(tuple(map(Text, items)), flow=flow), chosen, st.booleans())


def choice(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return quoted(values)


@st.composite
def fields_of(draw, required: list[tuple[str, st.SearchStrategy[Node]]],
              optional: list[tuple[str, st.SearchStrategy[Node]]]) -> list[tuple[str, Node]]:
    """Every required field and any of the optional ones, in an order an editor might write them."""
    entries = [(key, draw(value)) for key, value in required]
    entries += [(key, draw(value)) for key, value in optional if draw(st.booleans())]
    return draw(st.permutations(entries))


@st.composite
def spoiled(draw, entries: list[tuple[str, Node]], wrong: dict[str, st.SearchStrategy[Node]], ctx: Ctx) -> Mapping:
    """A file's fields with one to three mistakes an editor makes: a value outside the field's limits, a wrong
    type, a missing or unknown or repeated key, a tag, an alias bomb."""
    entries = list(entries)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, max(0, len(entries) - 1))) if entries else 0
        key = entries[index][0] if entries else "title"
        mistake = draw(st.sampled_from(("outside", "outside", "type", "drop", "unknown", "repeat", "bomb")))
        if mistake == "outside" and key in wrong:
            entries[index] = (key, draw(wrong[key]))
        elif mistake == "type" or (mistake == "outside" and entries):
            entries[index] = (key, draw(wrong_type()))
        elif mistake == "drop" and entries:
            entries.pop(index)
        elif mistake == "unknown":
            entries.insert(index, (draw(st.sampled_from((key + "s", key.upper(), "titel", "<<", "", "ключ"))),
                                   Raw("x")))
        elif mistake == "repeat" and entries:
            entries.append(entries[index])
        else:
            entries.insert(index, (key, Raw(alias_bomb(draw(st.integers(1, ctx.scale.bomb_depth))))))
    return Mapping(tuple(entries))


@st.composite
def yaml_file(draw, ctx: Ctx, required, optional, wrong: dict[str, st.SearchStrategy[Node]], wild: bool,
              extra: list[tuple[str, Node]] = ()) -> str:
    entries = draw(fields_of(required, optional)) + list(extra)
    document = draw(spoiled(entries, wrong, ctx)) if wild else Mapping(tuple(entries))
    text = yaml_text(document, "\r\n" if wild and draw(st.booleans()) else "\n")
    if wild and draw(st.integers(0, 5)) == 0:
        text = draw(st.sampled_from(FILE_ODDITIES)).format(text=text)
    return text


FILE_ODDITIES = ("\ufeff{text}", "{text}...\n", "{text}---\nsecond: document\n", "\t{text}", "", "- {text}",
                 "just text\n", "# only a comment\n", "{text}key without value\n", "%YAML 1.1\n---\n{text}",
                 "{text}? [complex, key]\n: value\n", "{text}1: number key\ntrue: bool key\n~: null key\n")


@dataclass(frozen=True)
class GeneratedSite:
    """A site's files, {path: text or bytes}; shown as the files themselves when an example fails."""

    files: tuple[tuple[str, str | bytes], ...]
    wild: bool  # generated with mistakes: check should reject it

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
        return f"GeneratedSite(wild={self.wild}), its files but the media:\n" + "\n".join(shown)

    def _repr_pretty_(self, printer, cycle) -> None:  # how Hypothesis prints a failing example
        printer.text(repr(self))


def _shown(content: str | bytes, limit: int = 3000) -> str:
    if isinstance(content, bytes):
        return f"<{len(content)} bytes>"
    text = "".join(c if c.isprintable() or c == "\n" else repr(c)[1:-1] for c in content[:limit])
    return text + (f"\n... ({len(content)} characters in all)" if len(content) > limit else "")


def _sessions(ctx: Ctx) -> st.SearchStrategy[Node]:
    def session(dates: list[str], keep: tuple[bool, bool], seats: Node | None) -> Node:
        opens, deadline, start, end = sorted(dates)
        entries = [("application_opens", Raw(opens))] * keep[0] + [("application_deadline", Raw(deadline))] * keep[1]
        entries += [("start", Raw(start)), ("end", Raw(end))] + ([("seats", seats)] if seats else [])
        return Mapping(tuple(entries), flow=True)
    one = st.builds(session, st.lists(st.sampled_from(DATES), min_size=4, max_size=4),
                    st.tuples(st.booleans(), st.booleans()), st.none() | raw(WHOLE_NUMBERS))
    return st.lists(one, max_size=3).map(lambda items: Seq(tuple(items)))


def _unordered_session() -> st.SearchStrategy[Node]:
    return st.builds(lambda start, end: Seq((Mapping((("start", Raw(start)), ("end", Raw(end))), flow=True),)),
                     st.sampled_from(DATES + WRONG_DATES), st.sampled_from(DATES + WRONG_DATES))


def _fee(ctx: Ctx, amounts: tuple[str, ...], currencies: tuple[str, ...]) -> st.SearchStrategy[Node]:
    paid = st.builds(lambda amount, currency, includes: Mapping(
        (("amount", amount), ("currency", currency)) + ((("includes", includes),) if includes else ())),
        raw(amounts), quoted(currencies), st.none() | ctx.localized())
    return weighted((st.just(Text("free")), 1), (paid, 3))


def _duration(numbers: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.builds(lambda unit, n: Mapping(((unit, Raw(n)),), flow=True),
                     st.sampled_from(("hours", "days", "weeks", "months")), st.sampled_from(numbers))


def _contact(ctx: Ctx, emails: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.builds(lambda email, phone, wechat: Mapping(tuple(
        (key, value) for key, value in (("email", email), ("phone", phone), ("wechat", wechat)) if value)),
        st.none() | quoted(emails), st.none() | ctx.text(), st.none() | ctx.text())


def _enum_list(values: tuple[str, ...]) -> st.SearchStrategy[Node]:
    return st.builds(lambda items, flow: Seq(tuple(map(Text, items)), flow=flow),
                     st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True), st.booleans())


def _image(ctx: Ctx, localized_alt: bool) -> st.SearchStrategy[list[tuple[str, Node]]]:
    alt = ctx.localized() if localized_alt else ctx.text()
    return st.builds(lambda name, text: [("image", Text(name)), ("image_alt", text)], st.sampled_from(ctx.media), alt)


BOOLEAN = st.sampled_from(("true", "false")).map(Raw)
DRAFT = st.sampled_from(("false",) * 4 + ("true",)).map(Raw)  # a draft program is a broken link target
WRONG_BOOLEANS = ("yes", "no", "on", "'true'", "1", "True ")


@st.composite
def program_file(draw, ctx: Ctx) -> str:
    status = draw(st.sampled_from((None, None, None, "in-preparation", "archived")))
    mode = draw(st.sampled_from(("onsite", "online", "blended")))
    settled = status != "in-preparation" or draw(st.booleans())
    location = st.builds(lambda city, country: Mapping((("city", city), ("country", country))),
                         ctx.localized(), quoted(COUNTRIES))
    required = [("title", ctx.localized()), ("summary", ctx.localized(ctx.text(max_length=300))),
                ("type", quoted(("internship", "professional-development", "summer-school", "exchange", "joint-program"))),
                ("audience", _enum_list(("students", "graduates", "researchers", "faculty", "company-employees"))),
                ("field", quoted(ctx.fields)), ("partners", ctx.slug_list(ctx.partners, 1)),
                ("updated", raw(DATES))]
    required += [("mode", st.just(Text(mode))), ("languages", _enum_list(("en", "ru", "zh", "yue", "haw", "ar")))] * settled
    required += [("location", location)] * (settled and mode != "online")
    optional = [("description", ctx.localized(ctx.markdown_text())), ("duration", _duration(WHOLE_NUMBERS)),
                ("sessions", _sessions(ctx)), ("fee", _fee(ctx, AMOUNTS, CURRENCIES)), ("funding", ctx.localized()),
                ("credential", ctx.localized()), ("eligibility", ctx.localized(ctx.markdown_text())),
                ("documents", ctx.localized(ctx.markdown_text())), ("how_to_apply", ctx.localized(ctx.markdown_text())),
                ("apply_url", quoted(URLS)), ("contact", _contact(ctx, EMAILS)), ("featured", BOOLEAN),
                ("draft", DRAFT)]
    optional += [("location", location)] * (not settled or mode == "online")
    required += [("status", st.just(Text(status)))] if status else []
    extra = draw(_image(ctx, localized_alt=True)) if draw(st.booleans()) else []
    wrong = {"type": quoted(("Internship", "school", "")), "audience": _enum_list(("student", "all", "Faculty")),
             "field": quoted(("unknown-field", "Engineering")), "partners": _enum_list(("missing-partner",)),
             "mode": quoted(("offline", "Online")), "languages": _enum_list(("English", "eng", "xx", "zh-Hans")),
             "updated": raw(WRONG_DATES), "sessions": _unordered_session(),
             "fee": _fee(ctx, WRONG_AMOUNTS, WRONG_CURRENCIES), "duration": _duration(WRONG_WHOLE_NUMBERS),
             "apply_url": quoted(WRONG_URLS), "contact": _contact(ctx, WRONG_EMAILS),
             "status": quoted(("open", "Archived", "draft")), "image": quoted(("missing.png", "photo.PNG")),
             "featured": raw(WRONG_BOOLEANS), "draft": raw(WRONG_BOOLEANS),
             "location": st.builds(lambda c: Mapping((("city", Text("X")), ("country", c))), quoted(WRONG_COUNTRIES))}
    return draw(yaml_file(ctx, required, optional, wrong, ctx.wild, extra))


@st.composite
def partner_file(draw, ctx: Ctx) -> str:
    required = [("name", ctx.localized()), ("country", quoted(COUNTRIES)),
                ("kind", quoted(("university", "institute", "company", "education-group", "government", "other")))]
    optional = [("short_name", ctx.localized()), ("city", ctx.localized()), ("website", quoted(URLS)),
                ("logo", st.just(Text("logo.svg"))), ("description", ctx.localized(ctx.markdown_text()))]
    wrong = {"country": quoted(WRONG_COUNTRIES), "kind": quoted(("University", "school")),
             "website": quoted(WRONG_URLS), "logo": quoted(("missing.svg", "../logo.svg"))}
    return draw(yaml_file(ctx, required, optional, wrong, ctx.wild))


@st.composite
def article_file(draw, ctx: Ctx, date: str | None) -> str:
    """A news article's (with its date) or a page's file in one language: front matter and Markdown."""
    required = [("title", ctx.text())] + ([("date", st.just(Raw(date)))] if date else [])
    optional = [("summary", ctx.text()), ("partners", ctx.slug_list(ctx.partners, 0)),
                ("programs", ctx.slug_list(ctx.programs, 0)), ("draft", DRAFT)]
    optional += [] if date else [("menu_title", ctx.text()), ("date", raw(DATES))]
    extra = draw(_image(ctx, localized_alt=False)) if draw(st.booleans()) else []
    wrong = {"date": raw(WRONG_DATES + DATES), "partners": _enum_list(("missing-partner",)),
             "programs": _enum_list(("missing-program",)), "image": quoted(("missing.png",))}
    front = draw(yaml_file(ctx, required, optional, wrong, ctx.wild, extra))
    body = draw(markdown(ctx.scale, ctx.links(), huge=True))
    return f"---\n{front}---\n{body}\n"


def _language(code: str, codes: tuple[str, ...], wild: bool) -> st.SearchStrategy[Node]:
    locales, hreflangs, names = LANGUAGES[code]
    others = tuple(c for c in codes if c != code)
    if wild:
        locales, hreflangs = locales + WRONG_LOCALES, hreflangs + WRONG_HREFLANGS
        others += (code, "de")
    return st.builds(
        lambda locale, hreflang, name, fallback: Mapping(
            (("code", Text(code)), ("locale", locale)) + ((("hreflang", hreflang),) if hreflang else ())
            + (("name", name), ("fallback", Seq(tuple(map(Text, fallback)), flow=True))), flow=True),
        quoted(locales), st.none() | quoted(hreflangs), quoted(names) | text_node(st.sampled_from(names)),
        st.lists(st.sampled_from(others), max_size=3, unique=True))


@st.composite
def site_file(draw, ctx: Ctx) -> str:
    languages = st.builds(lambda items: Seq(tuple(items)), st.tuples(*(_language(c, ctx.codes, ctx.wild) for c in ctx.codes)))
    fields = Mapping(tuple((key, draw(ctx.localized())) for key in ctx.fields))
    menu = st.lists(st.sampled_from(("programs", "partners", "news") + ctx.pages), unique=True).map(
        lambda items: Seq(tuple(map(Text, items)), flow=True))
    required = [("title", ctx.localized()), ("base_url", quoted(BASE_URLS)),
                ("default_language", quoted(ctx.codes)), ("languages", languages), ("timezone", quoted(TIMEZONES)),
                ("fields", st.just(fields))]
    optional = [("description", ctx.localized()), ("menu", menu), ("contact", _contact(ctx, EMAILS)),
                ("news_per_page", raw(WHOLE_NUMBERS)), ("share_image", quoted(ctx.media)),
                ("share_image_alt", ctx.localized()), ("draw_share_images", BOOLEAN)]
    wrong = {"base_url": quoted(WRONG_BASE_URLS), "default_language": quoted(("de", "RU", "")),
             "timezone": quoted(WRONG_TIMEZONES), "news_per_page": raw(WRONG_WHOLE_NUMBERS),
             "share_image": quoted(("missing.png",)), "draw_share_images": raw(WRONG_BOOLEANS),
             "menu": st.just(Seq((Text("programs"), Text("programs"), Text("nowhere")), flow=True)),
             "fields": st.just(Mapping((("Bad Key", Text("x")), ("1", Text("y")))))}
    return draw(yaml_file(ctx, required, optional, wrong, ctx.wild))


def _slugs(scale: Scale, at_least: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(SLUGS), min_size=at_least, max_size=scale.items, unique=True).map(tuple)


@st.composite
def sites(draw, scale: Scale) -> GeneratedSite:
    """A whole site; one in four has mistakes in some of its files, the others are within every limit."""
    wild = draw(st.sampled_from((False, False, False, True)))
    extra = draw(st.sampled_from(((),) * 5 + (("ar",),)))
    ctx = Ctx(codes=("ru", "en", "zh") + extra, programs=draw(_slugs(scale, 1)), partners=draw(_slugs(scale, 1)),
              pages=draw(_slugs(scale, 0)), news=draw(_slugs(scale, 0)),
              fields=tuple(draw(st.lists(st.sampled_from(("engineering", "x", "a-1", "z" * 60)), min_size=1, unique=True))),
              media=tuple(name.rsplit("/", 1)[1] for name in MEDIA if name.startswith("content/media/")), scale=scale,
              rare_links=draw(st.sampled_from((False,) * 4 + (True,))))

    def file_ctx() -> Ctx:
        return dataclasses.replace(ctx, wild=wild and draw(st.integers(0, 2)) == 0)

    def name(slug: str) -> str:
        return draw(st.sampled_from(WRONG_SLUGS)) if wild and draw(st.integers(0, 9)) == 0 else slug

    files: dict[str, str | bytes] = {**MEDIA, "site.yaml": draw(site_file(file_ctx()))}
    for slug in ctx.partners:
        files[f"partners/{name(slug)}.yaml"] = draw(partner_file(file_ctx()))
    for slug in ctx.programs:
        files[f"programs/{name(slug)}.yaml"] = draw(program_file(file_ctx()))
    for kind, slugs in (("news", ctx.news), ("pages", ctx.pages)):
        for slug in slugs:
            date = draw(st.sampled_from(DATES)) if kind == "news" else None
            for code in draw(st.lists(st.sampled_from(ctx.codes + ("de",) * wild), min_size=1, unique=True)):
                path = f"content/{kind}/{date + '-' if date else ''}{name(slug)}.{code}.md"
                files[path] = draw(article_file(file_ctx(), date))
    return GeneratedSite(tuple(sorted(files.items())), wild)
