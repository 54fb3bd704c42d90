"""Rows owned by who made them, said in more ways (issue 10): "only their creator can edit
them" owns each thing named before it; "see only the leads I created", "only see the visits
they did" owns the rows and keeps them private. Short texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


@pytest.mark.parametrize(
    ("text", "owned"),
    [
        (
            "Build a podcast API with JWT login. Shows have a title. Episodes have a title. Shows"
            " and episodes are public, only their creator can edit them.",
            ["Show", "Episode"],
        ),
        (
            "Build a quiz API with JWT login. Quizzes have a title. Questions have a text. Quizzes"
            " and questions can be read by all, but only their authors may change them.",
            ["Quiz", "Question"],
        ),
    ],
)
def test_only_their_creator_owns_each_thing_named_before(text: str, owned: list[str]) -> None:
    spec = parse_spec(text)
    assert [e.name for e in spec.entities if e.owner and e.name in owned] == owned
    assert all(spec.entity(name).read.value == "public" for name in owned)  # type: ignore


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        (
            "Build a sales API with JWT login. Leads have a name and a phone. As a sales rep, I"
            " want to see only the leads I created.",
            "Lead",
        ),
        (
            "Build a tuning API with JWT login. Visits have a date. The apprentices can only see"
            " the visits they did themselves.",
            "Visit",
        ),
        (
            "Build a notes API with JWT login. Sketches have a title. Artists only view the"
            " sketches they made.",
            "Sketch",
        ),
    ],
)
def test_seeing_only_the_rows_one_made_is_owned_and_private(text: str, entity: str) -> None:
    found = parse_spec(text).entity(entity)
    assert found is not None and found.owner
    assert found.read.value == "owner"
