"""Acceptance tests for tickets.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def _agent() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        creds = {"username": f"a{uuid.uuid4().hex[:10]}", "password": "correct-horse-9"}
        assert client.post("/register", json=creds).status_code == 201
        login = client.post("/login", json=creds)
        assert login.status_code == 204, login.text
        assert client.cookies.get("session")
        yield client


def _ticket(client: httpx.Client, subject: str = "Printer", **extra: str) -> dict:
    response = client.post("/tickets", json={"subject": subject, "body": "jammed", **extra})
    assert response.status_code == 201, response.text
    return response.json()


def test_register_twice_answers_409(api: httpx.Client) -> None:
    creds = {"username": f"a{uuid.uuid4().hex[:10]}", "password": "correct-horse-9"}
    first = api.post("/register", json=creds)
    assert first.status_code == 201 and first.json()["username"] == creds["username"]
    assert "password" not in first.json()
    assert api.post("/register", json=creds).status_code == 409


def test_a_wrong_password_answers_401(api: httpx.Client) -> None:
    creds = {"username": f"a{uuid.uuid4().hex[:10]}", "password": "correct-horse-9"}
    api.post("/register", json=creds)
    assert api.post("/login", json={**creds, "password": "wrong-horse-9"}).status_code == 401


def test_tickets_need_a_session(api: httpx.Client) -> None:
    assert api.get("/tickets").status_code == 401


def test_a_new_ticket_is_new_and_normal(api: httpx.Client) -> None:
    with _agent() as ann:
        ticket = _ticket(ann)
        assert ticket["status"] == "new" and ticket["priority"] == "normal"
        got = ann.get(f"/tickets/{ticket['id']}")
        assert got.status_code == 200 and got.json()["subject"] == "Printer"


def test_a_ticket_without_a_subject_answers_400(api: httpx.Client) -> None:
    with _agent() as ann:
        assert ann.post("/tickets", json={"body": "no subject"}).status_code == 400


def test_patch_changes_only_the_given_fields(api: httpx.Client) -> None:
    with _agent() as ann:
        ticket = _ticket(ann)
        changed = ann.patch(f"/tickets/{ticket['id']}", json={"status": "open"})
        assert changed.status_code == 200
        assert changed.json()["status"] == "open" and changed.json()["subject"] == "Printer"
        assert ann.patch(f"/tickets/{ticket['id']}", json={"status": "lost"}).status_code == 400


def test_the_list_is_mine_and_filtered(api: httpx.Client) -> None:
    with _agent() as ann, _agent() as bob:
        high = _ticket(ann, "Fire", priority="high")
        low = _ticket(ann, "Paper", priority="low")
        _ticket(bob, "Bob's")
        listed = ann.get("/tickets")
        assert listed.status_code == 200 and isinstance(listed.json(), list)
        assert {t["id"] for t in listed.json()} == {high["id"], low["id"]}
        only_high = ann.get("/tickets", params={"priority": "high"}).json()
        assert [t["id"] for t in only_high] == [high["id"]]
        ann.patch(f"/tickets/{low['id']}", json={"status": "closed"})
        closed = ann.get("/tickets", params={"status": "closed"}).json()
        assert [t["id"] for t in closed] == [low["id"]]


def test_someone_elses_ticket_answers_404(api: httpx.Client) -> None:
    with _agent() as ann, _agent() as bob:
        ticket = _ticket(ann)
        assert bob.get(f"/tickets/{ticket['id']}").status_code == 404
        assert bob.patch(f"/tickets/{ticket['id']}", json={"status": "closed"}).status_code == 404
        assert ann.get(f"/tickets/{ticket['id']}").json()["status"] == "new"


def test_comments_are_added_and_listed(api: httpx.Client) -> None:
    with _agent() as ann:
        ticket = _ticket(ann)
        path = f"/tickets/{ticket['id']}/comments"
        first = ann.post(path, json={"text": "looking"})
        assert first.status_code == 201 and first.json()["text"] == "looking"
        ann.post(path, json={"text": "fixed"})
        listed = ann.get(path)
        assert listed.status_code == 200
        assert [c["text"] for c in listed.json()] == ["looking", "fixed"]


def test_comments_on_someone_elses_ticket_answer_404(api: httpx.Client) -> None:
    with _agent() as ann, _agent() as bob:
        ticket = _ticket(ann)
        path = f"/tickets/{ticket['id']}/comments"
        assert bob.post(path, json={"text": "hi"}).status_code == 404
        assert bob.get(path).status_code == 404
