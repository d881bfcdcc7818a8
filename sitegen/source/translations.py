"""UI translations: a site's gettext catalogs over the built-in ones, compiled in memory."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from ..foundation.builtin import layers
from ..foundation.problems import Position, Problems
from ..foundation.walk import look
from .uitext import check_formats, check_markup

def load_translations(site_root: Path, code: str, problems: Problems) -> NullTranslations:
    """The site's own catalog for `code` wins; the generator's catalog fills what it lacks.

    Problems: a catalog that cannot be read, and markup in a msgstr that its msgid does not have.
    """
    layers = []
    for po in catalog_paths(site_root, code):
        compiled = _compile(po, site_root, code, problems)
        if compiled is not None:
            layers.append(compiled)
    if not layers:
        return NullTranslations()
    first = layers[0]
    for layer in layers[1:]:
        first.add_fallback(layer)
    return first


def po_file(locales: Path, code: str) -> Path:
    """Where a locales folder keeps the catalog of `code`, as Babel lays it out."""
    return locales / code / "LC_MESSAGES" / "messages.po"


def catalog_paths(site_root: Path, code: str) -> list[Path]:
    """The .po files of `code` that exist, the site's own first."""
    paths = (po_file(folder.path, code) for folder in layers(site_root, "locales"))
    return [po for po in paths if po.is_file()]


def read_message_catalog(po: Path, site_root: Path, problems: Problems) -> MessageCatalog | None:
    """A .po or .pot file, or None with a problem naming it (relative to the site when inside it)."""
    shown = _shown(po, site_root)
    refused = look(po, site_root).problem if po.is_relative_to(site_root) else None
    if refused:
        problems.items.append(refused)
        return None
    try:
        with po.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        problems.error(Position(shown), "", f"the translation catalog cannot be read: {exc}",
                       "fix the line it names, or run 'python build.py i18n update' to regenerate it")
        return None


def _shown(po: Path, site_root: Path) -> str:
    return po.relative_to(site_root).as_posix() if po.is_relative_to(site_root) else str(po)


def _compile(po: Path, site_root: Path, code: str, problems: Problems) -> Translations | None:
    catalog = read_message_catalog(po, site_root, problems)
    if catalog is None:
        return None
    check_markup(po, _shown(po, site_root), catalog, code, problems)
    check_formats(po, _shown(po, site_root), catalog, code, problems)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)
