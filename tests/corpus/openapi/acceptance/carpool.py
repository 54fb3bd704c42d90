"""Acceptance tests for carpool.md, written from the document and its prose before generating.

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


def _new_user() -> dict[str, str]:
    return {
        "name": f"Colleague {uuid.uuid4().hex[:6]}",
        "email": f"c{uuid.uuid4().hex[:12]}@example.com",
        "password": "share-the-ride-5",
    }


def _signed_in(api: httpx.Client) -> tuple[dict[str, str], dict]:
    """Signs a new colleague up and answers (auth headers, user as answered by sign-up)."""
    new = _new_user()
    created = api.post("/users", json=new)
    assert created.status_code == 201, created.text
    token = api.post("/auth/token", json={"email": new["email"], "password": new["password"]})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}, created.json()


def _town() -> str:
    """A city no other test uses: every signed-in colleague sees every ride."""
    return f"Town{uuid.uuid4().hex[:8]}"


def _offer(api: httpx.Client, who: dict[str, str], **fields: object) -> dict:
    body = {
        "from_city": _town(),
        "to_city": "Business Park",
        "departs_at": "2026-05-04T07:30:00Z",
        "seats": 3,
        **fields,
    }
    response = api.post("/rides", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, who: dict[str, str], **params: object) -> list[int]:
    response = api.get("/rides", params=params, headers=who)
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()]


def test_sign_up_answers_201_without_the_password_and_409_when_taken(api: httpx.Client) -> None:
    new = _new_user()
    response = api.post("/users", json=new)
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == new["email"] and body["name"] == new["name"]
    assert isinstance(body["id"], int) and "password" not in body
    assert api.post("/users", json=new).status_code == 409


def test_a_token_for_the_right_password_and_401_otherwise(api: httpx.Client) -> None:
    new = _new_user()
    api.post("/users", json=new)
    wrong = api.post("/auth/token", json={"email": new["email"], "password": "wrong-pass-00"})
    assert wrong.status_code == 401
    assert api.get("/rides").status_code == 401
    assert api.get("/rides", headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_an_offered_ride_has_all_its_seats_left_and_its_driver(api: httpx.Client) -> None:
    me, user = _signed_in(api)
    ride = _offer(api, me, seats=4, note=None)
    assert ride["driver_id"] == user["id"] and isinstance(ride["id"], int)
    assert ride["seats"] == 4 and ride["seats_left"] == 4 and ride["passengers"] == []
    assert ride.get("note") is None and ride["to_city"] == "Business Park"
    got = api.get(f"/rides/{ride['id']}", headers=me)
    assert got.status_code == 200 and got.json()["from_city"] == ride["from_city"]
    assert api.get("/rides/987654321", headers=me).status_code == 404


def test_invalid_rides_answer_400(api: httpx.Client) -> None:
    me, _ = _signed_in(api)
    base = {"from_city": "Delft", "to_city": "Park", "departs_at": "2026-05-04T07:30:00Z"}
    for body in (
        {**base, "seats": 0},
        {**base, "seats": 9},
        {"from_city": "Delft", "departs_at": "2026-05-04T07:30:00Z", "seats": 2},
        {**base, "seats": 2, "departs_at": "next tuesday"},
    ):
        assert api.post("/rides", json=body, headers=me).status_code == 400, body


def test_every_colleague_sees_every_ride_soonest_first(api: httpx.Client) -> None:
    alice, _ = _signed_in(api)
    bob, _ = _signed_in(api)
    town = _town()
    late = _offer(api, alice, from_city=town, departs_at="2026-05-06T08:00:00Z")
    early = _offer(api, bob, from_city=town, departs_at="2026-05-04T07:00:00Z")
    middle = _offer(api, alice, from_city=town, departs_at="2026-05-05T07:45:00Z")
    assert _ids(api, bob, from_city=town) == [early["id"], middle["id"], late["id"]]
    assert api.get(f"/rides/{late['id']}", headers=bob).status_code == 200


def test_city_and_date_filters(api: httpx.Client) -> None:
    me, _ = _signed_in(api)
    town, other = _town(), _town()
    monday = _offer(api, me, from_city=town, departs_at="2026-06-01T07:30:00Z")
    tuesday = _offer(api, me, from_city=town, departs_at="2026-06-02T07:30:00Z")
    back = _offer(
        api, me, from_city="Business Park", to_city=town, departs_at="2026-06-01T17:00:00Z"
    )
    _offer(api, me, from_city=other, departs_at="2026-06-01T07:30:00Z")
    assert _ids(api, me, from_city=town.lower()) == [monday["id"], tuesday["id"]]
    assert _ids(api, me, to_city=town.upper()) == [back["id"]]
    assert _ids(api, me, from_city=town, date="2026-06-02") == [tuesday["id"]]


def test_joining_takes_a_seat_and_lists_me(api: httpx.Client) -> None:
    driver, _ = _signed_in(api)
    rider, rider_user = _signed_in(api)
    ride = _offer(api, driver, seats=2)
    joined = api.post(f"/rides/{ride['id']}/passengers", headers=rider)
    assert joined.status_code == 201
    body = joined.json()
    assert body["seats_left"] == 1
    assert [(p["id"], p["name"]) for p in body["passengers"]] == [
        (rider_user["id"], rider_user["name"])
    ]
    assert api.get(f"/rides/{ride['id']}", headers=driver).json()["seats_left"] == 1
    assert api.post(f"/rides/{ride['id']}/passengers", headers=rider).status_code == 409


def test_a_full_ride_answers_409_and_drops_out_of_has_seats(api: httpx.Client) -> None:
    driver, _ = _signed_in(api)
    first, _ = _signed_in(api)
    second, _ = _signed_in(api)
    town = _town()
    full = _offer(api, driver, from_city=town, seats=1)
    free = _offer(api, driver, from_city=town, seats=2, departs_at="2026-05-04T09:00:00Z")
    assert api.post(f"/rides/{full['id']}/passengers", headers=first).status_code == 201
    assert api.post(f"/rides/{full['id']}/passengers", headers=second).status_code == 409
    assert _ids(api, driver, from_city=town, has_seats="true") == [free["id"]]
    assert _ids(api, driver, from_city=town) == [full["id"], free["id"]]


def test_a_driver_cannot_join_their_own_ride(api: httpx.Client) -> None:
    driver, _ = _signed_in(api)
    ride = _offer(api, driver)
    assert api.post(f"/rides/{ride['id']}/passengers", headers=driver).status_code == 403
    assert api.post("/rides/987654321/passengers", headers=driver).status_code == 404


def test_leaving_frees_the_seat_and_leaving_twice_is_404(api: httpx.Client) -> None:
    driver, _ = _signed_in(api)
    rider, _ = _signed_in(api)
    ride = _offer(api, driver, seats=3)
    api.post(f"/rides/{ride['id']}/passengers", headers=rider)
    left = api.delete(f"/rides/{ride['id']}/passengers/me", headers=rider)
    assert left.status_code == 204
    after = api.get(f"/rides/{ride['id']}", headers=rider).json()
    assert after["seats_left"] == 3 and after["passengers"] == []
    again = api.delete(f"/rides/{ride['id']}/passengers/me", headers=rider)
    assert again.status_code == 404


def test_only_the_driver_cancels_a_ride(api: httpx.Client) -> None:
    driver, _ = _signed_in(api)
    other, _ = _signed_in(api)
    ride = _offer(api, driver)
    assert api.delete(f"/rides/{ride['id']}", headers=other).status_code == 403
    assert api.get(f"/rides/{ride['id']}", headers=other).status_code == 200
    assert api.delete(f"/rides/{ride['id']}", headers=driver).status_code == 204
    assert api.get(f"/rides/{ride['id']}", headers=driver).status_code == 404
