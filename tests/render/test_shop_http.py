"""A generated shop (no auth; enums, decimals, dates, unique values, many-to-many, filters)
driven over HTTP, served in the sandbox once for the module."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.render.conftest import BootedApp
from tests.render.specs import shop

_n = itertools.count(1)


@pytest.fixture(scope="module")
def app(boot: Any) -> BootedApp:
    return boot(shop())


def new(app: BootedApp, path: str, **body: Any) -> dict[str, Any]:
    response = app.client.post(path, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def new_customer(app: BootedApp) -> dict[str, Any]:
    n = next(_n)
    return new(app, "/customers", full_name=f"Ada {n}", email=f"ada{n}@example.com")


def new_product(app: BootedApp, **fields: Any) -> dict[str, Any]:
    return new(
        app, "/products", **{"sku": f"SKU-{next(_n)}", "name": "Lamp", "price": "19.99", **fields}
    )


def test_writes_need_no_token_without_auth(app: BootedApp) -> None:
    assert new_customer(app)["id"] >= 1
    assert (
        app.client.post("/auth/login", data={"username": "a", "password": "b"}).status_code == 404
    )


def test_decimals_keep_their_cents_and_defaults_apply(app: BootedApp) -> None:
    product = new_product(app, price="1234.50")
    assert product["price"] == "1234.50"
    assert (product["stock"], product["active"]) == (0, True)


@pytest.mark.parametrize(
    "fields",
    [
        {"price": "cheap"},
        {"price": "1.234"},
        {"price": "12345678901.00"},
        {"price": "NaN"},
        {"stock": "many"},
        {"stock": 2**40},
        {"weight_kg": "Infinity"},
        {"homepage": "not a url"},
        {"barcode": "not-a-uuid"},
        {"active": "perhaps"},
        {"sku": "x" * 33},
    ],
)
def test_bad_values_are_422(app: BootedApp, fields: dict[str, Any]) -> None:
    body = {"sku": f"SKU-{next(_n)}", "name": "Lamp", "price": "1.00", **fields}
    assert app.client.post("/products", json=body).status_code == 422


def test_unique_values_conflict(app: BootedApp) -> None:
    product = new_product(app)
    body = {"sku": product["sku"], "name": "Copy", "price": "1.00"}
    assert app.client.post("/products", json=body).status_code == 409
    customer = new_customer(app)
    again = {"full_name": "Twin", "email": customer["email"]}
    assert app.client.post("/customers", json=again).status_code == 409


def test_enums_take_only_their_choices(app: BootedApp) -> None:
    customer = new_customer(app)
    body = {"customer_id": customer["id"], "placed_on": "2024-05-01"}
    order = new(app, "/orders", **body)
    assert order["status"] == "pending"
    url = f"/orders/{order['id']}"
    assert app.client.patch(url, json={"status": "in transit"}).json()["status"] == "in transit"
    assert app.client.patch(url, json={"status": "lost"}).status_code == 422


def test_orders_reference_a_customer_and_products(app: BootedApp) -> None:
    customer, products = new_customer(app), [new_product(app)["id"] for _ in range(2)]
    body = {"customer_id": customer["id"], "placed_on": "2024-05-01", "product_ids": products}
    order = new(app, "/orders", **body)
    assert sorted(order["product_ids"]) == sorted(products)
    missing = {"customer_id": 999999, "placed_on": "2024-05-01"}
    assert app.client.post("/orders", json=missing).status_code == 422
    assert app.client.delete(f"/customers/{customer['id']}").status_code == 409


def test_filters_match_on_equality(app: BootedApp) -> None:
    marker = f"Desk {next(_n)}"
    wanted = new_product(app, name=marker, active=False)
    rows = app.client.get("/products", params={"name": marker, "active": "false"}).json()
    assert [row["id"] for row in rows["items"]] == [wanted["id"]]
    assert app.client.get("/products", params={"stock": "lots"}).status_code == 422


def test_datetimes_come_back_in_utc(app: BootedApp) -> None:
    customer = new_customer(app)
    body = {"customer_id": customer["id"], "placed_on": "2024-05-01"}
    order = new(app, "/orders", **body, shipped_at="2024-05-02T12:00:00+02:00")
    assert order["shipped_at"].startswith("2024-05-02T10:00:00")
    again = app.client.get(f"/orders/{order['id']}").json()
    assert again["shipped_at"] == order["shipped_at"]
    naive = new(app, "/orders", **body, shipped_at="2024-05-02T12:00:00")
    assert naive["shipped_at"].startswith("2024-05-02T12:00:00")  # taken to be UTC
    too_early = {**body, "shipped_at": "0001-01-01T00:00:00+14:00"}
    assert app.client.post("/orders", json=too_early).status_code == 422
