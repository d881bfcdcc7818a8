"""hreflang: every page lists itself and each language it is really translated into, reciprocally,
with absolute URLs and x-default; the sitemap carries the same sets. Checked on the built HTML."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from conftest import MINIMAL_SITE, build_site
from linkcheck import Page, scan, target_file

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _page_problems(page: Page, pages: dict[str, Page], base_url: str) -> list[str]:
    alternates = dict(page.alternates)
    problems = []
    if len(alternates) != len(page.alternates):
        problems.append("an hreflang is listed twice")
    if alternates.get("x-default") != base_url:
        problems.append(f"x-default is {alternates.get('x-default')!r}, not the language chooser")
    translated = page.canonical == page.url
    if translated != (page.url in alternates.values()):
        problems.append("does not list itself" if translated else "claims to be a translation (its text is a fallback)")
    if not translated and page.canonical not in alternates.values():
        problems.append(f"canonical {page.canonical} is not one of its languages")
    for hreflang, href in page.alternates:
        target = pages.get(target_file(href, base_url) or "")
        if not href.startswith("https://") or target is None:
            problems.append(f"{hreflang}: {href} is not an absolute URL of a page of the site")
        elif hreflang == "x-default":
            continue  # the chooser lists the home pages; its own set is checked as a page
        elif set(target.alternates) != set(page.alternates):
            problems.append(f"{hreflang}: {href} does not list the same alternates (not reciprocal)")
        elif target.canonical != href:
            problems.append(f"{hreflang}: {href} is not itself a translation")
    return problems


def hreflang_problems(out: Path, base_url: str) -> list[str]:
    """Every page's hreflang problems as 'page: problem'; pages kept out of search engines need none."""
    pages = scan(out, base_url)
    problems = [f"{relative}: {problem}" for relative, page in pages.items() if page.alternates
                for problem in _page_problems(page, pages, base_url)]
    problems += [f"{relative}: no hreflang alternates" for relative, page in pages.items()
                 if not page.alternates and not page.noindex]
    return problems


def sitemap_problems(out: Path, base_url: str) -> list[str]:
    """The sitemap lists each translated, indexable page once (not the chooser), with the page's alternates."""
    pages = scan(out, base_url)
    expected = {page.url: set(page.alternates) for page in pages.values()
                if not page.noindex and page.canonical == page.url and page.url != base_url}
    listed = {}
    for url in ET.parse(out / "sitemap.xml").getroot().iter(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        if loc in listed:
            return [f"{loc} is listed twice"]
        listed[loc] = {(link.get("hreflang"), link.get("href")) for link in url.iter(f"{XHTML}link")}
    problems = [f"{loc}: missing from the sitemap" for loc in sorted(expected.keys() - listed.keys())]
    problems += [f"{loc}: in the sitemap but not a translated page" for loc in sorted(listed.keys() - expected.keys())]
    problems += [f"{loc}: sitemap alternates differ from the page's" for loc in sorted(expected.keys() & listed.keys())
                 if expected[loc] != listed[loc]]
    return problems


def test_sample_hreflang_sets_are_complete_and_reciprocal(sample_site: Path):
    assert hreflang_problems(sample_site, "https://example.org/internships/") == []
    unlisted = {r for r, p in scan(sample_site, "https://example.org/internships/").items() if not p.alternates}
    assert {"404.html", "en/404.html", "ru/404.html", "zh/404.html"} <= unlisted
    home = scan(sample_site, "https://example.org/internships/")["zh/index.html"]
    assert dict(home.alternates) == {"ru": "https://example.org/internships/ru/", "en": "https://example.org/internships/en/",
                                     "zh-Hans": "https://example.org/internships/zh/",
                                     "x-default": "https://example.org/internships/"}


def test_sample_sitemap_alternates_match_the_pages(sample_site: Path):
    assert sitemap_problems(sample_site, "https://example.org/internships/") == []


def test_1000_program_catalog_hreflang_and_sitemap_agree(catalog_1000: Path):
    pages = scan(catalog_1000, "https://example.org/")
    assert sum(p.canonical != p.url for p in pages.values() if p.alternates) > 50  # fallback pages are checked too
    assert hreflang_problems(catalog_1000, "https://example.org/") == []
    assert sitemap_problems(catalog_1000, "https://example.org/") == []


def test_a_page_shown_in_fallback_text_does_not_claim_to_be_a_translation(make_site, tmp_path: Path):
    untranslated = MINIMAL_SITE["programs/summer.yaml"].replace(", ru: Летняя школа}", "}").replace(
        ", ru: Две недели инженерии.}", "}")
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": untranslated}), out).written
    pages = scan(out, "https://example.org/")
    russian, english = pages["ru/programs/summer/index.html"], pages["en/programs/summer/index.html"]
    assert russian.canonical == "https://example.org/en/programs/summer/"
    assert set(russian.alternates) == set(english.alternates) == {
        ("en", "https://example.org/en/programs/summer/"), ("x-default", "https://example.org/")}
    sitemap = (out / "sitemap.xml").read_text()
    assert "https://example.org/en/programs/summer/" in sitemap and "https://example.org/ru/programs/summer/" not in sitemap
    assert hreflang_problems(out, "https://example.org/") == [] and sitemap_problems(out, "https://example.org/") == []


def test_the_checks_catch_a_one_sided_alternate(tmp_path: Path):
    """The checker can fail: a Russian page that the English one does not point back to."""
    head = '<link rel="canonical" href="{0}">' + "".join(
        f'<link rel="alternate" hreflang="{h}" href="{u}">' for h, u in (("x-default", "https://example.org/"),))
    for relative, own, other in (("ru/index.html", "https://example.org/ru/", "https://example.org/en/"),
                                 ("en/index.html", "https://example.org/en/", None)):
        links = head.format(own) + f'<link rel="alternate" hreflang="{relative[:2]}" href="{own}">'
        if other:
            links += f'<link rel="alternate" hreflang="en" href="{other}">'
        (tmp_path / relative).parent.mkdir(parents=True)
        (tmp_path / relative).write_text(f"<html><head>{links}</head></html>")
    (tmp_path / "index.html").write_text('<html><head><link rel="alternate" hreflang="x-default" '
                                         'href="https://example.org/"><link rel="canonical" href="https://example.org/"></head></html>')
    problems = hreflang_problems(tmp_path, "https://example.org/")
    assert "ru/index.html: en: https://example.org/en/ does not list the same alternates (not reciprocal)" in problems
