"""Acceptance tests for rehearsal.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "loud-amps-only"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _band(api: httpx.Client, name: str = "") -> tuple[str, str]:
    """Registers a band and answers its (login, password) pair for HTTP Basic."""
    login = f"b_{uuid.uuid4().hex[:12]}"
    body = {"login": login, "name": name or f"The {login}", "password": PASSWORD}
    response = api.post("/bands", json=body)
    assert response.status_code == 201, response.text
    return login, PASSWORD


def _day() -> dt.date:
    """A random far-future date, so that bookings of different tests never share a slot."""
    return dt.date(2200, 1, 1) + dt.timedelta(days=random.randrange(0, 200_000))


def _book(
    api: httpx.Client,
    who: tuple[str, str],
    day: dt.date,
    slot: str = "evening",
    room: str = "big",
    people: int = 4,
    **extra,
) -> dict:
    body = {"room": room, "date": day.isoformat(), "slot": slot, "people": people, **extra}
    response = api.post("/bookings", json=body, auth=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [booking["id"] for booking in response.json()["data"]]


def test_register_hides_the_password_and_a_taken_login_is_409(api: httpx.Client) -> None:
    login = f"b_{uuid.uuid4().hex[:12]}"
    body = {"login": login, "name": "Velvet Hammers", "password": PASSWORD}
    first = api.post("/bands", json=body)
    assert first.status_code == 201
    assert first.json()["login"] == login and first.json()["name"] == "Velvet Hammers"
    assert "password" not in first.json()
    assert api.post("/bands", json={**body, "name": "Other"}).status_code == 409


def test_calls_need_basic_credentials(api: httpx.Client) -> None:
    login, password = _band(api)
    assert api.get("/bookings").status_code == 401
    assert api.get("/bookings", auth=(login, "not-the-password")).status_code == 401
    assert api.get("/me", auth=(f"x{login}", password)).status_code == 401
    assert api.get("/me", auth=(login, password)).status_code == 200


def test_the_three_rooms_with_their_capacity(api: httpx.Client) -> None:
    rooms = api.get("/rooms", auth=_band(api))
    assert rooms.status_code == 200
    assert {room["name"]: room["capacity"] for room in rooms.json()} == {
        "small": 4,
        "big": 8,
        "drums": 3,
    }


def test_a_booking_shows_the_band_name(api: httpx.Client) -> None:
    me = _band(api, "Cellar Door")
    day = _day()
    booking = _book(api, me, day, "morning", "small", 3, note="bring the spare snare")
    assert isinstance(booking["id"], int)
    assert booking["room"] == "small" and booking["slot"] == "morning"
    assert booking["date"] == day.isoformat() and booking["people"] == 3
    assert booking["band"] == "Cellar Door" and booking["note"] == "bring the spare snare"
    got = api.get(f"/bookings/{booking['id']}", auth=_band(api))
    assert got.status_code == 200 and got.json()["band"] == "Cellar Door"


def test_the_same_room_date_and_slot_twice_is_409(api: httpx.Client) -> None:
    ann, bob = _band(api), _band(api)
    day = _day()
    _book(api, ann, day, "afternoon", "drums", 2)
    taken = {"room": "drums", "date": day.isoformat(), "slot": "afternoon", "people": 1}
    assert api.post("/bookings", json=taken, auth=bob).status_code == 409
    assert api.post("/bookings", json=taken, auth=ann).status_code == 409
    assert _book(api, bob, day, "evening", "drums", 1)["slot"] == "evening"
    assert _book(api, bob, day, "afternoon", "small", 1)["room"] == "small"


def test_more_people_than_the_room_holds_is_400(api: httpx.Client) -> None:
    me = _band(api)
    day = _day().isoformat()
    assert (
        api.post(
            "/bookings",
            json={"room": "drums", "date": day, "slot": "morning", "people": 4},
            auth=me,
        ).status_code
        == 400
    )
    assert _book(api, me, dt.date.fromisoformat(day), "morning", "big", 8)["people"] == 8


def test_invalid_bookings_are_400(api: httpx.Client) -> None:
    me = _band(api)
    day = _day().isoformat()
    good = {"room": "big", "date": day, "slot": "evening", "people": 2}
    assert api.post("/bookings", json={**good, "room": "attic"}, auth=me).status_code == 400
    assert api.post("/bookings", json={**good, "slot": "night"}, auth=me).status_code == 400
    no_date = {k: v for k, v in good.items() if k != "date"}
    assert api.post("/bookings", json=no_date, auth=me).status_code == 400


def test_calendar_order_with_mine_and_an_envelope(api: httpx.Client) -> None:
    me, other = _band(api), _band(api)
    day = _day()
    late = _book(api, me, day + dt.timedelta(days=1), "morning")
    evening = _book(api, me, day, "evening")
    morning = _book(api, me, day, "morning")
    afternoon = _book(api, me, day, "afternoon")
    _book(api, other, day, "morning", "small", 2)
    listed = api.get("/bookings", params={"mine": "true"}, auth=me)
    assert _ids(listed) == [morning["id"], afternoon["id"], evening["id"], late["id"]]
    assert listed.json()["meta"]["total"] == 4


def test_everyone_sees_every_booking(api: httpx.Client) -> None:
    ann, bob = _band(api), _band(api)
    day = _day()
    mine = _book(api, ann, day, "evening", "big")
    window = {"from": day.isoformat(), "to": day.isoformat(), "room": "big"}
    assert mine["id"] in _ids(api.get("/bookings", params=window, auth=bob))
    assert _ids(api.get("/bookings", params={**window, "mine": "true"}, auth=bob)) == []


def test_from_and_to_are_inclusive(api: httpx.Client) -> None:
    me = _band(api)
    day = _day()
    before = _book(api, me, day - dt.timedelta(days=1))
    first = _book(api, me, day)
    last = _book(api, me, day + dt.timedelta(days=6))
    after = _book(api, me, day + dt.timedelta(days=7))
    window = {
        "mine": "true",
        "from": day.isoformat(),
        "to": (day + dt.timedelta(days=6)).isoformat(),
    }
    listed = api.get("/bookings", params=window, auth=me)
    assert _ids(listed) == [first["id"], last["id"]]
    assert listed.json()["meta"]["total"] == 2
    everything = api.get("/bookings", params={"mine": "true"}, auth=me)
    assert _ids(everything) == [before["id"], first["id"], last["id"], after["id"]]


def test_room_filter(api: httpx.Client) -> None:
    me = _band(api)
    day = _day()
    small = _book(api, me, day, "morning", "small", 2)
    _book(api, me, day, "morning", "big", 2)
    listed = api.get("/bookings", params={"mine": "true", "room": "small"}, auth=me)
    assert _ids(listed) == [small["id"]]


def test_only_the_booking_band_cancels_and_the_count_follows(api: httpx.Client) -> None:
    ann, bob = _band(api), _band(api)
    assert api.get("/me", auth=ann).json()["booking_count"] == 0
    day = _day()
    booking = _book(api, ann, day)
    _book(api, ann, day, "morning")
    assert api.get("/me", auth=ann).json()["booking_count"] == 2
    assert api.delete(f"/bookings/{booking['id']}", auth=bob).status_code == 403
    assert api.delete(f"/bookings/{booking['id']}", auth=ann).status_code == 204
    assert api.get(f"/bookings/{booking['id']}", auth=ann).status_code == 404
    assert api.get("/me", auth=ann).json()["booking_count"] == 1
    assert _book(api, bob, day)["band"] != ""


def test_an_unknown_booking_is_404(api: httpx.Client) -> None:
    me = _band(api)
    assert api.get("/bookings/987654321", auth=me).status_code == 404
    assert api.delete("/bookings/987654321", auth=me).status_code == 404
