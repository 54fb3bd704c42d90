"""The input document's operations vs. what a booted app serves at /openapi.json. No I/O.

`missing_operations(doc, served)` names every operation of the document that the served
document lacks (same method, same path up to the names of its parameters), or serves without
the declared success status among its responses: "GET /notes/search" or
"POST /items (declares 200; serves 201)".
"""

from __future__ import annotations

from typing import Any

from pipeline.contract.document import METHODS, read_operations, route_key


def served_statuses(served: dict[str, Any]) -> dict[str, set[str]]:
    """{"GET /pets/{}": {"200", "422"}} for every operation of a served OpenAPI document."""
    out: dict[str, set[str]] = {}
    paths = served.get("paths")
    for path, item in (paths if isinstance(paths, dict) else {}).items():
        for method, op in (item if isinstance(item, dict) else {}).items():
            if method in METHODS and isinstance(op, dict):
                responses = op.get("responses")
                codes = {str(c) for c in responses} if isinstance(responses, dict) else set()
                out[route_key(method, str(path))] = codes
    return out


def missing_operations(doc: dict[str, Any], served: dict[str, Any]) -> list[str]:
    have = served_statuses(served)
    missing: list[str] = []
    for op in read_operations(doc):
        codes = have.get(route_key(op.method, op.path))
        if codes is None:
            missing.append(op.key)
        elif str(op.success) not in codes:
            shown = ", ".join(sorted(codes)) or "none"
            missing.append(f"{op.key} (declares {op.success}; serves {shown})")
    return missing
