"""The build replaces only an output folder it may: empty, new, or its own earlier output."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under the folder: files by their bytes, links by their target, folders by a slash."""
    found: dict[str, bytes | str] = {}
    for current, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[relative] = "/"
            else:
                found[relative] = path.read_bytes()
    return found


def build(root: Path, out: Path | str, *options: str) -> int:
    return run_cli("build", "--root", str(root), "--out", str(out), "--today", "2026-11-24", "--no-search",
                   "--jobs", "1", *options)


@pytest.fixture
def site(make_site) -> Path:
    return make_site()


def test_the_site_root_as_output_is_refused_and_nothing_is_touched(site, capsys):
    before = tree(site)
    assert build(site, site) == 2
    assert tree(site) == before
    assert f"Not built: {site} holds the site itself" in capsys.readouterr().err


def test_a_folder_containing_the_site_is_refused(site, tmp_path, capsys):
    before = tree(tmp_path)
    assert build(site, tmp_path) == 2
    assert tree(tmp_path) == before
    assert "holds the site itself" in capsys.readouterr().err


@pytest.mark.parametrize("inside", ["programs", "content/news", "partners", ".git", "locales/en"])
def test_a_source_folder_or_a_folder_inside_one_is_refused(site, inside, capsys):
    (site / ".git").mkdir()
    before = tree(site)
    assert build(site, site / inside) == 2
    assert tree(site) == before
    assert "which a build must never replace" in capsys.readouterr().err


def test_the_home_folder_is_refused_even_as_dot_from_inside_it(site, tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / ".bashrc").write_text("export EDITOR=vi\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    before = tree(home)
    assert build(site, ".") == 2
    assert build(site, ".", "--force") == 2
    assert build(site, tmp_path) == 2  # contains the home folder (and the site)
    assert tree(home) == before
    assert "contains your home folder" in capsys.readouterr().err


def test_the_file_system_root_is_refused_and_nothing_is_left_behind(site, capsys):
    before = sorted(os.listdir("/"))
    assert build(site, "/") == 2
    assert build(site, "/", "--force") == 2
    assert sorted(os.listdir("/")) == before
    assert "Not built: / is the whole file system" in capsys.readouterr().err


def test_an_unrelated_folder_is_refused_unless_forced(site, tmp_path, capsys):
    other = tmp_path / "photos"
    (other / "2026").mkdir(parents=True)
    (other / "2026" / "beach.jpg").write_bytes(b"\xff\xd8 not really a photo")
    before = tree(other)
    assert build(site, other) == 2
    assert tree(other) == before
    err = capsys.readouterr().err
    assert f"Not built: {other} holds files this generator did not write (2026)" in err and "--force" in err
    assert build(site, other, "--force") == 0
    assert "2026/beach.jpg" not in tree(other) and (other / "en" / "index.html").is_file()


def test_a_file_is_refused_even_when_forced(site, tmp_path, capsys):
    file = tmp_path / "notes.txt"
    file.write_text("mine", encoding="utf-8")
    assert build(site, file) == 2
    assert build(site, file, "--force") == 2
    assert file.read_text(encoding="utf-8") == "mine"
    assert "exists and is not a folder" in capsys.readouterr().err


def test_a_link_to_an_unrelated_folder_is_refused_and_its_target_kept(site, tmp_path):
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.tex").write_text("\\documentclass{article}", encoding="utf-8")
    link = tmp_path / "public"
    link.symlink_to(target)
    before = tree(tmp_path)
    assert build(site, link) == 2
    assert tree(tmp_path) == before


def test_a_link_to_the_site_is_refused(site, tmp_path):
    link = tmp_path / "public"
    link.symlink_to(site)
    before = tree(site)
    assert build(site, link) == 2
    assert tree(site) == before


def test_an_empty_or_missing_folder_is_built_into(site, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(site, empty) == 0 and (empty / "en" / "index.html").is_file()
    assert build(site, tmp_path / "new" / "public") == 0 and (tmp_path / "new/public/en/index.html").is_file()


def test_its_own_earlier_output_is_replaced_and_a_link_to_it_kept(site, tmp_path):
    target = tmp_path / "www"
    (tmp_path / "public").symlink_to(target)
    assert build(site, tmp_path / "public") == 0
    (site / "programs/summer.yaml").write_text(
        (site / "programs/summer.yaml").read_text(encoding="utf-8").replace("Summer school", "Winter school"),
        encoding="utf-8")
    assert build(site, tmp_path / "public") == 0
    assert (tmp_path / "public").is_symlink() and "Winter school" in (target / "en/index.html").read_text(encoding="utf-8")


def test_a_file_added_to_its_own_output_is_named_and_kept(site, tmp_path, capsys):
    out = tmp_path / "public"
    assert build(site, out) == 0
    (out / "en" / "CNAME").write_text("catalog.example.org", encoding="utf-8")
    before = tree(out)
    assert build(site, out) == 2
    assert tree(out) == before
    assert "holds files this generator did not write (en/CNAME)" in capsys.readouterr().err


def test_a_file_removed_from_its_own_output_is_written_again(site, tmp_path):
    out = tmp_path / "public"
    assert build(site, out) == 0
    complete = tree(out)
    (out / "en" / "programs" / "summer" / "index.html").unlink()
    assert build(site, out) == 0
    assert tree(out) == complete


def test_a_link_or_a_folder_added_to_its_own_output_is_named_and_what_the_link_leads_to_is_kept(site, tmp_path, capsys):
    out, elsewhere = tmp_path / "public", tmp_path / "elsewhere"
    (elsewhere / "en").mkdir(parents=True)
    (elsewhere / "en" / "index.html").write_text("mine", encoding="utf-8")
    assert build(site, out) == 0
    (out / "en" / "drafts").mkdir()
    (out / "mirror").symlink_to(elsewhere)
    before = tree(out)
    assert build(site, out) == 2
    assert tree(out) == before
    assert "holds files this generator did not write (en/drafts, mirror)" in capsys.readouterr().err
    assert build(site, out, "--force") == 0
    assert not os.path.lexists(out / "mirror") and not (out / "en" / "drafts").exists()
    assert (elsewhere / "en" / "index.html").read_text(encoding="utf-8") == "mine"
