"""Every HTML page of the sample site passes the Nu HTML Checker (vnu) with zero errors."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO, require_tool

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_sample_page_is_valid_html(sample_site: Path):
    java = require_tool("java")
    require_tool(str(VNU_JAR))
    pages = sorted(str(p) for p in sample_site.rglob("*.html"))
    assert len(pages) > 40
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
    assert run.returncode == 0
