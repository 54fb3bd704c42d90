"""A role's name that picks up only what the role does ("they sell the tickets", the things it
acts on, "log in") is a signed-in user with that role, not an entity of its own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import entity_names, relations

# (text, the role that is no entity)
CASES = [
    (
        "A ferry company sells seats. A crossing has a date and a price. Clerks need a login and "
        "they sell the seats for each crossing.",
        "Clerk",
    ),
    (
        "A garden club API. Plots have a number and a size. Only plot wardens can create plots. "
        "Members log in.",
        "PlotWarden",
    ),
    (
        "**Keepers** log in and see everything.\n**Animals**: name, species, birth date\n"
        "Only keepers can edit animals.",
        "Keeper",
    ),
    (
        "Roles: guardian, teacher.\nStudents: name, class. A guardian can have two students "
        "with accounts. Guardians see only their own students.",
        "Guardian",
    ),
]


@pytest.mark.parametrize(("text", "role"), CASES)
def test_role_with_only_acts_is_no_entity(text: str, role: str) -> None:
    spec = parse_spec(text)
    assert role not in entity_names(spec)
    assert spec.roles


def test_role_with_fields_stays_an_entity() -> None:
    spec = parse_spec(
        "Clinic API. Doctors: name, specialty, room. Patients book appointments with a doctor. "
        "Only doctors can write notes."
    )
    assert "Doctor" in entity_names(spec)


def test_role_that_acts_on_a_thing_does_not_own_it() -> None:
    spec = parse_spec(
        "Stations have a name and a height. Station keepers register an account and only they "
        "can edit their station."
    )
    assert "StationKeeper" not in entity_names(spec)
    assert ("many_to_one", "User", "Station") not in relations(spec)
