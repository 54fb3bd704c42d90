"""More of the forms reviewers write requests in: values after a dash or after "with", a person
named by "that person", fillers at the end, a reason before "so", a remark after the request,
a field named by one of its words. Phrasings written for these tests (not taken from the
corpus); each reading has a case beside it that must still ask or must not change."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.remarks import is_remark
from tests.refine.helpers import changed, start


def test_values_after_a_spaced_dash_with_slashes_and_a_default() -> None:
    said = "add a `stage` to tickets - new / triaged / done, default new. we need it for the board"
    assert changed("helpdesk", said) == [
        {
            "op": "add_field",
            "entity": "Ticket",
            "field": "stage",
            "type": "enum",
            "choices": ["new", "triaged", "done"],
            "default": "new",
        }
    ]


def test_the_values_of_an_enum_after_with() -> None:
    said = "add a `kind` enum on tasks with `chore`, `errand`, `call` - for the filters"
    assert changed("todo", said) == [
        {
            "op": "add_field",
            "entity": "Task",
            "field": "kind",
            "type": "enum",
            "choices": ["chore", "errand", "call"],
        }
    ]


def test_type_words_among_other_values_are_values() -> None:
    said = "add a `contact_method` to customers: email, phone or post"
    [op] = changed("shop", said)
    assert op["type"] == "enum" and op["choices"] == ["email", "phone", "post"]


def test_a_type_alone_after_a_colon_is_still_a_type() -> None:
    [op] = changed("shop", "add backup_contact: email to customers")
    assert op["type"] == "email" and "choices" not in op


def test_a_range_beside_its_type_in_brackets() -> None:
    said = "add a Rating entity with `stars` (integer, 1-10) and `note` (text)"
    ops = changed("shop", said)
    assert {
        "op": "add_entity",
        "entity": "Rating",
        "fields": {"stars": "integer", "note": "text"},
    } in ops
    assert {
        "op": "add_rule",
        "rule": {"kind": "range", "entity": "Rating", "field": "stars", "min": 1, "max": 10},
    } in ops


def test_unique_when_set_beside_optional() -> None:
    [op] = changed("shop", "customers need a `tax_id` - optional, but unique when set")
    assert op["field"] == "tax_id" and op["required"] is False and op["unique"] is True


def test_a_field_named_by_its_last_word() -> None:
    assert changed("inventory", "rename the price on products to `cost`") == [
        {"op": "rename_field", "entity": "Product", "field": "unit_price", "to": "cost"}
    ]


def test_a_word_that_ends_two_fields_still_asks() -> None:
    done = refine_spec(start("events"), "rename the time on events to `slot`")
    assert done.questions and done.changes == []  # start_time or end_time: no guess


def test_rows_named_as_records_of_an_entity() -> None:
    ops = changed("shop", "only admins can delete customer records")
    assert ops == [
        {"op": "add_permission", "entity": "Customer", "actions": ["delete"], "roles": ["admin"]}
    ]


@pytest.mark.parametrize(
    "said",
    [
        "tasks need a `snoozed_until` datetime, optional ofc",
        "tasks need a `snoozed_until` datetime, optional obviously",
    ],
)
def test_a_filler_at_the_end_is_no_field(said: str) -> None:
    assert changed("todo", said) == [
        {
            "op": "add_field",
            "entity": "Task",
            "field": "snoozed_until",
            "type": "datetime",
            "required": False,
        }
    ]


def test_that_person_is_the_user_the_sentence_before_linked() -> None:
    said = "could we keep who wrote each comment? and only that person may edit it afterwards"
    ops = changed("blog", said)
    [link] = [op for op in ops if op["op"] == "add_relation"]
    assert (link["source"], link["target"]) == ("Comment", "User")
    [owner] = [op for op in ops if op["op"] == "set_owner"]
    assert owner["entity"] == "Comment"


def test_a_reason_then_so_and_an_imperative() -> None:
    said = "we stopped using warehouses so please drop that entity completely"
    ops = changed("inventory", said)
    assert {"op": "remove_entity", "entity": "Warehouse"} in ops


def test_a_reason_then_so_and_a_default() -> None:
    said = "could lists have a `theme`? most are plain so default it to `plain`"
    assert changed("todo", said) == [
        {
            "op": "add_field",
            "entity": "List",
            "field": "theme",
            "type": "string",
            "default": "plain",
        }
    ]


def test_a_reason_without_a_request_after_so_is_no_request() -> None:
    done = refine_spec(start("todo"), "lists are shared so people see them")
    assert done.changes == []


@pytest.mark.parametrize(
    ("text", "remark"),
    [
        ("the mobile app pages on its own", True),
        ("cashiers keep voiding paid ones", True),
        ("the app should page on its own", False),  # a modal: it may ask for something
        ("make it sort itself", False),
    ],
)
def test_what_happens_anyway_is_a_remark(text: str, remark: bool) -> None:
    assert is_remark(text) is remark


def test_a_remark_after_the_request_adds_nothing_to_it() -> None:
    said = "turn off pagination, the mobile app pages on its own"
    assert changed("todo", said) == [{"op": "set_feature", "feature": "pagination", "value": False}]


def test_a_reason_after_all_is_accounted_for_as_context() -> None:
    done = refine_spec(
        start("events"),
        "let visitors see speakers without logging in? it's a public site after all",
    )
    assert done.changes == [] and done.questions  # public already: said, nothing to change
    assert all("already" in q for q in done.questions)
    assert done.sentences[-1].status.value == "context"


def test_a_link_said_after_who_may_see_it_is_read_first() -> None:
    said = (
        "could members only see their own loans? each loan would need a `borrower` "
        "(the user who borrowed it)"
    )
    ops = changed("library", said)
    assert {"op": "set_owner", "entity": "Loan", "owner": "borrower"} in ops
    assert {"op": "set_read", "entity": "Loan", "read": "owner"} in ops
    links = [op for op in ops if op["op"] == "add_relation" and op["target"] == "User"]
    assert len(links) == 1  # one link to the user, not one for each sentence


def test_a_refused_part_of_a_sentence_is_asked_about_not_dropped() -> None:
    said = "rename `notes` on tasks to `created_at`, and a task's title must not be blank"
    done = refine_spec(start("todo"), said)
    assert done.changes == [] and any("created_at" in q for q in done.questions)


def test_a_change_to_a_field_that_is_not_there_asks() -> None:
    done = refine_spec(
        start("todo"), "change the list's budget field to a decimal instead of a string"
    )
    assert done.changes == [] and done.questions  # never a new text field named budget


def test_a_bound_after_a_new_field_is_never_a_remark() -> None:
    said = "add a `snoozes` count to tasks (integer, default 0), between 0 and 5"
    done = refine_spec(start("todo"), said)
    ranged = [r for r in done.spec.rules if r.kind.value == "range"]
    assert done.questions or ranged  # applied with its range, or asked: never half of it
    assert not any("remark" in s.reason for s in done.sentences)
