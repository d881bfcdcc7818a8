"""What the watcher knows of a site's files: their signatures under the watched names, and what differs."""
from __future__ import annotations

import contextlib
import os
import stat as stats
from pathlib import Path

from ..foundation.fingerprints import signature
from ..foundation.walk import is_hidden, look
from .changes import WATCHED, Change

Snapshot = dict[str, tuple[int, int, int]]  # relative path → (modification time in ns, size, inode)


def snapshot(root: Path, names: tuple[str, ...] = WATCHED, folders: set[str] | None = None) -> Snapshot:
    """Every file under the watched names; hidden folders (.git, editors' own) are skipped.

    `folders`, when given, receives every folder walked (relative paths), the ones events are heard from.
    """
    found: Snapshot = {}
    for name in names:
        if "/" in name:
            _entry(str(root / name), name, found, folders)
            continue
        top = root / name
        kind = look(top, root).kind
        if kind == "folder":
            _walk(str(top), name, found, folders)
        elif kind != "missing":  # a link out of the site is watched as a link, never walked
            with contextlib.suppress(OSError):
                stat = top.stat() if kind == "file" else top.lstat()
                found[name] = signature(stat)
    return found


def _walk(folder: str, relative: str, found: Snapshot, folders: set[str] | None) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed while we looked, or unreadable (the build says so): nothing to hear there
        return
    if folders is not None:
        folders.add(relative)
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if not is_hidden(entry.name):
                    _walk(entry.path, f"{relative}/{entry.name}", found, folders)
            else:
                try:
                    stat = entry.stat()
                except OSError:  # a link to nothing: a change all the same, which the build will report
                    stat = entry.stat(follow_symlinks=False)
                found[f"{relative}/{entry.name}"] = signature(stat)
        except OSError:
            continue


def _entry(path: str, relative: str, found: Snapshot, folders: set[str] | None) -> None:
    """One path inside a watched folder, as the walk of its folder would see it (a link is never followed)."""
    if any(is_hidden(part) for part in relative.split("/")[:-1]):
        return
    try:
        info = os.lstat(path)
        if stats.S_ISDIR(info.st_mode):
            if not is_hidden(os.path.basename(path)):
                _walk(path, relative, found, folders)
            return
        with contextlib.suppress(OSError):
            info = os.stat(path)
        found[relative] = signature(info)
    except OSError:  # gone
        return


def differences(before: Snapshot, after: Snapshot) -> list[Change]:
    changes = [Change(path, "removed") for path in before.keys() - after.keys()]
    changes += [Change(path, "added") for path in after.keys() - before.keys()]
    changes += [Change(path, "modified") for path in before.keys() & after.keys() if before[path] != after[path]]
    return sorted(changes, key=lambda change: change.path)
