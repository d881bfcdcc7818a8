"""The web editor's configuration (Decap CMS), derived from the content model the validator enforces.

Every choice is taken from where the validator takes it: the enumerations of `foundation.model`, the
limits of `foundation.limits`, the site's languages and fields of study, the countries, languages and
currencies `check` accepts. tests/test_editor_config.py compares the fields here with the keys the
validator asks for, so a field added to one and not the other fails there.
"""
from __future__ import annotations

from typing import Any

from babel import Locale

from ..foundation import limits
from ..foundation.model import (AUDIENCES, DURATION_UNITS, EXPLICIT_STATUSES, MODES, PARTNER_KINDS, PROGRAM_TYPES, Site)
from ..source.fees import CURRENCIES
from ..source.fieldhelp import help_for
from ..source.validate import COUNTRIES, LANGUAGE_CODES

Field = dict[str, Any]
# The editor's own interface speaks these of the site's languages (Decap's names for them).
_INTERFACE_LOCALES = {"ru": "ru", "en": "en", "zh": "zh_Hans", "de": "de", "fr": "fr", "es": "es", "ja": "ja",
                      "ko": "ko", "it": "it", "pl": "pl", "pt": "pt", "uk": "uk", "tr": "tr"}
_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
         "picker_utc": True}


def _explained(kind: str, fields: list[Field], russian: bool, prefix: str = "") -> list[Field]:
    """Each field with the help the editors' schemas show on hover as its hint (in Russian on a Russian site), so
    an editor reads the same words wherever they work; the editor's own notes, in English, follow on other sites."""
    for field in fields:
        path = prefix + field["name"]
        found = help_for(kind, path)
        if found:
            own = field.get("hint")
            field["hint"] = found[1] if russian else f"{found[0]} {own}" if own else found[0]
        inner = field.get("fields") or ([field["field"]] if "field" in field else [])
        _explained(kind, inner, russian, path + ".")
    return fields


def _length(maximum: int, one_line: bool) -> list[str]:
    """Decap's pattern: a regular expression and the message shown when the value does not match it."""
    character = "." if one_line else r"[\s\S]"
    return [f"^{character}{{0,{maximum}}}$", f"at most {maximum} characters"]


def _text(name: str, required: bool = False, max_length: int | None = None, one_line: bool = False,
          markdown: bool = False) -> Field:
    widget = "markdown" if markdown else "string" if one_line else "text"
    field: Field = {"name": name, "label": name, "widget": widget, "required": required}
    if max_length:
        field["pattern"] = _length(max_length, one_line)
    return field


def _localized(site: Site, name: str, required: bool = False, max_length: int | None = None, one_line: bool = False,
               markdown: bool = False) -> Field:
    """A translatable value as one part per language of the site; the default language's is required with the field."""
    parts = [{**_text(language.code, required and language.code == site.default_language, max_length, one_line, markdown),
              "label": f"{name} · {language.name}"} for language in site.languages]
    return {"name": name, "label": name, "widget": "object", "required": required, "collapsed": False, "fields": parts}


def _select(name: str, options: Any, required: bool = False, multiple: bool = False) -> Field:
    field: Field = {"name": name, "label": name, "widget": "select", "options": options, "required": required}
    if multiple:
        field.update(multiple=True, min=1 if required else 0)
    return field


def _named(codes: Any, names: dict[str, str]) -> list[dict[str, str]]:
    """Codes as select options labelled with their names in the site's language, sorted by name."""
    return sorted(({"label": f"{names.get(code, code)} ({code})", "value": code} for code in codes),
                  key=lambda option: option["label"])


def _number(name: str, minimum: int, maximum: Any, integer: bool = True, required: bool = False) -> Field:
    return {"name": name, "label": name, "widget": "number", "value_type": "int" if integer else "float",
            "min": minimum, "max": int(maximum), "required": required}


def _date(name: str, required: bool = False) -> Field:
    return {"name": name, "label": name, **_DATE, "required": required}


def _boolean(name: str) -> Field:
    return {"name": name, "label": name, "widget": "boolean", "required": False}


