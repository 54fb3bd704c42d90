"""What a shared board's words say, read and served: records others may see but not change
(their writes declare 403: a shared board, with no sentence saying so), a number the record
computes ("`total_cm` is `strips * strip_cm`"), what "GET /members/me" counts and adds up over
the caller's records, an action taking the record's own amount away (`strips`, 1 by default,
409 when not enough), a state that refuses changes ("a finished quilt can't be edited"),
records below anyone reads and adds, a count of only the open ones, a delete refused while open
ones are there, taking back one's own ("DELETE .../likes/mine"), the maker shown by username,
a default order said after the path's sentence, and a key sign-up refusing an email taken in
another case. Own document."""

from __future__ import annotations

import httpx

from pipeline.contract import openapi_document, plan_operations
from tests.contract.booted import served

QUILTS = """Quilting bee

- Sign up with `POST /members` (name + email) to get an `api_key`, sent as `X-Bee-Key`. The
  same email twice (any case) is 409.
- `GET /quilts` is a plain array.
  Default order is by name A-Z, then colour A-Z. `min_cm` keeps quilts whose total_cm is at
  least that.
- `total_cm` is `strips * strip_cm`. `maker` is the username.
- `POST /quilts/{id}/use` takes strips for a block. 409 when there are not enough.
- A finished quilt can't be edited: PATCH answers 409.
- Anyone can leave a note on any quilt; `open_notes` is how many notes are not done yet. A
  quilt can't be deleted while it still has open notes (409).
- `DELETE /quilts/{id}/likes/mine` takes my like back; 404 when I never liked it.
- `GET /members/me` shows `quilt_count` and `total_cm` over my quilts.
- `GET /quilts/{id}/tag` is the tag we pin on it, plain text:

  ```
  Name: <name>
  Maker: <maker's name>
  Length: <total_cm> cm
  ```

```yaml
openapi: 3.0.3
info: {title: bee, version: '1'}
security: [{key: []}]
paths:
  /members:
    post:
      security: []
      requestBody: {required: true, content: {application/json: {schema: {type: object, required: [name, email], properties: {name: {type: string}, email: {type: string}}}}}}
      responses:
        '201': {description: key, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, api_key: {type: string}}}}}}
        '409': {description: email taken}
  /members/me:
    get:
      responses:
        '200': {description: me, content: {application/json: {schema: {type: object, properties: {name: {type: string}, quilt_count: {type: integer}, total_cm: {type: integer}}}}}}
  /quilts:
    get:
      parameters:
        - {name: min_cm, in: query, schema: {type: integer}}
      responses:
        '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Quilt'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/QuiltIn'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Quilt'}}}}
  /quilts/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Quilt'}}}}
        '404': {description: none}
    patch:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/QuiltIn'}}}}
      responses:
        '200': {description: changed, content: {application/json: {schema: {$ref: '#/components/schemas/Quilt'}}}}
        '403': {description: not the maker}
        '409': {description: finished}
    delete:
      responses:
        '204': {description: gone}
        '403': {description: not the maker}
        '409': {description: open notes}
  /quilts/{id}/tag:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: tag, content: {text/plain: {schema: {type: string}}}}
  /quilts/{id}/use:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {strips: {type: integer, minimum: 1, default: 1}, block: {type: string}}}
      responses:
        '200': {description: used, content: {application/json: {schema: {$ref: '#/components/schemas/Quilt'}}}}
        '409': {description: not enough}
  /quilts/{id}/notes:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: notes, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Note'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, required: [text], properties: {text: {type: string}, done: {type: boolean, default: false}}}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
  /quilts/{id}/likes:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '201': {description: liked, content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}}
  /quilts/{id}/likes/mine:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    delete:
      responses:
        '204': {description: unliked}
        '404': {description: never liked}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Bee-Key}
  schemas:
    State:
      type: string
      enum: [open, finished]
    QuiltIn:
      type: object
      properties:
        name: {type: string}
        colour: {type: string}
        strips: {type: integer, minimum: 0}
        strip_cm: {type: integer, minimum: 1}
        state:
          allOf: [{$ref: '#/components/schemas/State'}]
          default: open
    Quilt:
      allOf:
        - $ref: '#/components/schemas/QuiltIn'
        - type: object
          properties:
            id: {type: integer, readOnly: true}
            maker: {type: string, readOnly: true}
            total_cm: {type: integer, readOnly: true}
            open_notes: {type: integer, readOnly: true}
    Note:
      type: object
      properties:
        id: {type: integer}
        text: {type: string}
        done: {type: boolean}
```
"""


