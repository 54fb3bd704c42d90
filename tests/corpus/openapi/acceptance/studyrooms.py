"""Acceptance tests for studyrooms.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _login_body() -> dict[str, str]:
    return {"username": f"m_{uuid.uuid4().hex[:12]}", "password": "quiet-please-42"}


@contextmanager
def _member() -> Iterator[httpx.Client]:
    """A client of its own that holds the member's `roomsid` cookie."""
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        creds = _login_body()
        assert client.post("/accounts", json=creds).status_code == 201
        login = client.post("/session", json=creds)
        assert login.status_code == 200, login.text
        assert "roomsid" in client.cookies
        yield client


def _floor() -> int:
    """A floor number no other test uses, so public room lists can be checked exactly."""
    return random.randint(1_000, 1_000_000_000)


def _room(member: httpx.Client, floor: int | None = None, seats: int = 6, name: str = "") -> dict:
    body = {"name": name or f"Room {uuid.uuid4().hex[:8]}", "seats": seats}
    if floor is not None:
        body["floor"] = floor
    response = member.post("/rooms", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _book(member: httpx.Client, room: dict, start: str, end: str) -> httpx.Response:
    body = {"starts_at": start, "ends_at": end, "purpose": "exam prep"}
    return member.post(f"/rooms/{room['id']}/bookings", json=body)


def _at(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_an_account_answers_201_without_the_password(api: httpx.Client) -> None:
    creds = _login_body()
    response = api.post("/accounts", json=creds)
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == creds["username"] and isinstance(body["id"], int)
    assert "password" not in body


def test_a_wrong_password_answers_401_and_sets_no_cookie(api: httpx.Client) -> None:
    creds = _login_body()
    api.post("/accounts", json=creds)
    response = api.post("/session", json={**creds, "password": "loud-please-42"})
    assert response.status_code == 401
    assert "roomsid" not in response.cookies


def test_members_only_calls_answer_401_without_the_cookie(api: httpx.Client) -> None:
    assert api.post("/rooms", json={"name": "x", "seats": 2}).status_code == 401
    assert api.get("/bookings/mine").status_code == 401


def test_logging_out_ends_the_session(api: httpx.Client) -> None:
    with _member() as member:
        old = {"Cookie": f"roomsid={member.cookies['roomsid']}"}
        assert member.get("/bookings/mine").status_code == 200
        assert member.delete("/session").status_code == 204
    response = api.get("/bookings/mine", headers=old)
    assert response.status_code == 401


def test_rooms_are_public_sorted_by_name_and_filtered(api: httpx.Client) -> None:
    floor = _floor()
    with _member() as member:
        big = _room(member, floor, seats=12, name=f"Cedar {floor}")
        small = _room(member, floor, seats=4, name=f"Aspen {floor}")
        mid = _room(member, floor, seats=8, name=f"Birch {floor}")
    listed = api.get("/rooms", params={"floor": floor})
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [r["id"] for r in listed.json()] == [small["id"], mid["id"], big["id"]]
    roomy = api.get("/rooms", params={"floor": floor, "min_seats": 8}).json()
    assert [r["id"] for r in roomy] == [mid["id"], big["id"]]
    got = api.get(f"/rooms/{big['id']}")
    assert got.status_code == 200 and got.json()["seats"] == 12


def test_a_taken_room_name_answers_409(api: httpx.Client) -> None:
    with _member() as member:
        room = _room(member)
        again = member.post("/rooms", json={"name": room["name"], "seats": 3})
        assert again.status_code == 409


def test_a_booking_is_201_and_counted_on_the_room(api: httpx.Client) -> None:
    with _member() as member:
        room = _room(member)
        assert room["booking_count"] == 0
        booked = _book(member, room, "2031-05-04T10:00:00Z", "2031-05-04T12:00:00Z")
        assert booked.status_code == 201, booked.text
        body = booked.json()
        assert body["room_id"] == room["id"]
        assert _at(body["starts_at"]) == _at("2031-05-04T10:00:00Z")
        assert api.get(f"/rooms/{room['id']}").json()["booking_count"] == 1
        assert member.delete(f"/bookings/{body['id']}").status_code == 204
        assert api.get(f"/rooms/{room['id']}").json()["booking_count"] == 0


def test_a_slot_ending_before_it_starts_answers_400(api: httpx.Client) -> None:
    with _member() as member:
        room = _room(member)
        response = _book(member, room, "2031-05-04T12:00:00Z", "2031-05-04T10:00:00Z")
        assert response.status_code == 400


def test_overlapping_slots_answer_409_but_touching_slots_are_fine(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        room = _room(alice)
        assert _book(alice, room, "2031-06-01T09:00:00Z", "2031-06-01T11:00:00Z").status_code == 201
        overlap = _book(bob, room, "2031-06-01T10:30:00Z", "2031-06-01T12:00:00Z")
        assert overlap.status_code == 409
        touching = _book(bob, room, "2031-06-01T11:00:00Z", "2031-06-01T12:00:00Z")
        assert touching.status_code == 201
        other_room = _room(bob)
        elsewhere = _book(bob, other_room, "2031-06-01T10:00:00Z", "2031-06-01T10:30:00Z")
        assert elsewhere.status_code == 201


def test_my_bookings_are_mine_earliest_first_and_filtered_by_start(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        room = _room(alice)
        late = _book(alice, room, "2031-07-03T09:00:00Z", "2031-07-03T10:00:00Z").json()
        early = _book(alice, room, "2031-07-01T09:00:00Z", "2031-07-01T10:00:00Z").json()
        _book(bob, room, "2031-07-02T09:00:00Z", "2031-07-02T10:00:00Z")
        mine = alice.get("/bookings/mine")
        assert mine.status_code == 200
        assert [b["id"] for b in mine.json()] == [early["id"], late["id"]]
        params = {"from": "2031-07-02T00:00:00Z", "to": "2031-07-04T00:00:00Z"}
        assert [b["id"] for b in alice.get("/bookings/mine", params=params).json()] == [late["id"]]


def test_cancelling_someone_elses_booking_answers_403(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        room = _room(alice)
        booking = _book(alice, room, "2031-08-01T09:00:00Z", "2031-08-01T10:00:00Z").json()
        assert bob.delete(f"/bookings/{booking['id']}").status_code == 403
        assert [b["id"] for b in alice.get("/bookings/mine").json()] == [booking["id"]]
        assert bob.delete("/bookings/987654321").status_code == 404


def test_an_unknown_room_answers_404(api: httpx.Client) -> None:
    assert api.get("/rooms/987654321").status_code == 404
    with _member() as member:
        fake = {"id": 987654321}
        response = _book(member, fake, "2031-09-01T09:00:00Z", "2031-09-01T10:00:00Z")
        assert response.status_code == 404
