"""Reviewers' ways of saying things beyond the corpus's phrasings: corrections, follow-ups,
what to keep track of, values given as examples, everyday type words, roles (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.corrections import borrow, correction, split_corrections
from pipeline.refine.tracking import say_tracked
from pipeline.refine.typewords import type_hints
from pipeline.spec import AuthKind
from tests.refine.helpers import changed, start


def test_a_correction_after_a_comma_is_a_sentence_of_its_own() -> None:
    assert split_corrections("add x to posts, no wait, add y") == [
        "add x to posts,",
        "no wait, add y",
    ]


@pytest.mark.parametrize(
    ("said", "retracts", "rest"),
    [
        ("no wait, add a deadline", True, "add a deadline"),
        ("No, never mind.", True, ""),
        ("no wait, it's there.", True, ""),
        ("actually, make it a summary", True, "make it a summary"),
        ("scratch that, add a note", True, "add a note"),
    ],
)  # fmt: skip
def test_a_correction_takes_back_what_came_before(said: str, retracts: bool, rest: str) -> None:
    assert correction(said) is not None
    assert (correction(said).retracts, correction(said).rest) == (retracts, rest)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "said", ["no one may delete posts", "actually, make it optional", "wait times are integers"]
)
def test_a_sentence_that_only_looks_like_a_correction_is_none(said: str) -> None:
    assert correction(said) is None


def test_a_follow_up_borrows_the_target_of_the_instruction_before() -> None:
    assert borrow("make it a summary", "add a subtitle to posts") == "add a summary to posts"
    assert borrow("add a deadline", "add a due date to lists") == "add a deadline to lists"
    assert borrow("add a photo", "remove the image from posts") == "add a photo to posts"
    assert borrow("make it optional", "add a subtitle to posts") is None
    assert borrow("add a slug to posts", "add a title to posts") is None


def test_make_it_after_actually_replaces_the_field_just_added() -> None:
    ops = changed("blog", "add a subtitle to posts... actually, make it a summary")
    assert [(o["op"], o["field"]) for o in ops] == [("add_field", "summary")]


def test_no_wait_takes_back_the_instruction_and_the_new_one_borrows_its_target() -> None:
    ops = changed("todo", "add a due date to lists. no wait, add a deadline")
    assert [(o["op"], o["entity"], o["field"]) for o in ops] == [("add_field", "List", "deadline")]


def test_never_mind_takes_back_the_sentence_before_and_keeps_its_entity_in_view() -> None:
    ops = changed(
        "clinic", "Doctors: specialty should be unique? No, never mind. Make phone optional."
    )
    assert ops == [{"op": "change_field", "entity": "Doctor", "field": "phone", "required": False}]


def test_instead_after_a_taken_back_value_adds_the_new_value_to_the_same_field() -> None:
    ops = changed(
        "helpdesk", "add `urgent` to the priorities? no wait, it's there. add `critical` instead"
    )
    assert ops[0]["field"] == "priority" and ops[0]["choices"][-1] == "critical"


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("track when an order was shipped", "add a shipped at to order"),
        ("orders should record when they were shipped", "add a shipped at to orders"),
        ("store how many times a book was borrowed", "add times borrowed (integer) to book"),
        ("how many copies of each book we have should be tracked", "add copies (integer) to book"),
        ("stock movements should record a unit cost", "stock movements should have a unit cost"),
        ("posts could get a reading time", "posts should get a reading time"),
        ("something like fiction, non-fiction, poetry", "it should be (one of fiction|non_fiction|poetry)"),
        ("comments need to have a score which is a number", "comments should have a score (number)"),
    ],
)  # fmt: skip
def test_what_to_keep_track_of_is_said_as_a_field(said: str, plain: str) -> None:
    assert say_tracked(said) == plain


def test_we_and_you_are_not_entities_that_keep_things() -> None:
    assert say_tracked("we should keep a backup") == "we should keep a backup"


def test_everyday_type_words_in_parentheses_become_types() -> None:
    assert type_hints("add a discount (percentage, optional)") == "add a discount (float, optional)"
    assert type_hints("add a paid (yes or no) to orders") == "add a paid (boolean) to orders"
    assert type_hints("add a size (small, large)") == "add a size (small, large)"
    assert type_hints("add a fee (amount, default 0)") == "add a fee (decimal, default 0)"


def test_a_parenthesis_that_lists_fields_keeps_its_type_words() -> None:
    """A theatre try: "add refunds (ticket, amount, reason)" made a field named `decimal`."""
    assert (
        type_hints("add refunds (order, amount, reason)") == "add refunds (order, amount, reason)"
    )
    ops = changed("shop", "add refunds (order, amount, reason)")
    added = next(o for o in ops if o["op"] == "add_entity")
    assert added["fields"] == {"amount": "decimal", "reason": "text"}


def test_a_field_named_for_a_picture_is_an_upload() -> None:
    ops = changed("events", "events should have a cover image")
    assert {"op": "add_upload", "entity": "Event", "field": "cover_image"} in ops
    assert next(o for o in ops if o["op"] == "add_field")["type"] == "file"


def test_a_link_to_a_picture_stays_a_url() -> None:
    ops = changed("events", "speakers should have a photo url")
    assert ops == [{"op": "add_field", "entity": "Speaker", "field": "photo_url", "type": "url"}]


def test_who_did_it_is_a_named_link_to_user() -> None:
    ops = changed("clinic", "Appointments should record who booked them (a user).")
    assert ops == [{"op": "add_relation", "kind": "many_to_one", "source": "Appointment",
                    "target": "User", "name": "booked_by"}]  # fmt: skip


def test_examples_after_a_new_field_make_it_an_enum() -> None:
    ops = changed(
        "library", "can you add a genre to books? Something like fiction, non-fiction, poetry."
    )
    assert ops == [{"op": "add_field", "entity": "Book", "field": "genre", "type": "enum",
                    "choices": ["fiction", "non_fiction", "poetry"]}]  # fmt: skip


def test_a_new_role_joins_only_the_action_named() -> None:
    ops = changed("shop", "managers should be able to edit products as well")
    assert {"op": "add_role", "role": "manager"} in ops
    assert {"op": "add_permission", "entity": "Product", "actions": ["update"],
            "roles": ["admin", "manager"]} in ops  # fmt: skip


def test_a_role_denied_an_action_leaves_it_to_the_other_roles() -> None:
    ops = changed("shop", "regular users shouldn't be able to delete customers")
    assert ops == [{"op": "add_permission", "entity": "Customer", "actions": ["delete"],
                    "roles": ["admin"]}]  # fmt: skip


def test_renaming_an_entity_renames_it_in_its_rules() -> None:
    ops = changed("blog", "comment body max 500 chars\nrename Comment to Reply")
    assert {"op": "rename_entity", "entity": "Comment", "to": "Reply"} in ops


def test_a_clause_after_and_is_read_with_the_sayings() -> None:
    ops = changed(
        "todo", "lists belong to a user (already the case?) and tasks can be assigned to a user"
    )
    assert ops == [{"op": "add_relation", "kind": "many_to_one", "source": "Task", "target": "User",
                    "name": "assignee"}]  # fmt: skip


def test_a_quoted_name_is_not_corrected_as_a_typo() -> None:
    ops = changed("clinic", "I'd rather call the doctor's specialty \"speciality\"")
    assert ops == [
        {"op": "rename_field", "entity": "Doctor", "field": "specialty", "to": "speciality"}
    ]


@pytest.mark.parametrize(
    ("start_name", "text", "expected"),
    [
        ("helpdesk", "drop the `attendee` role, it isn't used anywhere", None),
        ("library", "isbn: not unique anymore, but not blank either",
         [{"op": "change_field", "entity": "Book", "field": "isbn", "unique": False},
          {"op": "add_rule", "rule": {"kind": "not_blank", "entity": "Book", "field": "isbn"}}]),
        ("inventory", "StockMovement: `reason` also gets `transfer` and `damaged`",
         [{"op": "change_field", "entity": "StockMovement", "field": "reason",
           "choices": ["purchase", "sale", "return", "adjustment", "transfer", "damaged"]}]),
        ("shop", "Order: add an optional `invoice` file (the PDF we send).",
         [{"op": "add_field", "entity": "Order", "field": "invoice", "type": "file", "required": False},
          {"op": "add_upload", "entity": "Order", "field": "invoice"}]),
        ("library", "Member records hold personal data, so you should have to be logged in to see them.",
         [{"op": "set_read", "entity": "Member", "read": "signed_in"}]),
        ("events", "Do we still need speakers? I'd remove them entirely, we never show them.",
         [{"op": "remove_entity", "entity": "Speaker"},
          {"op": "remove_relation", "source": "Event", "target": "Speaker"}]),
        ("inventory", "Every product belongs to a manufacturer, which has a name and a country.",
         [{"op": "add_entity", "entity": "Manufacturer", "fields": {"name": "string", "country": "string"}},
          {"op": "add_relation", "kind": "many_to_one", "source": "Product", "target": "Manufacturer"}]),
        ("events", "Sessions belong to an event. A Session has a title, a starts_at datetime and a room.",
         [{"op": "add_entity", "entity": "Session",
           "fields": {"title": "string", "starts_at": "datetime", "room": "string"}},
          {"op": "add_relation", "kind": "many_to_one", "source": "Session", "target": "Event"}]),
        ("events", "Tickets need a `currency`: eur or usd. Hmm, actually add gbp as well. Default eur.",
         [{"op": "add_field", "entity": "Ticket", "field": "currency", "type": "enum",
           "choices": ["eur", "usd", "gbp"], "default": "eur"}]),
        ("blog", "Only the writer can edit a post. Each post has a writer (a user).",
         [{"op": "set_owner", "entity": "Post", "owner": "writer"},
          {"op": "add_relation", "kind": "many_to_one", "source": "Post", "target": "User",
           "name": "writer"}]),
        ("todo", "taks titles must not be emtpy",
         [{"op": "add_rule", "rule": {"kind": "not_blank", "entity": "Task", "field": "title"}}]),
    ],
)  # fmt: skip
def test_reviewers_sentences_become_the_change_they_ask(
    start_name: str, text: str, expected: list[dict[str, Any]] | None
) -> None:
    if expected is None:  # a role that the start spec lacks: a question, nothing changed
        done = refine_spec(start(start_name), text)
        assert done.questions and done.spec == start(start_name)
        return
    ops = changed(start_name, text)
    key = lambda o: repr(sorted(o.items()))  # noqa: E731
    assert sorted(ops, key=key) == sorted(expected, key=key)


def test_a_short_line_announcing_changes_is_a_lead_in_not_a_question() -> None:
    ops = changed(
        "blog", "Left a few notes:\n- posts: title unique, max 80\n- comments: soft delete"
    )
    assert {"op": "add_rule", "rule": {"kind": "soft_delete", "entity": "Comment"}} in ops


def test_a_comment_whose_one_sentence_is_not_understood_still_changes_nothing() -> None:
    done = refine_spec(start("blog"), "add a slug to posts. make the stars shine")
    assert done.questions and not done.changes and done.spec == start("blog")


@pytest.mark.parametrize(
    "comment",
    [
        "please add a refund entity: order, amount, reason",
        "we need refunds too - order, amount and a reason",
        "can we track refunds? order, amount, reason",
        "we also need refunds as well: order, amount, reason",
    ],
)
def test_a_new_thing_and_a_bare_list_of_what_it_has(comment: str) -> None:
    """A theatre try: each of these asked "I did not understand" or read the list as the values
    of an enum; the list after the request is the new thing's fields and links."""
    ops = changed("shop", comment)
    added = next(o for o in ops if o["op"] == "add_entity")
    assert added["entity"] == "Refund"
    assert added["fields"] == {"amount": "decimal", "reason": "text"}
    assert {
        "op": "add_relation",
        "kind": "many_to_one",
        "source": "Refund",
        "target": "Order",
    } in ops


