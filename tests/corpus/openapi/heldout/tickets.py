"""Acceptance tests for heldout/tickets.md, written from the document and prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _customer(api: httpx.Client) -> dict[str, str]:
    creds = {"email": f"c{uuid.uuid4().hex[:10]}@example.com", "password": "helpme-please"}
    assert api.post("/auth/signup", json=creds).status_code == 201
    login = api.post("/auth/login", json=creds)
    assert login.status_code == 200
    return {"Authorization": f"Bearer {login.json()['token']}"}


def _open(api: httpx.Client, who: dict[str, str], **fields: object) -> dict:
    body = {"subject": "Printer on fire", **fields}
    response = api.post("/tickets", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_login_returns_the_token_under_token(api: httpx.Client) -> None:
    creds = {"email": f"c{uuid.uuid4().hex[:10]}@example.com", "password": "helpme-please"}
    api.post("/auth/signup", json=creds)
    body = api.post("/auth/login", json=creds).json()
    assert isinstance(body["token"], str) and body["token"]


def test_tickets_need_a_token(api: httpx.Client) -> None:
    assert api.get("/tickets").status_code == 401
    assert api.post("/tickets", json={"subject": "x"}).status_code == 401


def test_a_new_ticket_is_open_with_normal_priority(api: httpx.Client) -> None:
    me = _customer(api)
    ticket = _open(api, me)
    assert ticket["status"] == "open" and ticket["priority"] == "normal"
    assert ticket["subject"] == "Printer on fire" and "opened_at" in ticket


def test_an_unknown_priority_answers_400(api: httpx.Client) -> None:
    me = _customer(api)
    body = {"subject": "x", "priority": "apocalyptic"}
    assert api.post("/tickets", json=body, headers=me).status_code == 400


def test_a_customer_sees_only_their_own_tickets(api: httpx.Client) -> None:
    alice, bob = _customer(api), _customer(api)
    ticket = _open(api, alice)
    assert api.get("/tickets", headers=bob).json() == []
    assert api.get(f"/tickets/{ticket['id']}", headers=bob).status_code == 404
    patch = api.patch(f"/tickets/{ticket['id']}", json={"status": "closed"}, headers=bob)
    assert patch.status_code == 404
    assert api.get(f"/tickets/{ticket['id']}/history", headers=bob).status_code == 404


def test_the_list_is_newest_first_and_filters_by_status_and_priority(api: httpx.Client) -> None:
    me = _customer(api)
    first = _open(api, me, priority="urgent")
    second = _open(api, me, priority="low")
    api.patch(f"/tickets/{first['id']}", json={"status": "pending"}, headers=me)
    listed = api.get("/tickets", headers=me).json()
    assert [t["id"] for t in listed] == [second["id"], first["id"]]
    pending = api.get("/tickets", params={"status": "pending"}, headers=me).json()
    assert [t["id"] for t in pending] == [first["id"]]
    low = api.get("/tickets", params={"priority": "low"}, headers=me).json()
    assert [t["id"] for t in low] == [second["id"]]


def test_the_opening_date_range_is_inclusive(api: httpx.Client) -> None:
    me = _customer(api)
    ticket = _open(api, me)
    today = date.fromisoformat(ticket["opened_at"][:10])
    same_day = {"opened_from": today.isoformat(), "opened_to": today.isoformat()}
    assert [t["id"] for t in api.get("/tickets", params=same_day, headers=me).json()] == [
        ticket["id"]
    ]
    later = {"opened_from": (today + timedelta(days=1)).isoformat()}
    assert api.get("/tickets", params=later, headers=me).json() == []


def test_a_change_is_recorded_in_the_history(api: httpx.Client) -> None:
    me = _customer(api)
    ticket = _open(api, me, priority="low")
    changed = api.patch(f"/tickets/{ticket['id']}", json={"priority": "urgent"}, headers=me)
    assert changed.status_code == 200 and changed.json()["priority"] == "urgent"
    history = api.get(f"/tickets/{ticket['id']}/history", headers=me)
    assert history.status_code == 200
    entries = [(e["field"], e["old"], e["new"]) for e in history.json()]
    assert ("priority", "low", "urgent") in entries


def test_tickets_cannot_be_deleted(api: httpx.Client) -> None:
    me = _customer(api)
    ticket = _open(api, me)
    assert api.delete(f"/tickets/{ticket['id']}", headers=me).status_code in (404, 405)
    assert api.get(f"/tickets/{ticket['id']}", headers=me).status_code == 200
