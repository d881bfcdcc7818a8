"""Warm builds keep the site-wide files (open data, sitemap, feeds, status page, the translation lock) of what did
not change, and give byte for byte what a cold build of the edited site gives."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree as ET

import pytest

from conftest import REPO, TODAY
from sitegen.output.cache import PageCache
from sitegen.output.kept import Kept, Pieces
from sitegen.output.sitemap import SITEMAP, SitemapEntry, _urlset, _urlset_kept
from sitegen.pipeline import BuildMemo, BuildOptions, build
from test_build import tree_digest

SAMPLE = ("site.yaml", "programs", "partners", "content", "translations")
USST = "programs/usst-technological-entrepreneurship.yaml"
NEWS = "content/news/2025-10-14-shanghai-agreements.en.md"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """The repository's trilingual sample site, copied so that a test may edit it."""
    root = tmp_path / "site"
    for name in SAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / name)
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Builds:
    """The same site built warm (with the cache, and with the dev server's memo when `serving`) after each edit,
    and cold (a copy of the edited site, no cache), compared file by file."""

    def __init__(self, root: Path, tmp_path: Path, serving: bool) -> None:
        self.root, self.tmp_path = root, tmp_path
        self.memo = BuildMemo() if serving else None
        self.options = BuildOptions(root=root, out=tmp_path / "warm", today=TODAY, processes=1,
                                    cache_dir=tmp_path / "cache", in_place=serving, force=serving)
        self.rounds = 0

    def warm(self, today: dt.date = TODAY):
        result = build(BuildOptions(**{**self.options.__dict__, "today": today}), self.memo)
        assert result.written, [p.format() for p in result.problems.items]
        return result

    def after(self, change: Callable[[Path], None], today: dt.date = TODAY) -> None:
        """Apply the change, build warm and cold, and compare the outputs and the translation locks."""
        self.rounds += 1
        change(self.root)
        cold_root = self.tmp_path / f"cold-site-{self.rounds}"
        shutil.copytree(self.root, cold_root, ignore=shutil.ignore_patterns("warm", ".cache"))
        self.warm(today)
        cold_out = self.tmp_path / f"cold-{self.rounds}"
        cold = build(BuildOptions(root=cold_root, out=cold_out, today=today, processes=1,
                                  sitemap_limit=self.options.sitemap_limit))
        assert cold.written
        warm_files, cold_files = tree_digest(self.options.out), tree_digest(cold_out)
        assert warm_files.keys() == cold_files.keys()
        assert [name for name in warm_files if warm_files[name] != cold_files[name]] == []
        assert tree_digest(self.root / "translations") == tree_digest(cold_root / "translations")


def retitle(root: Path) -> None:
    edit(root, USST, 'en: "Technological Entrepreneurship:', 'en: "Technopreneurship & <Co>:')


def rename_partner(root: Path) -> None:
    edit(root, "partners/hit.yaml", "en: Harbin Institute of Technology", "en: Harbin Tech")


def add_program(root: Path) -> None:
    text = (root / USST).read_text(encoding="utf-8")  # the same text under another name: another program
    (root / "programs/usst-second.yaml").write_text(text, encoding="utf-8")


def remove_program(root: Path) -> None:
    (root / "programs/cscoiet-industrial-company-staff.yaml").unlink()
    for news in (root / "content/news").glob("*.md"):
        news.write_text(news.read_text(encoding="utf-8").replace("  - cscoiet-industrial-company-staff\n", ""),
                        encoding="utf-8")


def retitle_news(root: Path) -> None:
    edit(root, NEWS, 'title: "Shanghai visit:', 'title: "Shanghai & Harbin visit:')


def add_news(root: Path) -> None:
    (root / "content/news/2026-11-01-open-day.en.md").write_text(
        "---\ntitle: Open day\ndate: 2026-11-01\n---\nCome & see.\n", encoding="utf-8")


def change_updated(root: Path) -> None:
    edit(root, USST, "updated: 2026-11-24", "updated: 2026-11-23")


@pytest.mark.parametrize("serving", [False, True], ids=["cli", "dev-server"])
def test_warm_builds_after_each_edit_match_cold_builds(sample_copy, tmp_path, serving):
    builds = Builds(sample_copy, tmp_path, serving)
    builds.warm()
    for change in (retitle, rename_partner, add_program, retitle_news, add_news, change_updated, remove_program):
        builds.after(change)
    builds.after(lambda root: None, today=TODAY + dt.timedelta(days=1))  # a new build date: statuses, "generated"


def test_a_warm_build_keeps_the_open_data_of_programs_that_did_not_change(sample_copy, tmp_path):
    builds = Builds(sample_copy, tmp_path, serving=False)
    builds.warm()
    out = builds.options.out
    before = {path.name: path.stat().st_ino for path in (out / "programs").glob("*.json")}
    retitle(sample_copy)
    builds.warm()
    after = {path.name: path.stat().st_ino for path in (out / "programs").glob("*.json")}
    kept = {name for name in before if before[name] == after.get(name)}
    assert kept == {"cscoiet-industrial-company-staff.json", "spbpu-international-research-internships.json"}


def test_a_corrupt_cache_of_open_data_entries_is_ignored(sample_copy, tmp_path):
    builds = Builds(sample_copy, tmp_path, serving=False)
    builds.warm()
    for path in (tmp_path / "cache").glob("*.json"):
        path.write_text('{"x": ["forged", "0"], "y": 1', encoding="utf-8")
    builds.after(retitle)
    for path in (tmp_path / "cache").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Technopreneurship", "Forged"), encoding="utf-8")
    builds.after(rename_partner)


def test_a_sitemap_joined_from_single_urls_is_the_sitemap_serialised_whole(tmp_path):
    entries = [SitemapEntry("https://example.org/a?x=1&y=<2>", dt.date(2026, 1, 2),
                            (("en", 'https://example.org/a"q"'), ("x-default", "https://example.org/"))),
               SitemapEntry("https://example.org/б/中", None, (("x-default", "https://example.org/"),))]
    kept = Kept(tmp_path, PageCache(None, tmp_path), {}, tmp_path / "cache")
    assert _urlset_kept(entries, kept, Pieces("sitemap")) == _urlset(entries)
    assert _urlset_kept(entries[1:], kept, Pieces("sitemap")) == _urlset(entries[1:])


def test_warm_builds_of_a_sitemap_in_parts_match_cold_builds(sample_copy, tmp_path):
    builds = Builds(sample_copy, tmp_path, serving=False)
    builds.options = BuildOptions(**{**builds.options.__dict__, "sitemap_limit": 7})
    builds.warm()
    for change in (change_updated, add_program, remove_program):
        builds.after(change)


def test_a_joined_sitemap_is_whole_whatever_prefix_elementtree_gives_its_namespace(tmp_path):
    entries = [SitemapEntry("https://example.org/a", None, (("x-default", "https://example.org/"),))] * 2
    kept = Kept(tmp_path, PageCache(None, tmp_path), {}, None)
    ET.register_namespace("", "urn:another")  # what another module (an XLIFF export) may have done before
    try:
        assert _urlset_kept(entries, kept, Pieces("sitemap")) == _urlset(entries)
    finally:
        ET.register_namespace("", SITEMAP)
