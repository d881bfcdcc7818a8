"""The editors' JSON Schemas agree with the validator: every file it accepts passes its schema, and every
shape error it reports (a wrong type, an unknown or missing key, a value outside the allowed set, a text
too long) the schema reports at the same field. What only the validator sees is listed below, and the
schema is shown not to claim it."""
from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from conftest import TODAY, run_cli
from site_strategies import GeneratedSite, sites
from site_values import SUITE_SCALE
from sitegen.source.fieldhelp import help_for
from sitegen.commands.schema import make_schemas, schema_file
from sitegen.foundation.problems import Problems
from sitegen.pipeline import check
from sitegen.source.discover import discover
from sitegen.source.load import read_site
from sitegen.source.parse import parse_markdown_file, parse_yaml_file
from sitegen.source.shapes import KINDS

jsonschema = pytest.importorskip("jsonschema")
REPO = Path(__file__).resolve().parent.parent
INVALID = Path(__file__).parent / "invalid"

# What the validator reports that no schema of one file can: other files, the file's name, dates' order,
# real calendar days, Babel's locales, one field that needs another.
NOT_SHAPE = {
    ("bad-dates", "content/news/2025-10-14-shanghai-agreements.zh.md", "date"),  # differs from the file name
    ("bad-dates", "programs/usst-entrepreneurship.yaml", "sessions[0].start"),  # before the deadline
    ("bad-dates", "programs/usst-entrepreneurship.yaml", "sessions[0].end"),  # before the start
    ("bad-dates", "programs/usst-entrepreneurship.yaml", "updated"),  # 2026-02-30
    ("bad-news-files", "content/news/2025-10-14-shanghai-agreements.en.md", "date"),
    ("bad-news-files", "content/news/2025-11-02-open-day.de.md", ""),  # a language in the file name
    ("bad-news-files", "content/news/2025-11-03-open-day.en.md", "date"),  # differs from its translation
    ("bad-news-files", "content/news/open-day.zh.md", ""),
    ("bad-news-files", "content/pages/contacts.en.html", ""),
    ("bad-news-files", "content/pages/news.ru.md", ""),  # a reserved slug
    ("bad-site-yaml", "site.yaml", "languages[2].locale"),  # a locale Babel does not know
    ("bad-values", "programs/usst-entrepreneurship.yaml", "image"),  # needs image_alt
    ("unreadable-files", "partners/hit.yaml", ""),  # not UTF-8: no editor reads it as YAML
    ("unreadable-files", "programs/ideas.yaml", ""),  # a list: the validator reads no fields of it
}
UNPARSABLE = {"bad-yaml-syntax"}  # YAML syntax, which the editor's YAML parser reports, not the schema


def kind_of(path: str) -> str | None:
    for folder, kind in (("programs/", "program"), ("partners/", "partner"), ("content/news/", "news"),
                         ("content/pages/", "page")):
        if path.startswith(folder) and path.endswith(".yaml" if kind in ("program", "partner") else ".md"):
            return kind
    return "site" if path == "site.yaml" else None


def schemas_of(root: Path) -> dict[str, dict]:
    sources = discover(root, Problems())
    return make_schemas(read_site(root, sources, Problems()), sources)


def data_of(root: Path, path: str):
    """The file as the validator reads it (YAML 1.2: dates stay text, as in the YAML extension)."""
    parse = parse_markdown_file if path.endswith(".md") else parse_yaml_file
    document = parse(root, path, Problems())
    return None if document is None else as_json(document.data)


def as_json(value):
    """JSON's values: a date forced with '!!timestamp' is its text, as the validator reads it."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def schema_errors(schema: dict, data) -> list[tuple]:
    """Where the schema finds fault: each error's path, and the key a 'required' or unknown key names."""
    found = []
    pending = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    while pending:
        error = pending.pop()
        where = tuple(error.absolute_path)
        named = re.findall(r"'([^']+)'", error.message) if error.validator in ("required", "additionalProperties") else []
        found.extend([where + (key,) for key in named] or [where])
        pending.extend(error.context or [])
    return found


def location(field: str) -> tuple:
    """'sessions[0].start' → ('sessions', 0, 'start')"""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", field))


def site_files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                  if path.is_file() and kind_of(path.relative_to(root).as_posix()))


def test_every_schema_is_valid_under_the_2020_12_metaschema():
    for kind, schema in schemas_of(REPO).items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_sample_file_passes_its_schema():
    schemas = schemas_of(REPO)
    files = site_files(REPO)
    assert len(files) > 10
    for path in files:
        assert schema_errors(schemas[kind_of(path)], data_of(REPO, path)) == [], path


def test_every_file_of_a_generated_catalog_passes_its_schema(tmp_path: Path):
    from generate import generate
    generate(60, tmp_path, seed=3)
    schemas = schemas_of(tmp_path)
    files = site_files(tmp_path)
    assert len(files) > 150
    for path in files:
        assert schema_errors(schemas[kind_of(path)], data_of(tmp_path, path)) == [], path


