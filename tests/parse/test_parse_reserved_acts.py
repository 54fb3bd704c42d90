"""Acts reserved to a role in more ways: "lifeguards can edit lanes; nobody else can" (the
restriction said after the act), "only league admins can enter match results" (the object's
first word is the entity), "only the manager changes prices" (the object is a field of one
entity). Short texts of our own, the rule expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.access import _target_key


@pytest.mark.parametrize(
    ("text", "entity", "role"),
    [
        (
            "- Pitches: number, surface\n- Players: name, email\n"
            "- Wardens log in and can edit pitches; nobody else can.",
            "Pitch",
            "warden",
        ),
        (
            "- Races: date, winner time\n- Horses: name, age\n"
            "- Only race stewards can enter race results.",
            "Race",
            "race_steward",
        ),
        (
            "- Wines: name, price, vintage\n- staff and sommeliers log in\n"
            "- Only the sommelier changes prices",
            "Wine",
            "sommelier",
        ),
    ],
)
def test_an_act_reserved_to_a_role(text: str, entity: str, role: str) -> None:
    spec = parse_spec(text)
    allowed = {p.entity: p.roles for p in spec.permissions}
    assert role in allowed.get(entity, []), spec.permissions


def test_an_act_anyone_may_do_is_no_permission() -> None:
    spec = parse_spec("- Pitches: number, surface\n- Wardens can edit pitches. Players log in.")
    assert not any(p.entity == "Pitch" for p in spec.permissions)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("race", "race"),
        ("race_result", "race"),
        ("price", "wine"),  # a field of one entity
        ("name", None),  # a field of two: no guess
        ("weather", None),
    ],
)
def test_target_key(target: str, expected: str | None) -> None:
    keys = ["user", "race", "wine"]
    fields = {"race": ["name", "date"], "wine": ["name", "price"], "user": ["email"]}
    assert _target_key(target, keys, fields) == expected
