"""Acceptance tests for expenses.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
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


def _user(api: httpx.Client) -> dict[str, str]:
    response = api.post("/users", json={"name": f"user {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return {"X-API-Key": response.json()["api_key"]}


def _spend(api: httpx.Client, who: dict[str, str], amount: float, category: str, day: str) -> dict:
    body = {"amount": amount, "category": category, "spent_on": day}
    response = api.post("/expenses", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, who: dict[str, str], **params: object) -> set[int]:
    response = api.get("/expenses", params=params, headers=who)
    assert response.status_code == 200, response.text
    return {e["id"] for e in response.json()["items"]}


def test_a_new_user_gets_an_api_key(api: httpx.Client) -> None:
    response = api.post("/users", json={"name": "Ada"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Ada" and isinstance(body["api_key"], str) and body["api_key"]


def test_expenses_need_a_known_api_key(api: httpx.Client) -> None:
    assert api.get("/expenses").status_code == 401
    assert api.get("/expenses", headers={"X-API-Key": "not-a-key"}).status_code == 401


def test_an_expense_is_created_with_201_and_read_back(api: httpx.Client) -> None:
    alice = _user(api)
    made = _spend(api, alice, 12.5, "food", "2024-03-01")
    assert made["amount"] == 12.5 and made["category"] == "food"
    assert made["spent_on"] == "2024-03-01"
    got = api.get(f"/expenses/{made['id']}", headers=alice)
    assert got.status_code == 200 and got.json()["id"] == made["id"]


def test_a_zero_amount_answers_400(api: httpx.Client) -> None:
    alice = _user(api)
    body = {"amount": 0, "category": "food", "spent_on": "2024-03-01"}
    assert api.post("/expenses", json=body, headers=alice).status_code == 400


def test_an_unknown_category_answers_400(api: httpx.Client) -> None:
    alice = _user(api)
    body = {"amount": 3, "category": "yachts", "spent_on": "2024-03-01"}
    assert api.post("/expenses", json=body, headers=alice).status_code == 400


def test_the_list_is_an_object_with_items_and_total(api: httpx.Client) -> None:
    alice = _user(api)
    for day in ("2024-01-01", "2024-01-02", "2024-01-03"):
        _spend(api, alice, 5, "office", day)
    body = api.get("/expenses", params={"per_page": 2}, headers=alice).json()
    assert isinstance(body, dict)
    assert body["total"] == 3 and len(body["items"]) == 2
    second = api.get("/expenses", params={"per_page": 2, "page": 2}, headers=alice).json()
    assert len(second["items"]) == 1


def test_another_users_expenses_are_not_listed_or_readable(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    made = _spend(api, alice, 9, "travel", "2024-02-02")
    assert _ids(api, bob) == set()
    assert api.get(f"/expenses/{made['id']}", headers=bob).status_code == 404
    assert api.delete(f"/expenses/{made['id']}", headers=bob).status_code == 404
    assert api.get(f"/expenses/{made['id']}", headers=alice).status_code == 200


def test_category_filters_by_equality(api: httpx.Client) -> None:
    alice = _user(api)
    food = _spend(api, alice, 4, "food", "2024-01-01")
    _spend(api, alice, 4, "travel", "2024-01-01")
    assert _ids(api, alice, category="food") == {food["id"]}


def test_from_and_to_are_an_inclusive_date_range(api: httpx.Client) -> None:
    alice = _user(api)
    _spend(api, alice, 1, "other", "2024-01-31")
    feb1 = _spend(api, alice, 1, "other", "2024-02-01")
    feb29 = _spend(api, alice, 1, "other", "2024-02-29")
    _spend(api, alice, 1, "other", "2024-03-01")
    found = _ids(api, alice, **{"from": "2024-02-01", "to": "2024-02-29"})
    assert found == {feb1["id"], feb29["id"]}


def test_amount_op_compares_the_amount(api: httpx.Client) -> None:
    alice = _user(api)
    small = _spend(api, alice, 10, "food", "2024-01-01")
    equal = _spend(api, alice, 20, "food", "2024-01-01")
    big = _spend(api, alice, 30, "food", "2024-01-01")
    assert _ids(api, alice, amount=20, amount_op="gte") == {equal["id"], big["id"]}
    assert _ids(api, alice, amount=20, amount_op="lt") == {small["id"]}
    assert _ids(api, alice, amount=20, amount_op="eq") == {equal["id"]}
    assert _ids(api, alice, amount=20, amount_op="gt") == {big["id"]}


def test_the_summary_is_plain_text_per_category(api: httpx.Client) -> None:
    alice = _user(api)
    _spend(api, alice, 40, "travel", "2024-01-01")
    _spend(api, alice, 2.5, "food", "2024-01-01")
    _spend(api, alice, 40, "food", "2024-01-02")
    response = api.get("/expenses/summary", headers=alice)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip().splitlines() == ["food: 42.50", "travel: 40.00"]


def test_delete_answers_204_and_the_expense_is_gone(api: httpx.Client) -> None:
    alice = _user(api)
    made = _spend(api, alice, 3, "food", "2024-01-01")
    assert api.delete(f"/expenses/{made['id']}", headers=alice).status_code == 204
    assert api.get(f"/expenses/{made['id']}", headers=alice).status_code == 404
