"""Records below a record that holds only so many of them (`pipeline.contract.capacity`), the
order a list states with a second key for ties (`listing.sort_by`), the name of whoever made a
record said in words (`actors.mark_owner_names`), creates below a record that only its owner
may make (`actors.mark_parent_owner_only`), and an action open to every caller
(`states`). Own document, planned and served."""

from __future__ import annotations

import httpx

from pipeline.contract import openapi_document, plan_operations
from tests.contract.booted import served

DOC = """# Choir rehearsals

A director gets a key from `POST /directors` (201, with `key`); it goes in `X-Choir-Key`.

- `director` in responses is the name of the director who made the choir; clients never send it.
- A choir has `places`. `free_places` = places - singers. When the choir is full, adding a
  singer is 409.
- Only the director may add singers to a choir; other directors get 403.
- `GET /choirs/{id}/singers` lists them by `voice`, then by name when the voice is the same.
- Any director with a key can archive a choir (`POST /choirs/{id}/archive`).

```yaml
openapi: 3.0.3
info: {title: choirs, version: '1'}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Choir-Key}
  schemas:
    Choir:
      type: object
      properties:
        id: {type: integer}
        title: {type: string}
        places: {type: integer}
        free_places: {type: integer, readOnly: true}
        director: {type: string, readOnly: true}
        archived: {type: boolean, readOnly: true}
    Singer:
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
        voice: {type: string}
security: [{key: []}]
paths:
  /directors:
    post:
      security: []
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: {name: {type: string}}
      responses:
        '201':
          description: the key
          content:
            application/json:
              schema:
                type: object
                properties: {name: {type: string}, key: {type: string}}
  /choirs:
    get:
      security: []
      responses:
        '200':
          description: all choirs
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Choir'}}
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [title, places]
              properties: {title: {type: string}, places: {type: integer, minimum: 1}}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Choir'}
        '401': {description: no key}
  /choirs/{id}:
    get:
      security: []
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: the choir
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Choir'}
        '404': {description: none}
  /choirs/{id}/archive:
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: archived
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Choir'}
        '404': {description: none}
  /choirs/{id}/singers:
    get:
      security: []
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        '200':
          description: the singers
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Singer'}}
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name, voice]
              properties: {name: {type: string}, voice: {type: string}}
      responses:
        '201':
          description: added
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Singer'}
        '403': {description: not your choir}
        '409': {description: the choir is full}
```
"""


def test_the_words_plan_places_order_names_and_who_may_act() -> None:
    plans = plan_operations(openapi_document(DOC) or {})
    add = plans["POST /choirs/{id}/singers"]
    assert add["capacity"] == {"field": "places"} and add["parent_owner_only"] is True
    assert plans["GET /choirs/{id}"]["left_of"] == {"free_places": ["places", "/choirs/{}/singers"]}
    listed = plans["GET /choirs/{id}/singers"]
    assert (listed["sort_by"], listed["then_by"]) == ("voice", "name")
    assert plans["POST /choirs"]["owner_names"] == ["director"]
    assert plans["POST /choirs/{id}/archive"]["any_caller"] is True


def test_a_full_choir_takes_no_singer_and_only_its_director_adds_them() -> None:
    with served(DOC) as client:
        ann, bob = _key(client, "Ann"), _key(client, "Bob")
        made = client.post("/choirs", json={"title": "Basses", "places": 3}, headers=ann)
        assert made.status_code == 201, made.text
        choir = made.json()
        assert choir["director"] == "Ann" and choir["free_places"] == 3
        url = f"/choirs/{choir['id']}/singers"
        singer = {"name": "Zoe", "voice": "alto"}
        assert client.post(url, json=singer, headers=bob).status_code == 403
        for name, voice in (("Zoe", "alto"), ("Yan", "bass"), ("Abe", "alto")):
            added = client.post(url, json={"name": name, "voice": voice}, headers=ann)
            assert added.status_code == 201, added.text
        assert client.post(url, json=singer, headers=ann).status_code == 409
        assert client.get(f"/choirs/{choir['id']}").json()["free_places"] == 0
        assert [s["name"] for s in client.get(url).json()] == ["Abe", "Zoe", "Yan"]
        archived = client.post(f"/choirs/{choir['id']}/archive", headers=bob)
        assert archived.status_code == 200 and archived.json()["archived"] is True


def _key(client: httpx.Client, name: str) -> dict[str, str]:
    issued = client.post("/directors", json={"name": name})
    assert issued.status_code == 201, issued.text
    return {"X-Choir-Key": issued.json()["key"]}
