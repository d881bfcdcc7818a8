"""Notice files added, modified or removed under a site's watched folders.

The operating system says which paths were touched (inotify, FSEvents, ReadDirectoryChangesW, through
watchfiles and Rust's notify): each watched folder is heard on its own, never recursively, so hidden
folders cost nothing and a link is never followed. Only the touched paths are looked at again, against
what the watcher knew of them, so an editor's save in steps (a temporary file renamed over the old one)
is one modification, as a scan would report it. Where events cannot be had, the whole site is scanned
instead, as often as the size of the site allows.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from watchfiles._rust_notify import RustNotify

from ..foundation.walk import is_hidden
from .changes import WATCHED, Change
from .snapshot import Snapshot, differences, snapshot

QUIET = 0.03  # seconds without further changes before a batch is handed over (editors save in steps)
LONGEST_BATCH = 2.0
POLLING_VARIABLE = "WATCHFILES_FORCE_POLLING"  # watchfiles' own switch, honoured the same way
# File systems whose changes made elsewhere (another machine, the host of a virtual machine) send no events.
REMOTE_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "drvfs", "vboxsf", "fuse.sshfs"})


class Watcher:
    """Hears the site's changes from the operating system, or scans it where events are unavailable."""

    def __init__(self, root: Path, interval: float = 0.05, polling: bool | None = None) -> None:
        self.root, self.least_interval, self.interval = root, interval, interval
        self.base = os.path.abspath(root)
        self.folders: set[str] = set()  # every folder walked, each heard on its own
        self.current = self._look()
        self.events: RustNotify | None = None
        reason = polling_reason(self.base) if polling is None else ("asked to" if polling else None)
        if reason is None:
            self._listen()
        elif polling is None:
            _say(root, reason)

    @property
    def polling(self) -> bool:
        return self.events is None

    def _look(self) -> Snapshot:
        started = time.perf_counter()
        folders: set[str] = set()
        found = snapshot(self.root, folders=folders)
        self.folders = folders
        self.interval = max(self.least_interval, 10 * (time.perf_counter() - started))
        return found

    def _listen(self) -> set[str]:
        """Hear the root (for site.yaml and the watched folders themselves) and every known folder.

        Returns what the previous listener heard in the meantime; falls back to scanning if events fail.
        """
        previous, self.events = self.events, None
        for _ in range(2):
            self.folders = {folder for folder in self.folders if os.path.isdir(os.path.join(self.base, folder))}
            paths = [self.base, *(os.path.join(self.base, folder) for folder in sorted(self.folders))]
            try:
                self.events = RustNotify(paths, False, False, 0, False, False)
                break
            except FileNotFoundError:  # a folder went away as it was added: once more without it
                continue
            except (OSError, RuntimeError) as exc:
                _say(self.root, f"events are unavailable ({exc})")
                break
        else:
            _say(self.root, "its folders kept vanishing as they were listened to")
        if previous is None:
            return set()
        heard = previous.watch(int(QUIET * 1000), 1, 1, None)
        previous.close()
        return set() if isinstance(heard, str) else {path for _, path in heard}

    def absorb(self, paths: tuple[str, ...]) -> None:
        """Take what the build itself writes (the lock files) as it is now, so it does not start another build;
        a folder is taken whole, files the build removed from it included."""
        for path in paths:
            for known in [name for name in self.current if name == path or name.startswith(path + "/")]:
                del self.current[known]
            self.current.update(snapshot(self.root, (path,)))

    def wait(self, stop: threading.Event | None = None) -> list[Change]:
        """Block until something changed and then settled; returns the batch (empty if `stop` was set)."""
        while not (stop and stop.is_set()):
            changes = self._poll(stop) if self.events is None else self._hear(stop)
            if changes:
                return changes
        return []

    def _hear(self, stop: threading.Event | None) -> list[Change]:
        assert self.events is not None
        try:
            heard = self.events.watch(int(LONGEST_BATCH * 1000), int(QUIET * 1000), 500, stop)
        except (OSError, RuntimeError) as exc:  # the events stopped coming: scan, against what is known
            self.events.close()
            self.events = None
            _say(self.root, f"events stopped ({exc})")
            return []
        if isinstance(heard, str):  # "timeout", "stop" or "signal"
            return []
        original: Snapshot = {}  # what was known of every affected path that existed
        affected: set[str] = set()
        paths, rechecked = {path for _, path in heard}, set()
        while paths:
            touched, folders = self._touched(paths), set(self.folders)
            before = self._known(touched)
            after = self._examine(touched)
            for path in before:
                del self.current[path]
            self.current.update(after)
            for path in (before.keys() | after.keys()) - affected:
                affected.add(path)
                if path in before:
                    original[path] = before[path]
            paths = set()
            # A folder came or went, or one was touched itself (replaced, perhaps): hear the folders as they
            # are now, then look once more at what was touched, for what happened before they were heard.
            replaced = self.folders != folders or any(name in folders - rechecked for name in touched)
            if replaced and self.events is not None:
                rechecked = set(touched)
                paths = self._listen() | {os.path.join(self.base, name) for name in touched}
        return differences(original, {path: self.current[path] for path in affected if path in self.current})

    def _touched(self, paths: set[str]) -> list[str]:
        """The site-relative paths to look at again: under the watched names, outside hidden folders, and
        not inside another of them (a folder is looked at whole)."""
        relative = set()
        for path in paths:
            name = os.path.relpath(path, self.base).replace(os.sep, "/")
            parts = name.split("/")
            if parts[0] in WATCHED and not any(is_hidden(part) for part in parts[:-1]):
                relative.add(name)
        chosen: list[str] = []
        for name in sorted(relative, key=lambda name: name.split("/")):  # a folder just before what is inside it
            if chosen and name.startswith(chosen[-1] + "/"):
                continue
            chosen.append(name)
        return chosen

    def _known(self, touched: list[str]) -> Snapshot:
        """What is known of the touched paths and of everything under them, heard folders or not (what the
        build wrote into a folder new to the listener was absorbed already)."""
        known: Snapshot = {}
        for name in touched:
            known.update((path, value) for path, value in self.current.items()
                         if path == name or path.startswith(name + "/"))
        return known

    def _examine(self, touched: list[str]) -> Snapshot:
        """The touched paths as they are now; the folders under them replace the ones known there."""
        found: Snapshot = {}
        for name in touched:
            parent = name.rpartition("/")[0]
            self.folders -= {folder for folder in self.folders if folder == name or folder.startswith(name + "/")}
            if not parent or parent in self.folders:  # never through a folder replaced by a link
                found.update(snapshot(self.root, (name,), self.folders))
        return found

    def _poll(self, stop: threading.Event | None) -> list[Change]:
        time.sleep(self.interval)
        latest = self._look()
        if latest == self.current:
            return []
        settled_by = time.monotonic() + LONGEST_BATCH
        while time.monotonic() < settled_by and not (stop and stop.is_set()):
            time.sleep(QUIET)
            again = self._look()
            if again == latest:
                break
            latest = again
        changes, self.current = differences(self.current, latest), latest
        return changes


def _say(root: Path, reason: str) -> None:
    print(f"Watching {root} by scanning its files: {reason}", file=sys.stderr, flush=True)


def polling_reason(base: str) -> str | None:
    """Why events cannot be trusted for the folder (asked by the environment, or a remote file system)."""
    asked = os.environ.get(POLLING_VARIABLE, "")
    if asked and asked.lower() not in {"false", "disable", "disabled"}:
        return f"{POLLING_VARIABLE} is set"
    kind = file_system(base)
    if kind in REMOTE_FILE_SYSTEMS:
        return f"it is on a {kind} file system, whose changes made elsewhere send no events"
    return None


def file_system(path: str) -> str | None:
    """The type of the file system the path is on (Linux only; None elsewhere)."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as mounts:
            lines = mounts.read().splitlines()
    except OSError:
        return None
    real, best, kind = os.path.realpath(path), "", None
    for line in lines:
        fields, _, rest = line.partition(" - ")
        point = fields.split(" ")[4].replace("\\040", " ") if len(fields.split(" ")) > 4 else ""
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, rest.split(" ")[0]
    return kind
