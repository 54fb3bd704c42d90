"""A container of counted items ("my cart", "my basket"): its view, adding a quantity of a
thing, and taking one away. Plans for `pipeline.contract.patterns`. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.schemas import (
    Schemas,
    collection_path,
    is_param,
    path_segments,
    referred_collection,
)

_COUNTS = {"quantity", "qty", "count", "amount", "units"}


def plan_containers(
    ops: list[ApiOperation], creates: dict[str, str], schemas: Schemas
) -> dict[str, dict[str, Any]]:
    """A container of counted items ("my cart"): `GET /cart` answers an object holding a list,
    `POST /cart/items` adds a quantity of a thing (a second add counts up), and
    `DELETE /cart/items/{id}` takes one away."""
    plans: dict[str, dict[str, Any]] = {}
    for add in ops:
        segments = path_segments(add.path)
        if add.method != "POST" or len(segments) < 2 or any(map(is_param, segments)):
            continue
        body = schemas.body_properties(add)
        count = next((n for n in body if n.lower() in _COUNTS), None)
        key = next((n for n in body if re.search(r"(_id|Id|ID)$", n)), None)
        view = next(
            (o for o in ops if o.method == "GET" and o.path == "/" + "/".join(segments[:-1])),
            None,
        )
        if (
            count is None
            or key is None
            or view is None
            or schemas.response_kind(view) != "envelope"
        ):
            continue
        refers = referred_collection(key, creates)
        base = {"collection": collection_path(segments), "parents": [], "key": key, "count": count}
        if refers:
            base["refers"] = refers
        plans[view.key] = {"pattern": "container", **base}
        plans[add.key] = {"pattern": "add_item", **base}
        for remove in ops:
            rest = path_segments(remove.path)
            if remove.method == "DELETE" and rest[:-1] == segments and is_param(rest[-1]):
                plans[remove.key] = {"pattern": "remove_item", **base, "id_param": rest[-1][1:-1]}
    return plans
