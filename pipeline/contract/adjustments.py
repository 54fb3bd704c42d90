"""Actions on an item that move its counts by an amount the body sends: "POST /items/{id}/sell
with `{"quantity": 2}`: stock goes down by that much and `sold` goes up; not enough stock, 409".
Read from the words that name the path and from the verb ("sold" of "sell" goes up). No I/O.

`adjustment(op, word, collection, ...)` -> {"count": {"stock": -1, "sold": 1}, "by": "quantity"}
or {}; the runtime multiplies each step by the amount sent, refuses a count passing below 0 (409
where declared) and changes nothing then. `mark_adjusted` starts those counts at 0 on create.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.actions import PARTICIPLES
from pipeline.contract.document import ApiOperation
from pipeline.contract.listing import prose_naming_path
from pipeline.contract.schemas import Schemas, is_number, norm, spoken, words_of

_DOWN = r"(?:goes down|go down|decreases?|drops?|falls?|is reduced|is lowered|shrinks?|is taken)"
_UP = r"(?:goes up|go up|increases?|grows?|rises?|is raised|is increased)"
_LOWER = r"(?:reduces?|decreases?|lowers?|subtracts? from|takes? (?:it )?(?:off|from))"
_RAISE = r"(?:increases?|raises?|adds? (?:it )?to|bumps?)"


def _step(name: str, text: str) -> int:
    """-1 where the words say `name` goes down, 1 where they say it goes up, else 0."""
    said = rf"`?\b{spoken(name)}\b`?"
    if re.search(rf"{said}[^.;]{{0,30}}?\b{_DOWN}\b|\b{_LOWER}\s+(?:the\s+)?{said}", text, re.I):
        return -1
    if re.search(rf"{said}[^.;]{{0,30}}?\b{_UP}\b|\b{_RAISE}\s+(?:the\s+)?{said}", text, re.I):
        return 1
    return 0


def adjustment(
    op: ApiOperation, word: str, collection: str, *, creates: dict[str, str], schemas: Schemas
) -> dict[str, Any]:
    """The counts a POST on an item moves by the one number its body sends, where the words
    say which way each goes; {} where they name none."""
    if op.method != "POST" or collection not in creates:
        return {}
    body = {n: schemas.resolve(p) for n, p in schemas.body_properties(op).items()}
    amounts = [n for n, p in body.items() if is_number(p)]
    if len(amounts) != 1:  # one number sent, beside notes the item has no place for
        return {}
    sent = schemas.body_of(creates[collection])
    item = {**sent, **schemas.answer_of(creates[collection])}
    counts = [n for n, p in item.items() if is_number(schemas.resolve(p))]  # "packets" too
    if not counts or not sent:
        return {}
    raw = schemas.operation(op)
    text = " ".join([words_of(raw), *prose_naming_path(op, schemas, blocks=True)])
    steps = {n: _step(n, text) for n in counts}
    verb = re.split(r"[-_.]", word)[-1].lower()
    past = {verb + "ed", verb + "d", *PARTICIPLES.get(verb, [])}
    for name in counts:  # "sold" of "/sell", "used" of "/use": goes up by the amount
        if not steps[name] and norm(name) in past:
            steps[name] = 1
    same = next((n for n in sent if n in counts and norm(n) == norm(amounts[0])), "")
    if same and not any(steps.values()):  # "POST /yarns/{id}/use" sending `skeins` of the yarn
        steps[same] = 1 if verb in _ADDING else -1 if "409" in op.responses else 0
    moved = {n: s for n, s in steps.items() if s}
    if len(body) != 1 and not same:
        return {}
    return {"count": moved, "by": amounts[0]} if moved else {}


# Verbs of actions that put more of an amount on the item; any other that sends the item's own
# amount and declares 409 (not enough left) takes it away.
_ADDING = {"add", "restock", "deposit", "topup", "refill", "stock", "increase", "receive", "top"}
_ADDING |= {"credit", "load", "fill", "replenish", "return", "donate", "give"}


def mark_adjusted(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    """Counts an adjustment moves start at 0 when the item is made; what is left of an amount
    the client sends starts at that amount ("portions_left" at the "portions" given)."""
    for plan in list(plans.values()):
        if plan.get("pattern") != "transition" or not plan.get("by"):
            continue
        create = creates.get(str(plan.get("collection")), "")
        made = plans.get(create)
        if made is None or made.get("pattern") != "create":
            continue
        sent = {norm(n): n for n in schemas.body_of(create)}
        for name in plan.get("count", {}):
            whole = sent.get(re.sub(r"(?:left|remaining)$|^(?:remaining)", "", norm(name)))
            if whole and whole != name:
                made.setdefault("starts_at", {})[name] = whole
            elif name not in made.setdefault("zero", []):
                made["zero"].append(name)
