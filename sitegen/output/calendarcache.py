"""Serialised calendar events kept between builds: in memory by the dev server, on disk in the build cache.

Serialising events is most of a calendar's cost, and every program's events go into its language's site
calendar, so a build that changed one program would otherwise serialise them all again. Each language's
events are kept by event_key, a digest of everything they show, so an entry saved by any earlier build (an
older generator, another site's settings, another date) is simply never looked up. The file is plain JSON
read as data; each entry carries a digest of its key and bytes, and an entry whose digest, key or shape is
wrong is dropped (its events are serialised again), never written into a calendar.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Mapping

from ..foundation.fingerprints import digest, signature
from .calendars import Serialised

FILE = "calendars.json"
_KEY = re.compile(r"[0-9a-f]{40}")


def _check(key: str, block: str, years: list[int]) -> str:
    return digest(key, block, repr(years))


class CalendarEvents:
    """Each language's serialised events, by event key."""

    def __init__(self) -> None:
        self.languages: dict[str, Serialised] = {}
        self.changed = False
        self.synced: tuple = ()  # the file's state when it last matched what is held here

    def of(self, code: str) -> Serialised:
        """A copy of the language's events, for a calendar task to take from and bring up to date."""
        return dict(self.languages.get(code, {}))

    def update(self, fresh: Mapping[str, Serialised]) -> None:
        """Keep what calendar tasks brought up to date (only the languages whose calendars they wrote)."""
        for code, events in fresh.items():
            if self.languages.get(code) != events:
                self.languages[code] = events
                self.changed = True

    def load(self, cache_dir: Path) -> None:
        """Add the entries saved in the cache that pass their check; a file that cannot be read adds nothing."""
        path = cache_dir / FILE
        if self.synced and self.synced == _state(path):
            return
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
            languages = recorded["languages"] if isinstance(recorded, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            return
        for code, entries in (languages.items() if isinstance(languages, dict) else ()):
            if isinstance(code, str) and isinstance(entries, dict):
                known = self.languages.setdefault(code, {})
                for key, entry in entries.items():
                    if key not in known and (valid := _entry(key, entry)):
                        known[key] = valid
        self.synced = _state(path) if not self.changed else ()

    def save(self, cache_dir: Path, codes: Iterable[str]) -> None:
        """Write the events of the site's languages; nothing is written when nothing changed."""
        path = cache_dir / FILE
        if not self.changed and path.is_file():
            return
        languages = {code: {key: [block.decode("utf-8"), list(years), _check(key, block.decode("utf-8"), list(years))]
                            for key, (block, years) in sorted(self.languages.get(code, {}).items())}
                     for code in sorted(codes)}
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"languages": languages}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
        self.changed, self.synced = False, _state(path)


def _entry(key: object, entry: object) -> tuple[bytes, tuple[int, ...]] | None:
    """A saved entry as events, or None when its shape or its check is wrong."""
    if not (isinstance(key, str) and _KEY.fullmatch(key) and isinstance(entry, list) and len(entry) == 3):
        return None
    block, years, check = entry
    if not (isinstance(block, str) and isinstance(years, list)
            and all(type(year) is int and 1 <= year < 9999 for year in years) and check == _check(key, block, years)):
        return None
    return block.encode("utf-8"), tuple(years)


def _state(path: Path) -> tuple:
    try:
        return str(path), *signature(path.stat())
    except OSError:
        return ()
