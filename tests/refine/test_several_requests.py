"""Several requests in one comment: each applies as it would alone, and all of them together.
Phrasings written for these tests, not taken from the corpus (`bench/bench_compose.py` measures
the same on joined corpus items)."""

from __future__ import annotations

import pytest

from pipeline.refine.diff import canonical_operation
from tests.refine.helpers import changed


def _same(got: list[dict[str, object]], *alone: list[dict[str, object]]) -> bool:
    want = sorted(canonical_operation(op) for ops in alone for op in ops)
    return sorted(canonical_operation(op) for op in got) == want


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("post titles must not be blank", "only editors and admins can delete comments"),
        ("comment bodies should be at most 400 characters", "add a subtitle to posts"),
        ("titles of posts should be unique", "only admins and editors may create comments"),
        ("Posts: make the body optional", "comments and posts are many-to-many"),
        ("only signed in users can see comments", "post titles shouldn't be empty"),
        ("turn off pagination", "comment bodies shoud be at most 300 characters"),
    ],
)
def test_and_also_starts_a_request_of_its_own(first: str, second: str) -> None:
    together = changed("blog", f"{first}, and also {second}")
    assert _same(together, changed("blog", first), changed("blog", second))


def test_and_also_ends_a_request_before_a_list_of_rules() -> None:
    first, second = "we want sign in now", "product sku: not blank, 5 to 80 chars"
    together = changed("inventory", f"{first}, and also {second}")
    assert _same(together, changed("inventory", first), changed("inventory", second))


def test_and_also_ends_a_list_of_rules_before_the_next_request() -> None:
    ops = changed(
        "inventory",
        "we want sign in now, and also product sku: not blank, 5 to 80 chars, and also the "
        "capacity on warehouses shoud be optinal",
    )
    assert sorted(o["op"] for o in ops) == ["add_rule", "add_rule", "change_field", "set_auth"]


@pytest.mark.parametrize(
    "second",
    [
        "remove the agent role, admins will answer tickets instead",
        "remove the customer role, tickets will come in by email instead",
    ],
)
def test_instead_in_a_remark_does_not_take_the_request_before_back(second: str) -> None:
    first = "add a closed_at datetime on tickets"
    together = changed("helpdesk", f"{first}\n{second}")
    assert _same(together, changed("helpdesk", first), changed("helpdesk", second))


def test_instead_ending_a_request_still_replaces_the_one_before() -> None:
    ops = changed("blog", "add a subtitle to posts. No, add a summary instead")
    assert [(o["op"], o.get("field")) for o in ops] == [("add_field", "summary")]


@pytest.mark.parametrize(
    "reason", ["We need that for the launch.", "I want this before Friday.", "We need it asap!"]
)
def test_a_wish_for_what_was_asked_between_two_requests_is_a_reason(reason: str) -> None:
    first, second = "add a subtitle to posts", "make comment bodies optional"
    together = changed("blog", f"{first}. {reason} {second}.")
    assert _same(together, changed("blog", first), changed("blog", second))


def test_a_wish_for_a_thing_of_its_own_is_still_a_request() -> None:
    ops = changed("blog", "add a subtitle to posts. we need it to be unique")
    assert [(o["op"], o.get("unique")) for o in ops] == [("add_field", True)]


@pytest.mark.parametrize(
    "remark",
    [
        "The launch is next week.",
        "The audit is on Friday.",
        "Readers keep asking about this.",
    ],
)
def test_a_fact_told_between_two_requests_is_context(remark: str) -> None:
    first, second = "add a subtitle to posts", "make comment bodies optional"
    together = changed("blog", f"{first}. {remark} {second}.")
    assert _same(together, changed("blog", first), changed("blog", second))


def test_what_a_thing_is_made_of_is_still_no_remark() -> None:
    from pipeline.refine.remarks import is_statement

    assert not is_statement("a tag is just a name")
    assert not is_statement("a tag just has a name")
