"""Site search: the build indexes every language with Pagefind, and the theme's own search page finds programs."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import build_site
from sitegen.output.search import NOT_INDEXED, PAGEFIND
from test_browser import browser, page, served_site  # noqa: F401  (fixtures shared with the browser tests)

RESEARCH = "spbpu-international-research-internships"


def test_the_index_has_one_language_per_page_language_and_only_item_pages(sample_site: Path):
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "ru", "zh-hans"]
    items = sum(1 for p in (sample_site / "en").rglob("index.html") if "data-pagefind-body" in p.read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == items
    home = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home  # lists repeat their items' text


def test_only_what_the_search_page_loads_is_published(sample_site: Path):
    """No Pagefind UI (the theme has its own), and no filter indexes: results show their section but are not filtered."""
    folder = sample_site / "pagefind"
    published = {re.sub(r"_[0-9a-f]+\.", "_*.", p.relative_to(folder).as_posix()) for p in folder.rglob("*") if p.is_file()}
    assert published == {
        "pagefind.js", "pagefind-worker.js", "pagefind-entry.json",
        "wasm.en.pagefind", "wasm.ru.pagefind", "wasm.unknown.pagefind",  # Chinese has no stemmer: the generic one
        *(name for language in ("en", "ru", "zh-hans") for name in (
            f"pagefind.{language}_*.pf_meta", f"fragment/{language}_*.pf_fragment", f"index/{language}_*.pf_index"))}



def test_the_index_made_language_by_language_is_the_one_pagefind_makes_of_the_whole_site(sample_site: Path, tmp_path):
    """Each language is indexed by its own run, so that the largest process holds one language; the bundle is the same."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site, ignore=lambda folder, names: ["pagefind"] if Path(folder) == sample_site else [])
    at_once = tmp_path / "at-once"
    subprocess.run([*PAGEFIND, "--site", str(site), "--output-path", str(at_once), "--exclude-selectors", NOT_INDEXED,
                    "--quiet"], check=True, capture_output=True)
    ours = every_file(sample_site / "pagefind")
    theirs = every_file(at_once)
    assert json.loads(ours.pop("pagefind-entry.json")) == json.loads(theirs["pagefind-entry.json"])
    assert len(ours) > 40
    assert [name for name in ours if ours[name] != theirs.get(name)] == []

