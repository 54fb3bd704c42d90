"""Figures a record derives from the records nested below it, read from its properties' names
and descriptions (a count, a sum, a mean, the greatest), on every answer that shows the record:
its create, its read, the items of a list envelope and an action's answer; and a text view of
one record listing its nested records one per line. Own document, planned and served."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import yaml

from pipeline.contract import openapi_document, plan_operations
from tests.contract.booted import served

DOC = """# Trips

Each trip is made of legs. `GET /trips/{id}/route` prints the trip: its name on the first line,
then one leg per line like `1. Porto (3:05)` (hours:minutes are not wanted: minutes:seconds of
`seconds`). `GET /trips/{id}/legs.txt` lists the legs one per line as `town (km)`.

```yaml
openapi: 3.0.3
info: {title: Trips, version: '1'}
paths:
  /trips:
    get:
      responses:
        '200':
          description: All trips
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: '#/components/schemas/Trip'}}
                  total: {type: integer}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Trip'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Trip'}}}}
  /trips/{tripId}:
    parameters: [{name: tripId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Trip'}}}}
  /trips/{tripId}/close:
    parameters: [{name: tripId, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: closed, content: {application/json: {schema: {$ref: '#/components/schemas/Trip'}}}}
        '409': {description: closed already}
  /trips/{tripId}/legs:
    parameters: [{name: tripId, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Leg'}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {$ref: '#/components/schemas/Leg'}}}}
  /trips/{tripId}/route:
    parameters: [{name: tripId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: printable, content: {text/plain: {schema: {type: string}}}}
  /trips/{tripId}/legs.txt:
    parameters: [{name: tripId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: the legs, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Trip:
      type: object
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        state: {type: string, enum: [open, closed], readOnly: true}
        legs_total: {type: integer, readOnly: true}
        total_km: {type: number, readOnly: true}
        longest_km: {type: number, readOnly: true, nullable: true}
        stops:
          type: integer
          readOnly: true
          description: The number of legs on the trip
        time:
          type: integer
          readOnly: true
          description: The sum of the legs' seconds
    Leg:
      type: object
      required: [town, km, seconds]
      properties:
        id: {type: integer, readOnly: true}
        town: {type: string}
        km: {type: number}
        seconds: {type: integer}
```
"""


def test_figures_over_nested_records_are_planned_for_every_answer_of_the_record() -> None:
    plans = plan_operations(openapi_document(DOC) or {})
    for key in ("GET /trips", "POST /trips", "GET /trips/{tripId}", "POST /trips/{tripId}/close"):
        assert plans[key]["counts"] == {"legs_total": "/trips/{}/legs", "stops": "/trips/{}/legs"}
        assert plans[key]["rollups"] == {
            "total_km": {"collection": "/trips/{}/legs", "field": "km", "how": "sum"},
            "longest_km": {"collection": "/trips/{}/legs", "field": "km", "how": "max"},
            "time": {"collection": "/trips/{}/legs", "field": "seconds", "how": "sum"},
        }


def test_a_figure_is_a_read_only_number_the_client_does_not_send() -> None:
    doc = yaml.safe_load(DOC.split("```yaml")[1].split("```")[0])
    doc["components"]["schemas"]["Trip"]["properties"]["total_km"].pop("readOnly")
    doc["paths"]["/trips"]["post"]["requestBody"]["content"]["application/json"]["schema"] = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "total_km": {"type": "number"}},
    }
    plans = plan_operations(doc)
    assert "total_km" not in plans["GET /trips/{tripId}"]["rollups"]  # the client sends it


def test_a_text_view_of_one_record_lists_its_nested_records_as_the_words_show() -> None:
    plans = plan_operations(openapi_document(DOC) or {})
    route = plans["GET /trips/{tripId}/route"]
    assert route["children"] == "/trips/{}/legs"
    assert route["child_line"] == "<#>. <town> (<seconds:mmss>)"
    assert route["headed"] is True
    legs = plans["GET /trips/{tripId}/legs.txt"]
    assert legs["pattern"] == "view" or legs["pattern"] == "list"


@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    with served(DOC) as client:
        yield client


def test_served_figures_follow_the_nested_records(api: httpx.Client) -> None:
    made = api.post("/trips", json={"name": "Coast"}).json()
    assert (made["legs_total"], made["stops"], made["total_km"], made["time"]) == (0, 0, 0, 0)
    assert made["longest_km"] is None  # nothing to compare yet, and it may be null
    trip = made["id"]
    api.post(f"/trips/{trip}/legs", json={"town": "Porto", "km": 120.5, "seconds": 185})
    api.post(f"/trips/{trip}/legs", json={"town": "Braga", "km": 60, "seconds": 61})
    read = api.get(f"/trips/{trip}").json()
    assert (read["legs_total"], read["stops"], read["total_km"], read["time"]) == (2, 2, 180.5, 246)
    assert read["longest_km"] == 120.5
    listed = api.get("/trips").json()["items"]
    assert [(t["name"], t["legs_total"], t["total_km"]) for t in listed] == [("Coast", 2, 180.5)]
    closed = api.post(f"/trips/{trip}/close").json()
    assert (closed["state"], closed["stops"]) == ("closed", 2)
    printed = api.get(f"/trips/{trip}/route")
    assert printed.text == "Coast\n1. Porto (3:05)\n2. Braga (1:01)\n"
    assert api.get(f"/trips/{trip}/legs.txt").text == "Porto (120.5)\nBraga (60)\n"


STATS = """
openapi: 3.1.0
info: {title: runs, version: '1'}
paths:
  /runs:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [day, minutes, distance_km]
              properties:
                day: {type: string, format: date}
                minutes: {type: integer}
                distance_km: {type: number}
      responses:
        '201': {description: logged}
  /runs/stats:
    get:
      responses:
        '200':
          description: my figures
          content:
            application/json:
              schema:
                type: object
                properties:
                  runs: {type: integer}
                  total_minutes: {type: integer}
                  avg_minutes: {type: number, nullable: true}
                  longest_km: {type: [number, 'null']}
                  last_run_on: {type: [string, 'null'], format: date}
                  effort: {type: integer, description: The sum of the minutes run}
"""


def test_a_summary_object_answers_the_figures_its_names_give() -> None:
    plan = plan_operations(openapi_document(STATS) or {})["GET /runs/stats"]
    assert plan["figures"] == {
        "runs": {"how": "count"},
        "total_minutes": {"how": "sum", "field": "minutes"},
        "avg_minutes": {"how": "avg", "field": "minutes"},
        "longest_km": {"how": "max", "field": "distance_km"},
        "last_run_on": {"how": "max", "field": "day"},
        "effort": {"how": "sum", "field": "minutes"},
    }


def test_served_summary_figures_null_until_there_are_records() -> None:
    with served(STATS) as api:
        empty = api.get("/runs/stats").json()
        assert empty == {
            "runs": 0,
            "total_minutes": 0,
            "avg_minutes": None,
            "longest_km": None,
            "last_run_on": None,
            "effort": 0,
        }
        api.post("/runs", json={"day": "2026-03-02", "minutes": 30, "distance_km": 5.5})
        api.post("/runs", json={"day": "2026-03-09", "minutes": 45, "distance_km": 8})
        api.post("/runs", json={"day": "2026-03-05", "minutes": 20, "distance_km": 3})
        figures = api.get("/runs/stats").json()
        assert figures == {
            "runs": 3,
            "total_minutes": 95,
            "avg_minutes": 31.67,
            "longest_km": 8,
            "last_run_on": "2026-03-09",
            "effort": 95,
        }
