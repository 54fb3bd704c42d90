"""Thin entities: words the text only uses as a value, a measure or filler never become entities,
while the things the text describes, lists or acts on stay (`decide.vet_entities`)."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec, parse_spec_with_notes
from pipeline.parse.decide import _misspelt_filler
from tests.parse.helpers import entity_names, field_types


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a label for an attribute whose items are values, not fields
        (
            "Tents have a number and a size. Campers book tents.\n"
            "- Capacity: up to 6 people\n- Quantity: how many tents",
            {"Tent"},
            {"Capacity", "Quantity"},
        ),
        (
            "Skates have a brand and a colour.\n- Price: 8 euro per hour\n- Sizes: 36-46",
            {"Skate"},
            {"Price", "Size", "Siz"},
        ),
        (
            "Kilns: name, max temperature\nTemperature: between 900 and 1300",
            {"Kiln"},
            {"Temperature"},
        ),
        # a measure or a time, its items amounts
        (
            "Owners rent out boats. Boats: name, length.\n- Time: 2 hours at most per trip",
            {"Boat"},
            {"Time"},
        ),
    ],
)
def test_value_labels_are_no_entities(text: str, kept: set[str], dropped: set[str]) -> None:
    names = entity_names(parse_spec(text))
    assert kept <= names
    assert not names & dropped


def test_a_value_label_is_noted() -> None:
    text = "Tents have a number and a size.\n- Capacity: up to 6 people"
    _, notes = parse_spec_with_notes(text)
    # "up to 6 people" is a limit, not a field: Capacity is an attribute nothing describes
    assert any("Capacity is not an entity" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # described things with fields stay, attribute-like words included
        ("Sizes: label, chest width, length\nShirts: name, size", {"Size", "Shirt"}),
        ("Prices: amount, currency, valid from\nProducts: name", {"Price", "Product"}),
        ("Shifts: date, start, end\nNights: date, staff on duty", {"Shift", "Night"}),
    ],
)
def test_described_things_stay(text: str, expected: set[str]) -> None:
    assert expected <= entity_names(parse_spec(text))


def test_plural_in_zes_keeps_its_e() -> None:
    spec = parse_spec("Raffles give prizes. Prizes: name, donor, value")
    assert "Prize" in entity_names(spec)


@pytest.mark.parametrize("word", ["everythign", "evrything", "somthing", "anyhting", "whatevr"])
def test_misspelt_filler(word: str) -> None:
    assert _misspelt_filler(word)


@pytest.mark.parametrize("word", ["everything", "evening", "bookings", "northern", "somewhere"])
def test_not_misspelt_filler(word: str) -> None:
    assert not _misspelt_filler(word)


def test_misspelt_filler_is_no_entity() -> None:
    spec = parse_spec(
        "Boards have columns, columns have cards (title, due date). Everythign sorted."
    )
    assert "Everythign" not in entity_names(spec)
    assert "Card" in entity_names(spec)


def test_label_lines_without_bullets_are_lines_of_their_own() -> None:
    spec = parse_spec("Lessons: topic, tutor, start time\nPupils: name, email")
    assert field_types(spec, "Lesson").keys() >= {"topic", "tutor", "start_time"}
    assert field_types(spec, "Pupil").keys() >= {"name", "email"}


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a time only after "per": a measure, even where a "per" phrase linked it
        (
            "A sauna club. Members book saunas: name, max temperature. "
            "One member per sauna per evening.",
            {"Sauna"},
            {"Evening"},
        ),
        # a plural after a number inside a phrase: how many, not a thing
        (
            "### What\nAPI for a bakery (3 branches).\n\n### Data\n- Bread: name, price\n"
            "- Order: bread, pickup date",
            {"Bread", "Order"},
            {"Branch"},
        ),
    ],
)
def test_measures_are_no_entities(text: str, kept: set[str], dropped: set[str]) -> None:
    names = entity_names(parse_spec(text))
    assert kept <= names
    assert not names & dropped


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # "one X per Y" counts the X: the X is the thing stored
        ("Polls have a question. Users vote on polls, one vote per user per poll.", {"Poll"}),
        ("Members leave one review per book. Books: title, author", {"Book", "Review"}),
        # a thing the text acts on stays, though a "per" phrase also names it
        ("Guests book rooms: number, beds. One guest per room per night.", {"Room"}),
    ],
)
def test_counted_things_stay(text: str, kept: set[str]) -> None:
    assert kept <= entity_names(parse_spec(text))


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a heading or label that lists the things stored is the business, not one of them
        (
            "### Gym\nmembers, trainers, sessions\n### Sessions\n- title\n- capacity\n"
            "### Members\n- name\n- email",
            {"Session", "Member"},
            {"Gym"},
        ),
        (
            "Bakery: breads, cakes, orders\nBreads: name, price\nOrders: pickup date",
            {"Bread", "Order"},
            {"Bakery"},
        ),
        # one of many ("each customer has one cart") is a thing, whatever it holds
        (
            "Each customer has one cart. Cart: items, coupons\nItems: name, price\n"
            "Coupons: code, discount",
            {"Cart", "Item", "Coupon"},
            set(),
        ),
    ],
)
def test_a_container_of_the_things_is_the_business(
    text: str, kept: set[str], dropped: set[str]
) -> None:
    names = entity_names(parse_spec(text))
    assert kept <= names
    assert not names & dropped


def test_a_kind_of_value_is_no_entity() -> None:
    text = (
        "Vets see pets. Pets: name, species, owner phone.\nNote: vets add notes to a pet, free text"
    )
    names = entity_names(parse_spec(text))
    assert "Pet" in names
    assert "FreeText" not in names


@pytest.mark.parametrize(
    "text",
    [
        "Pools have a name and a volume. The pH has a target and a tolerance.",
        "Pools have a name. PH: acid, neutral, alkaline",
    ],
)
def test_a_word_of_two_letters_is_no_entity(text: str) -> None:
    names = entity_names(parse_spec(text))
    assert "Pool" in names
    assert "Ph" not in names
