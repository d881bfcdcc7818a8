"""Problems editors meet rarely, each with the exact text the check prints."""
from __future__ import annotations

import yaml

from conftest import MINIMAL_SITE, TODAY, build_site, run_cli
from sitegen.source import yamlsource
from sitegen.source.fields import Reader
from sitegen.source.parse import read_text
from sitegen.pipeline import check
from sitegen.foundation.problems import Position, Problems


def formatted(problems) -> list[str]:
    return [problem.format() for problem in problems]


def test_text_field_written_as_a_list_is_an_error(make_site):
    partner = MINIMAL_SITE["partners/acme.yaml"].replace("country: CN", "country: CN\n        city: {en: [Shanghai], ru: Шанхай}")
    root = make_site({"partners/acme.yaml": partner})
    assert formatted(check(root, TODAY).sorted()) == [
        "partners/acme.yaml:4:12: error: city.en: must be text, not a list\n    hint: write it as plain text"]


def test_field_of_study_key_that_is_not_a_slug_is_an_error(make_site):
    site = MINIMAL_SITE["site.yaml"].replace(
        "engineering: {en: Engineering, ru: Инженерия}",
        "engineering: {en: Engineering, ru: Инженерия}\n          Natural_Sciences: {en: Science, ru: Наука}")
    root = make_site({"site.yaml": site})
    assert formatted(check(root, TODAY).sorted()) == [
        "site.yaml:10:3: error: fields.Natural_Sciences: 'Natural_Sciences' is not a valid key\n"
        "    hint: use lowercase letters, digits and hyphens"]


def test_file_that_cannot_be_read_is_a_problem_not_an_exception(make_site):
    problems = Problems()
    assert read_text(make_site(), "programs", problems) is None
    assert formatted(problems.items) == ["programs: error: cannot read the file: Is a directory"]


def test_broken_translation_catalog_stops_the_build_with_its_error(make_site, tmp_path, capsys):
    root = make_site({"locales/ru/LC_MESSAGES/messages.po": 'msgid "Apply"\nnonsense here\nmsgstr "Подать заявку"\n'})
    result = build_site(root, tmp_path / "public")
    assert not result.written
    assert formatted(result.problems.sorted()) == [
        "locales/ru/LC_MESSAGES/messages.po: error: the translation catalog cannot be read: "
        "Unknown or misformatted keyword on 1\n"
        "    hint: fix the line it names, or run 'python build.py i18n update' to regenerate it"]
    assert run_cli("i18n", "stats", "--root", str(root)) == 1
    assert "the translation catalog cannot be read" in capsys.readouterr().err


def test_yaml_error_without_a_position_is_still_reported_at_the_file(monkeypatch):
    def fail(self):
        raise yaml.YAMLError("unexpected loader state")

    monkeypatch.setattr(yamlsource._Loader, "get_single_data", fail)
    problems = Problems()
    assert yamlsource.load_yaml("title: x\n", Position("x.yaml"), problems, line_offset=1) is None
    assert formatted(problems.items) == ["x.yaml:2:1: error: YAML: unexpected loader state"]


def test_list_shorter_than_its_minimum_says_how_many_items_it_needs():
    problems = Problems()
    data = yamlsource.load_yaml("partners: [acme]\n", Position("x.yaml"), problems)
    Reader(data, Position("x.yaml"), problems, ("en",)).items("partners", min_items=2)
    assert formatted(problems.items) == [
        "x.yaml:1:11: error: partners: needs at least 2 items\n"
        "    hint: list them between the brackets, e.g. [first, second]"]
