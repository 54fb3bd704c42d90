"""Acceptance tests for aquarium.md, written from the document and its prose before generating.

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


def _keeper(api: httpx.Client) -> dict[str, str]:
    """A fresh keeper: no tanks yet, so listings can be checked exactly."""
    response = api.post("/keepers", json={"name": f"Keeper {uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    return {"X-Keeper-Key": response.json()["api_key"]}


def _tank(api: httpx.Client, who: dict, name: str, litres: int = 120, **extra) -> dict:
    response = api.post("/tanks", json={"name": name, "litres": litres, **extra}, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def _reading(
    api: httpx.Client, who: dict, tank: dict, taken_on: str, ph: float = 7.0, **extra
) -> dict:
    body = {"taken_on": taken_on, "ph": ph, "temperature_c": 25.0, **extra}
    response = api.post(f"/tanks/{tank['id']}/readings", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_keeper_gets_a_key(api: httpx.Client) -> None:
    response = api.post("/keepers", json={"name": "Marta"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Marta" and body["api_key"] and isinstance(body["id"], int)


def test_no_key_or_an_unknown_key_is_401(api: httpx.Client) -> None:
    assert api.get("/tanks").status_code == 401
    bad = {"X-Keeper-Key": "definitely-not-issued"}
    assert api.get("/tanks", headers=bad).status_code == 401
    assert api.post("/tanks", json={"name": "Reef", "litres": 200}, headers=bad).status_code == 401


def test_creating_a_tank_answers_200_with_defaults(api: httpx.Client) -> None:
    me = _keeper(api)
    tank = _tank(api, me, "Living room", 180)
    assert isinstance(tank["id"], int)
    assert tank["water"] == "fresh" and tank["reading_count"] == 0 and tank["litres"] == 180
    got = api.get(f"/tanks/{tank['id']}", headers=me)
    assert got.status_code == 200 and got.json()["name"] == "Living room"


def test_bad_input_is_400(api: httpx.Client) -> None:
    me = _keeper(api)
    assert api.post("/tanks", json={"litres": 50}, headers=me).status_code == 400
    assert (
        api.post(
            "/tanks", json={"name": "X", "litres": 50, "water": "lava"}, headers=me
        ).status_code
        == 400
    )
    tank = _tank(api, me, "Test tank")
    url = f"/tanks/{tank['id']}/readings"
    assert (
        api.post(
            url, json={"taken_on": "2030-01-01", "ph": 15, "temperature_c": 24}, headers=me
        ).status_code
        == 400
    )
    assert (
        api.post(
            url, json={"taken_on": "2030-01-01", "ph": 7, "temperature_c": 0}, headers=me
        ).status_code
        == 400
    )
    assert api.post(url, json={"ph": 7, "temperature_c": 24}, headers=me).status_code == 400


def test_tank_names_are_unique_per_keeper(api: httpx.Client) -> None:
    me, other = _keeper(api), _keeper(api)
    _tank(api, me, "Reef", water="salt")
    assert api.post("/tanks", json={"name": "Reef", "litres": 90}, headers=me).status_code == 409
    _tank(api, other, "Reef", water="salt")


def test_tanks_are_private(api: httpx.Client) -> None:
    me, other = _keeper(api), _keeper(api)
    tank = _tank(api, me, "Shrimp tank")
    assert api.get(f"/tanks/{tank['id']}", headers=other).status_code == 404
    assert api.get(f"/tanks/{tank['id']}/readings", headers=other).status_code == 404
    body = {"taken_on": "2030-01-01", "ph": 7, "temperature_c": 24}
    assert api.post(f"/tanks/{tank['id']}/readings", json=body, headers=other).status_code == 404
    assert api.get(f"/tanks/{tank['id']}/report", headers=other).status_code == 404
    assert api.delete(f"/tanks/{tank['id']}", headers=other).status_code == 404
    assert api.get("/tanks", headers=other).json() == []


def test_list_is_a_bare_array_by_name_with_filters(api: httpx.Client) -> None:
    me = _keeper(api)
    c = _tank(api, me, "Cichlid corner")
    a = _tank(api, me, "Azure Reef", water="salt")
    b = _tank(api, me, "Brackish puffers", water="brackish")
    listed = api.get("/tanks", headers=me)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [t["id"] for t in listed.json()] == [a["id"], b["id"], c["id"]]
    assert [t["id"] for t in api.get("/tanks", params={"water": "salt"}, headers=me).json()] == [
        a["id"]
    ]
    by_q = api.get("/tanks", params={"q": "REEF"}, headers=me).json()
    assert [t["id"] for t in by_q] == [a["id"]]


def test_a_reading_is_nested_and_counted(api: httpx.Client) -> None:
    me = _keeper(api)
    tank = _tank(api, me, "Nano")
    reading = _reading(
        api, me, tank, "2030-05-01", ph=7.2, nitrate_ppm=10, comment="after water change"
    )
    assert isinstance(reading["id"], int) and reading["tank_id"] == tank["id"]
    assert reading["ph"] == 7.2 and reading["taken_on"] == "2030-05-01"
    plain = _reading(api, me, tank, "2030-05-02")
    assert plain["nitrate_ppm"] == 0
    assert api.get(f"/tanks/{tank['id']}", headers=me).json()["reading_count"] == 2


def test_readings_newest_first_with_ph_range_and_since(api: httpx.Client) -> None:
    me = _keeper(api)
    tank = _tank(api, me, "Planted")
    a = _reading(api, me, tank, "2030-06-01", ph=6.5)
    b = _reading(api, me, tank, "2030-06-10", ph=7.0)
    c = _reading(api, me, tank, "2030-06-05", ph=7.5)
    url = f"/tanks/{tank['id']}/readings"
    listed = api.get(url, headers=me)
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()] == [b["id"], c["id"], a["id"]]
    ranged = api.get(url, params={"ph_min": 6.5, "ph_max": 7.0}, headers=me).json()
    assert [r["id"] for r in ranged] == [b["id"], a["id"]]
    since = api.get(url, params={"since": "2030-06-05"}, headers=me).json()
    assert [r["id"] for r in since] == [b["id"], c["id"]]


def test_report_is_plain_text_oldest_first(api: httpx.Client) -> None:
    me = _keeper(api)
    tank = _tank(api, me, "Report tank")
    _reading(api, me, tank, "2030-07-09", ph=7.4)
    _reading(api, me, tank, "2030-07-01", ph=7.2)
    response = api.get(f"/tanks/{tank['id']}/report", headers=me)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].startswith("2030-07-01") and "pH 7.2" in lines[0]
    assert lines[1].startswith("2030-07-09") and "pH 7.4" in lines[1]


def test_delete_is_204_and_takes_the_readings(api: httpx.Client) -> None:
    me = _keeper(api)
    tank = _tank(api, me, "Old tank")
    _reading(api, me, tank, "2030-08-01")
    assert api.delete(f"/tanks/{tank['id']}", headers=me).status_code == 204
    assert api.get(f"/tanks/{tank['id']}", headers=me).status_code == 404
    assert api.get(f"/tanks/{tank['id']}/readings", headers=me).status_code == 404
    assert api.get("/tanks", headers=me).json() == []


def test_unknown_tank_is_404(api: httpx.Client) -> None:
    me = _keeper(api)
    assert api.get("/tanks/987654321", headers=me).status_code == 404
    assert api.get("/tanks/987654321/report", headers=me).status_code == 404
