"""Which folder a build may replace: its own earlier output, an empty folder or a new one, and nothing else.

The build records what it wrote in a marker file inside the output (`MARKER`). A folder without that
record, or holding anything the record does not list, was not written by us, and replacing it would
lose someone's files: the build refuses it unless told `--force`. Some folders are refused even then:
`/`, the user's home, the site itself and its source folders, and anything containing them.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

MARKER = ".sitegen.json"
GENERATOR = "sitegen"
# Folders of a site that hold its sources or its history, besides the ones it names in site.yaml.
SOURCE_FOLDERS = ("programs", "partners", "content", "locales", "theme", ".git", ".cache")
SHOWN = 3  # unknown entries named in a refusal


class OutputRefused(Exception):
    """The output folder cannot be used; nothing was touched."""


@dataclass(frozen=True)
class Published:
    """What the output folder holds now, as far as this generator can tell."""

    build: str | None  # the id of the build that wrote it, or None when it is not a complete output of ours
    files: frozenset[str] = frozenset()


def is_safe_relative(name: str) -> bool:
    """A plain relative POSIX path that stays inside its folder (no '..', no absolute, no empty part)."""
    if not name or "\\" in name or "\0" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def check_output(out: Path, root: Path, protected: Iterable[Path], force: bool, thorough: bool = True) -> Published:
    """Refuse an output folder the build must not replace; else say what it holds now.

    `out` is taken as it resolves (a link to a folder names that folder) and must not exist as a file.
    Not `thorough`: an earlier output of ours is taken as it says, without listing every file in it.
    """
    _refuse_protected(out, root, protected)
    if not os.path.lexists(out):
        return Published(None)
    if not out.is_dir():
        raise OutputRefused(f"{out} exists and is not a folder: name another output folder with --out")
    record = read_marker(out)
    if record is not None and not thorough:
        return Published(None)
    if record is None:  # not ours: anything in it at all is someone else's
        unknown = sorted(entry.name for entry in os.scandir(out))
        present = frozenset()
    else:
        present, folders = _walk(out)
        unknown = sorted((present - record.files - {MARKER}) | (folders - folders_of(record.files)))
    if not unknown or force:
        return record if record and not unknown and record.files <= present else Published(None)
    shown = ", ".join(unknown[:SHOWN]) + (f" and {len(unknown) - SHOWN} more" if len(unknown) > SHOWN else "")
    raise OutputRefused(f"{out} holds files this generator did not write ({shown}); a build would replace "
                        f"them: name an empty or new folder with --out, or pass --force to replace it")


def _refuse_protected(out: Path, root: Path, protected: Iterable[Path]) -> None:
    out = out.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        raise OutputRefused(f"{out} is the whole file system: name a folder of its own with --out")
    if home.is_relative_to(out):
        raise OutputRefused(f"{out} contains your home folder: name a folder of its own with --out")
    root = root.resolve()
    if root.is_relative_to(out):
        raise OutputRefused(f"{out} holds the site itself ({root}): name a folder of its own with --out, "
                            f"such as {root / 'public'}")
    for folder in (root / name for name in SOURCE_FOLDERS):
        _refuse_overlap(out, folder, "the site's")
    for folder in protected:
        _refuse_overlap(out, folder, "the generator's")


def _refuse_overlap(out: Path, folder: Path, whose: str) -> None:
    folder = folder.resolve()
    if out.is_relative_to(folder) or folder.is_relative_to(out):
        raise OutputRefused(f"{out} overlaps {whose} folder {folder}, which a build must never replace: "
                            f"name a folder of its own with --out")


def read_marker(folder: Path) -> Published | None:
    try:
        record = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        files = record["files"]
        if record["generator"] != GENERATOR or not isinstance(record["build"], str) or not isinstance(files, list):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(isinstance(name, str) and is_safe_relative(name) for name in files):
        return None
    return Published(record["build"], frozenset(files))


def marker_text(build: str, files: Iterable[str]) -> str:
    record = {"generator": GENERATOR, "build": build, "files": sorted(files),
              "about": "written by sitegen: the next build replaces this folder whole"}
    return json.dumps(record, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def folders_of(files: Iterable[str]) -> set[str]:
    """Every folder that holds one of the files (at any depth), as relative POSIX paths."""
    folders: set[str] = set()
    for name in files:
        folder = name.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def _walk(folder: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Every file (and link) under the folder, and every folder, as relative POSIX paths; links are not followed."""
    files, folders, pending, top = [], [], [""], os.fspath(folder)
    while pending:  # plain strings and os.scandir: an output holds tens of thousands of entries
        relative = pending.pop()
        prefix = f"{relative}/" if relative else ""
        try:
            with os.scandir(f"{top}/{relative}" if relative else top) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(prefix + entry.name)
                        pending.append(prefix + entry.name)
                    else:
                        files.append(prefix + entry.name)
        except OSError as error:
            _raise(error)
    return frozenset(files), frozenset(folders)


def _raise(error: OSError) -> None:
    raise OutputRefused(f"cannot read the output folder: {error.filename}: {error.strerror}")
