"""Acceptance tests for hiveinspections.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@pytest.fixture
def member() -> Iterator[Callable[[], httpx.Client]]:
    """Registers a fresh beekeeper and returns a client that sends their bearer token."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        creds = _creds()
        with httpx.Client(base_url=BASE_URL, timeout=15) as anon:
            assert anon.post("/register", json=creds).status_code == 201
            login = anon.post("/login", json=creds)
            assert login.status_code == 200, login.text
            token = login.json()["id_token"]
        client = httpx.Client(
            base_url=BASE_URL, timeout=15, headers={"Authorization": f"Bearer {token}"}
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def _creds() -> dict[str, str]:
    return {"email": f"bee{uuid.uuid4().hex[:12]}@example.org", "password": "propolis-42"}


def _hive(who: httpx.Client, name: str = "", apiary: str = "Orchard", **extra) -> dict:
    body = {"name": name or f"Hive {uuid.uuid4().hex[:8]}", "apiary": apiary, **extra}
    response = who.post("/hives", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _inspect(who: httpx.Client, hive: dict, date: str, **extra) -> dict:
    response = who.post(f"/hives/{hive['id']}/inspections", json={"date": date, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _inspections(who: httpx.Client, hive: dict, **params) -> dict:
    response = who.get(f"/hives/{hive['id']}/inspections", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["items"], list) and isinstance(body["total"], int)
    return body


def test_register_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/register", json=creds)
    assert first.status_code == 201
    assert first.json()["email"] == creds["email"] and isinstance(first.json()["id"], int)
    assert "password" not in first.json()
    assert api.post("/register", json=creds).status_code == 409
    login = api.post("/login", json=creds)
    assert login.status_code == 200
    assert isinstance(login.json()["id_token"], str) and login.json()["id_token"]
    assert login.json()["token_type"].lower() == "bearer"
    wrong = api.post("/login", json={"email": creds["email"], "password": "not-the-password"})
    assert wrong.status_code == 401


def test_hives_need_a_valid_token(api: httpx.Client) -> None:
    assert api.get("/hives").status_code == 401
    assert api.post("/hives", json={"name": "x", "apiary": "y"}).status_code == 401
    bad = {"Authorization": "Bearer not.a.real-token"}
    assert api.get("/hives", headers=bad).status_code == 401


def test_a_new_hive_is_active_with_nothing_inspected(member) -> None:
    me = member()
    made = _hive(me, apiary="Allotment 12", queen_year=2023)
    assert isinstance(made["id"], int)
    assert made["status"] == "active" and made["apiary"] == "Allotment 12"
    assert made["queen_year"] == 2023
    assert made["inspection_count"] == 0 and made["last_inspected"] is None
    got = me.get(f"/hives/{made['id']}")
    assert got.status_code == 200 and got.json()["name"] == made["name"]


def test_hive_names_are_unique_per_member_only(member) -> None:
    me, other = member(), member()
    name = f"Linden {uuid.uuid4().hex[:6]}"
    first = _hive(me, name=name)
    assert me.post("/hives", json={"name": name, "apiary": "Orchard"}).status_code == 409
    assert other.post("/hives", json={"name": name, "apiary": "Orchard"}).status_code == 201
    second = _hive(me)
    assert me.patch(f"/hives/{second['id']}", json={"name": name}).status_code == 409
    assert me.get(f"/hives/{first['id']}").json()["name"] == name


def test_another_members_hive_is_404_everywhere(member) -> None:
    me, other = member(), member()
    mine = _hive(me)
    _inspect(me, mine, "2031-05-01")
    assert other.get(f"/hives/{mine['id']}").status_code == 404
    assert other.patch(f"/hives/{mine['id']}", json={"status": "sold"}).status_code == 404
    assert other.delete(f"/hives/{mine['id']}").status_code == 404
    assert other.get(f"/hives/{mine['id']}/inspections").status_code == 404
    visit = {"date": "2031-05-02"}
    assert other.post(f"/hives/{mine['id']}/inspections", json=visit).status_code == 404
    assert all(h["id"] != mine["id"] for h in other.get("/hives").json())
    still = me.get(f"/hives/{mine['id']}").json()
    assert still["status"] == "active" and still["inspection_count"] == 1


def test_list_is_my_hives_by_name_with_apiary_and_status_filters(member) -> None:
    me = member()
    c = _hive(me, name="Clover", apiary="Orchard")
    a = _hive(me, name="Acacia", apiary="Meadow")
    b = _hive(me, name="Borage", apiary="Orchard", status="queenless")
    listed = me.get("/hives")
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [h["id"] for h in listed.json()] == [a["id"], b["id"], c["id"]]
    orchard = me.get("/hives", params={"apiary": "Orchard"}).json()
    assert [h["id"] for h in orchard] == [b["id"], c["id"]]
    queenless = me.get("/hives", params={"status": "queenless"}).json()
    assert [h["id"] for h in queenless] == [b["id"]]


def test_patch_changes_only_what_is_sent(member) -> None:
    me = member()
    made = _hive(me, apiary="Meadow", queen_year=2022, notes="docile")
    patched = me.patch(f"/hives/{made['id']}", json={"status": "queenless"})
    assert patched.status_code == 200
    body = patched.json()
    assert body["status"] == "queenless" and body["apiary"] == "Meadow"
    assert body["queen_year"] == 2022 and body["name"] == made["name"]
    assert body["notes"] == "docile"
    assert me.patch(f"/hives/{made['id']}", json={"status": "swarmed"}).status_code == 422


def test_inspections_update_the_computed_fields(member) -> None:
    me = member()
    hive = _hive(me)
    visit = _inspect(me, hive, "2031-06-10", frames_of_brood=6, temper="calm")
    assert isinstance(visit["id"], int) and visit["hive_id"] == hive["id"]
    assert visit["queen_seen"] is False and visit["frames_of_brood"] == 6
    assert visit["temper"] == "calm" and visit["date"] == "2031-06-10"
    _inspect(me, hive, "2031-06-01", queen_seen=True)
    got = me.get(f"/hives/{hive['id']}").json()
    assert got["inspection_count"] == 2 and got["last_inspected"] == "2031-06-10"
    listed = [h for h in me.get("/hives").json() if h["id"] == hive["id"]]
    assert listed[0]["inspection_count"] == 2


def test_inspection_list_is_newest_first_by_default_and_sortable(member) -> None:
    me = member()
    hive = _hive(me)
    a = _inspect(me, hive, "2031-05-01")
    c = _inspect(me, hive, "2031-05-21")
    b = _inspect(me, hive, "2031-05-11")
    page = _inspections(me, hive)
    assert [i["id"] for i in page["items"]] == [c["id"], b["id"], a["id"]]
    assert page["total"] == 3
    oldest = _inspections(me, hive, sort="date")
    assert [i["id"] for i in oldest["items"]] == [a["id"], b["id"], c["id"]]
    newest = _inspections(me, hive, sort="-date")
    assert [i["id"] for i in newest["items"]] == [c["id"], b["id"], a["id"]]


def test_from_to_are_inclusive_and_queen_seen_filters(member) -> None:
    me = member()
    hive = _hive(me)
    a = _inspect(me, hive, "2031-07-01", queen_seen=True)
    b = _inspect(me, hive, "2031-07-08")
    c = _inspect(me, hive, "2031-07-15", queen_seen=True)
    _inspect(me, hive, "2031-07-22")
    span = _inspections(me, hive, **{"from": "2031-07-01", "to": "2031-07-15"})
    assert [i["id"] for i in span["items"]] == [c["id"], b["id"], a["id"]]
    assert span["total"] == 3
    seen = _inspections(me, hive, queen_seen="true")
    assert [i["id"] for i in seen["items"]] == [c["id"], a["id"]] and seen["total"] == 2
    both = _inspections(me, hive, queen_seen="false", **{"from": "2031-07-08", "to": "2031-07-08"})
    assert [i["id"] for i in both["items"]] == [b["id"]]


def test_limit_and_offset_page_and_total_counts_all_matches(member) -> None:
    me = member()
    hive = _hive(me)
    made = [_inspect(me, hive, f"2031-08-{day:02d}") for day in range(1, 6)]
    page = _inspections(me, hive, sort="date", limit=2, offset=1)
    assert [i["id"] for i in page["items"]] == [made[1]["id"], made[2]["id"]]
    assert page["total"] == 5
    tail = _inspections(me, hive, sort="date", limit=2, offset=4)
    assert [i["id"] for i in tail["items"]] == [made[4]["id"]] and tail["total"] == 5


def test_invalid_bodies_are_422(member) -> None:
    me = member()
    assert me.post("/hives", json={"name": "No apiary"}).status_code == 422
    bad_status = {"name": f"H {uuid.uuid4().hex[:6]}", "apiary": "x", "status": "happy"}
    assert me.post("/hives", json=bad_status).status_code == 422
    hive = _hive(me)
    url = f"/hives/{hive['id']}/inspections"
    assert me.post(url, json={"queen_seen": True}).status_code == 422
    assert me.post(url, json={"date": "2031-05-01", "frames_of_brood": 21}).status_code == 422
    assert me.post(url, json={"date": "2031-05-01", "temper": "grumpy"}).status_code == 422
    assert me.get(f"/hives/{hive['id']}").json()["inspection_count"] == 0


def test_delete_is_204_and_takes_the_inspections_along(member) -> None:
    me = member()
    hive = _hive(me)
    _inspect(me, hive, "2031-09-01")
    assert me.delete(f"/hives/{hive['id']}").status_code == 204
    assert me.get(f"/hives/{hive['id']}").status_code == 404
    assert me.get(f"/hives/{hive['id']}/inspections").status_code == 404
    assert me.delete(f"/hives/{hive['id']}").status_code == 404
