"""Acceptance tests for inventory.json, written from the document before generating.

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


# Every operation needs an X-API-Key and the document declares no way to obtain one: a client
# can check that calls without a key, or with a made-up one, are refused.


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/items"), ("POST", "/items"), ("GET", "/items/1"), ("GET", "/items/1/history")],
)
def test_calls_without_an_api_key_are_refused(api: httpx.Client, method: str, path: str) -> None:
    body = {"sku": "A-1", "name": "bolt", "quantity": 3} if method == "POST" else None
    response = api.request(method, path, json=body)
    assert response.status_code in (401, 403)


def test_a_made_up_api_key_is_refused(api: httpx.Client) -> None:
    response = api.get("/items", headers={"X-API-Key": uuid.uuid4().hex})
    assert response.status_code in (401, 403)
