"""Acceptance tests for configstore.yaml, written from the document and its prose before generating.

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


def _setting(api: httpx.Client, name: str, env: str = "dev") -> dict:
    body = {"name": name, "value": "42", "environment": env}
    response = api.post("/settings", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_health_is_plain_text_ok(api: httpx.Client) -> None:
    response = api.get("/health")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip() == "ok"


def test_a_setting_comes_back(api: httpx.Client) -> None:
    name = f"db.pool.{uuid.uuid4().hex[:6]}"
    made = _setting(api, name)
    assert made["name"] == name and made["value"] == "42" and made["environment"] == "dev"
    got = api.get(f"/settings/{made['id']}")
    assert got.status_code == 200 and got.json()["name"] == name


def test_an_unknown_environment_answers_400(api: httpx.Client) -> None:
    body = {"name": "x", "value": "1", "environment": "qa"}
    assert api.post("/settings", json=body).status_code == 400


def test_the_list_filters_by_environment_and_prefix(api: httpx.Client) -> None:
    stem = f"p{uuid.uuid4().hex[:6]}"
    dev = _setting(api, f"{stem}.a", "dev")
    prod = _setting(api, f"{stem}.b", "prod")
    _setting(api, f"other{stem}", "prod")
    listed = api.get("/settings", params={"prefix": stem})
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert {s["id"] for s in listed.json()} == {dev["id"], prod["id"]}
    only_prod = api.get("/settings", params={"prefix": stem, "environment": "prod"}).json()
    assert [s["id"] for s in only_prod] == [prod["id"]]


def test_put_replaces_and_delete_removes(api: httpx.Client) -> None:
    made = _setting(api, f"n{uuid.uuid4().hex[:6]}")
    path = f"/settings/{made['id']}"
    body = {"name": made["name"], "value": "43", "environment": "staging"}
    replaced = api.put(path, json=body)
    assert replaced.status_code == 200 and replaced.json()["value"] == "43"
    assert replaced.json()["environment"] == "staging"
    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404
    assert api.put(path, json=body).status_code == 404
