"""Refinement kinds of issue 15, round 2, on a spec of our own: a status change allowed only
from some states said in words ("only becomes delivered after it was dispatched")."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.refine.leadins import announces
from pipeline.refine.takeback import respelled
from pipeline.spec import ProjectSpec

PARCELS = """
version: 1
name: parcels-api
title: Parcels
description: Parcels are sent and claims are filed for lost ones.
domain: logistics
entities:
- name: User
  fields:
  - name: email
    type: email
    unique: true
- name: Parcel
  fields:
  - name: label
  - name: weight
    type: decimal
  - name: status
    type: enum
    default: created
    choices: [created, dispatched, delivered, returned]
  - name: note
    type: text
    required: false
- name: Claim
  fields:
  - name: reason
    type: text
  - name: state
    type: enum
    default: filed
    choices: [filed, reviewed, approved, rejected, paid]
relations:
- kind: many_to_one
  source: Claim
  target: Parcel
auth: jwt
roles: [admin, user]
default_role: user
"""


def parcels() -> ProjectSpec:
    return ProjectSpec.from_yaml(PARCELS)


def changed(text: str) -> list[dict[str, Any]]:
    spec = parcels()
    done = refine_spec(spec, text)
    assert not done.questions, done.questions
    return spec_operations(spec, done.spec)


def _transition(entity: str, field: str, froms: list[str], to: str) -> dict[str, Any]:
    rule = {"kind": "transition", "entity": entity, "field": field, "from": froms, "to": to}
    return {"op": "add_rule", "rule": rule}


@pytest.mark.parametrize(
    ("text", "entity", "field", "froms", "to"),
    [
        ("A parcel should only become delivered after it has been dispatched.",
         "Parcel", "status", ["dispatched"], "delivered"),
        ("parcels can only be returned once they are delivered",
         "Parcel", "status", ["delivered"], "returned"),
        ("Could we make sure a claim is only approvable when it's reviewed?",
         "Claim", "state", ["reviewed"], "approved"),
        ("a claim may be rejected only if it is filed or reviewed",
         "Claim", "state", ["filed", "reviewed"], "rejected"),
        ("claims should only get approved while they're still reviewed",
         "Claim", "state", ["reviewed"], "approved"),
    ],
)  # fmt: skip
def test_a_state_allowed_only_after_others_is_a_transition(
    text: str, entity: str, field: str, froms: list[str], to: str
) -> None:
    assert changed(text) == [_transition(entity, field, froms, to)]


@pytest.mark.parametrize(
    "text",
    [
        "parcels are only delivered after lunch",  # no state to come from
        "only admins can see a claim when it is paid",  # a state, but no state it goes to
    ],
)
def test_a_condition_without_two_states_is_no_transition(text: str) -> None:
    spec = parcels()
    done = refine_spec(spec, text)
    rules = [op for op in spec_operations(spec, done.spec) if op.get("op") == "add_rule"]
    assert not any(op["rule"]["kind"] == "transition" for op in rules)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some thoughts after reading through the schema:\n- parcels need a `tracking_code` "
         "(string)\n- the claim reason can be optional",
         [{"op": "add_field", "entity": "Parcel", "field": "tracking_code", "type": "string"},
          {"op": "change_field", "entity": "Claim", "field": "reason", "required": False}]),
        ("ok, a couple of remarks from the support desk: rename label to title, and make the "
         "note required",
         [{"op": "rename_field", "entity": "Parcel", "field": "label", "to": "title"},
          {"op": "change_field", "entity": "Parcel", "field": "note", "required": True}]),
        ("Review feedback:\n\nparcels should have a `fragile` flag (default false).",
         [{"op": "add_field", "entity": "Parcel", "field": "fragile", "type": "boolean",
           "default": False}]),
    ],
)  # fmt: skip
def test_a_line_announcing_notes_before_a_colon_is_context(
    text: str, expected: list[dict[str, Any]]
) -> None:
    assert sorted(changed(text), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("said", "names", "announced"),
    [
        ("Review notes", frozenset(), True),
        ("Couple of things after going through the models", frozenset(), True),
        ("hmm, a few changes", frozenset(), True),
        ("comments", frozenset({"comments"}), False),  # "comments: soft delete" names an entity
        ("notes should be required", frozenset(), False),  # asks something itself
    ],
)
def test_announces_only_words_that_name_what_follows(
    said: str, names: frozenset[str], announced: bool
) -> None:
    assert announces(said, names) is announced


@pytest.mark.parametrize(
    "text",
    [
        "give parcels a `attempts` integer that defaults to 0",
        "add an attempts integer to parcels which defaults to 0",
        "parcels need an `attempts` count that should default to 0",
    ],
)
def test_a_default_said_as_a_relative_clause_is_the_new_fields_default(text: str) -> None:
    assert changed(text) == [
        {"op": "add_field", "entity": "Parcel", "field": "attempts", "type": "integer",
         "default": 0}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rename Parcel.label to tilte — sorry, title",
         {"op": "rename_field", "entity": "Parcel", "field": "label", "to": "title"}),
        ("add a `deliverd_at` datetime to parcels. sorry: delivered_at",
         {"op": "add_field", "entity": "Parcel", "field": "delivered_at", "type": "datetime"}),
        ("rename the claim reason to explantion, sorry, explanation",
         {"op": "rename_field", "entity": "Claim", "field": "reason", "to": "explanation"}),
    ],
)  # fmt: skip
def test_a_name_spelled_again_after_sorry_fixes_the_name_just_given(
    text: str, expected: dict[str, Any]
) -> None:
    assert changed(text) == [expected]


def test_a_different_word_after_sorry_is_no_new_spelling() -> None:
    assert respelled("weight", "tilte") is None
    assert respelled("title", "tilte") == "title"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remove `note` from Parcel. We don't need it.",
         [{"op": "remove_field", "entity": "Parcel", "field": "note"}]),
        ("can we drop the note on parcels? nobody reads it, parcels don't need it.",
         [{"op": "remove_field", "entity": "Parcel", "field": "note"}]),
        ("We don't need claims anymore, drop them. And the parcel note should be required.",
         [{"op": "remove_entity", "entity": "Claim"},
          {"op": "remove_relation", "source": "Claim", "target": "Parcel"},
          {"op": "change_field", "entity": "Parcel", "field": "note", "required": True}]),
        ("we no longer need claims, so please remove them",
         [{"op": "remove_entity", "entity": "Claim"},
          {"op": "remove_relation", "source": "Claim", "target": "Parcel"}]),
    ],
)  # fmt: skip
def test_it_or_them_in_a_removal_is_what_was_named_or_removed_just_before(
    text: str, expected: list[dict[str, Any]]
) -> None:
    assert sorted(changed(text), key=str) == sorted(expected, key=str)


def test_removing_it_with_nothing_removed_before_is_still_a_question() -> None:
    assert refine_spec(parcels(), "We don't need it.").questions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Add a `late` flag on parcels. It should be computed from the status, not set by hand.",
         [{"op": "add_field", "entity": "Parcel", "field": "late", "type": "boolean",
           "default": False},
          {"op": "add_rule", "rule": {"kind": "computed", "entity": "Parcel", "field": "late"}}]),
        ("the weight of parcels should be calculated by the scale service",
         [{"op": "add_rule", "rule": {"kind": "computed", "entity": "Parcel", "field": "weight"}}]),
        ("the label of a parcel is always derived, clients never send it",
         [{"op": "add_rule", "rule": {"kind": "computed", "entity": "Parcel", "field": "label"}}]),
    ],
)  # fmt: skip
def test_a_field_named_as_the_f_of_e_can_be_computed(
    text: str, expected: list[dict[str, Any]]
) -> None:
    assert sorted(changed(text), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("said", "role"),
    [
        ("add auth with a `manager` role", "manager"),
        ("turn on login with an auditor role", "auditor"),
        ("enable authentication with roles: clerk", "clerk"),
    ],
)
def test_auth_with_a_role_turns_auth_on_and_adds_the_role(said: str, role: str) -> None:
    spec = ProjectSpec.from_yaml(
        "name: stock\nentities:\n  - name: Warehouse\n    fields:\n      - {name: name, type: string}\n"
    )
    done = refine_spec(spec, said)
    assert not done.questions
    assert done.spec.auth.value == "jwt" and role in done.spec.roles
    assert [e.name for e in done.spec.entities if e.name not in ("User", "Warehouse")] == []


@pytest.mark.parametrize(
    "said",
    [
        "We're deploying on a tiny box, please use SQLite.",
        "Our ops team moved everything to small servers, please use sqlite",
    ],
)
def test_a_remark_before_please_is_context(said: str) -> None:
    spec = ProjectSpec.from_yaml(
        "name: stock\nentities:\n  - name: Warehouse\n    fields:\n      - {name: name, type: string}\n"
    )
    done = refine_spec(spec, said)
    assert not done.questions, done.questions
    assert done.spec.database.value == "sqlite"
