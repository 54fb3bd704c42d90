"""Shorthand and asides reviewers write around a request (session nineteen). Phrasings written
for these tests, not taken from the corpus; each form has a case that must still ask."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import canonical_operation
from pipeline.refine.trailing import modifier, peel
from tests.refine.helpers import changed, start


@pytest.mark.parametrize(
    ("start_name", "said", "expect"),
    [
        (  # a field, then what follows it one by one
            "library",
            "add a `renewals` count to loans (integer, default 0), between 0 and 3",
            [
                {"op": "add_field", "entity": "Loan", "field": "renewals", "type": "integer",
                 "default": 0},
                {"op": "add_rule", "rule": {"kind": "range", "entity": "Loan", "field": "renewals",
                                            "min": 0, "max": 3}},
            ],
        ),
        (
            "library",
            "add a language field to books, plain string, default en",
            [{"op": "add_field", "entity": "Book", "field": "language", "type": "string",
              "default": "en"}],
        ),
        (
            "library",
            "add pages to books its an integer",
            [{"op": "add_field", "entity": "Book", "field": "pages", "type": "integer"}],
        ),
        (  # the type with a question mark, as code writes an optional value
            "library",
            "loans: +returned_at: datetime?",
            [{"op": "add_field", "entity": "Loan", "field": "returned_at", "type": "datetime",
              "required": False}],
        ),
        (
            "inventory",
            "+product.barcode: string, optional, unique",
            [{"op": "add_field", "entity": "Product", "field": "barcode", "type": "string",
              "required": False, "unique": True}],
        ),
        (  # renames written as code
            "library",
            "Book.isbn -> Book.code",
            [{"op": "rename_field", "entity": "Book", "field": "isbn", "to": "code"}],
        ),
        (
            "library",
            "books: isbn -> code",
            [{"op": "rename_field", "entity": "Book", "field": "isbn", "to": "code"}],
        ),
        (  # the default said as the last of the values, or as a sentence of its own
            "shop",
            "customers get a loyalty tier (bronze, silver or gold — everybody starts at bronze)",
            [{"op": "add_field", "entity": "Customer", "field": "loyalty_tier", "type": "enum",
              "choices": ["bronze", "silver", "gold"], "default": "bronze"}],
        ),
        (
            "blog",
            "posts need a status — draft, published or archived — and a fresh post should start "
            "out as a draft",
            [{"op": "add_field", "entity": "Post", "field": "status", "type": "enum",
              "choices": ["draft", "published", "archived"], "default": "draft"}],
        ),
        (
            "blog",
            "Post model needs a few things:\n- `status`: enum `draft | live`, default `draft`",
            [{"op": "add_field", "entity": "Post", "field": "status", "type": "enum",
              "choices": ["draft", "live"], "default": "draft"}],
        ),
        (  # a new thing named with a capital, its fields in brackets
            "shop",
            "Introduce `Warranty` (months: int, terms: text)",
            [{"op": "add_entity", "entity": "Warranty",
              "fields": {"months": "integer", "terms": "text"}}],
        ),
        (  # list features said the way people talk
            "inventory",
            "filtering can go, nobody uses it",
            [{"op": "set_feature", "feature": "filtering", "value": False}],
        ),
        (
            "todo",
            "no pagination please, my lists are tiny",
            [{"op": "set_feature", "feature": "pagination", "value": False}],
        ),
        ("todo", "drop the login entirely", [{"op": "set_auth", "auth": "none"}]),
        (  # a link to the person, named by the comment's word; seeing "their own" owns it
            "events",
            "each ticket should point to its holder (a user)",
            [{"op": "add_relation", "kind": "many_to_one", "source": "Ticket", "target": "User",
              "name": "holder"}],
        ),
        (
            "events",
            "tie every ticket to the attendee who bought it, and make sure attendees can only see "
            "their own tickets, not other people's",
            [
                {"op": "add_relation", "kind": "many_to_one", "source": "Ticket",
                 "target": "User", "name": "attendee"},
                {"op": "set_owner", "entity": "Ticket", "owner": "attendee"},
                {"op": "set_read", "entity": "Ticket", "read": "owner"},
            ],
        ),
        (
            "helpdesk",
            "customers should only be able to read the tickets they raised",
            [
                {"op": "add_relation", "kind": "many_to_one", "source": "Ticket",
                 "target": "User", "name": "customer"},
                {"op": "set_owner", "entity": "Ticket", "owner": "customer"},
                {"op": "set_read", "entity": "Ticket", "read": "owner"},
            ],
        ),
        (  # "would it be possible for X to ..." is what it asks
            "library",
            "Is it possible for a book to have several authors?",
            [
                {"op": "remove_relation", "source": "Book", "target": "Author"},
                {"op": "add_relation", "kind": "many_to_many", "source": "Book",
                 "target": "Author"},
            ],
        ),
        (  # a question about how things are, then the request about it
            "inventory",
            "why is `Warehouse.capacity` an int? we measure volume, so it should be a float",
            [{"op": "change_field", "entity": "Warehouse", "field": "capacity", "type": "float"}],
        ),
        (  # "drop it" after a field in view drops the field, never its entity
            "inventory",
            "do we still need `Product.discontinued`? I'd drop it.",
            [{"op": "remove_field", "entity": "Product", "field": "discontinued"}],
        ),
        (
            "inventory",
            "two roles: `manager`, `clerk`",
            [{"op": "set_auth", "auth": "jwt"}, {"op": "add_role", "role": "manager"},
             {"op": "add_role", "role": "clerk"}, {"op": "add_role", "role": "user"}],
        ),
        (  # values that are words naming types are values after "enum"
            "helpdesk",
            "add a `channel` enum (email, phone, web) to tickets",
            [{"op": "add_field", "entity": "Ticket", "field": "channel", "type": "enum",
              "choices": ["email", "phone", "web"]}],
        ),
        (
            "clinic",
            "add a `Room` entity (`name`, `floor: int`) and hang each appointment off a room",
            [{"op": "add_entity", "entity": "Room", "fields": {"name": "string", "floor": "integer"}},
             {"op": "add_relation", "kind": "many_to_one", "source": "Appointment", "target": "Room"}],
        ),
        (  # a request, then why, with or without a comma
            "inventory",
            "the weight should be required, shipping quotes need it for every parcel",
            [{"op": "change_field", "entity": "Product", "field": "weight_kg", "required": True}],
        ),
        (
            "library",
            "make isbn not unique anymore we have reprints with the same one",
            [{"op": "change_field", "entity": "Book", "field": "isbn", "unique": False}],
        ),
        (  # a common misspelling of a word of requests
            "inventory",
            "swich off the filtring on lists",
            [{"op": "set_feature", "feature": "filtering", "value": False}],
        ),
        (  # a value for an enum, said as what it needs
            "todo",
            "priority also needs critical",
            [{"op": "change_field", "entity": "Task", "field": "priority",
              "choices": ["low", "normal", "high", "critical"]}],
        ),
        (
            "helpdesk",
            "add an escalated status between pending and resolved",
            [{"op": "change_field", "entity": "Ticket", "field": "status",
              "choices": ["open", "pending", "escalated", "resolved", "closed"]}],
        ),
        (  # once per: unique together
            "events",
            "a seat number should only be used once per event",
            [{"op": "add_rule", "rule": {"kind": "unique", "entity": "Ticket",
                                         "fields": ["event", "seat_number"]}}],
        ),
        (  # the entity the verb names, where another also links the two
            "library",
            "add a Rating entity with a stars integer. each rating belongs to a book and a member. "
            "a member can rate a given book only once",
            [{"op": "add_entity", "entity": "Rating", "fields": {"stars": "integer"}},
             {"op": "add_relation", "kind": "many_to_one", "source": "Rating", "target": "Book"},
             {"op": "add_relation", "kind": "many_to_one", "source": "Rating", "target": "Member"},
             {"op": "add_rule", "rule": {"kind": "unique", "entity": "Rating",
                                         "fields": ["book", "member"]}}],
        ),
        (  # transitions said as who may be marked what, or as "while it is still"
            "clinic",
            "only booked appointments can be marked completed",
            [{"op": "add_rule", "rule": {"kind": "transition", "entity": "Appointment",
                                         "field": "status", "from": ["booked"], "to": "completed"}}],
        ),
        (
            "shop",
            "an order can only be refunded while it's still shipped",
            [{"op": "change_field", "entity": "Order", "field": "status",
              "choices": ["pending", "shipped", "received", "refunded"]},
             {"op": "add_rule", "rule": {"kind": "transition", "entity": "Order", "field": "status",
                                         "from": ["shipped"], "to": "refunded"}}],
        ),
        (  # who may do what, said as what an action is for
            "blog",
            "add an editor role. updating posts is for editors and admins only",
            [{"op": "add_role", "role": "editor"},
             {"op": "add_permission", "entity": "Post", "actions": ["update"],
              "roles": ["admin", "editor"]}],
        ),
        (
            "blog",
            "add an editor role. editors get create + update on posts",
            [{"op": "add_role", "role": "editor"},
             {"op": "add_permission", "entity": "Post", "actions": ["create", "update"],
              "roles": ["editor"]}],
        ),
        (
            "clinic",
            "let any signed-in user delete appointments",
            [{"op": "remove_permission", "entity": "Appointment", "actions": ["delete"]}],
        ),
        (  # the name the comment gives the link to the person
            "events",
            "each ticket should point to the user who paid for it (call the relation `payer`)",
            [{"op": "add_relation", "kind": "many_to_one", "source": "Ticket", "target": "User",
              "name": "payer"}],
        ),
        (
            "blog",
            "posts should belong to the user who wrote them (call it `writer`)",
            [{"op": "add_relation", "kind": "many_to_one", "source": "Post", "target": "User",
              "name": "writer"},
             {"op": "set_owner", "entity": "Post", "owner": "writer"}],
        ),
        (
            "helpdesk",
            "Customers should only see their own tickets. Each ticket needs a `opener`, the user "
            "who opened it.",
            [{"op": "add_relation", "kind": "many_to_one", "source": "Ticket", "target": "User",
              "name": "opener"},
             {"op": "set_owner", "entity": "Ticket", "owner": "opener"},
             {"op": "set_read", "entity": "Ticket", "read": "owner"}],
        ),
        (  # what a field was, said after what it should be
            "clinic",
            "patient allergies should be a text not a short string",
            [{"op": "change_field", "entity": "Patient", "field": "allergies", "type": "text"}],
        ),
        (
            "blog",
            "add a published_at datetime to posts. leave it optional",
            [{"op": "add_field", "entity": "Post", "field": "published_at", "type": "datetime",
              "required": False}],
        ),
        (
            "todo",
            "only whoever owns a list may change or delete it",
            [{"op": "set_owner", "entity": "List", "owner": "user"}],
        ),
        (  # when something happened, and that it may not have yet
            "shop",
            "could we also track when an order ships? it stays empty until then",
            [{"op": "add_field", "entity": "Order", "field": "shipped_at", "type": "datetime",
              "required": False}],
        ),
    ],
)  # fmt: skip
def test_a_shorthand_request_changes_the_spec(
    start_name: str, said: str, expect: list[dict[str, object]]
) -> None:
    got = changed(start_name, said)
    assert sorted(map(canonical_operation, got)) == sorted(map(canonical_operation, expect))


@pytest.mark.parametrize(
    ("start_name", "said"),
    [
        ("library", "add pages to books, blue"),  # not a modifier: no guess
        ("library", "isbn: sparkly"),
        ("events", "link each ticket to its colour"),  # no person said
        ("todo", "filtering could be nice to think about someday maybe"),
    ],
)
def test_what_is_not_such_a_form_still_asks(start_name: str, said: str) -> None:
    done = refine_spec(start(start_name), said)
    assert done.questions and not done.changes


def test_a_reason_cut_from_its_request_is_accounted_for() -> None:
    done = refine_spec(
        start("blog"), "comment bodies cant be empty, the app lets people post blank ones"
    )
    assert not done.questions
    assert [s.status.value for s in done.sentences] == ["used", "context"]
    assert "why" in done.sentences[1].reason


def test_a_second_request_after_a_comma_is_not_taken_for_a_reason() -> None:
    done = refine_spec(start("blog"), "comment bodies cant be empty, make posts sparkle please")
    assert done.questions and not done.changes


def test_a_remark_beside_the_request_is_accounted_for() -> None:
    done = refine_spec(start("helpdesk"), "add a score to tickets. optional, most never answer")
    assert not done.questions
    assert [s.status.value for s in done.sentences] == ["used", "used", "context"]


def test_peel_splits_only_modifiers_it_knows() -> None:
    assert peel("add a size to shirts (integer, default 3)") == (
        "add a size to shirts",
        ["{f} should be a integer", "{f} defaults to 3"],
    )
    assert peel("add a size to shirts, red or blue") is None
    assert modifier("max 40 chars") == "{f} should be at most 40 characters"
    assert modifier("blue") is None
