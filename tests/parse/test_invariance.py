"""Texts that mean the same parse to the same spec (metamorphic checks; the corpus-wide figures
are `bench/bench_invariance.py`). Each variant here is one way of writing the same description:
list items hard-wrapped, other list markers, paragraphs in another order, a title line."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.wraps import join_wrapped
from pipeline.spec import ProjectSpec
from tests.parse.helpers import field_types


def _shape(spec: ProjectSpec) -> tuple[object, ...]:
    entities = sorted(
        (e.name, sorted((f.name, f.type.value) for f in e.fields)) for e in spec.entities
    )
    relations = sorted((r.kind.value, r.source, r.target) for r in spec.relations)
    return entities, relations, spec.auth


def _wrap(text: str, width: int = 40) -> str:
    """Every long line wrapped, a list item's continuation indented under its text."""
    out = []
    for line in text.splitlines():
        indent = "  " if line.startswith("- ") else ""
        out.extend(textwrap.wrap(line, width, subsequent_indent=indent) or [""])
    return "\n".join(out) + "\n"


WRAPPED = [
    "Kayak rental app.\n\n"
    "- Kayaks have a model, a length in metres, a colour and a daily price.\n"
    "- Renters have a name, a phone number and an email address.\n"
    "- A rental has a start date, an end date and the kayak rented.\n",
    "Stories:\n\n"
    "- As a keeper, I want to record each beehive with its location, queen year and frame count.\n"
    "- As a keeper, I want to log inspections of a hive with a date, the honey weight and notes.\n",
    "**Lamps**: brand, wattage, colour temperature, price, stock count, shade material\n"
    "**Shades**: diameter, fabric, price\n",
]


@pytest.mark.parametrize("text", WRAPPED)
def test_a_wrapped_list_item_reads_as_the_item_on_one_line(text: str) -> None:
    assert _wrap(text) != text
    assert _shape(parse_spec(_wrap(text))) == _shape(parse_spec(text))


def test_a_lazy_continuation_goes_on_with_the_item() -> None:
    text = "- Boats: name, length, hull\nmaterial, berth number\n- Owners: name, phone\n"
    assert join_wrapped(text) == (
        "- Boats: name, length, hull material, berth number\n- Owners: name, phone\n"
    )


def test_only_wraps_are_joined() -> None:
    text = (
        "# Boats\n\n- Boats: name\n- Owners: phone\n\nThey log in.\nAdmins see all.\n"
        "| a | b |\n```\n- x\n  y\n```\n"
    )
    assert join_wrapped(text) == text


MARKED = [
    "Our needs:\n"
    "{m} **Kites** – name, span (in cm, just store it as a number), colour\n"
    "{m} **Flyers** – name, email\n"
    "{m} **Flight log** – kite, flyer, date, notes\n",
    "{m} Kites: name, span, colour\n{m} Flyers: name, email\n",
]


@pytest.mark.parametrize("text", MARKED)
@pytest.mark.parametrize("marker", ["*", "1.", "2)"])
def test_a_list_reads_the_same_whatever_its_markers(text: str, marker: str) -> None:
    assert _shape(parse_spec(text.format(m=marker))) == _shape(parse_spec(text.format(m="-")))


STORIES = [
    "1. As a coach, I want to register students with their name and date of birth.",
    "2. As a coach, I want to schedule workshops with a title, a date and max number of students.",
    "3. As a student, I want to sign up for a workshop.",
]


def test_a_story_finds_in_the_whole_text_what_it_finds_alone() -> None:
    """A limit on a count ("max number of students") is a number field: it names no entity of
    its own, so the students another story registers stay Student (not "MaxStudent")."""
    whole = parse_spec("\n".join(STORIES) + "\n")
    alone = parse_spec(STORIES[0] + "\n")
    assert {"name", "date_of_birth"} <= set(field_types(alone, "Student"))
    assert {"name", "date_of_birth"} <= set(field_types(whole, "Student"))
    assert "max_students" in field_types(whole, "Workshop")
    assert not any(e.name.startswith("Max") for e in whole.entities)


def test_a_has_sentence_under_a_label_reads_as_it_does_alone() -> None:
    """An item that is a sentence with its own subject ("a rental has ...") under a label list
    gives the fields it would give on its own, not one field of the label's entity."""
    item = "a rental has a pickup date, a return date, a deposit (max 500) and the renter's phone"
    alone = parse_spec(item + "\n")
    listed = parse_spec(
        f"Rentals:\n* the customer picks a bike\n* {item}\n* total is the days x the rate\n"
    )
    wanted = {"pickup_date", "return_date", "deposit"}
    assert wanted <= set(field_types(alone, "Rental"))
    assert wanted <= set(field_types(listed, "Rental"))


def test_bold_labels_after_a_numbered_list_are_entities_of_their_own() -> None:
    """A list with other markers after a blank line is a new list (as in markdown), so the
    "**Boat**: ..." lines after "Trips:" with its numbered items are not more trip items; the
    paragraphs read the same in either order."""
    trips = "Trips:\n1. a trip is on a date, with one boat\n2. price of the trip\n"
    boats = "**Boat**: name, length, berth number\n**Skipper**: name, phone, licence number\n"
    for text in (f"{trips}\n{boats}", f"{boats}\n{trips}"):
        spec = parse_spec(text)
        assert {"name", "length", "berth_number"} <= set(field_types(spec, "Boat")), text
        assert {"name", "phone"} <= set(field_types(spec, "Skipper")), text


def test_a_sentence_right_after_a_short_item_is_its_own_paragraph() -> None:
    """Written without a blank line, in lower case: the next paragraph, not the item's rest."""
    text = "- Bikes: brand, size\n- Jobs: problem, price\nmechanics log in and only mechanics can delete jobs.\n"
    assert join_wrapped(text) == text
    assert {"problem", "price"} <= set(field_types(parse_spec(text), "Job"))
