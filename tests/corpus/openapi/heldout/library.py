"""Acceptance tests for heldout/library.md, written from the document and prose before generating.

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


@pytest.fixture
def key(api: httpx.Client) -> dict[str, str]:
    response = api.post("/librarians", json={"name": "Ms Pince"})
    assert response.status_code == 201, response.text
    return {"api_key": response.json()["api_key"]}


def _isbn() -> str:
    return "978" + str(uuid.uuid4().int)[-10:]


def _book(api: httpx.Client, key: dict[str, str], **fields: object) -> dict:
    body = {"isbn": _isbn(), "title": "Untitled", "author": "Anon", "year": 2001, **fields}
    response = api.post("/books", json=body, params=key)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_librarian_gets_an_api_key(api: httpx.Client) -> None:
    response = api.post("/librarians", json={"name": "Mr Filch"})
    assert response.status_code == 201 and response.json()["api_key"]


def test_adding_a_book_needs_the_key_in_the_query(api: httpx.Client, key: dict[str, str]) -> None:
    body = {"isbn": _isbn(), "title": "T", "author": "A", "year": 2000}
    assert api.post("/books", json=body).status_code == 401
    assert api.post("/books", json=body, params={"api_key": "wrong"}).status_code == 401
    assert api.post("/books", json=body, params=key).status_code == 201


def test_a_new_book_is_available_and_read_by_isbn(api: httpx.Client, key: dict[str, str]) -> None:
    made = _book(api, key, title="Dune", author="Frank Herbert", year=1965)
    got = api.get(f"/books/{made['isbn']}")
    assert got.status_code == 200
    assert got.json()["title"] == "Dune" and got.json()["available"] is True


def test_a_year_before_printing_or_no_title_answers_400(
    api: httpx.Client, key: dict[str, str]
) -> None:
    old = {"isbn": _isbn(), "title": "Scroll", "author": "A", "year": 1200}
    assert api.post("/books", json=old, params=key).status_code == 400
    untitled = {"isbn": _isbn(), "author": "A", "year": 2000}
    assert api.post("/books", json=untitled, params=key).status_code == 400


def test_the_list_is_an_envelope_with_a_count(api: httpx.Client, key: dict[str, str]) -> None:
    author = f"Author {uuid.uuid4().hex[:8]}"
    for i in range(3):
        _book(api, key, author=author, title=f"Vol {i}")
    body = api.get("/books", params={"author": author, "size": 2}).json()
    assert body["count"] == 3 and len(body["data"]) == 2
    assert body["page"] == 1 and body["size"] == 2


def test_year_op_compares_the_year(api: httpx.Client, key: dict[str, str]) -> None:
    author = f"Author {uuid.uuid4().hex[:8]}"
    old = _book(api, key, author=author, year=1900)
    mid = _book(api, key, author=author, year=1950)
    new = _book(api, key, author=author, year=2000)

    def isbns(**params: object) -> set[str]:
        data = api.get("/books", params={"author": author, **params}).json()["data"]
        return {b["isbn"] for b in data}

    assert isbns(year=1950, year_op="lt") == {old["isbn"]}
    assert isbns(year=1950, year_op="gt") == {new["isbn"]}
    assert isbns(year=1950) == {mid["isbn"]}


def test_order_sorts_by_title(api: httpx.Client, key: dict[str, str]) -> None:
    author = f"Author {uuid.uuid4().hex[:8]}"
    for title in ("Beta", "Alpha", "Gamma"):
        _book(api, key, author=author, title=title)
    asc = api.get("/books", params={"author": author, "order": "ASC"}).json()["data"]
    desc = api.get("/books", params={"author": author, "order": "DESC"}).json()["data"]
    assert [b["title"] for b in asc] == ["Alpha", "Beta", "Gamma"]
    assert [b["title"] for b in desc] == ["Gamma", "Beta", "Alpha"]


def test_lending_twice_answers_409_and_return_makes_it_available(
    api: httpx.Client, key: dict[str, str]
) -> None:
    author = f"Author {uuid.uuid4().hex[:8]}"
    made = _book(api, key, author=author)
    lent = api.post(f"/books/{made['isbn']}/loan", params=key)
    assert lent.status_code == 200 and lent.json()["available"] is False
    assert api.post(f"/books/{made['isbn']}/loan", params=key).status_code == 409
    out = api.get("/books", params={"author": author, "available": False}).json()["data"]
    assert [b["isbn"] for b in out] == [made["isbn"]]
    back = api.post(f"/books/{made['isbn']}/return", params=key)
    assert back.status_code == 200 and back.json()["available"] is True


def test_update_and_delete_by_isbn(api: httpx.Client, key: dict[str, str]) -> None:
    made = _book(api, key, title="Draft")
    body = {**{k: made[k] for k in ("isbn", "author", "year")}, "title": "Final"}
    assert api.put(f"/books/{made['isbn']}", json=body).status_code == 401
    updated = api.put(f"/books/{made['isbn']}", json=body, params=key)
    assert updated.status_code == 200 and updated.json()["title"] == "Final"
    assert api.delete(f"/books/{made['isbn']}", params=key).status_code == 204
    assert api.get(f"/books/{made['isbn']}").status_code == 404
