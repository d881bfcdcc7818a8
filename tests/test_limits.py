"""Inputs that would stall or exhaust the machine are refused quickly, with a located problem."""
from __future__ import annotations

import textwrap

from conftest import MINIMAL_SITE, TODAY
from sitegen.pipeline import check
from sitegen.problems import did_you_mean

PROGRAM = textwrap.dedent(MINIMAL_SITE["programs/summer.yaml"]).lstrip("\n")


def problems(root) -> list[str]:
    return [problem.format() for problem in check(root, TODAY).sorted()]


# YAML aliases

def alias_bomb(levels: int) -> str:
    """`a0` holds nine values, each further anchor nine aliases of the one before: 9**levels values in all."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_nested_aliases_are_refused_at_the_alias_that_passes_the_budget(make_site):
    program = alias_bomb(9) + PROGRAM.replace("audience: [students]", "audience: *a8")
    assert problems(make_site({"programs/summer.yaml": program})) == [
        "programs/summer.yaml:5:10: error: aliases repeat more than 10,000 values in this file "
        "('*a3' here repeats 7,381)\n"
        "    hint: write the values out; an alias is for reusing a small part a few times"
    ]


def test_alias_bomb_in_front_matter_is_located_in_the_file(make_site):
    article = "---\ntitle: {en: News}\ndate: 2026-03-01\n" + alias_bomb(6) + "---\nText.\n"
    [problem] = problems(make_site({"content/news/2026-03-01-bomb.en.md": article}))
    assert problem.startswith("content/news/2026-03-01-bomb.en.md:8:10: error: aliases repeat more than 10,000")


def test_a_mapping_reused_by_an_alias_reads_as_written_twice(make_site):
    program = PROGRAM.replace(
        "location: {city: {en: Shanghai, ru: Шанхай}, country: CN}",
        "location: {city: &city {en: Shanghai, ru: Шанхай}, country: CN}\n"
        "funding: *city\ncredential: *city",
    )
    assert problems(make_site({"programs/summer.yaml": program})) == []


def test_aliases_within_the_budget_are_accepted(make_site):
    program = alias_bomb(4) + PROGRAM  # 9 + 81 + 729 values repeated: under 10,000
    assert [p.splitlines()[0] for p in problems(make_site({"programs/summer.yaml": program}))] == [
        f"programs/summer.yaml:{n + 1}:1: error: a{n}: unknown field" for n in range(4)
    ]


# Did you mean

def test_did_you_mean_finds_a_choice_in_a_word_twice_as_long():
    assert did_you_mean("abcabca", ["abc"]) == " (did you mean 'abc'?)"


def test_did_you_mean_gives_up_on_a_word_far_longer_than_every_choice():
    assert did_you_mean("students" * 1_000_000, ["students", "faculty"]) == ""
