"""The dev server's watcher on a real site folder: what an editor does comes back as one batch of changes,
heard from the operating system's events, and the same batch where it has to scan the files instead."""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE
from sitegen.serve.changes import WRITTEN_BY_BUILD, Change
from sitegen.serve.watch import POLLING_VARIABLE, Watcher

WAIT = 10.0  # seconds before a watcher that heard nothing is given up on (a batch comes in well under one)
HOW = ["events", "scanning"]


@pytest.fixture(params=HOW)
def watch(request, make_site):
    """A site and its watcher, by events or by scanning; `watch.next()` is the next batch of changes."""
    root = make_site()
    watcher = Watcher(root, polling=request.param == "scanning")
    if request.param == "events" and sys.platform.startswith("linux"):
        assert not watcher.polling  # this machine has inotify: the events themselves are under test
    return Watching(root, watcher)


class Watching:
    def __init__(self, root: Path, watcher: Watcher) -> None:
        self.root, self.watcher = root, watcher

    def next(self) -> list[Change]:
        stop = threading.Event()
        timer = threading.Timer(WAIT, stop.set)
        timer.start()
        try:
            return self.watcher.wait(stop)
        finally:
            timer.cancel()


def test_a_save_is_one_modification(watch):
    (watch.root / "programs/summer.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"] + "\n", encoding="utf-8")
    assert watch.next() == [Change("programs/summer.yaml", "modified")]


def test_a_save_through_a_temporary_file_renamed_over_the_old_one_is_one_modification(watch):
    temporary = watch.root / "programs/.summer.yaml.swp"
    temporary.write_text(MINIMAL_SITE["programs/summer.yaml"] + "\n", encoding="utf-8")
    os.replace(temporary, watch.root / "programs/summer.yaml")
    assert watch.next() == [Change("programs/summer.yaml", "modified")]


def test_a_top_level_file_saved_is_heard(watch):
    (watch.root / "site.yaml").write_text(MINIMAL_SITE["site.yaml"] + "\n", encoding="utf-8")
    assert watch.next() == [Change("site.yaml", "modified")]


def test_an_added_file_and_a_removed_one(watch):
    (watch.root / "programs/winter.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"], encoding="utf-8")
    assert watch.next() == [Change("programs/winter.yaml", "added")]
    (watch.root / "programs/winter.yaml").unlink()
    assert watch.next() == [Change("programs/winter.yaml", "removed")]


def test_a_rename_is_the_old_name_removed_and_the_new_one_added(watch):
    (watch.root / "programs/summer.yaml").rename(watch.root / "programs/summer-school.yaml")
    assert watch.next() == [Change("programs/summer-school.yaml", "added"), Change("programs/summer.yaml", "removed")]


def test_a_new_folder_is_heard_and_so_are_the_files_saved_in_it_later(watch):
    (watch.root / "content/news").mkdir(parents=True)
    (watch.root / "content/news/2026-03-01-opening.en.md").write_text("---\ntitle: Opening\n---\n", encoding="utf-8")
    assert watch.next() == [Change("content/news/2026-03-01-opening.en.md", "added")]
    (watch.root / "content/news/2026-03-01-opening.en.md").write_text("---\ntitle: Open\n---\n", encoding="utf-8")
    assert watch.next() == [Change("content/news/2026-03-01-opening.en.md", "modified")]


def test_a_folder_removed_takes_its_files_with_it(watch):
    (watch.root / "partners/acme.yaml").unlink()
    (watch.root / "partners").rmdir()
    assert watch.next() == [Change("partners/acme.yaml", "removed")]


def test_a_change_inside_a_hidden_folder_is_not_one(watch):
    (watch.root / "programs/.git").mkdir()
    (watch.root / "programs/.git/index").write_text("x", encoding="utf-8")
    (watch.root / "programs/summer.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"] + "\n", encoding="utf-8")
    assert watch.next() == [Change("programs/summer.yaml", "modified")]
    (watch.root / "programs/.git/index").write_text("changed", encoding="utf-8")
    (watch.root / "site.yaml").write_text(MINIMAL_SITE["site.yaml"] + "\n", encoding="utf-8")
    assert watch.next() == [Change("site.yaml", "modified")]


def test_a_folder_linked_out_of_the_site_is_watched_as_a_link_and_never_followed(watch, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (watch.root / "content").mkdir(exist_ok=True)
    (watch.root / "content/media").symlink_to(outside)
    assert watch.next() == [Change("content/media", "added")]
    (outside / "secret.pdf").write_text("x", encoding="utf-8")
    (watch.root / "site.yaml").write_text(MINIMAL_SITE["site.yaml"] + "\n", encoding="utf-8")
    batch = watch.next()
    assert Change("site.yaml", "modified") in batch
    assert not [change for change in batch if change.path.startswith("content/media/")]


def test_what_the_build_writes_into_the_site_is_absorbed(watch):
    (watch.root / "translations.lock").write_text("# written by the build\n", encoding="utf-8")
    watch.watcher.absorb(WRITTEN_BY_BUILD)
    (watch.root / "programs/summer.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"] + "\n", encoding="utf-8")
    assert watch.next() == [Change("programs/summer.yaml", "modified")]


def test_lock_files_the_build_writes_and_removes_are_absorbed(watch):
    first = watch.root / "translations/programs/summer.lock"
    first.parent.mkdir(parents=True)
    first.write_text("title en ru 0123456789abcdef fedcba9876543210\n", encoding="utf-8")
    watch.watcher.absorb(WRITTEN_BY_BUILD)
    first.unlink()  # the next build removes one lock file and writes another, in a new folder
    second = watch.root / "translations/content/news/2026-01-01-opening.lock"
    second.parent.mkdir(parents=True)
    second.write_text("body en ru 0123456789abcdef fedcba9876543210\n", encoding="utf-8")
    watch.watcher.absorb(WRITTEN_BY_BUILD)
    (watch.root / "programs/summer.yaml").write_text(MINIMAL_SITE["programs/summer.yaml"] + "\n", encoding="utf-8")
    assert watch.next() == [Change("programs/summer.yaml", "modified")]


def test_watchfiles_own_switch_makes_the_watcher_scan_and_say_so(make_site, monkeypatch, capsys):
    root = make_site()
    monkeypatch.setenv(POLLING_VARIABLE, "1")
    watcher = Watcher(root)
    assert watcher.polling
    assert capsys.readouterr().err == f"Watching {root} by scanning its files: WATCHFILES_FORCE_POLLING is set\n"
    monkeypatch.setenv(POLLING_VARIABLE, "false")
    assert not Watcher(root).polling or not sys.platform.startswith("linux")
