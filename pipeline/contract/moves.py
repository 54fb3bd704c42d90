"""The order a record's status moves in, read from the words: a chain of its enum's values
("`pending` → `paid` → `shipped`", "open -> in_progress -> done", "from draft to published")
allows each value to move to the next one only. `mark_moves` adds "moves" ({property: {value:
[values it may move to]}}) to the plans that change the record and declare 409: a PATCH or PUT
that moves the status another way answers 409 (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.rollups import record_properties
from pipeline.contract.schemas import Schemas, words_of

_ARROW = r"\s*(?:→|->|=>|⟶|>|\bthen\b|\bto\b)\s*"
# Changes of the record the order binds; an action is often a shortcut past it ("pickup" from
# "received" straight to "picked_up"), so its verb alone decides.
_CHANGES = ("update", "replace")


def chains(texts: list[str], values: list[str]) -> dict[str, list[str]]:
    """{value: [values it may move to]} from chains of two or more of `values` joined by
    arrows ("a → b → c") or "from a to b"; {} where the words give none."""
    names = sorted({str(v) for v in values}, key=len, reverse=True)
    value = r"`?\b(" + "|".join(re.escape(n) for n in names) + r")\b`?"
    chain = re.compile(rf"{value}(?:{_ARROW}{value})+", re.I)
    moves: dict[str, list[str]] = {}
    for text in texts:
        text = re.sub(r"\s*\([^()]*\)", "", text)  # "-> `notified` (we emailed them) ->"
        for match in chain.finditer(text):
            said = re.findall(value, match.group(0), re.I)
            steps = [next(n for n in names if n.lower() == s.lower()) for s in said]
            for here, there in zip(steps, steps[1:], strict=False):
                if here != there and there not in moves.setdefault(here, []):
                    moves[here].append(there)
    return moves


def mark_moves(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    prose = str(schemas.doc.get(PROSE, ""))
    info = schemas.doc.get("info")
    texts = [prose, str(info.get("description", "")) if isinstance(info, dict) else ""]
    texts += [words_of(schemas.operation(op)) for op in ops]
    for collection, create in creates.items():
        props = record_properties(schemas, create)
        found: dict[str, dict[str, list[str]]] = {}
        for name, raw in props.items():
            prop = schemas.resolve(raw)
            enum = prop.get("enum")
            if not isinstance(enum, list) or len(enum) < 2:
                continue
            moves = chains([*texts, str(prop.get("description", ""))], [str(v) for v in enum])
            if moves:
                found[name] = moves
        if not found:
            continue
        for op in ops:
            plan = plans.get(op.key) or {}
            if plan.get("collection") != collection or plan.get("pattern") not in _CHANGES:
                continue
            if "409" in {str(c) for c in op.responses}:
                plan["moves"] = found
