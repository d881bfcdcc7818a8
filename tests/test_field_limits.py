"""Every field has a range or shape the whole build can write: what `check` accepts never crashes `build`."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import REPO, TODAY, build_site
from sitegen.pipeline import check
from test_validation import PARTNER, PROGRAM, SITE, edit, news, problems

SESSION = "sessions:\n  - {start: 2027-07-01, end: 2027-07-14}\n"


def first_problem(root: Path) -> str:
    """The first problem in full, with its hint."""
    return check(root, TODAY).sorted()[0].format()


def builds(root: Path, out: Path) -> bool:
    return bool(build_site(root, out).written)


# Dates: 1900-01-01 to 2199-12-31

@pytest.mark.parametrize("day", ["9999-12-31", "2200-01-01", "1899-12-31", "0001-01-01"])
def test_a_session_date_outside_1900_to_2199_is_an_error(make_site, day):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"sessions:\n  - {{start: 2027-07-01, end: {day}}}\n")})
    assert first_problem(root).startswith(
        f"programs/summer.yaml:12:30: error: sessions[0].end: '{day}' is not between 1900-01-01 and 2199-12-31\n"
        "    hint: check the year")


def test_the_news_date_and_updated_are_within_the_span_too(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 9999-01-01")),
                      "content/news/9999-01-01-far.en.md": news("Far", date="9999-01-01"),
                      "content/news/9999-01-01-far.ru.md": news("Далеко", date="9999-01-01")})
    assert problems(root) == [
        "content/news/9999-01-01-far.en.md:3:7: error: date: '9999-01-01' is not between 1900-01-01 and 2199-12-31",
        "content/news/9999-01-01-far.ru.md:3:7: error: date: '9999-01-01' is not between 1900-01-01 and 2199-12-31",
        "programs/summer.yaml:10:10: error: updated: '9999-01-01' is not between 1900-01-01 and 2199-12-31"]


def test_digits_of_other_scripts_are_not_a_date(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: ٢٠٢٦-١٠-٠١"))})
    assert problems(root) == ["programs/summer.yaml:10:10: error: updated: '٢٠٢٦-١٠-٠١' is not a date"]


def test_the_first_and_last_days_of_the_span_build_and_their_calendars_parse(make_site, tmp_path):
    program = edit(PROGRAM, add="""
        sessions:
          - {application_opens: 1900-01-01, application_deadline: 1900-01-01, start: 1900-01-01, end: 1900-01-02}
          - {application_deadline: 2199-12-31, start: 2199-12-31, end: 2199-12-31}
    """)
    root = make_site({"programs/summer.yaml": program, "site.yaml": edit(SITE, ("Europe/Moscow", "Europe/Berlin")),
                      "content/news/2199-12-31-far.en.md": news("Far", date="2199-12-31"),
                      "content/news/2199-12-31-far.ru.md": news("Далеко", date="2199-12-31")})
    assert builds(root, tmp_path / "out")
    calendar = Calendar.from_ical((tmp_path / "out/en/programs/summer/calendar.ics").read_bytes())
    assert sorted(str(event.decoded("DTEND"))[:10] for event in calendar.walk("VEVENT")) == [
        "1900-01-01", "1900-01-03", "2199-12-31", "2200-01-01"]


# Amounts and counts

@pytest.mark.parametrize("amount", ["1e28", "1.0e+100", "1000000000000.01"])
def test_a_fee_above_a_trillion_is_an_error(make_site, amount):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"fee: {{amount: {amount}, currency: EUR}}\n")})
    shown = {"1.0e+100": "1e+100"}.get(amount, amount)  # YAML reads it as a float
    assert first_problem(root) == (
        f"programs/summer.yaml:11:15: error: fee.amount: must be at most 1000000000000, not '{shown}'\n"
        "    hint: check the number; a typo may have added digits")


@pytest.mark.parametrize("amount, currency, places", [("1e-10", "EUR", 2), ("0.001", "USD", 2), ("1500.5", "JPY", 0),
                                                      ("1.5055", "KWD", 3)])
def test_a_fee_more_precise_than_its_currency_is_an_error(make_site, amount, currency, places):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"fee: {{amount: {amount}, currency: {currency}}}\n")})
    hint = f"round it to {places} decimal places" if places else f"round it to a whole number of {currency}"
    assert first_problem(root) == (
        f"programs/summer.yaml:11:15: error: fee.amount: '{amount}' has more decimal places than {currency} has ({places})\n"
        f"    hint: {hint}")


@pytest.mark.parametrize("amount", [".nan", ".inf", "-.inf", "-1"])
def test_a_fee_that_is_not_a_positive_number_is_an_error(make_site, amount):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"fee: {{amount: {amount}, currency: EUR}}\n")})
    [problem] = problems(root)
    assert problem.startswith("programs/summer.yaml:11:15: error: fee.amount: must be a positive number, not ")


def test_fees_at_the_limits_are_shown_whole_and_with_the_currencys_own_decimals(make_site, tmp_path):
    root = make_site({
        "programs/summer.yaml": edit(PROGRAM, add="fee: {amount: 1000000000000, currency: EUR}\n"),
        "programs/kuwait.yaml": edit(PROGRAM, add="fee: {amount: 1.505, currency: KWD}\n"),
        "programs/thousand.yaml": edit(PROGRAM, add="fee: {amount: 1e3, currency: EUR}\n")})
    assert builds(root, tmp_path / "out")
    page = lambda slug: (tmp_path / f"out/en/programs/{slug}/index.html").read_text(encoding="utf-8")  # noqa: E731
    assert "€1,000,000,000,000" in page("summer")
    assert "KWD1.505" in page("kuwait")  # not rounded to two decimals
    fees = {slug: json.loads((tmp_path / f"out/programs/{slug}.json").read_text())["program"]["fee"]["amount"]
            for slug in ("kuwait", "summer", "thousand")}
    assert fees == {"kuwait": "1.505", "summer": "1000000000000", "thousand": "1000"}  # as open data's schema writes numbers


@pytest.mark.parametrize("field, value, line", [
    ("duration: {hours: VALUE}", 10_001, "11:19: error: duration.hours: must be at most 10000"),
    ("duration: {days: VALUE}", 3_661, "11:18: error: duration.days: must be at most 3660"),
    ("duration: {weeks: VALUE}", 10**29, "11:19: error: duration.weeks: must be at most 520"),
    ("duration: {months: VALUE}", 121, "11:20: error: duration.months: must be at most 120"),
    ("sessions:\n  - {start: 2027-07-01, end: 2027-07-14, seats: VALUE}", 10**29,
     "12:49: error: sessions[0].seats: must be at most 1000000"),
])
def test_counts_have_a_maximum(make_site, field, value, line):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=field.replace("VALUE", str(value)) + "\n")})
    assert first_problem(root) == (f"programs/summer.yaml:{line}, not '{value}'\n"
                                   "    hint: check the number; a typo may have added digits")


def test_counts_at_their_maximum_build(make_site, tmp_path):
    program = edit(PROGRAM, add="duration: {hours: 10000}\nsessions:\n  - {start: 2027-07-01, end: 2027-07-14, seats: 1000000}\n")
    site = edit(SITE, add="news_per_page: 100\nprograms_per_page: 500\n")
    assert builds(make_site({"programs/summer.yaml": program, "site.yaml": site}), tmp_path / "out")
    assert "1,000,000" in (tmp_path / "out/en/programs/summer/index.html").read_text(encoding="utf-8")


def test_programs_per_page_has_a_maximum(make_site):
    root = make_site({"site.yaml": edit(SITE, add="programs_per_page: 501\n")})
    assert problems(root) == ["site.yaml:11:20: error: programs_per_page: must be at most 500, not '501'"]


def test_news_per_page_has_a_maximum(make_site):
    root = make_site({"site.yaml": edit(SITE, add="news_per_page: 101\n")})
    assert problems(root) == ["site.yaml:11:16: error: news_per_page: must be at most 100, not '101'"]


# One-line texts and their lengths

@pytest.mark.parametrize("path, base, old, new, where", [
    ("programs/summer.yaml", PROGRAM, "{en: Summer school,", '{en: "Summer\\nschool",', "1:13: error: title.en"),
    ("partners/acme.yaml", PARTNER, "{en: Acme University,", '{en: "Acme\\u2028University",', "1:12: error: name.en"),
    ("site.yaml", SITE, "{en: Test catalog,", '{en: "Test\\rcatalog",', "1:13: error: title.en"),
    ("programs/summer.yaml", PROGRAM, "{city: {en: Shanghai,", '{city: {en: "Shang\\nhai",', "8:23: error: location.city.en"),
])
def test_a_line_break_in_a_one_line_text_is_an_error(make_site, path, base, old, new, where):
    root = make_site({path: edit(base, (old, new))})
    assert first_problem(root) == (f"{path}:{where}: must be one line, without line breaks\n"
                                   "    hint: write it on one line; the details belong in the description")


def test_a_news_title_written_as_a_block_of_lines_is_an_error(make_site):
    root = make_site({"content/news/2026-03-01-visit.en.md": "---\ntitle: |\n  A visit\n  to Shanghai\ndate: 2026-03-01\n---\nText.\n",
                      "content/news/2026-03-01-visit.ru.md": news("Визит")})
    assert problems(root) == ["content/news/2026-03-01-visit.en.md:2:8: error: title: must be one line, without line breaks"]


def test_a_title_folded_over_lines_in_yaml_is_one_line(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("title: {en: Summer school,", "title: {en: Summer\n  school,"))})
    assert problems(root) == []


@pytest.mark.parametrize("path, base, old, new, where", [
    ("programs/summer.yaml", PROGRAM, "{en: Summer school,", '{en: "Summer\\x01school",', "1:13: error: title.en"),
    ("programs/summer.yaml", PROGRAM, "{en: Summer school,", '{en: "Summer\\tschool",', "1:13: error: title.en"),
    ("programs/summer.yaml", PROGRAM, "{en: Two weeks of engineering.,", '{en: "Two weeks\\x85 of engineering.",',
     "2:15: error: summary.en"),
    ("programs/summer.yaml", PROGRAM, "{en: Two weeks of engineering.,", '{en: "Two weeks\\uffff of engineering.",',
     "2:15: error: summary.en"),
    ("programs/summer.yaml", PROGRAM, "{en: Summer school,", '{en: "Summer \\U0010FFFE school",', "1:13: error: title.en"),
])
def test_an_invisible_control_character_is_an_error(make_site, path, base, old, new, where):
    root = make_site({path: edit(base, (old, new))})
    code = re.search(r"\\(?:x|u|U00)([0-9a-fA-F]{2,6})|\\t", new)
    code = "0009" if code[1] is None else code[1].upper().rjust(4, "0")
    assert first_problem(root) == (f"{path}:{where}: contains the invisible control character U+{code}\n"
                                   "    hint: delete it; retyping the words around it is the easiest way")


def test_markdown_and_summaries_keep_their_line_breaks_and_tabs(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add='description: {en: "Two weeks.\\n\\n\\tCode block", ru: Две недели.}\n')})
    assert problems(root) == []


@pytest.mark.parametrize("path, base, old, length, where, limit", [
    ("programs/summer.yaml", PROGRAM, "Summer school", 201, "1:13: error: title.en", 200),
    ("partners/acme.yaml", PARTNER, "Acme University", 201, "1:12: error: name.en", 200),
    ("programs/summer.yaml", PROGRAM, "Shanghai", 101, "8:23: error: location.city.en", 100),
])
def test_one_line_texts_have_a_maximum_length(make_site, path, base, old, length, where, limit):
    root = make_site({path: edit(base, (old, "x" * length))})
    assert first_problem(root) == (f"{path}:{where}: is {length} characters long; at most {limit} are allowed\n"
                                   "    hint: shorten it; a title or name fits on one line")


def test_a_title_of_200_characters_without_spaces_builds(make_site, tmp_path):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("Summer school", "W" * 200), add=SESSION)})
    assert builds(root, tmp_path / "out")


def test_an_article_summary_has_a_maximum_length(make_site):
    root = make_site({"content/news/2026-03-01-visit.en.md": news("Visit", more=f"summary: {'x' * 1001}\n"),
                      "content/news/2026-03-01-visit.ru.md": news("Визит")})
    assert problems(root) == [
        "content/news/2026-03-01-visit.en.md:4:10: error: summary: is 1001 characters long; at most 1000 are allowed"]


# Web addresses

@pytest.mark.parametrize("url", ["https://[::1/", "https://:80/"])
def test_a_base_url_without_a_host_its_parser_finds_is_an_error(make_site, url):
    root = make_site({"site.yaml": edit(SITE, ("https://example.org/", url))})
    assert problems(root) == [f"site.yaml:2:11: error: base_url: '{url}' is not an http(s) URL"]


@pytest.mark.parametrize("url", ["https://[::1/x", "https://example..org/", "https://user:secret@example.org/",
                                 "https://user@example.org/", "https://example.org:99999/", "https://example.org/a#b#c"])
def test_a_website_that_pages_could_not_link_to_is_an_error(make_site, url):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add=f"website: '{url}'\n")})
    assert problems(root) == [f"partners/acme.yaml:4:10: error: website: '{url}' is not an http(s) URL"]


def test_a_website_on_an_ipv6_host_or_with_a_final_dot_is_fine(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add="website: 'https://[2001:db8::1]:8443/a?b=1#c'\n"),
                      "programs/summer.yaml": edit(PROGRAM, add="apply_url: 'https://example.org./apply'\n")})
    assert problems(root) == []


@pytest.mark.parametrize("url", ["https://example.org/?lang=1", "https://example.org/#top"])
def test_a_base_url_with_a_query_or_fragment_is_an_error(make_site, url):
    root = make_site({"site.yaml": edit(SITE, ("https://example.org/", url))})
    assert first_problem(root) == (
        f"site.yaml:2:11: error: base_url: '{url}' has a query or a fragment ('?' or '#')\n"
        "    hint: write the address of the site's folder alone, e.g. https://example.org/internships/")


# Language tags

def test_hreflang_with_an_underscore_is_an_error_that_suggests_the_hyphen(make_site):
    root = make_site({"site.yaml": edit(SITE, ("hreflang: en,", "hreflang: zh_Hans,"))})
    assert first_problem(root) == (
        "site.yaml:5:41: error: languages[0].hreflang: 'zh_Hans' is not a BCP 47 language tag that Babel knows "
        "(did you mean 'zh-Hans'?)\n"
        "    hint: write language, script and region joined by hyphens, e.g. en, en-GB or zh-Hans")


@pytest.mark.parametrize("tag", ["en-GB-a", "en-GBR", "tlh", "x-default"])
def test_hreflang_that_browsers_or_babel_refuse_is_an_error(make_site, tag):
    root = make_site({"site.yaml": edit(SITE, ("hreflang: en,", f"hreflang: {tag},"))})
    assert problems(root) == [f"site.yaml:5:41: error: languages[0].hreflang: '{tag}' is not a BCP 47 language tag that Babel knows"]


@pytest.mark.parametrize("tag", ["en-GB", "zh-Hans", "zh-Hans-CN", "es-419", "de-CH-1996", "EN-gb"])
def test_hreflang_in_bcp_47_form_is_fine(make_site, tag):
    assert problems(make_site({"site.yaml": edit(SITE, ("hreflang: en,", f"hreflang: {tag},"))})) == []


def test_a_code_that_is_no_language_tag_needs_an_hreflang(make_site):
    site = edit(SITE, ("{code: ru, locale: ru_RU, hreflang: ru,", "{code: ru-x1, locale: ru_RU,"), ("fallback: [ru]", "fallback: [ru-x1]"))
    root = make_site({"site.yaml": site.replace(" ru: ", " ru-x1: "), "programs/summer.yaml": None, "partners/acme.yaml": None})
    assert [p.format() for p in check(root, TODAY).sorted()] == [(
        "site.yaml:6:12: error: languages[1].code: 'ru-x1' is not a BCP 47 language tag that Babel knows\n"
        "    hint: add 'hreflang:' with the language's BCP 47 tag, e.g. hreflang: zh-Hans")]


# The calendar writer does not rely on validation, nor on icalendar's assert

_CALENDAR_UNDER_O = textwrap.dedent("""
    import dataclasses, datetime as dt, sys
    from pathlib import Path
    from babel.support import NullTranslations
    from sitegen.plan.catalog import build_catalog
    from sitegen.output.calendars import calendar_files
    from sitegen.source.load import load_content
    from sitegen.render.localize import Localizer
    from sitegen.foundation.model import Localized
    from sitegen.foundation.problems import Problems
    from sitegen.plan.urls import Urls

    if __debug__:
        sys.exit("run me with python -O")
    title = "Summer\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:injected"
    content = load_content(Path(sys.argv[1]), dt.date(2026, 11, 24), Problems())
    program = dataclasses.replace(content.programs[0], title=Localized({"en": title}))
    site = dataclasses.replace(content.site, title=Localized({"en": title}))
    content = dataclasses.replace(content, site=site, programs=(program,))
    catalog = build_catalog(content, dt.date(2026, 11, 24))
    whole, own = calendar_files(catalog, Localizer(site, site.languages[0]), Urls(site.base_url), NullTranslations())
    sys.stdout.buffer.write(whole + b"\\0" + own[program.slug])
