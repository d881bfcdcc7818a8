"""JSON-LD on every page expands with pyld against the schema.org vocabulary and says what the page says."""
from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent
from urllib.parse import urlsplit

import pytest
from lxml import html

from conftest import MINIMAL_SITE, build_site, require_module
from page_heads import json_ld_blocks, page_heads
from schema_vocabulary import document_loader, load_vocabulary, vocabulary_problems

FULL_PROGRAM = dedent(MINIMAL_SITE["programs/summer.yaml"]) + dedent("""
    duration: {weeks: 2}
    credential: {en: Certificate of professional development, ru: Удостоверение о повышении квалификации}
    funding: {en: Two scholarships, ru: Две стипендии}
    fee: {amount: 1500.50, currency: EUR, includes: {en: Tuition and housing, ru: Обучение и проживание}}
    sessions:
      - {start: 2027-07-01, end: 2027-07-14, application_opens: 2026-11-01, application_deadline: 2027-03-01, seats: 25}
      - {start: 2028-07-01, end: 2028-07-14}
""")
PARTNER = dedent(MINIMAL_SITE["partners/acme.yaml"]) + dedent("""
    short_name: {en: AU}
    website: https://acme.example.edu/
""")


def expanded_blocks(site: Path):
    """(page, expanded JSON-LD) for every block on every page; no document is fetched from the network."""
    jsonld = require_module("pyld.jsonld")
    vocabulary = load_vocabulary()
    options = {"documentLoader": document_loader(vocabulary)}
    for page, head in page_heads(site).items():
        for block in json_ld_blocks(head):
            yield page, jsonld.expand(block, options)


@pytest.mark.parametrize("site_fixture", ["sample_site", "catalog_1000"])
def test_every_json_ld_block_uses_schema_org_types_and_properties_where_they_belong(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    vocabulary = load_vocabulary()
    problems, types = [], set()
    for page, expanded in expanded_blocks(site):
        assert expanded, f"{page}: the block expands to nothing"
        types.update(t for node in expanded for t in node["@type"])
        problems += [f"{page}: {problem}" for problem in vocabulary_problems(expanded, vocabulary)]
    assert problems == []
    schema = "http://schema.org/"
    assert {f"{schema}{t}" for t in ("EducationalOccupationalProgram", "NewsArticle", "ItemList",
                                     "CollegeOrUniversity")} <= types


def test_the_checker_rejects_what_schema_org_does_not_define():
    jsonld = require_module("pyld.jsonld")
    vocabulary = load_vocabulary()
    wrong = {"@context": "https://schema.org", "@type": "EducationalOccupationalProgram", "dateModified": "2026-01-01",
             "programTyp": "internship", "provider": {"@type": "Place"}, "hasCourse": {"@type": "Cours"}}
    expanded = jsonld.expand(wrong, {"documentLoader": document_loader(vocabulary)})
    assert sorted(vocabulary_problems(expanded, vocabulary)) == [
        "http://schema.org/dateModified is not a property of http://schema.org/EducationalOccupationalProgram",
        "http://schema.org/hasCourse does not take a http://schema.org/Cours",
        "http://schema.org/provider does not take a http://schema.org/Place",
        "unknown property http://schema.org/programTyp",
        "unknown type http://schema.org/Cours",
    ]
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/context.jsonld", "name": "x"},
                      {"documentLoader": document_loader(vocabulary)})


def only_block(site: Path, page: str) -> dict:
    [block] = json_ld_blocks(page_heads(site)[page])
    return block


