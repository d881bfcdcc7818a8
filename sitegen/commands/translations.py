"""`build.py translations export` and `import`: the site's texts in a file for translators' tools (XLIFF 2.0 or
PO) and their translations back into the YAML and Markdown files, with the lock brought up to date."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..checks.lockfiles import FOLDER, read_stored, replace_file, write_lock
from ..checks.stale import refreshed
from ..foundation.problems import Position, Problems
from ..plan.coverage import item_texts
from ..source.load import load_content
from .check import content_in
from .formats import report
from .translations_apply import Accepted, new_texts
from .translations_formats import Read, Unreadable, read_translation_file, write_po_file, write_xliff
from .translations_units import select_units, target_file

SUFFIXES = {"xliff": "xlf", "po": "po"}


def run_export(root: Path, code: str, which: str, form: str, output: Path | None) -> int:
    content, status = content_in(root, code)
    if content is None:
        return status
    site = content.site
    units = select_units(root, item_texts(content), site, code, which)
    if form == "po":
        data = write_po_file(units, site.language(code).locale, code)
    else:
        data = write_xliff(units, site.default_language, code)
    output = output or Path(f"translations-{code}-{which}.{SUFFIXES[form]}")
    output.write_bytes(data)
    print(f"{len(units)} unit{'s' * (len(units) != 1)} ({which}) for {code} written to {output}")
    return 0


def run_import(root: Path, file: Path) -> int:
    """Write the translations of a file back into the site; report every problem, exit 1 if there was one."""
    loaded, problems = Problems(), Problems()  # the content's own problems are check's to report, unless fatal
    content = load_content(root, dt.date.today(), loaded)
    if content is None:
        report(loaded, strict=False)
        return 1
    try:
        data = file.read_bytes()
    except OSError as exc:
        print(f"build.py: error: cannot read '{file}': {exc.strerror}", file=sys.stderr)
        return 2
    shown = file.resolve().relative_to(root).as_posix() if file.resolve().is_relative_to(root) else str(file)
    site = content.site
    try:
        read = read_translation_file(data)
    except Unreadable as exc:
        problems.error(Position(shown, exc.line, exc.column), "", f"the translation file cannot be read: {exc}",
                       "export a new file with 'python build.py translations export', or save this one again from "
                       "the translation tool as XLIFF 2.0 or PO")
        report(problems, strict=False)
        return 1
    code = _language(read, site.languages)
    if code is None:
        problems.error(Position(shown), "", f"the file is for the language '{read.language or ''}', which is not "
                       f"one of this site's ({', '.join(site.codes)})",
                       "set the target language in the translation tool to one of the site's, or export the file "
                       "again with --lang")
        report(problems, strict=False)
        return 1
    items = {item.key: item for item in item_texts(content)}
    units = {unit.id: unit for unit in select_units(root, list(items.values()), site, code, "all")}
    accepted = _accepted(read, units, items, shown, problems)
    texts = new_texts(root, items, accepted, site, code, problems)
    written = [path for path, text in texts.items() if replace_file(root, root / path, text)]
    applied = {(one.unit.item, one.unit.field, code) for one in accepted
               if target_file(items[one.unit.item], code) not in texts or target_file(items[one.unit.item], code) in written}
    _record(root, applied)
    report(problems, strict=False)
    print(f"{len(accepted)} unit{'s' * (len(accepted) != 1)} into {code} imported ({len(applied)} "
          f"field{'s' * (len(applied) != 1)}); {len(written)} file{'s' * (len(written) != 1)} changed; the lock files in {FOLDER}/ are up to date")
    return 1 if problems.items else 0


def _language(read: Read, languages) -> str | None:
    wanted = (read.language or "").replace("-", "_").lower()
    for language in languages:
        if wanted in (language.code.lower(), language.locale.lower(), language.hreflang.replace("-", "_").lower()):
            return language.code
    return None


def _accepted(read: Read, units: dict, items: dict, shown: str, problems: Problems) -> list[Accepted]:
    accepted = []
    for entry in read.entries:
        where = Position(shown, entry.line, entry.column)
        unit = units.get(entry.id)
        item = entry.id.partition("#")[0]
        if unit is None and item not in items:
            problems.error(where, "", f"unit '{entry.id}': the site has no item '{item}' any more",
                           "the file was renamed or removed after the export; translate it anew from a new export")
        elif unit is None:
            problems.error(where, "", f"unit '{entry.id}' is not a translatable text of '{item}'",
                           "the unit was changed in the translation tool or the field was removed; export the file "
                           "again")
        elif not entry.target.strip():
            continue
        elif entry.digest != unit.digest:
            problems.error(where, "", f"unit '{entry.id}': the {unit.source_language} text changed after the "
                           "export, so this translation was not imported",
                           "export the file again and translate the new text (the tool's translation memory "
                           "offers this translation)")
        else:
            accepted.append(Accepted(unit, entry.target))
    return accepted


def _record(root: Path, applied: set) -> None:
    """Record the imported translations as agreeing with their sources in the lock."""
    quiet = Problems()
    content = load_content(root, dt.date.today(), quiet)
    if content is None:
        return
    stored = read_stored(root)
    write_lock(root, refreshed(item_texts(content), content.site, stored.entries, confirm=lambda key: key in applied),
               stored)
