"""Version numbers a record keeps: a `revision` / `version` the client never sends starts at 1
and each change (PUT, PATCH) counts it up; where the change declares 409 and its body takes the
version it was based on (`base_revision`, `expected_version`, or the version itself), a change
based on an older one is refused with 409 (someone changed it in the meantime). `mark_versions`
adds "version" (and "based_on") to the plans (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.schemas import Schemas, norm

# What a record's version number is called (a word list: these are the names APIs give it).
_VERSIONS = ("revision", "version", "rev", "revisionnumber", "versionnumber", "etagversion")
# Words before a version's name in a change's body that say which version it was based on.
_BASED = ("base", "based", "expected", "if", "current", "parent", "last", "from")


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
