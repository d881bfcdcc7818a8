"""Safe YAML loading with positions: what editors' YAML reads as, and where each piece stood."""
from __future__ import annotations

import textwrap

import pytest

from sitegen.foundation.problems import Position, Problems
from sitegen.source.yamlsource import YList, YMap, load_yaml


def load(text: str, line_offset: int = 0) -> tuple[object, list[str]]:
    problems = Problems()
    data = load_yaml(textwrap.dedent(text).lstrip("\n"), Position("x.yaml"), problems, line_offset=line_offset)
    return data, [problem.format().splitlines()[0] for problem in problems.sorted()]


def test_mapping_remembers_where_it_starts_and_where_each_key_and_value_stand():
    data, problems = load("""
        title: Summer
        location:
          city: Shanghai
    """)
    assert problems == []
    assert isinstance(data, YMap)
    assert data.pos == (1, 1)
    assert data.key_pos == {"title": (1, 1), "location": (2, 1)}
    assert data.value_pos["title"] == (1, 8)
    assert data.value_pos["location"] == (3, 3)
    assert data["location"].key_pos["city"] == (3, 3)
    assert data["location"].value_pos["city"] == (3, 9)


def test_flow_mapping_positions_point_inside_the_line():
    data, _ = load("title: {en: Summer, ru: Лето}\n")
    assert data["title"].pos == (1, 8)
    assert data["title"].key_pos["ru"] == (1, 21)
    assert data["title"].value_pos["ru"] == (1, 25)


def test_list_remembers_the_position_of_each_item():
    data, _ = load("""
        partners: [acme, usst]
        audience:
          - students
          - faculty
    """)
    assert isinstance(data["partners"], YList)
    assert data["partners"].item_pos == [(1, 12), (1, 18)]
    assert data["audience"].pos == (3, 3)
    assert data["audience"].item_pos == [(3, 5), (4, 5)]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "NO", "Yes", "OFF"])
def test_yaml_1_1_boolean_words_stay_strings(word):
    data, problems = load(f"value: {word}\n")
    assert problems == []
    assert data["value"] == word


def test_country_no_stays_the_string_for_norway():
    data, _ = load("country: NO\n")
    assert data["country"] == "NO"


@pytest.mark.parametrize("word, value", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_yaml_1_2_booleans_are_booleans(word, value):
    data, _ = load(f"draft: {word}\n")
    assert data["draft"] is value


def test_numbers_and_nulls_keep_their_types():
    data, _ = load("seats: 20\namount: 1500.50\nnothing: ~\nempty:\n")
    assert data["seats"] == 20 and isinstance(data["seats"], int)
    assert data["amount"] == 1500.5
    assert data["nothing"] is None and data["empty"] is None


def test_dates_are_kept_as_strings_for_the_validator_to_check():
    data, problems = load("updated: 2026-10-01\nbad: 2026-02-30\nstamp: 2026-10-01 10:00:00\n")
    assert problems == []
    assert data["updated"] == "2026-10-01"
    assert data["bad"] == "2026-02-30"
    assert data["stamp"] == "2026-10-01 10:00:00"


def test_duplicate_key_is_reported_at_the_second_occurrence_with_the_first_line():
    data, problems = load("""
        title: One
        type: exchange
        title: Two
    """)
    assert problems == ["x.yaml:3:1: error: title: appears twice in the same mapping (first on line 1)"]
    assert data["title"] == "Two"


def test_duplicate_key_in_a_nested_mapping_is_located_there():
    _, problems = load("title: {en: One, en: Two}\n")
    assert problems == ["x.yaml:1:18: error: en: appears twice in the same mapping (first on line 1)"]


# PyYAML words some problems differently with and without libyaml; positions are the same.
def test_syntax_error_is_located_and_returns_none():
    data, problems = load("""
        title: Summer
          summary: indented too far
    """)
    assert data is None
    [problem] = problems
    assert problem.startswith("x.yaml:2:10: error: YAML syntax: mapping values are not allowed")


def test_missing_colon_names_the_line_of_the_key_without_it():
    _, problems = load("""
        title: Summer
        summary
        type: exchange
    """)
    assert problems == ["x.yaml:3:1: error: YAML syntax: could not find expected ':' "
                        "(while scanning a simple key on line 2, column 1)"]


def test_syntax_error_names_the_line_where_the_unclosed_construct_began():
    _, problems = load("""
        title: {en: Summer
        type: exchange
    """)
    [problem] = problems
    assert problem.startswith("x.yaml:2:5: error: YAML syntax: ")
    assert problem.endswith("(while parsing a flow mapping on line 1, column 8)")


def test_syntax_error_at_the_end_points_to_the_unclosed_bracket_and_counts_the_line_offset():
    _, problems = load("title: [a\n", line_offset=1)
    [problem] = problems
    assert problem.startswith("x.yaml:2:8: error: YAML syntax: ")
    assert problem.endswith("(while parsing a flow sequence that starts here)")


def test_unclosed_quote_is_reported_where_the_quote_opens():
    problems = Problems()
    load_yaml('title: x\nsummary: "Two weeks\ntype: exchange\n', Position("x.yaml"), problems)
    [problem] = problems.sorted()
    assert problem.format() == ("x.yaml:2:10: error: YAML syntax: found unexpected end of stream "
                                "(while scanning a quoted scalar that starts here)\n"
                                "    hint: close the quote that opens here")


def test_positions_of_values_count_the_line_offset_too():
    data, _ = load("title: Opening\ndate: 2026-03-01\n", line_offset=1)
    assert data.key_pos["date"] == (3, 1)
    assert data.value_pos["date"] == (3, 7)


def test_tab_indentation_gets_a_hint_about_spaces():
    problems = Problems()
    load_yaml("title:\n\ten: Summer\n", Position("x.yaml"), problems)
    [problem] = problems.sorted()
    assert problem.position == Position("x.yaml", 2, 1)
    assert problem.hint == "indent with spaces: YAML does not allow tabs"


@pytest.mark.parametrize("text, tag", [
    ("run: !!python/object:os.system x\n", "!!python/object:os.system"),
    ("run: !!python/object/apply:os.system ['ls']\n", "!!python/object/apply:os.system"),
    ("run: !custom x\n", "!custom"),
])
def test_tagged_values_are_rejected_by_the_safe_loader_as_a_located_problem(text, tag):
    data, problems = load(text)
    assert data is None
    assert problems == [f"x.yaml:1:6: error: the YAML tag '{tag}' is not allowed"]


def test_control_character_is_located_at_its_line_and_column():
    data, problems = load("title: x\nsum\x00mary: y\n")
    assert data is None
    assert problems == ["x.yaml:2:4: error: the file contains a control character (#x0000) that YAML does not allow"]


def test_a_second_document_in_one_file_is_a_problem():
    _, problems = load("title: x\n---\ntitle: y\n")
    assert problems == ["x.yaml:2:1: error: YAML syntax: a second YAML document starts here; "
                        "a file holds one (remove this '---' and what follows)"]


def test_empty_text_loads_as_none_without_problems():
    assert load("") == (None, [])


def test_non_scalar_keys_become_text_instead_of_failing():
    data, problems = load("? [a, b]\n: c\n")
    assert problems == []
    assert list(data) == ["['a', 'b']"]
