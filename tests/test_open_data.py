"""programs.json holds every published program in every language and validates against its documented schema."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from textwrap import dedent

import pytest

from conftest import MINIMAL_SITE, REPO, build_site, require_module
from sitegen.foundation.model import Partner, Program

SCHEMA = json.loads((REPO / "docs" / "programs.schema.json").read_text(encoding="utf-8"))
NOT_PUBLISHED = {"source", "draft"}  # where a file lives and whether it is built: not facts about the program


def validator():
    jsonschema = require_module("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]


def open_data(site: Path) -> dict:
    return json.loads((site / "programs.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("site_fixture", ["sample_site", "catalog_1000"])
def test_programs_json_validates_and_lists_every_published_program(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    data = open_data(site)
    assert schema_errors(data) == []
    slugs = [p["slug"] for p in data["programs"]]
    assert slugs == sorted(slugs)
    assert set(slugs) == {page.parent.name for page in (site / "en" / "programs").glob("*/index.html")}
    base = data["site"]["url"]
    for entry in data["programs"] + data["partners"]:
        assert set(entry["urls"]) == set(data["site"]["languages"])
        assert all((site / url.removeprefix(base) / "index.html").is_file() for url in entry["urls"].values())
    partners = {p["slug"] for p in data["partners"]}
    assert all(set(p["partners"]) <= partners for p in data["programs"])


def test_every_field_editors_write_is_published():
    """A field added to the model must be added here, to the schema and to docs/open-data.md."""
    program = SCHEMA["$defs"]["program"]["required"]
    partner = SCHEMA["$defs"]["partner"]["required"]
    assert {f.name for f in dataclasses.fields(Program)} - NOT_PUBLISHED <= set(program)
    assert {f.name for f in dataclasses.fields(Partner)} - NOT_PUBLISHED <= set(partner)
    documented = (REPO / "docs" / "open-data.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in documented for key in [*program, *partner])


def test_a_program_keeps_all_its_languages_and_facts(make_site, tmp_path):
    program = dedent(MINIMAL_SITE["programs/summer.yaml"]) + dedent("""
        duration: {weeks: 2}
        fee: {amount: 1500.50, currency: EUR, includes: {en: Tuition}}
        sessions:
          - {start: 2028-07-01, end: 2028-07-14}
          - {start: 2027-07-01, end: 2027-07-14, application_opens: 2026-11-01, application_deadline: 2027-03-01, seats: 25}
    """)
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": program}), out, base_url="https://example.org/sub/").written
    data = open_data(out)
    assert schema_errors(data) == []
    [entry] = data["programs"]
    assert entry["title"] == {"en": "Summer school", "ru": "Летняя школа"}
    assert entry["status"] == "open" and data["generated"] == "2026-11-24"
    assert entry["urls"]["ru"] == "https://example.org/sub/ru/programs/summer/"
    assert entry["fee"] == {"free": False, "amount": "1500.5", "currency": "EUR", "includes": {"en": "Tuition"}}
    assert [s["start"] for s in entry["sessions"]] == ["2027-07-01", "2028-07-01"]
    assert entry["sessions"][0] == {"start": "2027-07-01", "end": "2027-07-14", "application_opens": "2026-11-01",
                                    "application_deadline": "2027-03-01", "seats": 25}
    assert (entry["description"], entry["contact"], entry["duration"]) == (None, None, {"unit": "weeks", "value": 2})


def test_the_schema_rejects_a_changed_shape(sample_site: Path):
    data = open_data(sample_site)
    data["programs"][0]["colour"] = "red"
    del data["programs"][1]["status"]
    data["programs"][2]["title"] = {"english": "x"}
    data["partners"][0]["country"] = "China"
    assert sorted(schema_errors(data)) == [
        "partners/0/country: 'China' does not match '^[A-Z]{2}$'",
        "programs/0: Additional properties are not allowed ('colour' was unexpected)",
        "programs/1: 'status' is a required property",
        "programs/2/title: 'english' does not match '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'",
    ]
