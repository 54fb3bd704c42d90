"""A list's order read from the line of the words around the document that names its path
("`GET /me/shifts` = the shifts I signed up for, soonest first"), never from a line naming a
longer path. Own texts, expected order first. Pure: documents in, plans out."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import plan_operations
from pipeline.contract.document import PROSE

ITEM = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "price": {"type": "integer"},
        "starts_at": {"type": "string", "format": "date-time"},
    },
}


def _doc(prose: str) -> dict[str, Any]:
    answer = {"content": {"application/json": {"schema": {"type": "array", "items": ITEM}}}}
    made = {"content": {"application/json": {"schema": ITEM}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/events": {
                "post": {"requestBody": made, "responses": {"201": {"description": "ok", **made}}},
                "get": {"responses": {"200": {"description": "ok", **answer}}},
            },
            "/events/archive": {"get": {"responses": {"200": {"description": "ok", **answer}}}},
        },
        PROSE: prose,
    }


CASES = [
    ({"sort_by": "starts_at"}, "- `GET /events` lists every event, soonest first."),
    ({"sort_by": "price"}, "Listing (GET /events) comes back sorted by price."),
    ({"newest_first": True}, "* `/events`: newest first, twenty to a page"),
    ({"sort_by": "starts_at"}, "Notes:\nGET /events -> bare array, earliest first\nThat's it."),
    ({}, "- `GET /events/archive` is newest first."),  # a longer path's line
    ({}, "Events can be booked. Soonest first is how people think."),  # no path named
]


@pytest.mark.parametrize(("order", "prose"), CASES)
def test_a_line_naming_the_lists_path_gives_its_order(order: dict[str, Any], prose: str) -> None:
    plan = plan_operations(_doc(prose))["GET /events"]
    assert {k: plan[k] for k in ("sort_by", "newest_first") if k in plan} == order


NOTE = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "title": {"type": "string"},
        "body": {"type": "string"},
    },
}


def _text_doc(prose: str) -> dict[str, Any]:
    made = {"content": {"application/json": {"schema": NOTE}}}
    text = {"content": {"text/plain": {"schema": {"type": "string"}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/notes": {
                "post": {"requestBody": made, "responses": {"201": {"description": "ok", **made}}}
            },
            "/notes/{slug}": {"get": {"responses": {"200": {"description": "ok", **made}}}},
            "/notes/{slug}/raw": {"get": {"responses": {"200": {"description": "OK", **text}}}},
        },
        PROSE: prose,
    }


TEXT_CASES = [
    ("body", "- `GET /notes/{slug}/raw` returns just the current body as text/plain"),
    ("title", "GET /notes/{slug}/raw: the title alone, for the printer."),
    ("body", "Our CLI reads /notes/{slug}/raw, which is the body and nothing else."),
    ("", "- `GET /notes/{slug}/raw` shows the title and the body as plain text"),  # two named
    ("", "- `GET /notes/{slug}` returns the body as JSON"),  # another path's line
]


@pytest.mark.parametrize(("field", "prose"), TEXT_CASES)
def test_a_line_naming_a_text_views_path_gives_the_one_property_it_shows(
    field: str, prose: str
) -> None:
    plan = plan_operations(_text_doc(prose))["GET /notes/{slug}/raw"]
    assert plan["pattern"] == "view"
    assert plan.get("field", "") == field


@pytest.mark.parametrize(
    ("order", "prose"),
    [
        # a hard-wrapped sentence is read whole
        (
            {"sort_by": "starts_at", "descending": True},
            "`GET /events` is an array, newest\n`starts_at` first.",
        ),
        (
            {"sort_by": "starts_at", "then_by": "title"},
            "`GET /events`: by `starts_at`, then `title`.",
        ),
        (
            {"sort_by": "price", "then_by": "title"},
            "`GET /events` by price, and by title where the same.",
        ),
        ({"sort_by": "price"}, "`GET /events` can be filtered by title; it is sorted by price."),
    ],
)
def test_a_second_key_orders_the_ties(order: dict[str, Any], prose: str) -> None:
    plan = plan_operations(_doc(prose))["GET /events"]
    keys = ("sort_by", "then_by", "descending")
    assert {k: plan[k] for k in keys if k in plan} == order
