"""List a site's files without ever leaving the site.

A link is followed only to a file or folder of the same site that is not hidden. A link that leads
outside, into a hidden folder (.git), to nothing or round in a loop, a folder that cannot be listed and
a file that cannot be read are each refused with a problem, and never read. The generator's own theme
and catalogs are walked the same way, within the generator's folder.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .problems import Position, Problem

COPY_HINT = "copy the {what} into the site in place of the link, or remove the link"
POINT_HINT = "point it to a file of the site, or remove it"


def is_hidden(name: str) -> bool:
    """Files and folders named .… belong to tools (.git, editors' own), never to the site or its theme."""
    return name.startswith(".")


def is_ignored(name: str) -> bool:
    """Files and folders named _… or .… are not part of the site (drafts, notes, .git)."""
    return name.startswith("_") or is_hidden(name)


def nothing_ignored(name: str) -> bool:
    """For folders whose every file is read, such as templates (_macros.html)."""
    return False


@dataclass(frozen=True)
class Folder:
    """A folder to list, and the folder its links must stay in: the site's root, or the generator's."""

    path: Path
    within: Path


@dataclass(frozen=True)
class Listing:
    files: tuple[Path, ...] = ()  # as named inside the folder (never resolved), sorted
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Entry:
    """What a path is, as far as the site lets it be followed."""

    kind: str  # "file", "folder", "missing" or "refused"
    real: str = ""  # where it really is, for files and folders
    problem: Problem | None = None  # why it was refused


def look(path: Path, within: Path) -> Entry:
    """One named file or folder (site.yaml, a catalog), checked like a walk checks each file and folder on the way."""
    if not os.path.isdir(within):
        return Entry("missing")
    found = Entry("folder", os.path.realpath(within))
    current = within
    for part in path.relative_to(within).parts:
        if found.kind != "folder":
            return Entry("missing")
        current = current / part
        found = _step(current, within, found.real)
        if found.kind in ("missing", "refused"):
            break
    return found


def _step(path: Path, within: Path, parent_real: str) -> Entry:
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return Entry("missing")
    except OSError as exc:
        return _unreadable(path, within, exc.strerror, is_folder=False)
    if stat.S_ISLNK(info.st_mode):
        return _follow(path, within)
    return _plain(path, within, info.st_mode, os.path.join(parent_real, path.name))


def readable_file(path: Path, within: Path) -> bool:
    """The path is a regular file the site may read: reached without leaving `within`."""
    return look(path, within).kind == "file"


def walk(folder: Path, within: Path, skip: Callable[[str], bool] = is_ignored) -> Listing:
    """Every file under `folder` (inside `within`), skipping names `skip` accepts, and what was refused.

    A missing folder has no files and no problems: every folder of a site is optional.
    """
    top = look(folder, within)
    if top.kind == "refused":
        return Listing(problems=(top.problem,))
    if top.kind != "folder":
        return Listing()
    files: list[Path] = []
    problems: list[Problem] = []
    home = os.path.realpath(within)
    ancestors = {home, *(os.path.realpath(parent) for parent in folder.parents if parent.is_relative_to(within))}
    _descend(folder, top.real, frozenset({*ancestors, top.real}), within, skip, files, problems)
    return Listing(tuple(sorted(files)), tuple(problems))


def _descend(folder: Path, real: str, ancestors: frozenset[str], within: Path, skip: Callable[[str], bool],
             files: list[Path], problems: list[Problem]) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(_unreadable(folder, within, exc.strerror, is_folder=True).problem)
        return
    for entry in entries:
        if skip(entry.name):
            continue
        path = Path(entry.path)
        found = _entry(entry, path, real, within)
        if found.kind == "folder" and found.real in ancestors:
            problems.append(_refused(path, within, message="this link leads back into a folder it is in "
                                     f"({_shown_real(found.real, within)}), so its files would be listed forever",
                                     hint="link to a folder that does not hold the link, or remove it").problem)
        elif found.kind == "folder":
            _descend(path, found.real, ancestors | {found.real}, within, skip, files, problems)
        elif found.kind == "file":
            files.append(path)
        elif found.kind == "refused":
            problems.append(found.problem)


def _entry(entry: os.DirEntry, path: Path, parent_real: str, within: Path) -> Entry:
    """Like look(), from what listing the folder already told: no system call for most entries."""
    real = os.path.join(parent_real, entry.name)
    try:
        if entry.is_symlink():
            return _follow(path, within)
        if entry.is_dir(follow_symlinks=False):
            return Entry("folder", real)
        mode = stat.S_IFREG if entry.is_file(follow_symlinks=False) else entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return _unreadable(path, within, exc.strerror, is_folder=False)
    return _plain(path, within, mode, real)


def _plain(path: Path, within: Path, mode: int, real: str) -> Entry:
    """A file or folder that is what it says (not a link)."""
    if stat.S_ISDIR(mode):
        return Entry("folder", real)
    if not stat.S_ISREG(mode):
        return _refused(path, within, message=f"this is not a regular file but {_special(mode)}",
                        hint="replace it with a regular file, or remove it")
    if not os.access(path, os.R_OK):
        return _unreadable(path, within, os.strerror(errno.EACCES), is_folder=False)
    return Entry("file", real)


def _follow(path: Path, within: Path) -> Entry:
    """A link: followed only to where the site may read."""
    home = os.path.realpath(within)
    real = os.path.realpath(path)
    is_folder = os.path.isdir(real)
    what = "folder" if is_folder else "file"
    if not _is_inside(real, home):
        return _refused(path, within, message=f"this is a link to a {what} outside the site ({real}); it is not read",
                        hint=COPY_HINT.format(what=what))
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _refused(path, within, message="this link goes round in a loop of links", hint=POINT_HINT)
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return _refused(path, within, message=f"this link points to nothing ({os.readlink(path)})", hint=POINT_HINT)
        return _unreadable(path, within, exc.strerror, is_folder=is_folder)
    hidden = [part for part in Path(os.path.relpath(real, home)).parts if is_hidden(part)]
    if hidden:
        return _refused(path, within, message=f"this is a link to a hidden {what} of the site "
                        f"({_shown_real(real, within)}), which is never published", hint=COPY_HINT.format(what=what))
    return _plain(path, within, info.st_mode, real)


def _is_inside(real: str, home: str) -> bool:
    return real == home or real.startswith(home.rstrip(os.sep) + os.sep)


def _unreadable(path: Path, within: Path, reason: str | None, is_folder: bool) -> Entry:
    what = "folder" if is_folder else "file"
    command = "chmod -R a+rX" if is_folder else "chmod a+r"
    return _refused(path, within, message=f"this {what} cannot be read ({reason or 'unknown reason'})",
                    hint=f"let the user who builds the site read it ({command} '{_shown(path, within)}'), "
                    "or start its name with _ to leave it out")


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _refused(path: Path, within: Path, message: str, hint: str) -> Entry:
    return Entry("refused", problem=Problem(Position(_shown(path, within)), "error", "", message, hint))


def _shown(path: Path, within: Path) -> str:
    return path.relative_to(within).as_posix() if path.is_relative_to(within) else str(path)


def _shown_real(real: str, within: Path) -> str:
    relative = os.path.relpath(real, os.path.realpath(within))
    return "the site's own folder" if relative == "." else Path(relative).as_posix()
