"""Words that are never a table: a field of another thing (with its choices in a bracket), an
interjection, a number. Short texts of our own, several phrasings of each kind."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names


# A field written with its choices in a bracket, inside another thing's list of fields, is that
# thing's field, not an entity whose "fields" are the choices.
@pytest.mark.parametrize(
    ("text", "kept", "not_entity"),
    [
        (
            "Tutors log in. As a tutor I want to record a lesson: the date, what we covered, and "
            "the result (understood, partly understood, lost). Students have a name.",
            {"Lesson", "Student"},
            "Result",
        ),
        (
            "when i visit a garden i note the date, the health of the hedge (healthy, sick, dead) "
            "and the hours worked. Gardens have an owner and an address.",
            {"Garden"},
            "Hedge",
        ),
        (
            "When we check a horse we write the date, the mood of the animal (relaxed, tense, "
            "grumpy) and free notes. Horses have a name and a stable number.",
            {"Horse"},
            "Animal",
        ),
    ],
)
def test_a_field_with_its_choices_is_no_entity(text: str, kept: set[str], not_entity: str) -> None:
    names = entity_names(parse_spec(text))
    assert kept <= names
    assert not_entity not in names


# A thing named with a bracket of links or of fields stays a thing.
@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Scouts and camps. Sign-ups: scout + camp; paid (yes/no). Scouts have a name.", "Signup"),
        ("Gardens have plots. Plot (number, size, sunny) belongs to a garden.", "Plot"),
        ("Members borrow tools. Tools (name, brand, condition) are kept in sheds.", "Tool"),
    ],
)
def test_a_described_thing_stays_an_entity(text: str, entity: str) -> None:
    assert entity in entity_names(parse_spec(text))


# Chat interjections and numbers are never a thing to store, however the tagger reads them.
@pytest.mark.parametrize(
    ("text", "invented"),
    [
        (
            "Hello, I write from a bike shop, sorry for my english. Customers book repairs. A "
            "repair has a date and a price.",
            "Sorry",
        ),
        (
            "Oops, forgot: customers book repairs, sorry! A repair has a date and a price.",
            "Sorry",
        ),
        (
            "Each member may post one review per film, otherwise Tom will post ten haha. A film "
            "has a title and a year.",
            "TenHaha",
        ),
        (
            "A film has a title lol. Members post reviews of films, lol. A review has a score.",
            "Lol",
        ),
        (
            "Each request is for maximum one interpreter. Interpreters have a name and languages.",
            "MaximumOne",
        ),
    ],
)
def test_an_interjection_or_a_number_is_no_entity(text: str, invented: str) -> None:
    names = entity_names(parse_spec(text))
    assert invented not in names
    assert names - {"User"}


# A time of day after "in" or "at" says when something happens, not a thing to store.
@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("A trip is in the morning or afternoon. A trip has a date.", "Trip"),
        ("Deliveries arrive in the morning or evening. A delivery has a weight.", "Delivery"),
        ("Each tour runs in the afternoon or evening. A tour has a guide and a price.", "Tour"),
    ],
)
def test_a_time_of_day_is_no_entity(text: str, entity: str) -> None:
    names = entity_names(parse_spec(text))
    assert entity in names
    assert not {"Morning", "Afternoon", "Evening", "Night"} & names


# A thing the text says is done elsewhere is not stored here.
@pytest.mark.parametrize(
    ("text", "kept", "elsewhere"),
    [
        (
            "Sellers list lots, buyers bid on lots. A lot has a title and a start price. "
            "Payment between buyer and seller happens outside the platform.",
            "Lot",
            "Payment",
        ),
        (
            "Plumbers do jobs for customers. A job has a date and an address. The invoices we "
            "write in other software, not this.",
            "Job",
            "Invoice",
        ),
        (
            "Parents sign kids up for camps. A camp has a name and a price. Camp payments go via "
            "the city portal, not this.",
            "Camp",
            "Payment",
        ),
        (
            "Guests book rooms. A room has a number. Invoices are done in another system.",
            "Room",
            "Invoice",
        ),
    ],
)
def test_a_thing_done_elsewhere_is_no_entity(text: str, kept: str, elsewhere: str) -> None:
    names = entity_names(parse_spec(text))
    assert kept in names
    assert elsewhere not in names
