"""Filters and text layouts defined in words (`pipeline.contract.conditions`,
`pipeline.contract.lines`): a yes/no filter comparing two properties ("`low=true` = items at or
below their reorder_level"), a value filter given as a formula ("average_rating >= value"), a
line of a text view ("SKU<TAB>quantity") and its order ("sorted by SKU"). Own phrasings."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract.conditions import _formula, condition
from pipeline.contract.lines import line_of, order_of
from pipeline.contract.schemas import Schemas

INT = {"type": "integer"}
PROPS: dict[str, Any] = {
    "name": {"type": "string"},
    "quantity": INT,
    "reorder_level": INT,
    "spent": {"type": "number"},
    "budget": {"type": "number"},
    "rating_count": INT,
    "average_rating": {"type": "number"},
}
SCHEMAS = Schemas({"openapi": "3.1.0", "paths": {}})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "`low=true` = items at or below their `reorder_level`",
            ["quantity", "le", "reorder_level"],
        ),
        ("`short`: true for rows under the reorder_level", ["quantity", "lt", "reorder_level"]),
        ("`over=true` lists those whose spent exceeds the budget", ["spent", "gt", "budget"]),
        ("`ok` keeps entries where spent is at most their budget", ["spent", "le", "budget"]),
    ],
)
def test_a_yes_no_filter_compares_the_properties_its_words_name(text: str, expected: list[str]):
    assert condition(text, PROPS, SCHEMAS) == expected


def test_a_comparison_with_no_property_after_it_is_no_condition() -> None:
    assert condition("`cheap=true`: priced below ten euros", PROPS, SCHEMAS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- `min_rating` - average_rating >= value", ["average_rating", "ge"]),
        ("`max_spend`: spent <= the value given", ["spent", "le"]),
        ("`at_least`: `rating_count` ≥ value", ["rating_count", "ge"]),
    ],
)
def test_a_value_filter_given_as_a_formula_compares_that_property(text: str, expected: list[str]):
    assert _formula(text, PROPS) == expected


def test_a_formula_naming_no_property_is_ignored() -> None:
    assert _formula("`min_score` - score >= value", PROPS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name<TAB>quantity per line", "<name>\t<quantity>"),
        ("one line per item: name, a tab, the quantity", "<name>\t<quantity>"),
        ("each line is the name then a comma then quantity", "<name>,<quantity>"),
        ("formatted `<name>: <quantity>`", "<name>: <quantity>"),
    ],
)
def test_a_text_views_line_is_read_from_its_words(text: str, expected: str) -> None:
    assert line_of([text], PROPS) == expected


def test_words_naming_no_two_properties_give_no_line() -> None:
    assert line_of(["the colour, a tab, the size"], PROPS) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("one line per item, sorted by name", "name"), ("ordered by the `quantity`", "quantity")],
)
def test_a_text_views_order_is_read_from_its_words(text: str, expected: str) -> None:
    assert order_of([text], PROPS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("`open=true` keeps rows where `quantity` is more than 0", ["quantity", "gt", 0]),
        ("`cheap` - only those whose spent is under 20.5", ["spent", "lt", 20.5]),
        ("`busy`: when true only items where quantity is at least 3", ["quantity", "ge", 3]),
        ("`roomy`: only where `quantity` is more then 0 (sic)", ["quantity", "gt", 0]),
    ],
)
def test_a_yes_no_filter_may_compare_a_property_with_a_number(text: str, expected: list[Any]):
    assert condition(text, PROPS, SCHEMAS) == expected
