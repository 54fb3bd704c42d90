"""What a body-less action on an item sets ("POST /tasks/{id}/complete": status "done";
"/archive": archived true; "/like": likes + 1; "DELETE .../like" undoes it), read from the item's
properties, and whether the action answers the item itself. Used by `pipeline.contract.planner`
for "transition" plans (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.schemas import Schemas, norm

# What an action's verb sets where the item's words are not the verb's own ("complete": "done").
_SYNONYMS = {
    "complete": ["done", "finished", "closed"],
    "finish": ["done", "completed", "closed"],
    "done": ["completed", "finished"],
    "start": ["in_progress", "inprogress", "active", "running", "started"],
    "reopen": ["open", "todo", "active"],
    "open": ["opened", "active"],
    "close": ["done", "closed"],
    "resolve": ["resolved", "done", "closed"],
    "activate": ["active", "enabled"],
    "enable": ["enabled", "active"],
    "disable": ["disabled", "inactive"],
    "deactivate": ["inactive", "disabled"],
    "restore": ["active"],
    "submit": ["submitted", "pending"],
    "return": ["returned", "available"],
    "cancel": ["cancelled", "canceled"],
}
# Irregular past participles of verbs actions are named for ("withdraw": "withdrawn").
PARTICIPLES = {
    "withdraw": ["withdrawn"],
    "hide": ["hidden"],
    "write": ["written"],
    "take": ["taken"],
    "give": ["given"],
    "draw": ["drawn"],
    "choose": ["chosen"],
    "freeze": ["frozen"],
    "break": ["broken"],
    "begin": ["begun"],
    "forbid": ["forbidden"],
    "sell": ["sold"],
    "buy": ["bought"],
    "send": ["sent"],
    "pay": ["paid"],
    "lend": ["lent"],
    "keep": ["kept"],
    "spend": ["spent"],
}
# The record's data key that keeps an action no declared property names ("archive"): never shown.
STATE = "x-codebegen-state"
# Particles of phrasal verbs written as one word ("pickup", "checkin", "signoff").
_PARTICLES = ("up", "out", "in", "off", "back", "down", "over")


def answers_the_item(
    op: ApiOperation, collection: str, *, creates: dict[str, str], schemas: Schemas
) -> bool:
    """A body-less action (POST, PUT or PATCH) answering 200 or 204 with the item as the
    collection's create answers it, or with nothing."""
    if op.method == "DELETE" or str(op.success) not in op.responses:
        return False  # a document that declares no answer says nothing of what it does
    if str(op.success) not in ("200", "204"):
        return False
    kind = schemas.response_kind(op)
    if str(op.success) == "204" or not kind:
        return True
    create = creates.get(collection)
    if create is None or kind != "object":
        return False
    method, path = create.split(" ", 1)
    for code in ("201", "200"):
        made = ApiOperation(method=method, path=path, responses={code: []})
        answered = schemas.response_properties(made)
        if answered:
            return set(answered) == set(schemas.response_properties(op))
    return False


def acts_on_the_item(op: ApiOperation, creates: dict[str, str], schemas: Schemas) -> bool:
    """A POST with a body at `<collection>/{id}/<verb>` ("POST /items/{id}/claim" with the
    claimant) answering 200 with the item as its collection's create answers it: an action on
    the item, not a record made below it."""
    segments = [s for s in op.path.strip("/").split("/") if s]
    if op.method != "POST" or len(segments) < 3 or str(op.success) != "200":
        return False
    if not (segments[-2].startswith("{") and not segments[-1].startswith("{")):
        return False
    above = "/" + "/".join("{}" if s.startswith("{") else s for s in segments[:-2])
    if above not in creates or segments[-1].lower().endswith("s"):
        return False
    made = schemas.answer_of(creates[above])
    if not made or set(made) != set(schemas.response_properties(op)):
        return False
    # what the body sends is kept on the item ("claimant" -> "claimed_by"); a body the item has
    # no place for ("POST /items/{id}/sell" with a quantity) moves a count: a ledger's entry
    return bool(from_body(op, segments[-1], made, schemas))


def from_body(
    op: ApiOperation, word: str, props: dict[str, Any], schemas: Schemas
) -> dict[str, str]:
    """Where an action keeps what its body sends: {body field: item property}, the same name,
    else the one property named for the verb's past ("claimant" of "/claim": "claimed_by")."""
    verb = re.split(r"[-_.]", word)[-1].lower()
    stem = verb[:-1] if verb.endswith("e") else verb
    named = [
        n
        for n, p in props.items()
        if norm(n).startswith((stem + "ed", stem + "d"))
        and schemas.resolve(p).get("format") not in ("date", "date-time")
    ]
    found: dict[str, str] = {}
    body = schemas.body_properties(op)
    for field in body:
        if field in props:
            found[field] = field
        elif len(body) == 1 and len(named) == 1:
            found[field] = named[0]
    return found


def transition(
    op: ApiOperation, word: str, collection: str, *, creates: dict[str, str], schemas: Schemas
) -> dict[str, Any]:
    """What an action on an item ("/complete", "/archive", "/mark-done", "/unpin") sets, read
    from the item's properties: an enum value the verb names ("done", "completed",
    "archived"), a boolean the verb names ("archived", "is_pinned": true; "un..": false), and
    a date or date-time the verb names ("completed_at": now, "finished_on": today)."""
    props = schemas.response_properties(op)
    create = creates.get(collection)
    if create:
        method, path = create.split(" ", 1)
        made = ApiOperation(method=method, path=path, responses={"201": [], "200": []})
        for code in ("201", "200"):
            made.responses = {code: []}
            props = props or schemas.response_properties(made)
    verb = re.split(r"[-_.]", word)[-1].lower()
    undo = bool(re.match(r"^un[a-z]{3}", verb))  # "unarchive", "unpin"
    stem = verb[2:] if undo else verb
    stem = stem[:-1] if stem.endswith("e") else stem
    values = [stem + "ed", stem + "d", stem + "ned", stem + "ped", stem + "led", stem, verb]
    values += _SYNONYMS.get(verb, []) + PARTICIPLES.get(stem if stem in PARTICIPLES else verb, [])
    for particle in _PARTICLES:  # "pickup": "picked_up", "checkout": "checked_out"
        base = verb[2:] if undo else verb
        if base.endswith(particle) and len(base) > len(particle) + 2:
            base = base[: -len(particle)]
            past = [base + "ed", base + "d", base + base[-1] + "ed"]
            values += [d + particle for d in past]
    found: dict[str, Any] = {}
    for name, raw in props.items():
        prop = schemas.resolve(raw)
        key = norm(name)
        enum = prop.get("enum")
        if isinstance(enum, list) and not undo and not any(k in found for k in ("set",)):
            value = next((v for w in values for v in enum if norm(str(v)) == norm(w)), None)
            if value is not None:
                found.setdefault("set", {})[name] = value
        elif prop.get("type") == "boolean" and key.removeprefix("is") in map(norm, values):
            found.setdefault("set", {})[name] = not undo
        elif prop.get("format") in ("date-time", "date") and not undo:
            if any(key in (norm(v) + "at", norm(v) + "on") for v in values):
                found.setdefault("stamp", []).append(name)
        elif prop.get("type") == "integer":  # "POST /posts/{id}/like": likes + 1
            done = verb[2:] if undo else verb
            counted = (
                done + "s",
                done + "es",
                done + "count",
                done + "scount",
                "num" + done + "s",
            )
            if key in counted:
                found.setdefault("set", {})
                found.setdefault("count", {})[name] = -1 if undo else 1
    return found
