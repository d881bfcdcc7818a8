"""What visitors do in a real browser (Debian's Chromium via Playwright): filter and share the catalog,
read it without JavaScript, save and compare programs, count the days to a deadline, print a program."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import build_site, static_host
from test_browser import browser  # noqa: F401  (the shared Chromium fixture)

SAVED = "sitegen.saved-programs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated catalog: programs open, upcoming, closed and archived, with dates and fees."""
    from generate import generate

    root = tmp_path_factory.mktemp("visitor")
    generate(30, root / "site", seed=5)
    out = root / "public"
    assert build_site(root / "site", out).written
    return out


@pytest.fixture(scope="module")
def base(site: Path):
    with static_host(site) as address:
        yield address


@pytest.fixture
def context(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def open_page(context, url: str):
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.goto(url)
    return page


def visible_slugs(page) -> list[str]:
    page.wait_for_selector("#catalog:not([aria-busy])", state="attached")  # the index is loaded and applied
    return page.eval_on_selector_all("#catalog .program-card:not([hidden])", "cards => cards.map(c => c.dataset.slug)")


def test_filters_narrow_the_catalog_and_the_count_is_announced(context, base):
    page = open_page(context, f"{base}en/programs/")
    everything = page.locator("#catalog .program-card").count()
    page.select_option("#filter-mode", "online")
    shown = visible_slugs(page)
    assert 0 < len(shown) < everything
    modes = page.eval_on_selector_all("#catalog .program-card:not([hidden])",
                                      "cards => cards.map(c => c.querySelectorAll('dd')[1].textContent.split(' · ')[0])")
    assert set(modes) == {"Online"}
    status = page.locator("[data-result-count]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{len(shown)} program" + ("s" if len(shown) != 1 else "")
    assert page.problems == []


def test_the_count_uses_russian_plural_forms(context, base):
    page = open_page(context, f"{base}ru/programs/")
    counts = {}
    for option in page.eval_on_selector_all("#filter-type option", "options => options.map(o => o.value)")[1:]:
        page.select_option("#filter-type", option)
        page.check("#filter-closed")
        counts[len(visible_slugs(page))] = page.locator("[data-result-count]").inner_text()
    for number, text in counts.items():
        last, tens = number % 10, number % 100
        few = 2 <= last <= 4 and not 12 <= tens <= 14
        word = "программа" if last == 1 and tens != 11 else "программы" if few else "программ"
        assert text == f"{number} {word}"


def test_a_shared_filtered_address_opens_with_the_same_results(context, base, browser):  # noqa: F811
    page = open_page(context, f"{base}en/programs/")
    page.select_option("#filter-fee", "paid")
    page.select_option("#filter-sort", "title")
    page.check("#filter-closed")
    assert "fee=paid" in page.url and "sort=title" in page.url and "closed=1" in page.url
    shared, expected = page.url, visible_slugs(page)
    titles = page.eval_on_selector_all("#catalog .program-card:not([hidden]) .card-title",
                                       "t => t.map(e => e.textContent.trim())")
    assert titles == sorted(titles, key=str.casefold)
    fresh = browser.new_context()
    try:
        again = open_page(fresh, shared)
        assert visible_slugs(again) == expected
        assert again.input_value("#filter-fee") == "paid" and again.input_value("#filter-sort") == "title"
        assert again.is_checked("#filter-closed")
    finally:
        fresh.close()


def test_closed_programs_are_hidden_until_the_visitor_asks(context, base, site):
    page = open_page(context, f"{base}en/programs/?sort=start")
    def statuses() -> set[str]:
        visible_slugs(page)
        return set(page.eval_on_selector_all("#catalog .program-card .badge[class*=status-]",
                                             "badges => badges.map(b => b.className.split('status-')[1])"))
    def shown() -> int:
        visible_slugs(page)
        return int(page.locator("[data-result-count]").inner_text().split()[0].replace(",", ""))
    published = len(list((site / "en" / "programs").glob("*/index.html")))
    assert not statuses() & {"closed", "archived"} and shown() < published
    page.check("#filter-closed")
    while page.locator("[data-more-results]").is_visible():
        page.click("[data-more-results] button")
    assert "closed" in statuses() and shown() == published
    page.click("[data-clear-filters] >> nth=0")
    assert page.url.endswith("/en/programs/") and not page.is_checked("#filter-closed")


def test_without_javascript_the_catalog_lists_every_program_and_the_form(browser, base, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}zh/programs/?type=internship")
        cards = page.locator("#catalog .program-card")
        published = len(list((site / "zh" / "programs").glob("*/index.html")))
        assert cards.count() == published
        assert all(cards.nth(i).is_visible() for i in range(cards.count()))
        assert page.locator("form[data-catalog-filters] select").count() >= 8
        assert page.locator("#filter-type").is_visible()
        assert page.locator("noscript").count() == 1
        assert page.locator(".save-toggle").count() == 0  # nothing that cannot work is shown
    finally:
        context.close()


def test_saved_programs_are_compared_side_by_side_in_any_language(context, base):
    page = open_page(context, f"{base}en/programs/")
    page.check("#filter-closed")
    toggles = page.locator("#catalog .program-card .save-toggle")
    for i in range(3):
        toggles.nth(i).click()
    assert toggles.nth(0).get_attribute("aria-pressed") == "true"
    assert page.locator("[data-saved-count]").inner_text() == "3"
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{SAVED}'))")
    assert saved == visible_slugs(page)[:3]

    compare = open_page(context, f"{base}ru/compare/")
    compare.locator(".compare-table").wait_for()  # each saved program's entry is fetched
    headers = compare.locator(".compare-table thead th")
    assert headers.count() == 3
    rows = compare.eval_on_selector_all(".compare-table tbody th", "ths => ths.map(t => t.textContent)")
    assert rows == ["Даты", "Срок подачи заявок", "Продолжительность", "Формат", "Место проведения", "Язык обучения",
                    "Стоимость", "Итоговый документ", "Статус"]
    titles = compare.eval_on_selector_all(".compare-table thead th a", "links => links.map(a => a.pathname)")
    assert titles == [f"/ru/programs/{slug}/" for slug in saved]
    assert compare.locator("[data-compare-status]").inner_text() == "Сравниваются 3 программы"
    compare.locator("[data-compare-list] li").nth(0).locator("[data-remove]").click()
    assert compare.locator(".compare-table thead th").count() == 2
    compare.locator("[data-compare-list] input").nth(0).uncheck()
    assert compare.locator("[data-compare-table-wrap]").is_hidden()
    assert len(compare.evaluate(f"JSON.parse(localStorage.getItem('{SAVED}'))")) == 2
    assert page.problems == [] and compare.problems == []


def test_the_compare_page_fetches_the_saved_programs_only_and_names_one_the_catalog_no_longer_has(context, base):
    page = open_page(context, f"{base}en/programs/")
    toggles = page.locator("#catalog .program-card .save-toggle")
    for i in range(2):
        toggles.nth(i).click()
    saved = visible_slugs(page)[:2]
    compare = context.new_page()
    compare.problems, fetched, missing = [], [], []
    compare.on("pageerror", lambda error: compare.problems.append(str(error)))
    compare.on("request", lambda request: fetched.append(request.url.removeprefix(base)))
    compare.on("response", lambda response: response.status == 404 and missing.append(response.url.removeprefix(base)))
    compare.goto(f"{base}en/compare/")
    compare.locator(".compare-table").wait_for()
    titles = compare.eval_on_selector_all(".compare-table thead th a", "links => links.map(a => a.pathname)")
    assert titles == [f"/en/programs/{slug}/" for slug in saved]
    assert [url for url in fetched if url.endswith(".json")] == [f"en/programs/{slug}/compare.json" for slug in saved]
    assert missing == []

    fetched.clear()
    compare.evaluate(f"localStorage.setItem('{SAVED}', JSON.stringify([...{saved!r}, 'closed-down-program']))")
    compare.reload()
    note = compare.locator("[data-compare-missing]")
    note.wait_for()
    assert note.inner_text().startswith("Some programs you saved are no longer in the catalog: closed-down-program")
    assert missing == ["en/programs/closed-down-program/compare.json"]
    compare.locator(".compare-table").wait_for()
    assert compare.locator(".compare-table thead th").count() == 2 and compare.locator("[data-compare-list] li").count() == 2
    note.get_by_role("button", name="Remove them from the list").click()
    assert note.is_hidden()
    assert compare.evaluate(f"JSON.parse(localStorage.getItem('{SAVED}'))") == saved
    assert page.problems == [] and compare.problems == []


def test_a_saved_program_whose_file_cannot_be_fetched_is_said_and_the_others_are_still_listed(context, base):
    page = open_page(context, f"{base}en/programs/")
    toggles = page.locator("#catalog .program-card .save-toggle")
    for i in range(2):
        toggles.nth(i).click()
    reachable, unreachable = visible_slugs(page)[:2]
    context.route(f"**/en/programs/{unreachable}/compare.json", lambda route: route.abort("internetdisconnected"))
    compare = context.new_page()
    compare.goto(f"{base}en/compare/")
    failed = compare.locator("[data-compare-failed]")
    failed.wait_for()
    assert failed.inner_text() == "Some saved programs could not be loaded. Check your connection and reload the page."
    assert compare.eval_on_selector_all("[data-compare-list] input", "boxes => boxes.map(b => b.value)") == [reachable]
    assert compare.locator("[data-compare-missing]").is_hidden()
    assert compare.evaluate(f"JSON.parse(localStorage.getItem('{SAVED}'))") == [reachable, unreachable]  # kept


def _program_with_deadline(site: Path) -> tuple[str, dt.date]:
    for path in sorted((site / "en" / "programs").glob("*/index.html")):
        found = re.search(r'data-countdown="(\d{4}-\d\d-\d\d)T23:59:00\+03:00"', path.read_text(encoding="utf-8"))
        if found:
            return path.parent.name, dt.date.fromisoformat(found[1])
    pytest.fail("the generated catalog has no program with a deadline ahead")


@pytest.mark.parametrize("lang, days, expected", [
    ("en", 12, "12 days left"), ("ru", 12, "осталось 12 дней"), ("ru", 1, "остался 1 день"),
    ("zh", 3, "还剩3天"), ("en", 0, "Last day to apply"), ("en", -1, "The deadline has passed"),
])
def test_the_deadline_countdown_follows_the_browsers_clock(context, base, site, lang, days, expected):
    slug, deadline = _program_with_deadline(site)
    # Noon in Moscow (UTC+3) on the day `days` before the deadline; the page was built on another day.
    now = dt.datetime.combine(deadline - dt.timedelta(days=days), dt.time(9, 0), tzinfo=dt.timezone.utc)
    page = context.new_page()
    page.clock.set_fixed_time(now)
    page.goto(f"{base}{lang}/programs/{slug}/")
    assert page.locator(".deadline-tile .days-left").inner_text() == expected


def test_a_program_prints_on_one_page_with_its_qr_code_and_no_navigation(context, base, site):
    slug, _ = _program_with_deadline(site)
    page = open_page(context, f"{base}en/programs/{slug}/")
    page.emulate_media(media="print")
    for hidden in (".main-menu", ".language-switcher", ".save-toggle", ".breadcrumbs", ".site-footer"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".page-qr svg[role=img]").is_visible()
    apply_link = page.locator(".apply a.button")
    if apply_link.count():
        after = apply_link.evaluate("a => getComputedStyle(a, '::after').content")
        assert apply_link.get_attribute("href") in after
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
