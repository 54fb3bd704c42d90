"""A many-to-many link said from both sides; phrasings written for these tests."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.bothsides import say_other_side
from pipeline.refine.diff import spec_operations
from tests.refine.helpers import start


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("a tag can be on many tasks", "a tag can belong to many tasks"),
        ("each label may appear on several cards", "a label can belong to many cards"),
        ("the same badge can be used in lots of lists", "a badge can belong to many lists"),
        ("a sticker could sit on any number of notes", "a sticker can belong to many notes"),
        ("a tag can be blue", "a tag can be blue"),
        ("tasks can have many tags", "tasks can have many tags"),
    ],
)
def test_the_other_side_is_said_as_belonging_to_many(said: str, plain: str) -> None:
    assert say_other_side(said) == plain


@pytest.mark.parametrize(
    "said",
    [
        "tasks have many labels and a label can be on many tasks",
        "a task can carry several labels; the same label can be used on lots of tasks",
        "Each task has multiple labels, and each label may appear on several tasks. A label is just a name.",
    ],
)
def test_both_sides_make_one_link_and_the_new_entity(said: str) -> None:
    spec = start("todo")
    done = refine_spec(spec, said)
    assert not done.questions, done.questions
    ops = spec_operations(spec, done.spec)
    assert {"op": "add_entity", "entity": "Label", "fields": {"name": "string"}} in ops
    links = [o for o in ops if o["op"] == "add_relation"]
    assert len(links) == 1 and links[0]["kind"] == "many_to_many"
    assert {links[0]["source"], links[0]["target"]} == {"Task", "Label"}
