"""Behaviour an OpenAPI issue states in its words, not its schemas, served as the words say:
an action moving counts by the amount sent ("stock goes down by that much and `sold` goes up";
409 and nothing changes when there is not enough), a date an action stamps ("sets `finished_on`
to today"), a page of only the items "that still have stock", a yes/no filter "with stock
left", a value between two properties ("min_players ≤ n ≤ max_players"), a low bound above its
high one refused (400 where the 400 answer names it), `Title by Author` lines "in title order",
an item's report of the records below it, one line each "like `2030-05-01 pH 7.2`", oldest
first, records without a value sorted last, a default written beside a `$ref`; and, between
two signed-in people, a claim ("`assignee` = my name"; 409 when someone else holds it), the one
person who may act ("only the assignee can do this", else 403), `mine=true` meaning "assigned
to me", a 409 the words give for the same title twice, and an owner shown by username. Own
documents."""

from __future__ import annotations

import datetime as dt

from pipeline.contract import openapi_document, plan_operations
from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.listing import prose_naming_path
from pipeline.contract.schemas import Schemas
from tests.contract.booted import bearer, served

SHOP = """# Stall

- selling: `POST /items/{id}/sell` with `{"quantity": 2}`. Stock goes down by that much and
  `sold` goes up. If there isn't enough stock left, 409 and nothing changes.
- `GET /items` filters: `in_stock=true` (only things with stock left), `players` (games for that
  many people, i.e. min_players ≤ n ≤ max_players). Items without a shelf come last.
- `GET /board` is an HTML page: every item that still has stock, with name and price.
- `POST /items/{id}/finish` marks it finished and sets `finished_on` to today.
- `GET /items/export` is plain text, one line per item: `Name by Maker`, in name order.
- `GET /items/{id}/report` is plain text, one line per check, oldest first, like
  `2030-05-01 temp 7.5 humidity 40`.

```yaml
openapi: 3.1.0
info: {title: stall, version: '1'}
paths:
  /items:
    get:
      parameters:
        - {name: in_stock, in: query, schema: {type: boolean}}
        - {name: players, in: query, schema: {type: integer}}
        - {name: sort, in: query, schema: {type: string, enum: [shelf]}}
      responses:
        '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Item'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/ItemIn'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '400': {description: min_players is more than max_players}
        '422': {description: bad input}
  /items/export:
    get:
      responses:
        '200': {description: lines, content: {text/plain: {schema: {type: string}}}}
  /items/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
  /items/{id}/sell:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {quantity: {type: integer, minimum: 1, default: 1}}}
      responses:
        '200': {description: sold, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '409': {description: not enough stock}
  /items/{id}/finish:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: done, content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
        '409': {description: finished already}
  /items/{id}/checks:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Check'}}}}
      responses:
        '201': {description: logged, content: {application/json: {schema: {$ref: '#/components/schemas/Check'}}}}
  /items/{id}/report:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: lines, content: {text/plain: {schema: {type: string}}}}
  /items/{id}/summary:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: figures, content: {text/plain: {schema: {type: string}}}}
  /board:
    get:
      responses:
        '200': {description: page, content: {text/html: {schema: {type: string}}}}
components:
  schemas:
    Kind: {type: string, enum: [cake, bread]}
    ItemIn:
      type: object
      required: [name]
      properties:
        name: {type: string}
        maker: {type: string}
        shelf: {type: [integer, 'null']}
        stock: {type: integer, minimum: 0, default: 0}
        kind: {$ref: '#/components/schemas/Kind', default: bread}
        min_players: {type: integer, default: 1}
        max_players: {type: integer, default: 9}
    Item:
      allOf:
        - $ref: '#/components/schemas/ItemIn'
        - type: object
          properties:
            id: {type: integer}
            sold: {type: integer, description: pieces sold so far}
            status: {type: string, enum: [open, finished], default: open}
            finished_on: {type: [string, 'null'], format: date}
    Check:
      type: object
      required: [taken_on, temp]
      properties:
        id: {type: integer, readOnly: true}
        taken_on: {type: string, format: date}
        temp: {type: number}
        humidity_pct: {type: integer}
```
"""


