"""Forms reviewers write requests in, read since the sixteenth session: smileys and praise around
a request, a role said as a need, enum values added with `+=` or "too", list features said of
one list, "X should be its own entity", plus and minus items, read access said with "readable by",
ownership by "whoever made it", "no two X share the same A and B". Phrasings written for these
tests (not taken from the corpus); each reading has a case beside it that must still ask or must
not change what it did."""

from __future__ import annotations

from pipeline.refine import refine_spec
from tests.refine.helpers import changed, start


def test_a_smiley_ends_a_sentence_and_praise_around_it_is_context() -> None:
    said = "looks solid overall :) could you make the isbn of books optional?"
    assert changed("library", said) == [
        {"op": "change_field", "entity": "Book", "field": "isbn", "required": False}
    ]
    vague = refine_spec(start("library"), "looks solid overall 👍")
    assert vague.questions and vague.spec == start("library")  # nothing to build: it asks


def test_a_role_said_as_a_need_and_a_role_renamed() -> None:
    assert changed("blog", "we'll also need a moderator role") == [
        {"op": "add_role", "role": "moderator"}
    ]
    renamed = changed("events", "rename the attendee role to guest")
    assert {"op": "remove_role", "role": "attendee"} in renamed
    assert {"op": "add_role", "role": "guest"} in renamed
    missing = refine_spec(start("events"), "rename the role speaker to host")
    assert missing.questions and "no speaker role" in missing.questions[0]


def test_roles_listed_after_a_colon_or_a_count() -> None:
    ops = changed("inventory", "switch on jwt auth with three roles, buyer, picker and auditor")
    assert [op["role"] for op in ops if op["op"] == "add_role"] == [
        "buyer",
        "picker",
        "auditor",
        "user",
    ]


def test_enum_values_added_with_plus_equals_too_or_an_option() -> None:
    said = "priority += someday"
    [op] = changed("todo", said)
    assert op["choices"] == ["low", "normal", "high", "someday"]
    [op] = changed("todo", "the priority should have `someday` too")
    assert op["choices"][-1] == "someday"
    not_enum = refine_spec(start("todo"), "the title should have emoji too")
    assert not any(  # a text field takes no values: this is no new choice
        "choices" in str(c) for c in not_enum.changes
    )


def test_a_list_feature_said_of_one_list() -> None:
    assert changed("events", "and let users filter the speaker list") == [
        {"op": "set_feature", "feature": "filtering", "value": True}
    ]
    already = refine_spec(start("events"), "pagination on")
    assert already.questions == ["Pagination is on already."]


def test_an_entity_made_of_a_field_then_linked_and_the_field_removed() -> None:
    said = (
        "- venue should be its own entity: name, city\n"
        "- each event happens at one venue\n"
        "- then the venue text on events can go"
    )
    ops = changed("events", said)
    assert {"op": "remove_field", "entity": "Event", "field": "venue"} in ops
    assert {
        "op": "add_relation",
        "kind": "many_to_one",
        "source": "Event",
        "target": "Venue",
    } in ops
    assert {
        "op": "add_entity",
        "entity": "Venue",
        "fields": {"name": "string", "city": "string"},
    } in ops


def test_plus_and_minus_items_under_an_entity() -> None:
    ops = changed("inventory", "Warehouse: +code (unique), -city")
    assert {"op": "remove_field", "entity": "Warehouse", "field": "city"} in ops
    assert {
        "op": "add_field",
        "entity": "Warehouse",
        "field": "code",
        "type": "string",
        "unique": True,
    } in ops
    nothing = refine_spec(start("inventory"), "Supplier: +code")
    assert nothing.questions  # no such entity: it asks


def test_read_access_said_with_readable_by() -> None:
    assert changed("helpdesk", "could replies be readable by any signed-in user?") == [
        {"op": "set_read", "entity": "Reply", "read": "signed_in"}
    ]
    public = refine_spec(
        start("blog"), "comments should be readable by anyone, even when logged out"
    )
    assert public.questions == ["Comment is readable by public already."]


def test_rows_owned_by_whoever_made_them_and_hidden_from_others() -> None:
    ops = changed(
        "helpdesk", "a reply belongs to whoever wrote it. other users must not see his replies"
    )
    assert {"op": "set_owner", "entity": "Reply", "owner": "user"} in ops
    assert {"op": "set_read", "entity": "Reply", "read": "owner"} in ops
    assert {"op": "add_relation", "kind": "many_to_one", "source": "Reply", "target": "User"} in ops


def test_only_the_user_who_did_it_may_see_the_rows() -> None:
    ops = changed("library", "only the user who made them can see loans")
    assert {"op": "set_read", "entity": "Loan", "read": "owner"} in ops
    assert {"op": "set_owner", "entity": "Loan", "owner": "user"} in ops


