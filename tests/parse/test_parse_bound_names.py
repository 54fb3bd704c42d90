"""Bounds said in more ways (issue 10): on a field whose plural ends in -ies ("copies"), as
"more than N", and with "has to be between" after a field. Short texts of our own, the rule
expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


def _range(text: str, entity: str, field: str) -> tuple[float | None, float | None] | None:
    spec = parse_spec(text)
    for r in spec.rules:
        if r.kind.value == "range" and r.entity == entity and r.field == field:
            return r.min, r.max
    return None


@pytest.mark.parametrize(
    ("expected", "text", "entity", "field"),
    [
        # a plural in -ies
        (
            (0, None),
            "Print orders have a title and a number of copies. The number of copies can't be"
            " negative.",
            "PrintOrder",
            "number_of_copies",
        ),
        ((1, 40), "Raffles: name, entries (1..40).", "Raffle", "entries"),
        ((2, 9), "Bakeries have a name and batches (2 to 9).", "Bakery", "batches"),
        # "more than N", "greater than N"
        (
            (5, None),
            "Auctions have a title and a starting bid. The starting bid must be greater than 5.",
            "Auction",
            "starting_bid",
        ),
        # "has to be", "needs to be" between a field and its bound
        (
            (-40, 120),
            "Probes: label, value. A probe value has to be between -40 and 120.",
            "Probe",
            "value",
        ),
    ],
)
def test_a_bound_said_these_ways_is_a_range(
    expected: tuple[float | None, float | None], text: str, entity: str, field: str
) -> None:
    assert _range(text, entity, field) == expected


def test_no_more_than_is_a_most_not_a_least() -> None:
    text = "Parcels have a label and a weight. The weight must be no more than 30."
    assert _range(text, "Parcel", "weight") == (None, 30)
