"""What a sort value means is read from the words beside it (`pipeline.contract.sorting`), and
the generated listing orders by it (`app/contract/listing.py`, from its template): "`rating`
(best average first)" is the average, highest first, not the first property whose name begins
"rating". Own documents in several phrasings."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pipeline.contract.document import openapi_document
from pipeline.contract.patterns import plan_operations

TEMPLATE = Path(__file__).resolve().parents[2] / "pipeline/templates/contract/listing.py.j2"


def _listing() -> ModuleType:
    spec = importlib.util.spec_from_loader("generated_listing_sorts", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE), "exec"), module.__dict__)
    return module


LISTING = _listing()

_DOC = """A small {what} service.

{prose}

```yaml
openapi: 3.0.3
info: {{title: {what}, version: "1"}}
paths:
  /{what}s:
    post:
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Thing'}}
      responses:
        "201":
          description: made
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
    get:
      parameters:
        - name: {param}
          in: query
          description: "{described}"
          schema: {{type: string, enum: [{values}]}}
      responses:
        "200":
          description: the list
          content:
            application/json:
              schema:
                type: object
                properties:
                  items:
                    type: array
                    items: {{$ref: '#/components/schemas/Thing'}}
                  total: {{type: integer}}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {{type: integer}}
        name: {{type: string}}
        {fields}
```
"""


def _sorts(
    *, prose: str = "", described: str = "", param: str = "sort", values: str, fields: str
) -> dict[str, Any]:
    text = _DOC.format(
        what="widget", prose=prose, described=described, param=param, values=values, fields=fields
    )
    doc = openapi_document(text)
    assert doc is not None
    plan = plan_operations(doc)["GET /widgets"]
    assert plan["pattern"] == "list"
    found: dict[str, Any] = plan.get("sort_values", {})
    return found


FIELDS = "score_count: {type: integer}\n        mean_score: {type: number}"


@pytest.mark.parametrize(
    "prose, described",
    [
        ("`sort`: `name` (A-Z), `score` (best mean first).", ""),
        ("", "name = alphabetical; score = highest mean score first"),
        ("Lists take `sort`: `score` (top mean first) or `name`.", ""),
    ],
)
def test_the_words_beside_a_sort_value_name_its_property_and_direction(
    prose: str, described: str
) -> None:
    sorts = _sorts(prose=prose, described=described, values="name, score", fields=FIELDS)
    assert sorts["score"] == ["mean_score", True]


@pytest.mark.parametrize(
    "prose, values, expected",
    [
        ("`order_by`: `recent` (newest first), `name`.", "recent, name", ["", True]),
        ("`order_by`: `recent` (oldest first), `name`.", "recent, name", ["", False]),
        ("`order_by` - `cheap` (lowest price first).", "cheap, name", ["price", False]),
        ("`order_by` - `cheap`: smallest price first.", "cheap, name", ["price", False]),
    ],
)
def test_a_sort_value_that_is_no_property_name_is_read_from_its_words(
    prose: str, values: str, expected: list[Any]
) -> None:
    sorts = _sorts(prose=prose, param="order_by", values=values, fields="price: {type: number}")
    assert sorts[values.split(",")[0]] == expected


def test_sort_values_with_nothing_said_beside_them_are_left_to_the_listing() -> None:
    sorts = _sorts(prose="Sorted as asked.", values="name, score", fields=FIELDS)
    assert sorts == {}


ROWS = [
    {"id": 1, "name": "b", "score_count": 5, "mean_score": 2.0},
    {"id": 2, "name": "c", "score_count": 1, "mean_score": 4.5},
    {"id": 3, "name": "a", "score_count": 3, "mean_score": None},
    {"id": 4, "name": "d", "score_count": 2, "mean_score": 3.0},
]
PROPS = {"id": {}, "name": {}, "score_count": {}, "mean_score": {}}


@pytest.mark.parametrize(
    "params, ids",
    [
        ({"sort": "score"}, [2, 4, 1, 3]),  # the mean, highest first, unrated last
        ({"sort": "newest"}, [4, 3, 2, 1]),
        ({"sort": "name"}, [3, 1, 2, 4]),
    ],
)
def test_the_listing_orders_by_what_the_sort_value_means(
    params: dict[str, Any], ids: list[int]
) -> None:
    meant = {"score": ["mean_score", True], "newest": ["", True], "name": ["name", False]}
    ordered = LISTING.Query(params, PROPS, sort_values=meant).order(list(ROWS))
    assert [r["id"] for r in ordered] == ids


def test_without_the_words_a_sort_value_is_the_property_its_name_begins() -> None:
    ordered = LISTING.Query({"sort": "score"}, PROPS).order(list(ROWS))
    assert [r["id"] for r in ordered] == [2, 4, 3, 1]  # score_count ascending


@pytest.mark.parametrize(
    "params, ids",
    [
        ({"sort": "mean_score_desc"}, [2, 4, 1, 3]),
        ({"sort": "name.desc"}, [4, 2, 1, 3]),
        ({"order_by": "score_count-asc"}, [2, 4, 3, 1]),
        ({"sort": "name_ascending"}, [3, 1, 2, 4]),
    ],
)
def test_a_sort_value_may_name_its_direction_after_the_property(
    params: dict[str, Any], ids: list[int]
) -> None:
    ordered = LISTING.Query(params, PROPS).order(list(ROWS))
    assert [r["id"] for r in ordered] == ids


def test_the_values_a_free_sort_parameter_describes_are_read_too() -> None:
    text = _DOC.format(
        what="widget",
        prose="",
        described="One of `name`, `score` (highest mean first).",
        param="sort",
        values="name, score",
        fields=FIELDS,
    ).replace("schema: {type: string, enum: [name, score]}", "schema: {type: string}")
    doc = openapi_document(text)
    assert doc is not None
    plan = plan_operations(doc)["GET /widgets"]
    assert plan["sort_values"] == {"score": ["mean_score", True]}
