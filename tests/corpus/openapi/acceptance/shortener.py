"""Acceptance tests for shortener.md, written from the document and its prose before generating.

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


def _account(api: httpx.Client) -> dict[str, str]:
    response = api.post("/accounts", json={"name": f"m {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return {"X-API-Key": response.json()["api_key"]}


def _link(api: httpx.Client, who: dict[str, str]) -> dict:
    body = {"url": f"https://example.com/{uuid.uuid4().hex[:8]}"}
    response = api.post("/links", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_an_account_gets_a_key_once(api: httpx.Client) -> None:
    response = api.post("/accounts", json={"name": "Ann"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Ann" and body["api_key"] and isinstance(body["id"], int)


def test_links_need_a_key(api: httpx.Client) -> None:
    assert api.get("/links").status_code == 401
    assert api.post("/links", json={"url": "https://example.com"}).status_code == 401


def test_a_new_link_has_a_slug_and_no_clicks(api: httpx.Client) -> None:
    ann = _account(api)
    link = _link(api, ann)
    assert {"id", "url", "slug", "clicks", "created_at"} <= set(link)
    assert link["clicks"] == 0 and isinstance(link["slug"], str)
    got = api.get(f"/links/{link['id']}", headers=ann)
    assert got.status_code == 200 and got.json()["url"] == link["url"]


def test_a_link_without_a_url_answers_400(api: httpx.Client) -> None:
    assert api.post("/links", json={"slug": "abc"}, headers=_account(api)).status_code == 400


def test_the_list_is_a_bare_array_of_my_links(api: httpx.Client) -> None:
    ann, bob = _account(api), _account(api)
    mine = _link(api, ann)
    _link(api, bob)
    listed = api.get("/links", headers=ann)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [x["id"] for x in listed.json()] == [mine["id"]]


def test_min_clicks_filters(api: httpx.Client) -> None:
    ann = _account(api)
    _link(api, ann)
    assert api.get("/links", params={"min_clicks": 1}, headers=ann).json() == []
    assert len(api.get("/links", params={"min_clicks": 0}, headers=ann).json()) == 1


def test_another_accounts_link_is_404(api: httpx.Client) -> None:
    ann, bob = _account(api), _account(api)
    link = _link(api, ann)
    assert api.get(f"/links/{link['id']}", headers=bob).status_code == 404
    assert api.delete(f"/links/{link['id']}", headers=bob).status_code == 404
    assert api.get(f"/links/{link['id']}", headers=ann).status_code == 200


def test_delete_answers_204_then_404(api: httpx.Client) -> None:
    ann = _account(api)
    link = _link(api, ann)
    assert api.delete(f"/links/{link['id']}", headers=ann).status_code == 204
    assert api.get(f"/links/{link['id']}", headers=ann).status_code == 404