def test_the_words_become_plans() -> None:
    plans = plan_operations(openapi_document(SHOP) or {})
    sell = plans["POST /items/{id}/sell"]
    assert sell["pattern"] == "transition"
    assert (sell["count"], sell["by"]) == ({"stock": -1, "sold": 1}, "quantity")
    assert plans["POST /items/{id}/finish"]["stamp"] == ["finished_on"]
    assert plans["GET /board"]["where"] == ["stock", "gt", 0]
    listing = plans["GET /items"]
    assert listing["conditions"]["in_stock"] == ["stock", "gt", 0]
    assert listing["compares"]["players"] == [["min_players", "le"], ["max_players", "ge"]]
    assert plans["POST /items"]["bounds"] == [["min_players", "max_players"]]
    assert plans["POST /items"]["bounds_status"] == 400
    export = plans["GET /items/export"]
    assert (export["line"], export["sort_by"]) == ("<name> by <maker>", "name")
    report = plans["GET /items/{id}/report"]
    assert report["child_line"] == "<taken_on> temp <temp> humidity <humidity_pct>"
    assert report["child_order"] == ["taken_on", False]
    assert "GET /items/{id}/summary" not in plans  # figures nothing here computes: a 501


def test_the_words_are_served() -> None:
    with served(SHOP) as api:
        cake = api.post("/items", json={"name": "Cake", "maker": "Olek", "stock": 3}).json()
        assert (cake["kind"], cake["sold"]) == ("bread", 0)  # the default beside the `$ref`
        url = f"/items/{cake['id']}/sell"
        sold = api.post(url, json={"quantity": 2}).json()
        assert (sold["stock"], sold["sold"]) == (1, 2)
        assert api.post(url, json={"quantity": 2}).status_code == 409
        assert api.get(f"/items/{cake['id']}").json()["stock"] == 1  # nothing changed
        api.post(url, json={})  # the quantity's default, 1
        bun = api.post("/items", json={"name": "Bun", "maker": "Ann", "stock": 5, "shelf": 2})
        bun = bun.json()
        assert [i["id"] for i in api.get("/items", params={"in_stock": True}).json()] == [bun["id"]]
        board = api.get("/board").text
        assert "Bun" in board and "Cake" not in board
        assert [i["id"] for i in api.get("/items", params={"sort": "shelf"}).json()] == [
            bun["id"],
            cake["id"],
        ]
        duel = {"name": "Duel", "min_players": 2, "max_players": 2}
        duel = api.post("/items", json=duel).json()
        kept = [i["id"] for i in api.get("/items", params={"players": 2}).json()]
        assert duel["id"] in kept and api.get("/items", params={"players": 3}).status_code == 200
        assert duel["id"] not in [i["id"] for i in api.get("/items", params={"players": 3}).json()]
        bad = {"name": "Odd", "min_players": 5, "max_players": 2}
        assert api.post("/items", json=bad).status_code == 400
        assert api.post("/items", json={"name": 7}).status_code == 422
        done = api.post(f"/items/{bun['id']}/finish").json()
        assert done["status"] == "finished"
        assert abs((dt.date.fromisoformat(done["finished_on"]) - dt.date.today()).days) <= 1
        assert api.post(f"/items/{bun['id']}/finish").status_code == 409
        lines = api.get("/items/export").text.splitlines()
        assert lines[:3] == ["Bun by Ann", "Cake by Olek", "Duel by "]
        checks = f"/items/{cake['id']}/checks"
        api.post(checks, json={"taken_on": "2030-05-09", "temp": 8.5, "humidity_pct": 41})
        api.post(checks, json={"taken_on": "2030-05-01", "temp": 7.5, "humidity_pct": 40})
        report = api.get(f"/items/{cake['id']}/report")
        assert report.headers["content-type"].startswith("text/plain")
        assert report.text.splitlines() == [
            "2030-05-01 temp 7.5 humidity 40",
            "2030-05-09 temp 8.5 humidity 41",
        ]
        assert api.get(f"/items/{cake['id']}/summary").status_code == 501


