"""Nested records open until an action ends them: a rental of a bike until it is ended. One
open at a time under a bike (409), the bike says whether it is in use, ending answers the
rental with its end date then 409, and the rider or the bike's owner may end it (403 for
others). The rental is made by a POST with no body that answers 201 with the new record. Own
document, planned and served."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pipeline.contract import openapi_document, plan_operations
from tests.contract.booted import served

DOC = """# Bike share

Members sign up and log in for a token. Everyone signed in sees every bike. A member rents a bike
that is not theirs; a bike rented and not ended yet cannot be rented again (409). The rider or
the bike's owner ends the rental.

```yaml
openapi: 3.0.3
info: {title: bikes, version: '1'}
security: [{bearer: []}]
paths:
  /signup:
    post:
      security: []
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Login'}}}}
      responses:
        '201': {description: made}
        '409': {description: taken}
  /login:
    post:
      security: []
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Login'}}}}
      responses:
        '200': {description: token, content: {application/json: {schema: {type: object, properties: {token: {type: string}}}}}}
  /bikes:
    get:
      responses:
        '200': {description: all bikes, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Bike'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Bike'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Bike'}}}}
  /bikes/{bikeId}:
    parameters: [{name: bikeId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Bike'}}}}
  /bikes/{bikeId}/rentals:
    parameters: [{name: bikeId, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '201': {description: rented, content: {application/json: {schema: {$ref: '#/components/schemas/Rental'}}}}
        '403': {description: your own bike}
        '409': {description: in use}
  /bikes/{bikeId}/rentals/{rentalId}/end:
    parameters:
      - {name: bikeId, in: path, required: true, schema: {type: integer}}
      - {name: rentalId, in: path, required: true, schema: {type: integer}}
    post:
      responses:
        '200': {description: ended, content: {application/json: {schema: {$ref: '#/components/schemas/Rental'}}}}
        '403': {description: neither rider nor owner}
        '409': {description: ended already}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Login:
      type: object
      required: [username, password]
      properties:
        username: {type: string}
        password: {type: string}
    Bike:
      type: object
      required: [label]
      properties:
        id: {type: integer, readOnly: true}
        label: {type: string}
        in_use: {type: boolean, readOnly: true}
        rides: {type: integer, readOnly: true, description: how many rentals it ever had}
    Rental:
      type: object
      properties:
        id: {type: integer}
        bike_id: {type: integer}
        started_at: {type: string, format: date-time}
        ended_at: {type: string, format: date-time, nullable: true}
```
"""


def test_an_end_date_makes_rentals_open_until_ended() -> None:
    plans = plan_operations(openapi_document(DOC) or {})
    assert plans["POST /bikes/{bikeId}/rentals"]["one_open"] == "ended_at"
    flags = {"in_use": ["/bikes/{}/rentals", "ended_at", True]}
    assert plans["GET /bikes"]["open_children"] == flags
    assert plans["GET /bikes/{bikeId}"]["open_children"] == flags
    end = plans["POST /bikes/{bikeId}/rentals/{rentalId}/end"]
    assert end["pattern"] == "transition" and end["stamp"] == ["ended_at"]
    assert end["parent_owner_too"] is True


@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    with served(DOC) as client:
        yield client


def _member(api: httpx.Client, name: str) -> dict[str, str]:
    api.post("/signup", json={"username": name, "password": "pw-" + name})
    token = api.post("/login", json={"username": name, "password": "pw-" + name}).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_served_rentals_open_and_end(api: httpx.Client) -> None:
    ann, bob, cid = (_member(api, n) for n in ("ann", "bob", "cid"))
    bike = api.post("/bikes", json={"label": "red"}, headers=ann).json()
    assert bike["in_use"] is False and bike["rides"] == 0
    rentals = f"/bikes/{bike['id']}/rentals"
    assert api.post(rentals, headers=ann).status_code == 403  # her own bike
    rental = api.post(rentals, headers=bob)
    assert rental.status_code == 201 and rental.json()["ended_at"] is None
    assert api.post(rentals, headers=cid).status_code == 409  # in use
    assert api.get(f"/bikes/{bike['id']}", headers=cid).json()["in_use"] is True
    end = f"{rentals}/{rental.json()['id']}/end"
    assert api.post(end, headers=cid).status_code == 403
    ended = api.post(end, headers=ann)  # the bike's owner
    assert ended.status_code == 200 and ended.json()["ended_at"] is not None
    assert api.post(end, headers=bob).status_code == 409
    assert api.get("/bikes", headers=cid).json()[0]["in_use"] is False
    assert api.post(rentals, headers=bob).status_code == 201  # a second rental, once ended
    assert api.get(f"/bikes/{bike['id']}", headers=cid).json()["rides"] == 2
