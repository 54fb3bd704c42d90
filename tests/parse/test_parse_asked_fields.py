"""A field listed by the question it answers is named by what it asks for: "which side
they're on" -> side, "how much seats" -> seats (a count), "how often in weeks" ->
frequency_weeks, "how long it is in minutes" -> duration_minutes."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.asked import unask
from tests.parse.helpers import field_types

CASES = [
    ("Choir API. Singers have a name and which voice they sing in.", "Singer", "voice"),
    ("Dinner party app. Guests: name, which course is chosen, phone.", "Guest", "course"),
    ("Cafe API. Tables have a number and how much chairs.", "Table", "chairs"),
    ("Gutter cleaning. Houses: address, how often in months.", "House", "frequency_months"),
    ("Film club. Films have a title and how long it is in minutes.", "Film", "duration_minutes"),
    ("Bike repairs. A repair has a date, what was replaced and a price.", "Repair", "description"),
    ("Sheet music. Loans have a singer, a score and when it's due back.", "Loan", "due_date"),
    ("Seed bank. Packets: variety, when they were harvested, weight.", "Packet", "harvested_at"),
]


@pytest.mark.parametrize(("text", "entity", "field"), CASES)
def test_question_word_is_no_part_of_the_name(text: str, entity: str, field: str) -> None:
    fields = field_types(parse_spec(text), entity)
    assert field in fields
    assert not any(f.startswith(("which", "how", "what", "when")) for f in fields)


@pytest.mark.parametrize(
    ("text", "entity", "field", "kind"),
    [
        ("Bike repairs. A repair has a date, what was replaced and a price.", "Repair",
         "description", "text"),
        ("Sheet music. Loans have a singer, a score and when it's due back.", "Loan", "due_date",
         "date"),
        ("Seed bank. Packets: variety, when they were harvested, weight.", "Packet",
         "harvested_at", "datetime"),
    ],
)  # fmt: skip
def test_what_happened_and_when_are_typed(text: str, entity: str, field: str, kind: str) -> None:
    assert field_types(parse_spec(text), entity)[field] == kind


def test_how_much_is_a_count() -> None:
    assert (
        field_types(parse_spec("Cafe API. Tables have a number and how much chairs."), "Table")[
            "chairs"
        ]
        == "integer"
    )


@pytest.mark.parametrize(
    "phrase",
    ["which vet saw the pet", "what a customer brings in", "which member borrowed which book"],
)
def test_a_clause_after_the_question_word_is_left_whole(phrase: str) -> None:
    assert unask(phrase) == (phrase, False)
