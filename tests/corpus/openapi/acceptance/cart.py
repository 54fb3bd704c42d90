"""Acceptance tests for cart.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@contextmanager
def _customer() -> Iterator[httpx.Client]:
    """A client of its own, holding the customer's session cookie."""
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        creds = {"username": f"u_{uuid.uuid4().hex[:10]}", "password": "oolong-1234"}
        assert client.post("/signup", json=creds).status_code == 201
        login = client.post("/login", json=creds)
        assert login.status_code == 204
        assert "sid" in client.cookies
        yield client


def _product(api: httpx.Client, price: float) -> dict:
    response = api.post("/products", json={"name": f"tea {uuid.uuid4().hex[:6]}", "price": price})
    assert response.status_code == 201, response.text
    return response.json()


def _quantities(cart: dict) -> dict[int, int]:
    return {line["product_id"]: line["quantity"] for line in cart["items"]}


def test_signup_answers_201_without_the_password(api: httpx.Client) -> None:
    name = f"u_{uuid.uuid4().hex[:10]}"
    response = api.post("/signup", json={"username": name, "password": "oolong-1234"})
    assert response.status_code == 201
    assert response.json()["username"] == name and "password" not in response.json()


def test_login_with_a_wrong_password_answers_401(api: httpx.Client) -> None:
    creds = {"username": f"u_{uuid.uuid4().hex[:10]}", "password": "oolong-1234"}
    api.post("/signup", json=creds)
    assert api.post("/login", json={**creds, "password": "sencha-9999"}).status_code == 401


def test_the_cart_needs_a_session(api: httpx.Client) -> None:
    assert api.get("/cart").status_code == 401
    assert api.post("/cart/items", json={"product_id": 1}).status_code == 401


def test_products_are_public_and_created_with_201(api: httpx.Client) -> None:
    made = _product(api, 4.5)
    got = api.get(f"/products/{made['id']}")
    assert got.status_code == 200 and got.json()["price"] == 4.5
    assert api.get("/products/99999999").status_code == 404


def test_products_sort_by_price_and_filter_by_max_price(api: httpx.Client) -> None:
    for price in (3.0, 1.0, 2.0):
        _product(api, price)
    asc = [p["price"] for p in api.get("/products", params={"sort": "ASC"}).json()]
    desc = [p["price"] for p in api.get("/products", params={"sort": "DESC"}).json()]
    assert asc == sorted(asc) and desc == sorted(desc, reverse=True) and len(asc) >= 3
    cheap = api.get("/products", params={"max_price": 2.0}).json()
    assert cheap and all(p["price"] <= 2.0 for p in cheap)


def test_a_new_cart_is_empty(api: httpx.Client) -> None:
    with _customer() as alice:
        cart = alice.get("/cart")
        assert cart.status_code == 200
        assert cart.json() == {"items": [], "total_items": 0}


def test_adding_the_same_product_twice_counts_it(api: httpx.Client) -> None:
    tea = _product(api, 2.0)
    with _customer() as alice:
        first = alice.post("/cart/items", json={"product_id": tea["id"]})
        assert first.status_code == 200
        cart = alice.post("/cart/items", json={"product_id": tea["id"], "quantity": 2}).json()
        assert _quantities(cart) == {tea["id"]: 3}
        assert cart["total_items"] == 3 and len(cart["items"]) == 1


def test_removing_takes_one_unit_and_drops_an_empty_line(api: httpx.Client) -> None:
    tea, cup = _product(api, 2.0), _product(api, 7.0)
    with _customer() as alice:
        alice.post("/cart/items", json={"product_id": tea["id"], "quantity": 2})
        alice.post("/cart/items", json={"product_id": cup["id"]})
        cart = alice.delete(f"/cart/items/{tea['id']}")
        assert cart.status_code == 200
        assert _quantities(cart.json()) == {tea["id"]: 1, cup["id"]: 1}
        cart = alice.delete(f"/cart/items/{cup['id']}").json()
        assert _quantities(cart) == {tea["id"]: 1} and cart["total_items"] == 1
        assert alice.delete(f"/cart/items/{cup['id']}").status_code == 404


def test_each_customer_has_their_own_cart(api: httpx.Client) -> None:
    tea = _product(api, 2.0)
    with _customer() as alice, _customer() as bob:
        alice.post("/cart/items", json={"product_id": tea["id"], "quantity": 4})
        assert bob.get("/cart").json()["total_items"] == 0
        assert bob.delete(f"/cart/items/{tea['id']}").status_code == 404
        assert alice.get("/cart").json()["total_items"] == 4


def test_an_unknown_product_answers_404_and_a_zero_quantity_400(api: httpx.Client) -> None:
    tea = _product(api, 2.0)
    with _customer() as alice:
        assert alice.post("/cart/items", json={"product_id": 99999999}).status_code == 404
        zero = alice.post("/cart/items", json={"product_id": tea["id"], "quantity": 0})
        assert zero.status_code == 400
