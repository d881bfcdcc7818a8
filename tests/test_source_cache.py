"""Loading from the cache of validated source files gives the content and problems a fresh load gives,
after real edits too, and a cache file that cannot be used is ignored."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import MINIMAL_SITE, REPO, TODAY
from generate import generate
from site_strategies import GeneratedSite, sites
from site_values import SUITE_SCALE
from sitegen.foundation.fingerprints import digest
from sitegen.foundation.problems import Problems
from sitegen.source import load
from sitegen.source.discover import discover
from sitegen.source.parse import parse_source
from sitegen.source.sourcecache import FILE, READS
from sitegen.source.validate import Known, validate_source

INVALID = REPO / "tests" / "invalid"
SUMMER = textwrap.dedent(MINIMAL_SITE["programs/summer.yaml"]).lstrip()


def loaded(root: Path, cache: Path | None, today: dt.date = TODAY):
    problems = Problems()
    content = load.load_content(root, today, problems, drafts=True, cache_dir=cache)
    return content, problems.items


def parse_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on a file that is parsed fails the test: what is loaded must come from the cache."""
    def refuse(kind, source, root, problems):
        raise AssertionError(f"{source.path} was parsed again")
    monkeypatch.setattr(load, "parse_source", refuse)


def assert_cached_equals_fresh(root: Path, cache: Path, today: dt.date = TODAY) -> None:
    assert loaded(root, cache, today) == loaded(root, None, today)


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    generate(30, tmp_path / "site", seed=3)
    return tmp_path / "site"


def site_name(path: Path) -> str:
    return "sample" if path == REPO else path.name


@pytest.mark.parametrize("site", [REPO, *sorted(INVALID.iterdir())], ids=site_name)
def test_a_load_from_the_cache_gives_what_a_fresh_load_gives(site: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root, ignore=shutil.ignore_patterns(".*", "public", "tests", "sitegen", "node_modules"),
                    symlinks=True)
    fresh = loaded(root, None)
    assert loaded(root, tmp_path / "cache") == fresh  # writes the cache
    with monkeypatch.context() as patch:
        if not any(problem.severity == "error" for problem in fresh[1]):
            parse_nothing(patch)
        assert loaded(root, tmp_path / "cache") == fresh


@given(site=sites(SUITE_SCALE))
@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                                 HealthCheck.function_scoped_fixture])
def test_generated_sites_load_the_same_from_the_cache(site: GeneratedSite, tmp_path: Path) -> None:
    folder = tmp_path / f"site-{abs(hash(site.files))}"
    shutil.rmtree(folder, ignore_errors=True)
    site.write(folder)
    fresh = loaded(folder, None)
    cache = folder.parent / (folder.name + "-cache")
    assert loaded(folder, cache) == fresh
    assert loaded(folder, cache) == fresh