CHORES = """# Chores

Everybody in the flat has an account and sees the same chores.

- `POST /chores/{id}/claim`: the chore becomes mine (`assignee` = my name). Someone else's → 409.
- `POST /chores/{id}/done`: only the assignee can do this, everybody else gets 403.
- `GET /chores` filters: `mine=true` (assigned to me).

- `GET /games` is open to everybody. Adding a game: `owner` is the username of whoever added
  it. The same title twice → 409.

```yaml
openapi: 3.0.3
info: {title: flat, version: '1'}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Chore:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        title: {type: string}
        assignee: {type: string, nullable: true, readOnly: true}
        done: {type: boolean, readOnly: true}
    Game:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        title: {type: string}
        owner: {type: string, readOnly: true}
security: [{bearer: []}]
paths:
  /chores:
    get:
      parameters: [{name: mine, in: query, schema: {type: boolean}}]
      responses:
        '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Chore'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Chore'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Chore'}}}}
  /chores/{id}/claim:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: mine, content: {application/json: {schema: {$ref: '#/components/schemas/Chore'}}}}
        '409': {description: someone else has it}
  /chores/{id}/done:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: done, content: {application/json: {schema: {$ref: '#/components/schemas/Chore'}}}}
        '403': {description: not yours}
        '409': {description: done already}
  /games:
    get:
      security: []
      responses:
        '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Game'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Game'}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {$ref: '#/components/schemas/Game'}}}}
        '409': {description: conflict}
```
"""


def test_who_acts_is_read_from_the_words() -> None:
    plans = plan_operations(openapi_document(CHORES) or {})
    assert plans["POST /chores/{id}/claim"]["claim"] == "assignee"
    assert plans["POST /chores/{id}/done"]["actor"] == "assignee"
    assert plans["POST /chores/{id}/done"]["set"] == {"done": True}
    assert plans["GET /chores"]["mine_field"] == "assignee"
    assert plans["GET /chores"]["shared"] is True  # "sees the same chores"
    assert "shared" not in plans["POST /games"]
    assert plans["POST /games"]["unique"] == ["title"]
    assert plans["POST /games"]["seen_by_all"] is True
    assert plans["POST /games"]["login_names"] == ["owner"]


def test_two_people_share_the_board_and_take_turns() -> None:
    ann, bob = bearer("ann"), bearer("bob")
    with served(CHORES) as api:
        chore = api.post("/chores", json={"title": "Bins"}, headers=ann).json()
        other = api.post("/chores", json={"title": "Hob"}, headers=ann).json()
        assert api.get("/chores", headers=bob).status_code == 200
        assert {c["id"] for c in api.get("/chores", headers=bob).json()} >= {chore["id"]}
        done = f"/chores/{chore['id']}/done"
        assert api.post(done, headers=bob).status_code == 403  # nobody claimed it yet
        claimed = api.post(f"/chores/{chore['id']}/claim", headers=bob)
        assert claimed.status_code == 200 and claimed.json()["assignee"] == "bob"
        assert api.post(f"/chores/{chore['id']}/claim", headers=bob).status_code == 200
        assert api.post(f"/chores/{chore['id']}/claim", headers=ann).status_code == 409
        assert api.post(done, headers=ann).status_code == 403
        assert api.post(done, headers=bob).json()["done"] is True
        assert api.post(done, headers=bob).status_code == 409
        mine = api.get("/chores", params={"mine": True}, headers=bob).json()
        assert [c["id"] for c in mine] == [chore["id"]]
        assert other["id"] not in [c["id"] for c in mine]
        game = api.post("/games", json={"title": "Go"}, headers=ann)
        assert game.status_code == 201 and game.json()["owner"] == "ann"
        assert api.post("/games", json={"title": "GO"}, headers=bob).status_code == 409


def test_words_name_a_path_with_its_parameters_by_any_name() -> None:
    """ "`GET /tanks/{id}/readings` is newest `taken_on` first" is about the document's
    `/tanks/{tank_id}/readings`; `/tanks/{id}/readings/latest` is another path."""
    prose = "- `GET /tanks/{id}/readings` is newest first.\n- `/tanks/{id}/readings/latest` too."
    op = ApiOperation(method="GET", path="/tanks/{tank_id}/readings")
    said = prose_naming_path(op, Schemas({PROSE: prose}))
    assert said == ["- `GET /tanks/{id}/readings` is newest first."]


