"""Values in brackets after a noun are the choices of a field, not a new entity: "each lesson
uses a board (soft_top, mini_mal, shortboard)" gives Lesson.board, one of the three, and no Board.
Short texts of our own, the expected answer written first, and look-alikes whose bracket names
real things, an aside or examples."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names


@pytest.mark.parametrize(
    ("entity", "field", "choices", "not_entity", "text"),
    [
        (
            "Lesson",
            "board",
            ["soft_top", "mini_mal", "shortboard"],
            "Board",
            "A surf school API. Students book lessons. "
            "Each lesson uses a board (soft_top, mini_mal, shortboard).",
        ),
        (
            "Room",
            "size",
            ["single", "double", "suite"],
            "Size",
            "A hotel API. Guests book rooms. Each room comes in a size (single, double, suite).",
        ),
        (
            "Plant",
            "light_level",
            ["shade", "partial", "full_sun"],
            "LightLevel",
            "A garden API. Plants need a light level (shade, partial, full_sun).",
        ),
        (
            "Appointment",
            "slot",
            ["morning", "afternoon", "evening"],
            "Slot",
            "A clinic API. Patients book appointments for a slot (morning, afternoon, evening).",
        ),
        (
            "Pet",
            "species",
            ["dog", "cat", "bird"],
            "Species",
            "A shelter API. Volunteers list pets with a species (dog, cat, bird).",
        ),
        (
            "Venue",
            "type",
            ["indoor", "outdoor"],
            "Type",
            "An events API. Venues have a name and a type: (indoor | outdoor).",
        ),
        (
            "Essay",
            "scale",
            ["poor", "fair", "good", "excellent"],
            "Scale",
            "A school API. Teachers grade essays on a scale (poor / fair / good / excellent).",
        ),
        (
            "Game",
            "time_control",
            ["blitz", "rapid", "classical"],
            "TimeControl",
            "A chess club API. Members play games with a time control (blitz, rapid, classical).",
        ),
        (
            "Batch",
            "tank",
            ["steel", "oak"],
            "Tank",
            "A brewery API. Each batch is brewed in a tank (steel, oak) and has a volume.",
        ),
        (
            "Registration",
            "boat",
            ["single", "double", "canoe"],
            "Boat",
            "A kayak club API. As a paddler, I want to register for a trip, choosing a boat "
            "(single, double, canoe). Coaches can see every registration.",
        ),
        (
            "Enrolment",
            "level",
            ["beginner", "advanced"],
            "Level",
            "A gym API. Members enrol in classes, picking a level (beginner, advanced). "
            "Enrolments can be cancelled.",
        ),
        (
            "Room",
            "view",
            ["sea", "garden", "city"],
            "View",
            "A hotel API. Guests book rooms, choosing a view (sea, garden, city).",
        ),
        (
            "Product",
            "size",
            ["s", "m", "l"],
            "Size",
            "A shop API. Products have a name, a price and a size (S, M, L).",
        ),
    ],
)
def test_bracketed_values_are_a_fields_choices(
    entity: str, field: str, choices: list[str], not_entity: str, text: str
) -> None:
    spec = parse_spec(text)
    assert not_entity not in entity_names(spec)
    got = {f.name: f for f in spec.entity(entity).fields}
    assert got[field].type.value == "enum"
    assert got[field].choices == choices


# Look-alikes: a bracket naming real things, an aside, examples, or the fields of a thing.
def test_a_bracket_of_fields_still_describes_a_thing() -> None:
    spec = parse_spec(
        "A hospital API. Nurses record a contact person (name, phone, relationship) "
        "for each patient."
    )
    assert "ContactPerson" in entity_names(spec)
    names = {f.name for f in spec.entity("ContactPerson").fields}
    assert {"name", "phone", "relationship"} <= names


def test_a_bracket_naming_things_is_no_choice() -> None:
    spec = parse_spec("A shop API. Customers place orders (with their lines). Orders have a total.")
    order = {f.name: f for f in spec.entity("Order").fields}
    assert "Order" in entity_names(spec)
    assert all(not f.choices for f in order.values())


def test_an_aside_and_examples_are_no_choices() -> None:
    spec = parse_spec(
        "A travel API. Trips have a city (e.g. Paris) and a date. Trips have a note (optional)."
    )
    trip = {f.name: f for f in spec.entity("Trip").fields}
    assert trip["city"].type.value == "string" and not trip["city"].choices
    assert not trip["note"].choices and not trip["note"].required


def test_plural_things_with_their_fields_stay_entities() -> None:
    spec = parse_spec(
        "A shelter API. Shelters list dogs (name, breed, age) and adopters adopt them."
    )
    assert "Dog" in entity_names(spec)
    assert {"name", "breed", "age"} <= {f.name for f in spec.entity("Dog").fields}


def test_actions_in_brackets_are_no_choices() -> None:
    spec = parse_spec(
        "A salon API. Stylists have a name. Only admins manage the service menu "
        "(create/update/delete)."
    )
    assert all("create" not in f.choices for e in spec.entities for f in e.fields)
