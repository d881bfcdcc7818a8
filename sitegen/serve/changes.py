"""Classify changed files of a site by path: what the dev server has to redo for each."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath

from ..foundation.walk import is_hidden, is_ignored
from ..plan.urls import file_path

# What the dev server watches, relative to the site's root.
# translations.lock: the single lock file of earlier versions, which the next build moves into translations/.
WATCHED = ("site.yaml", "translations", "translations.lock", "programs", "partners", "content", "locales", "theme")


class Effect(Enum):
    """From least to most work."""

    IGNORED = 0  # not part of the site: names starting with _ or . (but templates may start with _)
    ASSET = 1  # copied as it is into the output (media, logos)
    TEMPLATE = 2  # every page rendered again from the content already in memory (templates, the theme's assets)
    TRANSLATION = 3  # likewise, with the UI catalogs read again
    CONTENT = 4  # the changed sources read again; the pages that show them rendered again
    UNKNOWN = 5  # not sure what depends on it: everything read and rendered again


@dataclass(frozen=True)
class Change:
    path: str  # relative to the site's root, with forward slashes
    kind: str  # "added", "modified" or "removed"


# Files and folders the build writes into the site itself: the lock's folder, and the old single lock file,
# which it removes.
WRITTEN_BY_BUILD = ("translations", "translations.lock")

# Folders whose files are copied as they are, and the kind of file each holds (the URL scheme says where
# each kind goes). The theme's own static files are published under names hashed from their bytes, which
# every page refers to.
ASSET_FOLDERS = {"content/media": "media", "partners/logos": "logo"}


def asset_target(path: str) -> str | None:
    """Where a static file lands in the output, or None when the path is not one."""
    for folder, kind in ASSET_FOLDERS.items():
        if path.startswith(folder + "/"):
            return file_path(kind, path[len(folder) + 1:])
    return None


def classify(change: Change) -> Effect:
    parts = PurePosixPath(change.path).parts
    if not parts or any(is_hidden(part) for part in parts):
        return Effect.IGNORED
    if parts[:2] == ("theme", "templates"):
        return Effect.TEMPLATE
    if any(is_ignored(part) for part in parts):
        return Effect.IGNORED
    if parts[:2] == ("theme", "static"):
        return Effect.TEMPLATE
    if parts[0] == "locales":
        return Effect.TRANSLATION if parts[-2:] == ("LC_MESSAGES", "messages.po") else Effect.IGNORED
    if asset_target(change.path) is not None:
        # Content may refer to media and logos by name: a new or removed one changes what is valid.
        return Effect.ASSET if change.kind == "modified" else Effect.CONTENT
    if change.path in ("site.yaml", "translations.lock") or parts[0] in ("programs", "partners", "content",
                                                                         "translations"):
        return Effect.CONTENT
    return Effect.UNKNOWN


def effect_of(changes: list[Change]) -> Effect:
    """What a batch of changes needs: the most any of them does."""
    return max((classify(change) for change in changes), key=lambda effect: effect.value, default=Effect.IGNORED)
