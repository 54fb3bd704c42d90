"""A list envelope whose figures sit one level down (`{data, meta: {total, page, per_page}}`,
`{results, pagination: {count, limit, offset}}`), and records whose path names them by a
read-only key the app makes (`/gadgets/{code}` with `code: readOnly`): the answers carry the
key, `Location` points at it and the path reads the record. Own document, served."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.contract.booted import served

DOC = """# Workshop

Gadgets and kits, no sign-in. The app makes each gadget's `code` and each kit's `ref`.

```yaml
openapi: 3.0.3
info: {title: workshop, version: '1'}
paths:
  /gadgets:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer, default: 1, minimum: 1}}
        - {name: per_page, in: query, schema: {type: integer, default: 10, minimum: 1}}
      responses:
        '200':
          description: a page of gadgets
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Gadget'}}
                  meta:
                    type: object
                    properties:
                      total: {type: integer}
                      page: {type: integer}
                      per_page: {type: integer}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Gadget'}
      responses:
        '201':
          description: made
          headers:
            Location: {schema: {type: string}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Gadget'}
  /gadgets/{code}:
    get:
      parameters:
        - {name: code, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: one gadget
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Gadget'}
        '404': {description: no such gadget}
  /kits:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, default: 20}}
        - {name: offset, in: query, schema: {type: integer, default: 0}}
      responses:
        '200':
          description: kits
          content:
            application/json:
              schema: {$ref: '#/components/schemas/KitPage'}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Kit'}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Kit'}
  /kits/{ref}:
    get:
      parameters:
        - {name: ref, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: one kit
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Kit'}
        '404': {description: no such kit}
components:
  schemas:
    Gadget:
      type: object
      required: [name]
      properties:
        code: {type: string, readOnly: true}
        name: {type: string}
    Kit:
      type: object
      required: [title]
      properties:
        ref: {type: string, readOnly: true}
        title: {type: string}
    Paging:
      type: object
      properties:
        count: {type: integer}
        limit: {type: integer}
        offset: {type: integer}
    KitPage:
      type: object
      properties:
        results: {type: array, items: {$ref: '#/components/schemas/Kit'}}
        pagination: {$ref: '#/components/schemas/Paging'}
```
"""


@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    with served(DOC) as client:
        yield client


def test_a_record_answers_the_key_the_app_made_and_is_read_by_it(api: httpx.Client) -> None:
    made = api.post("/gadgets", json={"name": "lamp", "code": "mine"})
    assert made.status_code == 201
    code = made.json()["code"]
    assert code and code != "mine"  # read-only: what was sent is ignored
    assert made.headers["location"] == f"/gadgets/{code}"
    got = api.get(f"/gadgets/{code}")
    assert got.status_code == 200 and got.json() == {"code": code, "name": "lamp"}


def test_a_second_collection_keyed_by_another_name(api: httpx.Client) -> None:
    ref = api.post("/kits", json={"title": "starter"}).json()["ref"]
    assert api.get(f"/kits/{ref}").json() == {"ref": ref, "title": "starter"}
    assert api.get("/kits/nothing-here").status_code == 404


def test_the_figures_of_a_nested_meta_object_are_filled(api: httpx.Client) -> None:
    for name in ("a", "b", "c"):
        api.post("/gadgets", json={"name": name})
    total = len(api.get("/gadgets", params={"per_page": 100}).json()["data"])
    second = api.get("/gadgets", params={"page": 2, "per_page": 2}).json()
    assert second["meta"] == {"total": total, "page": 2, "per_page": 2}
    assert len(second["data"]) == min(2, total - 2)
    assert all(row["code"] for row in second["data"])


def test_the_figures_of_a_referenced_pagination_object_are_filled(api: httpx.Client) -> None:
    api.post("/kits", json={"title": "one"})
    api.post("/kits", json={"title": "two"})
    listed = api.get("/kits", params={"limit": 1, "offset": 1}).json()
    total = listed["pagination"]["count"]
    assert total >= 2 and listed["pagination"] == {"count": total, "limit": 1, "offset": 1}
    assert len(listed["results"]) == 1
