"""sitemap.xml (and its index past the URL limit) is valid by the sitemaps.org schemas; robots.txt names it."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from conftest import REPO, TODAY, build_site, require_module, require_tool
from sitegen.pipeline import BuildOptions

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SCHEMAS = Path(__file__).resolve().parent / "schemas"


@pytest.fixture(scope="module")
def sitemap_schema():
    """tests/schemas/sitemaps.xsd, its imports resolved to files shipped by registry packages (no network)."""
    etree = require_module("lxml.etree")
    xmlschema = require_module("xmlschema")
    shipped = Path(xmlschema.__file__).parent / "schemas"
    local = {
        "https://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd":
            require_tool(str(REPO / "node_modules/sitemap/schema/sitemap.xsd")),
        "http://www.w3.org/2002/08/xhtml/xhtml1-strict.xsd": shipped / "XHTML/xhtml1-strict.xsd",
        "http://www.w3.org/2001/xml.xsd": shipped / "XML/xml.xsd",
    }

    class Shipped(etree.Resolver):
        def resolve(self, url, public_id, context):
            return self.resolve_filename(str(local[url]), context) if url in local else None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Shipped())
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemaps.xsd"), parser))

    def problems(path: Path) -> list[str]:
        valid = schema.validate(etree.parse(str(path)))
        return [] if valid else [f"{path.name}:{e.line}: {e.message}" for e in schema.error_log]
    return problems


def locations(path: Path) -> list[str]:
    return [loc.text for loc in ET.parse(path).getroot().iter(f"{SM}loc")]


def test_sample_sitemap_is_valid_by_the_schemas(sitemap_schema, sample_site: Path):
    assert ET.parse(sample_site / "sitemap.xml").getroot().tag == f"{SM}urlset"
    assert sitemap_schema(sample_site / "sitemap.xml") == []


def test_1000_program_sitemap_is_valid_by_the_schemas(sitemap_schema, catalog_1000: Path):
    assert sitemap_schema(catalog_1000 / "sitemap.xml") == []
    assert len(locations(catalog_1000 / "sitemap.xml")) > 4000


def test_the_schema_rejects_what_the_protocol_forbids(sitemap_schema, tmp_path: Path):
    """The check can fail: a misspelt xhtml:link attribute and an index entry without <loc>."""
    (tmp_path / "bad-link.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        '<url><loc>https://example.org/en/</loc><xhtml:link rel="alternate" hreflang="en" hrf="x"/></url></urlset>')
    (tmp_path / "bad-index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><lastmod>2026-01-01</lastmod>'
        '</sitemap></sitemapindex>')
    assert "attribute 'hrf' is not allowed" in sitemap_schema(tmp_path / "bad-link.xml")[0]
    assert "Expected is ( {http://www.sitemaps.org/schemas/sitemap/0.9}loc )" in sitemap_schema(tmp_path / "bad-index.xml")[0]


def test_the_url_limit_per_sitemap_is_the_protocols_50000():
    assert BuildOptions(root=REPO, out=REPO / "public", today=TODAY).sitemap_limit == 50_000


def test_past_the_limit_sitemap_xml_becomes_an_index_of_numbered_parts(sitemap_schema, sample_site: Path, tmp_path: Path):
    every_url = locations(sample_site / "sitemap.xml")
    limit = 10
    out = tmp_path / "public"
    assert build_site(REPO, out, sitemap_limit=limit).written
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex" and sitemap_schema(out / "sitemap.xml") == []
    parts = locations(out / "sitemap.xml")
    count = -(-len(every_url) // limit)
    assert parts == [f"https://example.org/internships/sitemap-{n}.xml" for n in range(1, count + 1)]
    listed = []
    for n in range(1, count + 1):
        assert sitemap_schema(out / f"sitemap-{n}.xml") == []
        listed += locations(out / f"sitemap-{n}.xml")
        assert len(locations(out / f"sitemap-{n}.xml")) <= limit
    assert listed == every_url
    assert all(s.find(f"{SM}lastmod").text <= TODAY.isoformat() for s in index)
    assert "Sitemap: https://example.org/internships/sitemap.xml\n" in (out / "robots.txt").read_text()


def test_exactly_at_the_limit_one_sitemap_suffices(sample_site: Path, tmp_path: Path):
    count = len(locations(sample_site / "sitemap.xml"))
    assert build_site(REPO, tmp_path / "at", sitemap_limit=count).written
    assert build_site(REPO, tmp_path / "over", sitemap_limit=count - 1).written
    assert ET.parse(tmp_path / "at/sitemap.xml").getroot().tag == f"{SM}urlset"
    assert not (tmp_path / "at/sitemap-1.xml").exists()
    assert ET.parse(tmp_path / "over/sitemap.xml").getroot().tag == f"{SM}sitemapindex"
    assert len(locations(tmp_path / "over/sitemap-2.xml")) == 1


def test_lastmod_is_the_programs_updated_and_the_articles_date(sample_site: Path):
    lastmod = {url.find(f"{SM}loc").text: url.find(f"{SM}lastmod")
               for url in ET.parse(sample_site / "sitemap.xml").getroot().iter(f"{SM}url")}
    for source in sorted((REPO / "programs").glob("*.yaml")):
        updated = yaml.safe_load(source.read_text(encoding="utf-8"))["updated"]
        for lang in ("ru", "en", "zh"):
            assert lastmod[f"https://example.org/internships/{lang}/programs/{source.stem}/"].text == updated.isoformat()
    for source in sorted((REPO / "content/news").glob("*.en.md")):
        day, slug = source.name[:10], source.name[11:].removesuffix(".en.md")
        assert lastmod[f"https://example.org/internships/en/news/{slug}/"].text == day


def test_robots_txt_allows_crawling_and_names_the_sitemap(sample_site: Path):
    assert (sample_site / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/internships/sitemap.xml\n")
