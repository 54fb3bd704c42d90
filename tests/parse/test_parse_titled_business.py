"""The business an issue's title line names ("Volunteer lifeboat crew - launches + drills") is
no entity; a thing the text speaks of as one of many, or gives fields, stays one."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec, understand
from tests.parse.helpers import entity_names

# (text, the business the title names)
DROPPED = [
    (
        "Volunteer lifeboat crew - launches + drills\n\n- crew members: name, rank, phone\n"
        "- launches: date, reason, duration in minutes",
        "LifeboatCrew",
    ),
    (
        "Indoor climbing wall booking API\n\nClimbers book sessions. A session has a date, a "
        "start time and a number of places.",
        "ClimbingWall",
    ),
    (
        "Village pottery studio (me and two helpers). Kiln firings and pieces.\n\n"
        "Pieces: title, clay type, glaze. Firings: date, temperature.",
        "PotteryStudio",
    ),
    (
        "# Small hotel API\n\nRooms have a number and a price. Guests book rooms for dates.",
        "SmallHotel",
    ),
]


@pytest.mark.parametrize(("text", "business"), DROPPED)
def test_business_in_title_is_no_entity(text: str, business: str) -> None:
    assert business not in entity_names(parse_spec(text))


def test_thing_of_many_in_title_stays() -> None:
    spec = parse_spec(
        "Kindergarten attendance\n\nChildren have a name. Every day a teacher records an "
        "attendance for each child with the date and whether the child was present."
    )
    assert "Attendance" in entity_names(spec)


def test_thing_with_fields_below_title_stays() -> None:
    spec = parse_spec(
        "Farmers market stall bookings.\n\n| Model | Attributes |\n| --- | --- |\n"
        "| Stall | number, size in m2, weekly fee |\n| Farmer | name, phone |"
    )
    assert "Stall" in entity_names(spec)


def test_unmodified_title_word_stays() -> None:
    assert "Invoice" in entity_names(parse_spec("Invoice API\n\nAn invoice has a number."))


def test_title_line_is_not_asked_about() -> None:
    read = understand(
        "Volunteer lifeboat crew - launches + drills\n\n- launches: date, reason\n"
        "- drills: date, topic"
    )
    assert not any("lifeboat" in q for q in read.questions)
