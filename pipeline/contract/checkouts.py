"""Nested records that stay open until an action ends them: a loan of a tool until it is
returned ("returned_at", null while out), a stay in a room until checked in, a session until
ended. Read from the nested record's answer: a date it does not send whose name is an ending
verb's past ("returned_at", "ended_at", "closed_on"). `mark_checkouts` adds to the plans
(`pipeline.contract.patterns`):

- "one_open" on the nested create that declares 409: no second open one under the same record;
- "open_children" on every plan answering the record above: its read-only yes/no property
  that says whether it is free ("available": none open) or taken ("lent_out": one open);
- "parent_owner_too" on an action that ends one and declares 403, below a record everyone
  reads: the owner of the record above may do it too ("the borrower or the tool's owner").
No I/O."""

from __future__ import annotations

from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.rollups import ANSWERING, record_properties
from pipeline.contract.schemas import Schemas, norm

# Past forms of the verbs that end a nested record, as its end date's name begins.
_ENDS = (
    "returned",
    "ended",
    "closed",
    "finished",
    "completed",
    "checkedin",
    "checkedout",
    "released",
    "resolved",
    "stopped",
    "vacated",
    "cancelled",
    "canceled",
    "handedback",
    "broughtback",
)
# A record's yes/no property that says it has no open nested record ...
_FREE = ("available", "isavailable", "free", "isfree", "vacant", "idle", "instock", "athome")
# ... or that it has one.
_TAKEN: tuple[str, ...] = ("lentout", "checkedout", "out", "busy", "inuse", "borrowed")
_TAKEN += ("occupied", "onloan", "taken", "islent", "lent", "isborrowed", "isout")


def end_of(schemas: Schemas, create: str) -> str:
    """The date a nested record gets when it is ended ("returned_at"), or ""."""
    sent = schemas.body_of(create)
    for name, raw in schemas.answer_of(create).items():
        prop = schemas.resolve(raw)
        if (name in sent and not prop.get("readOnly")) or prop.get("format") not in (
            "date",
            "date-time",
        ):
            continue
        if any(norm(name).startswith(word) for word in _ENDS):
            return name
    return ""


def _declared(schemas: Schemas, key: str) -> set[str]:
    """The status codes the operation "METHOD /path" declares."""
    method, path = key.split(" ", 1)
    raw = schemas.operation(ApiOperation(method=method, path=path))
    return {str(code) for code in schemas.resolve(raw.get("responses"))}


def mark_checkouts(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    for child, create in creates.items():
        if child.count("/{}/") == 0:
            continue
        end = end_of(schemas, create)
        parent = child.rsplit("/{}/", 1)[0]
        if not end or parent not in creates:
            continue
        plan = plans.get(create) or {}
        if plan.get("pattern") == "create" and "409" in _declared(schemas, create):
            plan["one_open"] = end
            plan.pop("once", None)  # (the 409 is for an open one, not for a second ever)
        answering = [
            key
            for key, p in plans.items()
            if p.get("collection") == parent and p.get("pattern") in ANSWERING
        ]
        props: dict[str, Any] = {}
        for key in [creates[parent], *answering]:
            props.update(record_properties(schemas, key))
        sent = {
            n
            for n, p in schemas.body_of(creates[parent]).items()
            if not schemas.resolve(p).get("readOnly")
        }
        flags = {
            name: [child, end, norm(name) in _TAKEN]
            for name, raw in props.items()
            if name not in sent
            and schemas.resolve(raw).get("type") == "boolean"
            and norm(name) in _FREE + _TAKEN
        }
        for key in answering:
            if flags:
                plans[key].setdefault("open_children", {}).update(flags)
        for key, p in plans.items():
            if (
                p.get("collection") == child
                and p.get("pattern") == "transition"
                and end in p.get("stamp", [])
                and (p.get("parent") or {}).get("shared")
                and "403" in _declared(schemas, key)
            ):
                p["parent_owner_too"] = True
