"""The generator's own folders: its code, and the built-in theme and UI translations that a site's own override."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
PACKAGE_ROOT = PACKAGE.parent  # the checkout or installation holding the package, the theme and the locales
DEFAULT_LOCALES = PACKAGE_ROOT / "locales"
DEFAULT_THEME = PACKAGE_ROOT / "theme"
