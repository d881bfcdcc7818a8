"""The catalog's filters, the program page's facts and QR code, and the compare page, in the built HTML."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from lxml import html as lxml_html

from conftest import MINIMAL_SITE, TODAY, build_site
from sitegen.commands.check import check_site
from sitegen.render.facets import FORM_PARTNERS, plural_samples
from sitegen.render.qr import qr_svg

PROGRAM = """
    title: {{en: {title_en}, ru: {title_ru}}}
    summary: {{en: A program., ru: Программа.}}
    type: {type}
    audience: [students]
    field: {field}
    partners: [acme]
    mode: {mode}
    {location}
    languages: [{lang}]
    fee: {fee}
    sessions:
      - {{start: {start}, end: {end}, application_deadline: {deadline}}}
    updated: 2026-10-01
"""
SITE = {
    "site.yaml": MINIMAL_SITE["site.yaml"].replace(
        "engineering: {en: Engineering, ru: Инженерия}",
        "physics: {en: Physics, ru: Физика}\n          biology: {en: Biology, ru: Биология}"),
    "programs/summer.yaml": None,
    "programs/alpha.yaml": PROGRAM.format(
        title_en="Alpha", title_ru="Альфа", type="internship", field="physics", mode="onsite",
        location="location: {city: {en: Shanghai, ru: Шанхай}, country: CN}", lang="en", fee="free",
        start="2027-03-01", end="2027-03-20", deadline="2027-01-15"),
    "programs/beta.yaml": PROGRAM.format(
        title_en="Beta", title_ru="Бета", type="summer-school", field="biology", mode="onsite",
        location="location: {city: {en: Kazan, ru: Казань}, country: RU}", lang="ru",
        fee="{amount: 1500, currency: EUR}", start="2026-12-10", end="2026-12-20", deadline="2026-11-30")
    + "    documents: {en: '- a copy of your passport', ru: '- копия паспорта'}\n",
    "programs/gamma.yaml": PROGRAM.format(
        title_en="Gamma", title_ru="Гамма", type="internship", field="biology", mode="online", location="",
        lang="en", fee="free", start="2026-09-01", end="2026-09-10", deadline="2026-08-01"),
}


def page(out: Path, path: str):
    return lxml_html.fromstring((out / path).read_bytes())


def test_facets_come_in_the_pages_language_sorted_and_the_index_carries_every_programs_values(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site(SITE), out).written
    catalog = page(out, "ru/programs/index.html")
    def options(name: str) -> list[tuple[str, str]]:
        return [(o.get("value"), o.text_content()) for o in catalog.xpath(f"//select[@id='filter-{name}']//option")]
    assert options("field") == [("", "Не важно"), ("biology", "Биология"), ("physics", "Физика")]
    assert options("type") == [("", "Не важно"), ("internship", "Стажировка"), ("summer-school", "Летняя школа")]
    assert options("place") == [("", "Не важно"), ("CN", "Китай: все города"), ("CN/Шанхай", "Шанхай"),
                                ("RU", "Россия: все города"), ("RU/Казань", "Казань")]
    assert [o.get("label") for o in catalog.xpath("//select[@id='filter-place']/optgroup")] == ["Китай", "Россия"]
    assert options("month") == [("", "Не важно"), ("2026-09", "сентябрь 2026\u202fг."),
                                ("2026-12", "декабрь 2026\u202fг."), ("2027-03", "март 2027\u202fг.")]
    assert options("fee") == [("", "Не важно"), ("free", "Бесплатно"), ("paid", "Платно")]
    cards = [card.get("data-slug") for card in catalog.xpath("//div[@id='catalog']/article")]
    assert cards == ["beta", "alpha", "gamma"]  # open first (by deadline), then closed
    index = json.loads((out / "ru/programs/facets.json").read_text(encoding="utf-8"))
    assert catalog.xpath("//form[@data-catalog-filters]")[0].get("data-catalog-index") == "/ru/programs/facets.json"
    assert index["slugs"] == cards and index["titles"] == ["Бета", "Альфа", "Гамма"]
    assert index["prefix"] == "/ru/programs/"
    def value(name: str, position: int):
        code = index["columns"][name][position]
        return [index["values"][name][c] for c in code] if isinstance(code, list) else index["values"][name][code]
    alpha = 1
    assert (value("type", alpha), value("field", alpha), value("place", alpha), value("lang", alpha),
            value("fee", alpha), value("status", alpha), value("month", alpha)) == (
        "internship", "physics", "CN/Шанхай", ["en"], "free", "open", ["2027-03"])
    day = lambda text: (dt.date.fromisoformat(text) - dt.date(1970, 1, 1)).days  # noqa: E731
    assert (index["columns"]["deadline"][alpha], index["columns"]["start"][alpha]) == (day("2027-01-15"), day("2027-03-01"))
    assert index["columns"]["place"][2] == -1 and value("status", 2) == "closed"  # gamma is online
    assert index["cards"]["amounts"] == ["1\xa0500\xa0€"] and index["cards"]["amount"] == [0, None, None]
    count = catalog.xpath("//*[@data-result-count]")[0]
    assert (count.get("data-one"), count.get("data-few"), count.get("data-many"), count.text_content()) == (
        "{n} программа", "{n} программы", "{n} программ", "3 программы")


def test_plural_samples_cover_each_category_of_the_language():
    assert plural_samples("ru_RU") == (("few", 2), ("many", 0), ("one", 1))
    assert plural_samples("en_GB") == (("one", 1), ("other", 0))
    assert plural_samples("zh_Hans_CN") == (("other", 0),)


def test_program_page_states_the_deadline_with_zone_days_left_and_a_qr_code_of_its_address(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site(SITE), out).written
    program = page(out, "en/programs/beta/index.html")
    deadline = program.xpath("//*[@class='deadline-tile']//time")[0]
    assert deadline.get("datetime") == "2026-11-30T23:59:00+03:00"
    assert deadline.text_content() == "30 November 2026, 23:59 (Moscow Standard Time)"
    days = program.xpath("//*[@class='deadline-tile']//span[@class='days-left']")[0]
    assert days.text_content() == "6 days left"  # built on 2026-11-24
    assert (days.get("data-countdown"), days.get("data-tz"), days.get("data-one"), days.get("data-other")) == (
        "2026-11-30T23:59:00+03:00", "Europe/Moscow", "{n} day left", "{n} days left")
    assert program.xpath("//*[@class='visa-note']")  # on site in Russia
    documents = program.xpath("//section[@aria-labelledby='documents-heading']")[0]
    assert documents.xpath("h2")[0].text_content() == "Documents"
    assert documents.xpath("ul/li")[0].text_content() == "a copy of your passport"
    assert not page(out, "en/programs/alpha/index.html").xpath("//*[@class='visa-note']")  # in China
    svg = program.xpath("//figure[@class='page-qr']/svg")[0]
    assert svg.get("role") == "img" and svg.get("aria-label") == "QR code of this page's address"
    source = (out / "en/programs/beta/index.html").read_text(encoding="utf-8")
    assert str(qr_svg("https://example.org/en/programs/beta/", "QR code of this page's address")) in source
    assert program.xpath("//span[@class='page-url']")[0].text_content() == "https://example.org/en/programs/beta/"


def test_compare_page_is_per_language_noindex_and_left_out_of_the_sitemap(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site(SITE), out).written
    compare = page(out, "ru/compare/index.html")
    assert compare.xpath("//meta[@name='robots']")[0].get("content") == "noindex"
    assert "compare/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_the_compare_page_carries_no_program_and_each_program_has_its_entry_in_each_language(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site(SITE), out).written
    compare = page(out, "ru/compare/index.html")
    assert compare.xpath("//*[@data-compare]")[0].get("data-entry-url") == "/ru/programs/{slug}/compare.json"
    assert not compare.xpath("//*[@data-slug]") and "beta" not in (out / "ru/compare/index.html").read_text("utf-8")
    for slug in ("alpha", "beta", "gamma"):
        for code in ("ru", "en"):
            data = json.loads((out / code / "programs" / slug / "compare.json").read_text(encoding="utf-8"))
            entry = lxml_html.fragment_fromstring(data["html"])
            assert data["slug"] == entry.get("data-slug") == slug
            assert entry.xpath("a")[0].get("href") == f"/{code}/programs/{slug}/"
    beta = lxml_html.fragment_fromstring(json.loads((out / "en/programs/beta/compare.json").read_bytes())["html"])
    assert [dt.text_content() for dt in beta.xpath("dl/dt")][:3] == ["Dates", "Application deadline", "Duration"]


def test_a_page_cannot_take_the_compare_pages_address(make_site, tmp_path):
    site = make_site({"content/pages/compare.en.md": "---\ntitle: Compare\n---\nText.\n"})
    result = build_site(site, tmp_path / "public")
    assert not result.written
    assert any("compare" in problem.format() for problem in result.problems.sorted())


def test_the_catalog_of_1000_programs_is_paged_and_each_page_and_index_stays_under_300_kb_compressed(
        catalog_1000: Path):
    for lang in ("ru", "en", "zh"):
        folder = catalog_1000 / lang / "programs"
        published = len(list(folder.glob("*/index.html")))  # the programs' own pages
        pages = [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]
        assert len(pages) == -(-published // 50)
        listed = 0
        for path in pages:
            data = path.read_bytes()
            assert len(gzip.compress(data, 6)) < 300_000, path
            listed += len(re.findall(rb'<article class="card program-card" data-slug=', data))
        assert listed == published
        index = (folder / "facets.json").read_bytes()
        assert len(gzip.compress(index, 6)) < 300_000 and len(json.loads(index)["slugs"]) == published


def test_a_link_past_the_catalogs_last_page_is_a_broken_link(make_site):
    site = make_site({**SITE, "content/pages/links.en.md": "---\ntitle: Links\n---\n[more](/en/programs/page/2/)\n"})
    found = [problem.format() for problem in check_site(site, TODAY).problems if "broken link" in problem.format()]
    assert found == ["content/pages/links.en.md:4:8: error: broken link '/en/programs/page/2/': no catalog page 2\n"
                     "    hint: the catalog has 1 page(s)"]


def test_the_compare_page_of_1000_programs_carries_none_of_them(catalog_1000: Path):
    for lang in ("ru", "en", "zh"):
        data = (catalog_1000 / lang / "compare" / "index.html").read_bytes()
        assert b"data-slug" not in data and len(gzip.compress(data, 6)) < 5_000, lang
        assert len(list((catalog_1000 / lang / "programs").glob("*/compare.json"))) == \
            len(list((catalog_1000 / lang / "programs").glob("*/index.html")))


def listed_partners(catalog: Path, lang: str = "en") -> list[str]:
    """The partners the form of the catalog's first page lists (without "Any")."""
    page = (catalog / lang / "programs/index.html").read_text(encoding="utf-8")
    select = re.search(r'<select id="filter-partner" name="partner" data-more-options>(.*?)</select>', page, re.S)
    return re.findall(r'<option value="([^"]+)"', select.group(1))


def test_past_a_hundred_partners_the_form_lists_the_most_used_and_the_index_names_them_all(catalog_1000: Path):
    for lang in ("ru", "en", "zh"):
        listed = listed_partners(catalog_1000, lang)
        index = json.loads((catalog_1000 / lang / "programs/facets.json").read_text(encoding="utf-8"))
        partners = index["values"]["partner"]
        counts = Counter(partners[code] for codes in index["columns"]["partner"] for code in codes)
        assert len(partners) > FORM_PARTNERS == len(listed)
        assert min(counts[slug] for slug in listed) >= max(counts[slug] for slug in set(partners) - set(listed))
        assert listed == [slug for slug in partners if slug in listed]  # in the order of the labels
        assert len(index["labels"]["partner"]) == len(partners)
