"""What the files besides the pages keep between builds, so that a build changing one program does not remake every
site-wide file whole.

A file is written under a fingerprint of everything it shows, recorded with the pages' (see cache.py): when the
previous build recorded the same fingerprint and its output still holds the file, the file is left out of the stage
and publishing links it from the previous output. Serialised pieces that site-wide files are joined from (an open
data index entry, a sitemap URL, an item's lock entries) are kept by a digest of what they show, in memory by the
dev server and in a JSON file of the build cache. A piece saved by any earlier build (an older generator, other
settings) is simply never looked up; each carries a check digest, and one whose check or shape is wrong is dropped
(made again), never used.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..foundation.fingerprints import digest, signature
from .cache import PageCache
from .write import write_file


@dataclass
class Pieces:
    """Serialised pieces by key (a digest of everything a piece shows), loaded from and saved to one cache file."""

    name: str  # the cache file's name, without .json
    texts: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed: bool = False
    synced: tuple = ()  # the file's state when it last matched what is held here

    def get(self, key: str, make: Callable[[], str]) -> str:
        """The piece under `key`, made (and kept) when it is not held yet."""
        self.used.add(key)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = make()
            self.changed = True
        return text

    def load(self, cache_dir: Path | None) -> None:
        """Add the pieces saved in the cache that pass their check; a file that cannot be read adds nothing."""
        path = self._path(cache_dir)
        if path is None or (self.synced and self.synced == _state(path)):
            return
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        for key, entry in (recorded.items() if isinstance(recorded, dict) else ()):
            if (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                    and entry[1] == digest(key, entry[0]) and key not in self.texts):
                self.texts[key] = entry[0]
        self.synced = _state(path)

    def save(self, cache_dir: Path | None) -> None:
        """Keep the pieces this build used (the others are dropped); nothing is written when nothing changed."""
        path = self._path(cache_dir)
        unused = self.texts.keys() - self.used
        for key in unused:
            del self.texts[key]
        self.used = set()
        if path is None or not (self.changed or unused or not path.is_file()):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        record = {key: [text, digest(key, text)] for key, text in sorted(self.texts.items())}
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
        self.changed, self.synced = False, _state(path)

    def _path(self, cache_dir: Path | None) -> Path | None:
        return None if cache_dir is None else cache_dir / f"{self.name}.json"


def _state(path: Path) -> tuple:
    try:
        return str(path), *signature(path.stat())
    except OSError:
        return ()


@dataclass(frozen=True)
class Kept:
    """Writes the files besides the pages into the stage, each unless the previous output has it as it would be now."""

    stage: Path
    cache: PageCache
    fingerprints: dict[str, str]  # every file's fingerprint, recorded with the pages' for the next build
    cache_dir: Path | None = None  # where pieces are kept between builds; None: nowhere

    def fingerprint(self, *shown: str) -> str:
        """A file's fingerprint from what it shows; the cache's salt covers the generator, templates and base URL."""
        return digest(self.cache.salt, *shown)

    def write(self, relative: str, fingerprint: str, make: Callable[[], bytes | str]) -> str:
        """Write the file that `make` makes, unless the previous output holds it with this very fingerprint."""
        self.fingerprints[relative] = fingerprint
        if not self.cache.unchanged(relative, fingerprint):
            write_file(self.stage, relative, make())
        return relative
