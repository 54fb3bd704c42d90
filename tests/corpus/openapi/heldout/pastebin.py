"""Acceptance tests for heldout/pastebin.md, written from the document and prose before
generating.

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


def _paste(api: httpx.Client, content: str, **fields: object) -> dict:
    response = api.post("/pastes", json={"content": content, **fields})
    assert response.status_code == 201, response.text
    return response.json()


def test_a_paste_is_created_with_an_id_and_a_delete_token(api: httpx.Client) -> None:
    made = _paste(api, "print('hi')", title="hello", syntax="python")
    assert isinstance(made["id"], str) and made["delete_token"]
    got = api.get(f"/pastes/{made['id']}")
    assert got.status_code == 200
    assert got.json()["content"] == "print('hi')" and got.json()["syntax"] == "python"


def test_paste_ids_are_not_sequential_numbers(api: httpx.Client) -> None:
    ids = [_paste(api, f"x{i}")["id"] for i in range(3)]
    assert not any(i.isdigit() for i in ids)
    assert all(len(i) >= 8 for i in ids) and len(set(ids)) == 3


def test_empty_content_answers_400(api: httpx.Client) -> None:
    assert api.post("/pastes", json={"content": ""}).status_code == 400
    assert api.post("/pastes", json={"title": "nothing"}).status_code == 400


def test_raw_is_exactly_the_content_as_plain_text(api: httpx.Client) -> None:
    content = "line one\n  <b>two</b> & three\n"
    made = _paste(api, content)
    raw = api.get(f"/pastes/{made['id']}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("text/plain")
    assert raw.text == content


def test_the_html_page_escapes_the_content(api: httpx.Client) -> None:
    marker = uuid.uuid4().hex[:8]
    made = _paste(api, f"<script>steal('{marker}')</script>")
    page = api.get(f"/pastes/{made['id']}/html")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script>steal(" not in page.text
    assert "&lt;script&gt;steal(" in page.text and marker in page.text
    assert "<pre" in page.text


def test_recent_lists_newest_first_without_content(api: httpx.Client) -> None:
    first = _paste(api, "secret content one", title="first")
    second = _paste(api, "secret content two", title="second")
    recent = api.get("/pastes/recent", params={"n": 2})
    assert recent.status_code == 200
    assert [p["id"] for p in recent.json()] == [second["id"], first["id"]]
    assert all("content" not in p for p in recent.json())


def test_only_the_delete_token_deletes(api: httpx.Client) -> None:
    made = _paste(api, "temporary")
    path = f"/pastes/{made['id']}"
    assert api.delete(path, headers={"X-Delete-Token": "guess"}).status_code == 403
    assert api.get(path).status_code == 200
    assert api.delete(path, headers={"X-Delete-Token": made["delete_token"]}).status_code == 204
    assert api.get(path).status_code == 404
    assert api.get(f"{path}/raw").status_code == 404


def test_an_unknown_paste_answers_404_everywhere(api: httpx.Client) -> None:
    missing = uuid.uuid4().hex
    for suffix in ("", "/raw", "/html"):
        assert api.get(f"/pastes/{missing}{suffix}").status_code == 404
