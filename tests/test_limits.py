"""Inputs that would stall or exhaust the machine are refused quickly, with a located problem."""
from __future__ import annotations

import textwrap

import pytest

from conftest import MINIMAL_SITE, TODAY, build_site
from sitegen.pipeline import check
from sitegen.foundation.problems import did_you_mean

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


def test_yaml_nested_past_the_limit_is_refused_where_it_goes_too_deep(make_site):
    program = PROGRAM + "extra: " + "[" * 300 + "]" * 300 + "\n"
    assert problems(make_site({"programs/summer.yaml": program})) == [
        "programs/summer.yaml:11:107: error: lists and mappings are nested more than 100 levels deep here\n"
        "    hint: fields need a few levels at most: check the indentation and the brackets"
    ]


# Size of files

def test_a_file_larger_than_a_megabyte_is_refused_before_it_is_read(make_site):
    article = "---\ntitle: Long\ndate: 2026-03-01\n---\n" + "Text. " * 200_000
    assert problems(make_site({"content/news/2026-03-01-long.en.md": article})) == [
        "content/news/2026-03-01-long.en.md: error: the file has 1,200,037 bytes; a source file may have at most "
        "1,000,000\n"
        "    hint: split the text into several pages or articles; put pictures and documents in content/media/ "
        "and link them"
    ]


def test_a_yaml_file_larger_than_a_megabyte_is_refused_too(make_site):
    program = PROGRAM + "description: {en: " + "word " * 200_000 + "}\n"
    [problem] = problems(make_site({"programs/summer.yaml": program}))
    assert problem.startswith("programs/summer.yaml: error: the file has 1,000,352 bytes")


# Markdown that Python-Markdown could not convert, or only in minutes

def nested_list(levels: int) -> str:
    return "".join("    " * level + "- item\n" for level in range(levels))


def article(body: str) -> str:
    return "---\ntitle: Deep\ndate: 2026-03-01\n---\n" + body


def test_lists_nested_past_the_limit_are_refused_at_the_first_line_too_deep(make_site):
    root = make_site({"content/news/2026-03-01-deep.en.md": article("Intro.\n\n" + nested_list(120))})
    assert [p for p in problems(root) if "error" in p] == [
        "content/news/2026-03-01-deep.en.md:107:1: error: the text nests lists or quotes 101 levels deep; "
        "Markdown allows at most 100\n"
        "    hint: indent less: each four spaces, each '- ' and each '>' at the start of a line opens a level"
    ]


def test_list_markers_on_one_line_count_as_levels_in_a_yaml_field(make_site):
    program = PROGRAM + "description: {en: '" + "- " * 150 + "x'}\n"
    assert [p for p in problems(make_site({"programs/summer.yaml": program})) if "error" in p] == [
        "programs/summer.yaml:11:19: error: description.en: the text nests lists or quotes 150 levels deep; "
        "Markdown allows at most 100\n"
        "    hint: indent less: each four spaces, each '- ' and each '>' at the start of a line opens a level"
    ]


def test_lists_nested_to_the_limit_build(make_site, tmp_path):
    root = make_site({"content/news/2026-03-01-deep.en.md": article(nested_list(100))})
    result = build_site(root, tmp_path / "public")
    assert result.written
    html = (tmp_path / "public/en/news/deep/index.html").read_text(encoding="utf-8")
    assert html.count("<li>item") == 100


@pytest.mark.parametrize("paragraph", ["[" * 3_000, "![" * 2_000, "<a " * 2_000, "[a](" * 2_000,
                                       "[" * 2_000 + "x" + "]" * 2_000])
def test_a_paragraph_of_unclosed_brackets_is_refused(make_site, paragraph):
    root = make_site({"content/news/2026-03-01-brackets.en.md": article("Intro.\n\n" + paragraph + "\n")})
    assert [p for p in problems(root) if "error" in p] == [
        "content/news/2026-03-01-brackets.en.md:7:1: error: this paragraph has so many unclosed brackets "
        "('[', '(' or '<') that converting it would take minutes\n"
        "    hint: close each bracket, or write one meant as text as \\[, \\( or &lt;"
    ]


def test_many_closed_links_and_escaped_brackets_are_fine(make_site):
    body = "Links: " + "[a](https://example.org/) " * 5_000 + "\n\n" + "\\[" * 5_000 + "\n"
    root = make_site({"content/news/2026-03-01-links.en.md": article(body)})
    assert [p for p in problems(root) if "error" in p] == []


# Values YAML cannot hold

def test_a_number_with_thousands_of_digits_is_refused_where_it_is_written(make_site):
    program = PROGRAM + "seats: " + "9" * 5_000 + "\n"
    assert problems(make_site({"programs/summer.yaml": program})) == [
        "programs/summer.yaml:11:8: error: the number has 5,000 digits; a number may have at most 30\n"
        "    hint: check the number; a typo may have added digits"
    ]


def test_an_alias_inside_what_it_stands_for_is_refused(make_site):
    program = PROGRAM + "extra: &loop [x, *loop]\n"
    assert problems(make_site({"programs/summer.yaml": program})) == [
        "programs/summer.yaml:11:8: error: an alias stands for the list or mapping it is inside\n"
        "    hint: write the values out; an alias can only repeat something that ends before it"
    ]


def test_a_long_wrong_value_is_quoted_cut_short(make_site):
    program = PROGRAM.replace("audience: [students]", "audience: [" + "x" * 100_000 + "]")
    [problem] = problems(make_site({"programs/summer.yaml": program}))
    assert problem.splitlines()[0] == (
        "programs/summer.yaml:4:12: error: audience: unknown audience '" + "x" * 79 + "…'")


# Footnotes

def test_a_footnote_referred_to_too_often_is_refused_at_the_first_reference_past_the_limit(make_site):
    body = "A claim.[^a]\n" * 150 + "\n[^a]: The source.\n"
    root = make_site({"content/news/2026-03-01-notes.en.md": article(body)})
    assert [p for p in problems(root) if "error" in p] == [(
        "content/news/2026-03-01-notes.en.md:105:1: error: the footnote '[^a]' is referred to 150 times; "
        "a footnote may be referred to at most 100 times\n"
        "    hint: refer to the note once per paragraph, or give repeated remarks their own notes")]


def test_many_footnotes_each_referred_to_once_are_fine(make_site):
    body = "".join(f"Claim {n}.[^n{n}]\n" for n in range(300)) + "\n" + "".join(
        f"[^n{n}]: Source {n}.\n" for n in range(300))
    root = make_site({"content/news/2026-03-01-notes.en.md": article(body)})
    assert [p for p in problems(root) if "error" in p] == []


def test_quotes_nested_past_the_limit_are_refused_like_lists(make_site):
    root = make_site({"content/news/2026-03-01-deep.en.md": article("Intro.\n\n" + ">" * 101 + " Deep.\n")})
    assert [p for p in problems(root) if "error" in p] == [
        "content/news/2026-03-01-deep.en.md:7:1: error: the text nests lists or quotes 101 levels deep; "
        "Markdown allows at most 100\n"
        "    hint: indent less: each four spaces, each '- ' and each '>' at the start of a line opens a level"
    ]
