"""The dev server's problem overlay: escaped, in the page's language, valid and labelled HTML."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import REPO
from sitegen.serve.overlay import Report, inject, overlay_html, page_language
from sitegen.foundation.problems import Position, Problem, Problems
from sitegen.source.translations import load_translations
from test_html_validator import validation_errors

LANGUAGES = {"ru": "ru", "en": "en", "zh": "zh", "zh-Hans": "zh"}
PROBLEMS = (
    Problem(Position("programs/x.yaml", 3, 7), "error", "type", "unknown program type '<script>alert(1)</script>'",
            "use one of: internship & co"),
    Problem(Position("site.yaml"), "error", "", "the site has no title"),
)


def rendered(report: Report, code: str) -> str:
    return str(overlay_html(report, load_translations(REPO, code, Problems()), code))


@pytest.mark.parametrize("path, html, expected", [
    ("/ru/programs/x/", "<html lang=\"ru\">", "ru"),
    ("/zh/", "", "zh"),
    ("/404.html", "<!DOCTYPE html>\n<html lang=\"zh-Hans\" dir=\"ltr\">", "zh"),
    ("/", "<html lang='en-GB'>", "en"),
    ("/static/x.html", "<html>", "ru"),
])
def test_the_page_language_comes_from_the_url_prefix_or_the_html_lang(path, html, expected):
    assert page_language(path, html, LANGUAGES, "ru") == expected


def test_every_value_is_escaped_and_each_problem_shows_file_line_column_and_hint():
    overlay = rendered(Report(PROBLEMS), "en")
    assert "<script>alert(1)" not in overlay
    assert "&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;" in overlay
    assert "use one of: internship &amp; co" in overlay
    tree = lxml_html.fragment_fromstring(overlay)
    items = [" ".join(" ".join(li.itertext()).split()) for li in tree.iter("li")]
    assert items == ["programs/x.yaml:3:7 Error type: unknown program type '<script>alert(1)</script>' "
                     "Hint: use one of: internship & co", "site.yaml Error the site has no title"]


@pytest.mark.parametrize("code, heading, summary", [
    ("ru", "Не удалось пересобрать сайт", "2 проблемы мешают пересобрать сайт."),
    ("en", "The site could not be rebuilt", "2 problems stop the site from being rebuilt."),
    ("zh", "网站无法重新生成", "2 个问题导致网站无法重新生成。"),
])
def test_the_overlay_speaks_the_page_language_and_marks_the_generator_messages_as_english(code, heading, summary):
    tree = lxml_html.fragment_fromstring(rendered(Report(PROBLEMS), code))
    assert tree.get("lang") == code
    assert tree.get_element_by_id("sitegen-overlay-heading").text == heading
    assert tree.get_element_by_id("sitegen-overlay-summary").text == summary
    assert {p.get("lang") for p in tree.iter("p") if "unknown program type" in (p.text or "")} == {"en"}


def test_the_overlay_is_a_labelled_dialog_with_an_announced_summary_and_a_focusable_close_button():
    tree = lxml_html.fragment_fromstring(rendered(Report(PROBLEMS), "en"))
    assert tree.get("role") == "dialog"
    assert tree.get_element_by_id(tree.get("aria-labelledby")).tag == "h2"
    assert tree.get_element_by_id(tree.get("aria-describedby")).get("role") == "alert"
    close = tree.get_element_by_id("sitegen-overlay-close")
    assert (close.tag, close.get("type"), close.text) == ("button", "button", "Close")
    assert tree.find(".//style") is not None and "http" not in tree.find(".//style").text  # self-contained


def test_an_internal_error_is_shown_escaped():
    overlay = rendered(Report(internal_error="Traceback ...\nRuntimeError: <b>bug</b>\n"), "ru")
    assert "RuntimeError: &lt;b&gt;bug&lt;/b&gt;" in overlay
    assert "Генератор завершился с внутренней ошибкой" in overlay


def test_a_page_with_the_overlay_injected_is_valid_html(sample_site: Path, tmp_path: Path):
    for code in ("ru", "zh"):
        page = (sample_site / code / "index.html").read_text(encoding="utf-8")
        served = inject(page, rendered(Report(PROBLEMS + (Problem(Position("x"), "warning", "", "w"),)), code))
        assert served.index("sitegen-overlay") < served.rindex("</body>")
        (tmp_path / f"{code}.html").write_text(served, encoding="utf-8")
    assert validation_errors(sorted(tmp_path.glob("*.html"))) == []
