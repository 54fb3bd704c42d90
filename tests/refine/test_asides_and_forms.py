"""Asides beside a request, and the forms reviewers write requests in. Phrasings written for
these tests (not taken from the corpus); each side of a rule has a case that must still ask."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.remarks import says_nothing_of
from tests.refine.helpers import changed, start


@pytest.mark.parametrize(
    "said",
    [
        "rename `notes` on tasks to `details`, reads better in the UI",
        "rename `notes` on tasks to `details`, its clearer",
        "tasks: rename notes to details; matches what the designers drew",
    ],
)
def test_a_trailing_aside_that_names_nothing_in_the_spec_is_a_remark(said: str) -> None:
    assert changed("todo", said) == [
        {"op": "rename_field", "entity": "Task", "field": "notes", "to": "details"}
    ]


def test_the_aside_is_accounted_for_not_dropped() -> None:
    done = refine_spec(start("todo"), "rename `notes` on tasks to `details`, reads better")
    assert [s.status.value for s in done.sentences] == ["used", "context"]
    assert "remark" in done.sentences[1].reason


@pytest.mark.parametrize(
    "said",
    [
        "rename `notes` on tasks to `details`, make it faster",  # an imperative: a request
        "rename `notes` on tasks to `details`, titles should glow",  # names a field: asks
    ],
)
def test_a_trailing_clause_that_asks_or_names_the_spec_still_asks(said: str) -> None:
    done = refine_spec(start("todo"), said)
    assert done.questions and done.changes == []


def test_an_unreadable_comment_alone_is_never_a_remark() -> None:
    done = refine_spec(start("todo"), "it feels sluggish on mobile")
    assert done.questions and done.changes == []


@pytest.mark.parametrize(
    ("text", "nothing"),
    [
        ("reads better in the UI", True),
        ("longer ones break the layout", True),
        ("titles should glow", False),  # a field and a request word
        ("the lists are long", False),  # names an entity
        ("make it faster", False),  # a request verb
    ],
)
def test_says_nothing_of_the_spec(text: str, nothing: bool) -> None:
    assert says_nothing_of(text, start("todo")) is nothing


def test_a_purpose_clause_with_so_is_a_reason_and_so_you_should_a_request() -> None:
    assert changed("helpdesk", "add an optional `phone` to tickets so an agent can call back") == [
        {"op": "add_field", "entity": "Ticket", "field": "phone", "type": "phone",
         "required": False}
    ]  # fmt: skip
    assert changed(
        "helpdesk", "Tickets hold personal info, so you should have to be logged in to see them."
    ) == [{"op": "set_read", "entity": "Ticket", "read": "signed_in"}]


def test_right_now_tells_how_things_stand() -> None:
    ops = changed("blog", "only admins should edit comments. right now anyone signed in can do it")
    assert ops == [{"op": "add_permission", "entity": "Comment", "actions": ["update"],
                    "roles": ["admin"]}]  # fmt: skip


def test_as_well_adds_a_role_beside_those_who_may_already() -> None:
    spec = start("helpdesk")
    held = [p.roles for p in spec.permissions if p.entity == "Reply"]
    assert held == [["admin"]]
    ops = changed("helpdesk", "could agents delete replies too?")
    assert ops == [{"op": "add_permission", "entity": "Reply", "actions": ["delete"],
                    "roles": ["admin", "agent"]}]  # fmt: skip


def test_without_as_well_the_roles_are_replaced() -> None:
    ops = changed("helpdesk", "only agents can delete replies")
    assert ops == [{"op": "add_permission", "entity": "Reply", "actions": ["delete"],
                    "roles": ["agent"]}]  # fmt: skip


def test_has_many_with_exactly_one_on_the_other_side_is_one_way() -> None:
    ops = changed(
        "inventory", "add a `Shelf` entity (label). a warehouse has many shelves, each shelf is "
        "in exactly one warehouse",
    )  # fmt: skip
    relations = [o for o in ops if o["op"] == "add_relation"]
    assert relations == [
        {"op": "add_relation", "kind": "many_to_one", "source": "Shelf", "target": "Warehouse"}
    ]


def test_has_many_alone_stays_many_to_many() -> None:
    ops = changed("events", "add a `Sponsor` entity (name). an event has many sponsors")
    assert [o["kind"] for o in ops if o["op"] == "add_relation"] == ["many_to_many"]


@pytest.mark.parametrize(
    ("start_name", "said", "child", "parent"),
    [
        (
            "inventory",
            "add a `Shelf` entity (label). a warehouse has many shelves",
            "Shelf",
            "Warehouse",
        ),
        (
            "shop",
            "Add `Address` (street, city). A customer has many addresses.",
            "Address",
            "Customer",
        ),
        ("todo", "tasks can have many subtasks", "Subtask", "Task"),
    ],
)
def test_has_many_of_a_new_part_of_one_owner_puts_the_link_on_the_part(
    start_name: str, said: str, child: str, parent: str
) -> None:
    """An address, a shelf, a subtask is one owner's: "X has many Y" links each Y to its X
    (a sponsor, an award or a nurse may go to many, so those stay many to many)."""
    ops = changed(start_name, said)
    assert [o for o in ops if o["op"] == "add_relation"] == [
        {"op": "add_relation", "kind": "many_to_one", "source": child, "target": parent}
    ]


@pytest.mark.parametrize(
    ("start_name", "said", "expect"),
    [
        (
            "helpdesk",
            "tickets must not be visible to anyone who isn't signed in",
            [{"op": "set_read", "entity": "Ticket", "read": "signed_in"}],
        ),
        (
            "shop",
            "- customer phone number optional",
            [{"op": "change_field", "entity": "Customer", "field": "phone_number",
              "required": False}],
        ),  # fmt: skip
        (
            "events",
            "drop speakers from the API entirely",
            [{"op": "remove_entity", "entity": "Speaker"},
             {"op": "remove_relation", "source": "Event", "target": "Speaker"}],
        ),  # fmt: skip
        (
            "blog",
            "remove image uploads from posts",
            [{"op": "remove_field", "entity": "Post", "field": "image"},
             {"op": "remove_upload", "entity": "Post", "field": "image"}],
        ),  # fmt: skip
        (
            "todo",
            "the due date on tasks should be a datetime, not just a date",
            [{"op": "change_field", "entity": "Task", "field": "due_date", "type": "datetime"}],
        ),
        (
            "library",
            "add a `Shelf` (code) and have every book point to its shelf",
            [{"op": "add_entity", "entity": "Shelf", "fields": {"code": "string"}},
             {"op": "add_relation", "kind": "many_to_one", "source": "Book", "target": "Shelf"}],
        ),  # fmt: skip
        (
            "todo",
            "list names should be capped at 40 characters",
            [{"op": "add_rule", "rule": {"kind": "length", "entity": "List", "field": "name",
                                         "max": 40}}],
        ),  # fmt: skip
    ],
)
def test_reviewer_forms(start_name: str, said: str, expect: list[dict[str, object]]) -> None:
    got = changed(start_name, said)
    key = repr
    assert sorted(got, key=key) == sorted(expect, key=key)


def test_a_field_said_before_should_be_is_not_a_bare_fragment() -> None:
    assert changed("events", "the price of tickets should be optional") == [
        {"op": "change_field", "entity": "Ticket", "field": "price", "required": False}
    ]


def test_a_new_status_named_of_the_entity_is_one_more_value_of_its_status() -> None:
    ops = changed("helpdesk", "tickets need an `escalated` status too")
    assert [o["op"] for o in ops] == ["change_field"]
    assert ops[0]["field"] == "status" and ops[0]["choices"][-1] == "escalated"


def test_a_reason_in_brackets_names_no_state() -> None:
    ops = changed(
        "shop",
        "orders need a `refunded` status, and an order may only be refunded while it's "
        "received (once it's shipped back it's too late)",
    )  # fmt: skip
    rule = next(o["rule"] for o in ops if o["op"] == "add_rule")
    assert (rule["kind"], rule["from"], rule["to"]) == ("transition", ["received"], "refunded")


def test_a_request_with_a_reason_in_brackets_is_not_a_remark() -> None:
    done = refine_spec(
        start("todo"), "a task may only be deleted while it's not done (it's history)"
    )
    assert done.changes or done.questions  # read as a request: applied or asked, never a remark


def test_who_may_not_send_a_value_says_it_is_computed() -> None:
    ops = changed(
        "shop", "orders: the total should be computed. clients shouldn't be able to send it"
    )
    assert ops == [
        {"op": "add_rule", "rule": {"kind": "computed", "entity": "Order", "field": "total"}}
    ]


def test_computed_from_after_a_new_field() -> None:
    ops = changed(
        "events", "add a `seats_left` integer to events, computed from capacity minus tickets"
    )
    assert sorted(o["op"] for o in ops) == ["add_field", "add_rule"]
    assert next(o for o in ops if o["op"] == "add_rule")["rule"]["kind"] == "computed"


@pytest.mark.parametrize(
    "other_side",
    [
        "the same tag gets used on lots of posts",
        "a tag sits on many posts obviously",
        "a tag can be on several posts",
    ],
)
def test_the_other_side_said_as_a_fact_makes_it_many_to_many(other_side: str) -> None:
    ops = changed(
        "blog", f"add a Tag entity with a name. posts can have several tags; {other_side}"
    )
    assert [o["kind"] for o in ops if o["op"] == "add_relation"] == ["many_to_many"]


def test_a_complaint_is_not_built_on_a_guess() -> None:
    done = refine_spec(start("shop"), "the invoices table is missing the right columns, pls fix")
    assert done.questions and done.changes == []


def test_a_user_story_is_never_taken_for_a_reason() -> None:
    done = refine_spec(start("shop"), "As a manager I want products to have a weight.")
    assert done.questions or done.changes  # read, or asked about: never a remark
    assert done.sentences[0].status.value != "context"