def test_the_plans_read_the_words() -> None:
    plans = plan_operations(openapi_document(QUILTS) or {})
    listing = plans["GET /quilts"]
    assert listing["shared"] is True  # others' writes are 403: they see the quilts
    assert (listing["sort_by"], listing["then_by"]) == ("name", "colour")
    assert listing["compares"] == {"min_cm": ["total_cm", "ge"]}
    assert listing["formulas"] == {"total_cm": ["strips", "*", "strip_cm"]}
    assert listing["login_names"] == ["maker"]
    assert listing["count_where"] == {"open_notes": {"done": False}}
    assert plans["POST /quilts/{id}/use"]["count"] == {"strips": -1}
    assert plans["PATCH /quilts/{id}"]["not_when"] == {"state": "finished"}
    assert plans["DELETE /quilts/{id}"]["kept_while"] == {"/quilts/{}/notes": {"done": False}}
    assert plans["GET /quilts/{id}/notes"]["shared"] is True
    assert plans["DELETE /quilts/{id}/likes/mine"]["pattern"] == "delete_mine"
    # the fenced example after the path, line by line (kept whole in the words)
    assert (
        plans["GET /quilts/{id}/tag"]["line"]
        == "Name: <name>\nMaker: <maker>\nLength: <total_cm> cm"
    )
    assert plans["GET /members/me"]["me_counts"] == {
        "quilt_count": ["/quilts", "count", ""],
        "total_cm": ["/quilts", "sum", "total_cm"],
    }


def _member(app: httpx.Client, email: str) -> dict[str, str]:
    made = app.post("/members", json={"name": email.split("@")[0], "email": email})
    assert made.status_code == 201, made.text
    return {"X-Bee-Key": made.json()["api_key"]}


def test_a_board_served_as_its_words_say() -> None:
    with served(QUILTS) as app:
        ann, bob = _member(app, "ann@bee.org"), _member(app, "bob@bee.org")
        assert app.post("/members", json={"name": "x", "email": "ANN@bee.org"}).status_code == 409
        body = {"name": "Star", "colour": "red", "strips": 3, "strip_cm": 40}
        star = app.post("/quilts", json=body, headers=ann).json()
        assert star["total_cm"] == 120 and star["state"] == "open" and star["open_notes"] == 0
        assert star["maker"] == "ann"  # a key's caller is named by the name it signed up with
        other = {**body, "colour": "blue", "strips": 1}
        blue = app.post("/quilts", json=other, headers=ann).json()
        seen = app.get("/quilts", headers=bob).json()  # ann's, in the said order
        assert [q["id"] for q in seen] == [blue["id"], star["id"]]
        assert [
            q["id"] for q in app.get("/quilts", params={"min_cm": 100}, headers=bob).json()
        ] == [star["id"]]
        assert (
            app.patch(f"/quilts/{star['id']}", json={"name": "x"}, headers=bob).status_code == 403
        )

        used = app.post(f"/quilts/{star['id']}/use", json={}, headers=ann)
        assert used.status_code == 200 and used.json()["strips"] == 2, used.text
        assert used.json()["total_cm"] == 80  # computed again from what it holds now
        refused = app.post(f"/quilts/{star['id']}/use", json={"strips": 5}, headers=ann)
        assert refused.status_code == 409
        assert app.get(f"/quilts/{star['id']}", headers=ann).json()["strips"] == 2

        note = app.post(f"/quilts/{star['id']}/notes", json={"text": "iron it"}, headers=bob)
        assert note.status_code == 201, note.text
        assert [n["text"] for n in app.get(f"/quilts/{star['id']}/notes", headers=ann).json()] == [
            "iron it"
        ]
        assert app.get(f"/quilts/{star['id']}", headers=ann).json()["open_notes"] == 1
        assert app.delete(f"/quilts/{star['id']}", headers=ann).status_code == 409

        tag = app.get(f"/quilts/{star['id']}/tag", headers=ann)
        assert tag.text == "Name: Star\nMaker: ann\nLength: 80 cm\n", tag.text
        me = app.get("/members/me", headers=ann).json()
        assert (me["quilt_count"], me["total_cm"]) == (2, 120)  # 80 + 40

        liked = f"/quilts/{blue['id']}/likes"
        assert app.post(liked, headers=bob).status_code == 201
        assert app.delete(f"{liked}/mine", headers=bob).status_code == 204
        assert app.delete(f"{liked}/mine", headers=bob).status_code == 404

        done = app.patch(f"/quilts/{blue['id']}", json={"state": "finished"}, headers=ann)
        assert done.status_code == 200, done.text
        assert (
            app.patch(f"/quilts/{blue['id']}", json={"name": "y"}, headers=ann).status_code == 409
        )
        assert app.delete(f"/quilts/{blue['id']}", headers=ann).status_code == 204


