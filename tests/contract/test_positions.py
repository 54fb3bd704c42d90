"""Nested records with a read-only place among their siblings (`position`, `rank`): 1, 2, 3 in
the order they were added under the same record above, and a removed one leaves no gap. Own
document, served."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.contract.booted import served

DOC = """# Queues

Boards hold steps (numbered by `position`) and lanes hold cards (numbered by `rank`).

```yaml
openapi: 3.1.0
info: {title: queues, version: '1'}
paths:
  /boards:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Named'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Named'}}}}
  /boards/{boardId}/steps:
    parameters: [{name: boardId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: in order, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Step'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Step'}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {$ref: '#/components/schemas/Step'}}}}
  /boards/{boardId}/steps/{stepId}:
    parameters:
      - {name: boardId, in: path, required: true, schema: {type: integer}}
      - {name: stepId, in: path, required: true, schema: {type: integer}}
    delete:
      responses:
        '204': {description: removed}
  /lanes:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Named'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Named'}}}}
  /lanes/{laneId}/cards:
    parameters: [{name: laneId, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: in order, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Card'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Card'}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {$ref: '#/components/schemas/Card'}}}}
  /lanes/{laneId}/cards/{cardId}:
    parameters:
      - {name: laneId, in: path, required: true, schema: {type: integer}}
      - {name: cardId, in: path, required: true, schema: {type: integer}}
    delete:
      responses:
        '204': {description: removed}
components:
  schemas:
    Named:
      type: object
      required: [name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
    Step:
      type: object
      required: [text]
      properties:
        id: {type: integer, readOnly: true}
        text: {type: string}
        position: {type: integer, readOnly: true}
    Card:
      type: object
      required: [text]
      properties:
        id: {type: integer, readOnly: true}
        text: {type: string}
        rank: {type: integer, readOnly: true}
```
"""


@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    with served(DOC) as client:
        yield client


@pytest.mark.parametrize(
    ("parents", "items", "place"), [("boards", "steps", "position"), ("lanes", "cards", "rank")]
)
def test_places_count_from_one_under_each_parent_and_close_after_a_delete(
    api: httpx.Client, parents: str, items: str, place: str
) -> None:
    first = api.post(f"/{parents}", json={"name": "one"}).json()["id"]
    other = api.post(f"/{parents}", json={"name": "two"}).json()["id"]
    made = [api.post(f"/{parents}/{first}/{items}", json={"text": t}).json() for t in "abc"]
    assert [m[place] for m in made] == [1, 2, 3]
    beside = api.post(f"/{parents}/{other}/{items}", json={"text": "d", place: 9}).json()
    assert beside[place] == 1  # its own parent's first; what was sent is ignored
    assert api.delete(f"/{parents}/{first}/{items}/{made[1]['id']}").status_code == 204
    listed = api.get(f"/{parents}/{first}/{items}").json()
    assert [(r["text"], r[place]) for r in listed] == [("a", 1), ("c", 2)]
