"""programs.json indexes every published program, each program's own file holds all its facts in every language,
and both validate against their documented schemas."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from textwrap import dedent

import pytest

from conftest import MINIMAL_SITE, REPO, build_site, require_module
from sitegen.foundation.model import Partner, Program

INDEX_SCHEMA = json.loads((REPO / "docs" / "programs.schema.json").read_text(encoding="utf-8"))
PROGRAM_SCHEMA = json.loads((REPO / "docs" / "program.schema.json").read_text(encoding="utf-8"))
NOT_PUBLISHED = {"source", "draft"}  # where a file lives and whether it is built: not facts about the program


def validator(schema: dict):
    jsonschema, referencing = require_module("jsonschema"), require_module("referencing")
    registry = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s)) for s in (INDEX_SCHEMA, PROGRAM_SCHEMA))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(document: dict, schema: dict = INDEX_SCHEMA) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(document)]


def open_data(site: Path) -> dict:
    return json.loads((site / "programs.json").read_text(encoding="utf-8"))


def program_file(site: Path, entry: dict, base: str) -> bytes:
    return (site / entry["data"].removeprefix(base)).read_bytes()


@pytest.mark.parametrize("site_fixture", ["sample_site", "catalog_1000"])
def test_the_index_and_every_programs_file_validate_and_list_every_published_program(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    index = open_data(site)
    assert schema_errors(index) == []
    slugs = [p["slug"] for p in index["programs"]]
    assert slugs == sorted(slugs)
    assert set(slugs) == {page.parent.name for page in (site / "en" / "programs").glob("*/index.html")}
    assert {path.name for path in (site / "programs").iterdir()} == {f"{slug}.json" for slug in slugs}
    base = index["site"]["url"]
    check = validator(PROGRAM_SCHEMA)
    partners = {p["slug"] for p in index["partners"]}
    for entry in index["programs"]:
        data = program_file(site, entry, base)
        assert entry["digest"] == "sha256:" + hashlib.sha256(data).hexdigest()
        program = json.loads(data)
        assert list(check.iter_errors(program)) == []
        item = program["program"]
        assert {key: item[key] for key in ("slug", "title", "urls", "status", "updated")} == {
            key: entry[key] for key in ("slug", "title", "urls", "status", "updated")}
        assert set(item["partners"]) <= partners
    for entry in index["programs"] + index["partners"]:
        assert set(entry["urls"]) == set(index["site"]["languages"])
        assert all((site / url.removeprefix(base) / "index.html").is_file() for url in entry["urls"].values())


def test_every_field_editors_write_is_published():
    """A field added to the model must be added here, to the schema and to docs/open-data.md."""
    program = INDEX_SCHEMA["$defs"]["program"]["required"]
    partner = INDEX_SCHEMA["$defs"]["partner"]["required"]
    assert {f.name for f in dataclasses.fields(Program)} - NOT_PUBLISHED <= set(program)
    assert {f.name for f in dataclasses.fields(Partner)} - NOT_PUBLISHED <= set(partner)
    documented = (REPO / "docs" / "open-data.md").read_text(encoding="utf-8")
    index = INDEX_SCHEMA["$defs"]["index_entry"]["required"]
    assert all(f"`{key}`" in documented for key in [*program, *partner, *index])


SUMMER = dedent(MINIMAL_SITE["programs/summer.yaml"]) + dedent("""
    duration: {weeks: 2}
    fee: {amount: 1500.50, currency: EUR, includes: {en: Tuition}}
    sessions:
      - {start: 2028-07-01, end: 2028-07-14}
      - {start: 2027-07-01, end: 2027-07-14, application_opens: 2026-11-01, application_deadline: 2027-03-01, seats: 25}
""")


def test_a_program_keeps_all_its_languages_and_facts_in_its_own_file(make_site, tmp_path):
    out = tmp_path / "public"
    assert build_site(make_site({"programs/summer.yaml": SUMMER}), out, base_url="https://example.org/sub/").written
    index = open_data(out)
    assert schema_errors(index) == []
    [listed] = index["programs"]
    assert listed["data"] == "https://example.org/sub/programs/summer.json"
    data = json.loads((out / "programs" / "summer.json").read_text(encoding="utf-8"))
    assert schema_errors(data, PROGRAM_SCHEMA) == []
    assert data["schema_version"] == index["schema_version"] == "2.0"
    entry = data["program"]
    assert entry["title"] == listed["title"] == {"en": "Summer school", "ru": "Летняя школа"}
    assert entry["status"] == listed["status"] == "open" and index["generated"] == "2026-11-24"
    assert entry["urls"]["ru"] == listed["urls"]["ru"] == "https://example.org/sub/ru/programs/summer/"
    assert entry["fee"] == {"free": False, "amount": "1500.5", "currency": "EUR", "includes": {"en": "Tuition"}}
    assert [s["start"] for s in entry["sessions"]] == ["2027-07-01", "2028-07-01"]
    assert entry["sessions"][0] == {"start": "2027-07-01", "end": "2027-07-14", "application_opens": "2026-11-01",
                                    "application_deadline": "2027-03-01", "seats": 25}
    assert (entry["description"], entry["contact"], entry["duration"]) == (None, None, {"unit": "weeks", "value": 2})


def test_a_programs_file_and_digest_stay_the_same_on_another_day_while_its_status_does(make_site, tmp_path):
    site = make_site({"programs/summer.yaml": SUMMER})
    days = {"today": dt.date(2026, 11, 24), "next day": dt.date(2026, 11, 25), "sessions over": dt.date(2028, 7, 15)}
    built = {}
    for name, day in days.items():
        assert build_site(site, tmp_path / name, today=day).written
        built[name] = ((tmp_path / name / "programs" / "summer.json").read_bytes(), open_data(tmp_path / name))
    (today, index), (next_day, next_index), (later, later_index) = built.values()
    assert next_day == today and next_index["programs"] == index["programs"]
    assert next_index["generated"] == "2026-11-25"
    assert later != today and later_index["programs"][0]["digest"] != index["programs"][0]["digest"]
    assert json.loads(later)["program"]["status"] == later_index["programs"][0]["status"] == "closed"


def test_the_schemas_reject_a_changed_shape(sample_site: Path):
    index = open_data(sample_site)
    index["programs"][0]["colour"] = "red"
    del index["programs"][1]["digest"]
    index["programs"][2]["title"] = {"english": "x"}
    index["partners"][0]["country"] = "China"
    assert sorted(schema_errors(index)) == [
        "partners/0/country: 'China' does not match '^[A-Z]{2}$'",
        "programs/0: Additional properties are not allowed ('colour' was unexpected)",
        "programs/1: 'digest' is a required property",
        "programs/2/title: 'english' does not match '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'",
    ]
    program = json.loads(program_file(sample_site, open_data(sample_site)["programs"][0], index["site"]["url"]))
    program["schema_version"] = "1.0"
    del program["program"]["status"]
    assert sorted(schema_errors(program, PROGRAM_SCHEMA)) == [
        "program: 'status' is a required property",
        "schema_version: '1.0' does not match '^2\\\\.[0-9]+$'",
    ]
