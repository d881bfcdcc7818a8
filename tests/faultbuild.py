"""Runs `build.py` with a real fault at a chosen file operation, for the tests of atomic publishing.

    python faultbuild.py kill N  ARGS...   SIGKILL this process just before its Nth file operation
    python faultbuild.py pause N DIR ARGS... before the Nth, create DIR/paused and wait until DIR/go exists
    python faultbuild.py count 0 ARGS...   run to the end and print every counted operation to stderr

File operations are seen through Python's audit events (PEP 578), so the build's own code runs
unchanged: every file opened for writing, rename, unlink, link, mkdir, rmdir, and the folder exchange
(an audit event of its own). Run with --jobs 1, so that every operation happens in this one process.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
EVENTS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.link", "os.symlink", "sitegen.exchange"}


def counted(event: str, args: tuple) -> bool:
    if event == "open":
        _, mode, flags = args
        return bool(isinstance(mode, str) and set(mode) & set("wax+")) or bool(isinstance(flags, int) and flags & WRITING)
    return event in EVENTS


def main() -> None:
    action, limit, rest = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    folder = Path(rest.pop(0)) if action == "pause" else None
    seen: list[str] = []

    def hook(event: str, args: tuple) -> None:
        if not counted(event, args):
            return
        seen.append(f"{event} {args[0]!r}"[:200])
        if len(seen) != limit:
            return
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif action == "pause":
            (folder / "paused").touch()
            while not (folder / "go").exists():
                time.sleep(0.02)

    from sitegen.cli import main as cli  # imported first: only the build's own operations count

    sys.addaudithook(hook)
    try:
        code = cli(rest)
    finally:
        if action == "count":
            sys.stderr.write("".join(f"op {line}\n" for line in seen))
    sys.exit(code)


if __name__ == "__main__":
    main()
