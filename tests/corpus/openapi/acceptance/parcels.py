"""Acceptance tests for parcels.md, written from the document and its prose before generating.

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


def _desk(api: httpx.Client) -> dict[str, str]:
    response = api.post("/desks", json={"name": f"Desk {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return {"X-Desk-Key": response.json()["api_key"]}


def _log(api: httpx.Client, desk: dict[str, str], **fields: object) -> dict:
    body = {"recipient": "Ada Lovelace", "carrier": "dhl", **fields}
    response = api.post("/parcels", json=body, headers=desk)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, desk: dict[str, str], params: object = None) -> list[int]:
    response = api.get("/parcels", params=params or {"limit": 100}, headers=desk)
    assert response.status_code == 200, response.text
    return [p["id"] for p in response.json()]


def test_registering_a_desk_answers_201_with_its_key(api: httpx.Client) -> None:
    response = api.post("/desks", json={"name": "Canal building"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Canal building" and isinstance(body["id"], int)
    assert isinstance(body["api_key"], str) and body["api_key"]


def test_parcels_need_a_known_desk_key(api: httpx.Client) -> None:
    assert api.get("/parcels").status_code == 401
    assert api.get("/parcels", headers={"X-Desk-Key": "no-such-key"}).status_code == 401
    body = {"recipient": "Ada", "carrier": "ups"}
    assert api.post("/parcels", json=body).status_code == 401


def test_a_logged_parcel_is_received_with_a_location(api: httpx.Client) -> None:
    desk = _desk(api)
    body = {"recipient": "Grace Hopper", "carrier": "postnl", "shelf": "B2"}
    response = api.post("/parcels", json=body, headers=desk)
    assert response.status_code == 201
    parcel = response.json()
    assert parcel["status"] == "received" and parcel["picked_up_at"] is None
    assert parcel["recipient"] == "Grace Hopper" and parcel["shelf"] == "B2"
    assert parcel.get("tracking_code") is None and parcel["received_at"]
    assert response.headers["location"].endswith(f"/parcels/{parcel['id']}")
    got = api.get(f"/parcels/{parcel['id']}", headers=desk)
    assert got.status_code == 200 and got.json()["carrier"] == "postnl"


def test_invalid_parcels_answer_400(api: httpx.Client) -> None:
    desk = _desk(api)
    for body in (
        {"carrier": "dhl"},
        {"recipient": "Ada"},
        {"recipient": "Ada", "carrier": "pigeon"},
        {"recipient": "x" * 81, "carrier": "dhl"},
    ):
        assert api.post("/parcels", json=body, headers=desk).status_code == 400, body
    parcel = _log(api, desk)
    bad = api.patch(f"/parcels/{parcel['id']}", json={"status": "lost"}, headers=desk)
    assert bad.status_code == 400


def test_another_desks_parcel_is_404_and_not_listed(api: httpx.Client) -> None:
    mine, theirs = _desk(api), _desk(api)
    parcel = _log(api, mine)
    path = f"/parcels/{parcel['id']}"
    assert api.get(path, headers=theirs).status_code == 404
    assert api.patch(path, json={"shelf": "Z9"}, headers=theirs).status_code == 404
    assert api.post(f"{path}/pickup", headers=theirs).status_code == 404
    assert api.delete(path, headers=theirs).status_code == 404
    assert _ids(api, theirs) == []
    assert _ids(api, mine) == [parcel["id"]]
    assert api.get(path, headers=mine).json()["status"] == "received"


def test_status_can_be_repeated_to_match_any(api: httpx.Client) -> None:
    desk = _desk(api)
    received = _log(api, desk)
    notified = _log(api, desk)
    returned = _log(api, desk)
    api.patch(f"/parcels/{notified['id']}", json={"status": "notified"}, headers=desk)
    api.patch(f"/parcels/{returned['id']}", json={"status": "returned"}, headers=desk)
    both = _ids(api, desk, [("status", "received"), ("status", "notified")])
    assert set(both) == {received["id"], notified["id"]}
    assert _ids(api, desk, {"status": "returned"}) == [returned["id"]]


def test_carrier_and_q_filters(api: httpx.Client) -> None:
    desk = _desk(api)
    ada = _log(api, desk, recipient="Ada Lovelace", carrier="ups")
    alan = _log(api, desk, recipient="Alan Turing", carrier="ups")
    _log(api, desk, recipient="Adam Smith", carrier="fedex")
    assert set(_ids(api, desk, {"carrier": "ups"})) == {ada["id"], alan["id"]}
    assert _ids(api, desk, {"q": "LOVELACE"}) == [ada["id"]]
    assert _ids(api, desk, {"q": "ada", "carrier": "ups"}) == [ada["id"]]


def test_sorted_by_recipient_with_limit_offset_and_a_total_count(api: httpx.Client) -> None:
    desk = _desk(api)
    names = ["Edsger", "Barbara", "Donald", "Alan", "Clarence"]
    for name in names:
        _log(api, desk, recipient=name)
    params = {"sort": "recipient", "limit": 2, "offset": 2}
    page = api.get("/parcels", params=params, headers=desk)
    assert page.status_code == 200
    assert [p["recipient"] for p in page.json()] == ["Clarence", "Donald"]
    assert page.headers["x-total-count"] == "5"
    filtered = api.get("/parcels", params={"q": "ar", "limit": 1}, headers=desk)
    assert filtered.headers["x-total-count"] == "2" and len(filtered.json()) == 1


def test_the_list_shows_twenty_by_default(api: httpx.Client) -> None:
    desk = _desk(api)
    for number in range(22):
        _log(api, desk, recipient=f"Member {number:02d}")
    listed = api.get("/parcels", headers=desk)
    assert len(listed.json()) == 20 and listed.headers["x-total-count"] == "22"


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    desk = _desk(api)
    parcel = _log(api, desk, shelf="A1", tracking_code="JVGL0123")
    changed = api.patch(f"/parcels/{parcel['id']}", json={"shelf": "C3"}, headers=desk)
    assert changed.status_code == 200
    body = changed.json()
    assert body["shelf"] == "C3" and body["status"] == "received"
    assert body["tracking_code"] == "JVGL0123" and body["recipient"] == "Ada Lovelace"


def test_pickup_sets_the_time_and_a_second_pickup_answers_409(api: httpx.Client) -> None:
    desk = _desk(api)
    parcel = _log(api, desk)
    picked = api.post(f"/parcels/{parcel['id']}/pickup", headers=desk)
    assert picked.status_code == 200
    assert picked.json()["status"] == "picked_up" and picked.json()["picked_up_at"]
    assert api.post(f"/parcels/{parcel['id']}/pickup", headers=desk).status_code == 409
    assert api.post("/parcels/987654321/pickup", headers=desk).status_code == 404


def test_deleting_a_parcel_answers_204(api: httpx.Client) -> None:
    desk = _desk(api)
    parcel = _log(api, desk)
    deleted = api.delete(f"/parcels/{parcel['id']}", headers=desk)
    assert deleted.status_code == 204
    assert api.get(f"/parcels/{parcel['id']}", headers=desk).status_code == 404
    assert api.delete(f"/parcels/{parcel['id']}", headers=desk).status_code == 404
