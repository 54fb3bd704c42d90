"""Entity or field: kinds of words that are values, fields or the business, never a thing the API
stores, and compound names that stay whole. Short texts of our own, one kind each."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names, field_types


# A formula names a computed field of something ("... per loan", "invoice subtotal"), never an
# entity of its own.
@pytest.mark.parametrize(
    ("text", "entity", "field"),
    [
        (
            "Boats: name, length.\nTrips: boat, date, fuel used.\n"
            "Running cost per trip = fuel used × 1.8 + 20, computed by the server.",
            "Trip",
            "running_cost",
        ),
        (
            "- Wallets: name, starting amount\n- Payments: wallet, amount, date\n"
            "- remaining amount of a wallet = starting amount + sum of its payments, computed",
            "Wallet",
            "remaining_amount",
        ),
        (
            "Orders: number, date. Order lines: product name, quantity, unit price.\n"
            "Order discount = sum of the line prices / 10. The API computes it.",
            "Order",
            "discount",
        ),
    ],
)
def test_a_formula_is_a_computed_field_not_an_entity(text: str, entity: str, field: str) -> None:
    spec = parse_spec(text)
    assert field in field_types(spec, entity)
    assert not {"RunningCost", "Cost", "RemainingAmount", "Amount", "OrderDiscount"} & (
        entity_names(spec)
    )


def test_a_formula_with_no_known_owner_adds_no_entity() -> None:
    spec = parse_spec(
        "Workers: name, day rate. Shifts: worker, hours, date.\nWage = hours × day rate / 8."
    )
    assert entity_names(spec) == {"Worker", "Shift"}


@pytest.mark.parametrize(
    "text",
    [
        # a field list that has a formula in a later item stays the entity's fields
        "Booking: guest name, nights, total = nights x nightly price (computed)",
        # a label sentence with choices and "/" is no formula
        "Rentals: bike, start, end. Rental status: open -> returned / lost, and only staff can "
        "close a rental.",
    ],
)
def test_field_lists_and_sentences_are_no_formula(text: str) -> None:
    spec = parse_spec(text)
    assert {"Booking", "Rental"} & entity_names(spec)


# A verb-like word before a noun names a kind of it ("a leave request", "tasting notes") unless
# it acts on the noun ("managing orders") or is a participle ("donated items").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- tasting notes: wine, score, comment\n- wines: name, year\n"
            "We taste wines every friday.",
            "TastingNote",
        ),
        (
            "| Table | Column |\n|---|---|\n| leave_requests | start_date |\n"
            "| leave_requests | reason |\n| staff | name |\n\nStaff leave early on fridays.",
            "LeaveRequest",
        ),
        (
            "- washing record: date, machine, operator name\n- machines: label, colour",
            "WashingRecord",
        ),
        ("An API for managing orders and customers. Orders have a total.", "Order"),
    ],
)
def test_a_verb_before_a_noun_names_its_kind(text: str, expected: str) -> None:
    assert expected in entity_names(parse_spec(text))


def test_a_management_heading_names_no_entity() -> None:
    spec = parse_spec("## Shift management (HR)\n\n- shifts: start, end, location\n")
    assert entity_names(spec) == {"Shift"}


# The writer's own business, or the app, named once and never as one of many, is no entity.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "so our choir (30 voices, mostly tenors lol) keeps losing sheet music. Pieces have a "
            "title and a composer. Rehearsals have a date and a place.",
            {"Piece", "Rehearsal"},
        ),
        (
            "Our bakery needs an ordering backend. Cakes have a name and a price. Orders have a "
            "pickup date and belong to a cake.",
            {"Cake", "Order"},
        ),
        (
            "**Project**: neighbourhood tool lending API\n**Tools**: name, brand, condition\n"
            "**Loans**: tool, borrower name, due date",
            {"Tool", "Loan"},
        ),
        (
            "Bikeshop: bikes (frame size, colour, price), repairs (date, cost). A repair belongs "
            "to a bike.",
            {"Bike", "Repair"},
        ),
    ],
)
def test_the_business_or_the_app_is_no_entity(text: str, expected: set[str]) -> None:
    assert entity_names(parse_spec(text)) - {"User"} == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a thing of which there are several is an entity, "our" or not
        ("Our shop sells bikes. Each shop has a name and a city. Bikes have a price.", "Shop"),
        # "our booking tablet": the word names something else
        ("Guests: name, phone. Booking: guest, date. Our booking desk is open daily.", "Booking"),
        (
            "| Thing | Fields |\n|---|---|\n| Guest | name, bio, website |\n| Show | title |",
            "Guest",
        ),
    ],
)
def test_things_of_many_stay_entities(text: str, kept: str) -> None:
    assert kept in entity_names(parse_spec(text))


# Field lists written in ways the readers missed.
@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        # "yes or no" is one flag, so the list after "is:" stays a field list
        (
            "Anglers have a name. A trip is: the lake, the date, hours fished, skunked yes or no.",
            "Trip",
            {"lake", "date", "hours_fished", "skunked"},
        ),
        # a definition whose noun the tagger reads as an interjection
        (
            "Clients: name, phone.\n\nA **quote** is for a client: street, floor, the quoted "
            "price. Quote status: draft, sent, accepted.",
            "Quote",
            {"street", "floor", "quoted_price", "status"},
        ),
        # "for each X we want/store ..." lists X's fields
        (
            "Gardens have a name. In spring we sow beds and for each bed we want the crop (just "
            "text), the width and the sowing date.",
            "Bed",
            {"crop", "width", "sowing_date"},
        ),
        (
            "Members: name. For every weekly session we save the date, the room and the topic.",
            "Session",
            {"date", "room", "topic"},
        ),
    ],
)
def test_field_lists_in_other_words(text: str, entity: str, fields: set[str]) -> None:
    assert fields <= set(field_types(parse_spec(text), entity))


def test_a_status_label_lists_the_choices_of_its_owner() -> None:
    spec = parse_spec("Quotes: street, price.\nQuote status: draft, sent, accepted.")
    assert entity_names(spec) == {"Quote"}
    status = spec.entity("Quote").field("status")
    assert status is not None and status.choices == ["draft", "sent", "accepted"]


def test_yes_or_no_among_choices_stays_choices() -> None:
    spec = parse_spec("Guests have a name and an rsvp status that is one of pending, yes or no.")
    status = spec.entity("Guest").field("rsvp_status")
    assert status is not None and status.choices == ["pending", "yes", "no"]


def test_what_a_thing_has_after_another_verb_are_its_fields() -> None:
    spec = parse_spec(
        "Depots have an address. Only drivers and admins can add crates. A crate is stored in "
        "a depot and has a barcode (unique), a weight and a colour."
    )
    assert {"barcode", "weight", "colour"} <= set(field_types(spec, "Crate"))


def test_a_list_item_per_something_names_the_thing_and_its_owner() -> None:
    spec = parse_spec(
        "1) Courses: name, start date.\n2) Quizzes per course: title, due date, max score.\n"
        "3) Calendar sync - no."
    )
    assert entity_names(spec) == {"Course", "Quiz"}
    assert {"title", "due_date", "max_score"} <= set(field_types(spec, "Quiz"))
    assert any(r.source == "Quiz" and r.target == "Course" for r in spec.relations)
