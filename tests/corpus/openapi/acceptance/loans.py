"""Acceptance tests for loans.md, written from the document and its prose before generating.

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


def _user(api: httpx.Client) -> dict[str, str]:
    creds = {"email": f"u{uuid.uuid4().hex[:12]}@example.com", "password": "correct-horse-9"}
    assert api.post("/signup", json=creds).status_code == 201
    login = api.post("/token", json=creds)
    assert login.status_code == 200
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _loan(api: httpx.Client, who: dict[str, str], due: str, title: str = "Dune") -> dict:
    body = {"book_title": title, "borrowed_on": "2026-01-01", "due_on": due}
    response = api.post("/loans", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_signup_twice_answers_409(api: httpx.Client) -> None:
    creds = {"email": f"u{uuid.uuid4().hex[:12]}@example.com", "password": "correct-horse-9"}
    first = api.post("/signup", json=creds)
    assert first.status_code == 201 and "password" not in first.json()
    assert api.post("/signup", json=creds).status_code == 409


def test_a_wrong_password_answers_401(api: httpx.Client) -> None:
    creds = {"email": f"u{uuid.uuid4().hex[:12]}@example.com", "password": "correct-horse-9"}
    api.post("/signup", json=creds)
    assert api.post("/token", json={**creds, "password": "wrong-horse-9"}).status_code == 401


def test_loans_need_a_token(api: httpx.Client) -> None:
    assert api.get("/loans").status_code == 401


def test_a_loan_comes_back_with_its_dates(api: httpx.Client) -> None:
    me = _user(api)
    loan = _loan(api, me, "2026-02-01")
    assert loan["due_on"] == "2026-02-01" and loan["borrowed_on"] == "2026-01-01"
    got = api.get(f"/loans/{loan['id']}", headers=me)
    assert got.status_code == 200 and got.json()["book_title"] == "Dune"


def test_a_loan_without_a_title_answers_422(api: httpx.Client) -> None:
    body = {"borrowed_on": "2026-01-01", "due_on": "2026-02-01"}
    assert api.post("/loans", json=body, headers=_user(api)).status_code == 422


def test_the_list_is_an_envelope_with_a_count_of_my_loans(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    mine = _loan(api, me, "2026-02-01")
    _loan(api, other, "2026-02-01")
    body = api.get("/loans", headers=me).json()
    assert body["count"] == 1 and [x["id"] for x in body["data"]] == [mine["id"]]


def test_due_before_and_after_are_inclusive(api: httpx.Client) -> None:
    me = _user(api)
    early = _loan(api, me, "2026-02-01")
    late = _loan(api, me, "2026-03-01")
    before = api.get("/loans", params={"due_before": "2026-02-01"}, headers=me).json()
    after = api.get("/loans", params={"due_after": "2026-02-02"}, headers=me).json()
    assert [x["id"] for x in before["data"]] == [early["id"]]
    assert [x["id"] for x in after["data"]] == [late["id"]]


def test_someone_elses_loan_answers_404(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    loan = _loan(api, me, "2026-02-01")
    path = f"/loans/{loan['id']}"
    body = {"book_title": "Mine", "borrowed_on": "2026-01-01", "due_on": "2026-09-01"}
    assert api.get(path, headers=other).status_code == 404
    assert api.put(path, json=body, headers=other).status_code == 404
    assert api.delete(path, headers=other).status_code == 404


def test_put_replaces_and_delete_returns(api: httpx.Client) -> None:
    me = _user(api)
    loan = _loan(api, me, "2026-02-01")
    path = f"/loans/{loan['id']}"
    body = {"book_title": "Emma", "borrowed_on": "2026-01-05", "due_on": "2026-02-05"}
    replaced = api.put(path, json=body, headers=me)
    assert replaced.status_code == 200 and replaced.json()["book_title"] == "Emma"
    assert api.delete(path, headers=me).status_code == 204
    assert api.get(path, headers=me).status_code == 404
