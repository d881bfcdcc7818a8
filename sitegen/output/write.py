"""Write the site's pages into the staging folder, in parallel worker processes."""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..foundation.problems import Problem
from ..foundation.workers import Workers, chunks
from ..plan.pages import PlannedPage
from ..plan.urls import output_file, route_path
from ..render.markup import MarkdownStore
from ..render.markup import Rendered as RenderedMarkdown
from ..render.renderer import Renderer, TemplateProblem
from .cache import PageCache


def write_file(stage: Path, relative: str, data: bytes | str) -> None:
    path = stage / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


@dataclass
class Rendered:
    """What a batch of pages produced."""

    written: Counter = field(default_factory=Counter)  # pages per language, rendered or reused
    files: list[str] = field(default_factory=list)  # every file of the new output this batch accounts for
    reused: int = 0
    fingerprints: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    markdown: dict[str, RenderedMarkdown] = field(default_factory=dict)  # newly converted, for the cache
    calendars: dict[str, dict] = field(default_factory=dict)  # serialised events by language, for the cache

    def add(self, other: "Rendered") -> None:
        self.written.update(other.written)
        self.files.extend(other.files)
        self.reused += other.reused
        self.fingerprints.update(other.fingerprints)
        self.problems.extend(other.problems)
        self.markdown.update(other.markdown)
        self.calendars.update(other.calendars)


@dataclass(frozen=True)
class _Writer:
    """What every batch of pages is rendered with and written to."""

    renderers: dict[str, Renderer]
    stage: Path
    cache: PageCache
    markdown_store: MarkdownStore  # the one the renderers' views convert through
    root: Path  # the site's folder, which template problems name templates from


def _render_chunk(writer: _Writer, jobs: list[tuple[PlannedPage, str]]) -> Rendered:
    result = Rendered()
    problems = result.problems
    failed: set[tuple[str, int]] = set()
    for page, code in jobs:
        renderer = writer.renderers[code]
        relative = output_file(route_path(page.route, code))
        result.files.append(relative)
        # A page planned with its sources is fingerprinted from them, without building its view.
        fingerprint = writer.cache.source_fingerprint(renderer.salt, page, renderer.catalog.content.digests)
        context = None
        if page.depends is None:
            context = renderer.prepare(page)
            fingerprint = writer.cache.fingerprint(renderer.salt, page.template, context)
        if fingerprint is not None:
            result.fingerprints[relative] = fingerprint
        if writer.cache.unchanged(relative, fingerprint):
            result.reused += 1
            result.written[code] += 1
            continue
        try:
            html = renderer.render(page, context)
        except TemplateProblem as exc:
            if (exc.template, exc.line) not in failed:
                failed.add((exc.template, exc.line))
                problems.append(exc.problem(writer.root))
            continue
        write_file(writer.stage, relative, html)
        result.written[code] += 1
    result.markdown = writer.markdown_store.take_fresh()
    return result


def render_pages(pages: list[PlannedPage], renderers: dict[str, Renderer], stage: Path, workers: Workers,
                 cache: PageCache, markdown_store: MarkdownStore, root: Path,
                 other_tasks: list[Callable[[], Rendered]] = ()) -> Rendered:
    """Render every page in every language, and run the other slow tasks beside them.

    Template problems name templates by their path in the site at `root`. The renderers convert Markdown
    through `markdown_store`, which gets what forked workers converted in their copies of it.
    """
    jobs = [(page, code) for page in pages for code in renderers]
    writer = _Writer(renderers, stage, cache, markdown_store, root)
    tasks = [*other_tasks, *(functools.partial(_render_chunk, writer, chunk) for chunk in chunks(jobs))]
    result = Rendered()
    for part in workers.run(tasks, units=len(jobs)):
        result.add(part)
    markdown_store.add(result.markdown)  # what the workers converted, for the cache
    return result
