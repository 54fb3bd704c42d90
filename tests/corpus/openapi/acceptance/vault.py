"""Acceptance tests for vault.md, written from the document and its prose before generating.

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


def _user(api: httpx.Client) -> tuple[str, dict[str, str]]:
    name = f"user{uuid.uuid4().hex[:10]}"
    creds = {"username": name, "password": "s3cret-enough"}
    assert api.post("/register", json=creds).status_code == 201
    token = api.post("/token", data=creds)
    assert token.status_code == 200
    assert token.json()["token_type"].lower() == "bearer"
    return name, {"Authorization": f"Bearer {token.json()['access_token']}"}


def test_health_is_open_plain_text(api: httpx.Client) -> None:
    response = api.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() == "ok"


def test_register_answers_201_with_the_user(api: httpx.Client) -> None:
    name = f"user{uuid.uuid4().hex[:10]}"
    response = api.post("/register", json={"username": name, "password": "s3cret-enough"})
    assert response.status_code == 201
    assert response.json()["username"] == name and "password" not in response.json()


def test_a_short_password_answers_400(api: httpx.Client) -> None:
    body = {"username": f"user{uuid.uuid4().hex[:10]}", "password": "short"}
    assert api.post("/register", json=body).status_code == 400


def test_a_wrong_password_gets_no_token(api: httpx.Client) -> None:
    name, _ = _user(api)
    assert api.post("/token", data={"username": name, "password": "nope-nope"}).status_code == 401


def test_me_names_the_caller(api: httpx.Client) -> None:
    name, me = _user(api)
    assert api.get("/me", headers=me).json()["username"] == name
    assert api.get("/me").status_code == 401


def test_no_secret_yet_answers_404(api: httpx.Client) -> None:
    _, me = _user(api)
    assert api.get("/me/secret", headers=me).status_code == 404


def test_a_stored_secret_comes_back_as_plain_text(api: httpx.Client) -> None:
    _, me = _user(api)
    stored = api.put(
        "/me/secret", content="door code 4711", headers={**me, "Content-Type": "text/plain"}
    )
    assert stored.status_code == 204
    got = api.get("/me/secret", headers=me)
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/plain")
    assert got.text == "door code 4711"


def test_put_replaces_and_delete_forgets(api: httpx.Client) -> None:
    _, me = _user(api)
    plain = {**me, "Content-Type": "text/plain"}
    api.put("/me/secret", content="first", headers=plain)
    api.put("/me/secret", content="second", headers=plain)
    assert api.get("/me/secret", headers=me).text == "second"
    assert api.delete("/me/secret", headers=me).status_code == 204
    assert api.get("/me/secret", headers=me).status_code == 404


def test_each_user_reads_only_their_own_secret(api: httpx.Client) -> None:
    _, alice = _user(api)
    _, bob = _user(api)
    api.put("/me/secret", content="alice only", headers={**alice, "Content-Type": "text/plain"})
    assert api.get("/me/secret", headers=bob).status_code == 404
    api.put("/me/secret", content="bob only", headers={**bob, "Content-Type": "text/plain"})
    assert api.get("/me/secret", headers=alice).text == "alice only"


def test_the_secret_needs_a_token(api: httpx.Client) -> None:
    assert api.get("/me/secret").status_code == 401
    assert (
        api.put("/me/secret", content="x", headers={"Content-Type": "text/plain"}).status_code
        == 401
    )
