"""Acceptance tests for bakesale.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

There is no auth and one shared table of items, so every test puts a word of its own in its
item names and narrows listings with `q`.
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
    return f"qz{uuid.uuid4().hex[:10]}"


def _item(api: httpx.Client, name: str, price: float = 2.0, **extra) -> dict:
    response = api.post("/items", json={"name": name, "price": price, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [i["id"] for i in response.json()["data"]]


def test_a_new_item_has_defaults(api: httpx.Client) -> None:
    item = _item(api, f"Lemon drizzle {_word()}", 2.5, baker="Sam's dad")
    assert isinstance(item["id"], int)
    assert item["price"] == 2.5 and item["stock"] == 0 and item["sold"] == 0
    assert item["category"] == "cake" and item["gluten_free"] is False
    got = api.get(f"/items/{item['id']}")
    assert got.status_code == 200 and got.json()["name"] == item["name"]


def test_bad_items_are_422(api: httpx.Client) -> None:
    assert api.post("/items", json={"name": "Free cake", "price": 0}).status_code == 422
    assert api.post("/items", json={"name": "Odd cake", "price": -1}).status_code == 422
    assert api.post("/items", json={"price": 1.5}).status_code == 422
    assert (
        api.post("/items", json={"name": "Pie", "price": 3, "category": "pie"}).status_code == 422
    )
    assert api.post("/items", json={"name": "Buns", "price": 1, "stock": -2}).status_code == 422


def test_list_is_an_envelope_by_name_and_q_ignores_case(api: httpx.Client) -> None:
    word = _word()
    c = _item(api, f"Carrot cake {word}")
    a = _item(api, f"Apple pie {word}")
    b = _item(api, f"Brownie {word}", category="cookie")
    listed = api.get("/items", params={"q": word.upper()})
    assert listed.json()["total"] == 3
    assert _ids(listed) == [a["id"], b["id"], c["id"]]


def test_sort_by_price_both_ways(api: httpx.Client) -> None:
    word = _word()
    mid = _item(api, f"Muffin {word}", 1.5)
    cheap = _item(api, f"Cookie {word}", 0.5)
    dear = _item(api, f"Whole tart {word}", 12)
    assert _ids(api.get("/items", params={"q": word, "sort": "price"})) == [
        cheap["id"],
        mid["id"],
        dear["id"],
    ]
    assert _ids(api.get("/items", params={"q": word, "sort": "-price"})) == [
        dear["id"],
        mid["id"],
        cheap["id"],
    ]


def test_category_gluten_free_and_inclusive_price_range(api: httpx.Client) -> None:
    word = _word()
    a = _item(api, f"A flapjack {word}", 1.0, category="cookie", gluten_free=True)
    b = _item(api, f"B shortbread {word}", 2.0, category="cookie")
    c = _item(api, f"C sourdough {word}", 4.0, category="bread", gluten_free=False)
    assert _ids(api.get("/items", params={"q": word, "category": "cookie"})) == [a["id"], b["id"]]
    assert _ids(api.get("/items", params={"q": word, "gluten_free": "true"})) == [a["id"]]
    assert _ids(api.get("/items", params={"q": word, "gluten_free": "false"})) == [b["id"], c["id"]]
    ranged = api.get("/items", params={"q": word, "min_price": 1.0, "max_price": 2.0})
    assert _ids(ranged) == [a["id"], b["id"]] and ranged.json()["total"] == 2
    assert _ids(api.get("/items", params={"q": word, "min_price": 2.01})) == [c["id"]]


def test_in_stock_filter(api: httpx.Client) -> None:
    word = _word()
    gone = _item(api, f"A scones {word}", stock=0)
    left = _item(api, f"B cupcakes {word}", stock=6)
    assert _ids(api.get("/items", params={"q": word, "in_stock": "true"})) == [left["id"]]
    assert _ids(api.get("/items", params={"q": word})) == [gone["id"], left["id"]]


def test_limit_and_offset_keep_the_total(api: httpx.Client) -> None:
    word = _word()
    made = [_item(api, f"{letter} tray {word}") for letter in "ABCDE"]
    page = api.get("/items", params={"q": word, "limit": 2, "offset": 2})
    assert page.json()["total"] == 5
    assert _ids(page) == [made[2]["id"], made[3]["id"]]


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    item = _item(api, f"Banana bread {_word()}", 3.0, category="bread", stock=4)
    changed = api.patch(f"/items/{item['id']}", json={"price": 2.5})
    assert changed.status_code == 200
    out = changed.json()
    assert out["price"] == 2.5 and out["stock"] == 4 and out["category"] == "bread"
    assert out["name"] == item["name"]
    assert api.patch(f"/items/{item['id']}", json={"price": 0}).status_code == 422


def test_selling_moves_stock_and_sold(api: httpx.Client) -> None:
    item = _item(api, f"Rocky road {_word()}", 1.2, stock=5)
    one = api.post(f"/items/{item['id']}/sell", json={})
    assert one.status_code == 200, one.text
    assert one.json()["stock"] == 4 and one.json()["sold"] == 1
    two = api.post(f"/items/{item['id']}/sell", json={"quantity": 3})
    assert two.status_code == 200
    assert two.json()["stock"] == 1 and two.json()["sold"] == 4


def test_selling_more_than_left_is_409_and_changes_nothing(api: httpx.Client) -> None:
    item = _item(api, f"Fudge {_word()}", 0.8, stock=2)
    assert api.post(f"/items/{item['id']}/sell", json={"quantity": 3}).status_code == 409
    got = api.get(f"/items/{item['id']}").json()
    assert got["stock"] == 2 and got["sold"] == 0
    assert api.post(f"/items/{item['id']}/sell", json={"quantity": 0}).status_code == 422


def test_board_is_html_with_escaped_names_and_only_stock(api: httpx.Client) -> None:
    word = _word()
    _item(api, f"<b>Choc</b> & chip {word}", 1.0, stock=3)
    _item(api, f"Soldout {word}", 1.0, stock=0)
    response = api.get("/board")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f"&lt;b&gt;Choc&lt;/b&gt; &amp; chip {word}" in response.text
    assert "<b>Choc</b>" not in response.text
    assert f"Soldout {word}" not in response.text


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    item = _item(api, f"Old biscuits {_word()}")
    assert api.delete(f"/items/{item['id']}").status_code == 204
    assert api.get(f"/items/{item['id']}").status_code == 404
    assert api.delete(f"/items/{item['id']}").status_code == 404


def test_unknown_item_is_404(api: httpx.Client) -> None:
    assert api.get("/items/987654321").status_code == 404
    assert api.post("/items/987654321/sell", json={}).status_code == 404
    assert api.patch("/items/987654321", json={"stock": 1}).status_code == 404
