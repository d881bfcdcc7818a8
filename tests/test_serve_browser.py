"""`build.py serve` in a real browser: pages reload by themselves, and the overlay is usable and accessible."""
from __future__ import annotations

from conftest import REPO
from test_browser import browser  # noqa: F401 — the shared Chromium fixture
from test_serve import PAGE, PROGRAM, served  # noqa: F401 — a serve subprocess on a copy of the sample

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def test_a_broken_edit_shows_the_overlay_by_itself_and_fixing_it_takes_it_away(browser, served):  # noqa: F811
    page = browser.new_page(locale="ru-RU")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.base + PAGE.replace("en/", "ru/", 1))
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector._connectionDesired")
    original = (served.root / PROGRAM).read_text(encoding="utf-8")

    served.edit(PROGRAM, original.replace("type: ", "type: nonsense-", 1))
    overlay = page.wait_for_selector("#sitegen-overlay", timeout=20000)  # no reload from here: livereload does it
    assert overlay.is_visible()
    dialog = page.get_by_role("dialog", name="Не удалось пересобрать сайт")
    assert PROGRAM in dialog.inner_text()
    close = page.get_by_role("button", name="Закрыть")
    assert close.evaluate("button => button === document.activeElement")

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run('#sitegen-overlay',
        {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']})).violations
        .map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))""")
    assert violations == []

    page.keyboard.press("Escape")
    assert not overlay.is_visible()

    served.edit(PROGRAM, original)
    page.wait_for_selector("#sitegen-overlay", state="detached", timeout=20000)
    assert page.locator("h1").inner_text().strip()
    assert errors == []
    page.close()
