"""Acceptance tests for notes.yaml, written from the document before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


# The document secures everything but /health with a bearer JWT and declares no way to obtain
# one, so what a client can check is that the secured operations refuse it and /health answers.


def test_health_is_open_and_plain_text(api: httpx.Client) -> None:
    response = api.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")


def test_listing_notes_without_a_token_answers_401(api: httpx.Client) -> None:
    assert api.get("/notes").status_code == 401


def test_creating_a_note_without_a_token_answers_401(api: httpx.Client) -> None:
    assert api.post("/notes", json={"title": "t"}).status_code == 401


def test_searching_without_a_token_answers_401(api: httpx.Client) -> None:
    assert api.get("/notes/search", params={"q": "milk"}).status_code == 401


def test_a_forged_token_is_refused(api: httpx.Client) -> None:
    forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."  # alg "none", no signature
    response = api.get("/notes", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


def test_archiving_and_reading_without_a_token_answers_401(api: httpx.Client) -> None:
    assert api.post("/notes/1/archive").status_code == 401
    assert api.get("/notes/1").status_code == 401
    assert api.delete("/notes/1").status_code == 401
