#!/usr/bin/env python3
"""Time how long an edit takes to reach the browser under `build.py serve` (see benchmarks/README.md).

    python benchmarks/serve.py [SITE] [--sizes 1000,10000] [--edits 5] [--kinds title,summary,dates,partner,news]
                               [--in-process]

Five kinds of edit, each to one file: a program's title, its summary, the end of its first session, a
partner's name, a news item's title. SITE defaults to a copy of the repository's sample content; --sizes
generates a synthetic site of each size instead (benchmarks/generate.py). A given SITE is edited in place
and restored. For each edit: the time until the LiveReload message that makes the browser reload arrives,
and until the served page shows the change (the page is read when that message arrives); the rebuild's own time as the server prints it; and the CPU
time the server's process used from the save to the reload message (Linux), steadier on a shared machine.
With --in-process, no server: the server's rebuilder runs in this process and the CPU time of each rebuild
is reported.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tornado import websocket
from tornado.ioloop import IOLoop

REPO = Path(__file__).resolve().parent.parent
KINDS = ("title", "summary", "dates", "partner", "news")


@dataclass(frozen=True)
class Edit:
    file: Path
    url: str  # the page that shows the edit, relative to the server's root
    text: Callable[[str, int], str]  # the file's text after edit number n


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process so far (Linux): steadier than wall time on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def english(field: str) -> Callable[[str, int], str]:
    """The English text of a YAML field (title, summary, name) replaced, continuation lines included."""
    def edit(text: str, number: int) -> str:
        lines = text.splitlines(keepends=True)
        start = lines.index(f"{field}:\n")
        line = next(i for i in range(start, len(lines)) if lines[i].startswith("  en:"))
        end = next(i for i in range(line + 1, len(lines) + 1) if i == len(lines) or not lines[i].startswith("    "))
        lines[line:end] = [f'  en: "Edit {number} of the {field}"\n']
        return "".join(lines)
    return edit


def session_end(text: str, number: int) -> str:
    """The first session ends a day earlier per edit."""
    found = re.search(r"^  end: (\d{4}-\d\d-\d\d)$", text, re.MULTILINE)
    end = dt.date.fromisoformat(found[1]) - dt.timedelta(days=number + 1)
    return text[:found.start(1)] + end.isoformat() + text[found.end(1):]


def news_title(text: str, number: int) -> str:
    return re.sub(r"^title: .*$", f"title: Edit {number} of the news", text, count=1, flags=re.MULTILINE)


def pick_edits(root: Path) -> dict[str, Edit]:
    """One file per kind of edit: a published program with sessions long enough to shorten, a partner, a news item."""
    def published(path: Path) -> bool:
        return "draft: true" not in path.read_text(encoding="utf-8")
    def long_session(path: Path) -> bool:
        dates = re.findall(r"^- start: (\S+)\n  end: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        return bool(dates) and (dt.date.fromisoformat(dates[0][1]) - dt.date.fromisoformat(dates[0][0])).days > 30
    programs = [p for p in sorted((root / "programs").glob("*.yaml")) if published(p)]
    dated = [p for p in programs if long_session(p)]
    program = (dated or programs)[0]
    partner = next(p for p in sorted((root / "partners").glob("*.yaml")))
    news = next(p for p in sorted((root / "content/news").glob("*.en.md")) if published(p))
    article = re.sub(r"^\d{4}-\d\d-\d\d-", "", news.name.removesuffix(".en.md"))
    edits = {"title": Edit(program, f"en/programs/{program.stem}/", english("title")),
             "summary": Edit(program, f"en/programs/{program.stem}/", english("summary")),
             **({"dates": Edit(program, f"en/programs/{program.stem}/", session_end)} if dated else {}),
             "partner": Edit(partner, f"en/partners/{partner.stem}/", english("name")),
             "news": Edit(news, f"en/news/{article}/", news_title)}
    return edits


async def one_edit(base: str, edit: Edit, number: int, pid: int) -> tuple[float, float, float]:
    connection = await websocket.websocket_connect(base.replace("http", "ws") + "livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    await connection.read_message()
    before = page(base + edit.url)
    text = edit.file.read_text(encoding="utf-8")
    temporary = edit.file.with_name(f".{edit.file.name}.saving")  # saved whole, as editors do, never seen half-written
    temporary.write_text(edit.text(text, number), encoding="utf-8")
    cpu, started = cpu_seconds(pid), time.perf_counter()
    os.replace(temporary, edit.file)
    shown = None
    while shown is None:  # a reload message of an earlier change may still come in: the page has not changed then
        await connection.read_message()
        reloaded, used = time.perf_counter() - started, cpu_seconds(pid) - cpu
        if page(base + edit.url) != before:
            shown = time.perf_counter() - started
    connection.close()
    return reloaded, shown, used


def measure(root: Path, kinds: list[str], count: int, log_path: Path) -> dict[str, dict[str, list[float]]]:
    """Start the server on the site, make `count` edits of each kind, restore every file; the timings by kind."""
    edits = pick_edits(root)
    originals = {edit.file: edit.file.read_text(encoding="utf-8") for edit in edits.values()}
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    log_file = log_path.open("w+", encoding="utf-8")  # a pipe could fill up with warnings
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port),
                                "--today", "2026-11-24"], stderr=log_file, text=True)
    results: dict[str, dict[str, list[float]]] = {}
    try:
        while not page(base + edits["title"].url):
            time.sleep(0.05)
        print(f"first build served after {time.perf_counter() - started:.2f} s", file=sys.stderr)
        for kind in [kind for kind in kinds if kind in edits]:  # the sample site's programs have no dates
            edit, times = edits[kind], []
            original = page(base + edit.url)
            for number in range(count):
                times.append(IOLoop.current().run_sync(lambda: one_edit(base, edit, number, process.pid), timeout=600))
                time.sleep(0.3)
            log_file.seek(0)  # the server prints a rebuild before it sends the reload message
            builds = [float(line.rsplit(" in ", 1)[1].split()[0]) for line in log_file.read().splitlines()
                      if "Rebuilt (content" in line]
            results[kind] = {"rebuild": builds[-count:], "reload": [t[0] for t in times], "shown": [t[1] for t in times],
                             "cpu": [t[2] for t in times]}
            print(f"{kind}: {summary(results[kind]['reload'])} to the reload message", file=sys.stderr)
            edit.file.write_text(originals[edit.file], encoding="utf-8")
            while page(base + edit.url) != original:  # restored before the next kind
                time.sleep(0.05)
            time.sleep(0.5)  # and its reload message sent, before the next kind listens for one
    finally:
        for file, text in originals.items():
            file.write_text(text, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)
        log_file.close()
    return results


def measure_in_process(root: Path, kinds: list[str], count: int, work: Path) -> dict[str, dict[str, list[float]]]:
    """The server's rebuilds without the server: its Rebuilder in this process, CPU time of each rebuild.

    The first edit of each kind is left out of the figures: after a first build in forked workers, it fills
    the memo (the calendars' serialised events) that the next ones use.
    """
    sys.path.insert(0, str(REPO))
    from sitegen.pipeline import BuildOptions
    from sitegen.serve.changes import Change
    from sitegen.serve.rebuild import Rebuilder
    rebuilder = Rebuilder(BuildOptions(root=root, out=work / "site", today=dt.date(2026, 11, 24),
                                       base_url="http://127.0.0.1:8000/", cache_dir=work / "cache", force=True))
    print(rebuilder.build_first().describe(), file=sys.stderr)
    results, edits = {}, pick_edits(root)
    for kind in [kind for kind in kinds if kind in edits]:
        edit, cpu = edits[kind], []
        original, change = edit.file.read_text(encoding="utf-8"), Change(edit.file.relative_to(root).as_posix(), "modified")
        try:
            for number in range(count + 1):
                edit.file.write_text(edit.text(original, number), encoding="utf-8")
                started = time.process_time()
                outcome = rebuilder.apply([change])
                cpu.append(time.process_time() - started)
                if outcome.action != "built":
                    raise SystemExit(f"{kind}: {outcome.describe()}")
        finally:
            edit.file.write_text(original, encoding="utf-8")
            rebuilder.apply([change])
        results[kind] = {"rebuild": cpu[1:]}
        print(f"{kind}: {outcome.describe()}; CPU {summary(cpu[1:])} (first {cpu[0]:.3f} s)", file=sys.stderr)
    return results


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})" if values else "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--sizes", help="comma-separated program counts of generated sites (instead of SITE)")
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind")
    parser.add_argument("--in-process", action="store_true",
                        help="no server: the CPU time of the server's rebuilds, run in this process")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"which kinds of edit, of {', '.join(KINDS)}")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    workspace = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    try:
        sites: list[tuple[str, Path]] = []
        if args.sizes:
            for size in args.sizes.split(","):
                subprocess.run([sys.executable, str(REPO / "benchmarks/generate.py"), size, str(workspace / size)],
                               check=True, stdout=subprocess.DEVNULL)
                sites.append((size, workspace / size))
        elif args.site:
            sites.append((str(args.site), args.site))
        else:
            root = workspace / "sample"
            for name in ("programs", "partners", "content"):
                shutil.copytree(REPO / name, root / name)
            shutil.copy(REPO / "site.yaml", root / "site.yaml")
            sites.append(("sample", root))
        columns = ("rebuild",) if args.in_process else ("rebuild", "reload", "shown", "cpu")
        if args.in_process:
            print("| site | edit | CPU of the rebuild |\n|---|---|---:|")
        else:
            print("| site | edit | rebuild (printed) | save → reload message | save → page shows it | server CPU to reload |")
            print("|---|---|---:|---:|---:|---:|")
        for number, (name, root) in enumerate(sites):
            if args.in_process:
                results = measure_in_process(root, kinds, args.edits, workspace / f"out-{number}")
            else:
                results = measure(root, kinds, args.edits, workspace / f"serve-{number}.log")
            for kind, figures in results.items():
                medians = [f"{statistics.median(figures[k]):.3f} s" if figures[k] else "—" for k in columns]
                print(f"| {name} | {kind} | {' | '.join(medians)} |", flush=True)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
