#!/usr/bin/env python3
"""A warm build as the deploy job runs it, against Hugo's cold build of the same content (benchmarks/README.md).

    .venv/bin/pip install --require-hashes -r benchmarks/requirements.txt   # Hugo, for this benchmark only
    .venv/bin/python benchmarks/warm.py [--sizes 1000,10000] [--runs 3] [--seed S] [--no-search-pair] [--keep]

For each N: generate the site (generate.py) and its Hugo twin (hugo_site.py). Build ours once with its
cache, as the previous run of the workflow did, and keep `public/` and `.cache/sitegen` as the workflow's
cache steps do. Then, `runs` times: make a fresh checkout (the sources copied anew, so every file has a
new modification time and inode), restore the kept output and cache into it (times kept, as tar does),
change one program's title, and time `build.py build` there. Hugo's cold builds are timed in the same run
(alternating), without and with Pagefind; the restore itself is not timed, on either side.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (sibling modules; benchmarks/ is not a package)
import hugo_site  # noqa: E402
from compare import TODAY, BuildFailed, Timed, hugo, median, parse_arguments, ratio, run, seconds  # noqa: E402
from run import log  # noqa: E402

KEPT = ("public", ".cache/sitegen")  # what .github/workflows/site.yml's cache steps save and restore


@dataclass(frozen=True)
class Row:
    n: int
    search: bool
    warm: list[Timed]
    hugo: list[Timed]


def ours(checkout: Path, logs: Path, label: str, search: bool) -> Timed:
    cmd = [sys.executable, "build.py", "build", "--root", str(checkout), "--today", TODAY]
    return run(cmd + ([] if search else ["--no-search"]), logs / f"{label}.log")


def fresh_checkout(sources: Path, kept: Path, checkout: Path) -> None:
    shutil.rmtree(checkout, ignore_errors=True)
    shutil.copytree(sources, checkout, copy_function=shutil.copy)  # new times, new inodes
    for path in KEPT:
        shutil.copytree(kept / path, checkout / path, symlinks=True)  # times kept, as the cache's tar does


def retitle_one_program(checkout: Path) -> None:
    path = min((checkout / "programs").glob("*.yaml"))
    program = yaml.safe_load(path.read_text(encoding="utf-8"))
    program["title"]["en"] += " (revised)"
    path.write_text(yaml.safe_dump(program, allow_unicode=True, sort_keys=False), encoding="utf-8")


def bench(n: int, runs: int, seed: int, search: bool, work: Path, binary: Path) -> Row:
    sources, twin, kept, checkout, logs = (work / name for name in ("sources", "hugo-site", "kept", "checkout", "logs"))
    logs.mkdir(exist_ok=True)
    if not sources.exists():
        generate.generate(n, sources, seed)
        hugo_site.write_hugo_site(sources, twin)
    label = "search" if search else "no-search"
    shutil.rmtree(kept, ignore_errors=True)
    shutil.rmtree(checkout, ignore_errors=True)
    shutil.copytree(sources, checkout)
    previous = ours(checkout, logs, f"previous-{label}", search)
    log(f"N={n} ({label}): the previous run's build took {previous.seconds:.2f} s")
    for path in KEPT:
        shutil.copytree(checkout / path, kept / path, symlinks=True)
    warm, cold = [], []
    for i in range(runs):
        for side in (("ours", "hugo") if i % 2 == 0 else ("hugo", "ours")):
            if side == "ours":
                fresh_checkout(sources, kept, checkout)
                retitle_one_program(checkout)
                warm.append(ours(checkout, logs, f"warm-{label}-{i}", search))
            else:
                cold.append(hugo(binary, twin, work / "hugo-out", work, logs, f"hugo-{label}-{i}", search))
            log(f"N={n} ({label}): {side} run {i + 1}/{runs}: {(warm if side == 'ours' else cold)[-1].seconds:.2f} s")
    return Row(n, search, warm, cold)


def table(rows: list[Row]) -> str:
    lines = ["| N | search | this project, warm (one program edited, cache restored) | Hugo, cold | ratio |",
             "|---:|:---|---:|---:|---:|"]
    for r in rows:
        a, b = median(r.warm), median(r.hugo)
        hugo_label = "Hugo + Pagefind" if r.search else "Hugo"
        lines.append(f"| {r.n:,} | {'with' if r.search else 'without'} | {seconds(a)} | {seconds(b)} ({hugo_label}) "
                     f"| {ratio(a, b)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args, binary = parse_arguments(ap, argv)
    shm = Path("/dev/shm")
    rows: list[Row] = []
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"sitegen-warm-{n}-", dir=shm if shm.is_dir() else None))
        try:
            for search in (False, True) if args.search_pair else (False,):
                rows.append(bench(n, args.runs, args.seed, search, work, binary))
        except BuildFailed as failure:
            log(str(failure))
            args.keep = True
            return 1
        finally:
            if args.keep:
                log(f"N={n}: kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
