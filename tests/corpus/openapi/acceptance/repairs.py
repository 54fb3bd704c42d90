"""Acceptance tests for repairs.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import struct
import uuid
import zlib
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _png(red: int, green: int, blue: int) -> bytes:
    """A valid 1x1 RGB PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, red, green, blue]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _resident(api: httpx.Client) -> tuple[str, str]:
    """Registers a resident and answers the (email, password) pair for HTTP Basic auth."""
    email = f"r{uuid.uuid4().hex[:12]}@example.com"
    body = {"email": email, "name": "Flat 4B", "password": "leaky-tap-2024"}
    response = api.post("/residents", json=body)
    assert response.status_code == 201, response.text
    return email, "leaky-tap-2024"


def _report(api: httpx.Client, who: tuple[str, str], **fields: str) -> dict:
    body = {"title": f"Broken light {uuid.uuid4().hex[:6]}", "location": "stairwell B", **fields}
    response = api.post("/repairs", json=body, auth=who)
    assert response.status_code == 201, response.text
    return response.json()


def _upload(api: httpx.Client, who: tuple[str, str], repair: dict, image: bytes) -> httpx.Response:
    files = {"photo": ("photo.png", image, "image/png")}
    return api.put(f"/repairs/{repair['id']}/photo", files=files, auth=who)


def test_registering_answers_201_without_the_password(api: httpx.Client) -> None:
    email = f"r{uuid.uuid4().hex[:12]}@example.com"
    body = {"email": email, "name": "Flat 2A", "password": "leaky-tap-2024"}
    response = api.post("/residents", json=body)
    assert response.status_code == 201
    assert response.json()["email"] == email and response.json()["name"] == "Flat 2A"
    assert "password" not in response.json()


def test_the_board_needs_basic_credentials(api: httpx.Client) -> None:
    assert api.get("/repairs").status_code == 401
    me = _resident(api)
    assert api.get("/repairs", auth=(me[0], "not-my-password")).status_code == 401
    assert api.get("/repairs", auth=("nobody@example.com", me[1])).status_code == 401
    assert api.get("/repairs", auth=me).status_code == 200


def test_a_report_is_open_with_normal_priority_by_default(api: httpx.Client) -> None:
    me = _resident(api)
    repair = _report(api, me, title="Front door does not lock")
    assert repair["status"] == "open" and repair["priority"] == "normal"
    assert repair["has_photo"] is False and isinstance(repair["id"], int)
    got = api.get(f"/repairs/{repair['id']}", auth=me)
    assert got.status_code == 200 and got.json()["title"] == "Front door does not lock"
    assert api.get("/repairs/987654321", auth=me).status_code == 404


def test_a_missing_title_or_unknown_priority_answers_400(api: httpx.Client) -> None:
    me = _resident(api)
    assert api.post("/repairs", json={"location": "roof"}, auth=me).status_code == 400
    bad = {"title": "Leak", "priority": "whenever"}
    assert api.post("/repairs", json=bad, auth=me).status_code == 400
    repair = _report(api, me)
    patch = api.patch(f"/repairs/{repair['id']}", json={"status": "forgotten"}, auth=me)
    assert patch.status_code == 400


def test_the_board_is_shared_and_newest_first(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    older = _report(api, alice)
    newer = _report(api, bob)
    board = api.get("/repairs", auth=alice)
    assert board.status_code == 200 and isinstance(board.json(), list)
    ids = [r["id"] for r in board.json()]
    assert ids.index(newer["id"]) < ids.index(older["id"])
    assert api.get(f"/repairs/{newer['id']}", auth=alice).status_code == 200


def test_mine_keeps_only_my_reports(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    first = _report(api, alice)
    second = _report(api, alice)
    _report(api, bob)
    mine = api.get("/repairs", params={"mine": "true"}, auth=alice).json()
    assert [r["id"] for r in mine] == [second["id"], first["id"]]


def test_status_and_priority_filter_the_board(api: httpx.Client) -> None:
    me = _resident(api)
    urgent = _report(api, me, priority="urgent")
    low = _report(api, me, priority="low")
    api.patch(f"/repairs/{low['id']}", json={"status": "done"}, auth=me)
    done = api.get("/repairs", params={"status": "done"}, auth=me).json()
    assert low["id"] in [r["id"] for r in done] and urgent["id"] not in [r["id"] for r in done]
    assert all(r["status"] == "done" for r in done)
    urgent_list = api.get("/repairs", params={"priority": "urgent"}, auth=me).json()
    assert urgent["id"] in [r["id"] for r in urgent_list]
    assert all(r["priority"] == "urgent" for r in urgent_list)


def test_the_reporter_moves_the_status_along(api: httpx.Client) -> None:
    me = _resident(api)
    repair = _report(api, me, description="The bulb is fine, the switch is not")
    changed = api.patch(f"/repairs/{repair['id']}", json={"status": "in_progress"}, auth=me)
    assert changed.status_code == 200
    body = changed.json()
    assert body["status"] == "in_progress" and body["title"] == repair["title"]
    assert body["description"] == "The bulb is fine, the switch is not"


def test_only_the_reporter_may_change_or_attach_a_photo(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    repair = _report(api, alice)
    path = f"/repairs/{repair['id']}"
    assert api.patch(path, json={"status": "done"}, auth=bob).status_code == 403
    assert _upload(api, bob, repair, _png(255, 0, 0)).status_code == 403
    after = api.get(path, auth=alice).json()
    assert after["status"] == "open" and after["has_photo"] is False


def test_a_photo_is_uploaded_and_served_back_as_it_was(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    repair = _report(api, alice)
    image = _png(200, 30, 30)
    uploaded = _upload(api, alice, repair, image)
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["has_photo"] is True
    photo = api.get(f"/repairs/{repair['id']}/photo", auth=bob)
    assert photo.status_code == 200
    assert photo.headers["content-type"] == "image/png"
    assert photo.content == image


def test_uploading_again_replaces_the_photo(api: httpx.Client) -> None:
    me = _resident(api)
    repair = _report(api, me)
    assert _upload(api, me, repair, _png(0, 0, 255)).status_code == 200
    assert _upload(api, me, repair, _png(0, 255, 0)).status_code == 200
    assert api.get(f"/repairs/{repair['id']}/photo", auth=me).content == _png(0, 255, 0)


def test_no_photo_answers_404_and_a_text_file_is_refused_with_400(api: httpx.Client) -> None:
    me = _resident(api)
    repair = _report(api, me)
    assert api.get(f"/repairs/{repair['id']}/photo", auth=me).status_code == 404
    files = {"photo": ("notes.txt", b"just some text", "text/plain")}
    refused = api.put(f"/repairs/{repair['id']}/photo", files=files, auth=me)
    assert refused.status_code == 400
    assert api.get(f"/repairs/{repair['id']}", auth=me).json()["has_photo"] is False
