"""Acceptance tests for plantcare.md, written from the document and its prose before generating.

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


def _account() -> dict[str, str]:
    return {"username": f"p{uuid.uuid4().hex[:12]}", "password": "green-thumb-42"}


def _user(api: httpx.Client) -> dict[str, str]:
    account = _account()
    assert api.post("/signup", json=account).status_code == 201
    login = api.post("/login", json=account)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _plant(api: httpx.Client, who: dict[str, str], **fields: object) -> dict:
    body = {"name": "Monstera", "water_every_days": 7, **fields}
    response = api.post("/plants", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _water(api: httpx.Client, who: dict[str, str], plant: dict, **fields: object) -> dict:
    response = api.post(f"/plants/{plant['id']}/waterings", json=fields, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_sign_up_answers_201_without_the_password_and_409_when_taken(api: httpx.Client) -> None:
    account = _account()
    response = api.post("/signup", json=account)
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == account["username"] and isinstance(body["id"], int)
    assert "password" not in body
    assert api.post("/signup", json=account).status_code == 409


def test_log_in_gives_a_token_and_a_wrong_password_answers_401(api: httpx.Client) -> None:
    account = _account()
    api.post("/signup", json=account)
    assert isinstance(api.post("/login", json=account).json()["access_token"], str)
    wrong = api.post("/login", json={**account, "password": "brown-thumb-00"})
    assert wrong.status_code == 401


def test_plants_need_a_token(api: httpx.Client) -> None:
    assert api.get("/plants").status_code == 401
    assert api.post("/plants", json={"name": "Fern", "water_every_days": 3}).status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert api.get("/plants", headers=bad).status_code == 401


def test_a_new_plant_answers_201_with_a_location_and_was_never_watered(api: httpx.Client) -> None:
    me = _user(api)
    response = api.post("/plants", json={"name": "Fern", "water_every_days": 3}, headers=me)
    assert response.status_code == 201
    plant = response.json()
    assert isinstance(plant["id"], int) and plant["name"] == "Fern"
    assert plant["last_watered"] is None and plant["next_watering"] is None
    assert plant.get("species") is None
    location = response.headers["location"]
    assert location.endswith(f"/plants/{plant['id']}")
    got = api.get(f"/plants/{plant['id']}", headers=me)
    assert got.status_code == 200 and got.json()["water_every_days"] == 3


def test_read_only_fields_sent_by_the_app_are_ignored(api: httpx.Client) -> None:
    me = _user(api)
    plant = _plant(api, me, last_watered="2020-01-01", next_watering="2020-01-08")
    assert plant["last_watered"] is None and plant["next_watering"] is None


def test_schema_violations_answer_422(api: httpx.Client) -> None:
    me = _user(api)
    for body in (
        {"name": "", "water_every_days": 7},
        {"name": "x" * 41, "water_every_days": 7},
        {"name": "Cactus", "water_every_days": 0},
        {"name": "Cactus", "water_every_days": 61},
        {"water_every_days": 7},
    ):
        assert api.post("/plants", json=body, headers=me).status_code == 422, body
    plant = _plant(api, me)
    zero = api.post(f"/plants/{plant['id']}/waterings", json={"amount_ml": 0}, headers=me)
    assert zero.status_code == 422


def test_my_list_has_only_my_plants_sorted_by_name(api: httpx.Client) -> None:
    me, partner = _user(api), _user(api)
    zz = _plant(api, me, name="Zebra plant")
    aa = _plant(api, me, name="Aloe", species="Aloe vera")
    mm = _plant(api, me, name="Monstera")
    _plant(api, partner, name="Basil")
    listed = api.get("/plants", headers=me)
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()] == [aa["id"], mm["id"], zz["id"]]
    assert listed.json()[0]["species"] == "Aloe vera"


def test_someone_elses_plant_answers_404(api: httpx.Client) -> None:
    me, partner = _user(api), _user(api)
    plant = _plant(api, me)
    path = f"/plants/{plant['id']}"
    assert api.get(path, headers=partner).status_code == 404
    assert api.get(f"{path}/waterings", headers=partner).status_code == 404
    watered = api.post(f"{path}/waterings", json={"on": "2026-01-02"}, headers=partner)
    assert watered.status_code == 404
    assert api.delete(path, headers=partner).status_code == 404
    assert api.get(path, headers=me).json()["last_watered"] is None


def test_watering_sets_last_watered_and_next_watering(api: httpx.Client) -> None:
    me = _user(api)
    plant = _plant(api, me, water_every_days=10)
    first = _water(api, me, plant, on="2026-01-05", amount_ml=250, note="half a can")
    assert (
        first["on"] == "2026-01-05" and first["amount_ml"] == 250 and first["note"] == "half a can"
    )
    _water(api, me, plant, on="2026-01-20")
    _water(api, me, plant, on="2026-01-12")
    got = api.get(f"/plants/{plant['id']}", headers=me).json()
    assert got["last_watered"] == "2026-01-20" and got["next_watering"] == "2026-01-30"


def test_waterings_are_listed_latest_first_and_default_to_today(api: httpx.Client) -> None:
    me = _user(api)
    plant = _plant(api, me)
    _water(api, me, plant, on="2025-11-01")
    _water(api, me, plant, on="2025-12-24")
    today = _water(api, me, plant)
    assert today["on"] in {(dt.date.today() + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    listed = api.get(f"/plants/{plant['id']}/waterings", headers=me)
    assert listed.status_code == 200
    assert [w["on"] for w in listed.json()] == [today["on"], "2025-12-24", "2025-11-01"]


def test_thirsty_keeps_never_watered_and_overdue_plants(api: httpx.Client) -> None:
    me = _user(api)
    never = _plant(api, me, name="Never watered")
    overdue = _plant(api, me, name="Overdue", water_every_days=3)
    _water(api, me, overdue, on="2020-03-01")
    fresh = _plant(api, me, name="Fresh", water_every_days=30)
    _water(api, me, fresh)
    thirsty = api.get("/plants", params={"thirsty": "true"}, headers=me)
    assert thirsty.status_code == 200
    assert [p["id"] for p in thirsty.json()] == [never["id"], overdue["id"]]
    assert len(api.get("/plants", headers=me).json()) == 3


def test_deleting_a_plant_answers_204_and_takes_its_waterings(api: httpx.Client) -> None:
    me = _user(api)
    plant = _plant(api, me)
    _water(api, me, plant, on="2026-02-01")
    path = f"/plants/{plant['id']}"
    deleted = api.delete(path, headers=me)
    assert deleted.status_code == 204 and deleted.content == b""
    assert api.get(path, headers=me).status_code == 404
    assert api.get(f"{path}/waterings", headers=me).status_code == 404
    assert api.get("/plants", headers=me).json() == []
