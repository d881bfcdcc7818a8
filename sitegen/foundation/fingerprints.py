"""Fingerprints: the digests that tell whether content changed."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from .builtin import PACKAGE
from .walk import nothing_ignored, walk


def digest(*parts: str | bytes, size: int = 16) -> str:
    """BLAKE2b of the parts, each after the first preceded by a NUL, so that ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.blake2b(digest_size=size)
    for number, part in enumerate(parts):
        if number:
            hasher.update(b"\0")
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
    return hasher.hexdigest()


def signature(stat: os.stat_result) -> tuple[int, int, int]:
    """What tells a file's new version from its old one without reading it: time of change, size and inode."""
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def files_digest(folders: Iterable[Path], pattern: str = "*", site: Path | None = None) -> str:
    """One digest of every file's name and bytes under the folders.

    A link is followed within the site the folder belongs to (else within the folder itself), as the build reads it.
    """
    hasher = hashlib.blake2b(digest_size=16)
    for index, folder in enumerate(folders):  # names relative to their folder: the same site anywhere, the same digest
        within = site if site is not None and folder.is_relative_to(site) else folder
        for path in walk(folder, within, nothing_ignored).files:
            if path.match(pattern):
                name = f"{index}/{path.relative_to(folder).as_posix()}"
                hasher.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def code_digest() -> str:
    """The generator's own code: whatever it made from a file before may differ once this changes."""
    return files_digest([PACKAGE], "*.py")


def published_digest(data: bytes) -> str:
    """SHA-256 of a published file's bytes, as others can check it with any tool: 'sha256:' and hex digits."""
    return "sha256:" + hashlib.sha256(data).hexdigest()
