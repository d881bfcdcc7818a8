"""Write the site into a staging folder, in parallel, and swap it in only when the build succeeded."""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Iterator

from .plan import PlannedPage
from .problems import Position, Problem
from .render import Renderer, TemplateProblem
from .urls import output_file, route_path

# Below this many pages a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400
CHUNK = 250

_renderers: dict[str, Renderer] = {}  # set in the parent just before forking; read by the workers
_stage: Path = Path()


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out`, removed on leaving unless `swap_in` made it the output."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def swap_in(stage: Path, out: Path) -> None:
    stage.chmod(0o755)  # mkdtemp makes it private
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / "site")
    os.replace(stage, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_file(stage: Path, relative: str, data: bytes | str) -> None:
    path = stage / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _render_chunk(jobs: list[tuple[PlannedPage, str]]) -> tuple[Counter, list[Problem]]:
    written: Counter = Counter()
    problems: list[Problem] = []
    failed: set[tuple[str, int]] = set()
    for page, code in jobs:
        try:
            html = _renderers[code].render(page)
        except TemplateProblem as exc:
            if (exc.template, exc.line) not in failed:
                failed.add((exc.template, exc.line))
                what = page.title_source or route_path(page.route, code)
                problems.append(Problem(Position(exc.template, exc.line or 0, 1 if exc.line else 0), "error", "",
                                        f"template error: {exc.message} (while rendering {what} in '{code}')",
                                        "fix the template at this line"))
            continue
        write_file(_stage, output_file(route_path(page.route, code)), html)
        written[code] += 1
    return written, problems


def render_pages(pages: list[PlannedPage], renderers: dict[str, Renderer], stage: Path,
                 processes: int) -> tuple[Counter, list[Problem]]:
    """Render every page in every language; with several processes, workers share the parent's renderers by fork."""
    global _renderers, _stage
    _renderers, _stage = renderers, stage
    jobs = [(page, code) for page in pages for code in renderers]
    chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    written: Counter = Counter()
    problems: list[Problem] = []
    if processes > 1 and len(jobs) >= PARALLEL_THRESHOLD and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = list(pool.imap_unordered(_render_chunk, chunks))
    else:
        results = [_render_chunk(chunk) for chunk in chunks]
    for counts, found in results:
        written.update(counts)
        problems.extend(found)
    _renderers = {}
    return written, problems


def copy_tree(source: Path, target: Path) -> int:
    """Copy files (content only, for reproducible output), skipping names starting with _ or ."""
    count = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and not any(part.startswith(("_", ".")) for part in relative.parts):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            count += 1
    return count
