"""`build.py serve`: build, serve on 127.0.0.1 with live reload, rebuild on every change."""
from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import traceback
import time
from pathlib import Path

from livereload import Server

from .pipeline import BuildOptions, build

WATCHED = ("site.yaml", "programs", "partners", "content", "locales", "theme")


def _rebuild(options: BuildOptions) -> bool:
    from .cli import report  # the CLI owns how problems are printed

    try:
        result = build(options)
    except Exception:  # a bug in the generator: say so, and keep serving the last good site
        traceback.print_exc()
        print("Internal error while building (please report it); still serving the last good build.", file=sys.stderr)
        return False
    report(result.problems, options.strict)
    if result.written:
        print(f"Rebuilt {sum(result.pages.values())} pages in {result.seconds:.2f} s", file=sys.stderr)
    else:
        print("The site was not rebuilt; still serving the last good build.", file=sys.stderr)
    return result.written


def serve(root: Path, today: dt.date, host: str, port: int, drafts: bool = False, strict: bool = False) -> int:
    workspace = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    out = workspace / "site"
    base_url = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/"
    # A cache of its own: a rebuild after an edit re-renders only the pages that show the edited file.
    options = BuildOptions(root=root, out=out, today=today, base_url=base_url, drafts=drafts, strict=strict,
                           cache_dir=workspace / "cache")
    started = time.perf_counter()
    if not _rebuild(options):
        out.mkdir(parents=True, exist_ok=True)  # serve an empty folder until the first good build
    print(f"First build took {time.perf_counter() - started:.2f} s", file=sys.stderr)
    server = Server()
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name), lambda: _rebuild(options), delay=0.2)
    print(f"Serving {base_url} (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve(host=host, port=port, root=str(out), open_url_delay=None, restart_delay=0)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return 0
