"""UI strings per language: entries of the .po catalogs left untranslated or fuzzy, and messages of the
templates and code that no catalog has (extracted in memory with Babel, as `i18n extract` would)."""
from __future__ import annotations

import os
from pathlib import Path

from babel.messages.catalog import Catalog as MessageCatalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.util import pathmatch
from babel.messages.pofile import PoFileError, read_po

from ..foundation.builtin import PACKAGE_ROOT, layers
from ..foundation.problems import Position, Problems
from ..foundation.walk import is_ignored, readable_file
from ..source.translations import catalog_paths, po_file

UPDATE_HINT = "run 'python build.py i18n extract' and 'python build.py i18n update', then translate it in {po}"


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


_SKIPPED = {"node_modules", "public", "tests", "benchmarks", "content", "programs", "partners", "locales"}


def _extract(method: str, path: Path, options: dict) -> list[tuple[int, str]]:
    return [(line, message[0] if isinstance(message, tuple) else message)
            for line, message, _, _ in extract_from_file(method, str(path), options=options)]


def used_messages(root: Path) -> dict[str, tuple[str, int]]:
    """Every message the site's templates and code use: {msgid: (file, line) of its first use}."""
    found: dict[str, tuple[str, int]] = {}
    for folder in (layer.path for layer in layers(root, "")):
        config = folder / "babel.cfg" if readable_file(folder / "babel.cfg", folder) else PACKAGE_ROOT / "babel.cfg"
        with config.open(encoding="utf-8") as handle:
            method_map, options_map = parse_mapping_cfg(handle, str(config))
        for path in sorted(_files(folder)):
            relative = path.relative_to(folder).as_posix()
            method, pattern = next(((m, p) for p, m in method_map if pathmatch(p, relative)), (None, None))
            if method and method != "ignore" and readable_file(path, folder):
                for line, msgid in _extract(method, path, options_map.get(pattern, {})):
                    if msgid:
                        found.setdefault(msgid, (_shown(path, root), line))
    return found


def _files(folder: Path):
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = [d for d in subfolders if not is_ignored(d) and d not in _SKIPPED]
        yield from (Path(directory) / name for name in names)


def _message_catalogs(root: Path, code: str) -> list[tuple[str, MessageCatalog]]:
    """The catalogs that translate `code`, the site's own first (unreadable ones are reported by the build)."""
    layers = []
    for po in catalog_paths(root, code):
        if po.is_relative_to(root) and not readable_file(po, root):
            continue
        try:
            with po.open("rb") as handle:
                layers.append((_shown(po, root), read_po(handle)))
        except (OSError, PoFileError, UnicodeDecodeError, ValueError):
            continue
    return layers


def _key(message: Message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def _done(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return not message.fuzzy and all(strings)


def check_ui_strings(root: Path, codes: tuple[str, ...], problems: Problems) -> None:
    used = used_messages(root)
    for code in codes:
        layers = _message_catalogs(root, code)
        if not layers:
            problems.warning(Position(po_file(Path("locales"), code).as_posix()), "",
                             f"there is no {code} catalog of UI strings; pages show them in English",
                             "run 'python build.py i18n extract' and 'python build.py i18n update' to create it, "
                             "then translate it", language=code)
            continue
        translated = {_key(m) for _, catalog in layers for m in catalog if m.id and _done(m)}
        reported = set()
        for po, catalog in layers:
            for message in catalog:
                key = _key(message)
                if not key or key in translated or key in reported or key not in used:
                    continue
                reported.add(key)
                _report_entry(problems, Position(po, message.lineno, 1), message, key, code)
        for key, (path, line) in sorted(used.items()):
            if key not in translated and key not in reported:
                problems.warning(Position(path, line, 1), "", f"UI string '{key}' is in no {code} catalog; "
                                 "pages show it in English", UPDATE_HINT.format(po=layers[0][0]), language=code)


def _report_entry(problems: Problems, position: Position, message: Message, key: str, code: str) -> None:
    if message.fuzzy:
        problems.warning(position, "", f"UI string '{key}' is marked fuzzy in the {code} catalog, "
                         "so pages show it in English",
                         "check the translation, then delete the '#, fuzzy' line above it", language=code)
    else:
        problems.warning(position, "", f"UI string '{key}' has no {code} translation; pages show it in English",
                         "write the translation in msgstr" + (" (every msgstr[N] form)" if message.pluralizable else ""),
                         language=code)
