"""Acceptance tests for canteen.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
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


def _marker() -> str:
    """A word no other test uses: the dishes are shared by everybody."""
    return f"m{uuid.uuid4().hex[:10]}"


def _day() -> str:
    """A day no other test plans a menu for."""
    offset = uuid.uuid4().int % 20000
    return (dt.date(2030, 1, 1) + dt.timedelta(days=offset)).isoformat()


def _dish(api: httpx.Client, name: str, **fields: object) -> dict:
    body = {"name": name, "price_cents": 450, **fields}
    response = api.post("/dishes", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _names(api: httpx.Client, params: object) -> list[str]:
    response = api.get("/dishes", params=params)
    assert response.status_code == 200, response.text
    return [d["name"] for d in response.json()]


def test_a_new_dish_answers_201_with_defaults_and_a_location(api: httpx.Client) -> None:
    name = f"Lentil soup {_marker()}"
    response = api.post("/dishes", json={"name": name, "price_cents": 300})
    assert response.status_code == 201
    dish = response.json()
    assert dish["name"] == name and dish["price_cents"] == 300 and isinstance(dish["id"], int)
    assert dish["vegetarian"] is False and dish["allergens"] == []
    assert dish.get("description") is None and dish["updated_at"]
    assert response.headers["location"].endswith(f"/dishes/{dish['id']}")


def test_bodies_outside_the_schema_answer_422(api: httpx.Client) -> None:
    for body in (
        {"name": "Stew", "price_cents": -1},
        {"name": "x" * 61, "price_cents": 100},
        {"name": "", "price_cents": 100},
        {"name": "Stew", "price_cents": 100, "allergens": ["peanut butter"]},
        {"price_cents": 100},
    ):
        assert api.post("/dishes", json=body).status_code == 422, body
    dish = _dish(api, f"Stew {_marker()}")
    bad = api.put(f"/dishes/{dish['id']}", json={"name": "Stew", "price_cents": -5})
    assert bad.status_code == 422


def test_get_sends_an_etag_and_if_none_match_answers_304(api: httpx.Client) -> None:
    dish = _dish(api, f"Pasta {_marker()}", allergens=["gluten", "egg"])
    first = api.get(f"/dishes/{dish['id']}")
    assert first.status_code == 200 and first.json()["allergens"] == ["gluten", "egg"]
    etag = first.headers["etag"]
    again = api.get(f"/dishes/{dish['id']}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = api.get(f"/dishes/{dish['id']}", headers={"If-None-Match": '"not-the-etag"'})
    assert other.status_code == 200


def test_a_change_gives_a_new_etag(api: httpx.Client) -> None:
    name = f"Curry {_marker()}"
    dish = _dish(api, name)
    etag = api.get(f"/dishes/{dish['id']}").headers["etag"]
    api.put(f"/dishes/{dish['id']}", json={"name": name, "price_cents": 520})
    after = api.get(f"/dishes/{dish['id']}", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.json()["price_cents"] == 520
    assert after.headers["etag"] != etag


def test_put_replaces_the_whole_dish(api: httpx.Client) -> None:
    dish = _dish(
        api, f"Quiche {_marker()}", vegetarian=True, allergens=["milk"], description="with leek"
    )
    new_name = f"Plain quiche {_marker()}"
    replaced = api.put(f"/dishes/{dish['id']}", json={"name": new_name, "price_cents": 380})
    assert replaced.status_code == 200
    body = replaced.json()
    assert body["id"] == dish["id"] and body["name"] == new_name and body["price_cents"] == 380
    assert body["vegetarian"] is False and body["allergens"] == []
    assert body.get("description") is None


def test_unknown_dishes_answer_404(api: httpx.Client) -> None:
    assert api.get("/dishes/987654321").status_code == 404
    body = {"name": "Ghost", "price_cents": 1}
    assert api.put("/dishes/987654321", json=body).status_code == 404
    assert api.delete("/dishes/987654321").status_code == 404


def test_without_can_be_repeated_to_leave_out_allergens(api: httpx.Client) -> None:
    tag = _marker()
    _dish(api, f"Bread {tag}", allergens=["gluten"])
    _dish(api, f"Satay {tag}", allergens=["nuts", "soy"])
    _dish(api, f"Omelette {tag}", allergens=["egg", "milk"])
    _dish(api, f"Salad {tag}")
    assert _names(api, [("q", tag), ("without", "gluten"), ("without", "nuts")]) == [
        f"Omelette {tag}",
        f"Salad {tag}",
    ]
    assert _names(api, {"q": tag, "without": "milk"}) == [
        f"Bread {tag}",
        f"Salad {tag}",
        f"Satay {tag}",
    ]


def test_vegetarian_and_max_price_filters(api: httpx.Client) -> None:
    tag = _marker()
    _dish(api, f"Falafel {tag}", vegetarian=True, price_cents=400)
    _dish(api, f"Risotto {tag}", vegetarian=True, price_cents=650)
    _dish(api, f"Schnitzel {tag}", price_cents=600)
    assert _names(api, {"q": tag, "vegetarian": "true"}) == [f"Falafel {tag}", f"Risotto {tag}"]
    assert _names(api, {"q": tag, "vegetarian": "false"}) == [f"Schnitzel {tag}"]
    assert _names(api, {"q": tag, "max_price": 600}) == [f"Falafel {tag}", f"Schnitzel {tag}"]


def test_sorted_by_name_by_default_or_by_price(api: httpx.Client) -> None:
    tag = _marker()
    _dish(api, f"B {tag}", price_cents=500)
    _dish(api, f"C {tag}", price_cents=100)
    _dish(api, f"A {tag}", price_cents=300)
    assert _names(api, {"q": tag.upper()}) == [f"A {tag}", f"B {tag}", f"C {tag}"]
    assert _names(api, {"q": tag, "sort": "price"}) == [f"C {tag}", f"A {tag}", f"B {tag}"]
    assert _names(api, {"q": tag, "sort": "-price"}) == [f"B {tag}", f"A {tag}", f"C {tag}"]


def test_a_days_menu_keeps_the_given_order(api: httpx.Client) -> None:
    tag, day = _marker(), _day()
    soup = _dish(api, f"Soup {tag}")
    main = _dish(api, f"Main {tag}", price_cents=700)
    menu = api.put(f"/menus/{day}", json={"dish_ids": [main["id"], soup["id"]]})
    assert menu.status_code == 200
    assert menu.json()["day"] == day
    assert [d["id"] for d in menu.json()["dishes"]] == [main["id"], soup["id"]]
    got = api.get(f"/menus/{day}")
    assert got.status_code == 200
    assert [d["name"] for d in got.json()["dishes"]] == [f"Main {tag}", f"Soup {tag}"]
    assert got.json()["dishes"][0]["price_cents"] == 700


def test_an_unknown_dish_on_a_menu_is_400_and_an_unplanned_day_404(api: httpx.Client) -> None:
    day = _day()
    soup = _dish(api, f"Soup {_marker()}")
    bad = api.put(f"/menus/{day}", json={"dish_ids": [soup["id"], 987654321]})
    assert bad.status_code == 400
    assert api.get(f"/menus/{day}").status_code == 404


def test_deleting_a_dish_answers_204_and_takes_it_off_menus(api: httpx.Client) -> None:
    tag, day = _marker(), _day()
    kept = _dish(api, f"Kept {tag}")
    gone = _dish(api, f"Gone {tag}")
    api.put(f"/menus/{day}", json={"dish_ids": [gone["id"], kept["id"]]})
    deleted = api.delete(f"/dishes/{gone['id']}")
    assert deleted.status_code == 204
    assert api.get(f"/dishes/{gone['id']}").status_code == 404
    assert _names(api, {"q": tag}) == [f"Kept {tag}"]
    assert [d["id"] for d in api.get(f"/menus/{day}").json()["dishes"]] == [kept["id"]]
