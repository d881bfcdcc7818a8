#!/usr/bin/env python3
"""Lighthouse scores of the built site: home, catalog and a program page in every language.

Builds the sample catalog (and with --programs N a generated one) into a temporary folder under a sub-path,
serves it on 127.0.0.1, runs Lighthouse in Debian's Chromium without network access and prints the four
category scores. Exits 1 when any score is below --min (default 95).

Lighthouse is large, so it is not a dependency of the project: it is installed on first use into
.cache/lighthouse (outside node_modules, so `npm ci` never fetches it).

    .venv/bin/python scripts/lighthouse.py [--programs 1000] [--min 95] [--reports DIR]
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from sitegen.pipeline import BuildOptions, build  # noqa: E402

VERSION = "12.8.2"  # the newest Lighthouse that runs on Node 20
CACHE = REPO / ".cache" / "lighthouse"
LIGHTHOUSE = CACHE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The flags the browser tests use: nothing phones home, nothing is downloaded.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-quic")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MOUNT = "internships"


def install() -> Path:
    if not LIGHTHOUSE.exists():
        print(f"Installing Lighthouse {VERSION} into {CACHE.relative_to(REPO)} (once)…", file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--loglevel=error",
                        f"lighthouse@{VERSION}"], check=True)
    return LIGHTHOUSE


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves files the way static hosts do: text compressed with gzip when the browser accepts it."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ics")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()  # folders without their slash are redirected there
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def server(folder: Path) -> Iterator[str]:
    """Serve folder on a free loopback port; yields the root URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()


def build_into(root: Path, out: Path, base_url: str) -> list[str]:
    """Build with the search index; returns the program slugs in catalog order."""
    result = build(BuildOptions(root=root, out=out, today=dt.date.today(), base_url=base_url, search=True))
    if not result.written:
        sys.exit("\n".join(p.format() for p in result.problems.sorted()[:20]) + "\nbuild failed")
    return sorted(p.parent.name for p in (out / "en" / "programs").glob("*/index.html"))


def pages(base: str, languages: list[str], program: str) -> list[str]:
    return [f"{base}{code}/{path}" for code in languages for path in ("", "programs/", f"programs/{program}/")]


def audit(url: str, reports: Path | None) -> dict[str, int]:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if done.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    if reports:
        reports.mkdir(parents=True, exist_ok=True)
        name = url.split("//", 1)[1].split("/", 1)[1].strip("/").replace("/", "_") or "root"
        (reports / f"{name}.json").write_text(done.stdout, encoding="utf-8")
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    for category in CATEGORIES:
        if scores[category] < 100:
            print(f"  {url} {category}: " + ", ".join(_failing(report, category)), file=sys.stderr)
    return scores


def _failing(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [ref["id"] for ref in refs if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 0.9]


def run(site: Path, folder: Path, label: str, minimum: int, reports: Path | None) -> bool:
    with server(folder) as root_url:
        base = f"{root_url}{MOUNT}/"
        slugs = build_into(site, folder / MOUNT, base)
        languages = sorted(p.parent.parent.name for p in (folder / MOUNT).glob("*/programs/index.html"))
        print(f"\n{label}\n{'page':<64}" + "".join(f"{c:>16}" for c in CATEGORIES))
        passed = True
        for url in pages(base, languages, slugs[0]):
            scores = audit(url, reports)
            passed &= all(score >= minimum for score in scores.values())
            print(f"{url.removeprefix(root_url):<64}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES), flush=True)
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", type=int, default=0, help="also check a generated catalog of N programs")
    parser.add_argument("--min", type=int, default=95, help="lowest acceptable score (default 95)")
    parser.add_argument("--reports", type=Path, default=None, help="keep each page's JSON report in this folder")
    args = parser.parse_args()
    install()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temp:
        passed = run(REPO, Path(temp) / "sample", "Sample site", args.min, args.reports)
        if args.programs:
            from generate import generate
            generate(args.programs, Path(temp) / "generated", seed=1)
            passed &= run(Path(temp) / "generated", Path(temp) / "generated-site",
                          f"Generated catalog, {args.programs} programs", args.min, args.reports)
    print(f"\n{'All scores' if passed else 'Some scores are'} {'≥' if passed else 'below'} {args.min}.")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