STUDIO = """# Studio

Every signed-in band can read every booking. A room can only be booked once per date and slot:
a second booking for the same room, date and slot answers 409. Each booking shows the booking
band's name in `band`. Only the band that booked may withdraw it.

A show that still has episodes can't be deleted (409). A job can only be deleted while it is
still waiting; otherwise 409.

```yaml
openapi: 3.0.3
info: {title: studio, version: '1'}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Booking:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        room: {type: string}
        date: {type: string, format: date}
        slot: {type: string, enum: [morning, evening]}
        band: {type: string, readOnly: true, description: the booking band's name}
        state: {type: string, enum: [booked, withdrawn], readOnly: true}
    Show:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        title: {type: string}
    Job:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        bike: {type: string}
        status: {type: string, enum: [waiting, done], default: waiting, readOnly: true}
security: [{bearer: []}]
paths:
  /bookings:
    get:
      responses:
        '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Booking'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Booking'}}}}
      responses:
        '201': {description: booked, content: {application/json: {schema: {$ref: '#/components/schemas/Booking'}}}}
        '409': {description: taken}
  /bookings/{id}/withdraw:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: withdrawn, content: {application/json: {schema: {$ref: '#/components/schemas/Booking'}}}}
        '403': {description: not yours}
  /shows:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Show'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Show'}}}}
  /shows/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    delete:
      responses:
        '204': {description: gone}
        '409': {description: it still has episodes}
  /shows/{id}/episodes:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {title: {type: string}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, title: {type: string}}}}}}
  /jobs:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
  /jobs/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    delete:
      responses:
        '204': {description: gone}
        '409': {description: not waiting}
  /jobs/{id}/done:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: done, content: {application/json: {schema: {$ref: '#/components/schemas/Job'}}}}
```
"""


def test_together_taken_owner_names_and_delete_guards_are_read() -> None:
    plans = plan_operations(openapi_document(STUDIO) or {})
    assert plans["GET /bookings"]["shared"] is True  # "can read every booking"
    assert plans["POST /bookings"]["unique"] == [["room", "date", "slot"]]
    assert plans["POST /bookings"]["owner_names"] == ["band"]
    withdraw = plans["POST /bookings/{id}/withdraw"]
    assert (withdraw["set"], withdraw["actor"]) == ({"state": "withdrawn"}, "band")
    assert plans["DELETE /shows/{id}"]["kept_by"] == ["/shows/{}/episodes"]
    assert plans["DELETE /jobs/{id}"]["only_when"] == {"status": "waiting"}


def test_together_taken_owner_names_and_delete_guards_are_served() -> None:
    ann, bob = bearer("ann"), bearer("bob")
    with served(STUDIO) as api:
        slot = {"room": "big", "date": "2031-01-02", "slot": "morning"}
        booked = api.post("/bookings", json=slot, headers=ann)
        assert booked.status_code == 201 and booked.json()["band"] == "ann"
        assert api.post("/bookings", json=slot, headers=bob).status_code == 409
        evening = api.post("/bookings", json={**slot, "slot": "evening"}, headers=bob)
        assert evening.status_code == 201  # another slot: free
        assert len(api.get("/bookings", headers=bob).json()) == 2
        withdraw = f"/bookings/{booked.json()['id']}/withdraw"
        assert api.post(withdraw, headers=bob).status_code == 403
        assert api.post(withdraw, headers=ann).json()["state"] == "withdrawn"
        show = api.post("/shows", json={"title": "Deep"}, headers=ann).json()
        api.post(f"/shows/{show['id']}/episodes", json={"title": "One"}, headers=ann)
        assert api.delete(f"/shows/{show['id']}", headers=ann).status_code == 409
        empty = api.post("/shows", json={"title": "Empty"}, headers=ann).json()
        assert api.delete(f"/shows/{empty['id']}", headers=ann).status_code == 204
        job = api.post("/jobs", json={"bike": "red"}, headers=ann).json()
        other = api.post("/jobs", json={"bike": "blue"}, headers=ann).json()
        api.post(f"/jobs/{job['id']}/done", headers=ann)
        assert api.delete(f"/jobs/{job['id']}", headers=ann).status_code == 409
        assert api.delete(f"/jobs/{other['id']}", headers=ann).status_code == 204
