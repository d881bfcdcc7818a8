"""Index the staged site for search with Pagefind, one index per page language, before it is published."""
from __future__ import annotations

import contextlib
import fnmatch
import json
import os
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
TIMEOUT = 600  # seconds; a 10,000-program site indexes in well under a minute


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
    with _pages_in_order(stage, pages) as site:
        _run_pagefind(site, stage / FOLDER)
    written = _keep_published(stage / FOLDER)
    _sort_entry(stage / FOLDER / "pagefind-entry.json")
    return SearchIndex(tuple(f"{FOLDER}/{name}" for name in written), time.perf_counter() - started)


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
