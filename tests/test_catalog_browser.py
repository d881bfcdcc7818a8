"""The paged catalog in Debian's Chromium: pages without JavaScript, and filters and sorting over the whole
catalog from its facet index, fetched only when a visitor first needs it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, build_site, static_host, write_site
from test_browser import browser  # noqa: F401 (the fixture)
from sitegen.render.facets import FORM_PARTNERS
from test_catalog_page import PROGRAM, SITE, listed_partners

MORE = {
    f"programs/{slug}.yaml": PROGRAM.format(
        title_en=title, title_ru=title, type="internship", field="physics", mode="onsite",
        location="location: {city: {en: Shanghai, ru: Шанхай}, country: CN}", lang="en", fee="free",
        start=f"2027-0{month}-01", end=f"2027-0{month}-10", deadline=f"2027-0{month - 1}-01")
    for slug, title, month in (("delta", "Delta", 4), ("epsilon", "Epsilon", 5), ("zeta", "Zeta", 6))
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Six programs (five open, one closed), two a page: three catalog pages per language."""
    root = tmp_path_factory.mktemp("site")
    files = {**MINIMAL_SITE, **SITE, **MORE}
    files["site.yaml"] = re.sub(r"(\n *)base_url:", r"\1programs_per_page: 2\1base_url:", files["site.yaml"])
    write_site(root, {path: text for path, text in files.items() if text is not None})
    out = tmp_path_factory.mktemp("public")
    assert build_site(root, out).written
    with static_host(out) as address:
        yield address


def open_page(browser, *, javascript=True):  # noqa: F811
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.index_requests = []
    page.on("request", lambda r: r.url.endswith("/facets.json") and page.index_requests.append(r.url))
    return page


def titles(page) -> list[str]:
    """The cards' titles as their text, not as rendered: cards off screen are skipped by `content-visibility: auto`,
    and the rendered text (innerText) of a skipped card is empty until it is scrolled to."""
    return [" ".join(text.split()) for text in page.locator("#catalog .card-title").all_text_contents()]


def test_without_javascript_every_program_is_reached_through_the_page_links(browser, served):  # noqa: F811
    page = open_page(browser, javascript=False)
    page.goto(served + "en/programs/")
    seen = titles(page)
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").click()
        seen += titles(page)
    assert sorted(seen) == ["Alpha", "Beta", "Delta", "Epsilon", "Gamma", "Zeta"]
    assert page.url == served + "en/programs/page/3/"
    assert page.locator("link[rel=canonical]").get_attribute("href") == "https://example.org/en/programs/page/3/"
    assert page.locator("link[hreflang=ru]").get_attribute("href") == "https://example.org/ru/programs/page/3/"
    assert page.locator("a[rel=prev]").get_attribute("href") == "/en/programs/page/2/"
    sitemap = page.request.get(served + "sitemap.xml").text()
    assert all(f"https://example.org/{code}/programs/page/{n}/" in sitemap for code in ("en", "ru") for n in (2, 3))
    assert "programs/page/4/" not in sitemap
    page.context.close()


def test_the_index_is_fetched_only_when_a_filter_is_touched_and_filters_the_whole_catalog(browser, served):  # noqa: F811
    page = open_page(browser)
    page.goto(served + "en/programs/page/2/")
    page.wait_for_load_state("networkidle")
    assert page.index_requests == [] and len(titles(page)) == 2
    page.select_option("#filter-place", "CN")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '4 programs'")
    assert page.index_requests == [served + "en/programs/facets.json"]
    assert titles(page) == ["Alpha", "Delta"]  # the first two of four, across the server's pages
    assert page.locator("[data-catalog-pages]").is_hidden()
    page.get_by_role("button", name="Show more programs").click()
    assert titles(page) == ["Alpha", "Delta", "Epsilon", "Zeta"]
    assert page.locator("[data-more-results]").is_hidden()
    assert page.url == served + "en/programs/?place=CN"
    card = page.locator("#catalog article").first
    assert card.get_attribute("data-slug") == "alpha"
    assert card.locator("dd").last.inner_text() == "Free of charge"
    page.select_option("#filter-sort", "title")
    page.locator("#filter-closed").check()
    page.select_option("#filter-place", "")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '6 programs'")
    assert titles(page) == ["Alpha", "Beta"]
    assert page.url == served + "en/programs/?sort=title&closed=1"
    page.context.close()


def test_a_shared_filter_url_opened_cold_shows_its_programs_sorted(browser, served):  # noqa: F811
    page = open_page(browser)
    page.goto(served + "en/programs/?field=physics&sort=deadline")
    page.wait_for_function("document.querySelector('[data-result-count]').textContent === '4 programs'")
    assert page.locator("#filter-field").input_value() == "physics"
    assert titles(page) == ["Alpha", "Delta"]
    page.select_option("#filter-sort", "updated")
    page.get_by_role("button", name="Show more programs").click()
    assert sorted(titles(page)) == ["Alpha", "Delta", "Epsilon", "Zeta"]
    page.locator("[data-clear-filters]").first.click()
    assert titles(page) == ["Beta", "Alpha"] and page.url == served + "en/programs/"
    assert len(page.index_requests) == 1
    page.context.close()


@pytest.fixture(scope="module")
def served_1000(catalog_1000):
    with static_host(catalog_1000) as address:
        yield address


def unlisted_partner(catalog: Path) -> tuple[str, str, list[str]]:
    """A partner the form does not list that runs an open program: its slug, its name, its open programs in order."""
    index = json.loads((catalog / "en/programs/facets.json").read_text(encoding="utf-8"))
    listed, columns = set(listed_partners(catalog)), index["columns"]
    hidden = {code for code, status in enumerate(index["values"]["status"]) if status in ("closed", "archived")}
    for code, slug in enumerate(index["values"]["partner"]):
        programs = [index["slugs"][i] for i, codes in enumerate(columns["partner"])
                    if code in codes and columns["status"][i] not in hidden]
        if slug not in listed and programs:
            return slug, index["labels"]["partner"][code], programs
    raise AssertionError("every partner is listed")


SHOWN_SLUGS = "Array.from(document.querySelectorAll('#catalog article')).map(function (a) { return a.dataset.slug; }).join(' ')"


def test_a_partner_the_form_does_not_list_is_there_once_a_filter_is_touched(browser, served_1000, catalog_1000):  # noqa: F811
    slug, name, programs = unlisted_partner(catalog_1000)
    page = open_page(browser)
    page.goto(served_1000 + "en/programs/")
    assert page.locator("#filter-partner option").count() == FORM_PARTNERS + 1
    page.focus("#filter-partner")
    page.wait_for_function(f"document.querySelectorAll('#filter-partner option').length > {FORM_PARTNERS + 1}")
    assert page.locator(f"#filter-partner option[value='{slug}']").text_content() == name
    page.select_option("#filter-partner", slug)
    page.wait_for_function(f"{SHOWN_SLUGS} === {json.dumps(' '.join(programs[:50]))}")
    assert page.url == served_1000 + f"en/programs/?partner={slug}"
    assert page.index_requests == [served_1000 + "en/programs/facets.json"]
    page.context.close()


def test_a_shared_address_naming_a_partner_the_form_does_not_list_shows_its_programs(browser, served_1000, catalog_1000):  # noqa: F811
    slug, _, programs = unlisted_partner(catalog_1000)
    page = open_page(browser)
    page.goto(served_1000 + f"en/programs/?partner={slug}")
    page.wait_for_function(f"{SHOWN_SLUGS} === {json.dumps(' '.join(programs[:50]))}")
    assert page.locator("#filter-partner").input_value() == slug
    page.context.close()
