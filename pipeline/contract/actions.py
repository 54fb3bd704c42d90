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


def transition(
    op: ApiOperation, word: str, collection: str, *, creates: dict[str, str], schemas: Schemas
) -> dict[str, Any]:
    """What an action on an item ("/complete", "/archive", "/mark-done", "/unpin") sets, read
    from the item's properties: an enum value the verb names ("done", "completed",
    "archived"), a boolean the verb names ("archived", "is_pinned": true; "un..": false), and
    a date-time the verb names ("completed_at": now)."""
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
    values = [stem + "ed", stem + "d", stem + "ned", stem + "ped", stem + "led", stem]
    values += _SYNONYMS.get(verb, [])
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
        elif prop.get("format") == "date-time" and not undo:
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
