"""Every HTML page of the sample site passes the Nu HTML Checker (vnu) with zero errors."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO, build_site, require_tool
from generate import generate  # the benchmark's synthetic catalog

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validation_errors(pages: list[Path]) -> list[str]:
    java = require_tool("java")
    require_tool(str(VNU_JAR))
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors or run.returncode == 0, run.stderr[-2000:]
    return errors


def test_every_sample_page_is_valid_html(sample_site: Path):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 40
    assert validation_errors(pages) == []


def test_pages_using_every_field_are_valid_html(tmp_path: Path):
    """The sample has no sessions, fees, images or fallbacks yet; a synthetic catalog has them all."""
    generate(40, tmp_path / "site", seed=7)
    out = tmp_path / "public"
    assert build_site(tmp_path / "site", out).written
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 200
    assert validation_errors(pages) == []
