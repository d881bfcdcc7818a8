"""The web editor at /admin/ in a real browser (Debian's Chromium through Playwright): a program written in the
editor, in all three languages, is a file that `check --strict` accepts and that builds.

The build is the sample with `web_editor` enabled; its config.yml is then generated again with Decap's
in-memory test backend (`test-repo`) in place of GitHub: a test-only override that no site.yaml can ask for.
Set EDITOR_SCREENSHOTS=DIR to keep the screenshots the docs show (docs/editors/images/).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import TODAY, build_site, run_cli, static_host
from test_browser import browser  # noqa: F401 (the fixture: Debian's Chromium)
from test_editor_config import EDITOR, sample_copy
from sitegen.foundation.builtin import editor_script
from sitegen.foundation.problems import Problems
from sitegen.output.editor import CONFIG_FILE, config_text
from sitegen.output.editorconfig import editor_config
from sitegen.source.load import load_content

TEST_BACKEND = {"name": "test-repo"}


@pytest.fixture(scope="module")
def served_editor(tmp_path_factory: pytest.TempPathFactory):
    if not editor_script().is_file():
        pytest.fail(f"{editor_script()} is missing: run scripts/setup")
    root = sample_copy(tmp_path_factory.mktemp("editor-site"), EDITOR)
    host = tmp_path_factory.mktemp("editor-host")
    result = build_site(root, host / "internships")
    assert result.written, "\n".join(p.format() for p in result.problems.sorted())
    content = load_content(root, TODAY, Problems())
    config = editor_config(content.site, content.site.base_url, backend=TEST_BACKEND)
    (host / "internships" / "admin" / CONFIG_FILE).write_text(config_text(config), encoding="utf-8")
    with static_host(host) as address:
        yield address + "internships/admin/", root


def repo_files(root: Path, folder: str) -> dict:
    """What Decap's test backend starts with: its in-memory tree, here the sample's partners (for the relation widget)."""
    return {folder: {path.name: {"content": path.read_text(encoding="utf-8")}
                     for path in sorted((root / folder).glob("*.yaml"))}}


@pytest.fixture
def editor_page(browser, served_editor):  # noqa: F811
    address, root = served_editor
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.add_init_script(f"window.repoFiles = {json.dumps(repo_files(root, 'partners'))};")
    page = context.new_page()
    page.requests = []
    page.problems = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"))
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    """Kept where EDITOR_SCREENSHOTS says, in 64 colours (a few dozen KB each)."""
    folder = os.environ.get("EDITOR_SCREENSHOTS")
    if folder:
        from PIL import Image
        path = Path(folder) / name
        page.screenshot(path=str(path))
        Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)


def choose(page, label: str, option: str) -> None:
    """Pick an option of a select or relation widget (react-select) by the field's label."""
    name = page.locator("label", has_text=re.compile(rf"^{re.escape(label)}(\s|$)"))  # optional ones add "(...)"
    field = page.locator("div[class*='ControlContainer']", has=name).last
    field.locator("[class*='-control']").first.click()
    page.get_by_role("option", name=option).or_(
        page.locator("[class*='-option']", has_text=option)).first.click()
    page.keyboard.press("Escape")


PROGRAM = {
    "title": {"ru": "Летняя школа робототехники", "en": "Robotics Summer School", "zh": "机器人暑期学校"},
    "summary": {"ru": "Две недели проектов с роботами.", "en": "Two weeks of robot projects.", "zh": "两周的机器人项目。"},
}
LANGUAGE_NAMES = {"ru": "Русский", "en": "English", "zh": "中文"}


def test_a_program_written_in_the_editor_passes_check_and_builds(editor_page, served_editor, tmp_path):
    page, (address, _) = editor_page, served_editor
    page.goto(address)
    screenshot(page, "web-editor-login.png")
    page.get_by_role("button", name="Войти").click()
    page.goto(address + "#/collections/programs/new")
    for key, texts in PROGRAM.items():
        for code, text in texts.items():
            page.get_by_label(f"{key} · {LANGUAGE_NAMES[code]}").fill(text)
    choose(page, "type", "summer-school")
    choose(page, "audience", "students")
    choose(page, "field", "Научные исследования")
    choose(page, "partners", "Шанхайский")
    choose(page, "mode", "online")
    choose(page, "languages", "английский (en)")
    page.get_by_label("title · Русский").scroll_into_view_if_needed()
    screenshot(page, "web-editor-program.png")
    files = publish(page, "programs")
    assert list(files) == ["robotics-summer-school.yaml"]
    written = yaml.safe_load(files["robotics-summer-school.yaml"])
    assert {key: written[key] for key in PROGRAM} == PROGRAM
    assert written["partners"] == ["usst"] and written["mode"] == "online"
    assert [url for url in page.requests if url.startswith("http") and not url.startswith(address.split("internships/")[0])] == []
    page.goto(address + "#/collections/programs")
    page.get_by_text(PROGRAM["title"]["ru"]).wait_for()  # the collection lists it by its Russian title
    screenshot(page, "web-editor-collection.png")
    assert page.problems == []

    out = checked_and_built(tmp_path, {f"programs/{name}": text for name, text in files.items()})
    assert "机器人暑期学校" in (out / "zh" / "programs" / "robotics-summer-school" / "index.html").read_text(encoding="utf-8")


