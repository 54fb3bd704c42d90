"""Kinds of reviewer sentences the refinement readers missed (issue 15), each proven by short
texts written for these tests: permissions read by the issue parser when the readers cannot,
relative clauses and postfix defaults after a new field, "there should be X on Y", a property
before a type in parentheses, "we also need Xs with ...", "deleting X is restricted to R"."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.spec import ProjectSpec

START = Path(__file__).resolve().parents[1] / "corpus" / "refine" / "start"


def _ops(start: str, said: str) -> list[dict[str, object]]:
    spec = ProjectSpec.from_yaml((START / f"{start}.yaml").read_text())
    done = refine_spec(spec, said)
    assert not done.questions, done.questions
    return spec_operations(spec, done.spec)


def test_a_permission_the_readers_miss_is_read_by_the_issue_parser() -> None:
    assert _ops("library", "librarians alone can delete members") == [
        {"op": "add_permission", "entity": "Member", "actions": ["delete"], "roles": ["librarian"]}
    ]


def test_a_permission_read_by_the_parser_brings_auth_and_its_new_role() -> None:
    ops = _ops("inventory", "managers alone may edit warehouses")
    assert {"op": "set_auth", "auth": "jwt"} in ops
    assert {"op": "add_role", "role": "manager"} in ops
    assert {
        "op": "add_permission", "entity": "Warehouse", "actions": ["update"], "roles": ["manager"]
    } in ops  # fmt: skip


def test_a_bare_role_without_its_action_is_not_taken_from_the_parser() -> None:
    spec = ProjectSpec.from_yaml((START / "library.yaml").read_text())
    done = refine_spec(spec, "admins should be the only ones allowed to delete members")
    assert done.questions and done.spec == spec


@pytest.mark.parametrize(
    "said",
    ["orders have a gift note, which is optional", "add a gift note to orders, which is optional"],
)
def test_which_is_optional_after_a_field_is_said_of_that_field(said: str) -> None:
    assert _ops("shop", said) == [
        {"op": "add_field", "entity": "Order", "field": "gift_note", "type": "text",
         "required": False}  # fmt: skip
    ]


def test_which_defaults_to_after_a_field_is_its_default() -> None:
    assert _ops("shop", "customers get a nickname, which defaults to anon") == [
        {"op": "add_field", "entity": "Customer", "field": "nickname", "type": "string",
         "default": "anon"}  # fmt: skip
    ]


@pytest.mark.parametrize(
    "said",
    [
        "customers have a membership level: basic, plus or pro, basic by default",
        "customers can have a membership level: basic, plus or pro, basic by default",
    ],
)
def test_a_default_said_after_the_values_is_the_enums_default(said: str) -> None:
    assert _ops("shop", said) == [
        {"op": "add_field", "entity": "Customer", "field": "membership_level", "type": "enum",
         "choices": ["basic", "plus", "pro"], "default": "basic"}  # fmt: skip
    ]


def test_there_should_be_a_field_on_an_entity() -> None:
    assert _ops("helpdesk", "there should be a happiness score on tickets, from 1 to 5") == [
        {"op": "add_field", "entity": "Ticket", "field": "happiness_score", "type": "integer"},
        {"op": "add_rule", "rule": {"kind": "range", "entity": "Ticket",
                                    "field": "happiness_score", "min": 1.0, "max": 5.0}},
    ]  # fmt: skip


@pytest.mark.parametrize("said", ["add archived_at (optional datetime) to posts",
                                  "posts have an archived_at (optional datetime)"])  # fmt: skip
def test_a_property_before_the_type_in_parentheses_is_kept(said: str) -> None:
    assert _ops("blog", said) == [
        {"op": "add_field", "entity": "Post", "field": "archived_at", "type": "datetime",
         "required": False}  # fmt: skip
    ]


@pytest.mark.parametrize(
    "said",
    ["we also need carriers with a name and a tracking url",
     "we need a carrier entity with a name and a tracking url"],
)  # fmt: skip
def test_we_also_need_things_with_fields_is_a_new_entity(said: str) -> None:
    assert _ops("inventory", said) == [
        {
            "op": "add_entity",
            "entity": "Carrier",
            "fields": {"name": "string", "tracking_url": "url"},
        }
    ]


@pytest.mark.parametrize(
    ("said", "action"),
    [("Removing a loan should be restricted to librarians.", "delete"),
     ("editing loans is limited to librarians", "update")],
)  # fmt: skip
def test_doing_something_restricted_to_a_role_is_a_permission(said: str, action: str) -> None:
    assert _ops("library", said) == [
        {"op": "add_permission", "entity": "Loan", "actions": [action], "roles": ["librarian"]}
    ]
