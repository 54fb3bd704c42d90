"""A record that holds a number of the records made below it, read from its properties and the
words: a bus with a `capacity` of pupil seats, its riders made at `POST /buses/{id}/riders`,
"when the bus is full it is 409", and `seats_left` = capacity - riders. No I/O.

`mark_capacities` adds "capacity" ({"field": the parent's capacity}) to the plan of a nested
create that declares 409 where its words say the parent is full, and "left_of" ({"seats_left":
[capacity, child collection]}) to every plan answering the parent's records
(`pipeline.contract.patterns`). Members who join without a body are `memberships`' part.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation, sentences
from pipeline.contract.rollups import ANSWERING
from pipeline.contract.schemas import Schemas, nested_below, norm, words_of

# Properties that bound how many records may be below one ("capacity", "max_riders", "seats").
_CAPACITY = ("capacity", "seats", "places", "slots", "size", "limit", "maxsize")
# Words that, in a property's name, say how many are still free ("seats_left").
_LEFT = ("left", "remaining", "free", "open")
_FULL = re.compile(r"\b(?:full|no (?:seats?|places?|room|space) left|capacity)\b", re.I)


def mark_capacities(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    """Nested creates refused when their parent is full; what the parent still has free."""
    said_all = sentences(str(schemas.doc.get(PROSE, "")))
    for collection, create in creates.items():
        sent = {
            n: schemas.resolve(p)
            for n, p in schemas.body_of(create).items()
            if not schemas.resolve(p).get("readOnly")
        }
        capacity = next(
            (
                n
                for n, p in sent.items()
                if p.get("type") == "integer"
                and (norm(n) in _CAPACITY or norm(n).startswith("max"))
            ),
            None,
        )
        if capacity is None:
            continue
        answered = {n: schemas.resolve(p) for n, p in schemas.answer_of(create).items()}
        left = [
            n
            for n, p in answered.items()
            if n not in sent and p.get("type") in ("integer", None) and _names_left(n)
        ]
        for child in nested_below(collection, creates):
            child_create = creates[child]
            method, path = child_create.split(" ", 1)
            plan = plans.get(child_create) or {}
            word = path.rstrip("/").rsplit("/", 1)[-1]
            answers = schemas.resolve(
                schemas.operation(ApiOperation(method=method, path=path)).get("responses")
            )
            refusal = next((a for code, a in answers.items() if str(code) == "409"), None)
            conflict = words_of(schemas.resolve(refusal)) if refusal is not None else ""
            said = [t for t in said_all if path in t or re.search(rf"\b{word}", t, re.I)]
            if refusal is not None and (
                _FULL.search(conflict) or any(_FULL.search(t) and "409" in t for t in said)
            ):
                plan["capacity"] = {"field": capacity}
            if left:
                for plan in plans.values():
                    if plan.get("collection") == collection and plan.get("pattern") in ANSWERING:
                        plan.setdefault("left_of", {}).update({n: [capacity, child] for n in left})
            break  # the first collection below it is the one its capacity bounds


# "a queue holds at most **5** people", "up to 4 members per team", "max. 3"
_AT_MOST = re.compile(
    r"\b(?:at most|up to|no more than|max(?:imum)?\.?(?: of)?|holds?|takes?)\s+\**(\d{1,4})\**"
    r"(?!\s*(?:%|cm|mm|kg|km|m\b|minutes?|hours?|days?|chars?|characters?))",
    re.I,
)


def mark_fixed_capacities(
    ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas
) -> None:
    """Nested creates declaring 409 whose words give how many may be below one record, as a
    number ("a queue holds at most **5** people (the 6th gets 409)"): {"capacity": {"count":
    5}}, where no property holds the bound."""
    said_all = sentences(str(schemas.doc.get(PROSE, "")))
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") != "create" or not plan.get("parent") or "capacity" in plan:
            continue
        if "409" not in op.responses:
            continue
        word = op.path.rstrip("/").rsplit("/", 1)[-1]
        stem = re.escape(word[:-1] if word.endswith("s") else word)
        for text in (t for t in said_all if re.search(rf"\b{stem}", t, re.I) and "409" in t):
            found = _AT_MOST.search(text)
            if found and int(found.group(1)) > 0:
                plan["capacity"] = {"count": int(found.group(1))}
                break


def _names_left(name: str) -> bool:
    words = re.split(r"[_\W]+|(?<=[a-z])(?=[A-Z])", name)
    return any(w.lower() in _LEFT for w in words) and len(words) > 1
