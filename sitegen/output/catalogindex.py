"""The catalog's facet index of each language, beside its catalog pages (see render/catalogindex.py)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping

from ..plan.urls import catalog_index_path
from .write import write_file


def write_catalog_indexes(stage: Path, indexes: Mapping[str, Callable[[], dict[str, Any]]]) -> list[str]:
    """Write each language's index (given as a function making it) as compact JSON; returns their paths."""
    written = []
    for code, make in indexes.items():
        relative = catalog_index_path(code)
        data = json.dumps(make(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        write_file(stage, relative, data)
        written.append(relative)
    return written