def test_an_edited_program_is_validated_again(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    loaded(generated, cache)
    program = next((generated / "programs").iterdir())
    program.write_text(program.read_text(encoding="utf-8").replace("\nupdated:", "\nupdated: 2020-01-01\nold:", 1),
                       encoding="utf-8")
    content, problems = loaded(generated, cache)
    assert any(problem.position.path == f"programs/{program.name}" for problem in problems)
    assert_cached_equals_fresh(generated, cache)


def test_a_new_partner_revalidates_the_programs_that_name_it(make_site, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = make_site({"programs/summer.yaml": SUMMER.replace("[acme]", "[acme, zeta]")})
    content, problems = loaded(root, cache)
    assert [program.partners for program in content.programs] == [("acme",)]
    assert [problem.message for problem in problems] == ["unknown partner 'zeta'"]
    (root / "partners/zeta.yaml").write_text((root / "partners/acme.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    content, problems = loaded(root, cache)
    assert [program.partners for program in content.programs] == [("acme", "zeta")] and not problems
    assert_cached_equals_fresh(root, cache)


def test_a_later_day_reports_sessions_that_have_ended(make_site, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = make_site({"programs/summer.yaml": SUMMER + "sessions: [{start: 2027-01-10, end: 2027-01-20}]\n"})
    assert loaded(root, cache)[1] == []
    later = dt.date(2027, 2, 1)
    assert [problem.message for problem in loaded(root, cache, later)[1]] == ["every session is in the past"]
    assert_cached_equals_fresh(root, cache, later)


def test_a_removed_image_and_a_renamed_field_are_noticed(make_site, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = make_site({"programs/summer.yaml": SUMMER + "image: a.png\nimage_alt: {en: A, ru: А}\n",
                      "content/media/a.png": "png"})
    assert loaded(root, cache)[0].programs[0].image == "a.png"
    (root / "content/media/a.png").unlink()
    content, problems = loaded(root, cache)
    assert content.programs[0].image is None
    assert [problem.message for problem in problems] == ["no file 'a.png' in content/media/"]
    assert_cached_equals_fresh(root, cache)
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("engineering:", "physics:"), encoding="utf-8")
    assert_cached_equals_fresh(root, cache)
    assert any("'engineering'" in problem.message for problem in loaded(root, cache)[1])


def signed(body: str) -> str:
    """A cache file's text with a body of our own and the digest that makes it pass the check."""
    return digest(body.encode("utf-8")) + "\n" + body


def body_of(text: str) -> str:
    return text.partition("\n")[2]


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: "\x00garbage",
    lambda text: text.replace('"title":{"values":{"ru":"', '"title":{"values":{"ru":"Изменено ', 1),
    lambda text: signed(json.dumps({"salt": 1, "entries": []})),
    lambda text: signed(json.dumps({"entries": {}})),
    lambda text: signed(body_of(text).replace('"key":"', '"key":7,"x":"', 1)),
    lambda text: signed(body_of(text).replace('"title":{"values":{"ru":', '"title":{"values":{"ru":[', 1)),
], ids=["truncated", "garbage", "edited", "foreign", "no salt", "wrong type", "wrong nested type"])
def test_a_damaged_cache_file_is_ignored(damage, generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    loaded(generated, cache)
    path = cache / FILE
    damaged = damage(path.read_text(encoding="utf-8"))
    assert damaged != path.read_text(encoding="utf-8")
    path.write_text(damaged, encoding="utf-8")
    assert_cached_equals_fresh(generated, cache)


def test_the_cache_keeps_only_files_still_present(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    loaded(generated, cache)
    news = sorted((generated / "content/news").iterdir())[0]
    news.unlink()
    loaded(generated, cache)
    entries = json.loads(body_of((cache / FILE).read_text(encoding="utf-8")))["entries"]
    assert f"content/news/{news.name}" not in entries
    assert set(entries) == {path.relative_to(generated).as_posix() for path in generated.rglob("*.*")
                            if path.suffix in (".yaml", ".md") and path.name != "site.yaml"
                            and "translations" not in path.parts}


def test_a_cache_that_cannot_be_written_leaves_the_old_one(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    loaded(generated, cache)
    before = (cache / FILE).read_bytes()
    (cache / FILE).with_suffix(".tmp").mkdir()  # the new cache is written there first, then renamed
    program = next((generated / "programs").iterdir())
    program.write_text(program.read_text(encoding="utf-8").replace("en: ", "en: Edited ", 1), encoding="utf-8")
    assert_cached_equals_fresh(generated, cache)
    assert (cache / FILE).read_bytes() == before


class Unreadable:
    """Stands for a value of `Known` a kind's validation must not read: any use of it fails."""

    def _fail(self, *args):
        raise AssertionError("read a value the cache does not key this kind of file by")

    __contains__ = __iter__ = __len__ = __bool__ = __eq__ = __lt__ = __gt__ = __sub__ = __rsub__ = _fail
    __le__ = __ge__ = __hash__ = __str__ = _fail


@pytest.mark.parametrize("site", [REPO, INVALID / "broken-references", INVALID / "bad-values", INVALID / "bad-dates"],
                         ids=site_name)
def test_each_kind_of_file_reads_only_what_its_cache_key_covers(site: Path) -> None:
    problems = Problems()
    sources = discover(site, problems)
    content = load.load_content(site, TODAY, Problems(), drafts=True)
    assert content is not None
    known = Known(site=content.site, today=TODAY, programs=frozenset(p.slug for p in content.programs),
                  partners=frozenset(p.slug for p in content.partners), media=frozenset(content.media),
                  logos=frozenset(content.logos))
    kinds = {"program": sources.programs, "partner": sources.partners, "news": sources.news, "page": sources.pages}
    for kind, files in kinds.items():
        unread = {name: Unreadable() for name in ("today", "programs", "partners", "media", "logos")
                  if name not in READS[kind]}
        limited = dataclasses.replace(known, **unread)
        for source in files:
            document = parse_source(kind, source, site, problems)
            if document is not None:
                validate_source(kind, document, source, limited, problems)
