"""Corrections that keep things as they were, rename what was just made, or say what "it" was;
and reasons told beside a request (issue 15). Texts of our own, in several phrasings."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.corrections import correction
from pipeline.refine.diff import spec_operations
from pipeline.refine.remarks import is_remark, split_remark
from pipeline.refine.takeback import renamed_to
from tests.refine.helpers import changed, start


@pytest.mark.parametrize(
    "said",
    [
        "no wait, keep it as it is",
        "no wait, leave the colour alone",
        "actually no, the title stays as it is",
        "no, sorry, the notes remain required",
        "actually no, only lists",
        "no wait, just the tasks",
    ],
)
def test_a_correction_that_keeps_things_as_they_are_asks_for_nothing(said: str) -> None:
    fix = correction(said)
    assert fix is not None and fix.retracts and fix.rest == ""


@pytest.mark.parametrize(
    "said", ["no wait, just make it optional", "no, only admins can delete tasks"]
)
def test_a_correction_that_says_something_new_keeps_it(said: str) -> None:
    fix = correction(said)
    assert fix is not None and fix.retracts and fix.rest


@pytest.mark.parametrize(
    "text",
    [
        "the colour of lists should default to blue - no wait, keep it as it is. Add a `starred` "
        "flag to tasks.",
        "Give tasks a `starred` flag. Same for lists - actually no, only tasks.",
        "Add a `starred` flag to tasks. And a pinned flag on lists — no wait, lists stay as they "
        "are. thanks",
    ],
)
def test_a_kept_part_is_taken_back_and_the_rest_applies(text: str) -> None:
    assert changed("todo", text) == [
        {"op": "add_field", "entity": "Task", "field": "starred", "type": "boolean",
         "default": False},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("call it free", "free"),
        ('rename it to "remind_at"', "remind_at"),
        ("let's call it archived_on", "archived_on"),
        ("make it a summary", None),
        ("call it a summary (text)", None),
    ],
)
def test_a_correction_may_only_give_a_new_name(said: str, name: str | None) -> None:
    assert renamed_to(said) == name


@pytest.mark.parametrize(
    "text",
    [
        "Add a `is_starred` flag to tasks - actually, call it `starred`.",
        "tasks need a pinned_flag boolean — hmm, actually call it starred.",
        "add an is_starred boolean on tasks. no wait, let's call it starred",
    ],
)
def test_a_new_name_in_a_correction_keeps_what_was_made(text: str) -> None:
    assert changed("todo", text) == [
        {"op": "add_field", "entity": "Task", "field": "starred", "type": "boolean",
         "default": False},
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "purchased_at: default it to now... no, just make it optional.",
        "make purchased_at unique - no wait, make it optional",
        "the purchased_at should be unique. no sorry, just make it optional",
    ],
)
def test_it_after_a_correction_is_the_field_taken_back(text: str) -> None:
    assert changed("events", text) == [
        {"op": "change_field", "entity": "Ticket", "field": "purchased_at", "required": False}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "add a cancelled_on date to events — no wait, make it a cancelled_at datetime, optional",
        "add a cancelled_on date to events. actually no, make it a cancelled_at datetime, "
        "optional",
    ],
)
def test_a_replacement_with_properties_borrows_the_target(text: str) -> None:
    assert changed("events", text) == [
        {"op": "add_field", "entity": "Event", "field": "cancelled_at", "type": "datetime",
         "required": False},
    ]  # fmt: skip


@pytest.mark.parametrize(
    "said",
    [
        "half of our venues don't have one",
        "most lists are short",
        "most events come in without one",
        "some of the speakers are external",
    ],
)
def test_a_part_of_a_kind_is_a_remark(said: str) -> None:
    assert is_remark(said)


def test_a_statement_about_it_with_a_property_word_is_no_remark() -> None:
    assert not is_remark("it's computed from the start time")
    assert not is_remark("they are optional")


@pytest.mark.parametrize(
    ("sentence", "head"),
    [
        ('rename "venue" to "location" so it matches the app', 'rename "venue" to "location"'),
        ("make the title unique since the slugs are built from it", "make the title unique"),
        ("make the capacity required because we sell out often", "make the capacity required"),
    ],
)
def test_a_reason_inside_a_sentence_is_cut_from_the_request(sentence: str, head: str) -> None:
    assert split_remark(sentence)[0] == head


@pytest.mark.parametrize(
    "text",
    [
        "Make `website` on Speaker optional, half of our speakers don't have a site.",
        "the website of speakers should be optional - most speakers come without one",
        "Make the speaker website optional since not every speaker has a site.",
    ],
)
def test_a_request_with_a_reason_after_it_applies(text: str) -> None:
    assert changed("events", text) == [
        {"op": "change_field", "entity": "Speaker", "field": "website", "required": False}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "scratch the venue field on events",
        "actually, scratch the venue on events",
        "no venue on events please",
        "No venue for events, please.",
    ],
)
def test_scratch_and_no_x_please_remove_a_field(text: str) -> None:
    assert changed("events", text) == [{"op": "remove_field", "entity": "Event", "field": "venue"}]


def test_scratch_that_still_takes_back() -> None:
    spec = start("events")
    done = refine_spec(spec, "add a venue_notes text to events. scratch that")
    assert spec_operations(spec, done.spec) == []
