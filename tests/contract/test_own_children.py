"""One record per caller below another's (`mark_own_children`): a secured PUT at
`<collection>/{id}/<noun>` with a body is the caller's own (their rating, vote, review), and the
record above counts them and averages their number. Own documents, expected plans first."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import plan_operations

INT = {"type": "integer"}


def _doc(items: str, noun: str, sent: dict[str, Any], kept: dict[str, Any]) -> dict[str, Any]:
    card = {"type": "object", "properties": {"title": {"type": "string"}, **kept}}
    made = {"content": {"application/json": {"schema": card}}}
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": sent}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "security": [{"key": []}],
        "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "K"}}},
        "paths": {
            f"/{items}": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": card}}},
                    "responses": {"201": {"description": "ok", **made}},
                }
            },
            f"/{items}/{{id}}/{noun}": {
                "put": {"requestBody": body, "responses": {"200": {"description": "ok", **made}}}
            },
        },
    }


CASES = [
    (
        ({"rating_count": "/cards/{}/rating"}, {"average_rating": "stars"}),
        _doc("cards", "rating", {"stars": INT}, {"rating_count": INT, "average_rating": INT}),
    ),
    (
        ({"voteCount": "/songs/{}/vote"}, {"avgVote": "value"}),
        _doc("songs", "vote", {"value": INT}, {"voteCount": INT, "avgVote": INT}),
    ),
    (
        ({}, {"score_mean": "score"}),
        _doc("essays", "score", {"score": {"type": "number"}}, {"score_mean": INT}),
    ),
    (
        ({"review_count": "/hotels/{}/review"}, {}),
        _doc("hotels", "review", {"text": {"type": "string"}}, {"review_count": INT}),
    ),
    (
        ({}, {}),
        _doc("trips", "feedback", {"text": {"type": "string"}}, {}),
    ),
]


@pytest.mark.parametrize(("figures", "doc"), CASES)
def test_a_put_below_an_item_is_the_callers_own_and_is_counted(
    figures: tuple[dict[str, str], dict[str, str]], doc: dict[str, Any]
) -> None:
    plans = plan_operations(doc)
    key = next(f"PUT {p}" for p in doc["paths"] if "{id}" in p)
    assert plans[key]["pattern"] == "own_child"
    above = plans[next(f"POST {p}" for p in doc["paths"] if "{id}" not in p)]
    counts, means = figures
    assert above.get("counts", {}) == counts
    assert {n: m["field"] for n, m in above.get("averages", {}).items()} == means


def test_a_put_of_a_plural_below_an_item_is_not_ones_own() -> None:
    doc = _doc("posts", "tags", {"names": {"type": "array"}}, {})
    assert plan_operations(doc).get("PUT /posts/{id}/tags", {}).get("pattern") != "own_child"