@settings(max_examples=8, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(site=sites(SUITE_SCALE, wild=False))
def test_every_file_of_a_valid_generated_site_passes_its_schema(site: GeneratedSite):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site.write(root)
        assert not check(root, TODAY).errors(), site
        schemas = schemas_of(root)
        for path in site_files(root):
            assert schema_errors(schemas[kind_of(path)], data_of(root, path)) == [], (path, site)


CASES = sorted(path.name for path in INVALID.iterdir() if path.is_dir() and path.name not in UNPARSABLE)


@pytest.mark.parametrize("case", CASES)
def test_each_shape_error_of_an_invalid_case_fails_the_schema_at_its_field(case: str):
    root = INVALID / case
    schemas = schemas_of(root)
    errors = [problem for problem in check(root, TODAY).sorted() if problem.severity == "error"]
    assert errors
    for problem in errors:
        path = problem.position.path
        key = (case, path, problem.field)
        data = data_of(root, path) if kind_of(path) else None
        faults = schema_errors(schemas[kind_of(path)], data) if data is not None else []
        flagged = any(fault[:len(location(problem.field))] == location(problem.field) for fault in faults)
        if key in NOT_SHAPE:
            assert not flagged or problem.field == "", (key, faults)
        else:
            assert flagged, (key, problem.format(), faults)


def test_files_with_only_errors_a_schema_cannot_see_pass_their_schema():
    for case, path in {(case, path) for case, path, _ in NOT_SHAPE}:
        root = INVALID / case
        others = [p for p in check(root, TODAY).sorted() if p.severity == "error" and p.position.path == path
                  and (case, path, p.field) not in NOT_SHAPE]
        data = data_of(root, path) if kind_of(path) else None
        if not others and data is not None:
            assert schema_errors(schemas_of(root)[kind_of(path)], data) == [], (case, path)


def test_schemas_offer_the_sites_own_choices_and_language_keys():
    program = schemas_of(REPO)["program"]["properties"]
    assert set(program["title"]["properties"]) == {"ru", "en", "zh"}
    assert program["title"]["properties"]["en"]["maxLength"] == 200
    assert program["field"]["enum"] == ["industrial-engineering-and-management", "scientific-research",
                                             "technological-entrepreneurship"]
    assert program["field"]["markdownEnumDescriptions"][1] == "Научные исследования / Scientific Research / 科学研究"
    assert "spbpu" in program["partners"]["items"]["enum"]
    assert "EUR" in program["fee"]["oneOf"][1]["properties"]["currency"]["enum"]
    assert program["summary"]["x-description-ru"].startswith("Что это за программа")


def test_every_field_has_help_in_english_and_russian():
    for kind, schema in schemas_of(REPO).items():
        pending = [("", schema)]
        while pending:
            prefix, node = pending.pop()
            for key, value in node.get("properties", {}).items():
                if "markdownDescription" in value:
                    assert help_for(kind, prefix + key), f"{kind}: {prefix}{key} has no help"
                for part in (value, value.get("items") or {}, *value.get("oneOf", [])):
                    if isinstance(part, dict) and part.get("type") in ("object", ["object", "null"]):
                        pending.append((prefix + key + ".", part))


def test_schema_command_writes_a_schema_per_kind_and_new_points_to_it(make_site):
    root = make_site()
    assert run_cli("schema", "--root", str(root)) == 0
    for kind in KINDS:
        jsonschema.Draft202012Validator.check_schema(json.loads((root / schema_file(kind)).read_text(encoding="utf-8")))
    assert run_cli("new", "partner", "nova", "--root", str(root)) == 0
    first = (root / "partners/nova.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.sitegen/schemas/partner.json"
    assert "nova" in json.loads((root / schema_file("program")).read_text(encoding="utf-8"))["properties"]["partners"]["items"]["enum"]


def test_schemas_are_never_written_through_a_link_out_of_the_site(make_site, tmp_path, capsys):
    root, elsewhere = make_site(), tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".sitegen").symlink_to(elsewhere, target_is_directory=True)
    assert run_cli("schema", "--root", str(root)) == 1
    assert (".sitegen/schemas: error: the editors' schemas cannot be written: .sitegen/schemas is not a plain folder "
            "of the site\n    hint: remove the link or file named .sitegen, or make the site's folder writable; the schemas are made again") in capsys.readouterr().out
    assert list(elsewhere.iterdir()) == []


def test_a_schema_file_that_is_a_link_is_replaced_and_what_it_led_to_is_kept(make_site, tmp_path):
    root, victim = make_site(), tmp_path / "victim.json"
    victim.write_text("keep me", encoding="utf-8")
    (root / ".sitegen/schemas").mkdir(parents=True)
    (root / schema_file("program")).symlink_to(victim)
    assert run_cli("schema", "--root", str(root)) == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (root / schema_file("program")).is_symlink()
