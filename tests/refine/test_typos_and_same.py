"""Typos a reviewer makes, and "same for X" said as a sentence of its own; phrasings written
for these tests."""

from __future__ import annotations

import pytest

from pipeline.refine.wording import fix_typos
from tests.refine.helpers import changed


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("lists", "lists"),
        ("tusks", "tusks"),  # a changed consonant... or a short word: not taken as a typo
        ("taskes", "tasks"),
        ("optinal", "optional"),
        ("negatvie", "negative"),
        ("updat", "update"),
        ("titel", "title"),
        ("pirority", "priority"),
        ("prioraty", "priority"),  # one vowel for another in a long word
        ("closed", "closed"),
    ],
)
def test_a_typo_is_read_as_the_word_meant(typed: str, meant: str) -> None:
    words = {"lists", "tasks", "task", "priority", "optional", "negative", "update", "title"}
    assert fix_typos(typed, words | {"close"}) == meant


def test_typos_in_a_whole_request() -> None:
    assert changed("todo", "the titel of taks cant be longer then 120 chars") == [
        {
            "op": "add_rule",
            "rule": {"kind": "length", "entity": "Task", "field": "title", "max": 120},
        }
    ]


def test_same_for_said_as_a_sentence_of_its_own() -> None:
    ops = changed("todo", "Task titles can't be blank. Same for notes.")
    assert sorted(o["rule"]["field"] for o in ops) == ["notes", "title"]


def test_same_for_then_taken_back_is_not_joined() -> None:
    ops = changed(
        "todo", "task titles can't be blank. same for list names - actually no, only tasks"
    )
    assert [o["rule"]["entity"] for o in ops] == ["Task"]


def test_the_same_for_another_entitys_field() -> None:
    """ "and the same for list names" added nothing and said nothing (noticed by the refinement
    coder of the tenth session): "list names" is List.name."""
    ops = changed("todo", "task titles can't be blank, and the same for list names")
    assert {
        "op": "add_rule",
        "rule": {"kind": "not_blank", "entity": "List", "field": "name"},
    } in ops
    assert {
        "op": "add_rule",
        "rule": {"kind": "not_blank", "entity": "Task", "field": "title"},
    } in ops
