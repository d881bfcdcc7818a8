"""Theme assets are published under content-hashed names, so hosts can cache them forever."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import REPO, build_site

THEME_STATIC = REPO / "theme/static"


def hashed(relative: str) -> str:
    path = Path(relative)
    tag = hashlib.sha256((THEME_STATIC / relative).read_bytes()).hexdigest()[:10]
    return str(path.with_name(f"{path.stem}.{tag}{path.suffix}"))


def test_every_theme_file_is_published_under_its_content_hash(sample_site: Path):
    for source in sorted(p for p in THEME_STATIC.rglob("*") if p.is_file()):
        relative = source.relative_to(THEME_STATIC).as_posix()
        assert (sample_site / "static" / hashed(relative)).read_bytes() == source.read_bytes()


def test_pages_link_assets_only_by_their_hashed_names(sample_site: Path):
    theme_files = [p.relative_to(THEME_STATIC).as_posix() for p in THEME_STATIC.rglob("*") if p.is_file()]
    published = {f"/internships/static/{hashed(relative)}" for relative in theme_files}
    every_page = {f"/internships/static/{hashed('css/site.css')}", f"/internships/static/{hashed('favicon.svg')}"}
    for page in sample_site.rglob("*.html"):
        linked = set(re.findall(r'(?:href|src)="(/internships/static/[^"]+)"', page.read_text(encoding="utf-8")))
        assert every_page <= linked <= published, page


def test_a_sites_own_stylesheet_replaces_the_theme_one_under_a_new_hash(make_site, tmp_path: Path):
    root = make_site({"theme/static/css/site.css": "body { color: black; }\n"})
    out = tmp_path / "public"
    assert build_site(root, out).written
    tag = hashlib.sha256(b"body { color: black; }\n").hexdigest()[:10]
    assert (out / f"static/css/site.{tag}.css").read_text() == "body { color: black; }\n"
    assert f'href="/static/css/site.{tag}.css"' in (out / "en/index.html").read_text(encoding="utf-8")
    assert not (out / f"static/{hashed('css/site.css')}").exists()


def test_a_template_asking_for_a_missing_asset_is_reported_with_its_line(make_site, tmp_path: Path):
    root = make_site({"theme/templates/404.html": """
        {% extends "base.html" %}
        {% block content %}
        <img src="{{ urls.static('img/missing.png') }}" alt="">
        {% endblock %}
    """})
    result = build_site(root, tmp_path / "public")
    assert not result.written
    [problem] = result.problems.sorted()
    assert problem.format().splitlines()[0] == (
        "theme/templates/404.html:3:1: error: template error: the theme has no static file 'img/missing.png' "
        "(in theme/static/) (while rendering en/404.html in 'en')")
