"""Version numbers a record keeps: a `revision` / `version` the client never sends starts at 1
and each change (PUT, PATCH) counts it up; where the change declares 409 and its body takes the
version it was based on (`base_revision`, `expected_version`, or the version itself), a change
based on an older one is refused with 409 (someone changed it in the meantime). `mark_versions`
adds "version" (and "based_on") to the plans (`pipeline.contract.patterns`). Where the document
reads an item's revisions (`GET /pages/{slug}/revisions`, `.../revisions/{number}`), each create
and change keeps a copy of the record ("snapshots") that those operations answer. No I/O."""

from __future__ import annotations

from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.schemas import Schemas, is_param, norm, path_segments

# What a record's version number is called (a word list: these are the names APIs give it).
_VERSIONS = ("revision", "version", "rev", "revisionnumber", "versionnumber", "etagversion")
# Words before a version's name in a change's body that say which version it was based on.
_BASED = ("base", "based", "expected", "if", "current", "parent", "last", "from")
# What the path below an item that lists its kept versions is called.
_KEPT = ("revisions", "versions", "revs", "history", "snapshots")
_ITEM = ("read", "update", "replace", "delete", "upsert")


def mark_versions(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Collections whose records answer a version number the create does not take."""
    for collection, create in creates.items():
        method, path = create.split(" ", 1)
        sent = schemas.body_properties(ApiOperation(method=method, path=path))
        version = next(
            (
                n
                for n, p in schemas.answer_of(create).items()
                if norm(n) in _VERSIONS
                and n not in sent
                and schemas.resolve(p).get("type") == "integer"
            ),
            "",
        )
        if not version:
            continue
        for op in ops:
            plan = plans.get(op.key) or {}
            if plan.get("collection") != collection:
                continue
            if plan.get("pattern") not in ("create", "update", "replace", "upsert"):
                continue
            plan["version"] = version
            if plan["pattern"] == "create" or "409" not in op.responses:
                continue
            body = schemas.body_properties(op)
            wanted = {norm(version)} | {w + norm(version) for w in _BASED}
            based = next((n for n in body if norm(n) in wanted), "")
            if based:
                plan["based_on"] = based
        _mark_revisions(ops, plans, collection, version, schemas)


def _mark_revisions(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    collection: str,
    version: str,
    schemas: Schemas,
) -> None:
    """`GET <item>/revisions` (a list) and `GET <item>/revisions/{number}` (one) of the records
    of `collection`, which keeps a copy of each revision where they are read."""
    items = [
        (op, plan)
        for op in ops
        if (plan := plans.get(op.key) or {}).get("collection") == collection
        and plan.get("pattern") in _ITEM
        and plan.get("id_param")
    ]
    if not items:
        return
    item_op, item_plan = items[0]
    keys = ("collection", "parents", "parent", "id_param", "id_type", "id_field")
    base = {k: item_plan[k] for k in keys if k in item_plan}
    below = path_segments(item_op.path)
    found = False
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "GET" or segments[: len(below)] != below or op.key in plans:
            continue
        rest = segments[len(below) :]
        if not rest or rest[0].lower() not in _KEPT:
            continue
        kind = schemas.response_kind(op)
        if len(rest) == 1 and kind in ("array", "envelope"):
            plans[op.key] = {"pattern": "revisions", **base, "version": version}
            found = True
        elif len(rest) == 2 and is_param(rest[1]) and kind == "object":
            number = rest[1][1:-1]
            plans[op.key] = {"pattern": "revision", **base, "version": version}
            plans[op.key]["number_param"] = number
            found = True
    if found:
        for plan in plans.values():
            if plan.get("collection") == collection and plan.get("version") == version:
                plan["snapshots"] = True  # create, update, replace
            if plan.get("collection") == collection and plan.get("pattern") == "delete":
                plan["snapshots"] = True  # its revisions go with it