def test_a_program_states_its_facts_in_the_page_language(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": FULL_PROGRAM, "partners/acme.yaml": PARTNER}), out).written
    data = only_block(out, "ru/programs/summer/index.html")
    assert data["@type"] == "EducationalOccupationalProgram"
    assert (data["name"], data["url"]) == ("Летняя школа", "https://example.org/ru/programs/summer/")
    assert (data["applicationStartDate"], data["applicationDeadline"]) == ("2026-11-01", "2027-03-01")
    assert (data["startDate"], data["endDate"], data["maximumEnrollment"]) == ("2027-07-01", "2027-07-14", 25)
    assert (data["timeToComplete"], data["educationalProgramMode"], data["programType"]) == ("P2W", "onsite", "summer-school")
    assert data["educationalCredentialAwarded"] == "Удостоверение о повышении квалификации"
    assert data["offers"] == {"@type": "Offer", "category": "Paid", "price": "1500.5", "priceCurrency": "EUR",
                              "description": "Обучение и проживание", "url": data["url"]}
    [provider] = data["provider"]
    assert (provider["@type"], provider["name"], provider["sameAs"]) == (
        "CollegeOrUniversity", "Университет Акме", "https://acme.example.edu/")
    course = data["hasCourse"]
    assert (course["@type"], course["inLanguage"]) == ("Course", ["en"])
    assert [i["startDate"] for i in course["hasCourseInstance"]] == ["2027-07-01", "2028-07-01"]
    assert course["hasCourseInstance"][0]["location"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Шанхай", "addressCountry": "CN"}


def test_a_partner_page_names_the_organisation_in_the_other_languages(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site({"partners/acme.yaml": PARTNER}), out).written
    data = only_block(out, "ru/partners/acme/index.html")
    assert (data["@type"], data["name"], data["sameAs"]) == ("CollegeOrUniversity", "Университет Акме",
                                                             "https://acme.example.edu/")
    assert data["alternateName"] == [{"@value": "AU", "@language": "en"}, {"@value": "Acme University", "@language": "en"}]


def test_news_pages_are_news_articles(sample_site: Path):
    data = only_block(sample_site, "zh/news/shanghai-agreements/index.html")
    assert (data["@type"], data["inLanguage"], data["datePublished"]) == ("NewsArticle", "zh-Hans", "2025-10-14")
    assert data["url"] == "https://example.org/internships/zh/news/shanghai-agreements/"
    assert re.search(r"[\u4e00-\u9fff]", data["headline"])


def program_links_in_page_order(site: Path, page: str) -> list[str]:
    """Paths of the program pages the catalog's main content links to, in document order."""
    main = html.parse(str(site / page)).find(".//main")
    paths = [urlsplit(a.get("href")).path for a in main.iter("a")]
    return list(dict.fromkeys(p for p in paths if re.search(r"/programs/[a-z0-9-]+/$", p)))


@pytest.mark.parametrize("site_fixture", ["sample_site", "catalog_1000"])
def test_the_catalog_lists_its_programs_in_page_order(site_fixture, request):
    """Each page of the catalog lists its own programs; the positions go on from page to page."""
    site = request.getfixturevalue(site_fixture)
    for lang in ("ru", "en", "zh"):
        folder = site / lang / "programs"
        pages = [folder / "index.html", *sorted(folder.glob("page/*/index.html"), key=lambda p: int(p.parent.name))]
        positions = []
        for page in pages:
            relative = page.relative_to(site).as_posix()
            data = only_block(site, relative)
            items = data["itemListElement"]
            assert data["@type"] == "ItemList" and data["numberOfItems"] == len(items)
            assert [urlsplit(item["url"]).path for item in items] == program_links_in_page_order(site, relative)
            assert all(item["url"].startswith("https://") for item in items)
            positions += [item["position"] for item in items]
        assert positions == list(range(1, len(list(folder.glob("*/index.html"))) + 1))


def test_a_hostile_title_cannot_leave_the_script_element(make_site, tmp_path):
    hostile = '</script><script>alert(1)</script><!-- <script> & "quotes"'
    program = FULL_PROGRAM.replace("Летняя школа", f"'{hostile}'")
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": program}), out).written
    text = (out / "ru/programs/summer/index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in script and ">" not in script
    scripts = html.parse(str(out / "ru/programs/summer/index.html")).iter("script")
    assert [s.get("type") for s in scripts if "alert" in (s.text or "")] == ["application/ld+json"]
    assert only_block(out, "ru/programs/summer/index.html")["name"] == hostile
