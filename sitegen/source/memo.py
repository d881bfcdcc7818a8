"""Source files parsed and validated once, kept in memory between the rebuilds of one serve session.

A file (a UI catalog too) is read again only when its size, modification time or inode changed; it is validated again
also when what references may point to (`Known`: site settings, slugs, media) changed. The file
listing is reused while no folder it came from was modified. Problems found in a file are kept with
it, so a rebuild reports exactly what a fresh build would.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.support import NullTranslations

from ..foundation import fingerprints
from ..foundation.problems import Problem, Problems
from ..foundation.walk import look
from .discover import SourceFile, Sources, discover
from .parse import Document, parse_source
from .translations import catalog_paths, load_translations
from .validate import Known, validate_source

Signature = tuple[int, int, int]  # modification time (ns), size, inode
LISTED_FOLDERS = ("programs", "partners", "content", "theme", "locales")  # what discover() walks, besides the root's files


def signature(path: Path) -> Signature | None:
    try:
        return fingerprints.signature(path.stat())
    except OSError:
        return None


@dataclass(frozen=True)
class _Parsed:
    signature: Signature | None
    document: Document | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Checked:
    parsed: _Parsed
    result: Any
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Listing:
    folders: dict[str, Signature | None]
    sources: Sources
    problems: tuple[Problem, ...]


class SourceMemo:
    """What `load_content` keeps between calls; `forget` makes the next call read everything."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        self.parsed: dict[str, _Parsed] = {}
        self.checked: dict[str, _Checked] = {}
        self.known: Known | None = None
        self.listing: _Listing | None = None
        self.catalogs: dict[str, tuple[tuple, NullTranslations, tuple[Problem, ...]]] = {}
        self.compiled_templates: dict[str, bytes] = {}  # by Jinja's key, which includes the source's checksum

    def discover(self, root: Path, problems: Problems) -> Sources:
        listing = self.listing
        if listing is None or any(signature(root / folder) != sig for folder, sig in listing.folders.items()):
            found = Problems()
            sources = discover(root, found)
            listing = self.listing = _Listing(_folder_signatures(root), sources, tuple(found.items))
        problems.items.extend(listing.problems)
        return _copy(listing.sources)

    def translations(self, root: Path, code: str, problems: Problems) -> NullTranslations:
        """Like translations.load_translations, compiled again only when a catalog file changed."""
        key = tuple((path, signature(path)) for path in catalog_paths(root, code))
        if code not in self.catalogs or self.catalogs[code][0] != key:
            found = Problems()
            self.catalogs[code] = (key, load_translations(root, code, found), tuple(found.items))
        _, translations, found_before = self.catalogs[code]
        problems.items.extend(found_before)
        return translations

    def validate_all(self, root: Path, items: list[tuple[str, SourceFile]], known: Known,
                     problems: Problems) -> list[tuple[Any, str]]:
        """Like load._validate_all: each file's model object (or None) and text digest, in order."""
        if known != self.known:
            self.known, self.checked = known, {}
        results = []
        for kind, source in items:
            checked = self._checked(kind, source, root, known)
            problems.items.extend(checked.problems)
            document = checked.parsed.document
            results.append((checked.result, document.digest) if document else (None, ""))
        paths = {source.path for _, source in items}
        self.parsed = {path: entry for path, entry in self.parsed.items() if path in paths}
        self.checked = {path: entry for path, entry in self.checked.items() if path in paths}
        return results

    def _checked(self, kind: str, source: SourceFile, root: Path, known: Known) -> _Checked:
        parsed = self._parsed(kind, source, root)
        checked = self.checked.get(source.path)
        if checked is None or checked.parsed is not parsed:
            found = Problems(list(parsed.problems))
            result = validate_source(kind, parsed.document, source, known, found) if parsed.document else None
            checked = self.checked[source.path] = _Checked(parsed, result, tuple(found.items))
        return checked

    def _parsed(self, kind: str, source: SourceFile, root: Path) -> _Parsed:
        current = signature(root / source.path)
        parsed = self.parsed.get(source.path)
        if parsed is None or current is None or parsed.signature != current:
            found = Problems()
            document = parse_source(kind, source, root, found)
            parsed = self.parsed[source.path] = _Parsed(current, document, tuple(found.items))
        return parsed


def _folder_signatures(root: Path) -> dict[str, Signature | None]:
    """The root and every folder discover() walks: adding, removing or renaming a file changes one of them."""
    folders = {".": signature(root)}
    for top in LISTED_FOLDERS:
        folders[top] = signature(root / top)
        if look(root / top, root).kind != "folder":  # a link out of the site is not walked (discover reports it)
            continue
        for parent, names, _ in os.walk(root / top):
            for name in names:
                path = Path(parent, name)
                folders[path.relative_to(root).as_posix()] = signature(path)
    return folders


def _copy(sources: Sources) -> Sources:
    """load_content filters the pages of the Sources it gets; the memo keeps its own lists intact."""
    return Sources(sources.root, sources.site, list(sources.programs), list(sources.partners), list(sources.news),
                   list(sources.pages), list(sources.media), list(sources.logos))
