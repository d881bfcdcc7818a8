"""A CI run that restores the previous run's output and page cache into a fresh checkout builds the same site as a cold build.

The deploy job (.github/workflows/site.yml) saves `public/` and `.cache/sitegen` after each build and restores the
latest one before the next, whatever content or generator it came from; these tests play that out on disk.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MINIMAL_SITE, build_site
from test_build import tree_digest

SAVED = ("public", ".cache/sitegen")  # what the workflow's cache steps keep


def ci_build(checkout: Path):
    return build_site(checkout, checkout / "public", cache_dir=checkout / ".cache/sitegen")


def save_cache(checkout: Path, cache: Path) -> None:
    for path in SAVED:
        shutil.copytree(checkout / path, cache / path, symlinks=True)  # keeps modification times, as tar does


def fresh_checkout(checkout: Path, cache: Path | None) -> None:
    """Replace the checkout by a new copy of its sources (new files, new times), then restore the saved cache."""
    sources = checkout.with_name("sources")
    shutil.rmtree(sources, ignore_errors=True)
    shutil.copytree(checkout, sources, ignore=shutil.ignore_patterns("public", ".cache"))
    shutil.rmtree(checkout)
    shutil.copytree(sources, checkout, copy_function=shutil.copy)
    if cache is not None:
        for path in SAVED:
            shutil.copytree(cache / path, checkout / path, symlinks=True)


def cold_build_digest(checkout: Path, tmp_path: Path) -> str:
    cold = tmp_path / "cold"
    shutil.copytree(checkout, cold, ignore=shutil.ignore_patterns("public", ".cache"))
    assert build_site(cold, cold / "public").written
    return tree_digest(cold / "public")


def edit_program_title(checkout: Path) -> None:
    path = checkout / "programs/summer.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Summer school", "Summer institute"), encoding="utf-8")


def test_a_run_with_the_restored_cache_reuses_pages_and_builds_what_a_cold_build_would(make_site, tmp_path):
    checkout, cache = make_site(), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    fresh_checkout(checkout, cache)
    edit_program_title(checkout)
    result = ci_build(checkout)
    assert result.written and result.reused > 0
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)


def test_a_cache_saved_by_another_theme_is_restored_without_harm(make_site, tmp_path):
    checkout, cache = make_site(), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    fresh_checkout(checkout, cache)
    (checkout / "theme/templates").mkdir(parents=True)
    (checkout / "theme/templates/404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Gone</h1>{% endblock %}', encoding="utf-8")
    result = ci_build(checkout)
    assert result.written and result.reused == 0
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)


def test_a_restore_cut_short_is_not_trusted(make_site, tmp_path):
    """A restore that failed half-way leaves its last file truncated; the build must not reuse it."""
    checkout, cache = make_site(), tmp_path / "actions-cache"
    assert ci_build(checkout).written
    save_cache(checkout, cache)
    page = cache / "public/en/programs/summer/index.html"
    page.write_bytes(page.read_bytes()[:100])
    fresh_checkout(checkout, cache)
    result = ci_build(checkout)
    assert result.written and result.reused == 0
    assert tree_digest(checkout / "public") == cold_build_digest(checkout, tmp_path)
