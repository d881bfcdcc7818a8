"""`{% cached key, ... %}`: a part of a page is rendered once per key by a language's renderer and reused."""
from __future__ import annotations

from pathlib import Path

from babel.support import NullTranslations
from markupsafe import Markup

from conftest import REPO, build_site
from sitegen.checks.uistrings import used_messages
from sitegen.render.theme import theme_environment


def recording_environment(calls: list[str], folder: Path, **templates: str):
    """A theme environment over `templates` (name=source, written to `folder` as NAME.html) whose templates can
    note each time a part of them is rendered."""
    folder.mkdir(exist_ok=True)
    for name, source in templates.items():
        (folder / f"{name}.html").write_text(source, encoding="utf-8")
    env = theme_environment([folder], NullTranslations(), None)

    def record(what: str) -> str:
        calls.append(what)
        return what
    env.globals["record"] = record
    return env


MENU = "{% cached section %}<nav>{{ record(section) }}</nav>{% endcached %}<p>{{ title }}</p>"


def test_a_cached_part_is_rendered_once_per_key_and_reused(tmp_path):
    calls: list[str] = []
    template = recording_environment(calls, tmp_path, page=MENU).get_template("page.html")
    pages = [("programs", "A"), ("programs", "B"), ("news", "C"), ("programs", "D"), ("news", "E")]
    html = [template.render(section=section, title=title) for section, title in pages]
    assert calls == ["programs", "news"]
    assert html == ["<nav>programs</nav><p>A</p>", "<nav>programs</nav><p>B</p>", "<nav>news</nav><p>C</p>",
                    "<nav>programs</nav><p>D</p>", "<nav>news</nav><p>E</p>"]


def test_what_is_outside_the_block_or_in_its_key_changes_from_page_to_page(tmp_path):
    calls: list[str] = []
    template = recording_environment(calls, tmp_path, page=(
        '{% cached lang %}<footer>{{ record("footer") }}</footer>{% endcached %}'
        '{% cached lang, canonical %}<link href="{{ canonical }}">{% endcached %}')).get_template("page.html")
    first = template.render(lang="en", canonical="/en/a/")
    second = template.render(lang="en", canonical="/en/b/")
    assert first == '<footer>footer</footer><link href="/en/a/">'
    assert second == '<footer>footer</footer><link href="/en/b/">'
    assert calls == ["footer"]


def test_each_block_keeps_its_own_parts_even_with_the_same_key(tmp_path):
    calls: list[str] = []
    env = recording_environment(calls, tmp_path, page=(
        '{% cached %}{{ record("header") }}{% endcached %}|{% cached %}{{ record("footer") }}{% endcached %}|'
        '{% include "other.html" %}'), other='{% cached %}{{ record("other") }}{% endcached %}')
    assert env.get_template("page.html").render() == env.get_template("page.html").render() == "header|footer|other"
    assert calls == ["header", "footer", "other"]


def test_a_template_made_from_a_string_is_never_reused(tmp_path):
    """It has no name to tell its blocks from another such template's."""
    calls: list[str] = []
    env = recording_environment(calls, tmp_path)
    assert env.from_string("{% cached %}{{ record('a') }}{% endcached %}").render() == "a"
    assert env.from_string("{% cached %}{{ record('b') }}{% endcached %}").render() == "b"
    assert calls == ["a", "b"]


def test_keys_of_different_types_are_different_keys(tmp_path):
    calls: list[str] = []
    env = recording_environment(calls, tmp_path, page="{% cached key %}{{ record(key) }}{% endcached %}")
    template = env.get_template("page.html")
    assert [template.render(key=key) for key in (1, True, "<b>", Markup("<b>"))] == ["1", "True", "&lt;b&gt;", "<b>"]


def test_each_environment_keeps_its_own_parts(tmp_path):
    """A renderer (one per language) has its own environment: no language is shown another's header."""
    calls: list[str] = []
    source = "{% cached %}{{ record(lang) }}{% endcached %}"
    english = recording_environment(calls, tmp_path, page=source).get_template("page.html")
    russian = recording_environment(calls, tmp_path, page=source).get_template("page.html")
    assert english.render(lang="en") == "en"
    assert russian.render(lang="ru") == "ru"
    assert english.render(lang="ru") == "en"  # the key says what a part depends on: here, nothing
    assert calls == ["en", "ru"]


def test_the_menu_marks_the_current_section_of_each_page(make_site, tmp_path):
    out = tmp_path / "public"
    result = build_site(make_site(), out)
    assert result.written, [p.format() for p in result.problems.sorted()]
    programs = (out / "en/programs/index.html").read_text(encoding="utf-8")
    news = (out / "en/news/index.html").read_text(encoding="utf-8")
    home = (out / "en/index.html").read_text(encoding="utf-8")
    assert programs.count('aria-current="page"') == news.count('aria-current="page"') == 1
    assert 'href="/en/programs/" aria-current="page"' in programs
    assert 'href="/en/news/" aria-current="page"' in news
    assert 'aria-current="page"' not in home


def test_messages_inside_cached_parts_are_extracted_for_translators():
    assert used_messages(REPO)["Main menu"] == ("theme/templates/base.html", 59)
