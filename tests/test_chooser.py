"""The root page and the root 404 send visitors to their language, in Debian's Chromium (Playwright)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, QuietHandler, build_site, static_host
from test_browser import browser  # noqa: F401  (the shared Chromium fixture)

BASE = "/internships/"


class _StaticHost(QuietHandler):
    """Serves the site under its base path and answers a missing file with the root 404.html, as static hosts do."""

    def translate_path(self, path: str) -> str:
        inside = path.split("?", 1)[0].startswith(BASE)
        return super().translate_path("/" + path.removeprefix(BASE) if inside else "/outside-the-site")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(sample_site: Path):
    with static_host(sample_site, _StaticHost) as address:
        yield address.rstrip("/") + BASE


@pytest.fixture
def visit(browser, host):  # noqa: F811
    """visit(locale, path, javascript=True) → the page after its redirects settle."""
    contexts = []

    def open_page(locale: str, path: str, javascript: bool = True):
        context = browser.new_context(locale=locale, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(host + path)
        page.wait_for_load_state("load")
        return page
    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("locale, lang, html_lang", [("zh-CN", "zh", "zh-Hans"), ("en-US", "en", "en"),
                                                      ("ru-RU", "ru", "ru"), ("de-DE", "ru", "ru")])
def test_the_root_opens_the_home_of_the_browsers_language_else_the_default(visit, host, locale, lang, html_lang):
    page = visit(locale, "")
    page.wait_for_url(f"{host}{lang}/")
    assert page.locator("html").get_attribute("lang") == html_lang
    assert page.errors == []


@pytest.mark.parametrize("locale, lang", [("zh-CN", "zh"), ("en-US", "en")])
def test_a_missing_page_shows_the_404_of_the_browsers_language(visit, host, locale, lang):
    page = visit(locale, "no-such-page/")
    page.wait_for_url(f"{host}{lang}/404.html")
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    assert page.errors == []


def test_a_missing_page_under_a_language_keeps_that_language(visit, host):
    page = visit("zh-CN", "en/programs/no-such-program/")
    page.wait_for_url(f"{host}en/404.html")
    assert page.locator("html").get_attribute("lang") == "en"


def test_without_javascript_the_root_offers_plain_links_to_every_language(visit, host):
    page = visit("zh-CN", "", javascript=False)
    assert page.url == host
    links = page.locator(".language-list a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [f"{BASE}ru/", f"{BASE}en/", f"{BASE}zh/"]
    assert [links.nth(i).get_attribute("hreflang") for i in range(links.count())] == ["ru", "en", "zh-Hans"]


def test_the_default_language_is_the_fallback_even_when_listed_later(make_site, tmp_path: Path):
    out = tmp_path / "public"
    root = make_site({"site.yaml": MINIMAL_SITE["site.yaml"].replace("default_language: en", "default_language: ru")})
    assert build_site(root, out).written
    for name in ("index.html", "404.html"):
        choices = json.loads(re.search(r"var choices = (\[.*?\]);", (out / name).read_text(encoding="utf-8")).group(1))
        assert [c["code"] for c in choices] == ["ru", "en"]  # the script falls back to the first
