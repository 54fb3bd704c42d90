"""One record per caller below another's: "PUT /cards/{cardId}/rating" with `{"stars": 4}` is
the caller's rating of that card, made or replaced (never a second one), and the card answers how
many there are ("rating_count") and their mean ("average_rating", null while there are none).
`mark_own_children` plans those PUTs as "own_child" and adds "counts" / "averages" to the
plans of the collection above (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.schemas import (
    Schemas,
    collection_path,
    is_param,
    norm,
    path_params,
    path_segments,
)

# Words that, with a child's name, name the mean of its number ("average_rating", "avgScore").
_MEAN = ("average", "avg", "mean")


def _numbers(body: dict[str, Any], schemas: Schemas) -> list[str]:
    return [n for n, p in body.items() if schemas.resolve(p).get("type") in ("integer", "number")]


def mark_own_children(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Secured PUTs at `<collection>/{id}/<noun>` (a noun, not a list's plural) with a body,
    that no other pattern took."""
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "PUT" or op.key in plans or not op.security or len(segments) < 3:
            continue
        word, above = segments[-1], segments[:-2]
        if is_param(word) or not is_param(segments[-2]) or collection_path(above) not in creates:
            continue
        body = schemas.body_properties(op)
        numbers = _numbers(body, schemas)
        if not body or word.lower().endswith("s"):
            continue
        parent = collection_path(above)
        child = collection_path(segments)
        id_param = segments[-2][1:-1]
        param = next((p for p in op.parameters if p.name == id_param), None)
        id_type = "integer" if param is not None and param.schema_.get("type") == "integer" else ""
        plan: dict[str, Any] = {
            "pattern": "own_child",
            "collection": child,
            "parents": path_params(segments),
            "parent": {"collection": parent, "id_type": id_type or "string"},
        }
        plans[op.key] = plan
        stem = norm(word)
        method, path = creates[parent].split(" ", 1)
        answered = {
            **schemas.response_properties(
                ApiOperation(method=method, path=path, responses={"201": [], "200": []})
            ),
            **schemas.response_properties(op),
        }
        counts: dict[str, str] = {}
        means: dict[str, dict[str, str]] = {}
        for name in answered:
            key = norm(name)
            if key in (stem + "count", "count" + stem, stem + "scount", "numberof" + stem + "s"):
                counts[name] = child
            elif numbers and any(key in (m + stem, stem + m) for m in _MEAN):
                means[name] = {"collection": child, "field": numbers[0]}
        for other in plans.values():
            if other.get("collection") in (parent, child) and other.get("pattern") != "facet":
                if counts:
                    other.setdefault("counts", {}).update(counts)
                if means:
                    other.setdefault("averages", {}).update(means)
