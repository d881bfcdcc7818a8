"""Every link, asset and anchor of the built site resolves, under any base URL (tests/linkcheck.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, build_site, write_site
from linkcheck import broken_links, links_checked

SAMPLE_BASE = "https://example.org/internships/"
CATALOG_BASE = "https://example.org/"


@pytest.fixture(scope="module")
def sample_deeper(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built for another host, two folders deep."""
    out = tmp_path_factory.mktemp("deeper") / "public"
    assert build_site(REPO, out, base_url="https://example.com/a/b/").written
    return out


def test_sample_site_has_no_broken_link_or_anchor(sample_site: Path):
    assert broken_links(sample_site, SAMPLE_BASE) == []
    assert links_checked(sample_site, SAMPLE_BASE) > 1000


def test_sample_site_under_another_sub_path_has_no_broken_link(sample_deeper: Path):
    assert broken_links(sample_deeper, "https://example.com/a/b/") == []
    html = (sample_deeper / "en/index.html").read_text(encoding="utf-8")
    assert 'href="/a/b/static/css/site.' in html and "/internships/" not in html


def test_generated_1000_program_catalog_has_no_broken_link_or_anchor(catalog_1000: Path):
    assert broken_links(catalog_1000, CATALOG_BASE) == []
    assert links_checked(catalog_1000, CATALOG_BASE) > 100_000


def test_the_checker_reports_each_kind_of_broken_link(tmp_path: Path):
    out = write_site(tmp_path / "out", {
        "en/index.html": """
            <a href="/x/en/about/#team">ok</a> <a href="/x/en/about/#nobody">missing anchor</a>
            <a href="/x/en/about">folder without slash</a> <a href="../missing.html">missing file</a>
            <a href="/elsewhere/">outside the base</a> <a href="https://other.example/">another host</a>
            <img src="/x/img.png" srcset="/x/img.png 1x, /x/img@2x.png 2x" alt="">
            <a href="webcal://example.org/x/en/cal.ics">subscribe</a> <a href="mailto:a@example.org">mail</a>
        """,
        "en/about/index.html": '<h2 id="team">Team</h2>',
        "img.png": "png",
    })
    assert broken_links(out, "https://example.org/x/") == [
        "en/index.html: <a> /x/en/about/#nobody: no element with id 'nobody' in en/about/index.html",
        "en/index.html: <a> /x/en/about: names a folder without its trailing slash",
        "en/index.html: <a> ../missing.html: no such file in the output",
        "en/index.html: <a> /elsewhere/: points outside the site's base URL",
        "en/index.html: <img> /x/img@2x.png: no such file in the output",
        "en/index.html: <a> webcal://example.org/x/en/cal.ics: no such file in the output",
    ]
