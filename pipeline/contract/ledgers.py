"""Counters a record keeps from the signed changes its nested records make: a ledger. No I/O.

`POST /items/{sku}/movements` with `{"delta": -5}` where the item answers a `quantity` the client
never sends and the movement answers `quantity_after`: each entry adds its change to the parent's
counter (which starts at 0), refused where the counter would pass below its floor (409 where the
entry declares 409), and the entry answers the counter it left. Deleting a parent whose counter
is not 0 answers 409 where the DELETE declares 409 (stock still there, money still on it).
`mark_ledgers` adds "ledger" to the entry's create plan, "zero" to the parent's create plan and
"settled" to the parent's DELETE plan (`pipeline.contract.patterns`)."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.schemas import Schemas, norm

# Suffixes of an entry's property that answers the parent's counter after it ("quantity_after").
_AFTER = ("after", "now", "new", "aftertransaction")
# Counters kept by other patterns (joins, views, children): never a ledger's.
_COUNTED = re.compile(r"(count|views|total|number|num)$")


def _integer(prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    return kind == "integer" or kind == "number" or (isinstance(kind, list) and "integer" in kind)


def _signed(prop: dict[str, Any]) -> bool:
    """An integer a client may send below zero (no minimum of 0 or more)."""
    low = prop.get("minimum")
    above = prop.get("exclusiveMinimum")  # 3.1: a number; 3.0: true beside a minimum
    if isinstance(above, int | float) and not isinstance(above, bool) and above >= 0:
        return False
    return _integer(prop) and not (isinstance(low, int | float) and low >= 0)


def _ledger(entry_create: str, parent_create: str, schemas: Schemas) -> dict[str, Any] | None:
    parent_body = schemas.body_of(parent_create)
    kept = {
        n: schemas.resolve(p)
        for n, p in schemas.answer_of(parent_create).items()
        if n not in parent_body and _integer(schemas.resolve(p)) and not _COUNTED.search(norm(n))
    }
    if not kept:
        return None
    body = {n: schemas.resolve(p) for n, p in schemas.body_of(entry_create).items()}
    signed = [n for n, p in body.items() if _signed(p)]
    sign = _kind_sign(body, schemas)
    if sign is not None:  # a positive `amount` and a `kind` that says which way it goes
        signed = [sign.pop("amount")]
    if len(signed) != 1:
        return None
    answered = schemas.answer_of(entry_create)
    after = {n: c for n in answered for c in kept if norm(n) in (norm(c) + s for s in _AFTER)}
    if after:
        name, counter = next(iter(after.items()))
    elif len(kept) == 1 and signed[0] not in kept:
        name, counter = "", next(iter(kept))
    else:
        return None
    low = kept[counter].get("minimum")
    found: dict[str, Any] = {"counter": counter, "delta": signed[0]}
    if sign is not None:
        found["sign"] = sign
    found["floor"] = low if isinstance(low, int | float) else None
    if name:
        found["after"] = name
    return found


# Values of an entry's kind that take away from the counter ("spend", "withdrawal", "out").
_TAKING = {"spend", "withdrawal", "withdraw", "debit", "out", "expense", "payment", "minus"}
_TAKING |= {"remove", "take", "outgoing", "charge", "use", "sale", "sell", "loss", "refund"}
_TAKES = r"(?:takes?|removes?|subtracts?|withdraws?|lowers?|reduces?|goes out|comes off)"


def _kind_sign(body: dict[str, Any], schemas: Schemas) -> dict[str, Any] | None:
    """{"amount", "field", "negative"} where an entry sends one positive number and a kind of
    two values, one of which the words (or its name) say takes away: "a `deposit` adds money,
    a `spend` takes it away"; else None."""
    numbers = [n for n, p in body.items() if _integer(p)]
    kinds = [n for n, p in body.items() if isinstance(p.get("enum"), list) and len(p["enum"]) == 2]
    if len(numbers) != 1 or len(kinds) != 1:
        return None
    values = [str(v) for v in body[kinds[0]]["enum"]]
    prose = str(schemas.doc.get(PROSE, ""))
    taking = [
        v
        for v in values
        if norm(v) in _TAKING or re.search(rf"`?\b{re.escape(v)}\b`?\s+{_TAKES}", prose, re.I)
    ]
    if len(taking) != 1:
        return None
    return {"amount": numbers[0], "field": kinds[0], "negative": taking}


def mark_ledgers(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Nested creates whose one signed integer changes a counter the parent keeps."""
    for op in ops:
        plan = plans.get(op.key) or {}
        parent = plan.get("parent") or {}
        if plan.get("pattern") != "create" or parent.get("collection") not in creates:
            continue
        ledger = _ledger(op.key, creates[parent["collection"]], schemas)
        if ledger is None:
            continue
        if ledger["floor"] is None and "409" in op.responses:
            ledger["floor"] = 0  # a conflict an entry can make: the counter passing below 0
        plan["ledger"] = ledger
        for other in ops:
            theirs = plans.get(other.key) or {}
            if theirs.get("collection") != parent["collection"]:
                continue
            if theirs.get("pattern") == "create":
                theirs.setdefault("zero", []).append(ledger["counter"])
            elif theirs.get("pattern") == "delete" and "409" in other.responses:
                theirs.setdefault("settled", []).append(ledger["counter"])
