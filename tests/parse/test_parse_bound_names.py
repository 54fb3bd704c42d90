"""Bounds on a field named the short way (issue 10): a plural in -ies ("copies"), the last word
of a longer name ("the price" for ticket_price), "more than N", and "has to be between" after a
field. Short texts of our own, the rule expected written first."""

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
        # the last word of a longer name
        (
            (0, None),
            "Concerts have a title and a ticket price; the price can not be negative.",
            "Concert",
            "ticket_price",
        ),
        (
            (0, None),
            "Flats have an address and a monthly rent. The rent must be more than 0.",
            "Flat",
            "monthly_rent",
        ),
        (
            (None, 30),
            "Courses have a name and a group size. A group's size can't be more than 30.",
            "Course",
            "group_size",
        ),
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
def test_a_bound_on_a_field_named_the_short_way_is_a_range(
    expected: tuple[float | None, float | None], text: str, entity: str, field: str
) -> None:
    assert _range(text, entity, field) == expected


def test_no_more_than_is_a_most_not_a_least() -> None:
    text = "Parcels have a label and a weight. The weight must be no more than 30."
    assert _range(text, "Parcel", "weight") == (None, 30)


@pytest.mark.parametrize(
    "text",
    [
        # the last word of "rate per word" is no word of its own
        "Writers have a name and a rate per word. Articles have a title and a word count"
        " between 100 and 900.",
        # a last word that names an entity is that entity
        "Shelves have a label and a book count. Books have a title and 2 to 5 authors.",
    ],
)
def test_a_last_word_that_is_tied_or_an_entity_names_no_field(text: str) -> None:
    spec = parse_spec(text)
    assert not any(r.field in ("rate_per_word", "book_count") for r in spec.rules)
