"""A record's counter kept by the signed changes of its nested entries (`mark_ledgers`): stock
moved by movements, a balance by transactions, points by awards. Own documents, expected plans
first. Pure: documents in, plans out."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import plan_operations


def _object(props: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"type": "object", "properties": props}}}}


def _doc(
    parent: str,
    sent: dict[str, Any],
    kept: dict[str, Any],
    child: str,
    entry: dict[str, Any],
    answered: dict[str, Any],
    *,
    conflicts: bool = True,
) -> dict[str, Any]:
    made = {"201": {"description": "made", **_object(answered)}}
    if conflicts:
        made["409"] = {"description": "refused"}
    gone = {"204": {"description": "gone"}, "409": {"description": "not settled"}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            f"/{parent}": {
                "post": {
                    "requestBody": _object(sent),
                    "responses": {"201": {"description": "ok", **_object({**sent, **kept})}},
                }
            },
            f"/{parent}/{{id}}": {"delete": {"responses": gone}},
            f"/{parent}/{{id}}/{child}": {
                "post": {"requestBody": _object(entry), "responses": made}
            },
        },
    }


TEXT = {"type": "string"}
INT = {"type": "integer"}
AT_LEAST_0 = {"type": "integer", "minimum": 0, "readOnly": True}

# (document, expected ledger of the entry's create: counter, delta, floor, after)
CASES = [
    (
        _doc(
            "items",
            {"name": TEXT},
            {"quantity": AT_LEAST_0},
            "movements",
            {"delta": INT, "reason": TEXT},
            {"delta": INT, "quantity_after": INT},
        ),
        {"counter": "quantity", "delta": "delta", "floor": 0, "after": "quantity_after"},
    ),
    (
        _doc(
            "accounts",
            {"owner": TEXT},
            {"balance": INT},
            "transactions",
            {"amount": {"type": "number"}, "memo": TEXT},
            {"amount": INT, "balanceAfter": INT},
        ),
        {"counter": "balance", "delta": "amount", "floor": 0, "after": "balanceAfter"},
    ),
    (
        _doc(
            "players",
            {"nick": TEXT},
            {"points": INT},
            "awards",
            {"change": INT},
            {"change": INT},
            conflicts=False,
        ),
        {"counter": "points", "delta": "change", "floor": None},
    ),
    (
        _doc(
            "bins",
            {"label": TEXT},
            {"on_hand": {"type": "integer", "minimum": 0}},
            "adjustments",
            {"by": INT, "note": TEXT},
            {"by": INT, "on_hand_now": INT},
        ),
        {"counter": "on_hand", "delta": "by", "floor": 0, "after": "on_hand_now"},
    ),
    (  # a count of the children is kept by another pattern, and an unsigned amount adds up
        _doc(
            "posts",
            {"title": TEXT},
            {"comment_count": INT},
            "comments",
            {"text": TEXT},
            {"text": TEXT},
        ),
        None,
    ),
    (  # two signed numbers in the entry: which one moves the counter is not said
        _doc("tanks", {"name": TEXT}, {"level": INT}, "readings", {"x": INT, "y": INT}, {"x": INT}),
        None,
    ),
]


@pytest.mark.parametrize(("doc", "ledger"), CASES)
def test_an_entrys_signed_change_moves_its_parents_counter(
    doc: dict[str, Any], ledger: dict[str, Any] | None
) -> None:
    plans = plan_operations(doc)
    parent, child = (p for p in doc["paths"] if "{id}" not in p or p.count("/") == 3)
    entry = plans[f"POST {child}"]
    assert entry.get("ledger") == ledger
    counter = [ledger["counter"]] if ledger else None
    assert plans[f"POST {parent}"].get("zero") == counter
    assert plans[f"DELETE {parent}/{{id}}"].get("settled") == counter
