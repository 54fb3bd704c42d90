"""An action on an item that takes a body ("POST /coats/{id}/collect" with who collected it)
and answers the item: it moves the item's status, keeps what the body sends in the property
named for the verb ("collected_by"), answers 409 the second time, and checks its body. A POST
below an item answering a new record (201) is still a nested create. Own document."""

from __future__ import annotations

from pipeline.contract import openapi_document, plan_operations
from tests.contract.booted import served

DOC = """# Cloakroom

```yaml
openapi: 3.0.3
info: {title: cloakroom, version: '1'}
paths:
  /coats:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Coat'}}}}
      responses:
        '201': {description: checked in, content: {application/json: {schema: {$ref: '#/components/schemas/Coat'}}}}
  /coats/{coatId}:
    parameters: [{name: coatId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Coat'}}}}
  /coats/{coatId}/collect:
    parameters: [{name: coatId, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [collector], properties: {collector: {type: string, minLength: 2}}}
      responses:
        '200': {description: collected, content: {application/json: {schema: {$ref: '#/components/schemas/Coat'}}}}
        '409': {description: collected already}
        '422': {description: bad body}
  /coats/{coatId}/notes:
    parameters: [{name: coatId, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {text: {type: string}}}}}}
      responses:
        '201': {description: noted, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, text: {type: string}}}}}}
components:
  schemas:
    Coat:
      type: object
      required: [ticket]
      properties:
        id: {type: integer, readOnly: true}
        ticket: {type: string}
        status: {type: string, enum: [hanging, collected], default: hanging, readOnly: true}
        collected_by: {type: string, nullable: true, readOnly: true}
```
"""


def test_a_post_with_a_body_answering_the_item_is_an_action_on_it() -> None:
    plans = plan_operations(openapi_document(DOC) or {})
    collect = plans["POST /coats/{coatId}/collect"]
    assert collect["pattern"] == "transition" and collect["collection"] == "/coats"
    assert collect["set"] == {"status": "collected"}
    assert collect["from_body"] == {"collector": "collected_by"}
    assert plans["POST /coats/{coatId}/notes"]["pattern"] == "create"


def test_served_action_with_a_body() -> None:
    with served(DOC) as api:
        coat = api.post("/coats", json={"ticket": "A7"}).json()
        assert (coat["status"], coat["collected_by"]) == ("hanging", None)
        url = f"/coats/{coat['id']}/collect"
        assert api.post(url, json={"collector": "x"}).status_code == 422
        done = api.post(url, json={"collector": "Ola"})
        assert done.status_code == 200
        assert (done.json()["status"], done.json()["collected_by"]) == ("collected", "Ola")
        assert api.post(url, json={"collector": "Eve"}).status_code == 409
        assert api.get(f"/coats/{coat['id']}").json()["collected_by"] == "Ola"
        note = api.post(f"/coats/{coat['id']}/notes", json={"text": "wet"})
        assert note.status_code == 201


SELL = """```yaml
openapi: 3.0.3
info: {title: stall, version: '1'}
paths:
  /cakes:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Cake'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Cake'}}}}
  /cakes/{cakeId}/sell:
    parameters: [{name: cakeId, in: path, required: true, schema: {type: integer}}]
    post:
      summary: Sell some pieces; the stock goes down by the quantity and sold goes up
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {quantity: {type: integer, minimum: 1, default: 1}}}
      responses:
        '200': {description: sold, content: {application/json: {schema: {$ref: '#/components/schemas/Cake'}}}}
        '409': {description: not enough stock}
components:
  schemas:
    Cake:
      type: object
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        stock: {type: integer, minimum: 0, default: 0}
        sold: {type: integer, readOnly: true}
```
"""


def test_a_body_the_item_has_no_place_for_is_no_such_action() -> None:
    """A bake sale document: "POST /items/{id}/sell" with a quantity was built (it moves the
    stock) until the action-with-a-body reading took it, found nowhere to keep "quantity", and
    left it a 501 stub. The body's field must have a place on the item for that reading."""
    plans = plan_operations(openapi_document(SELL) or {})
    assert "POST /cakes/{cakeId}/sell" in plans
    assert plans["POST /cakes/{cakeId}/sell"].get("from_body") in (None, {})
