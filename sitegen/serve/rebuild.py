"""The dev server's builds: redo what a batch of changed files needs, keep the last good site, never raise."""
from __future__ import annotations

import dataclasses
import shutil
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..foundation.problems import Problem
from ..foundation.walk import is_ignored, readable_file
from ..pipeline import BuildMemo, BuildOptions, build
from .changes import Change, Effect, asset_target, classify, effect_of
from .overlay import Report


@dataclass(frozen=True)
class Outcome:
    """What one rebuild did: `action` is "ignored", "copied", "built", "failed" or "crashed"."""

    action: str
    effect: Effect
    seconds: float
    pages: int = 0  # pages in the site
    rendered: int = 0  # of which rendered anew
    copied: tuple[str, ...] = ()  # output paths of the static files copied
    new_warnings: tuple[Problem, ...] = ()  # of a good build, those the previous good build did not have

    def describe(self) -> str:
        if self.action == "copied":
            return f"Copied {', '.join(self.copied)} in {self.seconds:.3f} s"
        if self.action == "built" and self.effect is Effect.UNKNOWN:
            return f"Built all {self.pages} pages in {self.seconds:.3f} s"
        if self.action == "built":
            return (f"Rebuilt ({self.effect.name.lower()} change): {self.rendered} of {self.pages} pages rendered "
                    f"in {self.seconds:.3f} s")
        if self.action == "failed":
            return f"Not rebuilt ({self.seconds:.3f} s): still serving the last good site"
        if self.action == "crashed":
            return "Internal error while building (please report it); still serving the last good site"
        return "Nothing to rebuild"


class Rebuilder:
    """Holds what the serve process keeps between builds: parsed sources, the report shown in the overlay."""

    def __init__(self, options: BuildOptions) -> None:
        # Rebuilds run beside the server's thread, where forking worker processes could deadlock; they update
        # the server's own folder file by file, which no one else reads.
        self.options = dataclasses.replace(options, processes=1, in_place=True)
        self.first_processes = options.processes
        self.memo = BuildMemo()
        self.report = Report()
        self.built = False  # whether options.out holds a good build
        self.warnings: frozenset[Problem] = frozenset()  # of the last good build

    def build_first(self) -> Outcome:
        """The first build, before any other thread runs: it may use several worker processes."""
        return self.build_all(processes=self.first_processes)

    def build_all(self, effect: Effect = Effect.UNKNOWN, processes: int = 1) -> Outcome:
        """Read and render everything again, as a first build does."""
        self.memo.forget()
        if self.options.cache_dir is not None:
            shutil.rmtree(self.options.cache_dir, ignore_errors=True)
        return self._build(effect, processes)

    def apply(self, changes: list[Change]) -> Outcome:
        """Redo what the changes need; falls back to everything when unsure, or after an internal error."""
        effect = effect_of(changes)
        if effect is Effect.IGNORED:
            return Outcome("ignored", effect, 0.0)
        if effect is Effect.UNKNOWN or self.report.internal_error or not self.built:
            return self.build_all(effect)
        if effect is Effect.ASSET and not self.report:
            return self._copy([change for change in changes if classify(change) is Effect.ASSET])
        return self._build(effect)

    def _build(self, effect: Effect, processes: int = 1) -> Outcome:
        started = time.perf_counter()
        try:
            result = build(dataclasses.replace(self.options, processes=processes), self.memo)
        except Exception:  # a bug in the generator: report it, keep serving, start afresh next time
            self.report = Report(internal_error=traceback.format_exc(limit=8))
            self.memo.forget()
            return Outcome("crashed", effect, time.perf_counter() - started)
        seconds = time.perf_counter() - started
        if not result.written:
            self.report = Report(tuple(result.problems.errors(self.options.strict)))
            return Outcome("failed", effect, seconds)
        self.report, self.built = Report(), True
        warnings = frozenset(result.problems.items)
        new_warnings, self.warnings = tuple(sorted(warnings - self.warnings)), warnings
        pages = sum(result.pages.values())
        return Outcome("built", effect, seconds, pages, pages - result.reused, new_warnings=new_warnings)

    def _copy(self, changes: list[Change]) -> Outcome:
        """Static files are copied as they are, exactly as a build would copy them."""
        started = time.perf_counter()
        copied = []
        try:
            for change in changes:
                target = asset_target(change.path)
                source = self.options.root / change.path
                if target is None or any(is_ignored(part) for part in Path(change.path).parts) or not source.is_file():
                    continue
                if not readable_file(source, self.options.root):  # e.g. now a link out of the site: a build reports it
                    return self.build_all(Effect.ASSET)
                destination = self.options.out / target
                destination.parent.mkdir(parents=True, exist_ok=True)
                temporary = destination.with_name(f".{destination.name}.copying")
                shutil.copyfile(source, temporary)
                temporary.replace(destination)
                copied.append(target)
        except OSError:
            return self._build(Effect.ASSET)  # the file went away meanwhile: let the build sort it out
        return Outcome("copied", Effect.ASSET, time.perf_counter() - started, copied=tuple(copied))
