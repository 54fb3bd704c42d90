"""Refinement kinds of issue 15, round 2, on a spec of our own: a status change allowed only
from some states said in words ("only becomes delivered after it was dispatched")."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
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
