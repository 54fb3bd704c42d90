"""Acceptance tests for blog.yaml, written from the document before generating.

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


# Reading is open; writing needs the `session` cookie that /login sets. The document declares no
# way to create an account, so a client checks the open reads and the refused writes.


def test_the_post_list_is_an_open_bare_array(api: httpx.Client) -> None:
    response = api.get("/posts")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.json(), list)


def test_page_and_author_are_accepted_on_the_list(api: httpx.Client) -> None:
    response = api.get("/posts", params={"page": 2, "author": f"nobody-{uuid.uuid4().hex}"})
    assert response.status_code == 200 and response.json() == []


def test_creating_a_post_without_a_session_is_refused(api: httpx.Client) -> None:
    response = api.post("/posts", json={"title": "t", "body": "b"})
    assert response.status_code in (401, 403)


def test_deleting_a_post_without_a_session_is_refused(api: httpx.Client) -> None:
    assert api.delete("/posts/1").status_code in (401, 403)


def test_a_login_with_unknown_credentials_sets_no_session(api: httpx.Client) -> None:
    creds = {"username": f"ghost-{uuid.uuid4().hex[:8]}", "password": "whatever-123"}
    response = api.post("/login", data=creds)
    assert response.status_code != 204
    assert "session" not in response.cookies


def test_an_unknown_post_answers_404(api: httpx.Client) -> None:
    assert api.get("/posts/987654321").status_code == 404
