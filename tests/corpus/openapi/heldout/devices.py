"""Acceptance tests for heldout/devices.md, written from the document and prose before
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


def _fleet(api: httpx.Client) -> dict[str, str]:
    response = api.post("/fleets", json={"name": f"greenhouse {uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    return {"Authorization": f"ApiKey {response.json()['api_key']}"}


def _device(api: httpx.Client, fleet: dict[str, str], serial: str, **fields: object) -> dict:
    body = {"serial": serial, "model": "th-200", **fields}
    response = api.post("/devices", json=body, headers=fleet)
    assert response.status_code == 201, response.text
    return response.json()


def test_devices_need_a_known_key(api: httpx.Client) -> None:
    assert api.get("/devices").status_code == 401
    assert api.get("/devices", headers={"Authorization": "ApiKey nope"}).status_code == 401


def test_a_device_is_registered_with_its_properties(api: httpx.Client) -> None:
    fleet = _fleet(api)
    made = _device(api, fleet, "GH-001", properties={"zone": "north", "firmware": "2.1"})
    assert made["serial"] == "GH-001" and made["properties"] == {"zone": "north", "firmware": "2.1"}
    got = api.get("/devices/GH-001", headers=fleet)
    assert got.status_code == 200 and got.json()["model"] == "th-200"


def test_a_duplicate_serial_answers_409(api: httpx.Client) -> None:
    fleet = _fleet(api)
    _device(api, fleet, "GH-001")
    again = api.post("/devices", json={"serial": "GH-001", "model": "x"}, headers=fleet)
    assert again.status_code == 409


def test_fleets_do_not_see_each_others_devices(api: httpx.Client) -> None:
    mine, theirs = _fleet(api), _fleet(api)
    _device(api, mine, "GH-007")
    assert api.get("/devices", headers=theirs).json() == []
    assert api.get("/devices/GH-007", headers=theirs).status_code == 404
    patch = api.patch("/devices/GH-007", json={"model": "hacked"}, headers=theirs)
    assert patch.status_code == 404
    _device(api, theirs, "GH-007")  # the same serial in another fleet is fine


def test_the_list_is_sorted_by_serial_and_filters_by_model(api: httpx.Client) -> None:
    fleet = _fleet(api)
    _device(api, fleet, "B-2", model="co2-1")
    _device(api, fleet, "A-1")
    _device(api, fleet, "C-3")
    listed = api.get("/devices", headers=fleet).json()
    assert [d["serial"] for d in listed] == ["A-1", "B-2", "C-3"]
    co2 = api.get("/devices", params={"model": "co2-1"}, headers=fleet).json()
    assert [d["serial"] for d in co2] == ["B-2"]


def test_every_property_pair_given_must_match(api: httpx.Client) -> None:
    fleet = _fleet(api)
    _device(api, fleet, "N-1", properties={"zone": "north", "firmware": "2.1"})
    _device(api, fleet, "N-2", properties={"zone": "north", "firmware": "1.9"})
    _device(api, fleet, "S-1", properties={"zone": "south", "firmware": "2.1"})
    north = api.get("/devices", params={"property": "zone:north"}, headers=fleet).json()
    assert [d["serial"] for d in north] == ["N-1", "N-2"]
    both = api.get(
        "/devices", params=[("property", "zone:north"), ("property", "firmware:2.1")], headers=fleet
    ).json()
    assert [d["serial"] for d in both] == ["N-1"]


def test_last_seen_filters_before_and_after(api: httpx.Client) -> None:
    fleet = _fleet(api)
    _device(api, fleet, "OLD", last_seen="2024-01-01T00:00:00Z")
    _device(api, fleet, "NEW", last_seen="2024-06-01T00:00:00Z")
    after = api.get("/devices", params={"seen_after": "2024-03-01T00:00:00Z"}, headers=fleet)
    assert [d["serial"] for d in after.json()] == ["NEW"]
    before = api.get("/devices", params={"seen_before": "2024-03-01T00:00:00Z"}, headers=fleet)
    assert [d["serial"] for d in before.json()] == ["OLD"]


def test_a_csv_import_counts_rows_and_names_rejected_lines(api: httpx.Client) -> None:
    fleet = _fleet(api)
    _device(api, fleet, "GH-001")
    csv = "serial,model\nGH-001,th-200\nGH-002,th-200\nGH-003\nGH-004,co2-1\n"
    response = api.post(
        "/devices/import", content=csv, headers={**fleet, "Content-Type": "text/csv"}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["imported"] == 2
    lines = sorted(r["line"] for r in body["rejected"])
    assert lines in ([2, 4], [1, 3])  # lines of the file, or data rows after the header
    serials = [d["serial"] for d in api.get("/devices", headers=fleet).json()]
    assert serials == ["GH-001", "GH-002", "GH-004"]


def test_a_csv_without_the_header_answers_400(api: httpx.Client) -> None:
    fleet = _fleet(api)
    response = api.post(
        "/devices/import", content="hello world", headers={**fleet, "Content-Type": "text/csv"}
    )
    assert response.status_code == 400
