#!/usr/bin/env python3
"""Index a built site for search with the build's own code, alone, and say how long it took.

    python benchmarks/search_index.py OUT [--at-once]
    python benchmarks/memory.py -- .venv/bin/python benchmarks/search_index.py OUT

OUT is a site built with `build.py build --no-search`. Its pages are copied (hard links) into a new folder
beside it, which is indexed as a build indexes its stage: one Pagefind run per language, or with `--at-once`
one run over the whole site (as builds did before). Run under `memory.py` for the peak of all its processes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.output import search  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="a site built with --no-search")
    ap.add_argument("--at-once", action="store_true", help="one Pagefind run over every page, as before")
    args = ap.parse_args(argv)
    files = {p.relative_to(args.out).as_posix() for p in args.out.rglob("*.html")}
    stage = Path(tempfile.mkdtemp(prefix="search-index-", dir=args.out.parent))
    try:
        for name in files:
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(args.out / name, stage / name)
        started, cpu = time.perf_counter(), os.times()
        if args.at_once:
            with search._pages_in_order(stage, sorted(files)) as site:
                search._run_pagefind(site, stage / search.FOLDER)
            written = search._keep_published(stage / search.FOLDER)
        else:
            written = search.index_site(stage, files).files
        seconds, after = time.perf_counter() - started, os.times()
        children = after.children_user + after.children_system - cpu.children_user - cpu.children_system
        print(f"{len(files)} pages, {len(written)} index files; {seconds:.1f} s, Pagefind's CPU {children:.1f} s")
    finally:
        shutil.rmtree(stage)
    return 0


if __name__ == "__main__":
    sys.exit(main())
