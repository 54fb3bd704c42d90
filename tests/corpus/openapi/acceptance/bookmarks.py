"""Acceptance tests for bookmarks.md, written from the document and its prose before generating.

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
    assert api.post("/auth/register", json=creds).status_code == 201
    login = api.post("/auth/login", json=creds)
    assert login.status_code == 200
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _save(api: httpx.Client, who: dict[str, str], title: str, tags: list[str]) -> dict:
    body = {"url": f"https://example.com/{uuid.uuid4().hex[:6]}", "title": title, "tags": tags}
    response = api.post("/bookmarks", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_register_answers_201_with_the_user_and_no_password(api: httpx.Client) -> None:
    email = f"u{uuid.uuid4().hex[:12]}@example.com"
    response = api.post("/auth/register", json={"email": email, "password": "correct-horse-9"})
    assert response.status_code == 201
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["email"] == email and isinstance(body["id"], int)
    assert "password" not in body


def test_login_with_a_wrong_password_answers_401(api: httpx.Client) -> None:
    creds = {"email": f"u{uuid.uuid4().hex[:12]}@example.com", "password": "correct-horse-9"}
    api.post("/auth/register", json=creds)
    assert api.post("/auth/login", json={**creds, "password": "wrong-horse-9"}).status_code == 401


def test_login_returns_a_bearer_token(api: httpx.Client) -> None:
    creds = {"email": f"u{uuid.uuid4().hex[:12]}@example.com", "password": "correct-horse-9"}
    api.post("/auth/register", json=creds)
    body = api.post("/auth/login", json=creds).json()
    assert body["access_token"] and body["token_type"].lower() == "bearer"


def test_listing_without_a_token_answers_401(api: httpx.Client) -> None:
    assert api.get("/bookmarks").status_code == 401


def test_a_saved_bookmark_comes_back_with_its_fields(api: httpx.Client) -> None:
    alice = _user(api)
    saved = _save(api, alice, "FastAPI docs", ["python", "web"])
    assert {"id", "url", "title", "tags", "created_at"} <= set(saved)
    got = api.get(f"/bookmarks/{saved['id']}", headers=alice)
    assert got.status_code == 200
    assert got.json()["title"] == "FastAPI docs"
    assert sorted(got.json()["tags"]) == ["python", "web"]


def test_a_bookmark_without_a_url_answers_400(api: httpx.Client) -> None:
    alice = _user(api)
    response = api.post("/bookmarks", json={"title": "no url"}, headers=alice)
    assert response.status_code == 400


def test_the_list_is_a_bare_array_of_my_bookmarks_only(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    mine = _save(api, alice, "alice's", [])
    _save(api, bob, "bob's", [])
    listed = api.get("/bookmarks", headers=alice)
    assert listed.status_code == 200
    assert isinstance(listed.json(), list)
    assert [b["id"] for b in listed.json()] == [mine["id"]]


def test_another_users_bookmark_answers_404_to_read_change_and_delete(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    saved = _save(api, alice, "private", [])
    path = f"/bookmarks/{saved['id']}"
    assert api.get(path, headers=bob).status_code == 404
    body = {"url": "https://evil.example.com", "title": "mine now"}
    assert api.put(path, json=body, headers=bob).status_code == 404
    assert api.delete(path, headers=bob).status_code == 404
    assert api.get(path, headers=alice).json()["title"] == "private"


def test_put_replaces_and_delete_removes(api: httpx.Client) -> None:
    alice = _user(api)
    saved = _save(api, alice, "old", ["a"])
    path = f"/bookmarks/{saved['id']}"
    body = {"url": "https://example.com/new", "title": "new", "tags": ["b"]}
    replaced = api.put(path, json=body, headers=alice)
    assert replaced.status_code == 200 and replaced.json()["title"] == "new"
    assert api.delete(path, headers=alice).status_code == 204
    assert api.get(path, headers=alice).status_code == 404


def test_tags_match_any_and_all(api: httpx.Client) -> None:
    alice = _user(api)
    both = _save(api, alice, "both", ["python", "web"])
    py = _save(api, alice, "py", ["python"])
    _save(api, alice, "other", ["rust"])
    params = {"tags": "python,web"}
    any_ids = {b["id"] for b in api.get("/bookmarks", params=params, headers=alice).json()}
    assert any_ids == {both["id"], py["id"]}
    all_ = api.get("/bookmarks", params={**params, "match": "all"}, headers=alice).json()
    assert [b["id"] for b in all_] == [both["id"]]


def test_q_finds_a_title_substring_ignoring_case(api: httpx.Client) -> None:
    alice = _user(api)
    hit = _save(api, alice, "The SQLAlchemy tutorial", [])
    _save(api, alice, "Cooking", [])
    found = api.get("/bookmarks", params={"q": "sqlalchemy"}, headers=alice).json()
    assert [b["id"] for b in found] == [hit["id"]]


def test_sort_asc_and_desc_order_by_creation_time(api: httpx.Client) -> None:
    alice = _user(api)
    for title in ("one", "two", "three"):
        _save(api, alice, title, [])
    asc = api.get("/bookmarks", params={"sort": "ASC"}, headers=alice).json()
    desc = api.get("/bookmarks", params={"sort": "DESC"}, headers=alice).json()
    assert [b["created_at"] for b in asc] == sorted(b["created_at"] for b in asc)
    assert [b["created_at"] for b in desc] == sorted((b["created_at"] for b in desc), reverse=True)
    assert {b["id"] for b in asc} == {b["id"] for b in desc} and len(asc) == 3


def test_limit_and_offset_page_through_the_list(api: httpx.Client) -> None:
    alice = _user(api)
    for i in range(5):
        _save(api, alice, f"b{i}", [])
    first = api.get("/bookmarks", params={"limit": 2, "sort": "ASC"}, headers=alice).json()
    rest = api.get(
        "/bookmarks", params={"limit": 10, "offset": 2, "sort": "ASC"}, headers=alice
    ).json()
    assert len(first) == 2 and len(rest) == 3
    assert not {b["id"] for b in first} & {b["id"] for b in rest}
