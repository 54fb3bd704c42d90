"""Acts reserved to a role in more ways: "lifeguards can edit lanes; nobody else can" (the
restriction said after the act), "only league admins can enter match results" (the object's
first word is the entity), "only the manager changes prices" stays no rule (a field is not the rows). Short texts of our own, the rule expected written first.
"""

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
        ("price", None),  # a field: who may change it is no rule of the rows
        ("weather", None),
    ],
)
def test_target_key(target: str, expected: str | None) -> None:
    assert _target_key(target, ["user", "race", "wine"]) == expected
