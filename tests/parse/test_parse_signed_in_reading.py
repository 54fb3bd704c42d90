"""Reading that needs sign-in, said in more ways (issue 10): "everybody can read pages once
logged in" makes pages readable by signed-in users only; "you must be logged in to see
anything" does so for every entity no sentence makes public. Short texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        (
            "Build a wiki API with JWT login. Pages have a title and a body. Everybody in the"
            " company can read pages once logged in.",
            "Page",
        ),
        (
            "Build a club API with JWT login. Newsletters have a subject. Members may see"
            " newsletters when they are signed in.",
            "Newsletter",
        ),
    ],
)
def test_reading_once_signed_in_is_signed_in(text: str, entity: str) -> None:
    assert parse_spec(text).entity(entity).read.value == "signed_in"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "rule",
    [
        "You must be logged in to see anything.",
        "Everybody needs an account to see anything.",
        "People have to be signed in to access everything.",
    ],
)
def test_sign_in_to_see_anything_covers_every_entity_not_said_public(rule: str) -> None:
    text = (
        "Build a kanban API with JWT login. Boards have a name. Cards have a title. Tags have a"
        f" name. {rule} Tags are public."
    )
    spec = parse_spec(text)
    reads = {e.name: e.read.value for e in spec.entities if e.name != "User"}
    assert reads == {"Board": "signed_in", "Card": "signed_in", "Tag": "public"}
