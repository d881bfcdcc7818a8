"""Index the staged site for search with Pagefind, one index per page language, before it is published.

Pagefind keeps what it reads in memory until it writes the index, so it is run once per language, over that
language's indexed pages only: the largest process holds one language's index, not the whole site's. The runs
write the same files a single run would (each language's index is its own), and their entries are merged into
one pagefind-entry.json, so the search page loads one bundle and Pagefind picks the index from <html lang>.
"""
from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

FOLDER = "pagefind"
# What pagefind.js loads, which the theme's search page (static/js/search.js) uses; filters only if a site's theme has
# them. Pagefind also writes its ready-made interfaces (pagefind-ui.js, pagefind-component-ui.js…), which the site never
# loads: listing what to keep, rather than what to delete, keeps out those a newer Pagefind adds.
PUBLISHED = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "pagefind.*.pf_meta", "wasm.*.pagefind",
             "fragment/*.pf_fragment", "index/*.pf_index", "filter/*.pf_filter")
PAGEFIND = (sys.executable, "-m", "pagefind")  # the pagefind[extended] wheel: its binary segments Chinese
# Inside an indexed page: menus, and the cards of related items, which repeat the text of other pages.
NOT_INDEXED = "nav, .cards"
TIMEOUT = 600  # seconds, per language; a language of a 10,000-program site indexes in well under a minute
HTML_LANG = re.compile(rb"<html\b[^>]*?\slang=[\"']?([^\"'\s>]*)", re.IGNORECASE)
INDEXED = re.compile(rb"<[a-z][^<>]*?\sdata-pagefind-body[\s=/>]", re.IGNORECASE)


@dataclass(frozen=True)
class SearchIndex:
    files: tuple[str, ...]  # paths of the index relative to the site
    seconds: float


class SearchProblem(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def previous_index(files: set[str], previous: frozenset[str], nothing_rendered: bool) -> list[str]:
    """The last build's index, when no page was rendered again and the pages are the same ones; else [].

    Indexing takes seconds on a large site, most of a rebuild in which nothing changed.
    """
    def pages(names) -> set[str]:
        return {name for name in names if name.endswith(".html")}

    index = sorted(name for name in previous if name.startswith(FOLDER + "/"))
    return index if nothing_rendered and index and pages(files) == pages(previous) else []


def index_site(stage: Path, files: set[str]) -> SearchIndex:
    """Write the index into stage/pagefind from every HTML page of the staged output."""
    started = time.perf_counter()
    pages = sorted(f for f in files if f.endswith(".html"))
    output = stage / FOLDER
    if not _index_by_language(stage, _pages_by_language(stage, pages), output):
        shutil.rmtree(output, ignore_errors=True)
        with _pages_in_order(stage, pages) as site:
            _run_pagefind(site, output)
    written = _keep_published(output)
    _sort_entry(output / "pagefind-entry.json")
    return SearchIndex(tuple(f"{FOLDER}/{name}" for name in written), time.perf_counter() - started)


def _pages_by_language(stage: Path, pages: list[str]) -> dict[str, list[str]]:
    """The pages Pagefind would index, by the language of their <html lang> (lower case, as Pagefind keys them).

    When some page marks its indexed part (data-pagefind-body), Pagefind indexes only such pages; the others are
    left out of the runs, so a language's run never sees a page that would otherwise be indexed whole.
    """
    marked: dict[str, list[str]] = {}
    every: dict[str, list[str]] = {}
    for relative in pages:
        html = (stage / relative).read_bytes()
        found = HTML_LANG.search(html, 0, 4096)
        language = found.group(1).decode("ascii", "replace").lower() if found else ""
        every.setdefault(language, []).append(relative)
        if b"data-pagefind-body" in html and INDEXED.search(html):
            marked.setdefault(language, []).append(relative)
    return marked or every


def _index_by_language(stage: Path, languages: dict[str, list[str]], output: Path) -> bool:
    """One Pagefind run per language into output, their entries merged; False if two runs named the same language."""
    entry: dict = {}
    for language in sorted(languages):
        with _pages_in_order(stage, languages[language]) as site:
            part = Path(tempfile.mkdtemp(prefix=".search-index-", dir=stage))
            try:
                _run_pagefind(site, part)
                own = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
                if entry and ({**own, "languages": None} != {**entry, "languages": None}
                              or set(own["languages"]) & set(entry["languages"])):
                    return False  # languages Pagefind keys differently from <html lang>: index the site at once
                entry = {**own, "languages": {**entry.get("languages", {}), **own["languages"]}}
                _move_into(part, output)
            finally:
                shutil.rmtree(part, ignore_errors=True)
    if not entry:  # no page at all: Pagefind still writes an empty index for the search page to load
        with _pages_in_order(stage, []) as site:
            _run_pagefind(site, output)
        return True
    (output / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return True


def _move_into(part: Path, output: Path) -> None:
    """Move one run's files into the bundle; the files runs share (pagefind.js, the worker, …) are the same bytes."""
    for path in sorted(p for p in part.rglob("*") if p.is_file()):
        target = output / path.relative_to(part)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


@contextlib.contextmanager
def _pages_in_order(stage: Path, pages: list[str]) -> Iterator[Path]:
    """A new folder of links to the staged pages, made in sorted order; inside the stage, gone before it is published.

    Pagefind numbers the pages in the order it walks the folder, which is the order the file system lists it: on
    some (tmpfs, btrfs) the order the files were made in, which parallel rendering changes from build to build.
    Inside the stage, the folder goes with the stage of a build that was killed.
    """
    view = Path(tempfile.mkdtemp(prefix=".search-", dir=stage))
    try:
        for relative in pages:
            target = view / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(stage / relative, target)
            except OSError:  # links not allowed, or too many to one file
                shutil.copyfile(stage / relative, target)
        yield view
    finally:
        shutil.rmtree(view)  # what fails to go would be published: better the build fails


def _run_pagefind(site: Path, output: Path) -> None:
    command = [*PAGEFIND, "--site", str(site), "--output-path", str(output),
               "--exclude-selectors", NOT_INDEXED, "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchProblem(f"the search indexer did not run: {exc}") from exc
    if done.returncode != 0:
        if "No module named" in done.stderr:
            raise SearchProblem("the search indexer is not installed (pip install 'pagefind[extended]')")
        detail = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["no output"]
        raise SearchProblem(f"the search indexer failed (exit {done.returncode}): {detail[0]}")


def _keep_published(folder: Path) -> list[str]:
    """Delete what Pagefind wrote but the site does not load; the paths kept, relative to the folder, sorted."""
    kept = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in PUBLISHED):
            kept.append(name)
        else:
            path.unlink()
    return kept


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in a random order; sorted, the same site gives the same bytes."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
