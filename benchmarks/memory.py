#!/usr/bin/env python3
"""Run a command and report its wall time and the peak memory of all its processes together.

    python benchmarks/memory.py [--every SECONDS] -- COMMAND [ARGS...]

Every `--every` seconds (0.2) it sums the proportional set size (PSS, /proc/PID/smaps_rollup) of the command
and all its descendants: pages shared by forked workers are split between them rather than counted once
per process, so the sum is what the processes take from the machine together. Linux only.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += children(current)
    return pids


def pss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--every", type=float, default=0.2, help="seconds between samples (0.2)")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = ap.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("name the command to run after --")
    start = time.perf_counter()
    proc = subprocess.Popen(command)
    peak = processes = 0
    while proc.poll() is None:
        pids = tree(proc.pid)
        peak = max(peak, sum(pss_bytes(pid) for pid in pids))
        processes = max(processes, len(pids))
        time.sleep(args.every)
    seconds = time.perf_counter() - start
    print(f"memory.py: exit {proc.returncode}, {seconds:.1f} s, peak {peak / 2**20:.0f} MiB PSS across "
          f"up to {processes} processes", file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
