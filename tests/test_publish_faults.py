"""The published folder is always the whole old site or the whole new one, whatever happens to a build.

Faults are real: the build runs in its own process and is killed with SIGKILL just before its Nth
file operation (tests/faultbuild.py counts them through Python's audit events), or writes onto a
small tmpfs that fills up.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import IN_CI, REPO, TODAY, build_site
from test_output_folder import tree

DRIVER = Path(__file__).with_name("faultbuild.py")
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(REPO)}


def run(action: str, limit: int, root: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(DRIVER), action, str(limit), *options, "build", "--root", str(root),
               "--out", str(out), "--today", TODAY.isoformat(), "--no-search", "--jobs", "1"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=ENV, cwd=REPO)


def retitle(root: Path, old: str, new: str) -> None:
    path = root / "programs/summer.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name not in ("site", "public"))


@pytest.fixture
def versions(make_site, tmp_path: Path) -> dict:
    """A site built once (its cache too), and the complete outputs of its old and its edited content."""
    root = make_site({
        "content/news/2026-10-01-open.en.md": "---\ntitle: Open\ndate: 2026-10-01\nprograms: [summer]\n---\nApply now.\n",
        "content/news/2026-10-01-open.ru.md": "---\ntitle: Открыто\ndate: 2026-10-01\nprograms: [summer]\n---\nПодавайте.\n",
    })
    references = {}
    for name, title in (("new", "Winter school"), ("old", "Summer school")):
        retitle(root, "Summer school" if name == "new" else "Winter school", title)
        assert build_site(root, tmp_path / name).written  # without a cache: a clean build
        references[name] = tree(tmp_path / name)
        shutil.rmtree(tmp_path / name)
    assert run("count", 0, root, tmp_path / "public").returncode == 0
    shutil.copytree(tmp_path, tmp_path.parent / f"{tmp_path.name}-start", symlinks=True)
    return references


def restart(tmp_path: Path) -> None:
    """Back to the site as first built: its output, its cache."""
    for name in ("site", "public"):
        shutil.rmtree(tmp_path / name)
    for name in os.listdir(tmp_path):
        path = tmp_path / name
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    shutil.copytree(tmp_path.parent / f"{tmp_path.name}-start", tmp_path, symlinks=True, dirs_exist_ok=True)


def operations(root: Path, out: Path) -> list[str]:
    done = run("count", 0, root, out)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith("op ")]


def test_an_incremental_build_killed_anywhere_leaves_the_old_or_the_new_site(versions, tmp_path: Path):
    root, out = tmp_path / "site", tmp_path / "public"
    retitle(root, "Summer school", "Winter school")
    steps = operations(root, out)
    exchange = next(i for i, step in enumerate(steps, 1) if "sitegen.exchange" in step)
    # Every step around the exchange, and steps spread over the whole build.
    points = sorted({*range(exchange - 3, exchange + 4), *range(1, len(steps) + 1, max(1, len(steps) // 16))})
    for number, point in enumerate(points):
        restart(tmp_path)
        retitle(root, "Summer school", "Winter school")
        killed = run("kill", point, root, out)
        assert killed.returncode == -9, (point, killed.stderr[-2000:])
        published = tree(out)
        assert published in (versions["old"], versions["new"]), f"a mixed site after a kill at step {point}"
        if point > exchange:
            assert published == versions["new"]
        # The next build, with the edit or with it reverted, gives exactly the clean build of that content.
        expected = "new" if number % 2 else "old"
        if expected == "old":
            retitle(root, "Winter school", "Summer school")
        done = run("count", 0, root, out)
        assert done.returncode == 0, done.stderr[-2000:]
        assert tree(out) == versions[expected], f"after a kill at step {point}, the {expected} content built wrong"
        assert leftovers(tmp_path) == [], f"left behind after a kill at step {point}"


def test_a_first_build_killed_anywhere_leaves_no_site_or_the_whole_site(versions, tmp_path: Path):
    root, out = tmp_path / "site", tmp_path / "fresh"
    steps = operations(root, out)
    shutil.rmtree(out)
    for point in range(1, len(steps) + 1, max(1, len(steps) // 10)):
        assert run("kill", point, root, out).returncode == -9
        assert not out.exists() or tree(out) == versions["old"]
        assert run("count", 0, root, out).returncode == 0
        assert tree(out) == versions["old"]
        shutil.rmtree(out)
    assert leftovers(tmp_path) == []


def test_a_second_build_of_the_same_output_is_refused_while_the_first_runs(versions, tmp_path: Path):
    root, out, signals = tmp_path / "site", tmp_path / "public", tmp_path / "signals"
    signals.mkdir()
    retitle(root, "Summer school", "Winter school")
    exchange = next(i for i, step in enumerate(operations(root, out), 1) if "sitegen.exchange" in step)
    restart(tmp_path)
    signals.mkdir()
    retitle(root, "Summer school", "Winter school")
    command = [sys.executable, str(DRIVER), "pause", str(exchange), str(signals), "build", "--root", str(root),
               "--out", str(out), "--today", TODAY.isoformat(), "--no-search", "--jobs", "1"]
    first = subprocess.Popen(command, env=ENV, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (signals / "paused").exists():
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.02)
        second = run("count", 0, root, out)
        assert second.returncode == 2
        assert f"Not built: another build is writing {out} right now" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        (signals / "go").touch()
        assert first.wait(60) == 0
    assert tree(out) == versions["new"]
    assert run("count", 0, root, out).returncode == 0


def test_leftovers_of_killed_builds_are_removed_and_nothing_else(versions, tmp_path: Path):
    root, out = tmp_path / "site", tmp_path / "public"
    for name in (".public.staging-dead1", ".public.staging-dead2"):
        shutil.copytree(out, tmp_path / name)  # what a kill during the exchange's clean-up leaves
    (tmp_path / ".public.staging-empty").mkdir()
    mine = tmp_path / ".public.staging-notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("not the generator's", encoding="utf-8")
    assert run("count", 0, root, out).returncode == 0
    assert leftovers(tmp_path) == [".public.staging-notes"]
    assert (mine / "todo.txt").read_text(encoding="utf-8") == "not the generator's"


def test_a_cache_that_names_paths_outside_the_output_touches_nothing(versions, tmp_path: Path):
    root, out = tmp_path / "site", tmp_path / "public"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (manifest,) = (root / ".cache/sitegen").glob("pages-*.json")
    record = json.loads(manifest.read_text(encoding="utf-8"))
    record["sizes"].update({"../victim.txt": 7, "/etc/passwd": 0, "en/../../victim.txt": 7})
    record["pages"]["../victim.txt"] = "0" * 32
    manifest.write_text(json.dumps(record), encoding="utf-8")
    retitle(root, "Summer school", "Winter school")
    assert run("count", 0, root, out).returncode == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert tree(out) == versions["new"]


def test_markup_put_into_the_markdown_cache_is_sanitised_again(versions, tmp_path: Path):
    root, out = tmp_path / "site", tmp_path / "public"
    cache = root / ".cache/sitegen/markdown.json"
    record = json.loads(cache.read_text(encoding="utf-8"))
    for entry in record["entries"].values():
        entry[0] = entry[0].replace("Apply now.", 'Apply now.<img src="x" onerror="alert(1)"><script>alert(2)</script>')
    cache.write_text(json.dumps(record), encoding="utf-8")
    retitle(root, "Summer school", "Winter school")  # the news page is rendered again from the cached Markdown
    assert run("count", 0, root, out).returncode == 0
    pages = b"".join(data for data in tree(out).values() if isinstance(data, bytes))
    assert b"onerror" not in pages and b"<script>alert" not in pages


def small_tmpfs(folder: Path, size: str, inodes: int = 1000) -> None:
    folder.mkdir()
    if os.geteuid() != 0:
        if IN_CI:
            pytest.fail("the disk-full test needs root to mount a tmpfs")
        pytest.skip("the disk-full test mounts a small tmpfs, which needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},nr_inodes={inodes}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        if IN_CI:
            pytest.fail(f"cannot mount a tmpfs: {done.stderr.strip()}")
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def test_a_full_disk_is_a_one_line_error_naming_the_file_and_the_old_site_stays(versions, tmp_path: Path):
    root, disk = tmp_path / "site", tmp_path / "disk"
    small_tmpfs(disk, "1m")
    try:
        out = disk / "public"
        assert run("count", 0, root, out).returncode == 0
        before = tree(out)
        (root / "content/media").mkdir(parents=True)
        (root / "content/media/brochure.pdf").write_bytes(os.urandom(900_000))
        failed = run("count", 0, root, out)
        assert failed.returncode == 1, failed.stderr
        errors = [line for line in failed.stderr.splitlines() if ": error: " in line]
        assert errors == [f"{out}/media/brochure.pdf: error: cannot write the site: No space left on device"], failed.stderr
        assert "Traceback" not in failed.stderr
        assert tree(out) == before
        assert sorted(os.listdir(disk)) == ["public"]
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_cache_that_cannot_be_saved_is_a_warning_and_the_site_is_published(versions, tmp_path: Path):
    from sitegen.foundation.fingerprints import digest
    root, out = tmp_path / "site", tmp_path / "public"
    blocked = root / ".cache/sitegen" / f"pages-{digest(str(out.resolve()))[:12]}.tmp"
    blocked.mkdir()  # where the record is written first: a folder cannot be written as a file
    retitle(root, "Summer school", "Winter school")
    done = run("count", 0, root, out)
    assert done.returncode == 0
    assert f"{blocked}: warning: cannot record the build cache: Is a directory" in done.stderr
    assert tree(out) == versions["new"]


@pytest.mark.parametrize("inodes, where", [(30, "public/"), (1, ".public.lock")])
def test_a_disk_without_room_for_a_first_build_is_one_error_and_keeps_nothing(versions, tmp_path: Path, inodes, where):
    root, disk = tmp_path / "site", tmp_path / "disk"
    small_tmpfs(disk, "1m", inodes)
    try:
        failed = run("count", 0, root, disk / "public")
        assert failed.returncode == 1, failed.stderr
        errors = [line for line in failed.stderr.splitlines() if ": error: " in line]
        assert len(errors) == 1 and errors[0].startswith(f"{disk}/{where}"), failed.stderr
        assert errors[0].endswith(": error: cannot write the site: No space left on device")
        assert "Traceback" not in failed.stderr
        assert os.listdir(disk) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_rebuild_that_changes_nothing_leaves_the_published_folder_itself_in_place(make_site, tmp_path: Path):
    root, out, cache = make_site(), tmp_path / "public", tmp_path / "cache"
    assert build_site(root, out, cache_dir=cache).written
    folder, before = out.stat().st_ino, tree(out)
    assert build_site(root, out, cache_dir=cache).written
    assert (out.stat().st_ino, tree(out)) == (folder, before)
    retitle(root, "Summer school", "Winter school")
    assert build_site(root, out, cache_dir=cache).written
    assert out.stat().st_ino != folder and tree(out) != before
    assert leftovers(tmp_path) == ["cache"]
