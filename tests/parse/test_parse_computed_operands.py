"""A computed value is the field the computation sets, never one of its operands (issue 10).
Short texts of our own; the field expected (or None: no field holds the result) comes first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


def _computed(text: str) -> set[tuple[str, str]]:
    return {(r.entity, r.field) for r in parse_spec(text).rules if r.kind.value == "computed"}


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        # the result is a field: it is the one computed
        (
            ("Stay", "total"),
            "Stays have nights and a total. Rooms have a nightly rate. The total is calculated (nights × nightly rate).",
        ),
        (
            ("Order", "total_price"),
            "Orders have a date and a total price. Items have a price. The total price is calculated from the items.",
        ),
        (
            ("Invoice", "amount"),
            "Invoices have hours, a rate and an amount. Amount = hours × rate, computed by the API.",
        ),
        (
            ("Lesson", "price"),
            "Teachers have an hourly rate. Lessons have minutes and a price. The price is computed: minutes / 60 × hourly rate.",
        ),
        (
            ("Cart", "total"),
            "Carts have a total. Products have a price. The cart total is computed from the products.",
        ),
    ],
)
def test_the_field_a_computation_sets_is_computed(expected: tuple[str, str], text: str) -> None:
    assert expected in _computed(text)


@pytest.mark.parametrize(
    ("operand", "text"),
    [
        # the result is no field of the spec: no operand is taken for it
        (
            ("Room", "nightly_rate"),
            "Stays have nights. Rooms have a nightly rate. The total price is calculated (nights × nightly rate).",
        ),
        (
            ("Timesheet", "overtime"),
            "Timesheets have hours, overtime and a wage. Pay = hours × wage + overtime × wage × 1.5, computed by the API.",
        ),
        (
            ("Teacher", "hourly_rate"),
            "Teachers have an hourly rate. Lessons have minutes (the fee is computed: minutes / 60 × hourly rate).",
        ),
        (
            ("Dish", "price_per_person"),
            "Dishes have a price per person. The event total (price per person × guests) is computed by the API.",
        ),
        (
            ("Part", "cost"),
            "Parts have a cost. Repairs have a date. The repair bill is computed from the cost of each part.",
        ),
    ],
)
def test_an_operand_is_never_the_value_computed(operand: tuple[str, str], text: str) -> None:
    assert operand not in _computed(text)
