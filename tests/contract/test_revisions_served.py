"""An entity's numbered revisions and the filters and text lines its words define, served by a
project generated from an own document (booted in the sandbox): each PUT keeps a revision that
`GET .../versions` lists newest first and `GET .../versions/{n}` answers with its old values; a
PUT keeps the path value it names the record by; `author=` filters by who made a record;
`over=true` compares two properties; `max_litres` is the formula its words give; the text view
is `code<TAB>litres` lines sorted by code."""

from __future__ import annotations

import httpx
import pytest

from tests.contract.booted import bearer, served

DOC = """# Allotment plots

Each plot is named by its `code`. Any logged in user can see and edit every plot.
A PUT makes the next version; `base_version` older than the current one is refused with 409. `GET /plots/{code}/versions`
lists versions, newest first, each with `version`, `editor` and `comment`; one version by
number has the crop it had then. On `GET /plots`, `author` is the gardener who made the plot,
`over=true` = plots whose litres exceed their cap, and `max_litres` - litres <= value.
`GET /plots.tsv` is one line per plot: code, a tab, the litres, sorted by code.

```yaml
openapi: 3.0.3
info: {title: plots, version: '1'}
security: [{bearer: []}]
paths:
  /plots:
    get:
      parameters:
        - {name: author, in: query, schema: {type: string}}
        - {name: over, in: query, schema: {type: boolean}}
        - {name: max_litres, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Plot'}}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPlot'}
      responses:
        '201':
          description: made
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Plot'}
  /plots.tsv:
    get:
      responses:
        '200':
          description: lines
          content:
            text/plain:
              schema: {type: string}
  /plots/{code}:
    parameters:
      - {name: code, in: path, required: true, schema: {type: string}}
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Plot'}
        '404': {description: missing}
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                crop: {type: string}
                litres: {type: integer}
                cap: {type: integer}
                comment: {type: string}
                base_version: {type: integer}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Plot'}
        '404': {description: missing}
        '409': {description: stale}
  /plots/{code}/versions:
    get:
      parameters:
        - {name: code, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  properties:
                    version: {type: integer}
                    editor: {type: string}
                    comment: {type: string, nullable: true}
  /plots/{code}/versions/{n}:
    get:
      parameters:
        - {name: code, in: path, required: true, schema: {type: string}}
        - {name: n, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  version: {type: integer}
                  crop: {type: string}
        '404': {description: missing}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    NewPlot:
      type: object
      required: [code, crop]
      properties:
        code: {type: string}
        crop: {type: string}
        litres: {type: integer}
        cap: {type: integer}
    Plot:
      type: object
      properties:
        code: {type: string}
        crop: {type: string}
        litres: {type: integer}
        cap: {type: integer}
        version: {type: integer, readOnly: true}
        created_by: {type: string, readOnly: true}
```
"""
ANN, BOB = bearer("ann"), bearer("bob")


@pytest.fixture(scope="module")
def app() -> httpx.Client:
    with served(DOC) as client:
        client.post(
            "/plots", json={"code": "b2", "crop": "kale", "litres": 9, "cap": 5}, headers=ANN
        )
        client.post(
            "/plots", json={"code": "a1", "crop": "leek", "litres": 2, "cap": 5}, headers=BOB
        )
        yield client


def test_revisions_are_kept_listed_newest_first_and_read_by_number(app: httpx.Client) -> None:
    made = app.post("/plots", json={"code": "c3", "crop": "bean"}, headers=ANN).json()
    assert made["version"] == 1
    edited = app.put("/plots/c3", json={"crop": "pea", "comment": "swap"}, headers=BOB)
    assert edited.status_code == 200 and edited.json()["code"] == "c3"
    assert edited.json()["version"] == 2 and edited.json()["created_by"] == "ann"
    stale = app.put("/plots/c3", json={"crop": "oat", "base_version": 1}, headers=ANN)
    assert stale.status_code == 409
    listed = app.get("/plots/c3/versions", headers=ANN).json()
    assert [(v["version"], v["editor"], v["comment"]) for v in listed] == [
        (2, "bob", "swap"),
        (1, "ann", None),
    ]
    assert app.get("/plots/c3/versions/1", headers=ANN).json() == {"version": 1, "crop": "bean"}
    assert app.get("/plots/c3/versions/7", headers=ANN).status_code == 404


def test_filters_defined_in_words(app: httpx.Client) -> None:
    by_ann = app.get("/plots", params={"author": "ann"}, headers=BOB).json()
    assert "b2" in [p["code"] for p in by_ann] and "a1" not in [p["code"] for p in by_ann]
    over = [p["code"] for p in app.get("/plots", params={"over": "true"}, headers=ANN).json()]
    assert "b2" in over and "a1" not in over
    small = app.get("/plots", params={"max_litres": 3}, headers=ANN).json()
    assert [p["code"] for p in small] == ["a1"]


def test_a_text_view_is_laid_out_and_sorted_as_its_words_say(app: httpx.Client) -> None:
    text = app.get("/plots.tsv", headers=ANN)
    assert text.headers["content-type"].startswith("text/plain")
    lines = text.text.splitlines()
    assert lines.index("a1\t2") < lines.index("b2\t9")
