"""Actions on an item that move its state (`pipeline.contract.states`): the states an action may
start from, read from its 409 answer ("not broken") and the sentences about it ("switching a
lamp that is already on is 409", "(`off` → `on`)"); the state a verb names none of, read from
the words ("puts it back to `off`"); counts it bumps ("increments `repairs`") and properties it
empties ("with `fault: null`"). Own document, planned and served."""

from __future__ import annotations

import httpx

from pipeline.contract import openapi_document, plan_operations
from pipeline.parse import parse_spec
from tests.contract.booted import served

DOC = """# Street lamps

The council's depot keeps its lamps here, no login. A new lamp is `off`.

- `POST /lamps/{id}/switch` (`off` → `on`). Switching a lamp that is already on is 409.
- `POST /lamps/{id}/fail` marks it broken; a broken lamp cannot fail again (409).
- `POST /lamps/{id}/repair` puts it back to `off` with `fault: null` and increments `repairs`.

```yaml
openapi: 3.0.3
info: {title: lamps, version: '1'}
paths:
  /lamps:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [street]
              properties:
                street: {type: string}
                fault: {type: string, nullable: true}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Lamp'}
  /lamps/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: the lamp
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Lamp'}
        '404': {description: no such lamp}
  /lamps/{id}/switch:
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: switched
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Lamp'}
        '409': {description: wrong state}
  /lamps/{id}/fail:
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: failed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Lamp'}
        '409': {description: broken already}
  /lamps/{id}/repair:
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: repaired
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Lamp'}
        '409': {description: Lamp is not broken}
components:
  schemas:
    Lamp:
      type: object
      properties:
        id: {type: integer}
        street: {type: string}
        fault: {type: string, nullable: true}
        kind: {type: string, enum: [led, sodium]}
        state: {type: string, enum: ['off', 'on', broken], default: 'off'}
        repairs: {type: integer}
```
"""


def test_the_words_give_each_action_its_states() -> None:
    plans = plan_operations(openapi_document(DOC) or {})
    switch = plans["POST /lamps/{id}/switch"]
    assert switch["set"] == {"state": "on"} and switch["only_from"] == {"state": ["off"]}
    repair = plans["POST /lamps/{id}/repair"]
    assert repair["set"] == {"fault": None, "state": "off"}
    assert repair["only_from"] == {"state": ["broken"]} and repair["count"] == {"repairs": 1}
    assert plans["POST /lamps"]["zero"] == ["repairs"]


def test_an_action_refuses_a_state_it_may_not_start_from() -> None:
    with served(DOC) as client:
        lamp = client.post("/lamps", json={"street": "Mill Lane", "fault": None}).json()
        url = f"/lamps/{lamp['id']}"
        assert lamp["state"] == "off" and lamp["repairs"] == 0
        assert client.post(f"{url}/repair").status_code == 409  # not broken
        on = client.post(f"{url}/switch")
        assert on.status_code == 200 and on.json()["state"] == "on"
        assert client.post(f"{url}/switch").status_code == 409  # on already
        assert _state(client.post(f"{url}/fail")) == "broken"
        assert client.post(f"{url}/fail").status_code == 409
        assert client.post(f"{url}/switch").status_code == 409  # only from off
        repaired = client.post(f"{url}/repair")
        assert repaired.status_code == 200
        assert repaired.json()["state"] == "off" and repaired.json()["repairs"] == 1
        assert _state(client.post(f"{url}/switch")) == "on"


def _state(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    return str(response.json()["state"])


def test_the_words_around_a_document_add_no_entity() -> None:
    # the document's schemas are the entities; "every path under `/lamps/{id}`" is no thing
    words = "A lamp of another depot answers 404 on every path under `/lamps/{id}`.\n\n"
    spec = parse_spec(words + DOC)
    assert [e.name for e in spec.entities] == ["Lamp"]