""")


def test_under_python_O_a_line_break_in_a_title_cannot_add_an_event_to_a_calendar(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="""
        sessions:
          - {start: 2027-07-01, end: 2027-07-14}
          - {start: 2028-07-01, end: 2028-07-14}
    """)})
    run = subprocess.run([sys.executable, "-O", "-c", _CALENDAR_UNDER_O, str(root)], cwd=REPO,
                         capture_output=True, check=True)
    for data in run.stdout.split(b"\0"):
        calendar = Calendar.from_ical(data)
        assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
            "Summer\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"] * 2  # one event per session, the title whole
        unfolded = data.replace(b"\r\n ", b"")
        assert b"\r\nX-WR-CALNAME:Summer\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:injected" in unfolded  # escaped, whole
        assert unfolded.count(b"\r\nBEGIN:VEVENT\r\n") == 2


@pytest.mark.parametrize("line, value, where, hint", [
    ("website: 'https://example.org/{a}'", "'https://example.org/{a}' contains '{'", "4:10: error: website",
     "copy the address from the browser's address bar, which writes such characters as %XX"),
    ("website: 'https://example.org/50%'", "'https://example.org/50%' contains '%'", "4:10: error: website",
     "copy the address from the browser's address bar, which writes such characters as %XX"),
    ("website: 'https://example.org/?q=[x]'", "'https://example.org/?q=[x]' contains '['", "4:10: error: website",
     "copy the address from the browser's address bar, which writes such characters as %XX"),
])
def test_a_web_address_with_a_character_no_link_may_hold_is_an_error(make_site, line, value, where, hint):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add=line + "\n")})
    assert first_problem(root) == f"partners/acme.yaml:{where}: {value}, which a link cannot contain\n    hint: {hint}"


def test_a_phone_or_email_with_a_character_no_link_may_hold_is_an_error(make_site):
    root = make_site({"site.yaml": edit(SITE, add="contact: {phone: '+7 812 50%', email: 'a\"b@example.org'}\n")})
    assert [problem.format() for problem in check(root, TODAY).sorted()] == [
        "site.yaml:11:18: error: contact.phone: '+7 812 50%' contains '%', which a link cannot contain\n"
        "    hint: write the number with digits, spaces, +, -, ( and )",
        "site.yaml:11:39: error: contact.email: 'a\"b@example.org' contains '\"', which a link cannot contain\n"
        "    hint: write the address alone, like name@example.org"]


def test_brackets_and_hashes_in_a_phone_or_email_are_errors(make_site):
    root = make_site({"site.yaml": edit(SITE, add="contact: {phone: '+7 [495] 123', email: 'a#b@example.org'}\n")})
    assert [problem.format().splitlines()[0] for problem in check(root, TODAY).sorted()] == [
        "site.yaml:11:18: error: contact.phone: '+7 [495] 123' contains '[', which a link cannot contain",
        "site.yaml:11:41: error: contact.email: 'a#b@example.org' contains '#', which a link cannot contain"]


def test_addresses_in_other_scripts_and_escapes_are_fine(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add="website: 'https://пример.рф/a%20b?x=1&y=2#top'\n"),
                      "site.yaml": edit(SITE, add="contact: {phone: '+7 (812) 555-12-12 доб. 3', email: a.b+c@example.org}\n")})
    assert problems(root) == []


@pytest.mark.parametrize("character", ["\x01", "\x0c", "\x85", "\ufdd0"])
def test_an_invisible_control_character_in_an_articles_text_is_an_error_at_its_place(make_site, character):
    root = make_site({"content/news/2026-03-01-visit.en.md": news("Visit").replace("Text.", f"Text.\nOne {character}more."),
                      "content/news/2026-03-01-visit.ru.md": news("Визит")})
    assert first_problem(root) == (
        f"content/news/2026-03-01-visit.en.md:6:5: error: contains the invisible control character U+{ord(character):04X}\n"
        "    hint: delete it; retyping the words around it is the easiest way")
