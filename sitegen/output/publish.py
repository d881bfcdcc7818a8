"""Publish a build so that the output folder is always the whole old site or the whole new one.

A build writes into a staging folder beside the output, links into it every unchanged file of the
previous output (hard links: no copying, no space), records what it wrote (outfolder.MARKER), and
then exchanges the two folders in one step (Linux renameat2 with RENAME_EXCHANGE). A process killed
at any instant leaves either the old folder or the new one in place, plus a staging folder that the
next build removes. One build at a time holds the output's lock; a second one is refused.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import filecmp
import fcntl
import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from .outfolder import MARKER, OutputRefused, Published, folders_of, is_safe_relative, marker_text

AT_FDCWD = -100
RENAME_EXCHANGE = 2
# File systems or kernels without the exchange: the two folders then swap with two renames.
NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def _stage_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the output's lock file (beside it) for the whole build; refuse when another build holds it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise OutputRefused(f"another build is writing {out} right now: wait for it to finish, "
                                f"then build again") from None
        if _same_file(descriptor, path):
            break
        os.close(descriptor)  # the build that held it removed it meanwhile: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(descriptor)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        held, named = os.fstat(descriptor), os.stat(path)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed; only folders of ours (empty, or with our marker).

    Call with the output's lock held, so that no running build owns them.
    """
    for path in out.parent.glob(f"{_stage_prefix(out)}*"):
        if path.is_dir() and not path.is_symlink() and (not any(path.iterdir()) or (path / MARKER).is_file()):
            _remove_marked(path)


def _remove_marked(folder: Path) -> None:
    """Delete a folder of ours with its marker last, so that a kill midway leaves it recognisably ours."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A new folder beside `out`, marked as ours at once; removed on leaving, whatever it then holds."""
    stage = Path(tempfile.mkdtemp(prefix=_stage_prefix(out), dir=out.parent))
    try:
        (stage / MARKER).write_text(marker_text("", ()), encoding="utf-8")
        yield stage
    finally:
        with contextlib.suppress(OSError):  # what is left, the next build removes
            _remove_marked(stage)


def link_unchanged(stage: Path, out: Path, files: set[str]) -> None:
    """Fill the stage with the files this build kept from the previous output, as hard links to them."""
    names = sorted(files)
    for relative in names:
        if not is_safe_relative(relative):
            raise ValueError(f"not a path inside the output: {relative!r}")
    # Plain strings, each folder made once and a single call per file: pathlib would cost more than the links.
    stage_name, out_name = os.fspath(stage), os.fspath(out)
    for folder in sorted(folders_of(names)):  # a folder sorts before what it holds
        try:
            os.mkdir(f"{stage_name}/{folder}")
        except FileExistsError:
            pass
    for relative in names:
        _link(f"{out_name}/{relative}", f"{stage_name}/{relative}")


def _link(source: str, target: str) -> None:
    """Link a kept file into the stage (a copy where links fail); nothing when this build wrote it there."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if os.path.lexists(target):  # checked after the failure: most kept files are not there yet
            return
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copyfile(source, target, follow_symlinks=False)


def same_as_published(stage: Path, out: Path, build: str, files: set[str], published: Published) -> bool:
    """Publishing would change nothing: the same build, the same files, and each file written again is identical."""
    if published.build != build or published.files != files:
        return False
    out_name = os.fspath(out)
    return all(filecmp.cmp(path, f"{out_name}/{relative}", shallow=False) for path, relative in _staged(stage))


def publish(stage: Path, out: Path, build: str, files: set[str]) -> None:
    """Record what the stage holds, then make it the output in one step; the old output goes."""
    temporary = stage / f"{MARKER}.new"
    temporary.write_text(marker_text(build, files), encoding="utf-8")
    os.replace(temporary, stage / MARKER)
    stage.chmod(0o755)  # mkdtemp makes it private
    if not os.path.lexists(out):
        os.rename(stage, out)
        return
    exchange(stage, out)
    # The stage's name now holds the previous output; `staging` removes it on leaving.


def update_in_place(stage: Path, out: Path, build: str, files: set[str], published: Published) -> None:
    """Make `out` the new site file by file: move in each staged file that differs, remove the files that went.

    For an output folder nobody else reads as a whole (the dev server's): a reader may see old and new files
    side by side while it runs, never half a file. Files kept unchanged from `out` are not touched at all.
    """
    out_name = os.fspath(out)
    for path, relative in _staged(stage):
        target = f"{out_name}/{relative}"
        if os.path.isfile(target) and filecmp.cmp(path, target, shallow=False):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(path, target)
    for relative in sorted(published.files - files):
        if not is_safe_relative(relative):
            raise ValueError(f"not a path inside the output: {relative!r}")
        (out / relative).unlink(missing_ok=True)
        for folder in (out / relative).parents:  # folders the removed file leaves empty go too
            if folder == out or any(folder.iterdir()):
                break
            folder.rmdir()
    temporary = out / f"{MARKER}.new"
    temporary.write_text(marker_text(build, files), encoding="utf-8")
    os.replace(temporary, out / MARKER)


def _staged(stage: Path) -> Iterator[tuple[str, str]]:
    """Every file this build wrote into the stage but the marker: its path, and its name in the output."""
    top = os.fspath(stage)
    for current, _, names in os.walk(top):  # plain strings: the stage may hold thousands of files
        for name in names:
            path = os.path.join(current, name)
            relative = path[len(top) + 1:]
            if relative != MARKER:
                yield path, relative


def exchange(first: Path, second: Path) -> None:
    """Swap two folders atomically where the system can; else by two renames (a short gap without `second`)."""
    sys.audit("sitegen.exchange", str(first), str(second))
    rename = _renameat2()
    if rename is not None:
        if rename(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
            return
        error = ctypes.get_errno()
        if error not in NO_EXCHANGE:
            raise OSError(error, os.strerror(error), str(second))
    aside = first.with_name(first.name + ".previous")
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)


@functools.cache
def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def published_path(error: OSError, out: Path) -> Path:
    """The file an error names, as it would have been published: a staged file by its place in the output."""
    names = [Path(name) for name in (error.filename2, error.filename) if name]  # a copy names its source, then its target
    for name in names:
        if name.is_relative_to(out.parent) and name != out.parent:
            first, *rest = name.relative_to(out.parent).parts
            if first.startswith(_stage_prefix(out)):
                return out.joinpath(*rest)
    return names[-1] if names else out
