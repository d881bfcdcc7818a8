#!/usr/bin/env python3
"""Time how long one program edit takes to reach the browser under `build.py serve` (see benchmarks/README.md).

    python benchmarks/serve.py [SITE] [--edits 10] [--field title|summary]

SITE defaults to a copy of the repository's sample content; `benchmarks/generate.py 1000 DIR` makes a
larger one (the site is edited in place and restored). For each edit: the time until the LiveReload
message that makes the browser reload arrives, and until the served page shows the change.
"""
from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tornado import websocket
from tornado.ioloop import IOLoop

REPO = Path(__file__).resolve().parent.parent


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


def edited(text: str, field: str, value: str) -> str:
    """The program file with the English text of a field (title, summary) replaced."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"{field}:\n")
    english = next(i for i in range(start, len(lines)) if lines[i].startswith("  en:"))
    lines[english] = f'  en: "{value}"\n'
    return "".join(lines)


async def one_edit(base: str, program: Path, url: str, field: str, token: str) -> tuple[float, float]:
    connection = await websocket.websocket_connect(base.replace("http", "ws") + "livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    await connection.read_message()
    text = program.read_text(encoding="utf-8")
    started = time.perf_counter()
    program.write_text(edited(text, field, token), encoding="utf-8")
    await connection.read_message()
    reloaded = time.perf_counter() - started
    while token not in page(url):
        time.sleep(0.005)
    shown = time.perf_counter() - started
    connection.close()
    return reloaded, shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--field", choices=("title", "summary"), default="title",
                        help="what to edit: the title is in every list and calendar, the summary in the lists only")
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    root = args.site
    if root is None:
        root = workspace / "site"
        for name in ("programs", "partners", "content"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "site.yaml", root / "site.yaml")
    program = next(path for path in sorted((root / "programs").glob("*.yaml"))
                   if "draft: true" not in path.read_text(encoding="utf-8"))
    original = program.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}en/programs/{program.stem}/"
    started = time.perf_counter()
    log_file = (workspace / "serve.log").open("w+", encoding="utf-8")  # a pipe could fill up with warnings
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(root), "--port", str(port),
                                "--today", "2026-11-24"], stderr=log_file, text=True)
    try:
        while not page(url):
            time.sleep(0.05)
        print(f"first build served after {time.perf_counter() - started:.2f} s", file=sys.stderr)
        times = []
        for number in range(args.edits):
            times.append(IOLoop.current().run_sync(lambda: one_edit(base, program, url, args.field, f"edit{number}x"), timeout=60))
            time.sleep(0.3)
    finally:
        program.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(timeout=10)
        log_file.seek(0)
        log = log_file.read()
        shutil.rmtree(workspace, ignore_errors=True)
    builds = [float(line.rsplit(" in ", 1)[1].split()[0]) for line in log.splitlines() if "Rebuilt (content" in line]
    for label, values in (("rebuild (as printed)", builds), ("edit → reload message", [t[0] for t in times]),
                          ("edit → page shows it", [t[1] for t in times])):
        print(f"{label:24} min {min(values):.3f} s, median {statistics.median(values):.3f} s, max {max(values):.3f} s "
              f"({len(values)} edits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
