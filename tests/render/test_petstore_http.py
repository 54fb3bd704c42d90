"""A generated OpenAPI-like petstore (custom paths and id parameters, operation subsets, JWT
without roles, an owned entity) driven over HTTP, served in the sandbox once for the module."""

from __future__ import annotations

from typing import Any

import pytest

from tests.render.conftest import BootedApp
from tests.render.specs import petstore


@pytest.fixture(scope="module")
def app(boot: Any) -> BootedApp:
    return boot(petstore())


@pytest.fixture(scope="module")
def alice(app: BootedApp) -> dict[str, str]:
    return app.register("alice@example.com")


@pytest.fixture(scope="module")
def bob(app: BootedApp) -> dict[str, str]:
    return app.register("bob@example.com")


def test_custom_path_and_id_parameter(app: BootedApp, alice: dict[str, str]) -> None:
    pet = app.client.post("/pet", json={"name": "Rex", "status": "available"}, headers=alice)
    assert pet.status_code == 201
    assert app.client.get(f"/pet/{pet.json()['id']}").json()["name"] == "Rex"
    paths = app.client.get("/openapi.json").json()["paths"]
    assert "/pet/{petId}" in paths


def test_only_the_listed_operations_exist(app: BootedApp, alice: dict[str, str]) -> None:
    assert app.client.get("/pet").status_code == 405  # no "list" among the pet's operations
    assert app.client.get("/store/categories").status_code == 200
    body = {"name": "Dogs"}
    assert app.client.post("/store/categories", json=body, headers=alice).status_code == 405


def test_owned_rows_are_changed_only_by_their_owner(
    app: BootedApp, alice: dict[str, str], bob: dict[str, str]
) -> None:
    pet = app.client.post("/pet", json={"name": "Tom", "status": "sold"}, headers=alice).json()
    body = {"pet_id": pet["id"], "rating": 5, "text": "Lovely"}
    review = app.client.post("/reviews", json=body, headers=alice)
    assert review.status_code == 201
    url = f"/reviews/{review.json()['id']}"
    assert app.client.patch(url, json={"rating": 1}, headers=bob).status_code == 403
    assert app.client.delete(url, headers=bob).status_code == 403
    assert app.client.patch(url, json={"rating": 4}, headers=alice).json()["rating"] == 4


def test_users_manage_only_themselves(
    app: BootedApp, alice: dict[str, str], bob: dict[str, str]
) -> None:
    me = app.client.get("/auth/me", headers=alice).json()
    url = f"/users/{me['id']}"
    assert app.client.get("/users").status_code == 401
    assert app.client.patch(url, json={"full_name": "Mallory"}, headers=bob).status_code == 403
    assert app.client.patch(url, json={"full_name": "Alice"}, headers=alice).status_code == 200
