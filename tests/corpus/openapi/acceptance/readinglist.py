"""Acceptance tests for readinglist.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
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


def _creds() -> dict[str, str]:
    return {"username": f"reader{uuid.uuid4().hex[:10]}", "password": "page-turner-42"}


def _reader(api: httpx.Client) -> dict[str, str]:
    """A fresh reader: their shelf starts empty, so listings can be checked exactly."""
    creds = _creds()
    assert api.post("/auth/signup", json=creds).status_code == 201
    login = api.post("/auth/login", json=creds)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['token']}"}


def _book(
    api: httpx.Client, who: dict, title: str, author: str = "Anon", pages: int = 200, **extra
) -> dict:
    body = {"title": title, "author": author, "pages": pages, **extra}
    response = api.post("/books", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [b["id"] for b in response.json()["results"]]


def test_signup_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/auth/signup", json=creds)
    assert first.status_code == 201
    assert first.json()["username"] == creds["username"] and "password" not in first.json()
    assert api.post("/auth/signup", json=creds).status_code == 409
    bad = api.post(
        "/auth/login", json={"username": creds["username"], "password": "nope-nope-nope"}
    )
    assert bad.status_code == 401


def test_books_need_a_token(api: httpx.Client) -> None:
    assert api.get("/books").status_code == 401
    body = {"title": "Dune", "author": "Frank Herbert", "pages": 600}
    assert api.post("/books", json=body).status_code == 401
    assert api.get("/books/export").status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert api.get("/books", headers=bad).status_code == 401


def test_a_new_book_has_defaults(api: httpx.Client) -> None:
    me = _reader(api)
    book = _book(api, me, "The Left Hand of Darkness", "Ursula K. Le Guin", 304)
    assert isinstance(book["id"], int)
    assert book["status"] == "want" and book["favourite"] is False
    assert book["finished_on"] is None
    got = api.get(f"/books/{book['id']}", headers=me)
    assert got.status_code == 200 and got.json()["author"] == "Ursula K. Le Guin"


def test_bad_bodies_are_422(api: httpx.Client) -> None:
    me = _reader(api)
    assert (
        api.post("/books", json={"title": "X", "author": "Y", "pages": 0}, headers=me).status_code
        == 422
    )
    assert api.post("/books", json={"title": "X", "pages": 10}, headers=me).status_code == 422
    body = {"title": "X", "author": "Y", "pages": 10, "status": "abandoned"}
    assert api.post("/books", json=body, headers=me).status_code == 422


def test_books_are_private_404_for_others(api: httpx.Client) -> None:
    me, other = _reader(api), _reader(api)
    book = _book(api, me, "Private Diary")
    assert api.get(f"/books/{book['id']}", headers=other).status_code == 404
    assert (
        api.patch(f"/books/{book['id']}", json={"favourite": True}, headers=other).status_code
        == 404
    )
    assert api.delete(f"/books/{book['id']}", headers=other).status_code == 404
    assert api.post(f"/books/{book['id']}/finish", headers=other).status_code == 404
    assert api.get(f"/books/{book['id']}/quotes", headers=other).status_code == 404
    assert api.get("/books", headers=other).json() == {"results": [], "count": 0}


def test_list_is_an_envelope_sorted_by_title_by_default(api: httpx.Client) -> None:
    me = _reader(api)
    c = _book(api, me, "Cien años de soledad", pages=417)
    a = _book(api, me, "Anna Karenina", pages=864)
    b = _book(api, me, "Beloved", pages=324)
    listed = api.get("/books", headers=me)
    assert listed.json()["count"] == 3
    assert _ids(listed) == [a["id"], b["id"], c["id"]]
    assert _ids(api.get("/books", params={"sort": "-title"}, headers=me)) == [
        c["id"],
        b["id"],
        a["id"],
    ]
    assert _ids(api.get("/books", params={"sort": "pages"}, headers=me)) == [
        b["id"],
        c["id"],
        a["id"],
    ]
    assert _ids(api.get("/books", params={"sort": "-pages"}, headers=me)) == [
        a["id"],
        c["id"],
        b["id"],
    ]


def test_author_substring_and_page_range(api: httpx.Client) -> None:
    me = _reader(api)
    a = _book(api, me, "A", author="Terry Pratchett", pages=250)
    b = _book(api, me, "B", author="Neil Gaiman & Terry Pratchett", pages=400)
    c = _book(api, me, "C", author="Jane Austen", pages=250)
    found = api.get("/books", params={"author": "PRATCHETT"}, headers=me)
    assert _ids(found) == [a["id"], b["id"]] and found.json()["count"] == 2
    ranged = api.get("/books", params={"min_pages": 250, "max_pages": 399}, headers=me)
    assert _ids(ranged) == [a["id"], c["id"]]
    assert _ids(api.get("/books", params={"min_pages": 400}, headers=me)) == [b["id"]]


def test_status_and_favourite_filters(api: httpx.Client) -> None:
    me = _reader(api)
    a = _book(api, me, "Alpha", status="reading", favourite=True)
    b = _book(api, me, "Beta", status="reading")
    c = _book(api, me, "Gamma")
    assert _ids(api.get("/books", params={"status": "reading"}, headers=me)) == [a["id"], b["id"]]
    assert _ids(api.get("/books", params={"status": "want"}, headers=me)) == [c["id"]]
    assert _ids(api.get("/books", params={"favourite": "true"}, headers=me)) == [a["id"]]
    assert _ids(api.get("/books", params={"favourite": "false"}, headers=me)) == [b["id"], c["id"]]


def test_page_and_per_page_keep_the_count(api: httpx.Client) -> None:
    me = _reader(api)
    made = [_book(api, me, f"Volume {n}") for n in (1, 2, 3, 4, 5)]
    second = api.get("/books", params={"page": 2, "per_page": 2}, headers=me)
    assert second.json()["count"] == 5
    assert _ids(second) == [made[2]["id"], made[3]["id"]]
    last = api.get("/books", params={"page": 3, "per_page": 2}, headers=me)
    assert _ids(last) == [made[4]["id"]]


def test_patch_changes_only_what_is_sent_and_delete_is_204(api: httpx.Client) -> None:
    me = _reader(api)
    book = _book(api, me, "Middlemarch", "George Eliot", 880)
    changed = api.patch(f"/books/{book['id']}", json={"status": "reading"}, headers=me)
    assert changed.status_code == 200
    out = changed.json()
    assert out["status"] == "reading" and out["title"] == "Middlemarch" and out["pages"] == 880
    assert api.delete(f"/books/{book['id']}", headers=me).status_code == 204
    assert api.get(f"/books/{book['id']}", headers=me).status_code == 404


def test_finish_sets_the_date_then_409(api: httpx.Client) -> None:
    me = _reader(api)
    book = _book(api, me, "Short Stories", status="reading")
    done = api.post(f"/books/{book['id']}/finish", headers=me)
    assert done.status_code == 200, done.text
    out = done.json()
    assert out["status"] == "finished"
    assert out["finished_on"] is not None
    finished = dt.date.fromisoformat(out["finished_on"])
    assert abs((finished - dt.date.today()).days) <= 1
    assert api.post(f"/books/{book['id']}/finish", headers=me).status_code == 409


def test_quotes_are_nested_and_oldest_first(api: httpx.Client) -> None:
    me = _reader(api)
    book = _book(api, me, "Moby-Dick", "Herman Melville", 635)
    other_book = _book(api, me, "Emma", "Jane Austen", 474)
    first = api.post(
        f"/books/{book['id']}/quotes", json={"text": "Call me Ishmael.", "page": 1}, headers=me
    )
    assert first.status_code == 201, first.text
    assert first.json()["book_id"] == book["id"] and first.json()["page"] == 1
    second = api.post(
        f"/books/{book['id']}/quotes", json={"text": "Towards thee I roll"}, headers=me
    )
    assert second.status_code == 201
    listed = api.get(f"/books/{book['id']}/quotes", headers=me)
    assert listed.status_code == 200
    assert [q["id"] for q in listed.json()] == [first.json()["id"], second.json()["id"]]
    assert api.get(f"/books/{other_book['id']}/quotes", headers=me).json() == []
    assert api.post(f"/books/{book['id']}/quotes", json={"text": ""}, headers=me).status_code == 422


def test_export_is_plain_text_in_title_order_my_books_only(api: httpx.Client) -> None:
    me, other = _reader(api), _reader(api)
    _book(api, me, "Persuasion", "Jane Austen")
    _book(api, me, "Hamlet", "William Shakespeare")
    _book(api, other, "Aardvark Tales", "Someone Else")
    response = api.get("/books/export", headers=me)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    assert lines == ["Hamlet by William Shakespeare", "Persuasion by Jane Austen"]


def test_unknown_book_is_404(api: httpx.Client) -> None:
    me = _reader(api)
    assert api.get("/books/987654321", headers=me).status_code == 404
    assert api.post("/books/987654321/quotes", json={"text": "hi"}, headers=me).status_code == 404
