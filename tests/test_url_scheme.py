"""The URL scheme read backwards: every path the generator writes parses back to what it was built from,
and the link checker accepts exactly the pages and files a build publishes."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, TODAY
from sitegen.plan.catalog import build_catalog
from sitegen.source.load import load_content
from sitegen.foundation.problems import Problems
from sitegen.plan.targets import Targets, link_problem
from sitegen.plan.urls import (ROOT_FILES, ROUTE_KINDS, Address, Route, Urls, calendar_path, compare_data_pattern,
                          compare_data_path, feed_path, file_path, open_data_program_path, parse_path,
                          program_calendar_path, route_path, sitemap_path)

LANGUAGES = ("ru", "en", "zh")
ROUTES = [Route("home"), Route("programs"), Route("partners"), Route("compare"), Route("search"), Route("not-found"),
          Route("news"), Route("news", number=2), Route("news", number=120), Route("program", "summer-school-2026"),
          Route("partner", "usst"), Route("article", "open-day"), Route("article", "page"), Route("page", "about"),
          Route("page", "2026")]
FILES = [
    (feed_path("zh"), Address("feed", language="zh")),
    (calendar_path("ru"), Address("calendar", language="ru")),
    (program_calendar_path("summer-school", "en"), Address("program-calendar", Route("program", "summer-school"), "en")),
    (open_data_program_path("summer-school"), Address("open-data-program", Route("program", "summer-school"))),
    (file_path("media", "campus/main hall.jpg"), Address("media", name="campus/main hall.jpg")),
    (file_path("logo", "usst.svg"), Address("logo", name="usst.svg")),
    (file_path("static", "css/site.e840eb3486.css"), Address("static", name="css/site.e840eb3486.css")),
    (sitemap_path(), Address("sitemap")),
    (sitemap_path(1), Address("sitemap", number=1)),
    (sitemap_path(12), Address("sitemap", number=12)),
    *((path, Address(kind)) for path, kind in ROOT_FILES.items()),
]
NOT_BUILT = ["en", "en/about", "en/programs/summer", "en//", "en/About/", "EN/", "fr/about/", "en/index.html",
             "index.html", "en/programs/summer/extra/", "en/programs/summer/calendar", "en/programs/calendar.ics",
             "en/partners/acme/calendar.ics", "en/news/page/1/", "en/news/page/01/", "en/news/page/0/",
             "en/news/page/-2/", "en/news/page/two/", "en/news/page/" + "9" * 5000 + "/", "en/feed.xml/",
             "media/", "media", "media//x.png", "media/../site.yaml", "static/./x.css", "sitemap-0.xml",
             "sitemap-01.xml", "sitemap-x.xml", "robots.txt/", "en/404.html/", "programs/", "programs/Summer.json",
             "programs/summer", "programs/summer.json/", "programs/a/b.json", "programs/../site.json"]


def test_every_route_kind_is_covered_here():
    assert {route.kind for route in ROUTES} == set(ROUTE_KINDS)


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.kind}-{route.slug}-{route.number}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_path_parses_back_to_its_route_and_language(route: Route, language: str):
    assert parse_path(route_path(route, language), LANGUAGES) == Address("page", route, language)


@pytest.mark.parametrize("path, address", FILES, ids=lambda value: str(value))
def test_every_file_path_parses_back_to_what_it_belongs_to(path: str, address: Address):
    assert parse_path(path, LANGUAGES) == address


def test_links_written_by_the_url_scheme_parse_under_a_sub_folder_base_url():
    urls = Urls("https://example.org/catalog/")
    written = {urls.page(Route("program", "summer"), "en"): Address("page", Route("program", "summer"), "en"),
               urls.feed("ru"): Address("feed", language="ru"), urls.calendar("zh"): Address("calendar", language="zh"),
               urls.media("a.png"): Address("media", name="a.png"), urls.logo("b.svg"): Address("logo", name="b.svg"),
               urls.static("c.css"): Address("static", name="c.css"), urls.sitemap(2): Address("sitemap", number=2),
               urls.program_calendar("summer", "en"): Address("program-calendar", Route("program", "summer"), "en")}
    for link, address in written.items():
        path = link.removeprefix("https://example.org").removeprefix(urls.base_path)
        assert parse_path(path, LANGUAGES) == address, link


def test_the_compare_pages_pattern_is_its_data_path_with_the_slug_left_open():
    assert compare_data_pattern("zh").replace("{slug}", "summer-school") == compare_data_path("summer-school", "zh")
    assert Urls("https://example.org/catalog/").compare_data_pattern("en") == "/catalog/en/programs/{slug}/compare.json"


@pytest.mark.parametrize("path", NOT_BUILT)
def test_a_path_no_builder_writes_parses_to_nothing(path: str):
    assert parse_path(path, LANGUAGES) is None


# Link targets of the sample site

# Published, but not for editors to link: the search index, the translators' report, drawn share images,
# the compare page's data, and theme files under their content-hashed names (which change with the file;
# link static/NAME instead).
NOT_LINK_TARGETS = ("pagefind/", "translation-status/", ".sitegen.json")


def _link_path(file: str) -> str:
    return file.removesuffix("index.html")


def _not_a_link_target(file: str, hashed: set[str]) -> bool:
    return (file.startswith(NOT_LINK_TARGETS) or file.endswith(("/share.png", "/compare.json"))
            or file in hashed)


@pytest.fixture(scope="module")
def sample_targets() -> Targets:
    content = load_content(REPO, TODAY, Problems())
    assert content is not None
    return Targets.of(build_catalog(content, TODAY), REPO)


def test_every_page_and_file_the_sample_site_publishes_is_a_valid_link_target(sample_site: Path, sample_targets):
    files = sorted(path.relative_to(sample_site).as_posix() for path in sample_site.rglob("*") if path.is_file())
    hashed = {file for file in files if file.startswith("static/") and not (REPO / "theme" / file).is_file()}
    linkable = [file for file in files if not _not_a_link_target(file, hashed)]
    refused = {file: link_problem(_link_path(file), sample_targets) for file in linkable}
    assert {file: problem for file, problem in refused.items() if problem} == {}
    pages = [file for file in linkable if file.endswith(".html")]
    assert len(pages) > 50 and {"en/compare/index.html", "zh/search/index.html", "ru/news/index.html"} <= set(pages)


@pytest.mark.parametrize("path", ["en/programs/no-such-program/", "ru/partners/no-such-partner/", "zh/news/no-such-news/",
                                  "en/news/page/99/", "en/no-such-page/", "media/no-such.png", "logos/no-such.svg",
                                  "static/css/no-such.css", "en/about", "fr/about/", "en/programs/calendar.ics",
                                  "translation-status/", "sitemap-1.xml", "programs/no-such-program.json"])
def test_paths_the_sample_site_does_not_publish_are_refused(path: str, sample_targets):
    assert link_problem(path, sample_targets) is not None