@pytest.mark.parametrize(
    ("name", "comment", "expected"),
    [
        (
            "shop",
            "Add a `weight_grams` integer field to `Product`, we need it to work out shipping costs.",
            [{"op": "add_field", "entity": "Product", "field": "weight_grams", "type": "integer"}],
        ),
        (
            "blog",
            "Make comments soft-deletable. We want to be able to restore a comment removed by mistake.",
            [{"op": "add_rule", "rule": {"kind": "soft_delete", "entity": "Comment"}}],
        ),
        (
            "shop",
            "Is there a way to make the customer phone number optional?",
            [
                {
                    "op": "change_field",
                    "entity": "Customer",
                    "field": "phone_number",
                    "required": False,
                }
            ],
        ),
        (
            "shop",
            "Could you make the sku unique per category? Two products ended up the same.",
            [
                {
                    "op": "add_rule",
                    "rule": {
                        "kind": "unique",
                        "entity": "Product",
                        "fields": ["sku", "categories"],
                    },
                }
            ],
        ),
    ],
)
def test_what_a_request_is_for_and_polite_wrappers(
    name: str, comment: str, expected: list[dict[str, Any]]
) -> None:
    """Unseen comments of the tenth session: a purpose after the request ("we need it to ...",
    "we want to be able to ...") asked a question; "is there a way to", "make X unique per Y"
    were not understood."""
    assert changed(name, comment) == expected


def test_put_behind_login_turns_auth_on() -> None:
    spec = start("shop").model_copy(
        update={"auth": AuthKind.NONE, "roles": [], "default_role": "", "permissions": []}
    )
    done = refine_spec(
        spec, "Put the whole service behind JWT login, it will be reachable from outside."
    )
    assert not done.questions and done.spec.auth is AuthKind.JWT
