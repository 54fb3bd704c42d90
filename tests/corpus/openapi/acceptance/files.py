"""Acceptance tests for files.yaml, written from the document before generating.

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


# No security scheme: everything is open. Photos are uploaded as multipart and served back as PNG.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _upload(api: httpx.Client, caption: str) -> dict:
    files = {"file": ("dot.png", PNG, "image/png")}
    response = api.post("/photos", data={"caption": caption}, files=files)
    assert response.status_code == 201, response.text
    return response.json()


def test_an_upload_answers_201_with_a_uuid_id(api: httpx.Client) -> None:
    photo = _upload(api, "sunset")
    assert photo["caption"] == "sunset"
    assert str(uuid.UUID(photo["id"])) == photo["id"]


def test_metadata_is_read_back_by_id(api: httpx.Client) -> None:
    photo = _upload(api, "harbour")
    got = api.get(f"/photos/{photo['id']}")
    assert got.status_code == 200 and got.json()["caption"] == "harbour"


def test_the_raw_photo_is_served_as_png(api: httpx.Client) -> None:
    photo = _upload(api, "dot")
    raw = api.get(f"/photos/{photo['id']}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "image/png"
    assert raw.content == PNG


def test_the_list_is_a_bare_array_holding_uploads(api: httpx.Client) -> None:
    photo = _upload(api, "listed")
    listed = api.get("/photos")
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert photo["id"] in [p["id"] for p in listed.json()]


def test_a_date_range_is_accepted_on_the_list(api: httpx.Client) -> None:
    response = api.get("/photos", params={"from": "2000-01-01", "to": "2000-01-02"})
    assert response.status_code == 200 and isinstance(response.json(), list)


def test_the_log_is_plain_text(api: httpx.Client) -> None:
    response = api.get("/log")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")


def test_an_unknown_photo_answers_404(api: httpx.Client) -> None:
    assert api.get(f"/photos/{uuid.uuid4()}").status_code == 404