def _url(name: str) -> Field:
    return {**_text(name, max_length=limits.URL, one_line=True), "pattern": ["^https?://\\S+$", "an http(s) address"]}


def _relation(site: Site, name: str, collection: str, title: str, required: bool = False) -> Field:
    return {"name": name, "label": name, "widget": "relation", "collection": collection, "value_field": "{{slug}}",
            "search_fields": [f"{title}.{code}" for code in site.codes], "display_fields": [f"{title}.{site.default_language}"],
            "multiple": True, "min": 1 if required else 0, "required": required}


def _contact() -> Field:
    return {"name": "contact", "label": "contact", "widget": "object", "required": False, "collapsed": True, "fields": [
        {**_text("email", max_length=limits.EMAIL, one_line=True), "pattern": ["^[^@\\s]+@[^@\\s]+$", "name@example.org"]},
        _text("phone", max_length=limits.NAME, one_line=True), _text("wechat", max_length=limits.NAME, one_line=True)]}


def program_fields(site: Site, names: Names) -> list[Field]:
    """The fields of programs/<slug>.yaml, in the order the validator reads them.

    Decap checks the required fields inside an optional object even when the object is left empty, so the
    fields of `location` and `fee` are optional here; `check` reports one given without the other.
    """
    return [
        _localized(site, "title", True, limits.TITLE, one_line=True),
        _localized(site, "summary", True, limits.SUMMARY),
        _select("type", list(PROGRAM_TYPES), required=True),
        _select("audience", list(AUDIENCES), required=True, multiple=True),
        _select("field", [{"label": text.get(site.default_language) or key, "value": key}
                          for key, text in sorted(site.fields.items())], required=True),
        _relation(site, "partners", "partners", "name", required=True),
        {**_select("status", list(EXPLICIT_STATUSES)),
         "hint": "only in-preparation or archived; open, upcoming and closed follow from the sessions"},
        {**_select("mode", list(MODES)), "hint": "required unless the status is in-preparation"},
        {"name": "location", "label": "location", "widget": "object", "required": False, "collapsed": False,
         "hint": "required for onsite and blended programs: the city and the country",
         "fields": [_localized(site, "city", False, limits.NAME, one_line=True),
                    _select("country", _named(COUNTRIES, names.territories))]},
        {**_select("languages", _named(LANGUAGE_CODES, names.languages), multiple=True),
         "hint": "the languages of instruction; required unless the status is in-preparation"},
        {"name": "duration", "label": "duration", "widget": "object", "required": False, "collapsed": True,
         "hint": "exactly one of hours, days, weeks or months",
         "fields": [_number(unit, 1, limits.MAX_DURATION[unit]) for unit in DURATION_UNITS]},
        {"name": "sessions", "label": "sessions", "widget": "list", "required": False,
         "hint": "application_opens ≤ application_deadline ≤ start ≤ end",
         "fields": [_date("start", True), _date("end", True), _date("application_opens"), _date("application_deadline"),
                    _number("seats", 1, limits.MAX_SEATS)]},
        {"name": "fee", "label": "fee", "widget": "object", "required": False, "collapsed": True,
         "hint": "the amount and the currency; for a free program leave this empty and write 'fee: free' in the file",
         "fields": [_number("amount", 0, limits.MAX_AMOUNT, integer=False),
                    _select("currency", sorted(CURRENCIES)),
                    _localized(site, "includes", max_length=limits.TEXT)]},
        _contact(),
        {"name": "image", "label": "image", "widget": "image", "required": False, "choose_url": False},
        _localized(site, "image_alt", max_length=limits.ALT, one_line=True),
        {**_date("updated", required=True), "default": "{{now}}", "hint": "the day the facts were last checked"},
        _localized(site, "description", markdown=True),
        _localized(site, "funding", max_length=limits.TEXT),
        _localized(site, "credential", max_length=limits.TEXT),
        _localized(site, "eligibility", markdown=True),
        _localized(site, "documents", markdown=True),
        _localized(site, "how_to_apply", markdown=True),
        _url("apply_url"),
        _boolean("featured"),
        _boolean("draft"),
    ]


