"""UI translations and locale-aware formatting."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.messages.pofile import read_po

from conftest import REPO, run_cli
from sitegen.foundation.fallback import choose
from sitegen.render.localize import Localizer
from sitegen.foundation.model import Duration, Language, Localized, Site

LANGUAGES = (
    Language("ru", "ru_RU", "ru", "Русский", ("en",)),
    Language("en", "en_GB", "en", "English", ("ru",)),
    Language("zh", "zh_Hans_CN", "zh-Hans", "中文", ("en", "ru")),
)
SITE = Site(Localized({"en": "T"}), Localized({}), "https://example.org/", "ru", LANGUAGES, "Europe/Moscow", {}, (), None, 10)


def localizer(code: str) -> Localizer:
    return Localizer(SITE, SITE.language(code))


@pytest.mark.parametrize("code", ["ru", "en", "zh"])
def test_every_ui_string_is_translated(code):
    with (REPO / "locales" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_catalogs_cover_every_message_of_the_template(tmp_path):
    template = {m.id for m in read_po((REPO / "locales/messages.pot").open("rb")) if m.id}
    for code in ("ru", "en", "zh"):
        translated = {m.id for m in read_po((REPO / f"locales/{code}/LC_MESSAGES/messages.po").open("rb")) if m.id}
        assert template <= translated, code


def test_russian_plural_forms_follow_the_number():
    from sitegen.source.translations import load_translations
    from sitegen.foundation.problems import Problems
    russian = load_translations(REPO, "ru", Problems())
    forms = [russian.ngettext("%(count)s program", "%(count)s programs", n) % {"count": n} for n in (1, 3, 5, 21, 11)]
    assert forms == ["1 программа", "3 программы", "5 программ", "21 программа", "11 программ"]


def test_fallback_follows_the_languages_chain():
    value = {"ru": "Стажировка", "en": "Internship"}
    assert choose(value, SITE.language("zh"), SITE.codes) == ("en", "Internship")
    assert choose({"ru": "Стажировка"}, SITE.language("zh"), SITE.codes) == ("ru", "Стажировка")
    text = localizer("zh").text(Localized(value))
    assert (text.value, text.lang, text.fallback) == ("Internship", "en", True)
    assert localizer("ru").text(Localized(value)).fallback is False


def test_babel_formats_dates_numbers_money_durations_countries_and_languages():
    ru, en, zh = localizer("ru"), localizer("en"), localizer("zh")
    assert en.date(dt.date(2026, 3, 1)) == "1 March 2026"
    assert ru.date(dt.date(2026, 3, 1)) == "1 марта 2026\u202fг."
    assert zh.date(dt.date(2026, 3, 1)) == "2026年3月1日"
    assert en.interval(dt.date(2026, 7, 1), dt.date(2026, 7, 14)) == "1\u2009–\u200914 Jul 2026"
    assert en.currency(Decimal("1500"), "CNY") == "CN¥1,500"
    assert ru.currency(Decimal("1500.5"), "RUB") == "1\xa0500,50\xa0₽"
    assert ru.duration(Duration("weeks", 5)) == "5 недель"
    assert zh.duration(Duration("hours", 72)) == "72小时"
    assert (ru.country("CN"), en.country("CN"), zh.country("RU")) == ("Китай", "China", "俄罗斯")
    assert (ru.language_name("zh"), zh.language_name("en")) == ("китайский", "英语")
    assert en.deadline_zone(dt.date(2026, 3, 1)) == "Moscow Standard Time"


def test_i18n_extract_update_and_compile_work_on_a_site_with_its_own_theme(make_site):
    root = make_site({"theme/templates/404.html": '{% extends "base.html" %}{% block content %}{{ _("Lost here") }}{% endblock %}',
                      "babel.cfg": "[jinja2: theme/templates/**.html]\nextensions = jinja2.ext.i18n\n"})
    assert run_cli("i18n", "extract", "--root", str(root)) == 0
    assert 'msgid "Lost here"' in (root / "locales/messages.pot").read_text(encoding="utf-8")
    assert run_cli("i18n", "update", "--root", str(root)) == 0
    assert (root / "locales/ru/LC_MESSAGES/messages.po").is_file()
    assert "Plural-Forms: nplurals=3" in (root / "locales/ru/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert run_cli("i18n", "compile", "--root", str(root)) == 0