CLUB = """Chess club

- Sign up with `POST /players` (username, password, nickname, town).
- Only the player who started a match can add moves to it. `host` in the answers is the host's
  nickname, and `town` is copied from the sign-up.
- A player cannot have two matches with the same title, but two different players may use the
  same title. A resigned match can't be edited: PATCH answers 409.
- `reserved` is how many seats have been booked, `best_bid` the highest bid so far.
- `GET /matches` lists them; `sort_by=seats`
  orders by `reserved` instead.

```yaml
openapi: 3.1.0
info: {title: club, version: '1'}
security: [{basic: []}]
paths:
  /players:
    post:
      security: []
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {username: {type: string}, password: {type: string}, nickname: {type: string}, town: {type: string}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, username: {type: string}}}}}}
  /matches:
    get:
      parameters:
        - {name: sort_by, in: query, schema: {type: string, enum: [title, seats]}}
      responses:
        '200': {description: all, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Match'}}}}}
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, required: [title], properties: {title: {type: string}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Match'}}}}
        '409': {description: same title}
  /matches/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    patch:
      requestBody: {content: {application/json: {schema: {type: object, properties: {title: {type: string}}}}}}
      responses:
        '200': {description: changed, content: {application/json: {schema: {$ref: '#/components/schemas/Match'}}}}
        '403': {description: not yours}
        '409': {description: resigned}
  /matches/{id}/resign:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: resigned, content: {application/json: {schema: {$ref: '#/components/schemas/Match'}}}}
        '409': {description: resigned already}
  /matches/{id}/moves:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {san: {type: string}}}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, san: {type: string}}}}}}
        '403': {description: not your match}
  /matches/{id}/bookings:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {seats: {type: integer, default: 1}}}}}}
      responses:
        '201': {description: booked, content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}}
  /matches/{id}/bids:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {amount: {type: number}}}}}}
      responses:
        '201': {description: bid, content: {application/json: {schema: {type: object, properties: {id: {type: integer}}}}}}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
  schemas:
    Status: {type: string, enum: [playing, resigned]}
    Match:
      type: object
      properties:
        id: {type: integer}
        title: {type: string}
        status:
          allOf: [{$ref: '#/components/schemas/Status'}]
          default: playing
        host: {type: string, readOnly: true}
        town: {type: string, readOnly: true}
        reserved: {type: integer, readOnly: true}
        best_bid: {type: [number, 'null'], readOnly: true}
```
"""


