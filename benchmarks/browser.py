#!/usr/bin/env python3
"""The paged catalog in Chromium at N programs: what a catalog page weighs, what its facet index weighs, and
how long a filter change takes, read from Chromium's trace (see benchmarks/README.md).

    python benchmarks/browser.py 10000 100000 [--work DIR]

For each N the script generates the site (benchmarks/generate.py), then renders through the build's own code
(content loading, the catalog, the renderers, the index writer) only what the measurement needs: the theme's
files, the catalog's first two pages and the facet index of each language. It serves them on a loopback port,
opens /en/programs/ in Debian's Chromium (Playwright, never a downloaded browser), and records a trace while it
changes filters; each change's "catalog-filter" measure (performance marks around the script's filter handler:
filtering, sorting and drawing the first cards) is read from the trace.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "benchmarks")]

import generate  # noqa: E402
from conftest import static_host  # noqa: E402
from sitegen.foundation.problems import Problems  # noqa: E402
from sitegen.foundation.workers import Workers  # noqa: E402
from sitegen.output.catalogindex import write_catalog_indexes  # noqa: E402
from sitegen.output.sitefiles import copy_assets  # noqa: E402
from sitegen.output.write import write_file  # noqa: E402
from sitegen.pipeline import _renderers, static_folders  # noqa: E402
from sitegen.plan.assets import collect_assets  # noqa: E402
from sitegen.plan.catalog import build_catalog  # noqa: E402
from sitegen.plan.pages import plan_pages  # noqa: E402
from sitegen.plan.urls import Urls, output_file, route_path  # noqa: E402
from sitegen.render.markup import MarkdownStore  # noqa: E402
from sitegen.source.load import load_content  # noqa: E402
from sitegen.source.translations import load_translations  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
# Filter changes, in order: each leaves the previous ones chosen, as a visitor narrows down.
CHANGES = [("#filter-sort", "title"), ("#filter-sort", "deadline"), ("#filter-type", 1), ("#filter-field", 2),
           ("#filter-type", 0), ("#filter-mode", 1), ("#filter-closed", "check"), ("#filter-sort", "updated"),
           ("#filter-month", 3), ("#filter-month", 0)]


def render_catalog(n: int, work: Path) -> tuple[Path, dict]:
    """Generate N programs and render the catalog's first two pages and its index in each language."""
    site, out = work / f"site-{n}", work / f"out-{n}"
    if not (site / "site.yaml").exists():
        generate.main([str(n), str(site)])
    started, problems = time.process_time(), Problems()
    content = load_content(site, generate.TODAY, problems, workers=Workers(1))
    assert content is not None, problems.sorted()[:3]
    catalog = build_catalog(content, generate.TODAY)
    urls = Urls("http://127.0.0.1/", collect_assets(static_folders(site)))
    translations = {code: load_translations(site, code, problems) for code in content.site.codes}
    renderers = _renderers(catalog, urls, site, translations, MarkdownStore(), {})
    loaded = time.process_time() - started
    copy_assets(static_folders(site), out, urls)
    pages = [page for page in plan_pages(catalog) if page.route.kind == "programs" and page.route.number <= 2]
    started = time.process_time()
    for code, renderer in renderers.items():
        for page in pages:
            write_file(out, output_file(route_path(page.route, code)), renderer.render(page))
    rendered = time.process_time() - started
    started = time.process_time()
    write_catalog_indexes(out, {code: r.catalog_index for code, r in renderers.items()})
    indexed = time.process_time() - started
    sizes = {}
    for code in renderers:
        html = (out / code / "programs/index.html").read_bytes()
        index = (out / code / "programs/facets.json").read_bytes()
        sizes[code] = {"html_gz": len(gzip.compress(html, 6)), "index": len(index),
                       "index_gz": len(gzip.compress(index, 6))}
    return out, {"programs": len(catalog.programs), "pages": catalog.programs_pages, "sizes": sizes,
                 "cpu_s": {"load": round(loaded, 1), "two_pages_x3": round(rendered, 1), "indexes_x3": round(indexed, 1)}}


def measure(out: Path) -> dict:
    from playwright.sync_api import sync_playwright
    with static_host(out) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(address + "en/programs/", wait_until="networkidle")
        loaded = sum(len(gzip.compress(r.body(), 6)) for r in responses if r.ok)
        fetched_before_touch = any(r.url.endswith("facets.json") for r in responses)
        started = time.perf_counter()
        page.evaluate("window.sitegenCatalog.load().then(() => new Promise(r => setTimeout(r, 0)))")
        index_seconds = time.perf_counter() - started
        trace = out / "trace.json"
        browser.start_tracing(page=page, path=str(trace), categories=["blink.user_timing", "devtools.timeline"])
        for selector, choice in CHANGES:
            if choice == "check":
                page.check(selector)
            elif isinstance(choice, int):
                page.select_option(selector, index=choice + 1)
            else:
                page.select_option(selector, choice)
            page.evaluate("new Promise(requestAnimationFrame)")
        browser.stop_tracing()
        shown = page.locator("[data-result-count]").inner_text()
        browser.close()
    events = json.loads(trace.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    marks = sorted((e["ts"], e["ph"]) for e in events if e.get("name") == "catalog-filter" and e.get("ph") in "be")
    begins, ends = [ts for ts, ph in marks if ph == "b"], [ts for ts, ph in marks if ph == "e"]
    durations = [(end - begin) / 1000 for begin, end in zip(begins, ends)]
    return {"first_load_gz": loaded, "index_fetched_before_touch": fetched_before_touch,
            "index_fetch_and_parse_s": round(index_seconds, 2), "filter_ms": [round(d, 1) for d in durations],
            "filter_ms_median": round(statistics.median(durations), 1) if durations else None,
            "filter_ms_max": round(max(durations), 1) if durations else None, "last_count": shown}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--work", type=Path, help="where sites and outputs go (default: a temporary folder)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="sitegen-browser-"))
    for n in args.sizes:
        out, facts = render_catalog(n, work)
        facts.update(measure(out))
        print(json.dumps({"n": n, "date": dt.date.today().isoformat(), **facts}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
