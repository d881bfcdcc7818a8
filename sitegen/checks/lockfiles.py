"""The translation lock on disk: a folder `translations/` at the site's root with one small file per item,
placed like the item itself (`translations/programs/summer.lock` for `programs/summer.yaml`,
`translations/content/news/2025-10-14-shanghai.lock` for that news item's files, `translations/site.lock` for
site.yaml). A file holds one line per translated field and language, sorted:

    field language original original-fingerprint translation-fingerprint

An edit to one item rewrites that item's file only, so two changes about different items never touch the same
lock file. A file is written only when its text changes, and removed when its item is gone or has nothing
translated any more; the build removes nothing else. Files are listed and read through the site's safe walk,
so a link out of the site is never followed. A site that still has the single `translations.lock` of earlier
versions has it read as the recorded state; the first write of the folder removes it.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..foundation.walk import look, walk

FOLDER = "translations"
SUFFIX = ".lock"
OLD_FILE = "translations.lock"  # the single lock file of earlier versions

Key = tuple[str, str, str]  # item key, field, translation language


@dataclass(frozen=True)
class Entry:
    original: str  # language of the original text
    source: str  # fingerprint of the original text the translation agrees with
    translation: str  # fingerprint of the translation at that time


@dataclass(frozen=True)
class Stored:
    """What the site's lock holds now."""

    entries: dict[Key, Entry] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # lock file (relative to the root) → its text
    old_file: bool = False  # the single file of earlier versions is there
    found: bool = False  # the site has a lock at all (else nothing is recorded yet)


def lock_path(item: str) -> str:
    """The lock file of an item key: its path under the folder, `.yaml` replaced by `.lock`."""
    return f"{FOLDER}/{item.removesuffix('.yaml')}{SUFFIX}"


def item_of(path: str) -> str | None:
    """The item key a lock file is for, or None for a file that is no item's lock (left alone)."""
    if not path.startswith(FOLDER + "/") or not path.endswith(SUFFIX):
        return None
    parts = path[len(FOLDER) + 1:-len(SUFFIX)].split("/")
    if parts == ["site"]:
        return "site.yaml"
    if len(parts) == 2 and parts[0] in ("programs", "partners"):
        return "/".join(parts) + ".yaml"
    if len(parts) == 3 and parts[:2] in (["content", "news"], ["content", "pages"]):
        return "/".join(parts)
    return None


def read_stored(root: Path) -> Stored:
    entries: dict[Key, Entry] = {}
    old_text = _read(root / OLD_FILE) if look(root / OLD_FILE, root).kind == "file" else None
    for line in (old_text or "").splitlines():  # a link out of the site is refused (discover says so), never read
        parts = line.split()
        if len(parts) == 6 and not line.startswith("#"):
            entries[(parts[0], parts[1], parts[2])] = Entry(*parts[3:])
    texts = {}
    for path in walk(root / FOLDER, root).files:  # what the walk refuses, discover reports
        relative = path.relative_to(root).as_posix()
        item = item_of(relative)
        text = _read(path) if item else None
        if text is None:
            continue
        texts[relative] = text
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 5 and not line.startswith("#"):
                entries[(item, parts[0], parts[1])] = Entry(*parts[2:])
    return Stored(entries, texts, old_text is not None, old_text is not None or bool(texts))


def read_lock(root: Path) -> dict[Key, Entry] | None:
    """The recorded entries; None when the site has no lock yet."""
    stored = read_stored(root)
    return stored.entries if stored.found else None


def lock_texts(entries: Mapping[Key, Entry]) -> dict[str, str]:
    """The text of each item's lock file, for the items that have entries."""
    lines: dict[str, list[str]] = {}
    for (item, name, code), entry in sorted(entries.items()):
        lines.setdefault(lock_path(item), []).append(f"{name} {code} {entry.original} {entry.source} "
                                                     f"{entry.translation}\n")
    return {path: "".join(found) for path, found in lines.items()}


def write_lock(root: Path, entries: Mapping[Key, Entry], stored: Stored | None = None) -> bool:
    """Write the lock files whose text changed and remove those of items that are gone; False when the lock
    cannot be written (a read-only checkout, a folder that leads out of the site)."""
    stored = stored if stored is not None else read_stored(root)
    wanted = lock_texts(entries)
    if look(root / FOLDER, root).kind not in ("folder", "missing"):
        return False
    folders: dict[Path, bool] = {}
    try:
        for relative, text in wanted.items():
            if stored.texts.get(relative) != text and not _write(root, root / relative, text, folders):
                return False
        for relative in stored.texts.keys() - wanted.keys():
            _remove(root, root / relative)
        if stored.old_file:
            (root / OLD_FILE).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def replace_file(root: Path, path: Path, text: str) -> bool:
    """Write a file of the site whole and at once (a reader sees the old text or the new, never half); False when
    its folder leads out of the site."""
    return _write(root, path, text, {})


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write(root: Path, path: Path, text: str, folders: dict[Path, bool]) -> bool:
    """Replace the file whole (a link in its place is replaced, never written through); False when its folder
    leads out of the site."""
    folder = path.parent
    if folder not in folders:
        folders[folder] = look(folder, root).kind in ("folder", "missing")
    if not folders[folder]:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)  # hidden: no walk lists it
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _remove(root: Path, path: Path) -> None:
    """Remove an item's lock file, then the folders it leaves empty (never the lock folder itself)."""
    path.unlink(missing_ok=True)
    top = root / FOLDER
    folder = path.parent
    while folder != top and folder.is_relative_to(top) and not folder.is_symlink():
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent
