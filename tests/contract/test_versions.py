"""Version numbers a record keeps (`mark_versions`): an integer "revision" / "version" the
create does not take starts at 1 and each change counts it; a change that declares 409 and takes
the version it was based on is checked against it. Own documents, expected plans first."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import plan_operations

TEXT = {"type": "string"}
INT = {"type": "integer"}


def _doc(kept: dict[str, Any], change: dict[str, Any], method: str, codes: list[str]):
    sent = {"title": TEXT}
    answer = {"type": "object", "properties": {**sent, **kept}}
    content = {"content": {"application/json": {"schema": answer}}}
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": change}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/docs": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"type": "object", "properties": sent}}
                        }
                    },
                    "responses": {"201": {"description": "ok", **content}},
                }
            },
            "/docs/{id}": {
                method: {
                    "requestBody": body,
                    "responses": {
                        "200": {"description": "ok", **content},
                        **{c: {"description": c} for c in codes},
                    },
                }
            },
        },
    }


CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"version": "revision", "based_on": "base_revision"},
        _doc({"revision": INT}, {"title": TEXT, "base_revision": INT}, "put", ["409"]),
    ),
    (
        {"version": "version", "based_on": "expectedVersion"},
        _doc({"version": INT}, {"title": TEXT, "expectedVersion": INT}, "patch", ["409"]),
    ),
    (
        {"version": "rev", "based_on": "rev"},
        _doc({"rev": INT}, {"title": TEXT, "rev": INT}, "put", ["404", "409"]),
    ),
    (  # no 409 declared: the version counts, nothing is refused for it
        {"version": "version"},
        _doc({"version": INT}, {"title": TEXT, "base_version": INT}, "patch", []),
    ),
    (  # a version the client sets itself on create is theirs, not a count
        {},
        _doc({"semver": TEXT}, {"title": TEXT}, "put", ["409"]),
    ),
]


@pytest.mark.parametrize(("expected", "doc"), CASES)
def test_a_kept_version_counts_changes_and_checks_the_base(
    expected: dict[str, Any], doc: dict[str, Any]
) -> None:
    plans = plan_operations(doc)
    change = next(k for k in plans if k.endswith("/docs/{id}"))
    assert {k: plans[change][k] for k in ("version", "based_on") if k in plans[change]} == expected
    assert plans["POST /docs"].get("version") == expected.get("version")
