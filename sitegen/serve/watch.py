"""Notice files added, modified or removed under a site's watched folders, by polling their metadata."""
from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

from ..foundation.fingerprints import signature
from ..foundation.walk import is_hidden, look
from .changes import WATCHED, Change

Snapshot = dict[str, tuple[int, int, int]]  # relative path → (modification time in ns, size, inode)

QUIET = 0.03  # seconds without further changes before a batch is handed over (editors save in steps)
LONGEST_BATCH = 2.0


def snapshot(root: Path, names: tuple[str, ...] = WATCHED) -> Snapshot:
    """Every file under the watched names; hidden folders (.git, editors' own) are skipped."""
    found: Snapshot = {}
    for name in names:
        top = root / name
        kind = look(top, root).kind
        if kind == "folder":
            _walk(str(top), name, found)
        elif kind != "missing":  # a link out of the site is watched as a link, never walked
            with contextlib.suppress(OSError):
                stat = top.stat() if kind == "file" else top.lstat()
                found[name] = signature(stat)
    return found


def _walk(folder: str, relative: str, found: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed while we looked
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if not is_hidden(entry.name):
                    _walk(entry.path, f"{relative}/{entry.name}", found)
            else:
                try:
                    stat = entry.stat()
                except OSError:  # a link to nothing: a change all the same, which the build will report
                    stat = entry.stat(follow_symlinks=False)
                found[f"{relative}/{entry.name}"] = signature(stat)
        except OSError:
            continue


def differences(before: Snapshot, after: Snapshot) -> list[Change]:
    changes = [Change(path, "removed") for path in before.keys() - after.keys()]
    changes += [Change(path, "added") for path in after.keys() - before.keys()]
    changes += [Change(path, "modified") for path in before.keys() & after.keys() if before[path] != after[path]]
    return sorted(changes, key=lambda change: change.path)


class Watcher:
    """Polls the site; the interval grows with the time one look takes, so large sites cost little CPU."""

    def __init__(self, root: Path, interval: float = 0.05) -> None:
        self.root, self.least_interval = root, interval
        self.interval = interval
        self.current = self._look()

    def _look(self) -> Snapshot:
        started = time.perf_counter()
        found = snapshot(self.root)
        self.interval = max(self.least_interval, 10 * (time.perf_counter() - started))
        return found

    def absorb(self, paths: tuple[str, ...]) -> None:
        """Take files the build itself writes (translations.lock) as they are now, so they do not start another."""
        for path in paths:
            found = snapshot(self.root, (path,))
            self.current.pop(path, None)
            self.current.update(found)

    def wait(self, stop: threading.Event | None = None) -> list[Change]:
        """Block until something changed and then settled; returns the batch (empty if `stop` was set)."""
        while not (stop and stop.is_set()):
            time.sleep(self.interval)
            latest = self._look()
            if latest == self.current:
                continue
            settled_by = time.monotonic() + LONGEST_BATCH
            while time.monotonic() < settled_by:
                time.sleep(QUIET)
                again = self._look()
                if again == latest:
                    break
                latest = again
            changes, self.current = differences(self.current, latest), latest
            if changes:
                return changes
        return []