def test_search_page_is_not_for_crawlers(sample_site: Path):
    html = (sample_site / "ru" / "search" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "/search/" not in (sample_site / "sitemap.xml").read_text(encoding="utf-8")


def test_builds_without_search_by_default_and_index_on_request(make_site, tmp_path: Path):
    root = make_site()
    assert build_site(root, tmp_path / "plain").written
    assert not (tmp_path / "plain" / "pagefind").exists()
    result = build_site(root, tmp_path / "indexed", search=True)
    assert result.written and result.search_seconds is not None
    assert (tmp_path / "indexed" / "pagefind" / "pagefind.js").is_file()


def test_a_failed_index_fails_the_build_and_leaves_the_published_site(make_site, tmp_path: Path, monkeypatch):
    root, out = make_site(), tmp_path / "public"
    assert build_site(root, out).written
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr("sitegen.output.search.PAGEFIND", (sys.executable, "-m", "pagefind_not_installed"))
    result = build_site(root, out, search=True)
    assert not result.written
    assert [p.format() for p in result.problems.sorted()] == [
        f"{out}: error: search index: the search indexer is not installed (pip install 'pagefind[extended]')"
        "\n    hint: or build with --no-search"]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_incremental_build_indexes_the_unchanged_pages_too(make_site, tmp_path: Path):
    root, out, cache = make_site(), tmp_path / "public", tmp_path / "cache"
    assert build_site(root, out, search=True, cache_dir=cache).written
    program = root / "programs" / "summer.yaml"
    program.write_text(program.read_text(encoding="utf-8").replace("Two weeks", "Three weeks"), encoding="utf-8")
    result = build_site(root, out, search=True, cache_dir=cache)
    assert result.written and result.reused > 0
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(1 for p in out.rglob("index.html") if "data-pagefind-body" in p.read_text("utf-8")
                  and '<html lang="en"' in p.read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == indexed
    assert len(list((out / "pagefind").glob("pagefind.en_*.pf_meta"))) == 1  # the old index went
    texts = [fragment_text(p) for p in (out / "pagefind" / "fragment").glob("en_*.pf_fragment")]
    assert any("Three weeks" in text for text in texts)
    assert not any("Two weeks" in text for text in texts)


def test_a_rebuild_with_no_page_rendered_again_keeps_the_last_index(make_site, tmp_path: Path):
    root = make_site({"content/pages/about.en.md": "---\ntitle: About us\n---\nWho we are.\n"})
    out, cache = tmp_path / "public", tmp_path / "cache"
    assert build_site(root, out, search=True, cache_dir=cache).written
    index = {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    result = build_site(root, out, search=True, cache_dir=cache)
    assert result.written and result.search_seconds is None  # Pagefind did not run
    assert {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()} == index
    (root / "content/pages/about.en.md").unlink()  # a page gone: its index entry must go too
    result = build_site(root, out, search=True, cache_dir=cache)
    assert result.written and result.search_seconds is not None


@pytest.fixture
def listed_as_made(tmp_path: Path):
    """A folder on tmpfs, which lists files in the order they were made: parallel rendering makes them in another order
    each build. Where there is none (ext4 lists by a hash of the name), a plain temporary folder."""
    if not os.access("/dev/shm", os.W_OK):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="sitegen-search-", dir="/dev/shm"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_two_builds_into_two_folders_are_byte_identical_with_their_search_index(listed_as_made: Path):
    from generate import generate
    generate(150, listed_as_made / "site", seed=7)
    one, two = listed_as_made / "one", listed_as_made / "two"
    assert build_site(listed_as_made / "site", one, search=True).written
    assert build_site(listed_as_made / "site", two, search=True, processes=2).written  # past the parallel threshold
    first, second = every_file(one), every_file(two)
    assert sorted(first) == sorted(second)
    assert sum(name.startswith("pagefind/fragment/") for name in first) > 450  # a page each: 150 programs × 3, and more
    assert [name for name in first if first[name] != second[name]] == []


def every_file(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def fragment_text(path: Path) -> str:
    """A page as Pagefind stored it for excerpts: gzip of a signature and JSON."""
    return gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd").decode("utf-8")


def search(page, served_site: str, language: str, query: str) -> list[str]:
    """Search from the header form of the language's home page; the links of the results."""
    page.goto(f"{served_site}{language}/")
    page.locator(".site-search input").fill(query)
    page.locator(".site-search button").click()
    page.wait_for_url(f"{served_site}{language}/search/?q={quote(query)}")
    results = page.locator("#search-results a")
    results.first.wait_for()
    return results.evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("language, query, expected", [
    ("zh", "实习", RESEARCH),
    ("ru", "стажировки", RESEARCH),
    ("en", "entrepreneurship", "usst-technological-entrepreneurship"),
])
def test_search_finds_the_program_in_each_language(page, served_site, language, query, expected):
    hrefs = search(page, served_site, language, query)
    assert f"/internships/{language}/programs/{expected}/" in hrefs
    assert all(href.startswith(f"/internships/{language}/") for href in hrefs)  # one index per language
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert str(len(hrefs)) in status.inner_text()
    assert page.locator("#search-results mark").count() > 0
    assert page.problems == []


def test_russian_search_matches_other_forms_of_a_word(page, served_site, sample_site: Path):
    """«стажировками» is written nowhere on the site; stemming finds the pages that say «стажировка»."""
    pages = [p.read_text(encoding="utf-8").lower() for p in (sample_site / "ru").rglob("*.html")]
    assert not any("стажировками" in text for text in pages)
    research = (sample_site / "ru" / "programs" / RESEARCH / "index.html").read_text(encoding="utf-8")
    assert "стажировка" in research.lower()
    assert f"/internships/ru/programs/{RESEARCH}/" in search(page, served_site, "ru", "стажировками")
    assert page.problems == []


def test_searching_in_every_language_loads_every_published_file_of_the_index(page, served_site, sample_site: Path):
    requested = set()
    page.on("request", lambda r: "/pagefind/" in r.url and requested.add(r.url.split("/pagefind/", 1)[1].split("?")[0]))
    for language, query in (("en", "entrepreneurship"), ("ru", "стажировки"), ("zh", "实习")):
        assert search(page, served_site, language, query)
    folder = sample_site / "pagefind"
    assert {name for name in requested if "/" not in name} == {p.name for p in folder.iterdir() if p.is_file()}
    assert all((folder / name).is_file() for name in requested)
    assert page.problems == []


def test_the_search_page_explains_itself_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}zh/search/?q=%E5%AE%9E%E4%B9%A0")
    assert page.locator("h1").inner_text() == "搜索"
    message = page.locator("noscript p")  # an element only when scripts are off
    assert message.is_visible()
    assert "JavaScript" in message.inner_text()
    context.close()
