"""Validate site.yaml into a Site: languages first, since every localized value depends on them."""
from __future__ import annotations

import re
import zoneinfo

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale

from ..foundation import limits
from ..foundation.fonts import share_font
from ..foundation.model import SECTIONS, Contact, Language, Localized, Site, WebEditor
from ..foundation.problems import Position, Problems, did_you_mean
from .discover import SLUG
from .fields import Reader, read_each
from .parse import Document
from .yamlsource import YList

_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)*")
# A BCP 47 tag as browsers' Intl accepts it: language, script, region, variants (RFC 5646, 2.1).
_BCP47 = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-[a-zA-Z]{2}|-[0-9]{3})?(-[a-zA-Z0-9]{5,8}|-[0-9][a-zA-Z0-9]{3})*")


def read_contact(reader: Reader) -> Contact:
    contact = Contact(email=reader.email("email"), phone=reader.phone("phone"),
                      wechat=reader.text("wechat", max_length=limits.NAME, one_line=True))
    reader.finish()
    return contact


def validate_site(document: Document, page_slugs: set[str], problems: Problems,
                  media: frozenset[str] = frozenset()) -> Site | None:
    top = Reader(document.data, Position(document.path), problems, ())
    languages = read_languages(top)
    # Every localized value in the site is checked against these codes; checked against a list with
    # an unreadable entry, each of them would be reported as wrong, so the rest waits for a fix.
    if languages is None:
        return None
    codes = tuple(language.code for language in languages)
    reader = Reader(document.data, Position(document.path), problems, codes, chains=tuple(languages))
    reader.known = top.known
    return read_settings(reader, languages, page_slugs, media)


def read_languages(reader: Reader) -> list[Language] | None:
    """The site's languages, or None unless every entry gave a usable code."""
    languages = read_each(reader, "languages", _read_language, required=True, min_items=1)
    return languages if _check_languages(reader, languages) else None


def read_settings(reader: Reader, languages: list[Language], page_slugs: set[str], media: frozenset[str]) -> Site:
    """The settings after `languages`, read by a reader that knows the site's language codes."""
    codes = tuple(language.code for language in languages)
    title = reader.localized("title", required=True, max_length=limits.TITLE, one_line=True)
    description = reader.localized("description", max_length=limits.TEXT) or Localized({})
    base_url = _read_base_url(reader)
    default_language = reader.enum("default_language", codes, required=True, what="language")
    timezone = _read_timezone(reader)
    fields = _read_fields(reader)
    menu = _read_menu(reader, page_slugs)
    contact_reader = reader.mapping("contact")
    contact = read_contact(contact_reader) if contact_reader else Contact()
    news_per_page = reader.integer("news_per_page", maximum=limits.MAX_NEWS_PER_PAGE) or 10
    programs_per_page = reader.integer("programs_per_page", maximum=limits.MAX_PROGRAMS_PER_PAGE) or 50
    share_image = reader.text("share_image", one_line=True)
    if share_image is not None and share_image not in media:
        reader.error("share_image", f"no file '{share_image}' in content/media/{did_you_mean(share_image, media)}",
                     "put the image (1200×630 PNG or JPEG) in content/media/ and give its name here")
        share_image = None
    share_image_alt = reader.localized("share_image_alt", max_length=limits.ALT, one_line=True)
    draw_share_images = reader.boolean("draw_share_images")
    if draw_share_images and share_font() is None:
        shared = "pages share the site's image" if share_image else "pages are shared without an image"
        reader.warning("draw_share_images", f"no Noto Sans CJK font or Pillow to draw share images with; {shared}",
                       "install the fonts-noto-cjk package (Debian, Ubuntu) on the machine that builds the site")
    web_editor = _read_web_editor(reader)
    reader.finish()
    # Placeholders for broken settings let every content file be checked in the same run;
    # the errors already reported stop the build before anything is rendered.
    return Site(
        title=title or Localized({}), description=description, base_url=(base_url or "").rstrip("/") + "/",
        default_language=default_language or codes[0], languages=tuple(languages), timezone=timezone or "UTC",
        fields=fields, menu=menu, contact=contact, news_per_page=news_per_page,
        programs_per_page=programs_per_page,
        share_image=share_image, share_image_alt=share_image_alt, draw_share_images=draw_share_images,
        web_editor=web_editor,
    )


_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]{1,200}")


def _read_web_editor(reader: Reader) -> WebEditor | None:
    """`web_editor: {repo: owner/name, branch: main, auth_url: https://...}` publishes the editor at /admin/."""
    editor = reader.mapping("web_editor")
    if editor is None:
        return None
    repo = editor.text("repo", required=True, one_line=True)
    if repo is not None and not _REPO.fullmatch(repo):
        editor.error("repo", f"'{repo}' is not a GitHub repository as owner/name",
                     "write the part of the repository's address after github.com/, e.g. spbpu/internships")
        repo = None
    branch = editor.text("branch", one_line=True)
    if branch is not None and not _BRANCH.fullmatch(branch):
        editor.error("branch", f"'{branch}' is not a branch name", "write the branch the site is built from, e.g. main")
        branch = None
    auth_url = editor.url("auth_url")
    editor.finish()
    return WebEditor(repo=repo, branch=branch or "main", auth_url=auth_url) if repo else None


