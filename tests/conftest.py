"""Shared fixtures: inline sites written from {path: text}, builds into temp folders, external tools."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import sys
import textwrap
import threading
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.cli import main
from sitegen.pipeline import BuildOptions, BuildResult, build

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))  # generate.py writes the synthetic catalogs
TODAY = dt.date(2026, 11, 24)
IN_CI = os.environ.get("CI", "").lower() == "true"

MINIMAL_SITE = {
    "site.yaml": """
        title: {en: Test catalog, ru: Тестовый каталог}
        base_url: https://example.org/
        default_language: en
        languages:
          - {code: en, locale: en_GB, hreflang: en, name: English, fallback: [ru]}
          - {code: ru, locale: ru_RU, hreflang: ru, name: Русский, fallback: [en]}
        timezone: Europe/Moscow
        fields:
          engineering: {en: Engineering, ru: Инженерия}
        menu: [programs, partners, news]
    """,
    "partners/acme.yaml": """
        name: {en: Acme University, ru: Университет Акме}
        kind: university
        country: CN
    """,
    "programs/summer.yaml": """
        title: {en: Summer school, ru: Летняя школа}
        summary: {en: Two weeks of engineering., ru: Две недели инженерии.}
        type: summer-school
        audience: [students]
        field: engineering
        partners: [acme]
        mode: onsite
        location: {city: {en: Shanghai, ru: Шанхай}, country: CN}
        languages: [en]
        updated: 2026-10-01
    """,
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden from a fresh build of the sample site")


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write a site from {relative path: text}; text is dedented so tests can indent it."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path):
    """make_site({path: text}, base=MINIMAL_SITE) → a site folder; None in the dict removes a base file."""
    def make(files: dict[str, str | None] | None = None, base: dict[str, str] | None = MINIMAL_SITE) -> Path:
        merged = {**(base or {}), **(files or {})}
        return write_site(tmp_path / "site", {k: v for k, v in merged.items() if v is not None})
    return make


def build_site(root: Path, out: Path, **options) -> BuildResult:
    return build(BuildOptions(root=root, out=out, today=options.pop("today", TODAY), processes=options.pop("processes", 1), **options))


def run_cli(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:  # argparse exits on usage errors
        return int(exc.code)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample catalog with its search index, built once per test session."""
    out = tmp_path_factory.mktemp("sample") / "public"
    result = build_site(REPO, out, search=True)
    assert result.written, "\n".join(p.format() for p in result.problems.sorted())
    return out


@pytest.fixture(scope="session")
def catalog_1000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 1,000-program trilingual catalog (benchmarks/generate.py), built once per session."""
    from generate import generate

    root = tmp_path_factory.mktemp("catalog-1000")
    generate(1000, root / "site", seed=1)
    out = root / "public"
    result = build_site(root / "site", out, processes=2)
    assert result.written, "\n".join(p.format() for p in result.problems.sorted()[:20])
    return out


def require_module(name: str):
    """Import a test-only package; skip (or, under CI=true, fail) when it is not installed."""
    try:
        return __import__(name, fromlist=["_"])
    except ImportError:
        message = f"needs the Python package {name.split('.')[0]} (run scripts/setup-tests)"
        if IN_CI:
            pytest.fail(f"{message}; under CI=true this is a failure, not a skip")
        pytest.skip(message)


def require_tool(*candidates: str) -> str:
    """Path to the first tool found; skip (or, under CI=true, fail) when none is installed."""
    for candidate in candidates:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    message = f"needs {' or '.join(candidates)}, which is not installed (run scripts/setup-tests)"
    if IN_CI:
        pytest.fail(f"{message}; under CI=true this is a failure, not a skip")
    pytest.skip(message)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request into the test output."""

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def static_host(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """`folder` served on a free loopback port, as a static host would; yields its http://127.0.0.1:PORT/ address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
