"""`build.py check`: the content's own problems, then broken Markdown links, stale translations and UI strings."""
from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..checks.links import check_links
from ..checks.lockfiles import FOLDER
from ..checks.stale import check_stale, confirm_translations
from ..checks.uistrings import check_ui_strings
from ..foundation.model import Content
from ..foundation.problems import Problem, Problems, did_you_mean
from ..foundation.workers import Workers
from ..plan.catalog import build_catalog
from ..plan.coverage import item_texts
from ..source.load import load_content
from ..source.translations import load_translations
from .formats import FORMATS, report


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]  # sorted
    languages: tuple[str, ...]  # the site's, empty when site.yaml could not be read


def check_site(root: Path, today: dt.date, drafts: bool = False, processes: int = 1,
               language: str | None = None) -> CheckResult:
    """Every problem of the site; with `language`, translation problems of that language only."""
    problems = Problems()
    content = load_content(root, today, problems, drafts=drafts, workers=Workers(processes))
    if content is None:
        return CheckResult(problems.sorted(), ())
    check_links(build_catalog(content, today), root, problems)
    check_stale(root, item_texts(content), content.site, problems)
    check_ui_strings(root, content.site.codes, problems)
    for code in content.site.codes:  # what the build reports of the catalogs: unreadable ones, markup in them
        load_translations(root, code, problems)
    found = [p for p in problems.sorted() if language is None or p.language in ("", language)]
    return CheckResult(found, content.site.codes)


def unknown_language(language: str | None, languages: tuple[str, ...]) -> bool:
    """True, with the error printed, when `--lang` names a language the site does not have."""
    if language is None or not languages or language in languages:
        return False
    print(f"build.py: error: --lang: '{language}' is not a language of this site{did_you_mean(language, languages)}; "
          f"its languages are {', '.join(languages)}", file=sys.stderr)
    return True


def content_in(root: Path, language: str | None) -> tuple[Content | None, int]:
    """The site's content for a command about one language, or None and the exit status once the problem is said:
    1 when the site cannot be read, 2 when `--lang` names a language the site does not have."""
    problems = Problems()
    content = load_content(root, dt.date.today(), problems)
    if content is None:
        report(problems, strict=False)
        return None, 1
    if unknown_language(language, content.site.codes):
        return None, 2
    return content, 0


def run_check(root: Path, today: dt.date, drafts: bool, strict: bool, output: str, language: str | None) -> int:
    """Print the check in the chosen format (text on stderr, json and github on stdout); exit 1 on errors."""
    result = check_site(root, today, drafts, len(os.sched_getaffinity(0)), language)
    if unknown_language(language, result.languages):
        return 2
    failed = any(problem.severity == "error" or strict for problem in result.problems)
    (sys.stderr if output == "text" else sys.stdout).write(FORMATS[output](result.problems, strict))
    if output == "text" and not failed:
        print("No problems found." if not result.problems else "No errors.", file=sys.stderr)
    return 1 if failed else 0


def run_confirm(root: Path, files: list[str], language: str | None) -> int:
    """`build.py translations confirm`: record that stale translations still agree with their originals."""
    content, status = content_in(root, language)
    if content is None:
        return status
    items = item_texts(content)
    paths = tuple(_relative(root, file) for file in files)
    known = {item.key for item in items} | {path for item in items for path in item.files.values()}
    for path in paths:
        if path not in known:
            print(f"build.py: error: '{path}' is not a program, partner, news or page file of this site"
                  f"{did_you_mean(path, known)}", file=sys.stderr)
            return 2
    confirmed = confirm_translations(root, items, content.site, paths, language)
    for key, field, code in confirmed:
        print(f"confirmed: {key}: {field} ({code})")
    print(f"{len(confirmed)} stale translation{'s' * (len(confirmed) != 1)} confirmed; "
          f"the lock files in {FOLDER}/ are up to date")
    return 0


def _relative(root: Path, file: str) -> str:
    """A file named from the site's root, or from the current folder (e.g. with shell completion)."""
    path = Path(file)
    if not path.is_absolute() and (root / path).exists():
        return path.as_posix()
    absolute = path.resolve()
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else path.as_posix()
