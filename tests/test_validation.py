"""Checking content against the content model: every rule, with the exact problem an editor reads."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, TODAY, build_site, run_cli
from sitegen.source.load import load_content
from sitegen.pipeline import check
from sitegen.foundation.problems import Problems

SITE = MINIMAL_SITE["site.yaml"]
PARTNER = MINIMAL_SITE["partners/acme.yaml"]
PROGRAM = MINIMAL_SITE["programs/summer.yaml"]
# PROGRAM, line by line:
#  1 title    2 summary   3 type   4 audience   5 field   6 partners   7 mode
#  8 location: {city: {en: Shanghai, ru: Шанхай}, country: CN}   9 languages   10 updated
# SITE: 1 title  2 base_url  3 default_language  4 languages:  5 - en  6 - ru  7 timezone
#  8 fields:  9 engineering  10 menu
# PARTNER: 1 name  2 kind  3 country


def edit(text: str, *replacements: tuple[str, str], add: str = "") -> str:
    """A base file with exact replacements applied and lines appended; each replacement must apply."""
    text = textwrap.dedent(text).lstrip("\n")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text + textwrap.dedent(add).lstrip("\n")


def without(text: str, *starts: str) -> str:
    text = textwrap.dedent(text).lstrip("\n")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(starts))


def problems(root: Path) -> list[str]:
    """The first line of every problem, sorted as the check prints them."""
    return [problem.format().splitlines()[0] for problem in check(root, TODAY).sorted()]


def news(title: str, date: str = "2026-03-01", more: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{more}---\nText.\n"


def page(title: str, more: str = "") -> str:
    return f"---\ntitle: {title}\n{more}---\nText.\n"


def test_the_minimal_site_has_no_problems(make_site):
    assert problems(make_site()) == []


# File names and slugs

def test_program_file_name_that_is_not_a_slug_is_an_error(make_site):
    root = make_site({"programs/Summer_School.yaml": PROGRAM})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/Summer_School.yaml: error: 'Summer_School' is not a valid slug\n"
        "    hint: use lowercase Latin letters, digits and single hyphens, e.g. 'summer-school-2026'")


@pytest.mark.parametrize("name", ["summer--school", "-summer", "summer-", "лето", "summer.school", "evil\n"])
def test_slugs_are_lowercase_latin_words_joined_by_single_hyphens(make_site, name):
    root = make_site({f"partners/{name}.yaml": PARTNER})
    shown = name.replace("\n", "\\n")  # a problem stays on one line
    assert problems(root) == [f"partners/{shown}.yaml: error: '{shown}' is not a valid slug"]


def test_program_with_the_wrong_extension_is_an_error_that_says_how_to_rename_it(make_site):
    root = make_site({"programs/autumn.yml": PROGRAM})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/autumn.yml: error: programs are .yaml files\n"
                                "    hint: rename it to autumn.yaml, or start its name with _ to keep it out")


def test_file_in_a_subfolder_of_programs_is_an_error(make_site):
    root = make_site({"programs/2026/autumn.yaml": PROGRAM})
    assert problems(root) == ["programs/2026/autumn.yaml: error: unexpected file in a subfolder of programs/"]


def test_page_with_a_language_suffix_the_site_does_not_have_is_an_error(make_site):
    root = make_site({"content/pages/about.en.md": page("About"), "content/pages/about.ru.md": page("О нас"),
                      "content/pages/about.de.md": page("Über uns")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("content/pages/about.de.md: error: 'de' is not a language of this site\n"
                                "    hint: end the file name with one of: .en.md, .ru.md")


def test_language_suffix_in_capitals_suggests_the_site_language(make_site):
    root = make_site({"content/pages/about.en.md": page("About"), "content/pages/about.ru.md": page("О нас"),
                      "content/pages/contacts.EN.md": page("Contacts")})
    assert problems(root) == [
        "content/pages/contacts.EN.md: error: 'EN' is not a language of this site (did you mean 'en'?)"]


def test_page_without_a_language_suffix_is_an_error(make_site):
    root = make_site({"content/pages/about.md": page("About")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("content/pages/about.md: error: file name does not fit 'slug.LANG.md'\n"
                                "    hint: rename it like about.en.md")


def test_news_file_name_without_a_date_is_an_error(make_site):
    root = make_site({"content/news/opening.en.md": news("Opening")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "content/news/opening.en.md: error: file name does not fit 'YYYY-MM-DD-slug.LANG.md'\n"
        "    hint: rename it like 2025-10-14-shanghai-agreements.en.md")


def test_file_straight_in_content_is_an_error_instead_of_being_ignored(make_site):
    root = make_site({"content/about.en.md": page("About")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "content/about.en.md: error: unexpected file in content/\n"
        "    hint: put news in content/news/, pages in content/pages/ and images in content/media/")


def test_media_and_logos_of_unsupported_types_are_errors(make_site):
    root = make_site({"content/media/notes.docx": "x", "partners/logos/acme.bmp": "x"})
    assert problems(root) == ["content/media/notes.docx: error: unsupported file type '.docx'",
                              "partners/logos/acme.bmp: error: unsupported file type '.bmp'"]


def test_files_and_folders_starting_with_underscore_or_dot_are_ignored(make_site):
    root = make_site({
        "programs/_template.yaml": "title: [not yaml",
        "programs/.hidden.yaml": "\x00",
        "partners/.DS_Store": "\x00\x01",
        "content/news/_ideas.md": "no front matter",
        "content/pages/.about.en.md.swp": "x",
        "content/_drafts/notes.txt": "x",
        "programs/_old/ancient.yaml": "x: [",
    })
    assert problems(root) == []


# Localized values

def test_key_that_is_not_a_site_language_is_an_error_with_did_you_mean(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("ru: Летняя школа", "rus: Летняя школа"))})
    [error, warning] = check(root, TODAY).sorted()[::-1]
    assert error.format() == ("programs/summer.yaml:1:28: error: title.rus: 'rus' is not a language of this site "
                              "(did you mean 'ru'?)\n"
                              "    hint: the languages are listed in site.yaml: en, ru")
    assert warning.format().startswith("programs/summer.yaml:1:8: warning: title: has no ru translation; the ru page shows the en text")


def test_language_key_the_site_does_not_have_is_an_error(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("ru: Университет Акме}", "ru: Университет Акме, zh: 阿克米大学}"))})
    assert problems(root) == ["partners/acme.yaml:1:51: error: name.zh: 'zh' is not a language of this site"]


def test_localized_value_written_as_plain_text_is_an_error_that_shows_the_mapping(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("{en: Summer school, ru: Летняя школа}", "Summer school"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:1:8: error: title: must be a mapping of languages to text, not 'Summer school'\n"
        "    hint: write it as {en: ..., ru: ...}")


def test_missing_translation_is_a_warning_that_explains_the_fallback(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, (", ru: Две недели инженерии.", ""))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:2:10: warning: summary: has no ru translation; the ru page shows the en text\n"
        "    hint: add the ru text, e.g. 'ru: ...' in summary")
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat()) == 0


def test_localized_mapping_without_any_language_is_an_error(make_site):
    # Without this the program would silently vanish from the catalog.
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("{en: Summer school, ru: Летняя школа}", "{}"))})
    assert problems(root) == ["programs/summer.yaml:1:8: error: title: has no text in any language"]


def test_localized_mapping_with_only_empty_translations_is_an_error(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("{en: Acme University, ru: Университет Акме}", "{en: , ru: }"))})
    assert problems(root) == ["partners/acme.yaml:1:7: error: name: has no text in any language"]


def test_translation_left_empty_counts_as_missing(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("ru: Летняя школа", "ru: ~"))})
    assert problems(root) == ["programs/summer.yaml:1:8: warning: title: has no ru translation; the ru page shows the en text"]


def test_empty_translation_is_an_error(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("ru: Летняя школа", "ru: ''"))})
    assert problems(root) == ["programs/summer.yaml:1:32: error: title.ru: must not be empty"]


# Unknown keys

def test_unknown_key_suggests_the_closest_known_key(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("title:", "titel:"))})
    assert problems(root) == [
        "programs/summer.yaml:1:1: error: titel: unknown field (did you mean 'title'?)",
        "programs/summer.yaml:1:1: error: title: required field is missing",
    ]


def test_unknown_key_lists_the_allowed_keys_in_its_hint(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add="web_site: https://acme.example\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "partners/acme.yaml:4:1: error: web_site: unknown field (did you mean 'website'?)\n"
        "    hint: allowed here: name, short_name, kind, country, city, website, logo, description")


def test_unknown_key_inside_a_nested_mapping_is_named_with_its_path(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("country: CN}", "country: CN, town: x}"))})
    assert problems(root) == ["programs/summer.yaml:8:59: error: location.town: unknown field"]


def test_unknown_key_in_front_matter_suggests_the_known_one(make_site):
    root = make_site({"content/news/2026-03-01-opening.en.md": news("Opening", more="summery: Short.\n"),
                      "content/news/2026-03-01-opening.ru.md": news("Открытие")})
    assert problems(root) == [
        "content/news/2026-03-01-opening.en.md:4:1: error: summery: unknown field (did you mean 'summary'?)"]


def test_menu_title_is_for_pages_only(make_site):
    root = make_site({"content/news/2026-03-01-opening.en.md": news("Opening", more="menu_title: Open\n"),
                      "content/news/2026-03-01-opening.ru.md": news("Открытие")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format().startswith("content/news/2026-03-01-opening.en.md:4:1: error: menu_title: unknown field")
    assert problem.hint == "allowed here: title, date, image, image_alt, summary, partners, programs, draft"


# Required fields

def test_every_missing_required_field_of_a_program_is_reported_with_where_to_add_it(make_site):
    root = make_site({"programs/summer.yaml": "description: {en: Soon., ru: Скоро.}\n"})
    found = check(root, TODAY).sorted()
    assert [p.format().splitlines()[0] for p in found] == [
        f"programs/summer.yaml:1:1: error: {key}: required field is missing"
        for key in ("audience", "field", "languages", "mode", "partners", "summary", "title", "type", "updated")]
    assert found[0].hint == "add 'audience:' to this file"


def test_required_field_without_a_value_is_reported_at_its_key(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated:"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:10:1: error: updated: required field has no value\n"
                                "    hint: write the value after 'updated:'")


def test_missing_field_of_a_nested_mapping_says_under_which_key_to_add_it(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="fee: {currency: EUR}\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:11:6: error: fee.amount: required field is missing\n"
                                "    hint: add 'amount:' under 'fee'")


def test_missing_required_fields_of_a_partner(make_site):
    root = make_site({"partners/acme.yaml": "city: {en: Shanghai, ru: Шанхай}\n"})
    assert problems(root) == [
        "partners/acme.yaml:1:1: error: country: required field is missing",
        "partners/acme.yaml:1:1: error: kind: required field is missing",
        "partners/acme.yaml:1:1: error: name: required field is missing",
    ]


def test_program_needs_at_least_one_partner(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("partners: [acme]", "partners: []"))})
    assert problems(root) == ["programs/summer.yaml:6:11: error: partners: needs at least 1 item"]


def test_list_field_written_as_a_single_word_shows_the_list_form(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("audience: [students]", "audience: students"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:4:11: error: audience: must be a list, not 'students'\n"
                                "    hint: write it as [students] or lines starting with '- '")


# Enumerations

@pytest.mark.parametrize("path, old, new, expected", [
    ("programs/summer.yaml", "type: summer-school", "type: summerschool",
     "programs/summer.yaml:3:7: error: type: unknown program type 'summerschool' (did you mean 'summer-school'?)"),
    ("programs/summer.yaml", "audience: [students]", "audience: [students, student]",
     "programs/summer.yaml:4:22: error: audience: unknown audience 'student' (did you mean 'students'?)"),
    ("programs/summer.yaml", "mode: onsite", "mode: on-site",
     "programs/summer.yaml:7:7: error: mode: unknown mode 'on-site' (did you mean 'onsite'?)"),
    ("partners/acme.yaml", "kind: university", "kind: univ",
     "partners/acme.yaml:2:7: error: kind: unknown kind 'univ' (did you mean 'university'?)"),
    ("programs/summer.yaml", "updated: 2026-10-01", "updated: 2026-10-01\nstatus: archive",
     "programs/summer.yaml:11:9: error: status: unknown status 'archive' (did you mean 'archived'?)"),
])
def test_unknown_enumeration_value_suggests_the_closest_choice(make_site, path, old, new, expected):
    root = make_site({path: edit(MINIMAL_SITE[path], (old, new))})
    assert problems(root) == [expected]


def test_unknown_enumeration_value_lists_the_choices_in_its_hint(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("type: summer-school", "type: course"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.hint == "use one of: internship, professional-development, summer-school, exchange, joint-program"


def test_derived_status_cannot_be_set_by_hand(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="status: open\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:11:9: error: status: unknown status 'open'\n"
        "    hint: set only in-preparation or archived; open, upcoming and closed follow from the sessions")


def test_value_listed_twice_is_an_error(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("audience: [students]", "audience: [students, students]"))})
    assert problems(root) == ["programs/summer.yaml:4:22: error: audience: 'students' is listed twice"]


# References to partners, programs and fields of study

def test_unknown_partner_suggests_the_closest_slug(make_site):
    # The example of CONTENT.md, to the column.
    root = make_site({
        "partners/usst.yaml": edit(PARTNER),
        "programs/usst.yaml": edit(PROGRAM, ("partners: [acme]\n", ""), add="""
            description: {en: Joint program., ru: Совместная программа.}
            partners:
            - ust
        """),
    })
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/usst.yaml:12:3: error: partners: unknown partner 'ust' (did you mean 'usst'?)\n"
                                "    hint: use one of: acme, usst")


def test_unknown_field_of_study_suggests_a_key_of_fields_in_site_yaml(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("field: engineering", "field: enginering"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:5:8: error: field: unknown field of study 'enginering' (did you mean 'engineering'?)\n"
        "    hint: use a key of 'fields' in site.yaml: engineering")


def test_news_about_unknown_partners_and_programs_is_an_error(make_site):
    root = make_site({
        "content/news/2026-03-01-opening.en.md": news("Opening", more="partners: [acm]\nprograms: [sumer]\n"),
        "content/news/2026-03-01-opening.ru.md": news("Открытие"),
    })
    assert problems(root) == [
        "content/news/2026-03-01-opening.en.md:4:12: error: partners: unknown partner 'acm' (did you mean 'acme'?)",
        "content/news/2026-03-01-opening.en.md:5:12: error: programs: unknown program 'sumer' (did you mean 'summer'?)",
    ]


# Location, mode and the in-preparation exception

def test_onsite_program_needs_a_location(make_site):
    root = make_site({"programs/summer.yaml": without(PROGRAM, "location:")})
    assert problems(root) == ["programs/summer.yaml:1:1: error: location: required field is missing"]


def test_blended_program_needs_a_location(make_site):
    root = make_site({"programs/summer.yaml": edit(without(PROGRAM, "location:"), ("mode: onsite", "mode: blended"))})
    assert problems(root) == ["programs/summer.yaml:1:1: error: location: required field is missing"]


def test_online_program_needs_no_location(make_site):
    root = make_site({"programs/summer.yaml": edit(without(PROGRAM, "location:"), ("mode: onsite", "mode: online"))})
    assert problems(root) == []


def test_location_needs_a_city_and_a_country(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("{city: {en: Shanghai, ru: Шанхай}, country: CN}", "{country: CN}"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:8:11: error: location.city: required field is missing\n"
                                "    hint: add 'city:' under 'location'")


def test_program_in_preparation_may_omit_mode_languages_and_location(make_site):
    root = make_site({"programs/summer.yaml": without(PROGRAM, "mode:", "location:", "languages:")
                      + "status: in-preparation\n"})
    assert problems(root) == []


def test_program_not_in_preparation_needs_mode_and_languages(make_site):
    root = make_site({"programs/summer.yaml": without(PROGRAM, "mode:", "location:", "languages:")
                      + "status: archived\n"})
    assert problems(root) == ["programs/summer.yaml:1:1: error: languages: required field is missing",
                              "programs/summer.yaml:1:1: error: mode: required field is missing"]


def test_misspelt_status_does_not_also_demand_what_in_preparation_may_omit(make_site):
    root = make_site({"programs/summer.yaml": without(PROGRAM, "mode:", "location:", "languages:")
                      + "status: in-preperation\n"})
    assert problems(root) == [
        "programs/summer.yaml:8:9: error: status: unknown status 'in-preperation' (did you mean 'in-preparation'?)"]


def test_program_in_preparation_still_checks_what_it_gives(make_site):
    root = make_site({"programs/summer.yaml": edit(without(PROGRAM, "location:", "languages:"),
                                                   ("mode: onsite", "mode: hybrid"), add="status: in-preparation\n")})
    assert problems(root) == ["programs/summer.yaml:7:7: error: mode: unknown mode 'hybrid'"]


# ISO codes

@pytest.mark.parametrize("country, suggestion", [("XX", ""), ("cn", " (did you mean 'CN'?)"), ("CHN", " (did you mean 'CN'?)")])
def test_country_must_be_an_iso_3166_alpha_2_code(make_site, country, suggestion):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("country: CN", f"country: {country}"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (f"partners/acme.yaml:3:10: error: country: '{country}' is not an ISO 3166-1 alpha-2 "
                                f"country code{suggestion}\n"
                                "    hint: use two capital letters, e.g. CN or RU")


def test_country_of_a_program_location_is_checked_too(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("country: CN", "country: China"))})
    assert problems(root) == [
        "programs/summer.yaml:8:55: error: location.country: 'China' is not an ISO 3166-1 alpha-2 country code"]


def test_country_no_is_norway_not_a_boolean(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("country: CN", "country: NO"))})
    assert problems(root) == []


def test_currency_must_be_an_iso_4217_code(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="fee: {amount: 1500, currency: EURO}\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:11:31: error: fee.currency: 'EURO' is not an ISO 4217 currency "
                                "code (did you mean 'EUR'?)\n"
                                "    hint: use three capital letters, e.g. CNY, RUB, EUR")


@pytest.mark.parametrize("written, suggestion", [("eng", "en"), ("English", "en"), ("chi", "zh"), ("rus", "ru")])
def test_language_of_instruction_must_be_an_iso_639_code_and_names_are_pointed_to_it(make_site, written, suggestion):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("languages: [en]", f"languages: [{written}]"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (f"programs/summer.yaml:9:13: error: languages: unknown language code '{written}' "
                                f"(did you mean '{suggestion}'?)\n"
                                "    hint: use ISO 639-1 codes such as en, ru or zh")


def test_languages_of_instruction_are_not_limited_to_the_site_languages(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("languages: [en]", "languages: [en, zh, de]"))})
    assert problems(root) == []


# Duration, sessions, fee

@pytest.mark.parametrize("duration", ["{weeks: 2, days: 3}", "{}"])
def test_duration_gives_exactly_one_unit(make_site, duration):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"duration: {duration}\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:11:11: error: duration: give exactly one of hours, days, weeks or months\n"
                                "    hint: e.g. 'duration: {weeks: 2}'")


def test_duration_unit_with_a_typo_suggests_the_unit(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="duration: {week: 2}\n")})
    assert problems(root) == [
        "programs/summer.yaml:11:11: error: duration: give exactly one of hours, days, weeks or months",
        "programs/summer.yaml:11:12: error: duration.week: unknown field (did you mean 'weeks'?)",
    ]


def test_duration_of_zero_is_reported_once_at_the_number(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="duration: {weeks: 0}\n")})
    assert problems(root) == [
        "programs/summer.yaml:11:19: error: duration.weeks: must be a whole number of at least 1, not '0'"]


@pytest.mark.parametrize("session, expected", [
    ("{application_opens: 2027-05-01, application_deadline: 2027-04-01, start: 2027-07-01, end: 2027-07-20}",
     "12:58: error: sessions[0].application_deadline: application_deadline (2027-04-01) is before "
     "application_opens (2027-05-01)"),
    ("{application_deadline: 2027-07-02, start: 2027-07-01, end: 2027-07-20}",
     "12:46: error: sessions[0].start: start (2027-07-01) is before application_deadline (2027-07-02)"),
    ("{start: 2027-07-01, end: 2027-06-20}",
     "12:29: error: sessions[0].end: end (2027-06-20) is before start (2027-07-01)"),
    ("{application_opens: 2027-08-01, start: 2027-07-01, end: 2027-07-20}",
     "12:43: error: sessions[0].start: start (2027-07-01) is before application_opens (2027-08-01)"),
])
def test_session_dates_go_opens_deadline_start_end(make_site, session, expected):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"sessions:\n - {session}\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (f"programs/summer.yaml:{expected}\n"
                                "    hint: dates go in this order: application_opens ≤ application_deadline ≤ start ≤ end")


def test_session_on_a_single_day_with_deadline_that_day_is_fine(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="""
        sessions:
          - {application_opens: 2027-01-01, application_deadline: 2027-07-01, start: 2027-07-01, end: 2027-07-01}
    """)})
    assert problems(root) == []


def test_session_needs_start_and_end(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="sessions:\n  - {start: 2027-07-01, seats: 0}\n")})
    assert problems(root) == [
        "programs/summer.yaml:12:5: error: sessions[0].end: required field is missing",
        "programs/summer.yaml:12:32: error: sessions[0].seats: must be a whole number of at least 1, not '0'",
    ]


def test_session_that_is_not_a_mapping_is_an_error(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="sessions:\n  - 2027-07-01\n")})
    assert problems(root) == ["programs/summer.yaml:12:5: error: sessions[0]: must be a mapping, not '2027-07-01'"]


def test_fee_free_and_fee_with_amount_and_currency_are_both_fine(make_site):
    assert problems(make_site({"programs/summer.yaml": edit(PROGRAM, add="fee: free\n")})) == []
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="""
        fee:
          amount: 1500.50
          currency: CNY
          includes: {en: Lodging, ru: Проживание}
    """)})
    assert problems(root) == []


@pytest.mark.parametrize("fee, expected", [
    ("gratis", "11:6: error: fee: must be 'free' or {amount, currency}, not 'gratis'"),
    ("1500", "11:6: error: fee: must be 'free' or {amount, currency}, not '1500'"),
    ("{amount: -5, currency: EUR}", "11:15: error: fee.amount: must be a positive number, not '-5'"),
    ("{amount: '1 500', currency: EUR}", "11:15: error: fee.amount: must be a positive number, not '1 500'"),
    ("{amount: 1500}", "11:6: error: fee.currency: required field is missing"),
    ("{amount: 1500, currency: EUR, includes: Lodging}",
     "11:46: error: fee.includes: must be a mapping of languages to text, not 'Lodging'"),
])
def test_fee_is_free_or_a_positive_amount_with_a_currency(make_site, fee, expected):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"fee: {fee}\n")})
    assert problems(root) == [f"programs/summer.yaml:{expected}"]


# Text limits, URLs, images, logos

def test_summary_longer_than_300_characters_is_an_error(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("Two weeks of engineering.", "x" * 301))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:2:15: error: summary.en: is 301 characters long; at most 300 are allowed\n"
                                "    hint: shorten it; put the details in the description")


def test_summary_of_exactly_300_characters_is_fine(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("Two weeks of engineering.", "ж" * 300))})
    assert problems(root) == []


@pytest.mark.parametrize("url", ["ftp://example.org/apply", "www.example.org/apply", "javascript:alert(1)", "mailto:a@b.org"])
def test_apply_url_must_be_http_or_https(make_site, url):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add=f"apply_url: '{url}'\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (f"programs/summer.yaml:11:12: error: apply_url: '{url}' is not an http(s) URL\n"
                                "    hint: write the full address, starting with https://, as the browser's address bar shows it")


def test_image_without_image_alt_is_an_error_at_the_image(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="image: poster.jpg\n"),
                      "content/media/poster.jpg": "jpeg"})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:11:8: error: image: an image needs 'image_alt'\n"
        "    hint: add 'image_alt:' describing the image for readers who cannot see it")


def test_image_that_is_not_in_content_media_is_an_error_with_did_you_mean(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="image: poster.jpg\nimage_alt: {en: Poster, ru: Плакат}\n"),
                      "content/media/posters.jpg": "jpeg"})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:11:8: error: image: no file 'poster.jpg' in content/media/ (did you mean 'posters.jpg'?)\n"
        "    hint: put the file in content/media/ and give its name here")


def test_image_with_alt_text_in_content_media_is_fine(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="image: poster.jpg\nimage_alt: {en: Poster, ru: Плакат}\n"),
                      "content/media/poster.jpg": "jpeg"})
    assert problems(root) == []


def test_news_image_needs_the_file_and_alt_text(make_site):
    root = make_site({
        "content/media/ship.png": "png",
        "content/news/2026-03-01-opening.en.md": news("Opening", more="image: ship.png\n"),
        "content/news/2026-03-01-opening.ru.md": news("Открытие", more="image: boat.png\nimage_alt: Корабль\n"),
    })
    assert problems(root) == [
        "content/news/2026-03-01-opening.en.md:4:8: error: image: an image needs 'image_alt'",
        "content/news/2026-03-01-opening.ru.md:4:8: error: image: no file 'boat.png' in content/media/",
    ]


def test_missing_logo_is_an_error(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add="logo: acme.svg\n"), "partners/logos/acme.png": "png"})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("partners/acme.yaml:4:7: error: logo: no file 'acme.svg' in partners/logos/ "
                                "(did you mean 'acme.png'?)\n"
                                "    hint: put the file in partners/logos/ and give its name here")


def test_website_must_be_http_or_https(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add="website: acme.edu\n")})
    assert problems(root) == ["partners/acme.yaml:4:10: error: website: 'acme.edu' is not an http(s) URL"]


# Warnings: stale facts and past sessions

def test_updated_more_than_a_year_ago_is_a_warning(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 2025-11-23"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "programs/summer.yaml:10:10: warning: updated: the facts were last checked on 2025-11-23, more than a year ago\n"
        "    hint: check dates, fees and contacts, then set 'updated' to today's date")


def test_updated_exactly_a_year_ago_is_still_fine(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 2025-11-24"))})
    assert problems(root) == []


def test_sessions_all_in_the_past_are_a_warning(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="""
        sessions:
          - {start: 2025-07-01, end: 2025-07-20}
          - {start: 2026-07-01, end: 2026-07-20}
    """)})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:12:3: warning: sessions: every session is in the past\n"
                                "    hint: add the next session, or set 'status: archived'")


def test_one_session_still_running_means_no_warning(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="""
        sessions:
          - {start: 2025-07-01, end: 2025-07-20}
          - {start: 2026-11-01, end: 2026-11-24}
    """)})
    assert problems(root) == []


def test_archived_program_gets_no_staleness_warnings(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 2020-01-01"), add="""
        status: archived
        sessions: [{start: 2019-07-01, end: 2019-07-20}]
    """)})
    assert problems(root) == []


def test_warnings_pass_the_check_but_fail_it_with_strict(make_site, capsys):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 2024-01-01"))})
    args = ("check", "--root", str(root), "--today", TODAY.isoformat())
    assert run_cli(*args) == 0
    assert "1 warning" in capsys.readouterr().err
    assert run_cli(*args, "--strict") == 1
    err = capsys.readouterr().err
    assert "programs/summer.yaml:10:10: warning: updated: the facts were last checked on 2024-01-01" in err
    assert "0 errors, 1 warning (warnings count as errors with --strict)" in err


def test_strict_build_with_only_warnings_writes_nothing(make_site, tmp_path):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 2024-01-01"))})
    assert not build_site(root, tmp_path / "strict", strict=True).written
    assert not (tmp_path / "strict").exists()
    assert build_site(root, tmp_path / "lenient").written


# YAML itself

def test_yaml_syntax_error_is_reported_with_its_line(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("kind: university", "kind university"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "partners/acme.yaml:3:1: error: YAML syntax: could not find expected ':' (while scanning a simple key on line 2, column 1)\n"
        "    hint: check indentation, colons, brackets and quotes on this line and the ones above")


def test_one_broken_file_does_not_hide_the_problems_of_others(make_site):
    root = make_site({"partners/acme.yaml": "name: [\n",
                      "programs/summer.yaml": edit(PROGRAM, ("type: summer-school", "type: course"))})
    found = problems(root)
    assert len(found) == 2
    assert found[0].startswith("partners/acme.yaml:2:1: error: YAML syntax: ")
    assert found[1] == "programs/summer.yaml:3:7: error: type: unknown program type 'course'"


def test_duplicate_key_is_an_error_at_the_second_one(make_site):
    root = make_site({"partners/acme.yaml": edit(PARTNER, add="kind: company\n")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("partners/acme.yaml:4:1: error: kind: appears twice in the same mapping (first on line 2)\n"
                                "    hint: remove one of the two; only the last one would count")


def test_invalid_calendar_date_is_reported_at_the_value(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", "updated: 2026-02-30"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("programs/summer.yaml:10:10: error: updated: '2026-02-30' is not a real date\n"
                                "    hint: check the month and the day")


@pytest.mark.parametrize("written", ["2026-1-5", "01.10.2026", "20261001", "yesterday"])
def test_date_must_be_written_as_yyyy_mm_dd(make_site, written):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, ("updated: 2026-10-01", f"updated: {written}"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (f"programs/summer.yaml:10:10: error: updated: '{written}' is not a date\n"
                                "    hint: write dates as YYYY-MM-DD, e.g. 2026-03-01")


def test_yes_is_not_a_boolean(make_site):
    root = make_site({"programs/summer.yaml": edit(PROGRAM, add="draft: yes\n")})
    assert problems(root) == ["programs/summer.yaml:11:8: error: draft: must be true or false, not 'yes'"]


# News and pages

def test_news_date_must_match_the_date_in_the_file_name(make_site):
    root = make_site({"content/news/2026-03-01-opening.en.md": news("Opening", date="2026-03-02"),
                      "content/news/2026-03-01-opening.ru.md": news("Открытие", date="2026-03-01")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "content/news/2026-03-01-opening.en.md:3:7: error: date: the date 2026-03-02 differs from the date "
        "2026-03-01 in the file name\n"
        "    hint: make the file name and the 'date' field agree")


def test_translations_of_one_article_must_share_the_date(make_site):
    root = make_site({"content/news/2026-03-01-opening.en.md": news("Opening", date="2026-03-01"),
                      "content/news/2026-03-02-opening.ru.md": news("Открытие", date="2026-03-02")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        "content/news/2026-03-02-opening.ru.md:3:7: error: date: the date differs from "
        "content/news/2026-03-01-opening.en.md (2026-03-01)\n"
        "    hint: every translation of a news article has the same date; a different article needs another slug")


def test_news_needs_a_date(make_site):
    root = make_site({"content/news/2026-03-01-opening.en.md": page("Opening"),
                      "content/news/2026-03-01-opening.ru.md": news("Открытие")})
    assert problems(root) == ["content/news/2026-03-01-opening.en.md:2:1: error: date: required field is missing"]


def test_missing_translation_of_a_news_article_is_a_warning_naming_the_file_to_add(make_site):
    root = make_site({"content/news/2026-03-01-opening.en.md": news("Opening")})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("content/news/2026-03-01-opening.en.md: warning: has no ru translation; the ru page shows the en text\n"
                                "    hint: add content/news/2026-03-01-opening.ru.md, a translation of this file")


def test_markdown_without_front_matter_is_an_error(make_site):
    root = make_site({"content/pages/about.en.md": "# About\n\nWe are.\n"})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("content/pages/about.en.md:1:1: error: the file does not start with '---' front matter\n"
                                "    hint: begin with a line '---', then 'title: ...', then another '---'")


def test_unclosed_front_matter_is_an_error(make_site):
    root = make_site({"content/pages/about.en.md": "---\ntitle: About\n\nWe are.\n"})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("content/pages/about.en.md:1:1: error: the front matter is not closed\n"
                                "    hint: add a line '---' after the last front matter field")


def test_yaml_error_in_front_matter_is_located_in_the_markdown_file(make_site):
    root = make_site({"content/pages/about.en.md": "---\ntitle: About\nmenu_title About\n---\nText.\n",
                      "content/pages/about.ru.md": page("О нас")})
    assert problems(root) == ["content/pages/about.en.md:3:1: error: YAML syntax: could not find expected ':' "
                              "(while scanning a simple key that starts here)"]


def test_front_matter_without_title_is_an_error(make_site):
    root = make_site({"content/pages/about.en.md": "---\nmenu_title: About\n---\nText.\n",
                      "content/pages/about.ru.md": page("О нас")})
    assert problems(root) == ["content/pages/about.en.md:2:1: error: title: required field is missing"]


def test_page_slug_reserved_for_the_site_s_own_urls_is_an_error(make_site):
    root = make_site({"content/pages/news.en.md": page("News"), "content/pages/news.ru.md": page("Новости")})
    found = check(root, TODAY).sorted()
    assert [p.format() for p in found] == [
        f"content/pages/news.{code}.md: error: the page slug 'news' is reserved for the site's own URLs\n"
        f"    hint: rename the file, e.g. 'about-news.{code}.md'" for code in ("en", "ru")]


def test_reserved_page_is_left_out_without_asking_for_its_translations(make_site):
    root = make_site({"content/pages/feed.en.md": page("Feed")})
    assert problems(root) == ["content/pages/feed.en.md: error: the page slug 'feed' is reserved for the site's own URLs"]


@pytest.mark.parametrize("slug", ["programs", "partners", "feed", "calendar", "media", "static", "sitemap", "404"])
def test_every_reserved_page_slug_is_refused(make_site, slug):
    root = make_site({f"content/pages/{slug}.en.md": page("X"), f"content/pages/{slug}.ru.md": page("X")})
    assert len(problems(root)) == 2


# site.yaml

def test_menu_entry_that_is_neither_a_section_nor_a_page_is_an_error(make_site):
    root = make_site({"site.yaml": edit(SITE, ("menu: [programs, partners, news]", "menu: [programs, partner, about]"))})
    found = check(root, TODAY).sorted()
    assert [p.format().splitlines()[0] for p in found] == [
        "site.yaml:10:18: error: menu: 'partner' is neither a section nor a page (did you mean 'partners'?)",
        "site.yaml:10:27: error: menu: 'about' is neither a section nor a page",
    ]
    assert found[1].hint == "use programs, partners, news or the slug of a file in content/pages/"


def test_menu_entry_naming_a_page_is_fine(make_site):
    root = make_site({"site.yaml": edit(SITE, ("menu: [programs, partners, news]", "menu: [programs, about]")),
                      "content/pages/about.en.md": page("About"), "content/pages/about.ru.md": page("О нас")})
    assert problems(root) == []


def test_default_language_that_is_not_a_site_language_is_an_error(make_site):
    root = make_site({"site.yaml": edit(SITE, ("default_language: en", "default_language: EN"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("site.yaml:3:19: error: default_language: unknown language 'EN' (did you mean 'en'?)\n"
                                "    hint: use one of: en, ru")


def test_fallback_to_a_language_the_site_does_not_have_is_an_error_at_the_fallback(make_site):
    root = make_site({"site.yaml": edit(SITE, ("fallback: [ru]", "fallback: [zh, ru]"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("site.yaml:5:71: error: languages[0].fallback: 'zh' is not a language of the site\n"
                                "    hint: a fallback names the code of another entry of 'languages'")


def test_language_cannot_fall_back_to_itself(make_site):
    root = make_site({"site.yaml": edit(SITE, ("fallback: [en]", "fallback: [ru]"))})
    assert problems(root) == ["site.yaml:6:71: error: languages[1].fallback: a language cannot fall back to itself"]


def test_language_listed_twice_is_an_error(make_site):
    root = make_site({"site.yaml": edit(SITE, ("code: ru,", "code: en,"))})
    assert problems(root) == [
        "site.yaml:5:71: error: languages[0].fallback: 'ru' is not a language of the site",
        "site.yaml:6:12: error: languages[1].code: language 'en' is listed twice",
        "site.yaml:6:71: error: languages[1].fallback: a language cannot fall back to itself",
    ]


def test_bad_timezone_is_an_error_with_did_you_mean(make_site):
    root = make_site({"site.yaml": edit(SITE, ("Europe/Moscow", "Europe/Moskow"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("site.yaml:7:11: error: timezone: unknown time zone 'Europe/Moskow' "
                                "(did you mean 'Europe/Moscow'?)\n"
                                "    hint: use an IANA name such as Europe/Moscow")


@pytest.mark.parametrize("zone", ["../../etc/passwd", "Europe", "Europe/", "__init__.py", "x" * 300])
def test_timezone_that_is_a_path_or_a_folder_is_refused_without_a_traceback(make_site, zone):
    root = make_site({"site.yaml": edit(SITE, ("Europe/Moscow", zone))})
    [problem] = problems(root)
    assert problem.startswith(f"site.yaml:7:11: error: timezone: unknown time zone '{zone}'")


def test_bad_locale_is_one_error_and_does_not_flood_the_content_with_language_errors(make_site):
    root = make_site({"site.yaml": edit(SITE, ("locale: ru_RU", "locale: ru_XX"))})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == ("site.yaml:6:24: error: languages[1].locale: 'ru_XX' is not a locale Babel knows\n"
                                "    hint: use a locale such as ru_RU, en_GB or zh_Hans_CN")


def test_locale_babel_would_silently_change_is_an_error(make_site):
    root = make_site({"site.yaml": edit(SITE, ("locale: en_GB", "locale: en_ZZ"))})
    assert problems(root) == ["site.yaml:5:24: error: languages[0].locale: 'en_ZZ' is not a locale Babel knows"]


def test_language_entry_without_a_usable_code_stops_before_checking_content(make_site):
    root = make_site({"site.yaml": edit(SITE, ("code: ru,", "code: RU,")),
                      "programs/summer.yaml": edit(PROGRAM, ("type: summer-school", "type: course"))})
    assert problems(root) == ["site.yaml:6:12: error: languages[1].code: 'RU' is not a language code"]


def test_broken_site_settings_do_not_stop_the_content_from_being_checked(make_site):
    root = make_site({"site.yaml": edit(SITE, ("Europe/Moscow", "Moscow"), ("https://example.org/", "example.org")),
                      "programs/summer.yaml": edit(PROGRAM, ("type: summer-school", "type: course"))})
    assert problems(root) == [
        "programs/summer.yaml:3:7: error: type: unknown program type 'course'",
        "site.yaml:2:11: error: base_url: 'example.org' is not an http(s) URL",
        "site.yaml:7:11: error: timezone: unknown time zone 'Moscow' (did you mean 'Europe/Moscow'?)",
    ]


def test_unknown_key_in_site_yaml_suggests_the_known_one(make_site):
    root = make_site({"site.yaml": edit(SITE, add="news_per_pages: 5\n")})
    assert problems(root) == ["site.yaml:11:1: error: news_per_pages: unknown field (did you mean 'news_per_page'?)"]


def test_missing_site_yaml_is_an_error_that_says_what_to_create(make_site):
    root = make_site({"site.yaml": None})
    [problem] = check(root, TODAY).sorted()
    assert problem.format() == (
        f"site.yaml: error: the site has no site.yaml (looked in {root})\n"
        "    hint: create it with title, base_url, default_language, languages, timezone and fields, "
        "or pass the site's folder with --root")


def test_site_yaml_without_languages_reports_that_first(make_site):
    root = make_site({"site.yaml": without(SITE, "languages:", "  - ")})
    assert problems(root) == ["site.yaml:1:1: error: languages: required field is missing"]


# All at once, exit codes, nothing written

def test_every_problem_of_every_file_is_reported_in_one_run(make_site):
    root = make_site({
        "site.yaml": edit(SITE, ("menu: [programs, partners, news]", "menu: [programs, partners, news, faq]")),
        "partners/acme.yaml": edit(PARTNER, ("kind: university", "kind: college"), ("country: CN", "country: XX")),
        "programs/summer.yaml": edit(PROGRAM, ("partners: [acme]", "partners: [acme, usst]"),
                                     ("updated: 2026-10-01", "updated: 2026-13-01"), add="colour: red\n"),
        "content/news/2026-03-01-opening.en.md": news("Opening", date="2026-03-02"),
        "content/pages/about.fr.md": page("À propos"),
    })
    assert problems(root) == [
        "content/news/2026-03-01-opening.en.md: warning: has no ru translation; the ru page shows the en text",
        "content/news/2026-03-01-opening.en.md:3:7: error: date: the date 2026-03-02 differs from the date 2026-03-01 in the file name",
        "content/pages/about.fr.md: error: 'fr' is not a language of this site",
        "partners/acme.yaml:2:7: error: kind: unknown kind 'college'",
        "partners/acme.yaml:3:10: error: country: 'XX' is not an ISO 3166-1 alpha-2 country code",
        "programs/summer.yaml:6:18: error: partners: unknown partner 'usst'",
        "programs/summer.yaml:10:10: error: updated: '2026-13-01' is not a real date",
        "programs/summer.yaml:11:1: error: colour: unknown field",
        "site.yaml:10:34: error: menu: 'faq' is neither a section nor a page",
    ]


def test_check_exits_0_when_the_content_is_fine(make_site, capsys):
    assert run_cli("check", "--root", str(make_site()), "--today", TODAY.isoformat()) == 0
    assert "No problems found." in capsys.readouterr().err


def test_check_exits_1_and_prints_every_problem_when_the_content_is_wrong(make_site, capsys):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("kind: university", "kind: univ"), ("CN", "XX"))})
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat()) == 1
    err = capsys.readouterr().err
    assert "partners/acme.yaml:2:7: error: kind: unknown kind 'univ' (did you mean 'university'?)\n" in err
    assert "partners/acme.yaml:3:10: error: country: 'XX' is not an ISO 3166-1 alpha-2 country code\n" in err
    assert err.rstrip().endswith("2 errors, 0 warnings")


@pytest.mark.parametrize("args, message", [
    (("--today", "2026-13-01"), "argument --today: '2026-13-01' is not a date in the form YYYY-MM-DD"),
    (("--today", "tomorrow"), "argument --today: 'tomorrow' is not a date in the form YYYY-MM-DD"),
    (("--root", "/nonexistent/site"), "argument --root: '/nonexistent/site' is not a folder"),
    (("--colour",), "unrecognized arguments: --colour"),
])
def test_bad_usage_exits_2_with_a_usage_message(make_site, args, message, capsys):
    root = make_site()
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat(), *args) == 2
    err = capsys.readouterr().err
    assert "usage:" in err and message in err


def test_build_with_errors_writes_nothing_and_leaves_the_previous_output_untouched(make_site, tmp_path):
    out = tmp_path / "public"
    root = make_site({"programs/summer.yaml": PROGRAM})
    assert build_site(root, out).written
    previous = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "programs/summer.yaml").write_text(edit(PROGRAM, ("type: summer-school", "type: course")), encoding="utf-8")
    result = build_site(root, out)
    assert not result.written
    assert [p.format().splitlines()[0] for p in result.problems.sorted()] == [
        "programs/summer.yaml:3:7: error: type: unknown program type 'course'"]
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]  # no staging folder or lock left behind


def test_build_command_with_errors_exits_1_and_says_nothing_was_written(make_site, tmp_path, capsys):
    root = make_site({"partners/acme.yaml": edit(PARTNER, ("country: CN", "country: XX"))})
    out = tmp_path / "public"
    assert run_cli("build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat(), "--jobs", "1") == 1
    assert "Build failed; nothing was written" in capsys.readouterr().err
    assert not out.exists()


# No content mistake becomes a traceback

@pytest.mark.parametrize("path, data, expected", [
    ("programs/summer.yaml", b"- title\n- summary\n",
     "programs/summer.yaml:1:1: error: the file must be a mapping of fields, not a list"),
    ("programs/summer.yaml", b"just some words\n",
     "programs/summer.yaml:1:1: error: the file must be a mapping of fields, not a single value"),
    ("programs/summer.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "programs/summer.yaml:1:1: error: the file is not UTF-8 text (byte 0)"),
    ("partners/acme.yaml", "name: {en: Café}\nkind: other\n".encode("latin-1"),
     "partners/acme.yaml:1:15: error: the file is not UTF-8 text (byte 14)"),
    ("programs/summer.yaml", b"title: !!python/object:os.system echo\n",
     "programs/summer.yaml:1:8: error: the YAML tag '!!python/object:os.system' is not allowed"),
    ("programs/summer.yaml", b"title: !!python/object/apply:os.system ['echo hi']\n",
     "programs/summer.yaml:1:8: error: the YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("programs/summer.yaml", b"seats: !!int twenty\n",
     "programs/summer.yaml:1:1: error: YAML value cannot be read: invalid literal for int() with base 10: 'twenty'"),
    ("partners/acme.yaml", b"name: x\x00\n",
     "partners/acme.yaml:1:8: error: the file contains a control character (#x0000) that YAML does not allow"),
    ("site.yaml", b"- en\n- ru\n", "site.yaml:1:1: error: the file must be a mapping of fields, not a list"),
    ("content/pages/about.en.md", b"---\n- a list\n---\nText\n",
     "content/pages/about.en.md:1:1: error: the file must be a mapping of fields, not a list"),
    ("content/pages/about.en.md", b"\xff\xfe---\n", "content/pages/about.en.md:1:1: error: the file is not UTF-8 text (byte 0)"),
])
def test_content_mistakes_become_located_problems_not_exceptions(make_site, tmp_path, path, data, expected):
    root = make_site()
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_bytes(data)
    assert expected in problems(root)
    assert not build_site(root, tmp_path / "public").written


def test_empty_program_file_reports_its_missing_fields(make_site):
    root = make_site({"programs/summer.yaml": ""})
    found = problems(root)
    assert "programs/summer.yaml:1:1: error: title: required field is missing" in found
    assert len(found) == 9


def test_empty_markdown_file_is_missing_its_front_matter(make_site):
    root = make_site({"content/pages/about.en.md": ""})
    assert "content/pages/about.en.md:1:1: error: the file does not start with '---' front matter" in problems(root)


def test_byte_order_mark_is_accepted(make_site):
    root = make_site()
    path = root / "partners" / "acme.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems(root) == []


ODD_VALUES = ["~", "[]", "{}", "0", "-1", "true", "text", "[1]", "{a: 1}", "2026-02-30", "[[]]", "{en: ~}",
              "{en: [1]}", "[{}]", "[{start: x}]", ".nan", "!!binary aGk=", "!!set {a}", "&a [*a]", "'   '"]


def published(content, path: str) -> bool:
    slug = Path(path).name.split(".")[0].removeprefix("2026-03-01-")
    items = {"programs": content.programs, "partners": content.partners, "content/news": content.news,
             "content/pages": content.pages}[str(Path(path).parent)]
    return any(item.slug == slug for item in items)


@pytest.mark.parametrize("path, keys", [
    ("programs/summer.yaml", ["title", "summary", "description", "type", "audience", "field", "partners", "mode",
                              "location", "languages", "duration", "sessions", "fee", "funding", "credential",
                              "eligibility", "documents", "how_to_apply", "apply_url", "contact", "status", "image", "image_alt",
                              "updated", "featured"]),
    ("partners/acme.yaml", ["name", "short_name", "kind", "country", "city", "website", "logo", "description"]),
    ("site.yaml", ["title", "description", "base_url", "default_language", "languages", "timezone", "fields",
                   "menu", "contact", "news_per_page"]),
    ("content/news/2026-03-01-opening.en.md", ["title", "date", "summary", "partners", "programs", "image",
                                                "image_alt"]),
    ("content/pages/about.en.md", ["title", "menu_title", "summary", "partners", "programs", "image"]),
])
def test_odd_values_in_any_field_never_raise_and_never_silently_drop_an_item(make_site, path, keys):
    base = {"content/news/2026-03-01-opening.en.md": news("Opening"), "content/pages/about.en.md": page("About")}
    text = edit(MINIMAL_SITE.get(path) or base[path])
    root = make_site({path: text})
    for key in keys:
        for value in ODD_VALUES:
            starts = (f"{key}:", "  - ") if key == "languages" else (f"{key}:",)
            kept = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(starts))
            changed = kept.replace("---\n", f"---\n{key}: {value}\n", 1) if path.endswith(".md") else kept + f"{key}: {value}\n"
            (root / path).write_text(changed, encoding="utf-8")
            found = Problems()
            content = load_content(root, TODAY, found)
            assert all(p.position.path and p.message for p in found.items), (key, value)
            if not found.has_errors() and path != "site.yaml":
                assert content is not None and published(content, path), (key, value)


def test_a_news_article_with_a_wrong_date_is_reported_and_check_goes_on_to_the_links(make_site, capsys):
    root = make_site({"content/news/2026-03-01-late.en.md": "---\ntitle: Late\ndate: 9999-12-31\n---\nText.\n",
                      "content/news/2026-03-02-next.en.md": "---\ntitle: Next\ndate: 2026-03-02\n---\nText.\n"})
    assert run_cli("check", "--root", str(root), "--today", TODAY.isoformat()) == 1
    assert "content/news/2026-03-01-late.en.md:3:7: error: date: '9999-12-31' is not between 1900-01-01 and " \
           "2199-12-31" in capsys.readouterr().err


def test_an_article_file_left_without_any_text_is_not_published_and_the_others_stand(make_site, tmp_path):
    """What a web editor writes for a language left blank: shared fields only, no title, no text."""
    root = make_site({"content/news/2026-03-01-opening.en.md": news("Opening"),
                      "content/news/2026-03-01-opening.ru.md": "---\ndate: 2026-03-01\ntitle: ''\n---\n\n"})
    assert problems(root) == ["content/news/2026-03-01-opening.ru.md: warning: this file has no title and no text "
                              "yet, so it is not published"]
    assert build_site(root, tmp_path / "out").written
    assert "Opening" in (tmp_path / "out/ru/news/opening/index.html").read_text(encoding="utf-8")
