"""Stale translations: the lock (`translations/`, see lockfiles.py) records, for each translated field, a
fingerprint of the original text and of the translation as they were when they last agreed. An original that
changed under an unchanged translation makes it stale; editing the translation (or `translations confirm`) makes
it current again."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Mapping

from ..foundation.fingerprints import digest
from ..foundation.model import Site
from ..foundation.problems import Position, Problems
from ..plan.coverage import ItemTexts
from ..source.parse import parse_markdown_file, parse_yaml_file
from ..source.yamlsource import YMap
from .lockfiles import Entry, Key, read_lock, read_stored, write_lock


def fingerprint(text: str) -> str:
    return digest(text.strip(), size=8)


class TranslationsMemo:
    """A long-running process's current lock entries per item, so that a rebuild digests only the texts of the
    items that changed: an item whose texts compare equal, under the same languages, has the same entries.

    `saved`, when given, keeps an item's entries between processes (the build cache): saved(key, make) returns the
    lines `make` gives for an item, kept under `key`, a digest of the item's files (their `digests`) and `salt`."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[tuple, list[tuple[Key, Entry]]]] = {}
        self.saved: Callable[[str, Callable[[], str]], str] | None = None
        self.digests: Mapping[str, str] = {}  # source path → digest of its text
        self.salt = ""

    def entries(self, items: list[ItemTexts], site: Site) -> Iterator[tuple[Key, Entry]]:
        kept, self.items = self.items, {}
        for item in items:
            inputs = (item.fields, site.default_language, site.codes)
            earlier = kept.get(item.key)
            if earlier is None or earlier[0] != inputs:
                earlier = (inputs, self._made(item, site))
            self.items[item.key] = earlier
            yield from earlier[1]

    def _made(self, item: ItemTexts, site: Site) -> list[tuple[Key, Entry]]:
        shown = [self.digests.get(path) for _, path in sorted(item.files.items())]
        if self.saved is None or not all(shown):
            return list(_item_translations(item, site))
        key = digest(self.salt, item.key, site.default_language, *site.codes, *sorted(item.files), *shown)
        lines = self.saved(key, lambda: "".join(f"{name} {code} {entry.original} {entry.source} {entry.translation}\n"
                                                for (_, name, code), entry in _item_translations(item, site)))
        return [((item.key, name, code), Entry(original, source, translation))
                for name, code, original, source, translation in (line.split(" ") for line in lines.splitlines())]


def _translations(items: list[ItemTexts], site: Site, memo: TranslationsMemo | None = None
                  ) -> Iterator[tuple[Key, Entry]]:
    """The current state of every translated field."""
    if memo is not None:
        yield from memo.entries(items, site)
        return
    for item in items:
        yield from _item_translations(item, site)


def _item_translations(item: ItemTexts, site: Site) -> Iterator[tuple[Key, Entry]]:
    for name, values in item.fields.items():
        original = item.original(values, site)
        for code, text in values.items():
            if code != original:
                yield (item.key, name, code), Entry(original, fingerprint(values[original]), fingerprint(text))


def _is_stale(recorded: Entry | None, current: Entry) -> bool:
    return (recorded is not None and recorded.original == current.original
            and recorded.translation == current.translation and recorded.source != current.source)


def stale_fields(items: list[ItemTexts], site: Site, lock: Mapping[Key, Entry], memo: TranslationsMemo | None = None
                 ) -> dict[tuple[str, str], tuple[str, ...]]:
    """{(item key, language): fields whose translation is older than the original's last change}."""
    found: dict[tuple[str, str], list[str]] = {}
    for key, current in _translations(items, site, memo):
        if _is_stale(lock.get(key), current):
            found.setdefault((key[0], key[2]), []).append(key[1])
    return {key: tuple(fields) for key, fields in found.items()}


def refreshed(items: list[ItemTexts], site: Site, lock: Mapping[Key, Entry],
              confirm=lambda key: False, memo: TranslationsMemo | None = None) -> dict[Key, Entry]:
    """The lock for the current texts. A stale entry is kept as it was unless `confirm(key)`, so refreshing
    never hides a stale translation; fields and items that are gone are dropped."""
    entries = {}
    for key, current in _translations(items, site, memo):
        recorded = lock.get(key)
        entries[key] = recorded if _is_stale(recorded, current) and not confirm(key) else current
    return entries


def check_stale(root: Path, items: list[ItemTexts], site: Site, problems: Problems) -> None:
    lock = read_lock(root) or {}  # without a lock nothing is recorded yet, so nothing can be stale
    by_key = {item.key: item for item in items}
    for (key, code), fields in sorted(stale_fields(items, site, lock).items()):
        item = by_key[key]
        path = item.files[code]
        positions = _field_positions(root, path, item.kind in ("news", "page"), code)
        for name in fields:
            original = item.original(item.fields[name], site)
            problems.warning(positions.get(name, Position(path)), name,
                             f"the {code} translation may be out of date: the {original} text changed after it was "
                             "translated",
                             f"update the {code} text from the {original} one; if it still says the same, run "
                             f"'python build.py translations confirm {path} --lang {code}'", language=code)


def _field_positions(root: Path, path: str, article: bool, code: str) -> dict[str, Position]:
    """Where each field's text in language `code` stands in its file."""
    quiet = Problems()
    if article:
        document = parse_markdown_file(root, path, quiet)
        if document is None:
            return {}
        found = {name: Position(path, *pos) for name, pos in document.data.value_pos.items()}
        found["body"] = Position(path, document.body_line, 1)
        return found
    document = parse_yaml_file(root, path, quiet)
    return _yaml_positions(document.data, path, code) if document else {}


def _yaml_positions(data: YMap, path: str, code: str) -> dict[str, Position]:
    """Positions of the `code` text of each localized field, nested ones named like 'location.city'."""
    found = {}
    for name, value in data.items():
        nested = {f"{name}.{sub}": inner for sub, inner in value.items()} if name in ("location", "fee", "fields") \
            and hasattr(value, "items") else {}
        for field, mapping in {name: value, **nested}.items():
            if hasattr(mapping, "value_pos") and code in mapping.value_pos:
                found[field] = Position(path, *mapping.value_pos[code])
    return found


def record_translations(root: Path, items: list[ItemTexts], site: Site, memo: TranslationsMemo | None = None) -> None:
    """Bring the lock up to date after a build, keeping stale entries stale (nothing to do for editors)."""
    stored = read_stored(root)
    write_lock(root, refreshed(items, site, stored.entries, memo=memo), stored)


def confirm_translations(root: Path, items: list[ItemTexts], site: Site, paths: tuple[str, ...] = (),
                         language: str | None = None) -> list[Key]:
    """Mark stale translations (of the given files and language, else all) as agreeing with their originals."""
    wanted = {item.key for item in items if not paths or item.key in paths or set(item.files.values()) & set(paths)}
    stored = read_stored(root)
    lock = stored.entries
    chosen = lambda key: key[0] in wanted and language in (None, key[2])  # noqa: E731
    confirmed = [key for key, current in _translations(items, site) if chosen(key) and _is_stale(lock.get(key), current)]
    write_lock(root, refreshed(items, site, lock, confirm=chosen), stored)
    return sorted(confirmed)