def test_a_role_named_like_a_link_is_the_role_where_it_was_just_made() -> None:
    ops = changed("clinic", "add a role doctor, and only doctors can delete appointments")
    assert {"op": "add_permission", "entity": "Appointment", "actions": ["delete"],
            "roles": ["doctor"]} in ops  # fmt: skip
    asks = refine_spec(start("clinic"), "only the doctor can delete appointments")
    assert asks.questions  # no doctor role: the link to Doctor signs nobody in


def test_no_two_rows_share_the_same_pair() -> None:
    assert changed("library", "no two books may have the same title and the same isbn") == [
        {
            "op": "add_rule",
            "rule": {"kind": "unique", "entity": "Book", "fields": ["isbn", "title"]},
        }
    ]
    statement = refine_spec(start("library"), "two books have the same title and isbn")
    assert statement.questions  # how things are, not a rule


def test_a_range_then_optional_keeps_the_range() -> None:
    ops = changed("helpdesk", "tickets need an effort score from 1 to 8, it is optional")
    assert {
        "op": "add_field",
        "entity": "Ticket",
        "field": "effort_score",
        "type": "integer",
        "required": False,
    } in ops
    assert {"op": "add_rule", "rule": {"kind": "range", "entity": "Ticket",
            "field": "effort_score", "min": 1, "max": 8}} in ops  # fmt: skip


def test_the_default_said_inside_the_values_and_a_type_said_after() -> None:
    [op] = changed("library", "members need a tier (basic or gold, basic by default)")
    assert op["choices"] == ["basic", "gold"] and op["default"] == "basic"
    [op] = changed("shop", "products need a `volume_l`, decimal is fine")
    assert op["type"] == "decimal" and op["field"] == "volume_l"


def test_an_entity_said_alone_first_is_made_before_the_sentence_that_used_it() -> None:
    said = "could books have genres? a genre has a name, a book can have many genres and a genre can be on many books"
    ops = changed("library", said)
    assert {"op": "add_entity", "entity": "Genre", "fields": {"name": "string"}} in ops
    assert {
        "op": "add_relation",
        "kind": "many_to_many",
        "source": "Book",
        "target": "Genre",
    } in ops
    assert not any(op.get("field") == "genres" for op in ops)  # no text field beside it


def test_a_many_to_many_said_again_from_the_other_side_is_one_link() -> None:
    said = "link warehouses and products many-to-many. products and warehouses are many to many"
    assert changed("inventory", said) == [
        {"op": "add_relation", "kind": "many_to_many", "source": "Warehouse", "target": "Product"}
    ]
    named = changed("inventory", "link warehouses and products many-to-many")
    assert len(named) == 1  # and a named second link beside it stays possible (not this reading)


def test_while_you_are_at_it_leads_to_a_request() -> None:
    said = "make task notes optional, and while you're at it rename `done` on tasks to `finished`"
    ops = changed("todo", said)
    assert {"op": "rename_field", "entity": "Task", "field": "done", "to": "finished"} in ops
    assert len(ops) == 2


def test_login_said_with_jwt_in_brackets_or_behind() -> None:
    for said in ("turn on login (jwt)", "put this behind jwt login"):
        assert changed("inventory", said) == [{"op": "set_auth", "auth": "jwt"}]


def test_lists_made_filterable_and_wishes_said_as_nice_to_have() -> None:
    for said in ("make the warehouse list filterable", "it'd be nice to filter the product list",
                 "filter products by name"):  # fmt: skip
        assert changed("todo", said) == [
            {"op": "set_feature", "feature": "filtering", "value": True}
        ]
    [op] = changed("todo", "it would be great if we could add a colour to tasks")
    assert op["op"] == "add_field" and op["entity"] == "Task"


def test_a_role_that_can_do_something_and_let_only() -> None:
    ops = changed("blog", "add a curator role that can delete posts together with admins")
    assert {"op": "add_role", "role": "curator"} in ops
    [perm] = [op for op in ops if op["op"] == "add_permission"]
    assert perm["entity"] == "Post" and perm["actions"] == ["delete"]
    assert sorted(perm["roles"]) == ["admin", "curator"]
    ops = changed("library", "add a clerk role and let only clerks create members")
    assert {
        "op": "add_permission",
        "entity": "Member",
        "actions": ["create"],
        "roles": ["clerk"],
    } in ops


def test_a_length_said_of_an_entity_with_one_text_field_and_a_floor_of_zero() -> None:
    assert changed("helpdesk", "replies should also be at most 2000 characters") == [
        {
            "op": "add_rule",
            "rule": {"kind": "length", "entity": "Reply", "field": "body", "max": 2000},
        }
    ]
    two_texts = refine_spec(start("blog"), "posts should be at most 2000 characters")
    assert two_texts.questions  # a title and a body: which one is not guessed
    assert changed("shop", "make sure the price never drops below zero") == [
        {
            "op": "add_rule",
            "rule": {"kind": "range", "entity": "Product", "field": "price", "min": 0},
        }
    ]


