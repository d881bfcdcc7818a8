"""The web editor's configuration knows every field the validator reads, and /admin/ is published only when
site.yaml enables it."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import importlib.util
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO, TODAY, build_site
from sitegen import pipeline
from sitegen.foundation import model
from sitegen.foundation.builtin import editor_script
from sitegen.foundation.problems import Problems
from sitegen.output.editorconfig import editor_config
from sitegen.source.load import load_content

# Each mapping the validator reads, given a key it does not know: its "unknown field" hint lists what it reads there.
PROBES = {
    "programs/probe.yaml": "zzz: 1\nlocation: {zzz: 1}\nduration: {zzz: 1}\nsessions: [{zzz: 1}]\nfee: {zzz: 1}\n"
                           "contact: {zzz: 1}\n",
    "partners/probe.yaml": "zzz: 1\n",
    "content/news/2026-01-01-probe.en.md": "---\nzzz: 1\n---\nText.\n",
    "content/pages/probe.en.md": "---\nzzz: 1\n---\nText.\n",
}
EDITOR = "web_editor:\n  repo: spbpu/internships\n  branch: live\n  auth_url: https://auth.example.org\n"


def sample_copy(root: Path, extra_site_yaml: str = "") -> Path:
    for name in ("programs", "partners", "content"):
        shutil.copytree(REPO / name, root / name)
    (root / "site.yaml").write_text((REPO / "site.yaml").read_text(encoding="utf-8") + extra_site_yaml, encoding="utf-8")
    return root


def fields_the_validator_reads(root: Path) -> dict[tuple[str, str], set[str]]:
    """{(file, mapping): the keys it reads}, from the hints of `check` on the probes."""
    for relative, text in PROBES.items():
        (root / relative).write_text(text, encoding="utf-8")
    problems = Problems()
    load_content(root, TODAY, problems)
    found = {}
    for problem in problems.items:
        if problem.message == "unknown field":
            mapping = problem.field.rsplit(".", 1)[0].split("[")[0] if "." in problem.field else ""
            parts = Path(problem.position.path).parts
            kind = parts[1] if parts[0] == "content" else parts[0]
            found[(kind, mapping)] = set(problem.hint.removeprefix("allowed here: ").split(", "))
    return found


def names(fields: list[dict]) -> set[str]:
    return {field["name"] for field in fields}


def nested(fields: list[dict], name: str) -> list[dict]:
    return next(field["fields"] for field in fields if field["name"] == name)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = sample_copy(tmp_path_factory.mktemp("site"))
    return root, load_content(root, TODAY, Problems()).site


def collection(config: dict, name: str) -> list[dict]:
    return next(c["fields"] for c in config["collections"] if c["name"] == name)


def test_the_editor_has_every_field_the_validator_reads_and_no_other(site):
    root, loaded = site
    config = editor_config(loaded, loaded.base_url, backend={"name": "test-repo"})
    programs, partners = collection(config, "programs"), collection(config, "partners")
    editor = {
        ("programs", ""): names(programs),
        ("programs", "location"): names(nested(programs, "location")),
        ("programs", "duration"): names(nested(programs, "duration")),
        ("programs", "sessions"): names(nested(programs, "sessions")),
        ("programs", "fee"): names(nested(programs, "fee")),
        ("programs", "contact"): names(nested(programs, "contact")),
        ("partners", ""): names(partners),
        ("news", ""): names(collection(config, "news")) - {"body"},
        ("pages", ""): names(collection(config, "pages")) - {"body"},
    }
    assert fields_the_validator_reads(root) == editor


def test_the_editor_has_every_field_of_the_model(site):
    _, loaded = site
    config = editor_config(loaded, loaded.base_url, backend={"name": "test-repo"})
    programs = collection(config, "programs")
    derived = {"slug", "source", "kind", "texts", "free"}  # from the file's name and place, or 'fee: free'
    expected = {
        "programs": (model.Program, names(programs)),
        "location": (model.Location, names(nested(programs, "location"))),
        "session": (model.Session, names(nested(programs, "sessions"))),
        "fee": (model.Fee, names(nested(programs, "fee"))),
        "contact": (model.Contact, names(nested(programs, "contact"))),
        "partners": (model.Partner, names(collection(config, "partners"))),
        "news": (model.ArticleText, names(collection(config, "news")) | {"menu_title"}),
        "pages": (model.ArticleText, names(collection(config, "pages"))),
        "articles": (model.Article, names(collection(config, "news"))),
    }
    for what, (dataclass, editor_names) in expected.items():
        missing = {f.name for f in dataclasses.fields(dataclass)} - derived - editor_names
        assert not missing, f"{what}: the editor lacks {missing}"
    duration = names(nested(programs, "duration"))
    assert duration == set(model.DURATION_UNITS)


def test_translatable_fields_have_a_part_per_language_and_choices_come_from_the_model(site):
    _, loaded = site
    config = editor_config(loaded, loaded.base_url, backend={"name": "test-repo"})
    programs = {field["name"]: field for field in collection(config, "programs")}
    assert [part["name"] for part in programs["title"]["fields"]] == ["ru", "en", "zh"]
    assert [part["required"] for part in programs["title"]["fields"]] == [True, False, False]
    assert programs["title"]["fields"][0]["pattern"][0] == "^.{0,200}$"
    assert programs["type"]["options"] == list(model.PROGRAM_TYPES)
    assert programs["audience"]["options"] == list(model.AUDIENCES) and programs["audience"]["min"] == 1
    assert [option["value"] for option in programs["field"]["options"]] == sorted(loaded.fields)
    assert programs["partners"]["widget"] == "relation" and programs["partners"]["collection"] == "partners"
    assert config["media_folder"] == "content/media" and config["locale"] == "ru"
    assert config["i18n"]["structure"] == "multiple_files" and config["i18n"]["locales"] == ["ru", "en", "zh"]


def test_the_editor_is_published_only_when_site_yaml_enables_it(tmp_path):
    without = build_site(sample_copy(tmp_path / "plain"), tmp_path / "plain-out")
    assert without.written and not (tmp_path / "plain-out" / "admin").exists()
    if not editor_script().is_file():
        pytest.fail(f"{editor_script()} is missing: run scripts/setup")
    result = build_site(sample_copy(tmp_path / "site", EDITOR), tmp_path / "out")
    assert result.written, "\n".join(p.format() for p in result.problems.sorted())
    admin = tmp_path / "out" / "admin"
    published = admin / f"{editor_script().parent.name}.js"
    assert published.read_bytes() == editor_script().read_bytes()
    assert f'<script src="{published.name}"></script>' in (admin / "index.html").read_text(encoding="utf-8")
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "spbpu/internships", "branch": "live",
                                 "base_url": "https://auth.example.org"}


def test_a_site_that_enables_the_editor_without_its_script_is_told_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "editor_script", lambda: REPO / "vendor" / "not-fetched" / "decap-cms.js")
    result = build_site(sample_copy(tmp_path / "site", EDITOR), tmp_path / "out")
    assert not result.written
    [problem] = result.problems.items
    assert problem.format() == (
        "site.yaml: error: web_editor: the web editor's script is not installed (vendor/not-fetched/decap-cms.js)\n"
        "    hint: run scripts/setup, which fetches it from the npm registry, or remove 'web_editor' from site.yaml")


@pytest.mark.parametrize("settings, message", [
    ("web_editor:\n  repo: internships\n",
     "web_editor.repo: 'internships' is not a GitHub repository as owner/name"),
    ("web_editor:\n  repo: spbpu/internships\n  branch: 'main branch'\n",
     "web_editor.branch: 'main branch' is not a branch name"),
])
def test_web_editor_settings_are_checked(tmp_path, settings, message):
    root = sample_copy(tmp_path / "site", settings)
    problems = Problems()
    load_content(root, TODAY, problems)
    assert [f"{p.field}: {p.message}" for p in problems.items] == [message]



def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_setup_unpacks_the_script_only_from_the_tarball_the_lock_pins(tmp_path):
    spec = importlib.util.spec_from_file_location("vendor_editor", REPO / "scripts" / "vendor_editor.py")
    vendor_editor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor_editor)
    package = tarball({"package/dist/decap-cms.js": b"window.CMS = {};", "package/dist/other.js": b"x"})
    lock = {"package": "decap-cms", "version": "1.2.3", "file": "dist/decap-cms.js", "integrity": integrity(package)}
    target = vendor_editor.target_of(lock, tmp_path)
    with pytest.raises(vendor_editor.Refused, match="does not match the integrity"):
        vendor_editor.unpack(package + b"\0", lock, target)
    assert not target.exists()
    vendor_editor.unpack(package, lock, target)
    assert target == tmp_path / "vendor" / "decap-cms-1.2.3" / "decap-cms.js"
    assert target.read_bytes() == b"window.CMS = {};"
    assert [p.name for p in target.parent.iterdir()] == ["decap-cms.js"]
    # The build looks for the script where setup puts it.
    assert editor_script() == vendor_editor.target_of(json.loads((REPO / "editor.lock.json").read_text(encoding="utf-8")))


def test_fields_carry_the_help_the_schemas_show_in_the_sites_language(site):
    _, loaded = site
    from sitegen.source.fieldhelp import help_for
    programs = {field["name"]: field for field in collection(editor_config(loaded, loaded.base_url, backend={"name": "test-repo"}), "programs")}
    assert loaded.default_language == "ru"
    assert programs["summary"]["hint"] == help_for("program", "summary")[1]
    sessions = {field["name"]: field for field in programs["sessions"]["fields"]}
    assert sessions["application_deadline"]["hint"] == help_for("program", "sessions.application_deadline")[1]
    english = dataclasses.replace(loaded, default_language="en")
    fee = {field["name"]: field for field in collection(editor_config(english, english.base_url, backend={"name": "test-repo"}), "programs")}["fee"]
    assert fee["hint"].startswith(help_for("program", "fee")[0]) and "'fee: free'" in fee["hint"]