def _read_language(reader: Reader) -> Language | None:
    code = reader.text("code", required=True, max_length=limits.LANGUAGE_CODE, one_line=True)
    locale = reader.text("locale", required=True, one_line=True)
    hreflang = reader.text("hreflang", max_length=limits.LANGUAGE_CODE, one_line=True)
    name = reader.text("name", required=True, max_length=limits.NAME, one_line=True)
    fallback = tuple(str(item) for item, _ in reader.items("fallback"))
    if code and not reader.check("code", bool(_CODE.fullmatch(code)), f"'{code}' is not a language code",
                                 "use a short lowercase code such as ru, en or zh"):
        return None
    if locale and not _known_locale(locale):
        reader.error("locale", f"'{locale}' is not a locale Babel knows", "use a locale such as ru_RU, en_GB or zh_Hans_CN")
    if not code:
        return None
    _check_tag(reader, "hreflang" if hreflang else "code", hreflang or code)
    # A broken locale, tag or name is already reported; the code alone lets the content be checked.
    return Language(code=code, locale=locale or code, hreflang=hreflang or code, name=name or code, fallback=fallback)


def _check_tag(reader: Reader, key: str, tag: str) -> None:
    """Pages, feeds and calendars give the hreflang (or the code) as a language tag, which browsers' Intl must accept."""
    if not _is_language_tag(tag):
        suggestion = tag.replace("_", "-")
        hint = ("write language, script and region joined by hyphens, e.g. en, en-GB or zh-Hans" if key == "hreflang"
                else "add 'hreflang:' with the language's BCP 47 tag, e.g. hreflang: zh-Hans")
        reader.error(key, f"'{tag}' is not a BCP 47 language tag that Babel knows"
                     + (f" (did you mean '{suggestion}'?)" if _is_language_tag(suggestion) else ""), hint)


def _is_language_tag(tag: str) -> bool:
    if not _BCP47.fullmatch(tag):
        return False
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _known_locale(name: str) -> bool:
    """Babel quietly replaces a script or territory it does not know ('zh_Hanz_CN' → zh_Hans_CN)."""
    try:
        locale = Locale.parse(name)
        _, territory, script, _ = parse_locale(name)
    except (ValueError, UnknownLocaleError):
        return False
    return territory in (None, locale.territory) and script in (None, locale.script)


def _check_languages(reader: Reader, languages: list[Language]) -> bool:
    """Report repeated codes and fallbacks to nowhere; False unless every entry gave a usable code."""
    entries = reader.data.get("languages")
    if not (languages and isinstance(entries, YList) and len(languages) == len(entries)):
        return False
    codes = [language.code for language in languages]
    complete = True
    for index, (language, entry) in enumerate(zip(languages, entries)):
        if language.code in codes[:index]:
            reader.problems.error(reader.position.at(*entry.value_pos["code"]), f"languages[{index}].code",
                                  f"language '{language.code}' is listed twice", "remove one of the two entries")
            complete = False
        others = [code for code in codes if code != language.code]
        fallback = entry.get("fallback")
        for other, where in zip(language.fallback, fallback.item_pos if isinstance(fallback, YList) else []):
            if other not in others:
                message = ("a language cannot fall back to itself" if other == language.code else
                           f"'{other}' is not a language of the site{did_you_mean(other, others)}")
                reader.problems.error(reader.position.at(*where), f"languages[{index}].fallback", message,
                                      "a fallback names the code of another entry of 'languages'")
    return complete


def _read_base_url(reader: Reader) -> str | None:
    url = reader.url("base_url", required=True)
    if url is not None and ("?" in url or "#" in url):
        reader.error("base_url", f"'{url}' has a query or a fragment ('?' or '#')",
                     "write the address of the site's folder alone, e.g. https://example.org/internships/")
        return None
    return url


def _read_timezone(reader: Reader) -> str | None:
    name = reader.text("timezone", required=True, one_line=True)
    if name is None:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: 'Europe' is a folder of zones
        reader.error("timezone", f"unknown time zone '{name}'{did_you_mean(name, zoneinfo.available_timezones())}",
                     "use an IANA name such as Europe/Moscow")
        return None
    return name


def _read_fields(reader: Reader) -> dict[str, Localized]:
    fields_reader = reader.mapping("fields", required=True)
    if fields_reader is None:
        return {}
    fields = {}
    for key in list(fields_reader.data):
        if not (isinstance(key, str) and SLUG.match(key)):
            fields_reader.known.append(key)
            fields_reader.error(key, f"'{key}' is not a valid key", "use lowercase letters, digits and hyphens",
                                at_key=True)
            continue
        value = fields_reader.localized(key, required=True, max_length=limits.TITLE, one_line=True)
        if value:
            fields[key] = value
    return fields


def _read_menu(reader: Reader, page_slugs: set[str]) -> tuple[str, ...]:
    entries = []
    choices = (*SECTIONS, *sorted(page_slugs))
    for item, position in reader.items("menu"):
        if item in choices:
            entries.append(item)
        else:
            reader.problems.error(position, "menu", f"'{item}' is neither a section nor a page{did_you_mean(str(item), choices)}",
                                  "use programs, partners, news or the slug of a file in content/pages/")
    return tuple(entries)
