"""Every template of a theme fails the same way: a located problem naming the template by its path in the site,
the file being rendered and its language; never a traceback."""
from __future__ import annotations

import pytest

from conftest import run_cli

HINT = "\n    hint: fix the template at this line"


@pytest.mark.parametrize("template, rendering", [
    ("translation-status.html", "translation-status/index.html"),
    ("chooser.html", "index.html"),
    ("404.html", "en/404.html"),
    ("search.html", "en/search/"),
    ("compare.html", "en/compare/"),
    ("_compare_entry.html", "programs/summer.yaml"),
])
def test_an_undefined_name_in_any_template_is_a_located_problem(make_site, tmp_path, capsys, template, rendering):
    root = make_site({f"theme/templates/{template}": "<p>\n{{ nope.x }}</p>\n"})
    assert run_cli("build", "--root", str(root), "--out", str(tmp_path / "out"), "--today", "2026-11-24") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[:2] == [
        f"theme/templates/{template}:2:1: error: template error: 'nope' is undefined (while rendering {rendering} in 'en')",
        HINT.lstrip("\n")]
    assert "Traceback" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("expression, message", [
    ("{{ 1 // 0 }}", "integer division or modulo by zero"),
    ("{{ 1 + 'x' }}", "unsupported operand type(s) for +: 'int' and 'str'"),
    ("{% macro loop() %}{{ loop() }}{% endmacro %}{{ loop() }}", "maximum recursion depth exceeded"),
])
def test_a_python_error_a_template_causes_is_located_at_its_line(make_site, tmp_path, capsys, expression, message):
    root = make_site({"theme/templates/translation-status.html": f"<p>\n{expression}</p>\n"})
    assert run_cli("build", "--root", str(root), "--out", str(tmp_path / "out"), "--today", "2026-11-24") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith(f"theme/templates/translation-status.html:2:1: error: template error: {message}")
    assert "Traceback" not in err
