"""`build.py i18n stats`: how much of the UI is translated in each language of a site."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from babel.messages.catalog import Catalog as MessageCatalog, Message

from ..foundation.builtin import layers
from ..foundation.problems import Problems
from ..source.discover import discover
from ..source.load import read_site
from ..source.translations import catalog_paths, read_message_catalog


@dataclass(frozen=True)
class LanguageStats:
    code: str
    translated: int
    fuzzy: int
    untranslated: int
    catalog: str  # where the language's own translations are read from

    @property
    def percent(self) -> float:
        total = self.translated + self.fuzzy + self.untranslated
        return 100.0 * self.translated / total if total else 100.0


def _done(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    return all(message.string if isinstance(message.string, tuple) else (message.string,))


def language_stats(code: str, ids: list, catalogs: list[MessageCatalog], shown: str) -> LanguageStats:
    """A message counts as translated when some catalog the site renders with has it, not fuzzy."""
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for message_id in ids:
        found = [catalog.get(*_key(message_id)) for catalog in catalogs]
        if any(_done(message) for message in found):
            counts["translated"] += 1
        elif any(message and message.fuzzy for message in found):
            counts["fuzzy"] += 1
        else:
            counts["untranslated"] += 1
    return LanguageStats(code, catalog=shown, **counts)


def _key(message_id) -> tuple:
    """MessageCatalog.get's arguments: the singular id (plural ids are tuples) and the context."""
    text, context = message_id
    return (text[0] if isinstance(text, tuple) else text, context)


def _template_ids(root: Path, problems: Problems) -> list:
    """The messages of the built-in templates and of the site's own (once extracted), in order."""
    ids: dict = {}
    for pot in (folder.path / "messages.pot" for folder in reversed(layers(root, "locales"))):
        catalog = read_message_catalog(pot, root, problems) if pot.is_file() else None
        for message in catalog or ():
            if message.id:
                ids.setdefault((message.id, message.context), None)
    return list(ids)


def run_stats(root: Path, stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    problems = Problems()
    site = read_site(root, discover(root, Problems()), problems)
    # Without usable settings, the site's own catalogs still say which languages it has.
    codes = site.codes if site else sorted(po.parts[-3] for po in (root / "locales").glob("*/LC_MESSAGES/messages.po"))
    ids = _template_ids(root, problems)
    rows = []
    for code in codes:
        paths = catalog_paths(root, code)
        catalogs = [catalog for po in paths if (catalog := read_message_catalog(po, root, problems)) is not None]
        own = [po for po in paths if po.is_relative_to(root)]
        shown = own[0].relative_to(root).as_posix() if own else "built-in catalog"
        rows.append(language_stats(code, ids, catalogs, shown))
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    print(f"{len(ids)} UI messages", file=stream)
    print(f"{'language':<10}{'translated':>11}{'fuzzy':>7}{'untranslated':>14}{'done':>8}  catalog", file=stream)
    for row in rows:
        print(f"{row.code:<10}{row.translated:>11}{row.fuzzy:>7}{row.untranslated:>14}{row.percent:>7.1f}%  {row.catalog}",
              file=stream)
    return 1 if problems.has_errors() else 0
