"""Acceptance tests for rsvp.md, written from the document and its prose before generating.

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


def _key(api: httpx.Client) -> dict[str, str]:
    response = api.post("/organisers", json={"name": f"o {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return {"key": response.json()["key"]}


def _event(api: httpx.Client, key: dict[str, str], starts: str = "2026-06-01T18:00:00Z") -> dict:
    body = {"title": "Meetup", "starts_at": starts, "capacity": 30}
    response = api.post("/events", json=body, params=key)
    assert response.status_code == 201, response.text
    return response.json()


def test_events_need_a_key(api: httpx.Client) -> None:
    assert api.get("/events").status_code == 401
    assert api.get("/events", params={"key": "not-a-key"}).status_code == 401


def test_an_event_comes_back(api: httpx.Client) -> None:
    key = _key(api)
    event = _event(api, key)
    assert event["capacity"] == 30 and event["title"] == "Meetup"
    got = api.get(f"/events/{event['id']}", params=key)
    assert got.status_code == 200 and got.json()["id"] == event["id"]


def test_a_capacity_below_1_answers_400(api: httpx.Client) -> None:
    body = {"title": "Empty", "starts_at": "2026-06-01T18:00:00Z", "capacity": 0}
    assert api.post("/events", json=body, params=_key(api)).status_code == 400


def test_the_list_is_wrapped_and_mine(api: httpx.Client) -> None:
    mine, other = _key(api), _key(api)
    event = _event(api, mine)
    _event(api, other)
    body = api.get("/events", params=mine).json()
    assert [e["id"] for e in body["events"]] == [event["id"]]


def test_after_filters_by_start(api: httpx.Client) -> None:
    key = _key(api)
    _event(api, key, "2026-05-01T18:00:00Z")
    late = _event(api, key, "2026-07-01T18:00:00Z")
    body = api.get("/events", params={**key, "after": "2026-06-01T00:00:00Z"}).json()
    assert [e["id"] for e in body["events"]] == [late["id"]]


def test_patch_changes_the_capacity_only(api: httpx.Client) -> None:
    key = _key(api)
    event = _event(api, key)
    changed = api.patch(f"/events/{event['id']}", json={"capacity": 50}, params=key)
    assert changed.status_code == 200
    assert changed.json()["capacity"] == 50 and changed.json()["title"] == "Meetup"


def test_another_organisers_event_answers_404(api: httpx.Client) -> None:
    mine, other = _key(api), _key(api)
    event = _event(api, mine)
    assert api.get(f"/events/{event['id']}", params=other).status_code == 404
    patched = api.patch(f"/events/{event['id']}", json={"capacity": 2}, params=other)
    assert patched.status_code == 404


def test_attendees_are_added_and_listed(api: httpx.Client) -> None:
    key = _key(api)
    event = _event(api, key)
    path = f"/events/{event['id']}/attendees"
    added = api.post(path, json={"name": "Ann", "email": "ann@example.com"}, params=key)
    assert added.status_code == 201 and added.json()["name"] == "Ann"
    listed = api.get(path, params=key)
    assert listed.status_code == 200 and [a["email"] for a in listed.json()] == ["ann@example.com"]


def test_attendees_of_another_organisers_event_answer_404(api: httpx.Client) -> None:
    mine, other = _key(api), _key(api)
    event = _event(api, mine)
    path = f"/events/{event['id']}/attendees"
    assert api.get(path, params=other).status_code == 404
