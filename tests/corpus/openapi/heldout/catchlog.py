"""Acceptance tests for catchlog.md, written from the document and its prose only.

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
def angler() -> Iterator[Callable[[], httpx.Client]]:
    """Registers a fresh angler and returns a client sending their X-Angler-Key.

    The client's `name` attribute holds the angler's name.
    """
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        name = f"Angler {uuid.uuid4().hex[:10]}"
        with httpx.Client(base_url=BASE_URL, timeout=15) as anon:
            response = anon.post("/anglers", json={"name": name})
        assert response.status_code == 201, response.text
        key = response.json()["api_key"]
        client = httpx.Client(base_url=BASE_URL, timeout=15, headers={"X-Angler-Key": key})
        client.name = name  # type: ignore[attr-defined]
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def _water() -> str:
    """A lake name no other test uses, so `water=` isolates this test's catches."""
    return f"Lake {uuid.uuid4().hex[:10]}"


def _catch(
    who: httpx.Client,
    water: str,
    species: str = "pike",
    weight_kg: float = 2.0,
    caught_on: str = "2032-05-01",
    **extra,
) -> dict:
    body = {
        "species": species,
        "weight_kg": weight_kg,
        "caught_on": caught_on,
        "water": water,
        **extra,
    }
    response = who.post("/catches", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(who: httpx.Client, **params) -> list[int]:
    response = who.get("/catches", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [c["id"] for c in response.json()]


def test_registration_gives_a_key_and_names_are_unique(api: httpx.Client) -> None:
    name = f"Hanne {uuid.uuid4().hex[:8]}"
    first = api.post("/anglers", json={"name": name})
    assert first.status_code == 201
    body = first.json()
    assert body["name"] == name and isinstance(body["id"], int)
    assert isinstance(body["api_key"], str) and body["api_key"]
    assert api.post("/anglers", json={"name": name}).status_code == 409
    assert api.post("/anglers", json={}).status_code == 422


def test_everything_else_needs_a_valid_key(api: httpx.Client) -> None:
    body = {"species": "pike", "weight_kg": 1, "caught_on": "2032-01-01", "water": "x"}
    assert api.get("/catches").status_code == 401
    assert api.post("/catches", json=body).status_code == 401
    assert api.get("/anglers/me").status_code == 401
    bad = {"X-Angler-Key": f"nope-{uuid.uuid4().hex}"}
    assert api.get("/catches", headers=bad).status_code == 401
    assert api.get("/anglers/me", headers=bad).status_code == 401


def test_a_new_catch_has_the_defaults_and_my_name(angler) -> None:
    me = angler()
    water = _water()
    made = _catch(me, water, "perch", 0.45, "2032-04-03")
    assert isinstance(made["id"], int)
    assert made["angler"] == me.name and made["released"] is True
    assert made["length_cm"] is None and made["bait"] is None
    assert made["species"] == "perch" and made["weight_kg"] == pytest.approx(0.45)
    assert made["caught_on"] == "2032-04-03" and made["water"] == water
    got = me.get(f"/catches/{made['id']}")
    assert got.status_code == 200 and got.json()["angler"] == me.name


def test_the_book_is_shared_but_only_the_owner_changes_a_catch(angler) -> None:
    me, other = angler(), angler()
    water = _water()
    mine = _catch(me, water, "carp", 6.2, length_cm=64, bait="boilie")
    seen = other.get(f"/catches/{mine['id']}")
    assert seen.status_code == 200 and seen.json()["angler"] == me.name
    assert _ids(other, water=water) == [mine["id"]]
    assert other.patch(f"/catches/{mine['id']}", json={"weight_kg": 9.9}).status_code == 403
    assert other.delete(f"/catches/{mine['id']}").status_code == 403
    still = me.get(f"/catches/{mine['id']}").json()
    assert still["weight_kg"] == pytest.approx(6.2)


def test_patch_changes_only_what_is_sent(angler) -> None:
    me = angler()
    water = _water()
    made = _catch(me, water, "trout", 1.1, "2032-06-01", length_cm=41, bait="fly")
    patched = me.patch(f"/catches/{made['id']}", json={"released": False, "weight_kg": 1.25})
    assert patched.status_code == 200
    body = patched.json()
    assert body["released"] is False and body["weight_kg"] == pytest.approx(1.25)
    assert body["species"] == "trout" and body["length_cm"] == 41 and body["bait"] == "fly"
    assert body["caught_on"] == "2032-06-01" and body["water"] == water
    assert body["angler"] == me.name


def test_invalid_catches_are_422(angler) -> None:
    me = angler()
    water = _water()
    good = {"species": "pike", "weight_kg": 3.0, "caught_on": "2032-05-05", "water": water}
    assert me.post("/catches", json={**good, "weight_kg": 0}).status_code == 422
    assert me.post("/catches", json={**good, "weight_kg": -1.5}).status_code == 422
    assert me.post("/catches", json={**good, "species": "shark"}).status_code == 422
    missing = {k: v for k, v in good.items() if k != "caught_on"}
    assert me.post("/catches", json=missing).status_code == 422
    assert _ids(me, water=water) == []
    made = _catch(me, water)
    assert me.patch(f"/catches/{made['id']}", json={"weight_kg": 0}).status_code == 422


def test_default_order_is_latest_catch_first_and_sort_works(angler) -> None:
    me = angler()
    water = _water()
    a = _catch(me, water, weight_kg=3.0, caught_on="2032-05-10")
    b = _catch(me, water, weight_kg=1.0, caught_on="2032-05-20")
    c = _catch(me, water, weight_kg=2.0, caught_on="2032-05-01")
    assert _ids(me, water=water) == [b["id"], a["id"], c["id"]]
    assert _ids(me, water=water, sort="-caught_on") == [b["id"], a["id"], c["id"]]
    assert _ids(me, water=water, sort="caught_on") == [c["id"], a["id"], b["id"]]
    assert _ids(me, water=water, sort="weight") == [b["id"], c["id"], a["id"]]
    assert _ids(me, water=water, sort="-weight") == [a["id"], c["id"], b["id"]]


def test_species_released_weight_and_date_filters(angler) -> None:
    me = angler()
    water = _water()
    a = _catch(me, water, "pike", 2.0, "2032-07-01")
    b = _catch(me, water, "zander", 3.0, "2032-07-05", released=False)
    c = _catch(me, water, "pike", 4.0, "2032-07-09")
    assert _ids(me, water=water, species="pike") == [c["id"], a["id"]]
    assert _ids(me, water=water, released="false") == [b["id"]]
    assert _ids(me, water=water, released="true") == [c["id"], a["id"]]
    assert _ids(me, water=water, min_weight=2.0, max_weight=3.0) == [b["id"], a["id"]]
    assert _ids(me, water=water, min_weight=3.5) == [c["id"]]
    window = {"water": water, "from": "2032-07-05", "to": "2032-07-09"}
    assert _ids(me, **window) == [c["id"], b["id"]]
    assert _ids(me, water=water, to="2032-07-01") == [a["id"]]


def test_water_ignores_case_and_angler_is_exact(angler) -> None:
    me, other = angler(), angler()
    water = _water()
    mine = _catch(me, water, caught_on="2032-08-02")
    theirs = _catch(other, water.upper(), caught_on="2032-08-01")
    assert _ids(me, water=water.lower()) == [mine["id"], theirs["id"]]
    assert _ids(me, water=water, angler=other.name) == [theirs["id"]]
    assert _ids(other, water=water, angler=me.name) == [mine["id"]]


def test_limit_and_offset(angler) -> None:
    me = angler()
    water = _water()
    made = [_catch(me, water, caught_on=f"2032-09-{day:02d}") for day in range(1, 6)]
    assert _ids(me, water=water, sort="caught_on", limit=2) == [made[0]["id"], made[1]["id"]]
    page = _ids(me, water=water, sort="caught_on", limit=2, offset=3)
    assert page == [made[3]["id"], made[4]["id"]]
    assert _ids(me, water=water, sort="caught_on", offset=4) == [made[4]["id"]]


def test_me_counts_my_catches_and_my_heaviest(angler) -> None:
    me, other = angler(), angler()
    fresh = me.get("/anglers/me")
    assert fresh.status_code == 200
    body = fresh.json()
    assert body["name"] == me.name and isinstance(body["id"], int)
    assert body["catch_count"] == 0 and body["heaviest_kg"] is None
    water = _water()
    _catch(me, water, weight_kg=1.5)
    _catch(me, water, weight_kg=4.75)
    _catch(other, water, weight_kg=12.0)
    after = me.get("/anglers/me").json()
    assert after["catch_count"] == 2 and after["heaviest_kg"] == pytest.approx(4.75)


def test_delete_is_204_then_404_and_my_count_drops(angler) -> None:
    me = angler()
    water = _water()
    made = _catch(me, water)
    assert me.get("/anglers/me").json()["catch_count"] == 1
    assert me.delete(f"/catches/{made['id']}").status_code == 204
    assert me.get(f"/catches/{made['id']}").status_code == 404
    assert me.delete(f"/catches/{made['id']}").status_code == 404
    assert me.patch(f"/catches/{made['id']}", json={"released": False}).status_code == 404
    assert me.get("/anglers/me").json()["catch_count"] == 0
