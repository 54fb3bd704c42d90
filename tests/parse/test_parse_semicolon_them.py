"""A restriction whose object is a pronoun after a semicolon (issue 10): "anyone may see the
routes; only setters can edit them" reserves editing routes to setters, as the same sentence
with a comma does. Short texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


@pytest.mark.parametrize(
    ("text", "entity", "role", "action"),
    [
        (
            "Build a climbing gym API with JWT login. Routes have a name and a grade. Anyone may"
            " see the routes; only setters can edit them.",
            "Route",
            "setter",
            "update",
        ),
        (
            "Build a zoo API with JWT login. Animals have a name. Keepers feed the animals; only"
            " vets can delete them.",
            "Animal",
            "vet",
            "delete",
        ),
        (
            "Build a radio API with JWT login. Shows have a title and a slot. Listeners browse the"
            " shows; only producers may remove them.",
            "Show",
            "producer",
            "delete",
        ),
    ],
)
def test_them_after_a_semicolon_is_the_thing_named_before_it(
    text: str, entity: str, role: str, action: str
) -> None:
    spec = parse_spec(text)
    assert any(
        p.entity == entity and role in p.roles and action in [a.value for a in p.actions]
        for p in spec.permissions
    )
