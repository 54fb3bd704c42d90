"""What others add below a record every signed-in caller reads (`mark_shared_children`): the
codes its create declares say not below one's own (403), once per caller (409), and only while
the parent is in the state the words name ("not open"). Own documents, expected plans first."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import plan_operations
from pipeline.contract.document import PROSE


def _doc(parent: str, child: str, codes: dict[str, str], prose: str) -> dict[str, Any]:
    state = {"type": "string", "enum": ["open", "taken", "closed", "draft", "published"]}
    item = {"type": "object", "properties": {"title": {"type": "string"}, "status": state}}
    sent = {"type": "object", "properties": {"title": {"type": "string"}}}
    note = {"type": "object", "properties": {"message": {"type": "string"}}}
    body = {"content": {"application/json": {"schema": note}}}
    created = {"201": {"description": "made", "content": {"application/json": {"schema": item}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "security": [{"bearer": []}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            f"/{parent}": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": sent}}},
                    "responses": created,
                }
            },
            f"/{parent}/{{id}}/{child}": {
                "post": {
                    "requestBody": body,
                    "responses": {
                        "201": {"description": "ok", **body},
                        **{c: {"description": d} for c, d in codes.items()},
                    },
                }
            },
        },
        PROSE: prose,
    }


SHARED = "Every signed-in user sees all {p} (it is a board)."
CASES = [
    (
        {"not_own_parent": True, "once": True, "parent_state": {"status": "open"}},
        _doc(
            "requests",
            "offers",
            {"403": "Own request", "409": "Offered twice"},
            SHARED.format(p="requests") + " Offering on a request that is not open is 409.",
        ),
    ),
    (
        {"once": True, "parent_state": {"status": "published"}},
        _doc(
            "articles",
            "reviews",
            {"409": "Reviewed already, or the article is not published"},
            SHARED.format(p="articles"),
        ),
    ),
    (
        {"not_own_parent": True},
        _doc("listings", "bids", {"403": "Your own listing"}, SHARED.format(p="listings")),
    ),
    (
        {"once": True},
        _doc(
            "tasks",
            "claims",
            {"409": "Claimed already"},
            SHARED.format(p="tasks") + " A task that is no longer wanted is 410.",
        ),
    ),
    (  # the parent is its owner's alone: nothing of this applies
        {},
        _doc(
            "requests",
            "offers",
            {"403": "Own request", "409": "not open"},
            "Users only ever see their own requests.",
        ),
    ),
]


@pytest.mark.parametrize(("expected", "doc"), CASES)
def test_a_create_below_a_shared_record_reads_its_declared_codes(
    expected: dict[str, Any], doc: dict[str, Any]
) -> None:
    child = next(p for p in doc["paths"] if "{id}" in p)
    plan = plan_operations(doc)[f"POST {child}"]
    names = ("not_own_parent", "once", "parent_state")
    assert {k: plan[k] for k in names if k in plan} == expected