def test_bullets_under_a_heading_that_names_an_entity() -> None:
    said = "On the `Book` model:\n- `isbn` should be optional\n- `subtitle` (string)\n- `pages` at least 1"
    ops = changed("library", said)
    assert {"op": "change_field", "entity": "Book", "field": "isbn", "required": False} in ops
    assert {"op": "add_field", "entity": "Book", "field": "subtitle", "type": "string"} in ops
    assert len(ops) == 3
    unnamed = refine_spec(start("library"), "Some thoughts:\n- `subtitle` (string)")
    assert unnamed.questions  # no entity named: the field is not guessed onto one


def test_a_chain_of_states_is_one_transition_per_arrow() -> None:
    ops = changed("shop", "order status: pending -> shipped -> received")
    assert [(op["rule"]["from"], op["rule"]["to"]) for op in ops] == [
        (["pending"], "shipped"),
        (["shipped"], "received"),
    ]
    assert changed("shop", "rename placed_at -> ordered_at") == [
        {"op": "rename_field", "entity": "Order", "field": "placed_at", "to": "ordered_at"}
    ]  # one arrow between two names that are no states is a rename still


def test_access_restricted_in_gerunds_and_visible_to_signed_in_only() -> None:
    ops = changed("library", "make authors visible to signed-in users only, and restrict "
                  "creating and deleting authors to librarians")  # fmt: skip
    assert {"op": "set_read", "entity": "Author", "read": "signed_in"} in ops
    assert {"op": "add_permission", "entity": "Author", "actions": ["create", "delete"],
            "roles": ["librarian"]} in ops  # fmt: skip


def test_run_on_a_database_and_two_fields_both_optional() -> None:
    assert changed("shop", "can this run on sqlite instead?") == [
        {"op": "set_database", "database": "sqlite"}
    ]
    ops = changed("helpdesk", "tickets: add `closed_at` and `reopened_at`, both optional datetimes")
    assert [(op["field"], op["type"], op["required"]) for op in ops] == [
        ("closed_at", "datetime", False),
        ("reopened_at", "datetime", False),
    ]


def test_a_dotted_field_with_its_type_and_a_pair_in_brackets() -> None:
    assert changed("inventory", "`Warehouse.code`: uuid") == [
        {"op": "add_field", "entity": "Warehouse", "field": "code", "type": "uuid"}
    ]
    ops = changed("events", "Events: the pair (title, start_time) must be unique")
    assert ops == [
        {"op": "add_rule", "rule": {"kind": "unique", "entity": "Event",
                                    "fields": ["start_time", "title"]}}  # fmt: skip
    ]


def test_states_said_as_where_each_can_go_and_what_is_final() -> None:
    said = "open can go to pending, open or pending can go to resolved. Closed is final."
    ops = changed("helpdesk", said)
    assert [(op["rule"]["from"], op["rule"]["to"]) for op in ops] == [
        (["open"], "pending"),
        (["open", "pending"], "resolved"),
    ]
    ops = changed("clinic", "a booked appointment should be able to become completed or cancelled")
    assert sorted(op["rule"]["to"] for op in ops) == ["cancelled", "completed"]
    not_states = refine_spec(start("helpdesk"), "agents can go to lunch")
    assert not_states.questions  # no values of one enum: no rule


def test_people_who_are_logged_in_read_them() -> None:
    said = "only people who are logged in should be able to read replies at all"
    assert changed("helpdesk", said) == [{"op": "set_read", "entity": "Reply", "read": "signed_in"}]


def test_a_value_added_in_its_place_a_default_said_first_and_a_pair_with_a_plus() -> None:
    [op] = changed("helpdesk", "add `on_hold` to the ticket status choices, right after pending")
    assert op["choices"] == ["open", "pending", "on_hold", "resolved", "closed"]
    nowhere = refine_spec(
        start("helpdesk"), "add on_hold to the ticket status choices right between waiting and done"
    )
    assert nowhere.questions  # no value called waiting: the place is not guessed
    [op] = changed("todo", "default priority high")
    assert op == {"op": "change_field", "entity": "Task", "field": "priority", "default": "high"}
    [op] = changed("library", "make member + book unique together on loans")
    assert op["rule"] == {"kind": "unique", "entity": "Loan", "fields": ["book", "member"]}
    assert changed("shop", "placed_at -> ordered_at, clearer") == [
        {"op": "rename_field", "entity": "Order", "field": "placed_at", "to": "ordered_at"}
    ]


def test_a_chain_with_branches_is_read_as_the_issue_parser_reads_it() -> None:
    # the arrows are read by pipeline.parse.transitions.arrow_steps, as in an issue text
    ops = changed(
        "helpdesk", "ticket status: open → pending, then pending → resolved or pending → closed"
    )
    assert sorted((op["rule"]["from"], op["rule"]["to"]) for op in ops) == [
        (["open"], "pending"),
        (["pending"], "closed"),
        (["pending"], "resolved"),
    ]
