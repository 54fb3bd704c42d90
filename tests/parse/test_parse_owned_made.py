"""Ownership said by what the actor made, in the present as people often write it: "a teacher
can only change the grades he create" owns the grades (and is no permission of teachers over all
grades); "the teachers we create them" says who makes teachers, not that we own them. Short
texts of our own, the rule expected written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        (
            "- Marks: value, date\n- Tutors log in. A tutor can only change the marks he create.",
            "Mark",
        ),
        (
            "- Notes: title, body\n- Nurses log in. A nurse can only edit the notes they write.",
            "Note",
        ),
        (
            "- Notes: title, body\n- Nurses log in. A nurse can only edit the notes she wrote.",
            "Note",
        ),
    ],
)
def test_what_the_actor_made_is_theirs(text: str, entity: str) -> None:
    spec = parse_spec(text)
    assert spec.entity(entity).owner
    assert not any(p.entity == entity for p in spec.permissions), spec.permissions


def test_who_makes_rows_of_a_kind_owns_none() -> None:
    spec = parse_spec(
        "- Tutors: name. Pupils: name\n- The pupils make the account by themself. "
        "The tutors we create them."
    )
    assert not spec.entity("Tutor").owner