def partner_fields(site: Site, names: Names) -> list[Field]:
    return [
        _localized(site, "name", True, limits.TITLE, one_line=True),
        _localized(site, "short_name", max_length=limits.NAME, one_line=True),
        _select("kind", list(PARTNER_KINDS), required=True),
        _select("country", _named(COUNTRIES, names.territories), required=True),
        _localized(site, "city", max_length=limits.NAME, one_line=True),
        _url("website"),
        {"name": "logo", "label": "logo", "widget": "image", "required": False, "choose_url": False,
         "media_folder": "/partners/logos", "public_folder": ""},
        _localized(site, "description", markdown=True),
    ]


def article_fields(site: Site, kind: str) -> list[Field]:
    """The front matter of one language's file of a news article or a page, and its Markdown body."""
    same = {"i18n": "duplicate"}  # the same in every translation
    own = {"i18n": True}
    fields = [{**_text("title", True, limits.TITLE, one_line=True), **own},
              {**_date("date", required=kind == "news"), **same}]
    if kind == "page":
        fields.append({**_text("menu_title", max_length=limits.NAME, one_line=True), **own})
    return [*fields,
            {**_text("summary", max_length=limits.TEXT), **own},
            {**_relation(site, "partners", "partners", "name"), **same},
            {**_relation(site, "programs", "programs", "title"), **same},
            {"name": "image", "label": "image", "widget": "image", "required": False, "choose_url": False, **same},
            {**_text("image_alt", max_length=limits.ALT, one_line=True), **own},
            {**_boolean("draft"), **own},
            {"name": "body", "label": "body", "widget": "markdown", "required": True, **own}]


class Names:
    """Countries and languages named in the site's default language, for the select widgets."""

    def __init__(self, site: Site) -> None:
        locale = Locale.parse(site.language(site.default_language).locale)
        self.territories, self.languages = dict(locale.territories), dict(locale.languages)


def editor_config(site: Site, site_url: str, backend: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole configuration; `backend` replaces the site's GitHub backend (the tests give Decap's test backend).

    Opened at localhost, the editor writes through `npx decap-server` (local_backend) when it runs, to the
    files of the folder it was started in; elsewhere, and when it does not run, it commits through GitHub.
    """
    editor = site.web_editor
    local = backend is None  # a replaced backend is the whole store
    if backend is None:
        assert editor is not None, "the site does not enable the web editor"
        backend = {"name": "github", "repo": editor.repo, "branch": editor.branch}
        if editor.auth_url:
            backend["base_url"] = editor.auth_url
    names = Names(site)
    codes = site.codes
    # Decap names a file of a news article or a page after the title in this language, made ASCII.
    slug_language = "en" if "en" in codes else site.default_language
    russian = site.default_language == "ru"  # the help is written in English and Russian
    programs = _explained("program", program_fields(site, names), russian)
    partners = _explained("partner", partner_fields(site, names), russian)
    news, pages = (_explained(kind, article_fields(site, kind), russian) for kind in ("news", "page"))
    i18n_folder = {"create": True, "format": "frontmatter", "extension": "md", "i18n": True}
    return {
        "backend": backend,
        "local_backend": local,
        "locale": _INTERFACE_LOCALES.get(site.default_language, "en"),
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/media",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": list(codes), "default_locale": slug_language},
        "collections": [
            {"name": "programs", "label": "programs", "folder": "programs", "create": True, "format": "yaml",
             "extension": "yaml", "identifier_field": f"title.{slug_language}", "slug": "{{slug}}",
             "summary": f"{{{{title.{site.default_language}}}}}", "fields": programs},
            {"name": "partners", "label": "partners", "folder": "partners", "create": True, "format": "yaml",
             "extension": "yaml", "identifier_field": f"name.{slug_language}", "slug": "{{slug}}",
             "summary": f"{{{{name.{site.default_language}}}}}", "fields": partners},
            {"name": "news", "label": "news", "folder": "content/news", **i18n_folder,
             "slug": "{{year}}-{{month}}-{{day}}-{{slug}}", "fields": news},
            {"name": "pages", "label": "pages", "folder": "content/pages", **i18n_folder,
             "slug": "{{slug}}", "fields": pages},
        ],
    }
