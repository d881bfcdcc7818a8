"""`build.py i18n stats`: translated, fuzzy and untranslated UI messages per language."""
from __future__ import annotations

import re

from babel.messages.pofile import read_po, write_po

from conftest import REPO, run_cli

BUILT_IN = len({m.id for m in read_po((REPO / "locales/messages.pot").open("rb")) if m.id})


def table(output: str) -> dict[str, tuple[str, ...]]:
    """{language: (translated, fuzzy, untranslated, done, catalog)} from the printed table."""
    rows = re.findall(r"^(\w+) +(\d+) +(\d+) +(\d+) +([\d.]+%) +(.+)$", output, re.M)
    return {row[0]: row[1:] for row in rows}


def test_stats_of_the_repository_catalogs_are_complete(capsys):
    assert run_cli("i18n", "stats") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{BUILT_IN} UI messages\n")
    assert table(out) == {code: (str(BUILT_IN), "0", "0", "100.0%", f"locales/{code}/LC_MESSAGES/messages.po")
                          for code in ("ru", "en", "zh")}


def edit_po(path, strings: dict[str, tuple[str, bool]]) -> None:
    """Set msgstr and the fuzzy flag of some messages, as a translator's tool would."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message_id, (text, fuzzy) in strings.items():
        message = catalog[message_id]
        message.string = text
        message.flags = {"fuzzy"} if fuzzy else set()
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_stats_count_a_site_s_own_theme_messages_over_the_built_in_ones(make_site, capsys):
    root = make_site({
        "theme/templates/404.html": '{% extends "base.html" %}{% block content %}'
                                    '{{ _("Lost here") }} {{ _("Try the menu") }}{% endblock %}',
        "babel.cfg": "[jinja2: theme/templates/**.html]\nextensions = jinja2.ext.i18n\n",
    })
    assert run_cli("i18n", "extract", "--root", str(root)) == 0
    assert run_cli("i18n", "update", "--root", str(root)) == 0
    po = "locales/{}/LC_MESSAGES/messages.po"
    edit_po(root / po.format("ru"), {"Lost here": ("Вы заблудились", False)})
    edit_po(root / po.format("en"), {"Lost here": ("Lost here", True)})
    capsys.readouterr()
    assert run_cli("i18n", "stats", "--root", str(root)) == 0
    out = capsys.readouterr().out
    total = BUILT_IN + 2
    assert out.startswith(f"{total} UI messages\n")
    # The built-in catalogs translate the built-in messages; the site's own add or leave the rest.
    assert table(out) == {
        "en": (str(BUILT_IN), "1", "1", f"{100 * BUILT_IN / total:.1f}%", po.format("en")),
        "ru": (str(BUILT_IN + 1), "0", "1", f"{100 * (BUILT_IN + 1) / total:.1f}%", po.format("ru")),
    }


def test_stats_of_a_site_without_catalogs_use_the_built_in_ones(make_site, capsys):
    assert run_cli("i18n", "stats", "--root", str(make_site())) == 0
    rows = table(capsys.readouterr().out)
    assert rows == {code: (str(BUILT_IN), "0", "0", "100.0%", "built-in catalog") for code in ("en", "ru")}
