"""What the words of a document say about its lists and text views, read into the plans and
honoured by the generated app's filters: a filter that matches part of a value ("part of the
title", "a substring of the name"), a line written with property names ("`Title (year)`"),
and sentences the prose wraps over several lines. Own documents, planned; the filter run by the
generated `app/contract/listing.py`."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import openapi_document, plan_operations
from pipeline.contract.derived import sentences
from tests.contract.test_list_filters import LISTING


def _doc(prose: str, param: dict[str, Any], text_view: str = "") -> dict[str, Any]:
    view = (
        f"""
  /albums.txt:
    get:
      summary: {text_view}
      responses:
        '200': {{description: lines, content: {{text/plain: {{schema: {{type: string}}}}}}}}"""
        if text_view
        else ""
    )
    text = f"""# Albums

{prose}

```yaml
openapi: 3.0.3
info: {{title: albums, version: '1'}}
paths:
  /albums:
    get:
      parameters:
        - {param}
      responses:
        '200': {{description: all, content: {{application/json: {{schema: {{type: array, items: {{$ref: '#/components/schemas/Album'}}}}}}}}}}
    post:
      requestBody: {{content: {{application/json: {{schema: {{$ref: '#/components/schemas/Album'}}}}}}}}
      responses:
        '201': {{description: made}}{view}
components:
  schemas:
    Album:
      type: object
      properties:
        id: {{type: integer, readOnly: true}}
        title: {{type: string}}
        artist: {{type: string}}
        year: {{type: integer}}
```
"""
    found = openapi_document(text)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("prose", "described", "substring"),
    [
        ("", "Part of the title, any case", True),
        ("", "A substring of the title", True),
        ("", "Albums whose title contains this text", True),
        ("- `title` — matches anywhere in the title", "", True),
        ("", "Exact title", False),
        ("The `artist` filter is part of the search.", "Exact title", False),  # another's line
        ("Filters: `title` (exact), `artist` = part of the name.", "", False),  # of `artist`
        ("Filters: `artist`, `title` = part of the name.", "", True),
    ],
)
def test_a_filter_the_words_call_part_of_a_value_matches_within_it(
    prose: str, described: str, substring: bool
) -> None:
    param = {"name": "title", "in": "query", "schema": {"type": "string"}}
    if described:
        param["description"] = described
    plan = plan_operations(_doc(prose, param))["GET /albums"]
    assert ("title" in plan.get("substring", [])) is substring


def test_the_generated_filter_keeps_the_values_holding_the_text_whatever_its_case() -> None:
    rows = [{"title": "Blue Train"}, {"title": "Kind of Blue"}, {"title": "Giant Steps"}]
    query = LISTING.Query({"title": "BLUE"}, {"title": {"type": "string"}}, substring=["title"])
    assert [r["title"] for r in rows if query.keep(r)] == ["Blue Train", "Kind of Blue"]
    exact = LISTING.Query({"title": "Blue Train"}, {"title": {"type": "string"}})
    assert [r["title"] for r in rows if exact.keep(r)] == ["Blue Train"]


@pytest.mark.parametrize(
    ("said", "line"),
    [
        ("One album per line as `Title (year)`", "<title> (<year>)"),
        ('Each line reads "artist - title"', "<artist> - <title>"),
        ("Numbered lines like `1. title (year)`", "<#>. <title> (<year>)"),
        ("One album per line as `POST /albums`", ""),  # not names of its properties
    ],
)
def test_a_line_written_with_property_names_is_the_line_of_each_record(
    said: str, line: str
) -> None:
    param = {"name": "artist", "in": "query", "schema": {"type": "string"}}
    plan = plan_operations(_doc("", param, text_view=said))["GET /albums.txt"]
    assert plan.get("line", "") == line


def test_a_wrapped_line_continues_its_sentence_and_a_list_item_starts_one() -> None:
    prose = (
        "The print shows the name,\nthen one song per line like `1. Song (3:25)`.\n"
        "- `q` filters\n- `sort` orders\n\nA new paragraph."
    )
    assert sentences(prose) == [
        "The print shows the name, then one song per line like `1. Song (3:25)`.",
        "- `q` filters",
        "- `sort` orders",
        "A new paragraph.",
    ]


ALBUMS = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "released_on": {"type": "string", "format": "date"},
        "shows_on": {"type": "string", "format": "date"},
    },
}


@pytest.mark.parametrize(
    ("words", "param", "planned"),
    [
        ("newest `released_on` first", None, {"sort_by": "released_on", "descending": True}),
        ("earliest released first", None, {"sort_by": "released_on"}),
        (
            "kept from that day or later",
            {"name": "from", "in": "query", "schema": {"type": "string"}},
            {"inclusive": ["from"]},
        ),
        (
            "only albums whose show is today or later",
            {"name": "upcoming", "in": "query", "schema": {"type": "boolean"}},
            {"today": {"upcoming": "ge"}},
        ),
        (
            "only albums already in the past",
            {"name": "done", "in": "query", "schema": {"type": "boolean"}},
            {"today": {"done": "lt"}},
        ),
    ],
)
def test_the_words_of_a_list_say_its_order_its_bounds_and_its_dates_from_today(
    words: str, param: dict[str, Any] | None, planned: dict[str, Any]
) -> None:
    operation: dict[str, Any] = {
        "description": words,
        "responses": {
            "200": {
                "description": "all",
                "content": {"application/json": {"schema": {"type": "array", "items": ALBUMS}}},
            }
        },
    }
    if param:
        operation["parameters"] = [{**param, "description": words}]
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "albums", "version": "1"},
        "paths": {
            "/albums": {
                "get": operation,
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": ALBUMS}}},
                    "responses": {"201": {"description": "made"}},
                },
            }
        },
    }
    plan = plan_operations(doc)["GET /albums"]
    assert {k: plan[k] for k in planned if k in plan} == planned


def test_the_generated_list_keeps_what_the_planned_words_say() -> None:
    props = {
        "title": {"type": "string"},
        "shows_on": {"type": "string", "format": "date"},
        "distance_km": {"type": "number"},
    }
    rows = [
        {"title": "a", "shows_on": "2001-01-01", "distance_km": 5},
        {"title": "b", "shows_on": "2999-01-01", "distance_km": 12},
        {"title": "c", "shows_on": "2500-01-01", "distance_km": 20},
    ]
    upcoming = LISTING.Query({"upcoming": True}, props, today={"upcoming": "ge"})
    assert [r["title"] for r in rows if upcoming.keep(r)] == ["b", "c"]
    everything = LISTING.Query({"upcoming": False}, props, today={"upcoming": "ge"})
    assert len([r for r in rows if everything.keep(r)]) == 3
    by_unit = LISTING.Query({"min_km": 10, "max_km": 15}, props)
    assert [r["title"] for r in rows if by_unit.keep(r)] == ["b"]
    latest = LISTING.Query({}, props, sort_by="shows_on", descending=True)
    assert [r["title"] for r in latest.order(rows)] == ["b", "c", "a"]
    asked = LISTING.Query({"sort": "shows_on"}, props, sort_by="shows_on", descending=True)
    assert [r["title"] for r in asked.order(rows)] == ["a", "c", "b"]
