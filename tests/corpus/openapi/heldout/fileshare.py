"""Acceptance tests for heldout/fileshare.md, written from the document and prose before
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


def _person() -> httpx.Client:
    """A client of its own holding the person's session cookie."""
    client = httpx.Client(base_url=BASE_URL, timeout=15)
    creds = {"login": f"p{uuid.uuid4().hex[:10]}", "password": "long-enough-pw"}
    assert client.post("/accounts", json=creds).status_code == 201
    assert client.post("/session", data=creds).status_code == 204
    return client


def _upload(client: httpx.Client, name: str, data: bytes, kind: str = "text/plain") -> dict:
    response = client.post("/files", files={"upload": (name, data, kind)})
    assert response.status_code == 201, response.text
    return response.json()


def test_files_need_a_session(api: httpx.Client) -> None:
    assert api.get("/files").status_code == 401
    assert api.post("/files", files={"upload": ("a.txt", b"a", "text/plain")}).status_code == 401


def test_a_wrong_password_answers_401(api: httpx.Client) -> None:
    creds = {"login": f"p{uuid.uuid4().hex[:10]}", "password": "long-enough-pw"}
    api.post("/accounts", json=creds)
    assert api.post("/session", data={**creds, "password": "not-the-one"}).status_code == 401


def test_an_upload_is_described_with_name_size_and_type(api: httpx.Client) -> None:
    with _person() as alice:
        stored = _upload(alice, "brief.txt", b"hello world", "text/plain")
        assert stored["filename"] == "brief.txt" and stored["size"] == 11
        assert stored["content_type"].startswith("text/plain")
        assert str(uuid.UUID(stored["id"])) == stored["id"]


def test_a_download_returns_the_bytes_type_and_original_name(api: httpx.Client) -> None:
    data = b"%PDF-1.4 not really a pdf"
    with _person() as alice:
        stored = _upload(alice, "logo final v2.pdf", data, "application/pdf")
        got = alice.get(f"/files/{stored['id']}")
        assert got.status_code == 200 and got.content == data
        assert got.headers["content-type"].startswith("application/pdf")
        disposition = got.headers["content-disposition"]
        assert disposition.startswith("attachment") and "logo final v2.pdf" in disposition


def test_the_list_holds_my_files_and_filters_by_name(api: httpx.Client) -> None:
    with _person() as alice:
        a = _upload(alice, "moodboard.png", b"\x89PNG....", "image/png")
        b = _upload(alice, "invoice-march.txt", b"100 EUR")
        everything = {f["id"] for f in alice.get("/files").json()}
        assert everything == {a["id"], b["id"]}
        found = alice.get("/files", params={"name_contains": "invoice"}).json()
        assert [f["id"] for f in found] == [b["id"]]


def test_nobody_sees_or_downloads_someone_elses_file(api: httpx.Client) -> None:
    with _person() as alice, _person() as bob:
        stored = _upload(alice, "contract.txt", b"confidential")
        assert bob.get("/files").json() == []
        assert bob.get(f"/files/{stored['id']}").status_code == 404
        assert bob.delete(f"/files/{stored['id']}").status_code == 404
        assert alice.get(f"/files/{stored['id']}").content == b"confidential"


def test_a_path_in_the_uploaded_name_stays_a_name(api: httpx.Client) -> None:
    with _person() as alice:
        stored = _upload(alice, "../../etc/passwd", b"root:x:0:0")
        got = alice.get(f"/files/{stored['id']}")
        assert got.status_code == 200 and got.content == b"root:x:0:0"


def test_a_file_over_one_megabyte_answers_413(api: httpx.Client) -> None:
    with _person() as alice:
        big = b"x" * (1024 * 1024 + 1)
        response = alice.post("/files", files={"upload": ("big.bin", big, "text/plain")})
        assert response.status_code == 413


def test_delete_removes_and_logout_ends_the_session(api: httpx.Client) -> None:
    with _person() as alice:
        stored = _upload(alice, "tmp.txt", b"tmp")
        assert alice.delete(f"/files/{stored['id']}").status_code == 204
        assert alice.get(f"/files/{stored['id']}").status_code == 404
        assert alice.post("/logout").status_code == 204
        assert alice.get("/files").status_code == 401
