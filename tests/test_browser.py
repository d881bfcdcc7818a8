"""The sample site in a real browser: Debian's Chromium driven by Playwright, never a downloaded browser."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import require_module, require_tool, static_host

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def served_site(sample_site: Path):
    """The sample site on a free loopback port, with its base path as built (/internships/)."""
    (sample_site.parent / "internships").unlink(missing_ok=True)
    (sample_site.parent / "internships").symlink_to(sample_site)
    with static_host(sample_site.parent) as address:
        yield address + "internships/"


@pytest.fixture(scope="module")
def browser():
    executable = require_tool("/usr/bin/chromium", "chromium")
    playwright_api = require_module("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served_site):
    """A fresh page whose console errors and failed requests are collected."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"))
    yield page
    context.close()


def test_root_sends_the_visitor_to_the_browsers_language(page, served_site):
    page.goto(served_site)
    page.wait_for_url(f"{served_site}zh/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    # The chooser replaces itself while it loads; when that cuts its own document short, Chromium says aborted.
    its_own_abort = f"request failed: {served_site} (net::ERR_ABORTED)"
    assert [problem for problem in page.problems if problem != its_own_abort] == []


def test_language_switcher_walks_a_program_through_all_three_languages(page, served_site):
    slug = "spbpu-international-research-internships"
    page.goto(f"{served_site}ru/programs/{slug}/")
    assert page.locator("html").get_attribute("lang") == "ru"
    for name, lang in (("English", "en"), ("中文", "zh-Hans"), ("Русский", "ru")):
        page.get_by_role("navigation", name=page.locator(".language-switcher").get_attribute("aria-label")) \
            .get_by_role("link", name=name).click()
        page.wait_for_load_state()
        code = {"zh-Hans": "zh"}.get(lang, lang)
        assert page.url == f"{served_site}{code}/programs/{slug}/"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").inner_text().strip()
    assert page.problems == []


def test_keyboard_users_can_skip_to_the_main_content(page, served_site):
    page.goto(f"{served_site}en/programs/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.problems == []