def test_the_words_of_a_club_read() -> None:
    plans = plan_operations(openapi_document(CLUB) or {})
    made = plans["POST /matches"]
    assert made["shared"] is True and made["unique"] == ["title"]
    assert made["unique_per_owner"] is True  # "two different players may use the same title"
    assert made["owner_names"] == ["host"] and made["from_owner"] == ["town"]
    assert made["rollups"] == {
        "reserved": {"collection": "/matches/{}/bookings", "field": "seats", "how": "sum"},
        "best_bid": {"collection": "/matches/{}/bids", "field": "amount", "how": "max"},
    }
    assert plans["POST /matches/{id}/resign"]["set"] == {"status": "resigned"}  # an allOf enum
    assert plans["PATCH /matches/{id}"]["not_when"] == {"status": "resigned"}
    assert plans["POST /matches/{id}/moves"].get("parent_owner_only") is True
    assert "not_own_parent" not in plans["POST /matches/{id}/moves"]
    assert plans["GET /matches"]["sort_values"] == {"seats": ["reserved", False]}


LOCKERS = """Lockers

- Anyone signed in sees all lockers. `POST /lockers/{id}/take` (with a `until` date) makes me
  the `holder`; a locker someone holds (me included) is 409.
- `POST /lockers/{id}/return` gives it back: only the holder (403 for others), and 409 when
  nobody holds it. `available` is computed.
- A locker can't be deleted while it's taken (409).

```yaml
openapi: 3.0.3
info: {title: lockers, version: '1'}
security: [{bearer: []}]
paths:
  /lockers:
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {label: {type: string}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Locker'}}}}
  /lockers/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Locker'}}}}
    delete:
      responses:
        '204': {description: gone}
        '403': {description: not yours}
        '409': {description: taken}
  /lockers/{id}/take:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {until: {type: string, format: date}}}}}}
      responses:
        '200': {description: mine, content: {application/json: {schema: {$ref: '#/components/schemas/Locker'}}}}
        '409': {description: taken}
  /lockers/{id}/return:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      responses:
        '200': {description: back, content: {application/json: {schema: {$ref: '#/components/schemas/Locker'}}}}
        '403': {description: not the holder}
        '409': {description: not taken}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Locker:
      type: object
      properties:
        id: {type: integer}
        label: {type: string}
        holder: {type: [string, 'null']}
        until: {type: [string, 'null'], format: date}
        available: {type: boolean, readOnly: true}
```
"""


def test_what_a_claim_takes_its_giving_back_returns() -> None:
    from tests.contract.booted import bearer

    ann, bob = bearer("ann"), bearer("bob")
    with served(LOCKERS) as app:
        made = app.post("/lockers", json={"label": "L1"}, headers=ann).json()
        assert made["available"] is True and made["holder"] is None
        path = f"/lockers/{made['id']}"
        taken = app.post(f"{path}/take", json={"until": "2031-01-01"}, headers=bob)
        assert taken.status_code == 200, taken.text
        assert taken.json()["holder"] == "bob" and taken.json()["available"] is False
        assert taken.json()["until"] == "2031-01-01"
        assert (
            app.post(f"{path}/take", json={"until": "2031-01-02"}, headers=bob).status_code == 409
        )
        assert app.delete(path, headers=ann).status_code == 409  # taken: not deleted
        assert app.post(f"{path}/return", headers=ann).status_code == 403  # not the holder
        back = app.post(f"{path}/return", headers=bob)
        assert back.status_code == 200 and back.json()["available"] is True, back.text
        assert app.post(f"{path}/return", headers=bob).status_code == 409
        assert app.delete(path, headers=ann).status_code == 204


QUEUE = """Dryers

- People queue for a dryer with their name; a queue holds at most **4** people (the 5th gets
  409). `waiting` is the people in the queue.
- `GET /board` is plain text, one line per dryer.

```yaml
openapi: 3.1.0
info: {title: dryers, version: '1'}
paths:
  /dryers:
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {label: {type: string}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Dryer'}}}}
  /dryers/{id}/queue:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}}
      responses:
        '201': {description: queued, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, name: {type: string}}}}}}
        '409': {description: full}
  /board:
    get:
      responses:
        '200': {description: the sign, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Dryer:
      type: object
      properties:
        id: {type: integer}
        label: {type: string}
        waiting: {type: integer, readOnly: true}
```
"""


