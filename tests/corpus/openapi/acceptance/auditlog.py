"""Acceptance tests for auditlog.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _tool(api: httpx.Client) -> dict[str, str]:
    response = api.post("/keys", json={"tool": f"tool-{uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    return {"X-Api-Key": response.json()["key"]}


def _append(api: httpx.Client, who: dict[str, str], level: str, message: str) -> dict:
    response = api.post("/events", json={"level": level, "message": message}, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_key_is_issued_with_201(api: httpx.Client) -> None:
    response = api.post("/keys", json={"tool": "billing"})
    assert response.status_code == 201
    assert response.json()["key"] and response.json()["tool"] == "billing"


def test_events_need_a_known_key(api: httpx.Client) -> None:
    assert api.get("/events").status_code == 401
    assert api.get("/events.log", headers={"X-Api-Key": "nope"}).status_code == 401
    assert api.post("/events", json={"level": "info", "message": "x"}).status_code == 401


def test_an_appended_event_is_returned_with_201_and_a_timestamp(api: httpx.Client) -> None:
    tool = _tool(api)
    event = _append(api, tool, "warning", "disk almost full")
    assert event["level"] == "warning" and event["message"] == "disk almost full"
    datetime.fromisoformat(event["at"].replace("Z", "+00:00"))
    got = api.get(f"/events/{event['id']}", headers=tool)
    assert got.status_code == 200 and got.json()["message"] == "disk almost full"


def test_an_unknown_level_answers_400(api: httpx.Client) -> None:
    tool = _tool(api)
    response = api.post("/events", json={"level": "panic", "message": "x"}, headers=tool)
    assert response.status_code == 400


def test_events_cannot_be_changed_or_deleted(api: httpx.Client) -> None:
    tool = _tool(api)
    event = _append(api, tool, "info", "keep me")
    path = f"/events/{event['id']}"
    assert api.delete(path, headers=tool).status_code in (404, 405)
    assert api.put(path, json={"level": "info", "message": "x"}, headers=tool).status_code in (
        404,
        405,
    )
    assert api.get(path, headers=tool).json()["message"] == "keep me"


def test_the_list_is_oldest_first_and_filters_by_level(api: httpx.Client) -> None:
    tool = _tool(api)
    a = _append(api, tool, "info", "one")
    b = _append(api, tool, "error", "two")
    c = _append(api, tool, "info", "three")
    listed = api.get("/events", headers=tool).json()
    assert [e["id"] for e in listed] == [a["id"], b["id"], c["id"]]
    errors = api.get("/events", params={"level": "error"}, headers=tool).json()
    assert [e["id"] for e in errors] == [b["id"]]


def test_since_keeps_events_at_or_after_the_moment(api: httpx.Client) -> None:
    tool = _tool(api)
    _append(api, tool, "info", "old")
    recent = _append(api, tool, "info", "new")
    found = api.get("/events", params={"since": recent["at"]}, headers=tool).json()
    assert recent["id"] in [e["id"] for e in found]
    later = api.get("/events", params={"since": "2999-01-01T00:00:00Z"}, headers=tool).json()
    assert later == []


def test_the_log_is_plain_text_one_line_per_event(api: httpx.Client) -> None:
    tool = _tool(api)
    _append(api, tool, "info", "user 7 signed in")
    _append(api, tool, "error", "payment failed")
    log = api.get("/events.log", headers=tool)
    assert log.status_code == 200
    assert log.headers["content-type"].startswith("text/plain")
    lines = log.text.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].split(" ", 1)[1] == "INFO user 7 signed in"
    assert lines[1].split(" ", 1)[1] == "ERROR payment failed"


def test_a_tool_sees_only_its_own_events(api: httpx.Client) -> None:
    mine, theirs = _tool(api), _tool(api)
    event = _append(api, mine, "info", "secret thing")
    assert api.get("/events", headers=theirs).json() == []
    assert "secret thing" not in api.get("/events.log", headers=theirs).text
    assert api.get(f"/events/{event['id']}", headers=theirs).status_code == 404
