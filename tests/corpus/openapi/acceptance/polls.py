"""Acceptance tests for polls.json, written from the document and its prose before generating.

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


def _poll(api: httpx.Client, question: str = "Lunch?") -> dict:
    body = {"question": f"{question} {uuid.uuid4().hex[:6]}", "options": ["pizza", "sushi"]}
    response = api.post("/polls", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_new_poll_is_open_with_its_options(api: httpx.Client) -> None:
    poll = _poll(api)
    assert poll["status"] == "open" and poll["options"] == ["pizza", "sushi"]
    got = api.get(f"/polls/{poll['id']}")
    assert got.status_code == 200 and got.json()["question"] == poll["question"]


def test_a_poll_without_a_question_answers_400(api: httpx.Client) -> None:
    assert api.post("/polls", json={"options": ["a", "b"]}).status_code == 400


def test_an_unknown_poll_answers_404(api: httpx.Client) -> None:
    assert api.get("/polls/987654").status_code == 404
    assert api.patch("/polls/987654", json={"status": "closed"}).status_code == 404


def test_patch_closes_a_poll_and_keeps_the_rest(api: httpx.Client) -> None:
    poll = _poll(api)
    changed = api.patch(f"/polls/{poll['id']}", json={"status": "closed"})
    assert changed.status_code == 200
    assert changed.json()["status"] == "closed"
    assert changed.json()["question"] == poll["question"]


def test_a_bad_status_answers_400(api: httpx.Client) -> None:
    poll = _poll(api)
    assert api.patch(f"/polls/{poll['id']}", json={"status": "maybe"}).status_code == 400


def test_the_list_is_a_bare_array_filtered_by_status(api: httpx.Client) -> None:
    open_poll, closed = _poll(api), _poll(api)
    api.patch(f"/polls/{closed['id']}", json={"status": "closed"})
    listed = api.get("/polls", params={"status": "closed", "limit": 50})
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    ids = {p["id"] for p in listed.json()}
    assert closed["id"] in ids and open_poll["id"] not in ids
    assert all(p["status"] == "closed" for p in listed.json())


def test_limit_caps_the_list(api: httpx.Client) -> None:
    for _ in range(3):
        _poll(api)
    assert len(api.get("/polls", params={"limit": 2}).json()) == 2


def test_delete_answers_204(api: httpx.Client) -> None:
    poll = _poll(api)
    assert api.delete(f"/polls/{poll['id']}").status_code == 204
    assert api.get(f"/polls/{poll['id']}").status_code == 404
