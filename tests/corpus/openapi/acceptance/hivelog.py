"""Acceptance tests for hivelog.md, written from the document and its prose only.

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


def _keeper(api: httpx.Client, name: str = "") -> dict[str, str]:
    """Registers a beekeeper and answers the header carrying their key."""
    response = api.post("/beekeepers", json={"name": name or f"Keeper {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return {"X-Apiary-Key": response.json()["api_key"]}


def _hive(
    api: httpx.Client,
    who: dict[str, str],
    name: str = "",
    apiary: str = "Orchard",
    installed_on: str = "2024-04-01",
    **extra,
) -> dict:
    body = {
        "name": name or f"Hive {uuid.uuid4().hex[:8]}",
        "apiary": apiary,
        "installed_on": installed_on,
        **extra,
    }
    response = api.post("/hives", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _inspect(
    api: httpx.Client,
    who: dict[str, str],
    hive_id: int,
    inspected_on: str,
    brood_frames: int = 6,
    **extra,
) -> dict:
    body = {"inspected_on": inspected_on, "brood_frames": brood_frames, **extra}
    response = api.post(f"/hives/{hive_id}/inspections", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()]


def test_register_gives_a_key(api: httpx.Client) -> None:
    first = api.post("/beekeepers", json={"name": "Hannah Comb"})
    second = api.post("/beekeepers", json={"name": "Ivo Wax"})
    assert first.status_code == 201 and second.status_code == 201
    assert first.json()["name"] == "Hannah Comb"
    assert isinstance(first.json()["api_key"], str) and first.json()["api_key"]
    assert first.json()["api_key"] != second.json()["api_key"]
    assert api.post("/beekeepers", json={}).status_code == 400


def test_key_is_required(api: httpx.Client) -> None:
    assert api.get("/hives").status_code == 401
    assert api.get("/hives", headers={"X-Apiary-Key": "never-issued"}).status_code == 401
    body = {"name": "Keyless", "apiary": "Orchard", "installed_on": "2024-04-01"}
    assert api.post("/hives", json=body).status_code == 401
    listed = api.get("/hives", headers=_keeper(api))
    assert listed.status_code == 200
    assert listed.json()["hives"] == [] and listed.json()["count"] == 0


def test_new_hive_defaults_and_computed_fields(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me, "Queen Mab", "Church field", "2024-03-20")
    assert isinstance(hive["id"], int)
    assert hive["name"] == "Queen Mab" and hive["apiary"] == "Church field"
    assert hive["installed_on"] == "2024-03-20"
    assert hive["queen_marked"] is False
    assert hive["inspection_count"] == 0
    assert hive["last_inspected_on"] is None
    got = api.get(f"/hives/{hive['id']}", headers=me)
    assert got.status_code == 200 and got.json()["name"] == "Queen Mab"


def test_invalid_hive_bodies_are_400(api: httpx.Client) -> None:
    me = _keeper(api)
    good = {"name": "Bad", "apiary": "Orchard", "installed_on": "2024-04-01"}
    no_date = {k: v for k, v in good.items() if k != "installed_on"}
    assert api.post("/hives", json=no_date, headers=me).status_code == 400
    no_name = {k: v for k, v in good.items() if k != "name"}
    assert api.post("/hives", json=no_name, headers=me).status_code == 400
    bad_date = {**good, "installed_on": "last spring"}
    assert api.post("/hives", json=bad_date, headers=me).status_code == 400
    assert api.get("/hives", headers=me).json()["count"] == 0


def test_name_is_unique_per_beekeeper(api: httpx.Client) -> None:
    ann, bob = _keeper(api), _keeper(api)
    _hive(api, ann, "Buttercup")
    again = {"name": "Buttercup", "apiary": "Elsewhere", "installed_on": "2024-05-01"}
    assert api.post("/hives", json=again, headers=ann).status_code == 409
    assert _hive(api, bob, "Buttercup")["name"] == "Buttercup"
    other = _hive(api, ann, "Daisy")
    assert (
        api.patch(f"/hives/{other['id']}", json={"name": "Buttercup"}, headers=ann).status_code
        == 409
    )
    assert api.get(f"/hives/{other['id']}", headers=ann).json()["name"] == "Daisy"


def test_hives_of_others_are_404(api: httpx.Client) -> None:
    ann, bob = _keeper(api), _keeper(api)
    hive = _hive(api, ann, "Private")
    _inspect(api, ann, hive["id"], "2024-05-01")
    path = f"/hives/{hive['id']}"
    assert api.get(path, headers=bob).status_code == 404
    assert api.patch(path, json={"queen_marked": True}, headers=bob).status_code == 404
    assert api.delete(path, headers=bob).status_code == 404
    assert api.get(f"{path}/inspections", headers=bob).status_code == 404
    body = {"inspected_on": "2024-05-02", "brood_frames": 3}
    assert api.post(f"{path}/inspections", json=body, headers=bob).status_code == 404
    assert api.get(f"{path}/report", headers=bob).status_code == 404
    assert api.get("/hives", headers=bob).json()["count"] == 0
    mine = api.get(path, headers=ann)
    assert mine.status_code == 200 and mine.json()["queen_marked"] is False
    assert mine.json()["inspection_count"] == 1


def test_list_envelope_sorted_by_name_with_filters(api: httpx.Client) -> None:
    me = _keeper(api)
    c = _hive(api, me, "Clover", "Orchard")
    a = _hive(api, me, "Acacia", "Heath")
    b = _hive(api, me, "Bramble", "Orchard")
    listed = api.get("/hives", headers=me)
    assert listed.status_code == 200
    assert [h["id"] for h in listed.json()["hives"]] == [a["id"], b["id"], c["id"]]
    assert listed.json()["count"] == 3
    orchard = api.get("/hives", params={"apiary": "Orchard"}, headers=me).json()
    assert [h["id"] for h in orchard["hives"]] == [b["id"], c["id"]]
    assert orchard["count"] == 2
    by_q = api.get("/hives", params={"q": "RAMB"}, headers=me).json()
    assert [h["id"] for h in by_q["hives"]] == [b["id"]] and by_q["count"] == 1


def test_patch_changes_a_subset(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me, "Foxglove", "Heath", "2024-02-02")
    patched = api.patch(f"/hives/{hive['id']}", json={"queen_marked": True}, headers=me)
    assert patched.status_code == 200
    body = patched.json()
    assert body["queen_marked"] is True
    assert body["name"] == "Foxglove" and body["apiary"] == "Heath"
    assert body["installed_on"] == "2024-02-02"


def test_inspection_defaults_and_hive_totals(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me, installed_on="2024-04-01")
    first = _inspect(api, me, hive["id"], "2024-06-10", 8, notes="two supers on")
    assert isinstance(first["id"], int)
    assert first["hive_id"] == hive["id"]
    assert first["inspected_on"] == "2024-06-10"
    assert first["brood_frames"] == 8
    assert first["temperament"] == "calm"
    assert first["queen_seen"] is False
    assert first["notes"] == "two supers on"
    _inspect(api, me, hive["id"], "2024-05-20", 5, temperament="nervous", queen_seen=True)
    got = api.get(f"/hives/{hive['id']}", headers=me).json()
    assert got["inspection_count"] == 2
    assert got["last_inspected_on"] == "2024-06-10"


def test_invalid_inspections_are_400(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me, installed_on="2024-04-01")
    url = f"/hives/{hive['id']}/inspections"
    good = {"inspected_on": "2024-05-01", "brood_frames": 5}
    assert api.post(url, json={**good, "brood_frames": 21}, headers=me).status_code == 400
    assert api.post(url, json={**good, "brood_frames": -1}, headers=me).status_code == 400
    assert api.post(url, json={**good, "temperament": "grumpy"}, headers=me).status_code == 400
    assert api.post(url, json={"brood_frames": 5}, headers=me).status_code == 400
    assert api.post(url, json={**good, "inspected_on": "2024-03-31"}, headers=me).status_code == 400
    assert api.post(url, json={**good, "brood_frames": 20}, headers=me).status_code == 201
    assert api.post(url, json={**good, "inspected_on": "2024-04-01"}, headers=me).status_code == 201
    assert api.get(f"/hives/{hive['id']}", headers=me).json()["inspection_count"] == 2


def test_inspections_newest_first_with_filters(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me, installed_on="2024-01-01")
    hid = hive["id"]
    may = _inspect(api, me, hid, "2024-05-01", queen_seen=True)
    july = _inspect(api, me, hid, "2024-07-01")
    june_a = _inspect(api, me, hid, "2024-06-01", queen_seen=True)
    june_b = _inspect(api, me, hid, "2024-06-01")
    url = f"/hives/{hid}/inspections"
    listed = api.get(url, headers=me)
    assert _ids(listed) == [july["id"], june_b["id"], june_a["id"], may["id"]]
    since = api.get(url, params={"since": "2024-06-01"}, headers=me)
    assert _ids(since) == [july["id"], june_b["id"], june_a["id"]]
    seen = api.get(url, params={"queen_seen": "true"}, headers=me)
    assert _ids(seen) == [june_a["id"], may["id"]]
    not_seen = api.get(url, params={"queen_seen": "false", "since": "2024-06-01"}, headers=me)
    assert _ids(not_seen) == [july["id"], june_b["id"]]


def test_report_is_plain_text_oldest_first(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me, "Heather", "Moor gate", "2024-01-01")
    url = f"/hives/{hive['id']}/report"
    empty = api.get(url, headers=me)
    assert empty.status_code == 200
    assert empty.headers["content-type"].startswith("text/plain")
    assert empty.text.strip().splitlines() == ["Heather (Moor gate)"]
    _inspect(api, me, hive["id"], "2025-05-03", 7, queen_seen=True)
    _inspect(api, me, hive["id"], "2025-04-12", 4, temperament="aggressive")
    report = api.get(url, headers=me)
    assert report.text.strip().splitlines() == [
        "Heather (Moor gate)",
        "2025-04-12 aggressive brood=4 queen=no",
        "2025-05-03 calm brood=7 queen=yes",
    ]


def test_delete_hive_takes_its_inspections(api: httpx.Client) -> None:
    me = _keeper(api)
    hive = _hive(api, me)
    _inspect(api, me, hive["id"], "2024-05-05")
    path = f"/hives/{hive['id']}"
    assert api.delete(path, headers=me).status_code == 204
    assert api.get(path, headers=me).status_code == 404
    assert api.get(f"{path}/inspections", headers=me).status_code == 404
    assert api.get(f"{path}/report", headers=me).status_code == 404
    assert api.get("/hives", headers=me).json()["count"] == 0
    assert api.get("/hives/987654321", headers=me).status_code == 404
