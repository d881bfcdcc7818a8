"""Index the staged site for search with Pagefind, one index per page language, before it is published."""
from __future__ import annotations

import contextlib
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
# Pagefind's ready-made interfaces; the theme has its own (static/js/search.js), so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
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


def index_site(stage: Path, out: Path, files: set[str]) -> SearchIndex:
    """Write the index into stage/pagefind from every HTML page of the new output.

    After an incremental build the stage holds only the changed pages; the others are still in `out`.
    """
    started = time.perf_counter()
    pages = sorted(f for f in files if f.endswith(".html"))
    with _site_view(stage, out, pages) as site:
        _run_pagefind(site, stage / FOLDER)
    for name in UNUSED:
        (stage / FOLDER / name).unlink(missing_ok=True)
    _sort_entry(stage / FOLDER / "pagefind-entry.json")
    written = sorted(p.relative_to(stage).as_posix() for p in (stage / FOLDER).rglob("*") if p.is_file())
    return SearchIndex(tuple(written), time.perf_counter() - started)


@contextlib.contextmanager
def _site_view(stage: Path, out: Path, pages: list[str]) -> Iterator[Path]:
    """A new folder of links to the newest pages (in the stage, else still in `out`), made in sorted order.

    Pagefind numbers the pages in the order it walks the folder, which is the order the file system lists it: on
    some (tmpfs, btrfs) the order the files were made in, which parallel rendering changes from build to build.
    """
    view = Path(tempfile.mkdtemp(prefix=f".{out.name}.search-", dir=out.parent))
    try:
        for relative in pages:
            source = stage / relative if (stage / relative).exists() else out / relative
            target = view / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(source, target)
        yield view
    finally:
        shutil.rmtree(view, ignore_errors=True)


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


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in a random order; sorted, the same site gives the same bytes."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
