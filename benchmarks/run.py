#!/usr/bin/env python3
"""Time full builds and no-change rebuilds of synthetic sites (see benchmarks/README.md).

    python benchmarks/run.py [--sizes 100,1000,10000] [--jobs J] [--seed S] [--keep] [--markdown]

For each size N: generate a site with N programs into a temp dir (not timed), run
`build.py build --root SITE --out OUT --today 2026-11-24` as a child process, then run it again
into the same OUT. Wall time and peak RSS are the child's own (os.wait4), so sizes don't mix.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (sibling module; benchmarks/ is not a package)

TODAY = "2026-11-24"
STDERR_TAIL = 40


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    returncode: int
    stderr: str


@dataclass(frozen=True)
class Row:
    n: int
    pages: int
    files: int
    seconds: float
    rebuild_seconds: float
    peak_bytes: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


class BuildFailed(Exception):
    pass


def run_build(site: Path, out: Path, jobs: int | None, log_dir: Path, label: str) -> Run:
    """Run one build as a child and return its own wall time and peak RSS."""
    cmd = [sys.executable, "build.py", "build", "--root", str(site), "--out", str(out), "--today", TODAY]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    out_log, err_log = log_dir / f"{label}.stdout", log_dir / f"{label}.stderr"
    with open(out_log, "wb") as so, open(err_log, "wb") as se:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=so, stderr=se, stdin=subprocess.DEVNULL)
        # wait4 gives this child's rusage (and that of children it waited for), unlike
        # RUSAGE_CHILDREN, which is the maximum over every child this process ever had.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    stderr = err_log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(stderr.splitlines()[-STDERR_TAIL:])
        raise BuildFailed(f"{label}: `{' '.join(cmd)}` exited {proc.returncode} (cwd {REPO})\n"
                          f"--- last {STDERR_TAIL} lines of stderr ---\n{tail}")
    return Run(seconds, peak, proc.returncode, stderr)


def count_output(out: Path) -> tuple[int, int]:
    """(HTML pages, all files) under out."""
    pages = files = 0
    for _, _, names in os.walk(out):
        files += len(names)
        pages += sum(1 for name in names if name.endswith(".html"))
    return pages, files


def bench(n: int, seed: int, jobs: int | None, keep: bool) -> Row:
    tmp = Path(tempfile.mkdtemp(prefix=f"sitegen-bench-{n}-"))
    site, out, logs = tmp / "site", tmp / "out", tmp / "logs"
    logs.mkdir()
    ok = False
    try:
        t0 = time.perf_counter()
        generate.generate(n, site, seed)
        log(f"N={n}: generated site in {time.perf_counter() - t0:.1f}s ({site})")
        full = run_build(site, out, jobs, logs, f"build-{n}")
        pages, files = count_output(out)
        if pages == 0:
            raise BuildFailed(f"build-{n}: exited 0 but wrote no HTML pages under {out}")
        log(f"N={n}: build {full.seconds:.2f}s, {pages} pages, {files} files")
        again = run_build(site, out, jobs, logs, f"rebuild-{n}")
        pages2, files2 = count_output(out)
        if (pages2, files2) != (pages, files):
            log(f"N={n}: warning: rebuild left {pages2} pages / {files2} files (was {pages} / {files})")
        log(f"N={n}: rebuild {again.seconds:.2f}s")
        ok = True
        return Row(n, pages, files, full.seconds, again.seconds, full.peak_bytes)
    finally:
        if keep or not ok:
            log(f"N={n}: kept {tmp} (site/, out/, logs/)")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


HEADERS = ["N", "pages", "files", "seconds", "pages/s", "rebuild s", "peak MiB"]


def cells(row: Row) -> list[str]:
    return [str(row.n), str(row.pages), str(row.files), f"{row.seconds:.2f}",
            f"{row.pages_per_second:.0f}", f"{row.rebuild_seconds:.2f}", f"{row.peak_bytes / 2**20:.0f}"]


def format_table(rows: list[Row], markdown: bool) -> str:
    body = [cells(r) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---:|" * len(HEADERS)]
        lines += ["| " + " | ".join(c) + " |" for c in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(c[i]) for c in body)) for i, h in enumerate(HEADERS)]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(line, widths)) for line in [HEADERS, *body])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=parse_sizes, default=[100, 1000, 10000],
                    help="comma-separated numbers of programs (default 100,1000,10000)")
    ap.add_argument("--jobs", type=int, default=None, help="pass --jobs J to build.py")
    ap.add_argument("--seed", type=int, default=1, help="seed of the synthetic site (default 1)")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites and outputs")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args(argv)

    if not (REPO / "build.py").is_file():
        log(f"no build.py in {REPO}")
        return 2
    rows = []
    for n in args.sizes:
        try:
            rows.append(bench(n, args.seed, args.jobs, args.keep))
        except BuildFailed as failure:
            if rows:
                print(format_table(rows, args.markdown))
            log(str(failure))
            return 1
    print(format_table(rows, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
