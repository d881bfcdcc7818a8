"""The theme's static files under content-hashed names, so hosts may cache them forever."""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..foundation.builtin import layers
from ..foundation.walk import Folder, walk

HASH_LENGTH = 10  # hex digits of SHA-256: a collision between two versions of one file is out of reach


class MissingAsset(LookupError):
    """A template asked for a static file the theme does not have."""


@dataclass(frozen=True)
class Assets:
    """Maps an asset's name under static/ ('css/site.css') to its published name ('css/site.3f2a9c1e0b.css')."""

    hashed: tuple[tuple[str, str], ...] = ()

    @functools.cached_property
    def _published(self) -> dict[str, str]:
        return dict(self.hashed)

    def name(self, logical: str) -> str:
        """The published name of an asset; a name the theme does not ship is an error in the template."""
        if not self.hashed:
            return logical  # no theme folders given (unit tests of the URL scheme)
        try:
            return self._published[logical]
        except KeyError:
            raise MissingAsset(f"the theme has no static file {logical!r} (in theme/static/)") from None


def hashed_name(logical: str, data: bytes) -> str:
    """'css/site.css' + bytes → 'css/site.<hash>.css'."""
    path = PurePosixPath(logical)
    tag = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{tag}{path.suffix}"))


def static_folders(root: Path) -> list[Folder]:
    """The built-in theme's static files, then the site's own, which win; each walked without leaving its owner."""
    return layers(root, "theme/static")[::-1]


def static_sources(folders: list[Folder]) -> dict[str, Path]:
    """Each static file by its name under static/; a file in a later folder replaces an earlier one."""
    sources: dict[str, Path] = {}
    for folder in folders:
        for path in walk(folder.path, folder.within).files:
            sources[path.relative_to(folder.path).as_posix()] = path
    return dict(sorted(sources.items()))


def collect_assets(folders: list[Folder]) -> Assets:
    """Hash every static file of the theme (built-in first, the site's own over it)."""
    return Assets(tuple((name, hashed_name(name, path.read_bytes())) for name, path in static_sources(folders).items()))
