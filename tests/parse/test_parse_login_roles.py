"""Roles of people who sign in, said without the words "log in" (issue 10): "only the clerk
needs a login", "members can only edit their own books". Short
texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Build a campsite API with pitches and stays. Only the warden needs a login, campers"
            " no.",
            "warden",
        ),
        ("Build a gym API with machines and sessions. Trainers need an account.", "trainer"),
        (
            "Build a recipe API with JWT. Cooks: name, email. Recipes: title, steps. Cooks can"
            " only edit their own recipes.",
            "cook",
        ),
        (
            "Build a garden API with login. Growers have a name. Beds have a size. Growers see"
            " only their own beds.",
            "grower",
        ),
    ],
)
def test_people_who_sign_in_said_otherwise_are_roles(text: str, role: str) -> None:
    assert role in parse_spec(text).roles


def test_people_who_need_no_login_are_no_role() -> None:
    text = "Build a campsite API with pitches and stays. Only the warden needs a login."
    assert parse_spec(text).roles[:1] == ["warden"]
    assert "camper" not in parse_spec(text).roles
