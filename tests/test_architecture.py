"""The package's shape: imports point down the stages (import-linter's contracts in pyproject.toml), no
module keeps mutable state of its own, and no module grows past what one reader holds at once."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sitegen"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 300
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
            "discard"}


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """import-linter over the `sitegen` package found in `project`, with the contracts of its pyproject.toml."""
    environment = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, env=environment, capture_output=True,
                          text=True, timeout=120)


def copy_of_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(PACKAGE, project / "sitegen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", project)
    return project


def plant(module: Path, line: str) -> None:
    """Add an import to a module, after its docstring and `from __future__` line."""
    lines = module.read_text(encoding="utf-8").splitlines(keepends=True)
    after = next(n for n, text in enumerate(lines) if text.startswith("from __future__")) + 1
    module.write_text("".join([*lines[:after], line + "\n", *lines[after:]]), encoding="utf-8")


def test_imports_point_down_the_stages_and_never_in_a_circle():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


PLANTED = {
    "an import up the stages": ("foundation/problems.py", "from ..render import views  # noqa",
                                ["sitegen.foundation is not allowed to import sitegen.render",
                                 "sitegen.foundation.problems -> sitegen.render.views"]),
    "a cycle inside a package": ("output/outfolder.py", "from . import publish  # noqa",  # publish imports outfolder
                                 ["No cycles are allowed in sitegen.output.", "Imports point down the stages KEPT"]),
    "output reaching for the Renderer": ("output/feeds.py", "from ..render.renderer import Renderer  # noqa",
                                         ["Output takes values, not the Renderer BROKEN",
                                          "sitegen.output.feeds -> sitegen.render.renderer"]),
}


@pytest.mark.parametrize("fault", PLANTED)
def test_the_contracts_fail_on(fault, tmp_path):
    module, line, said = PLANTED[fault]
    project = copy_of_project(tmp_path)
    plant(project / "sitegen" / module, line)
    result = lint_imports(project)
    assert result.returncode == 1
    for text in said:
        assert text in result.stdout


def test_the_contract_places_every_new_top_level_module(tmp_path):
    project = copy_of_project(tmp_path)
    (project / "sitegen/helpers.py").write_text('"""Anything."""\n', encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "sitegen.helpers" in result.stdout


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", modules(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_module_keeps_mutable_state(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names = module_level_names(tree)
    found = [f"line {node.lineno}: {what}" for node, what in state_in(tree, names)]
    assert not found, f"{module.relative_to(REPO)} keeps state at module level: {found}"


def module_level_names(tree: ast.Module) -> set[str]:
    return {target.id for node in tree.body for target in _targets(node) if isinstance(target, ast.Name)}


def state_in(tree: ast.Module, names: set[str]):
    """Variables that outlive a call: a `global` statement, a lower-case module-level name (constants are
    UPPER_CASE, type aliases CapWords), a module-level value changed in place, a mutable class attribute."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            yield node, f"global {', '.join(node.names)}"
        elif isinstance(node, (ast.Assign, ast.AugAssign)) and any(
                isinstance(target, ast.Subscript) and _name(target.value) in names
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])):
            yield node, "a module-level value changed by item"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and _name(node.func.value) in names:
            yield node, f"{_name(node.func.value)}.{node.func.attr}()"
    for node in tree.body:
        for target in _targets(node):
            if isinstance(target, ast.Name) and target.id.lstrip("_")[:1].islower():
                yield node, f"{target.id} = ..."
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        for node in cls.body:
            if _targets(node) and _is_mutable(node.value):
                yield node, f"a mutable class attribute in {cls.name}"


def _targets(node: ast.stmt) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []


def _is_mutable(value: ast.expr | None) -> bool:
    """A list, dict or set, written out or made by calling its type."""
    return isinstance(value, (ast.List, ast.Dict, ast.Set)) or (
        isinstance(value, ast.Call) and _name(value.func) in ("list", "dict", "set", "defaultdict", "Counter"))


def _name(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


@pytest.mark.parametrize("module", modules(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_every_module_reads_at_once(module):
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module.relative_to(REPO)} has {lines} lines: split it along a noun"


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")),
                         ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_package_says_its_job(package):
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 10, f"{package.relative_to(REPO)}/__init__.py needs a docstring"
