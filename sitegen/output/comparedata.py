"""The compare page's per-program files: each program's entry in each language, beside its page, so the page
fetches the programs a visitor saved and nothing else (see render/compare.py)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from ..plan.pages import program_card_depends
from ..plan.urls import compare_data_path
from ..render.compare import ENTRY_TEMPLATE, CompareData
from ..render.templateproblem import TemplateProblem
from .write import Rendered, write_file

if TYPE_CHECKING:
    from .cache import PageCache
    from ..plan.catalog import Catalog


def compare_data_tasks(stage: Path, catalog: "Catalog", data: Mapping[str, CompareData], cache: "PageCache",
                       root: Path, batch: int = 500) -> list[Callable[[], Rendered]]:
    """Tasks that write the files in batches beside the pages; a file whose entry did not change is reused.

    `data` holds, per language, what its files show; a template problem names the template from `root`."""
    jobs = [(program, code, program_card_depends(catalog, program)) for program in catalog.programs for code in data]
    return [functools.partial(_write_batch, stage, data, cache, catalog.content.digests, root, jobs[i:i + batch])
            for i in range(0, len(jobs), batch)]


def _write_batch(stage: Path, data: Mapping[str, CompareData], cache: "PageCache", digests: Mapping[str, str],
                 root: Path, jobs) -> Rendered:
    """An entry is judged by the files its card shows, so an unchanged one is not even built."""
    result = Rendered()
    for program, code, depends in jobs:
        relative, language = compare_data_path(program.slug, code), data[code]
        fingerprint = cache.declared_fingerprint(language.salt, ENTRY_TEMPLATE, program.slug, depends, digests)
        result.files.append(relative)
        result.fingerprints[relative] = fingerprint
        if cache.unchanged(relative, fingerprint):
            continue
        try:
            write_file(stage, relative, language.file(program, language.entry(program)))
        except TemplateProblem as exc:  # the same mistake in every entry: said once
            result.problems.append(exc.problem(root))
            return result
    return result
