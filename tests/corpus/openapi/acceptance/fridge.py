"""Acceptance tests for fridge.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The fridge is one shared list, so every test puts a word of its own into its item names and
narrows `GET /items` with `q`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    return f"fz{uuid.uuid4().hex[:10]}"


def _neighbour(api: httpx.Client, name: str = "") -> dict[str, str]:
    name = name or f"Neighbour {uuid.uuid4().hex[:6]}"
    response = api.post("/neighbours", json={"name": name})
    assert response.status_code == 201, response.text
    return {"X-Fridge-Key": response.json()["key"]}


def _item(
    api: httpx.Client,
    who: dict,
    name: str,
    portions: int = 4,
    best_before: str = "2031-05-10",
    **extra,
) -> dict:
    body = {"name": name, "portions": portions, "best_before": best_before, **extra}
    response = api.post("/items", json=body, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [i["id"] for i in response.json()["data"]]


def test_registering_gives_a_key(api: httpx.Client) -> None:
    response = api.post("/neighbours", json={"name": "Agnieszka"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Agnieszka" and isinstance(body["id"], int) and body["key"]


def test_adding_needs_a_known_key(api: httpx.Client) -> None:
    body = {"name": "Apples", "portions": 3, "best_before": "2031-05-10"}
    assert api.post("/items", json=body).status_code == 401
    assert api.post("/items", json=body, headers={"X-Fridge-Key": "nope"}).status_code == 401


def test_adding_answers_200_with_defaults_and_the_donor_name(api: httpx.Client) -> None:
    name = f"Donor {uuid.uuid4().hex[:6]}"
    me = _neighbour(api, name)
    item = _item(api, me, "Lentil soup", portions=6)
    assert isinstance(item["id"], int)
    assert item["category"] == "other" and item["vegetarian"] is False
    assert item["portions"] == 6 and item["portions_left"] == 6
    assert item["donor"] == name and item["best_before"] == "2031-05-10"


def test_reading_is_public(api: httpx.Client) -> None:
    word = _word()
    item = _item(api, _neighbour(api), f"Bread {word}", category="bakery")
    got = api.get(f"/items/{item['id']}")
    assert got.status_code == 200 and got.json()["name"] == f"Bread {word}"
    assert _ids(api.get("/items", params={"q": word})) == [item["id"]]


def test_bad_input_is_400(api: httpx.Client) -> None:
    me = _neighbour(api)
    ok = {"name": "Milk", "portions": 2, "best_before": "2031-05-10"}
    assert api.post("/items", json={**ok, "portions": 0}, headers=me).status_code == 400
    assert api.post("/items", json={**ok, "category": "frozen"}, headers=me).status_code == 400
    assert api.post("/items", json={"name": "Milk", "portions": 2}, headers=me).status_code == 400
    assert api.post("/neighbours", json={}).status_code == 400


def test_take_counts_down_defaults_to_one_and_409_when_not_enough(api: httpx.Client) -> None:
    donor, taker = _neighbour(api), _neighbour(api)
    item = _item(api, donor, "Samosas", portions=3, category="cooked")
    one = api.post(f"/items/{item['id']}/take", headers=taker)
    assert one.status_code == 200, one.text
    assert one.json()["portions_left"] == 2
    two = api.post(f"/items/{item['id']}/take", json={"portions": 2}, headers=taker)
    assert two.status_code == 200 and two.json()["portions_left"] == 0
    assert api.post(f"/items/{item['id']}/take", headers=taker).status_code == 409


def test_taking_too_much_changes_nothing(api: httpx.Client) -> None:
    donor, taker = _neighbour(api), _neighbour(api)
    item = _item(api, donor, "Yoghurt pots", portions=4, category="dairy")
    too_many = api.post(f"/items/{item['id']}/take", json={"portions": 5}, headers=taker)
    assert too_many.status_code == 409
    assert api.get(f"/items/{item['id']}").json()["portions_left"] == 4
    assert api.post(f"/items/{item['id']}/take", json={"portions": 1}).status_code == 401


def test_only_the_donor_removes(api: httpx.Client) -> None:
    donor, other = _neighbour(api), _neighbour(api)
    item = _item(api, donor, "Carrots", category="produce")
    assert api.delete(f"/items/{item['id']}").status_code == 401
    assert api.delete(f"/items/{item['id']}", headers=other).status_code == 403
    assert api.get(f"/items/{item['id']}").status_code == 200
    assert api.delete(f"/items/{item['id']}", headers=donor).status_code == 204
    assert api.get(f"/items/{item['id']}").status_code == 404


def test_list_envelope_soonest_best_before_first(api: httpx.Client) -> None:
    word = _word()
    me = _neighbour(api)
    late = _item(api, me, f"Jam {word}", best_before="2031-09-01")
    soon = _item(api, me, f"Salad {word}", best_before="2031-05-02")
    mid = _item(api, me, f"Cheese {word}", best_before="2031-06-15")
    response = api.get("/items", params={"q": word.upper()})
    assert _ids(response) == [soon["id"], mid["id"], late["id"]]
    assert response.json()["meta"]["total"] == 3


def test_category_vegetarian_and_available_filters(api: httpx.Client) -> None:
    word = _word()
    me = _neighbour(api)
    soup = _item(
        api, me, f"Soup {word}", category="cooked", vegetarian=True, best_before="2031-05-01"
    )
    stew = _item(api, me, f"Stew {word}", category="cooked", best_before="2031-05-02")
    juice = _item(
        api,
        me,
        f"Juice {word}",
        category="drinks",
        vegetarian=True,
        portions=1,
        best_before="2031-05-03",
    )
    assert _ids(api.get("/items", params={"q": word, "category": "cooked"})) == [
        soup["id"],
        stew["id"],
    ]
    assert _ids(api.get("/items", params={"q": word, "vegetarian": "true"})) == [
        soup["id"],
        juice["id"],
    ]
    assert api.post(f"/items/{juice['id']}/take", headers=_neighbour(api)).status_code == 200
    assert _ids(api.get("/items", params={"q": word, "available": "true"})) == [
        soup["id"],
        stew["id"],
    ]


def test_best_before_range_is_inclusive(api: httpx.Client) -> None:
    word = _word()
    me = _neighbour(api)
    a = _item(api, me, f"Eggs {word}", best_before="2031-05-01")
    b = _item(api, me, f"Butter {word}", best_before="2031-05-05")
    c = _item(api, me, f"Cream {word}", best_before="2031-05-09")
    got = api.get(
        "/items",
        params={"q": word, "best_before_from": "2031-05-05", "best_before_to": "2031-05-09"},
    )
    assert _ids(got) == [b["id"], c["id"]]
    assert _ids(api.get("/items", params={"q": word, "best_before_to": "2031-05-01"})) == [a["id"]]


def test_page_and_per_page(api: httpx.Client) -> None:
    word = _word()
    me = _neighbour(api)
    made = [_item(api, me, f"Roll {n} {word}", best_before=f"2031-05-1{n}") for n in range(5)]
    ordered = [i["id"] for i in made]
    first = api.get("/items", params={"q": word, "per_page": 2})
    assert _ids(first) == ordered[:2]
    meta = first.json()["meta"]
    assert meta["total"] == 5 and meta["page"] == 1 and meta["per_page"] == 2
    last = api.get("/items", params={"q": word, "per_page": 2, "page": 3})
    assert _ids(last) == ordered[4:]
    assert last.json()["meta"]["total"] == 5 and last.json()["meta"]["page"] == 3


def test_unknown_item_is_404(api: httpx.Client) -> None:
    me = _neighbour(api)
    assert api.get("/items/987654321").status_code == 404
    assert api.post("/items/987654321/take", headers=me).status_code == 404
    assert api.delete("/items/987654321", headers=me).status_code == 404
