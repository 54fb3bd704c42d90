"""A request with the reviewer's reason beside it: the reason is context, the request applies.
Phrasings written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.remarks import is_statement
from tests.refine.helpers import changed, start

PAGINATION_OFF = [{"op": "set_feature", "feature": "pagination", "value": False}]


@pytest.mark.parametrize(
    "said",
    [
        "turn off pagination? the lists are short anyway",
        "could we switch pagination off? our users scroll everything in one go",
        "Can you disable pagination? nobody has more than twenty tasks.",
    ],
)
def test_a_question_then_a_lower_case_reason(said: str) -> None:
    assert changed("todo", said) == PAGINATION_OFF


def test_a_statement_after_a_question_is_a_remark_when_nothing_reads_it() -> None:
    ops = changed("todo", "can we add `urgent` as a priority? deadlines slip a lot")
    assert ops == [
        {"op": "change_field", "entity": "Task", "field": "priority",
         "choices": ["low", "normal", "high", "urgent"]}
    ]  # fmt: skip


def test_a_question_before_the_sentence_that_makes_its_entity() -> None:
    ops = changed(
        "todo", "could lists have sections? a section just has a title and belongs to a list"
    )
    assert sorted(o["op"] for o in ops) == ["add_entity", "add_relation"]


@pytest.mark.parametrize(
    ("said", "statement"),
    [
        ("the lists are short anyway", True),
        ("friends share tasks all the time", True),
        ("the title should be unique", False),
        ("we need a priority on tasks", False),
        ("drop the notes", False),
        ("is the color optional?", False),
        ("the title is optional", False),
    ],
)
def test_a_statement_states_how_things_are(said: str, statement: bool) -> None:
    assert is_statement(said) is statement


def test_a_statement_alone_changes_nothing_and_says_so() -> None:
    spec = start("todo")
    done = refine_spec(spec, "tasks pile up quickly")
    assert done.questions and done.spec == spec


@pytest.mark.parametrize(
    "said",
    [
        "turn off pagination, the lists are short anyway",
        "please switch pagination off; our lists stay tiny",
    ],
)
def test_a_statement_after_a_comma_is_a_remark_when_the_whole_cannot_be_read(said: str) -> None:
    assert changed("todo", said) == PAGINATION_OFF


def test_a_statement_that_is_a_change_is_still_read() -> None:
    ops = changed("todo", "make the title unique, a task has a reminder (datetime)")
    assert {"op": "change_field", "entity": "Task", "field": "title", "unique": True} in ops
    assert any(o["op"] == "add_field" and o["field"] == "reminder" for o in ops)


@pytest.mark.parametrize(
    "said",
    [
        "**the due date should be optional** — plenty of tasks never get one",
        "make the due date optional - we don't always know it",
        "the due date should be optional -- nobody plans that far ahead",
    ],
)
def test_a_reason_after_a_spaced_dash_is_context(said: str) -> None:
    assert changed("todo", said) == [
        {"op": "change_field", "entity": "Task", "field": "due_date", "required": False}
    ]


def test_a_hyphen_inside_a_word_is_no_dash() -> None:
    ops = changed("todo", "add a follow-up date to tasks")
    assert [o["op"] for o in ops] == ["add_field"]


@pytest.mark.parametrize(
    "said",
    [
        "the lists never get long, turn off pagination",
        "we've moved to infinite scroll, please switch pagination off",
    ],
)
def test_a_remark_then_an_imperative_after_a_comma(said: str) -> None:
    assert changed("todo", said) == PAGINATION_OFF


def test_a_request_before_a_comma_is_not_taken_for_a_remark() -> None:
    ops = changed("todo", "lists need a position (integer), drop the color")
    assert sorted(o["op"] for o in ops) == ["add_field", "remove_field"]
