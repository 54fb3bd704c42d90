"""Acceptance tests for guestbook.md, written from the document and its prose before generating.

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


def test_signing_with_a_form_answers_201_with_the_entry(api: httpx.Client) -> None:
    response = api.post("/entries", data={"name": "Grandma", "message": "Congratulations!"})
    assert response.status_code == 201, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["name"] == "Grandma" and body["message"] == "Congratulations!"
    assert isinstance(body["id"], int)


def test_signing_with_json_works_too(api: httpx.Client) -> None:
    response = api.post("/entries", json={"name": "Tom", "message": "Cheers"})
    assert response.status_code == 201
    assert api.get(f"/entries/{response.json()['id']}").json()["message"] == "Cheers"


def test_a_post_without_a_message_answers_400(api: httpx.Client) -> None:
    assert api.post("/entries", json={"name": "Tom"}).status_code == 400
    assert api.post("/entries", data={"message": "who am I"}).status_code == 400


def test_the_list_is_a_bare_array_newest_first(api: httpx.Client) -> None:
    first = api.post("/entries", json={"name": "A", "message": "first"}).json()
    second = api.post("/entries", json={"name": "B", "message": "second"}).json()
    listed = api.get("/entries")
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    ids = [e["id"] for e in listed.json()]
    assert ids.index(second["id"]) < ids.index(first["id"])


def test_limit_bounds_the_list(api: httpx.Client) -> None:
    for i in range(3):
        api.post("/entries", json={"name": f"n{i}", "message": "hi"})
    assert len(api.get("/entries", params={"limit": 2}).json()) == 2


def test_the_page_is_html_with_the_messages(api: httpx.Client) -> None:
    marker = uuid.uuid4().hex
    api.post("/entries", data={"name": "Uncle Bob", "message": f"Best wishes {marker}"})
    page = api.get("/entries.html")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f"Best wishes {marker}" in page.text and "Uncle Bob" in page.text


def test_the_page_escapes_what_guests_typed(api: httpx.Client) -> None:
    marker = uuid.uuid4().hex[:8]
    evil = f"<script>alert('{marker}')</script>"
    api.post("/entries", data={"name": "<b>x</b>", "message": evil})
    page = api.get("/entries.html").text
    assert evil not in page
    assert "&lt;script&gt;alert(" in page and marker in page


def test_an_unknown_entry_answers_404(api: httpx.Client) -> None:
    assert api.get("/entries/987654321").status_code == 404
