"""Whole sites broken in one realistic way each: the check prints exactly the problems in expected.txt.

Regenerate the expectations after a deliberate change of wording with
`pytest tests/test_invalid_cases.py --update-golden`, then read the diff: every line must name the file,
line and column and say what to do.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, build_site, run_cli
from sitegen.pipeline import check

CASES = sorted(path for path in (Path(__file__).parent / "invalid").iterdir() if path.is_dir())


def printed(case: Path) -> str:
    return "".join(problem.format() + "\n" for problem in check(case, TODAY).sorted())


def test_there_are_invalid_cases_to_check():
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_invalid_site_reports_exactly_the_expected_problems(case: Path, request: pytest.FixtureRequest):
    expected = case / "expected.txt"
    actual = printed(case)
    if request.config.getoption("--update-golden"):
        expected.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {expected.relative_to(Path(__file__).parent)}")
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_check_command_prints_the_expected_problems_and_exits_1(case: Path, capsys: pytest.CaptureFixture):
    assert run_cli("check", "--root", str(case), "--today", TODAY.isoformat()) == 1
    err = capsys.readouterr().err
    assert err.startswith((case / "expected.txt").read_text(encoding="utf-8"))
    assert err.count("\n") == (case / "expected.txt").read_text(encoding="utf-8").count("\n") + 1  # the summary line


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_every_problem_says_what_to_do(case: Path):
    for problem in check(case, TODAY).sorted():
        assert problem.hint, problem.format()


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_invalid_site_is_not_built(case: Path, tmp_path: Path):
    out = tmp_path / "public"
    assert not build_site(case, out).written
    assert not out.exists()

