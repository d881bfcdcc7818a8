"""The same content and build date give byte-identical output: serial or parallel, in any folder."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from icalendar import Calendar

from conftest import REPO
from test_golden import files_of

EPOCH = int(dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.timezone.utc).timestamp())


def cli_build(root: Path, out: Path, *options: str, epoch: int = EPOCH) -> None:
    """Run `build.py build` in a fresh process, with SOURCE_DATE_EPOCH as a release pipeline would set it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out),
                           "--no-cache", *options], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


def test_serial_and_parallel_builds_in_different_folders_are_byte_identical(tmp_path: Path):
    from generate import generate
    for name in ("one", "two"):  # the same content, generated into two folders
        generate(150, tmp_path / name / "site", seed=7)
    cli_build(tmp_path / "one/site", tmp_path / "one/public", "--jobs", "1")
    cli_build(tmp_path / "two/site", tmp_path / "two/public", "--jobs", "2")  # 150 programs: past the parallel threshold
    first, second = files_of(tmp_path / "one/public"), files_of(tmp_path / "two/public")
    assert len(first) > 1000 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert str(tmp_path) not in b"".join(first.values()).decode("utf-8", "replace")


def test_the_build_date_in_the_output_comes_from_source_date_epoch(make_site, tmp_path: Path):
    root = make_site({"programs/summer.yaml": """
        title: {en: Summer school, ru: Летняя школа}
        summary: {en: Two weeks., ru: Две недели.}
        type: summer-school
        audience: [students]
        field: engineering
        partners: [acme]
        mode: online
        languages: [en]
        updated: 2026-10-01
        sessions:
          - {start: 2027-07-01, end: 2027-07-14, application_deadline: 2027-03-01}
    """})
    for name, epoch in (("a", EPOCH), ("b", EPOCH + 86400 * 10)):
        cli_build(root, tmp_path / name, epoch=epoch)
        day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
        for path in (tmp_path / name).rglob("*.ics"):
            stamps = {e.decoded("DTSTAMP") for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
            assert stamps == {dt.datetime.combine(day, dt.time(0), dt.timezone.utc)}, path
    cli_build(root, tmp_path / "c", "--today", "2026-12-04", epoch=0)  # --today wins over the environment
    assert files_of(tmp_path / "b") == files_of(tmp_path / "c")


def test_the_1000_program_catalog_rebuilt_serially_elsewhere_is_byte_identical(catalog_1000: Path, tmp_path: Path):
    """The session's catalog was built in parallel, in-process, with --today; this one serially by the CLI."""
    from generate import generate
    generate(1000, tmp_path / "site", seed=1)
    cli_build(tmp_path / "site", tmp_path / "public", "--jobs", "1", "--no-search")
    first, second = files_of(catalog_1000), files_of(tmp_path / "public")
    assert len(first) > 7000 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
