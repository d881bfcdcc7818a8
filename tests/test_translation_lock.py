"""The translation lock is a folder, translations/, with one small file per item placed like the item: a build
rewrites the files of the items that changed and no other, removes those of items that are gone, and moves
the records of the single translations.lock of earlier versions into it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import MINIMAL_SITE, build_site
from sitegen.checks.stale import fingerprint

WINTER = MINIMAL_SITE["programs/summer.yaml"].replace("Summer school", "Winter school").replace(
    "Летняя школа", "Зимняя школа")
NEWS = "---\ntitle: {title}\ndate: 2026-10-01\n---\n{body}\n"
PAGE = "---\ntitle: {title}\n---\n{body}\n"
EXTRA = {
    "programs/winter.yaml": WINTER,
    "content/news/2026-10-01-opening.en.md": NEWS.format(title="Opening", body="We open."),
    "content/news/2026-10-01-opening.ru.md": NEWS.format(title="Открытие", body="Мы открываемся."),
    "content/pages/about.en.md": PAGE.format(title="About", body="About us."),
    "content/pages/about.ru.md": PAGE.format(title="О нас", body="О нас."),
}
OLD_TIME = 1_000_000_000  # seconds since 1970: lock files set to it show whether a build wrote them again


def locks(root: Path) -> dict[str, bytes]:
    folder = root / "translations"
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def age(root: Path) -> None:
    for path in (root / "translations").rglob("*.lock"):
        os.utime(path, (OLD_TIME, OLD_TIME))


def rewritten(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in (root / "translations").rglob("*.lock")
            if path.stat().st_mtime != OLD_TIME}


def edit(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, old
    (root / path).write_text(text.replace(old, new), encoding="utf-8")


def test_each_item_has_its_own_lock_file_placed_like_the_item(make_site, tmp_path):
    root = make_site(EXTRA)
    assert build_site(root, tmp_path / "out").written
    assert sorted(locks(root)) == ["translations/content/news/2026-10-01-opening.lock",
                                   "translations/content/pages/about.lock", "translations/partners/acme.lock",
                                   "translations/programs/summer.lock", "translations/programs/winter.lock",
                                   "translations/site.lock"]
    assert not (root / "translations.lock").exists()
    agreed = lambda en, ru: f"en {fingerprint(en)} {fingerprint(ru)}"  # noqa: E731
    assert locks(root)["translations/programs/summer.lock"].decode() == (
        f"location.city ru {agreed('Shanghai', 'Шанхай')}\n"
        f"summary ru {agreed('Two weeks of engineering.', 'Две недели инженерии.')}\n"
        f"title ru {agreed('Summer school', 'Летняя школа')}\n")


def test_an_edit_to_one_program_rewrites_its_lock_file_and_no_other(make_site, tmp_path):
    root = make_site(EXTRA)
    assert build_site(root, tmp_path / "out").written
    before = locks(root)
    age(root)
    assert build_site(root, tmp_path / "out").written
    assert rewritten(root) == set(), "a build with nothing changed writes no lock file"
    edit(root, "programs/summer.yaml", "ru: Две недели инженерии.", "ru: Три недели инженерии.")
    assert build_site(root, tmp_path / "out").written
    assert rewritten(root) == {"translations/programs/summer.lock"}
    after = locks(root)
    assert after["translations/programs/summer.lock"] != before["translations/programs/summer.lock"]
    assert {path: text for path, text in after.items() if "summer" not in path} == \
        {path: text for path, text in before.items() if "summer" not in path}


def test_the_lock_file_of_a_removed_item_is_removed_and_nothing_else(make_site, tmp_path):
    root = make_site(EXTRA)
    assert build_site(root, tmp_path / "out").written
    (root / "translations/README.md").write_text("Written by the build.\n", encoding="utf-8")
    (root / "translations/programs/notes.txt").write_text("mine\n", encoding="utf-8")
    (root / "programs/winter.yaml").unlink()
    for path in ("content/news/2026-10-01-opening.en.md", "content/news/2026-10-01-opening.ru.md"):
        (root / path).unlink()
    assert build_site(root, tmp_path / "out").written
    assert sorted(locks(root)) == ["translations/README.md", "translations/content/pages/about.lock",
                                   "translations/partners/acme.lock", "translations/programs/notes.txt",
                                   "translations/programs/summer.lock", "translations/site.lock"]
    assert not (root / "translations/content/news").exists(), "a folder the removal left empty goes too"


def test_an_item_left_with_nothing_translated_loses_its_lock_file(make_site, tmp_path):
    root = make_site()
    assert build_site(root, tmp_path / "out").written
    (root / "partners/acme.yaml").write_text("name: {en: Acme University}\nkind: university\ncountry: CN\n",
                                             encoding="utf-8")
    assert build_site(root, tmp_path / "out").written
    assert not (root / "translations/partners/acme.lock").exists()
    assert (root / "translations/programs/summer.lock").is_file()


def test_the_single_lock_file_of_earlier_versions_is_read_and_moved_into_the_folder(make_site, tmp_path):
    root = make_site()
    # Recorded when the English summary read differently: the Russian one, unchanged since, is stale.
    old = (f"# translations.lock: the original text each translation was made from, as fingerprints.\n"
           f"programs/summer.yaml summary ru en {fingerprint('One week of engineering.')} "
           f"{fingerprint('Две недели инженерии.')}\n")
    (root / "translations.lock").write_text(old, encoding="utf-8")
    assert build_site(root, tmp_path / "out").written
    assert not (root / "translations.lock").exists()
    summer = (root / "translations/programs/summer.lock").read_text(encoding="utf-8").splitlines()
    assert (f"summary ru en {fingerprint('One week of engineering.')} {fingerprint('Две недели инженерии.')}"
            in summer), "the stale record is kept as it was"
    assert f"title ru en {fingerprint('Summer school')} {fingerprint('Летняя школа')}" in summer


def test_edits_to_two_programs_on_two_branches_touch_disjoint_lock_files(make_site, tmp_path):
    base = make_site(EXTRA)
    assert build_site(base, tmp_path / "out").written
    branches = {}
    for name, program, old, new in (("one", "programs/summer.yaml", "Летняя школа", "Летний лагерь"),
                                    ("two", "programs/winter.yaml", "Зимняя школа", "Зимний лагерь")):
        root = tmp_path / name
        shutil.copytree(base, root)
        edit(root, program, old, new)
        assert build_site(root, tmp_path / f"out-{name}").written
        branches[name] = {path for path, text in locks(root).items() if locks(base).get(path) != text}
    assert branches == {"one": {"translations/programs/summer.lock"}, "two": {"translations/programs/winter.lock"}}
    merged = tmp_path / "merged"
    shutil.copytree(base, merged)
    for name in ("one", "two"):  # what git does with changes to different files
        for path in branches[name]:
            shutil.copy(tmp_path / name / path, merged / path)
    edit(merged, "programs/summer.yaml", "Летняя школа", "Летний лагерь")
    edit(merged, "programs/winter.yaml", "Зимняя школа", "Зимний лагерь")
    merged_locks = locks(merged)
    assert build_site(merged, tmp_path / "out-merged").written
    assert locks(merged) == merged_locks, "the merged lock is what a build of both edits writes"


def test_a_lock_file_that_is_a_link_is_replaced_not_written_through(make_site, tmp_path):
    root = make_site()
    assert build_site(root, tmp_path / "out").written
    kept = root / "_kept.lock"
    kept.write_text("title ru en 0000000000000000 0000000000000000\n", encoding="utf-8")
    lock = root / "translations/programs/summer.lock"
    lock.unlink()
    lock.symlink_to(kept)
    assert build_site(root, tmp_path / "out").written
    assert not lock.is_symlink() and "Летняя школа" not in kept.read_text(encoding="utf-8")
    assert kept.read_text(encoding="utf-8") == "title ru en 0000000000000000 0000000000000000\n"
