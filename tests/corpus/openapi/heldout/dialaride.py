"""Acceptance tests for dialaride.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "minibus-pass-1"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _email() -> str:
    return f"rider-{uuid.uuid4().hex[:12]}@example.org"


def _signup(api: httpx.Client, email: str | None = None, name: str = "Mary Jones") -> dict:
    body = {"email": email or _email(), "name": name, "password": PASSWORD}
    response = api.post("/riders", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _token(api: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    return api.post("/token", data={"username": email, "password": password})


def _rider(api: httpx.Client) -> dict[str, str]:
    """Registers a fresh rider and returns the Authorization header for them."""
    rider = _signup(api)
    response = _token(api, rider["email"])
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _trip(api: httpx.Client, headers: dict[str, str], **fields) -> dict:
    body = {
        "pickup_address": "12 Elm Road",
        "destination": "St Mary's Hospital",
        "travel_date": "2031-05-10",
        "pickup_time": "09:30",
        **fields,
    }
    response = api.post("/trips", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, headers: dict[str, str], **params) -> dict:
    response = api.get("/trips", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, headers: dict[str, str], **params) -> list[int]:
    return [t["id"] for t in _list(api, headers, **params)["data"]]


def test_signup_is_201_and_never_returns_the_password(api: httpx.Client) -> None:
    email = _email()
    response = api.post("/riders", json={"email": email, "name": "Alf Smith", "password": PASSWORD})
    assert response.status_code == 201, response.text
    body = response.json()
    assert isinstance(body["id"], int)
    assert body["email"] == email and body["name"] == "Alf Smith"
    assert body["trip_count"] == 0
    assert "password" not in body and PASSWORD not in response.text


def test_the_same_email_in_another_case_is_409(api: httpx.Client) -> None:
    email = _email()
    _signup(api, email)
    again = api.post(
        "/riders",
        json={"email": email.upper(), "name": "Someone", "password": PASSWORD},
    )
    assert again.status_code == 409, again.text


def test_token_is_an_oauth2_password_form(api: httpx.Client) -> None:
    rider = _signup(api)
    good = _token(api, rider["email"])
    assert good.status_code == 200, good.text
    assert isinstance(good.json()["access_token"], str) and good.json()["access_token"]
    assert good.json()["token_type"].lower() == "bearer"
    bad = _token(api, rider["email"], "not-the-password")
    assert bad.status_code == 401, bad.text


def test_everything_but_signup_and_token_needs_a_bearer_token(
    api: httpx.Client,
) -> None:
    assert api.get("/trips").status_code == 401
    assert api.get("/me").status_code == 401
    body = {
        "pickup_address": "12 Elm Road",
        "destination": "Market Square",
        "travel_date": "2031-05-10",
        "pickup_time": "10:00",
    }
    assert api.post("/trips", json=body).status_code == 401
    bogus = {"Authorization": "Bearer not-a-real-token"}
    assert api.get("/trips", headers=bogus).status_code == 401


def test_a_new_trip_has_its_defaults_and_computed_fields(api: httpx.Client) -> None:
    me = _rider(api)
    trip = _trip(api, me)
    assert isinstance(trip["id"], int)
    assert trip["status"] == "requested"
    assert trip["purpose"] == "other"
    assert trip["companions"] == 0 and trip["wheelchair"] is False
    assert trip["return_time"] is None and trip["notes"] is None
    assert trip["pickup_time"] == "09:30" and trip["travel_date"] == "2031-05-10"
    assert trip["passengers"] == 1
    assert trip["fare"] == 2.0
    got = api.get(f"/trips/{trip['id']}", headers=me)
    assert got.status_code == 200 and got.json()["destination"] == "St Mary's Hospital"


def test_fare_is_two_pounds_a_passenger_and_medical_is_free(api: httpx.Client) -> None:
    me = _rider(api)
    social = _trip(api, me, purpose="social", companions=2, return_time="15:00")
    assert social["passengers"] == 3 and social["fare"] == 6.0
    assert social["return_time"] == "15:00"
    medical = _trip(api, me, purpose="medical", companions=1, wheelchair=True)
    assert medical["passengers"] == 2 and medical["fare"] == 0
    assert medical["wheelchair"] is True


def test_bad_trip_bodies_are_400_not_422(api: httpx.Client) -> None:
    me = _rider(api)
    base = {
        "pickup_address": "12 Elm Road",
        "destination": "Market Square",
        "travel_date": "2031-05-10",
        "pickup_time": "10:00",
    }
    missing = {k: v for k, v in base.items() if k != "pickup_time"}
    for body in (
        missing,
        {**base, "companions": 4},
        {**base, "companions": -1},
        {**base, "pickup_time": "9am"},
        {**base, "pickup_time": "25:00"},
        {**base, "purpose": "holiday"},
        {**base, "return_time": "09:00"},
        {**base, "return_time": "10:00"},
    ):
        response = api.post("/trips", json=body, headers=me)
        assert response.status_code == 400, (body, response.text)
    assert _list(api, me)["meta"]["total"] == 0


def test_another_riders_trip_is_404(api: httpx.Client) -> None:
    mine = _rider(api)
    theirs = _rider(api)
    trip = _trip(api, mine)
    assert api.get(f"/trips/{trip['id']}", headers=theirs).status_code == 404
    assert (
        api.patch(f"/trips/{trip['id']}", json={"companions": 1}, headers=theirs).status_code == 404
    )
    assert api.post(f"/trips/{trip['id']}/cancel", headers=theirs).status_code == 404
    assert trip["id"] not in _ids(api, theirs)
    assert _list(api, theirs)["meta"]["total"] == 0
    assert api.get(f"/trips/{trip['id']}", headers=mine).json()["status"] == "requested"


def test_list_envelope_soonest_first_and_reversed(api: httpx.Client) -> None:
    me = _rider(api)
    late = _trip(api, me, travel_date="2031-06-20", pickup_time="08:00")
    early_pm = _trip(api, me, travel_date="2031-06-02", pickup_time="14:15")
    early_am = _trip(api, me, travel_date="2031-06-02", pickup_time="08:45")
    middle = _trip(api, me, travel_date="2031-06-11", pickup_time="11:00")
    body = _list(api, me)
    assert set(body) >= {"data", "meta"}
    assert body["meta"]["total"] == 4 and body["meta"]["page"] == 1
    assert body["meta"]["per_page"] == 10
    assert [t["id"] for t in body["data"]] == [
        early_am["id"],
        early_pm["id"],
        middle["id"],
        late["id"],
    ]
    reverse = _ids(api, me, sort="-travel_date")
    assert reverse == [late["id"], middle["id"], early_pm["id"], early_am["id"]]


def test_status_purpose_and_inclusive_date_range(api: httpx.Client) -> None:
    me = _rider(api)
    a = _trip(api, me, travel_date="2031-07-01", purpose="shopping")
    b = _trip(api, me, travel_date="2031-07-05", purpose="medical")
    c = _trip(api, me, travel_date="2031-07-09", purpose="shopping")
    d = _trip(api, me, travel_date="2031-07-12", purpose="shopping")
    assert _ids(api, me, **{"from": "2031-07-05", "to": "2031-07-09"}) == [
        b["id"],
        c["id"],
    ]
    assert _ids(api, me, purpose="shopping") == [a["id"], c["id"], d["id"]]
    cancelled = api.post(f"/trips/{c['id']}/cancel", headers=me)
    assert cancelled.status_code == 200, cancelled.text
    assert _ids(api, me, status="cancelled") == [c["id"]]
    assert _ids(api, me, status="requested", purpose="shopping") == [a["id"], d["id"]]


def test_page_and_per_page(api: httpx.Client) -> None:
    me = _rider(api)
    trips = [_trip(api, me, travel_date=f"2031-08-{day:02d}") for day in range(1, 6)]
    first = _list(api, me, page=1, per_page=2)
    assert [t["id"] for t in first["data"]] == [trips[0]["id"], trips[1]["id"]]
    assert first["meta"] == {"total": 5, "page": 1, "per_page": 2}
    third = _list(api, me, page=3, per_page=2)
    assert [t["id"] for t in third["data"]] == [trips[4]["id"]]
    assert third["meta"]["total"] == 5 and third["meta"]["page"] == 3


def test_patch_changes_only_what_is_sent_and_recomputes_the_fare(
    api: httpx.Client,
) -> None:
    me = _rider(api)
    trip = _trip(api, me, purpose="shopping", notes="ring the bell twice")
    assert trip["fare"] == 2.0
    patched = api.patch(f"/trips/{trip['id']}", json={"companions": 1}, headers=me)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["companions"] == 1 and body["passengers"] == 2 and body["fare"] == 4.0
    assert body["notes"] == "ring the bell twice" and body["purpose"] == "shopping"
    assert body["pickup_time"] == "09:30" and body["destination"] == trip["destination"]
    free = api.patch(f"/trips/{trip['id']}", json={"purpose": "medical"}, headers=me)
    assert free.status_code == 200 and free.json()["fare"] == 0
    bad = api.patch(f"/trips/{trip['id']}", json={"return_time": "08:00"}, headers=me)
    assert bad.status_code == 400, bad.text


def test_cancel_answers_200_then_409_and_freezes_the_trip(api: httpx.Client) -> None:
    me = _rider(api)
    trip = _trip(api, me)
    first = api.post(f"/trips/{trip['id']}/cancel", headers=me)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "cancelled" and first.json()["id"] == trip["id"]
    again = api.post(f"/trips/{trip['id']}/cancel", headers=me)
    assert again.status_code == 409, again.text
    edit = api.patch(f"/trips/{trip['id']}", json={"companions": 2}, headers=me)
    assert edit.status_code == 409, edit.text
    assert api.get(f"/trips/{trip['id']}", headers=me).json()["companions"] == 0


def test_me_counts_trips_that_are_not_cancelled(api: httpx.Client) -> None:
    me = _rider(api)
    _trip(api, me)
    _trip(api, me, travel_date="2031-09-01")
    gone = _trip(api, me, travel_date="2031-09-02")
    assert api.post(f"/trips/{gone['id']}/cancel", headers=me).status_code == 200
    response = api.get("/me", headers=me)
    assert response.status_code == 200, response.text
    assert response.json()["trip_count"] == 2
    assert "password" not in response.json()