NEWS = {"en": ("The school is open", "News text."), "ru": ("Школа открыта", "Текст новости."),
        "zh": ("学校开学了", "新闻正文。")}


def test_a_news_article_written_in_the_editor_in_three_languages_passes_check_and_builds(editor_page, served_editor,
                                                                                           tmp_path):
    page = editor_page
    titles, bodies = new_news(page, served_editor[0], "2026-11-20")
    for column, code in ((1, "en"), (0, "ru"), (0, "zh")):
        if code == "zh":
            page.get_by_text("Пишем на RU").click()
            page.get_by_role("menuitem", name="ZH").or_(page.get_by_text("ZH", exact=True)).first.click()
        titles.nth(column).fill(NEWS[code][0])
        bodies.nth(column).click()
        page.keyboard.type(NEWS[code][1])
    files = publish(page, "content.news")
    assert sorted(files) == [f"2026-11-20-the-school-is-open.{code}.md" for code in ("en", "ru", "zh")]
    assert page.problems == []
    out = checked_and_built(tmp_path, {f"content/news/{name}": text for name, text in files.items()})
    assert "新闻正文。" in (out / "zh" / "news" / "the-school-is-open" / "index.html").read_text(encoding="utf-8")


def new_news(page, address: str, date: str):
    """Sign in and open a new news article dated `date`; its title fields and text areas.

    Two columns: another language on the left, the one file names come from (English) on the right.
    """
    page.goto(address)
    page.get_by_role("button", name="Войти").click()
    page.goto(address + "#/collections/news/new")
    page.locator("input[type=date]").last.fill(date)
    return page.get_by_label("title", exact=True), page.locator("[contenteditable=true]")


def publish(page, folder: str) -> dict[str, str]:
    """Publish the entry; the files Decap's test backend then holds in `folder` (dotted), by name."""
    page.get_by_role("button", name="Опубликовать").click()
    page.get_by_text("Опубликовать сейчас").click()
    page.wait_for_function(f"() => Object.keys(window.repoFiles.{folder} || {{}}).length > 0")
    return page.evaluate(f"() => Object.fromEntries(Object.entries(window.repoFiles.{folder})"
                         ".map(([name, file]) => [name, file.content]))")


def checked_and_built(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the sample with the editor's files: `check --strict` accepts it and it builds."""
    site = sample_copy(tmp_path / "site")
    for relative, text in files.items():
        (site / relative).write_text(text, encoding="utf-8")
    assert run_cli("check", "--strict", "--root", str(site), "--today", TODAY.isoformat()) == 0, files
    result = build_site(site, tmp_path / "out")
    assert result.written, "\n".join(p.format() for p in result.problems.sorted())
    return tmp_path / "out"


def test_a_language_left_blank_in_the_editor_is_shown_in_another_until_it_is_written(editor_page, served_editor,
                                                                                       tmp_path, capsys):
    page = editor_page
    titles, bodies = new_news(page, served_editor[0], "2026-11-21")
    for column, code in ((1, "en"), (0, "ru")):
        titles.nth(column).fill(NEWS[code][0])
        bodies.nth(column).click()
        page.keyboard.type(NEWS[code][1])
    files = {name: text for name, text in publish(page, "content.news").items() if name.startswith("2026-11-21")}
    assert sorted(files) == [f"2026-11-21-the-school-is-open.{code}.md" for code in ("en", "ru", "zh")]
    site = sample_copy(tmp_path / "site")
    for name, text in files.items():
        (site / "content/news" / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run_cli("check", "--root", str(site), "--today", TODAY.isoformat()) == 0
    assert ("content/news/2026-11-21-the-school-is-open.zh.md: warning: this file has no title and no text yet, "
            "so it is not published") in capsys.readouterr().err
    assert build_site(site, tmp_path / "out").written
    shown = (tmp_path / "out/zh/news/the-school-is-open/index.html").read_text(encoding="utf-8")
    assert NEWS["ru"][1] in shown or NEWS["en"][1] in shown
