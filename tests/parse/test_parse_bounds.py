"""Ranges said in words (issue 10): each phrasing of a bound, in short texts of our own across
domains, with the rule expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.bounds import bounds


def _range(text: str, entity: str, field: str) -> tuple[float | None, float | None] | None:
    spec = parse_spec(text)
    for r in spec.rules:
        if r.kind.value == "range" and r.entity == entity and r.field == field:
            return r.min, r.max
    return None


@pytest.mark.parametrize(
    ("expected", "text", "entity", "field"),
    [
        # a bound said in brackets after the field, in words only
        ((0, None), "- Part: name, stock count (never below zero), price", "Part", "stock_count"),
        ((0, None), "Parts have a name and a stock count (not negative).", "Part", "stock_count"),
        ((0, None), "Scores have a title and copies (cannot be negative).", "Score", "copies"),
        ((0, None), "- Wreath: size, stock (no negatives pls)", "Wreath", "stock"),
        ((0, None), "- Tank: name, volume in litres (positive)", "Tank", "volume"),
        # a bound denied in words
        (
            (0, None),
            "Sites have a name and a budget. The budget is never below 0.",
            "Site",
            "budget",
        ),
        (
            (None, 5000),
            "Expenses have a title and an amount that can't exceed 5000.",
            "Expense",
            "amount",
        ),
        (
            (None, 12),
            "Crates have a label and a weight that must not go over 12.",
            "Crate",
            "weight",
        ),
        (
            (18, None),
            "Drivers have a name and an age. The age must be 18 or more.",
            "Driver",
            "age",
        ),
        (
            (0, None),
            "Wallets have an owner name and a balance. The balance may not drop below 0.",
            "Wallet",
            "balance",
        ),
        # the number before "max"
        (
            (None, 10),
            "Tables have a number and a number of seats (10 max).",
            "Table",
            "number_of_seats",
        ),
        ((None, 6), "Kayaks have a name and a crew size, 6 maximum.", "Kayak", "crew_size"),
        # out of N
        ((0, 10), "A tasting has a date and a score out of 10.", "Tasting", "score"),
        # an aside of words inside a range
        (
            (1, 5),
            "Tasks have a title and a priority from 1 (lowest) to 5 (highest).",
            "Task",
            "priority",
        ),
        (
            (0, 3),
            "Dishes have a name and a heat level from 0 (mild) to 3 (fiery).",
            "Dish",
            "heat_level",
        ),
        (
            (-60, 60),
            "Readings have a time and a temperature between -60 and 60.",
            "Reading",
            "temperature",
        ),
    ],
)
def test_a_bound_said_in_words_is_a_range_rule(
    expected: tuple[float | None, float | None], text: str, entity: str, field: str
) -> None:
    assert _range(text, entity, field) == expected


@pytest.mark.parametrize(
    ("expected_type", "text", "entity", "field"),
    [
        ("integer", "Bugs have a title and a severity 1-4.", "Bug", "severity"),
        ("integer", "Tasks have a title and a priority from 1 to 5.", "Task", "priority"),
        ("float", "Deals have a title and a value. Deal value can't be negative.", "Deal", "value"),
        ("integer", "Climbs have a name and a grade between 3 and 9.", "Climb", "grade"),
        ("float", "Samples have a code and a ph from 0.5 to 14.", "Sample", "ph"),
    ],
)
def test_a_field_read_as_text_with_a_numeric_bound_is_a_number(
    expected_type: str, text: str, entity: str, field: str
) -> None:
    spec = parse_spec(text)
    assert _range(text, entity, field) is not None
    assert spec.entity(entity).field(field).type.value == expected_type  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "entity", "field"),
    [
        ("Pets have a name and a weight in kg. Weight must be positive.", "Pet", "weight_kg"),
        (
            "Walks have a dog name and a duration in minutes. Duration is at least 15.",
            "Walk",
            "duration_minutes",
        ),
        (
            "Parcels have a code and a weight in kg. The weight can't exceed 30.",
            "Parcel",
            "weight_kg",
        ),
        ("Tanks have a name and a volume in liters. Volume must be positive.", "Tank", "volume"),
        (
            "Runs have a date and a distance in km. The distance is never negative.",
            "Run",
            "distance_km",
        ),
    ],
)
def test_a_field_named_with_its_unit_is_named_without_it(
    text: str, entity: str, field: str
) -> None:
    assert _range(text, entity, field) is not None


@pytest.mark.parametrize(
    ("text", "entity", "field"),
    [
        # the number counts something else than the field before it
        (
            "Courts have a number. A lesson has a title and a number of players (4 at most).",
            "Court",
            "number",
        ),
        (
            "Events have a ticket price. An event has between 10 and 5000 tickets.",
            "Event",
            "ticket_price",
        ),
        # a plain text field is only made a number where the bound follows it closely
        (
            "Teams have a team name and a city. Players per team must be between 2 and 6.",
            "Team",
            "team_name",
        ),
        ("Posts have a title, a body and a date. We publish 3 to 5 posts a week.", "Post", "title"),
        ("Guests have a name and a note. Rooms have 1 to 4 beds.", "Guest", "note"),
    ],
)
def test_a_bound_on_something_else_is_no_rule_on_the_field_before(
    text: str, entity: str, field: str
) -> None:
    assert _range(text, entity, field) is None


def test_a_date_is_no_range() -> None:
    assert bounds("opened on 2025-01-05") == []


def test_a_range_given_backwards_is_left_out() -> None:
    assert bounds("from 5 to 1") == []
