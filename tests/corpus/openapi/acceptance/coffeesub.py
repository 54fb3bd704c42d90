"""Acceptance tests for coffeesub.md, written from the document and its prose before generating.

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


def _creds() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {"email": f"c{tag}@example.com", "password": "flat-white-42", "name": f"Cust {tag}"}


def _customer(api: httpx.Client) -> dict[str, str]:
    creds = _creds()
    assert api.post("/customers", json=creds).status_code == 201
    pair = {"email": creds["email"], "password": creds["password"]}
    login = api.post("/customers/login", json=pair)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['auth_token']}"}


def _subscribe(
    api: httpx.Client, who: dict, blend: str = "house", start_on: str = "2099-01-05", **extra
) -> dict:
    response = api.post(
        "/subscriptions", json={"blend": blend, "start_on": start_on, **extra}, headers=who
    )
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [sub["id"] for sub in response.json()]


def test_register_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/customers", json=creds)
    assert first.status_code == 201
    assert first.json()["email"] == creds["email"] and "password" not in first.json()
    assert api.post("/customers", json=creds).status_code == 409
    wrong = api.post("/customers/login", json={"email": creds["email"], "password": "cold-brew-00"})
    assert wrong.status_code == 401


def test_subscriptions_need_a_token(api: httpx.Client) -> None:
    assert api.get("/subscriptions").status_code == 401
    body = {"blend": "house", "start_on": "2099-01-05"}
    assert api.post("/subscriptions", json=body).status_code == 401
    assert api.get("/subscriptions/summary").status_code == 401


def test_defaults_price_and_next_delivery_of_a_future_start(api: httpx.Client) -> None:
    me = _customer(api)
    sub = _subscribe(api, me, "house", "2099-01-05")
    assert isinstance(sub["id"], int)
    assert sub["bags"] == 1 and sub["grind"] == "whole" and sub["every_weeks"] == 2
    assert sub["status"] == "active" and sub["start_on"] == "2099-01-05"
    assert sub["price_per_delivery"] == pytest.approx(8.5)
    assert sub["next_delivery"] == "2099-01-05"
    got = api.get(f"/subscriptions/{sub['id']}", headers=me)
    assert got.status_code == 200 and got.json()["blend"] == "house"


def test_the_price_is_bags_times_eight_fifty(api: httpx.Client) -> None:
    me = _customer(api)
    sub = _subscribe(api, me, "espresso", bags=3, grind="espresso", every_weeks=4)
    assert sub["bags"] == 3 and sub["grind"] == "espresso" and sub["every_weeks"] == 4
    assert sub["price_per_delivery"] == pytest.approx(25.5)


def test_next_delivery_steps_from_a_past_start(api: httpx.Client) -> None:
    me = _customer(api)
    start = dt.date.today() - dt.timedelta(days=7)
    sub = _subscribe(api, me, "decaf", start.isoformat(), every_weeks=2)
    assert sub["next_delivery"] == (start + dt.timedelta(days=14)).isoformat()


def test_invalid_subscriptions_are_422(api: httpx.Client) -> None:
    me = _customer(api)
    good = {"blend": "house", "start_on": "2099-01-05"}
    for bad in (
        {**good, "blend": "instant"},
        {**good, "bags": 5},
        {**good, "bags": 0},
        {**good, "every_weeks": 3},
        {"blend": "house"},
    ):
        assert api.post("/subscriptions", json=bad, headers=me).status_code == 422, bad


def test_one_subscription_per_blend_per_customer(api: httpx.Client) -> None:
    ann, bob = _customer(api), _customer(api)
    _subscribe(api, ann, "single-origin")
    again = {"blend": "single-origin", "start_on": "2099-02-01"}
    assert api.post("/subscriptions", json=again, headers=ann).status_code == 409
    assert _subscribe(api, bob, "single-origin")["blend"] == "single-origin"
    assert _subscribe(api, ann, "house")["blend"] == "house"


def test_pause_and_resume_then_409(api: httpx.Client) -> None:
    me = _customer(api)
    sub = _subscribe(api, me, "house", "2099-03-01")
    url = f"/subscriptions/{sub['id']}"
    assert api.post(f"{url}/resume", headers=me).status_code == 409
    paused = api.post(f"{url}/pause", headers=me)
    assert paused.status_code == 200
    assert paused.json()["status"] == "paused" and paused.json()["next_delivery"] is None
    assert api.post(f"{url}/pause", headers=me).status_code == 409
    resumed = api.post(f"{url}/resume", headers=me)
    assert resumed.status_code == 200
    assert resumed.json()["status"] == "active" and resumed.json()["next_delivery"] == "2099-03-01"


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    me = _customer(api)
    sub = _subscribe(api, me, "house", grind="filter")
    changed = api.patch(f"/subscriptions/{sub['id']}", json={"bags": 2}, headers=me)
    assert changed.status_code == 200
    body = changed.json()
    assert body["bags"] == 2 and body["price_per_delivery"] == pytest.approx(17.0)
    assert body["grind"] == "filter" and body["blend"] == "house" and body["every_weeks"] == 2
    bad = api.patch(f"/subscriptions/{sub['id']}", json={"every_weeks": 3}, headers=me)
    assert bad.status_code == 422


def test_my_list_is_oldest_first_and_filtered_by_status(api: httpx.Client) -> None:
    ann, bob = _customer(api), _customer(api)
    first = _subscribe(api, ann, "espresso")
    second = _subscribe(api, ann, "decaf")
    third = _subscribe(api, ann, "house")
    _subscribe(api, bob, "house")
    assert _ids(api.get("/subscriptions", headers=ann)) == [first["id"], second["id"], third["id"]]
    api.post(f"/subscriptions/{second['id']}/pause", headers=ann)
    paused = api.get("/subscriptions", params={"status": "paused"}, headers=ann)
    assert _ids(paused) == [second["id"]]
    active = api.get("/subscriptions", params={"status": "active"}, headers=ann)
    assert _ids(active) == [first["id"], third["id"]]


def test_another_customers_subscription_is_404(api: httpx.Client) -> None:
    ann, bob = _customer(api), _customer(api)
    sub = _subscribe(api, ann)
    url = f"/subscriptions/{sub['id']}"
    assert api.get(url, headers=bob).status_code == 404
    assert api.patch(url, json={"bags": 4}, headers=bob).status_code == 404
    assert api.post(f"{url}/pause", headers=bob).status_code == 404
    assert api.delete(url, headers=bob).status_code == 404
    assert _ids(api.get("/subscriptions", headers=bob)) == []
    assert api.get(url, headers=ann).json()["bags"] == 1


def test_cancel_is_204(api: httpx.Client) -> None:
    me = _customer(api)
    sub = _subscribe(api, me)
    assert api.delete(f"/subscriptions/{sub['id']}", headers=me).status_code == 204
    assert api.get(f"/subscriptions/{sub['id']}", headers=me).status_code == 404
    assert _subscribe(api, me, "house")["status"] == "active"


def test_summary_is_plain_text_of_my_active_subscriptions(api: httpx.Client) -> None:
    me, other = _customer(api), _customer(api)
    _subscribe(api, me, "house", bags=2, grind="filter", every_weeks=2)
    _subscribe(api, me, "espresso", bags=1, grind="whole", every_weeks=1)
    paused = _subscribe(api, me, "decaf", bags=4)
    api.post(f"/subscriptions/{paused['id']}/pause", headers=me)
    _subscribe(api, other, "single-origin", bags=3)
    summary = api.get("/subscriptions/summary", headers=me)
    assert summary.status_code == 200
    assert summary.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in summary.text.splitlines() if line.strip()]
    assert lines == [
        "espresso: bags=1 grind=whole every_weeks=1",
        "house: bags=2 grind=filter every_weeks=2",
        "total: 25.50",
    ]