def test_a_queue_of_so_many_is_counted_and_shown() -> None:
    plans = plan_operations(openapi_document(QUEUE) or {})
    assert plans["POST /dryers/{id}/queue"]["capacity"] == {"count": 4}
    assert plans["POST /dryers"]["counts"] == {"waiting": "/dryers/{}/queue"}
    assert plans["GET /board"]["pattern"] == "view"
    with served(QUEUE) as app:
        dryer = app.post("/dryers", json={"label": "D1"}).json()
        for n in range(4):
            assert (
                app.post(f"/dryers/{dryer['id']}/queue", json={"name": f"p{n}"}).status_code == 201
            )
        assert app.post(f"/dryers/{dryer['id']}/queue", json={"name": "p5"}).status_code == 409
        assert app.get("/board").text.count("D1") == 1


PIGGY = """Piggy bank

Each jar has entries: a `deposit` adds money, a `withdraw` takes it away. The jar's `balance` is
the sum, never sent; taking more than the balance is 409.

```yaml
openapi: 3.0.3
info: {title: piggy, version: '1'}
paths:
  /jars:
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, name: {type: string}, balance: {type: number, readOnly: true}}}}}}
  /jars/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, name: {type: string}, balance: {type: number}}}}}}
  /jars/{id}/entries:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {kind: {type: string, enum: [deposit, withdraw]}, amount: {type: number, exclusiveMinimum: 0}}}}}}
      responses:
        '201': {description: added, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, kind: {type: string}, amount: {type: number}, balance_after: {type: number}}}}}}
        '409': {description: not enough}
```
"""


def test_a_kind_of_entry_that_takes_away_counts_down() -> None:
    plans = plan_operations(openapi_document(PIGGY) or {})
    ledger = plans["POST /jars/{id}/entries"]["ledger"]
    assert ledger["sign"] == {"field": "kind", "negative": ["withdraw"]}
    with served(PIGGY) as app:
        jar = app.post("/jars", json={"name": "trip"}).json()
        entries = f"/jars/{jar['id']}/entries"
        assert app.post(entries, json={"kind": "deposit", "amount": 5}).json()["balance_after"] == 5
        assert app.post(entries, json={"kind": "withdraw", "amount": 7}).status_code == 409
        assert (
            app.post(entries, json={"kind": "withdraw", "amount": 2}).json()["balance_after"] == 3
        )
        assert app.get(f"/jars/{jar['id']}").json()["balance"] == 3


NOTES = """Tutoring notes

Tutors keep private notes on their students. Each tutor sees only their own notes; another
tutor asking for one gets 404. `minutes_total` on `GET /me` is the sum of `minutes` over my notes.
A note that is `locked` can't be edited: PATCH answers 409.

```yaml
openapi: 3.0.3
info: {title: tutoring, version: '1'}
security: [{bearer: []}]
paths:
  /me:
    get:
      responses:
        '200': {description: me, content: {application/json: {schema: {type: object, properties: {minutes_total: {type: integer}, note_count: {type: integer}}}}}}
  /notes:
    post:
      requestBody: {required: true, content: {application/json: {schema: {type: object, required: [student], properties: {student: {type: string}, minutes: {type: integer}, status: {type: string, enum: [open, locked], default: open}}}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
  /notes/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    get:
      responses:
        '200': {description: one, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
        '404': {description: none}
    patch:
      requestBody: {content: {application/json: {schema: {type: object, properties: {minutes: {type: integer}, status: {type: string, enum: [open, locked]}}}}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}}
        '404': {description: none}
        '409': {description: locked}
components:
  securitySchemes: {bearer: {type: http, scheme: bearer}}
  schemas:
    Note: {type: object, properties: {id: {type: integer}, student: {type: string}, minutes: {type: integer}, status: {type: string, enum: [open, locked]}}}
```
"""


def test_a_state_said_after_its_noun_refuses_the_change() -> None:
    plans = plan_operations(openapi_document(NOTES) or {})
    assert plans["PATCH /notes/{id}"]["not_when"] == {"status": "locked"}  # "that is `locked`"
    assert plans["GET /me"]["me_counts"]["minutes_total"] == ["/notes", "sum", "minutes"]
