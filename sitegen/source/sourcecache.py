"""Source files validated by an earlier build, kept in the cache folder for the next one.

A CI checkout is fresh, so a file's modification time says nothing: an entry is used only for the same bytes,
the same file (kind, path, slug, language, date), the same generator code and libraries, and the same values
of `Known` that its kind's validation reads. The problems found in a file are kept with it, so a build from
the cache reports exactly what a fresh one would. Files that could not be parsed are not kept (their problems
are the cheap part). The file is a digest of its body, then the body in JSON, read back into typed values by
msgspec; a file whose body does not match its digest or cannot be read as such is ignored, and it is written whole,
under a temporary name first.
"""
from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import msgspec
import yaml

from ..foundation.fingerprints import code_digest, digest
from ..foundation.limits import MAX_FILE_BYTES
from ..foundation.model import Partner, Program
from ..foundation.problems import Problem
from .discover import SourceFile
from .validate import ArticleFile, Known

FILE = "sources.json"
# What validating each kind of file reads of `Known` besides the site's settings (tests/test_source_cache.py
# validates every kind with the other values unreadable): a new program does not invalidate the partners.
READS = {"program": ("today", "partners", "media"), "partner": ("logos",),
         "news": ("partners", "programs", "media"), "page": ("partners", "programs", "media")}


@dataclass(frozen=True)
class Checked:
    """What validating one file gave: its model object (None when invalid), its text's digest, its problems."""

    result: Any
    digest: str
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class _Entry:
    key: str
    digest: str
    problems: tuple[Problem, ...]
    program: Program | None = None
    partner: Partner | None = None
    article: ArticleFile | None = None

    def checked(self) -> Checked:
        return Checked(self.program or self.partner or self.article, self.digest, self.problems)


@dataclass(frozen=True)
class _Recorded:
    salt: str
    entries: dict[str, _Entry] = field(default_factory=dict)


def salt() -> str:
    """What every file's result depends on besides the file: the code that reads it and the libraries it calls."""
    libraries = [f"{name}={version(name)}" for name in ("PyYAML", "babel", "msgspec")]
    return digest(code_digest(), platform.python_version(), *libraries, repr(yaml.__with_libyaml__))


class SourceCache:
    """The entries read from `path` (none when it cannot be used), and those recorded by this build."""

    def __init__(self, path: Path, known: Known) -> None:
        self.path, self.salt = path, salt()
        self.old = _read(path, self.salt)
        self.new: dict[str, _Entry] = {}
        self.recorded = 0
        self.known_keys = {kind: _known_key(known, reads) for kind, reads in READS.items()}

    def find(self, root: Path, kind: str, source: SourceFile) -> tuple[str, Checked | None]:
        """The file's key (empty when it cannot be cached) and its entry when the cache has one under that key."""
        key = self._key(root, kind, source)
        entry = self.old.get(source.path)
        if key and entry is not None and entry.key == key:
            self.new[source.path] = entry
            return key, entry.checked()
        return key, None

    def record(self, source: SourceFile, key: str, checked: Checked) -> None:
        """Keep a fresh result, if the file read for its key held the text that was validated."""
        if key and checked.digest and checked.digest == key.rsplit(":", 1)[1]:
            result, self.recorded = checked.result, self.recorded + 1
            self.new[source.path] = _Entry(
                key, checked.digest, tuple(checked.problems),
                program=result if isinstance(result, Program) else None,
                partner=result if isinstance(result, Partner) else None,
                article=result if isinstance(result, ArticleFile) else None)

    def save(self) -> None:
        """Write this build's entries (those of files gone are dropped), unless they are what the file holds."""
        if not self.recorded and self.new.keys() == self.old.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        body = msgspec.json.encode(_Recorded(self.salt, dict(sorted(self.new.items()))))
        temporary.write_bytes(digest(body).encode("ascii") + b"\n" + body)
        os.replace(temporary, self.path)

    def _key(self, root: Path, kind: str, source: SourceFile) -> str:
        """The file's identity and dependencies, then ':' and the digest of its text as the parser reads it."""
        try:
            path = root / source.path
            if path.stat().st_size > MAX_FILE_BYTES:
                return ""
            data = path.read_bytes()
            text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")  # as Path.read_text does
        except (OSError, UnicodeDecodeError):
            return ""  # the parser reports it
        identity = digest(kind, source.path, source.slug, str(source.language), str(source.date), digest(data),
                          self.known_keys[kind])
        return f"{identity}:{digest(text)}"


def _known_key(known: Known, reads: tuple[str, ...]) -> str:
    values = [msgspec.json.encode(known.site)]
    for name in reads:
        value = getattr(known, name)
        values.append(value.isoformat() if name == "today" else "\0".join(sorted(value)))
    return digest(*reads, *values)


def _read(path: Path, expected_salt: str) -> dict[str, _Entry]:
    """The entries of the file, when its first line is the digest of the rest: an edited or damaged file gives none."""
    try:
        check, _, body = path.read_bytes().partition(b"\n")
        if check != digest(body).encode("ascii"):
            return {}
        recorded = msgspec.json.decode(body, type=_Recorded)
    except (OSError, msgspec.DecodeError):  # ValidationError is a DecodeError: a foreign file
        return {}
    return recorded.entries if recorded.salt == expected_salt else {}
