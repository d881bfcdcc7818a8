"""The generator's own folders: its code, and the built-in theme and UI translations that a site's own override."""
from __future__ import annotations

import json
import os
from pathlib import Path

from .walk import Folder

PACKAGE = Path(__file__).resolve().parent.parent
PACKAGE_ROOT = PACKAGE.parent  # the checkout or installation holding the package, the theme and the locales
DEFAULT_LOCALES = PACKAGE_ROOT / "locales"
DEFAULT_THEME = PACKAGE_ROOT / "theme"
EDITOR_LOCK = PACKAGE_ROOT / "editor.lock.json"  # the web editor's npm package, pinned by version and integrity


def editor_script() -> Path:
    """Where scripts/setup unpacks the web editor's script (it may not be there)."""
    lock = json.loads(EDITOR_LOCK.read_text(encoding="utf-8"))
    return PACKAGE_ROOT / "vendor" / f"{lock['package']}-{lock['version']}" / Path(lock["file"]).name


def layers(root: Path, name: str) -> list[Folder]:
    """The folder `name` of the site, then the generator's own, which fills in what the site's lacks.

    Only folders that exist, each once: the sample site is the generator's own folder. Each is read without
    leaving its owner (the site's root, or the generator's).
    """
    found: dict[str, Folder] = {}
    for owner in (root, PACKAGE_ROOT):
        if (owner / name).is_dir():
            found.setdefault(os.path.realpath(owner / name), Folder(owner / name, owner))
    return list(found.values())
