"""Every install comes from the committed locks: the tests run on exactly the versions they pin."""
from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
# Seeded by venv itself, and this package, which is installed from the working tree.
NOT_LOCKED = {"pip", "sitegen"}


def locked(name: str) -> dict[str, str]:
    return {canonicalize_name(n): v for n, v in PIN.findall((ROOT / name).read_text(encoding="utf-8"))}


def installed() -> dict[str, str]:
    found = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    return {name: version for name, version in found.items() if name not in NOT_LOCKED}


def test_the_test_environment_is_exactly_the_test_lock():
    assert installed() == locked("requirements-test.txt")


def test_every_pin_has_hashes():
    for name in ("requirements.txt", "requirements-test.txt"):
        text = (ROOT / name).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
        pins = [b for b in blocks if PIN.match(b)]
        assert pins and all("--hash=sha256:" in b for b in pins), name


def test_the_build_lock_agrees_with_the_test_lock():
    build, test = locked("requirements.txt"), locked("requirements-test.txt")
    assert {name: test.get(name) for name in build} == build


def test_every_declared_dependency_is_locked_within_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    test = locked("requirements-test.txt")
    for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in test, f"{name} is not in the lock: run scripts/lock"
        assert requirement.specifier.contains(test[name], prereleases=True), f"{line} vs locked {test[name]}"
